//! Keys to actions, for whatever the rep is doing now (a popup, the checkout form, a
//! filter being typed, or a screen), and the help text listing the same keys.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::document::DocFormat;
use crate::domain::rules::Transition;
use crate::report::Grouping;

use super::action::Action;
use super::field::Edit;
use super::hits::Hits;
use super::state::{Checkout, Field, InputTarget, Popup, Screen, State};

/// The action for a key press in the current state, if the key means anything there.
pub fn map(key: KeyEvent, state: &State) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    // "Terminal too small" hides everything: any other key would act unseen.
    if !super::size::fits(state.width, state.height) {
        return (key.code == KeyCode::Char('q')).then_some(Action::Quit);
    }
    if let Some(popup) = &state.popup {
        return popup_key(key, popup);
    }
    if let Some(form) = &state.cart_tab.checkout {
        return form_key(key, ctrl, form);
    }
    if state.customers_tab.form.is_some() {
        return customer_form_key(key, ctrl);
    }
    if state.input.is_some() {
        return input_key(key);
    }
    screen_key(key, ctrl, state)
}

/// The action for a mouse event over the frame whose clickable places are `hits`. Only
/// what is on screen and not covered can be clicked: under a popup, the form or a typed
/// quantity, the mouse does nothing but scroll the help.
pub fn mouse(event: MouseEvent, hits: &Hits, state: &State) -> Option<Action> {
    let covered = state.cart_tab.checkout.is_some()
        || state.popup.is_some()
        || state.input == Some(InputTarget::Quantity);
    match event.kind {
        MouseEventKind::ScrollUp if !covered || state.popup == Some(Popup::Help) => {
            Some(Action::Up)
        }
        MouseEventKind::ScrollDown if !covered || state.popup == Some(Popup::Help) => {
            Some(Action::Down)
        }
        MouseEventKind::Down(MouseButton::Left) if !covered => {
            hits.at(event.column, event.row).map(Action::Point)
        }
        _ => None,
    }
}

fn popup_key(key: KeyEvent, popup: &Popup) -> Option<Action> {
    match (popup, key.code) {
        (Popup::FollowUps { .. }, KeyCode::Up | KeyCode::Char('k')) => Some(Action::Up),
        (Popup::FollowUps { .. }, KeyCode::Down | KeyCode::Char('j')) => Some(Action::Down),
        (Popup::FollowUps { .. }, KeyCode::Enter) => Some(Action::Enter),
        (Popup::FollowUps { .. }, KeyCode::Char(c @ ('a' | 'r' | 's' | 'd'))) => {
            Some(Action::FollowUpStep(c))
        }
        (Popup::FollowUps { .. }, KeyCode::Esc | KeyCode::Char('q')) => Some(Action::Back),
        (Popup::FollowUps { .. }, _) => None,
        (Popup::Lists { .. }, KeyCode::Up | KeyCode::Char('k')) => Some(Action::Up),
        (Popup::Lists { .. }, KeyCode::Down | KeyCode::Char('j')) => Some(Action::Down),
        (Popup::Lists { .. }, KeyCode::Enter) => Some(Action::Enter),
        (Popup::Lists { .. }, KeyCode::Esc | KeyCode::Char('q' | 'L')) => Some(Action::Back),
        (Popup::Lists { .. }, _) => None,
        (Popup::CustomerClash { .. }, KeyCode::Char(c @ '1'..='9')) => {
            Some(Action::Keep(c as usize - '0' as usize))
        }
        (Popup::CustomerClash { .. }, KeyCode::Esc | KeyCode::Char('q')) => Some(Action::Back),
        (Popup::CustomerClash { .. }, _) => None,
        (Popup::Palette { .. }, KeyCode::Esc) => Some(Action::Back),
        (Popup::Palette { .. }, KeyCode::Enter) => Some(Action::Enter),
        (Popup::Palette { .. }, KeyCode::Up) => Some(Action::Up),
        (Popup::Palette { .. }, KeyCode::Down) => Some(Action::Down),
        (Popup::Palette { .. }, _) => edit_key(key).map(Action::Edit),
        (Popup::Confirm(_), KeyCode::Char('y' | 'Y')) => Some(Action::Confirm(true)),
        (Popup::Confirm(_), KeyCode::Char('n' | 'N' | 'q') | KeyCode::Esc) => {
            Some(Action::Confirm(false))
        }
        (Popup::Confirm(_), _) => None,
        (Popup::Decide(c), KeyCode::Esc) if c.asks_why() => Some(Action::Back),
        (Popup::Decide(c), KeyCode::Enter) if c.asks_why() => Some(Action::Enter),
        (Popup::Decide(c), _) if c.asks_why() => edit_key(key).map(Action::Edit),
        (Popup::Decide(_), KeyCode::Char('1')) => Some(Action::Keep(1)),
        (Popup::Decide(_), KeyCode::Char('2')) => Some(Action::Keep(2)),
        (Popup::Decide(_), KeyCode::Esc | KeyCode::Char('q')) => Some(Action::Back),
        (Popup::Decide(_), _) => None,
        (Popup::Reason(_), KeyCode::Esc) => Some(Action::Confirm(false)),
        (Popup::Reason(_), KeyCode::Enter) => Some(Action::Enter),
        (Popup::Reason(_), _) => edit_key(key).map(Action::Edit),
        (Popup::Export(_), KeyCode::Char('m')) => Some(Action::ExportAs(DocFormat::Md)),
        (Popup::Export(_), KeyCode::Char('h')) => Some(Action::ExportAs(DocFormat::Html)),
        (Popup::Export(_), KeyCode::Char('p')) => Some(Action::ExportAs(DocFormat::Pdf)),
        (Popup::Help, KeyCode::Up | KeyCode::Char('k')) => Some(Action::Up),
        (Popup::Help, KeyCode::Down | KeyCode::Char('j')) => Some(Action::Down),
        (Popup::Help, KeyCode::PageUp) => Some(Action::PageUp),
        (Popup::Help, KeyCode::PageDown) => Some(Action::PageDown),
        (Popup::Help, KeyCode::Home | KeyCode::Char('g')) => Some(Action::Top),
        (Popup::Help, KeyCode::End | KeyCode::Char('G')) => Some(Action::Bottom),
        (_, KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q' | '?')) => Some(Action::Back),
        // A notice is closed by any key, so the first key after it never goes nowhere; a
        // screen's number or Tab also goes to that screen.
        (Popup::Notice { .. }, code) => Some(match code {
            KeyCode::Char(c @ '1'..='6') => Action::CloseThen(Box::new(Action::Show(
                Screen::ALL[c as usize - '1' as usize],
            ))),
            KeyCode::Tab => Action::CloseThen(Box::new(Action::NextScreen)),
            KeyCode::BackTab => Action::CloseThen(Box::new(Action::PrevScreen)),
            _ => Action::Dismiss,
        }),
        _ => None,
    }
}

fn form_key(key: KeyEvent, ctrl: bool, form: &Checkout) -> Option<Action> {
    // On the customer field, ↓ ↑ go through the suggestions while there are some.
    let suggesting = form.focused() == Field::Customer && !form.suggestions.is_empty();
    Some(match key.code {
        KeyCode::Char('s') if ctrl => Action::Submit,
        KeyCode::Esc => Action::Back,
        KeyCode::Down if suggesting => Action::FieldDown,
        KeyCode::Up if suggesting => Action::FieldUp,
        KeyCode::Tab | KeyCode::Down => Action::NextField,
        KeyCode::BackTab | KeyCode::Up => Action::PrevField,
        KeyCode::Enter => Action::Enter,
        _ => return edit_key(key).map(Action::Edit),
    })
}

/// The customer form: the checkout form's keys, without suggestions.
fn customer_form_key(key: KeyEvent, ctrl: bool) -> Option<Action> {
    Some(match key.code {
        KeyCode::Char('s') if ctrl => Action::Submit,
        KeyCode::Esc => Action::Back,
        KeyCode::Tab | KeyCode::Down => Action::NextField,
        KeyCode::BackTab | KeyCode::Up => Action::PrevField,
        KeyCode::Enter => Action::Enter,
        _ => return edit_key(key).map(Action::Edit),
    })
}

fn input_key(key: KeyEvent) -> Option<Action> {
    Some(match key.code {
        KeyCode::Esc => Action::Back,
        KeyCode::Enter => Action::Enter,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        _ => return edit_key(key).map(Action::Edit),
    })
}

/// The edit a key makes in a text field: the keys of a shell's line (readline), the same
/// in every field. Listed in the help as [`TYPING`].
pub fn edit_key(key: KeyEvent) -> Option<Edit> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    // Terminals send Alt-b as ESC b, which crossterm reports as Alt; kitty's protocol as Meta.
    let alt = key
        .modifiers
        .intersects(KeyModifiers::ALT | KeyModifiers::META);
    Some(match key.code {
        // AltGr (a European keyboard's @ { [ ) comes as Ctrl+Alt with the character typed.
        KeyCode::Char(c) if ctrl && alt => Edit::InsertChar(c),
        KeyCode::Char('a') if ctrl => Edit::GoToStart,
        KeyCode::Char('e') if ctrl => Edit::GoToEnd,
        KeyCode::Char('u') if ctrl => Edit::DeleteFromStart,
        KeyCode::Char('k') if ctrl => Edit::DeleteTillEnd,
        KeyCode::Char('w') if ctrl => Edit::DeletePrevWord,
        KeyCode::Char('b') if alt => Edit::GoToPrevWord,
        KeyCode::Char('f') if alt => Edit::GoToNextWord,
        KeyCode::Char('d') if alt => Edit::DeleteNextWord,
        KeyCode::Backspace if alt || ctrl => Edit::DeletePrevWord,
        KeyCode::Left if alt || ctrl => Edit::GoToPrevWord,
        KeyCode::Right if alt || ctrl => Edit::GoToNextWord,
        KeyCode::Left => Edit::GoToPrevChar,
        KeyCode::Right => Edit::GoToNextChar,
        KeyCode::Home => Edit::GoToStart,
        KeyCode::End => Edit::GoToEnd,
        KeyCode::Backspace => Edit::DeletePrevChar,
        KeyCode::Delete => Edit::DeleteNextChar,
        KeyCode::Char(c) if !ctrl && !alt => Edit::InsertChar(c),
        _ => return None,
    })
}

/// A screen's key, or a hint that the key does nothing there. Only screens hint: text
/// inputs take every character, and popups ignore what they do not use.
fn screen_key(key: KeyEvent, ctrl: bool, state: &State) -> Option<Action> {
    screen_action(key, ctrl, state).or_else(|| key_name(key, ctrl).map(Action::UnknownKey))
}

/// How a key is named in a hint; `None` for keys a rep does not press on purpose
/// (modifiers alone, media keys, lock keys), which pass silently.
fn key_name(key: KeyEvent, ctrl: bool) -> Option<String> {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        // Terminals report Ctrl-x as x with Control; it is written Ctrl-X.
        KeyCode::Char(c) if ctrl => c.to_uppercase().to_string(),
        KeyCode::Char(c) if !c.is_control() => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::Insert => "Insert".into(),
        KeyCode::F(n) => format!("F{n}"),
        _ => return None,
    };
    Some(if ctrl { format!("Ctrl-{name}") } else { name })
}

fn screen_action(key: KeyEvent, ctrl: bool, state: &State) -> Option<Action> {
    let screen = state.screen;
    if ctrl {
        return match key.code {
            KeyCode::Char('r') => Some(Action::Refresh),
            KeyCode::Char('p') => Some(Action::Palette),
            KeyCode::Char('o') => Some(Action::OpenExported),
            _ => None,
        };
    }
    let global = match key.code {
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Char('1') => Some(Action::Show(Screen::Catalog)),
        KeyCode::Char('2') => Some(Action::Show(Screen::Cart)),
        KeyCode::Char('3') => Some(Action::Show(Screen::Quotes)),
        KeyCode::Char('4') => Some(Action::Show(Screen::Orders)),
        KeyCode::Char('5') => Some(Action::Show(Screen::Reports)),
        KeyCode::Char('6') => Some(Action::Show(Screen::Customers)),
        KeyCode::Tab => Some(Action::NextScreen),
        KeyCode::BackTab => Some(Action::PrevScreen),
        KeyCode::Char('?') => Some(Action::Help),
        KeyCode::Char(':') => Some(Action::Palette),
        KeyCode::Char('w') => Some(Action::FollowUps),
        KeyCode::Char('t') => Some(Action::Terms),
        KeyCode::F(5) => Some(Action::Refresh),
        KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
        KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
        KeyCode::Home | KeyCode::Char('g') => Some(Action::Top),
        KeyCode::End | KeyCode::Char('G') => Some(Action::Bottom),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown => Some(Action::PageDown),
        KeyCode::Esc => Some(Action::Back),
        KeyCode::Char('u') => Some(Action::Undo),
        _ => None,
    };
    if global.is_some() {
        return global;
    }
    match (screen, key.code) {
        (Screen::Catalog, KeyCode::Left | KeyCode::Char('h')) => Some(Action::Left),
        (Screen::Catalog, KeyCode::Right | KeyCode::Char('l')) => Some(Action::Right),
        (Screen::Catalog | Screen::Orders | Screen::Quotes | Screen::Customers, KeyCode::Enter) => {
            Some(Action::Enter)
        }
        (Screen::Customers, KeyCode::Char('a')) => Some(Action::AddCustomer),
        (Screen::Customers, KeyCode::Char('e')) => Some(Action::EditCustomer),
        (Screen::Customers, KeyCode::Char('K')) => Some(Action::Decide),
        (Screen::Catalog, KeyCode::Char('a')) => Some(Action::Add),
        (Screen::Catalog, KeyCode::Char('L')) => Some(Action::Lists),
        (Screen::Catalog | Screen::Cart, KeyCode::Char('r')) => Some(Action::SwitchRegion),
        (
            Screen::Catalog | Screen::Orders | Screen::Quotes | Screen::Customers,
            KeyCode::Char('/'),
        ) => Some(Action::StartInput),
        (Screen::Cart, KeyCode::Char('+' | '=')) => Some(Action::More),
        (Screen::Cart, KeyCode::Char('-' | '_')) => Some(Action::Less),
        (Screen::Cart, KeyCode::Char('x') | KeyCode::Delete) => Some(Action::Remove),
        (Screen::Cart, KeyCode::Char('c')) => Some(Action::Checkout),
        (Screen::Cart, KeyCode::Char('Q')) => Some(Action::QuoteForm),
        (Screen::Quotes, KeyCode::Char('f')) => Some(Action::CycleFilter),
        (Screen::Quotes, KeyCode::Char('a')) => Some(Action::AcceptQuote),
        (Screen::Quotes, KeyCode::Char('D')) => Some(Action::DeclineQuote),
        (Screen::Quotes, KeyCode::Char('r')) => Some(Action::Requote),
        (Screen::Quotes, KeyCode::Char('E')) => Some(Action::Revise),
        (Screen::Quotes, KeyCode::Char('x')) => Some(Action::ExportQuote),
        (Screen::Quotes, KeyCode::Char('o')) => Some(Action::OpenLinkedOrder),
        (Screen::Quotes, KeyCode::Char('K')) => Some(Action::Decide),
        (Screen::Cart, KeyCode::Enter | KeyCode::Char('e')) => Some(Action::EditQuantity),
        (Screen::Orders, KeyCode::Char('f')) => Some(Action::CycleFilter),
        (Screen::Orders, KeyCode::Char('F')) => Some(Action::CycleFilterBack),
        (Screen::Orders, KeyCode::Char('o')) => Some(Action::CycleSort),
        (Screen::Orders, KeyCode::Char('O')) => Some(Action::ReverseSort),
        (Screen::Orders, KeyCode::Char('e')) => Some(Action::ToggleExpiring),
        (Screen::Orders, KeyCode::Char(' ')) if state.orders.detail.is_none() => Some(Action::Mark),
        (Screen::Orders, KeyCode::Char('s')) => Some(Action::Request(Transition::StartDelivery)),
        (Screen::Orders, KeyCode::Char('d')) => Some(Action::Request(Transition::MarkDelivered)),
        (Screen::Orders, KeyCode::Char('R')) => Some(Action::Request(Transition::Refund)),
        (
            Screen::Orders | Screen::Quotes | Screen::Reports | Screen::Customers,
            KeyCode::Char('X'),
        ) => Some(Action::ExportList),
        (Screen::Orders, KeyCode::Char('p')) => Some(Action::Repurchase),
        (Screen::Orders, KeyCode::Char('x')) => Some(Action::Export),
        (Screen::Orders, KeyCode::Char('S')) => Some(Action::Sync),
        (Screen::Orders, KeyCode::Char('n')) => Some(Action::ToggleDecisions),
        (Screen::Orders, KeyCode::Char('K')) => Some(Action::Decide),
        (Screen::Reports, KeyCode::Left | KeyCode::Char('h')) => Some(Action::Left),
        (Screen::Reports, KeyCode::Right | KeyCode::Char('l')) => Some(Action::Right),
        (Screen::Reports, KeyCode::Enter) => Some(Action::Enter),
        (Screen::Reports, KeyCode::Char('p')) => Some(Action::CycleSpan),
        (Screen::Reports, KeyCode::Char(c)) => REPORT_KEYS
            .iter()
            .find(|(k, _)| *k == c)
            .map(|(_, g)| Action::Group(*g)),
        _ => None,
    }
}

/// A titled group of (keys, what they do) for the help popup.
pub type HelpSection = (&'static str, &'static [(&'static str, &'static str)]);

const GLOBAL: HelpSection = (
    "Everywhere",
    &[
        (
            "1 2 3 4 5 6",
            "Catalog, Cart, Quotes, Orders, Reports, Customers",
        ),
        ("Tab / Shift-Tab", "next / previous screen"),
        ("↑ ↓  k j", "move"),
        ("g G  Home End", "first / last"),
        ("PgUp PgDn", "page up / down"),
        ("u", "undo the last cart change"),
        ("Ctrl-R  F5", "reload orders from the folder"),
        ("Ctrl-O", "open the last exported file"),
        ("?", "this help"),
        (
            "w",
            "what to follow up: quotes lapsing or lapsed, orders expiring or long in delivery",
        ),
        (
            ":  Ctrl-P",
            "go to an order, quote, customer or tier, or find a key by name",
        ),
        (
            "t",
            "the billing rules of the price list (end of this help)",
        ),
        ("Esc", "close popup, form, filter or detail"),
        (
            "any key",
            "closes a notice; over it, 1-6 and Tab still go to a screen",
        ),
        ("mouse", "click a tab or a row; the wheel scrolls"),
        ("q", "quit (the cart is kept)"),
        ("Ctrl-C", "quit at once"),
    ],
);

const CATALOG: HelpSection = (
    "Catalog",
    &[
        ("← → h l", "lists · families · services · tiers"),
        ("Enter", "go right; on a tier: add one to the cart"),
        ("a", "add one of the highlighted tier"),
        ("r", "the cart's next region (OC1 ↔ OC2)"),
        ("L", "the price lists to sell from"),
        (
            "/",
            "filter services and tiers (Enter keeps; Esc clears and goes back)",
        ),
    ],
);

const CART: HelpSection = (
    "Cart",
    &[
        ("+ -", "quantity of the selected line"),
        ("Enter  e", "type the quantity (1 to 999)"),
        ("x  Delete", "remove the line"),
        ("r", "switch region (reprices every line)"),
        ("c", "check out"),
        ("Q", "save the cart as a quote for a customer"),
    ],
);

const CHECKOUT: HelpSection = (
    "Checkout and quote form",
    &[
        ("Tab / Shift-Tab", "next / previous field"),
        ("↓ ↑  Tab", "customer: go through suggestions / take one"),
        ("Country", "sets the region and says why"),
        ("Region, Why", "another region needs a reason"),
        ("Enter", "next field; on the last field: save"),
        ("Ctrl-S", "save the order or quote"),
        ("Esc", "close; c brings back what was typed"),
    ],
);

/// The keys of every text field (filter, search, checkout, quantity, refund reason).
pub const TYPING: HelpSection = (
    "Typing in a field",
    &[
        ("← →  Home End", "move the cursor"),
        ("Ctrl-A Ctrl-E", "start / end of the line"),
        ("Alt-B Alt-F", "word back / forward"),
        ("Backspace Del", "delete before / at the cursor"),
        ("Ctrl-W  Alt-D", "delete the word before / after"),
        ("Ctrl-U Ctrl-K", "delete to the start / end"),
        ("(paste)", "one line: newlines become spaces"),
    ],
);

const ORDERS: HelpSection = (
    "Orders",
    &[
        ("Enter", "open the detail; ↑ ↓ there: prev / next"),
        ("/", "search customer, id, rep, note, SKU, service, tier"),
        ("f / F", "status filter: next / previous"),
        (
            "e",
            "only unused orders expiring within 30 days (again: all)",
        ),
        (
            "o / O",
            "sort by date, customer, total, status, valid until / turn round",
        ),
        ("Esc", "clear the marks, the search, then a report's group"),
        (
            "Space",
            "mark the order; s d R then change every marked one",
        ),
        ("s", "start delivery"),
        ("d", "mark delivered"),
        ("R", "refund (only before usage), with an optional reason"),
        ("p", "repurchase into the cart at today's prices"),
        ("X", "write the orders listed as CSV to the export folder"),
        ("x", "detail: export as Markdown, HTML or PDF"),
        ("y / n", "confirm / cancel a status change"),
        ("S", "sync the team book: commit, pull, push"),
        ("n", "only orders needing a decision, or all"),
        ("K", "decide between two desks' changes"),
        ("1 / 2", "in a decision: keep it, void the other"),
        ("Enter", "in a decision: save with the reason"),
    ],
);

const QUOTES: HelpSection = (
    "Quotes",
    &[
        ("Enter", "open the detail; ↑ ↓ there: prev / next"),
        ("/", "search customer, id, country, rep, note, SKU"),
        ("f", "cycle the status filter"),
        ("a", "accept: places the order at the quoted prices"),
        ("D", "decline, with an optional reason"),
        ("r", "re-quote the lines at today's prices"),
        ("E", "revise: its lines into the cart, Q saves the revision"),
        ("x", "export as Markdown, HTML or PDF"),
        ("X", "write the quotes listed as CSV to the export folder"),
        ("o", "open the order an accepted quote became"),
        ("K", "decide: accepted on one desk, declined on another"),
        ("y / n", "confirm / cancel"),
    ],
);

const CUSTOMERS: HelpSection = (
    "Customers",
    &[
        (
            "Enter",
            "the customer's page; there, open the quote or order",
        ),
        ("/", "search the names (every word typed)"),
        ("a", "add a customer to the book"),
        ("e", "edit the customer (orders and quotes keep theirs)"),
        ("K", "settle a field two desks set differently"),
        ("1 2 …", "in that question: keep this value"),
        (
            "X",
            "write the customers listed as CSV to the export folder",
        ),
        ("Esc", "close the page, then clear the search"),
        ("Ctrl-S", "in the form: save"),
    ],
);

/// The Reports tab's grouping keys, also shown on the tab itself.
pub const REPORT_KEYS: [(char, Grouping); 11] = [
    ('s', Grouping::Status),
    ('f', Grouping::Family),
    ('v', Grouping::Service),
    ('i', Grouping::Tier),
    ('r', Grouping::Region),
    ('e', Grouping::Rep),
    ('c', Grouping::Customer),
    ('n', Grouping::Country),
    ('L', Grouping::List),
    ('m', Grouping::Month),
    ('o', Grouping::Quarter),
];

const REPORTS: HelpSection = (
    "Reports",
    &[
        ("s f v i", "group by status, family, service, tier"),
        ("r e c n L", "group by region, rep, customer, country, list"),
        ("m o", "group by month, quarter"),
        ("p", "period: month, quarter, year or all time"),
        ("← → h l", "the period before / after"),
        ("Enter", "the row's orders (group and period) in Orders"),
        ("X", "write the report as CSV to the export folder"),
    ],
);

/// The help popup's content for the current screen: its own keys first, then the global ones.
pub fn help(state: &State) -> Vec<HelpSection> {
    let own = match state.screen {
        Screen::Catalog => CATALOG,
        Screen::Cart => CART,
        Screen::Quotes => QUOTES,
        Screen::Orders => ORDERS,
        Screen::Reports => REPORTS,
        Screen::Customers => CUSTOMERS,
    };
    if state.screen == Screen::Cart {
        vec![own, CHECKOUT, GLOBAL, TYPING]
    } else {
        vec![own, GLOBAL, TYPING]
    }
}
