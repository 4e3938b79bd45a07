//! The app's state: plain data, no terminal and no I/O, so tests can build and inspect it.

use jiff::tz::TimeZone;

use crate::domain::catalog::Catalog;
use crate::domain::order::Status;
use crate::domain::rules::Transition;
use crate::store::summary::OrderSummary;

use super::model::catalog::Browse;
use super::model::order_book::RowRef;
// The tabs' models, named from here as the parts of the state they are.
use super::field::TextField;
pub use super::model::cart::{CartTab, UNDO_DEPTH};
pub use super::model::checkout::{Checkout, Field, FormKind, Suggestion};
pub use super::model::orders::{
    Detail, EXPIRING_DAYS, GroupFilter, OrderFile, OrderSort, Orders, SortField, StatusFilter,
};

/// The tabs across the top, in the order of their keys 1 to 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Catalog,
    Cart,
    Quotes,
    Orders,
    Reports,
    Customers,
}

impl Screen {
    pub const ALL: [Screen; 6] = [
        Screen::Catalog,
        Screen::Cart,
        Screen::Quotes,
        Screen::Orders,
        Screen::Reports,
        Screen::Customers,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Catalog => "Catalog",
            Screen::Cart => "Cart",
            Screen::Quotes => "Quotes",
            Screen::Orders => "Orders",
            Screen::Reports => "Reports",
            Screen::Customers => "Customers",
        }
    }

    /// The title where the tab bar is too narrow for every whole one (the tab on
    /// screen keeps its whole title).
    pub fn short_title(self) -> &'static str {
        match self {
            Screen::Catalog => "Cat.",
            Screen::Cart => "Cart",
            Screen::Quotes => "Quot.",
            Screen::Orders => "Ord.",
            Screen::Reports => "Rep.",
            Screen::Customers => "Cust.",
        }
    }

    pub fn index(self) -> usize {
        match self {
            Screen::Catalog => 0,
            Screen::Cart => 1,
            Screen::Quotes => 2,
            Screen::Orders => 3,
            Screen::Reports => 4,
            Screen::Customers => 5,
        }
    }
}

/// How serious the last message is; it decides its colour in the status bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// The last thing the app told the rep, shown in the status bar until the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub level: Level,
    pub text: String,
    /// The screen the message is about (a conflict, a refusal, a key hint): it goes when
    /// the rep leaves that screen. `None` for news that holds anywhere (a load, a save).
    pub about: Option<Screen>,
    /// A progress message ("Reloading…"): the result of the work replaces it.
    pub progress: bool,
}

/// A status change waiting for the rep's y/n.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingChange {
    pub id: String,
    /// The revision the rep saw, so the store can refuse if another desk changed it since.
    pub revision: u32,
    pub customer: String,
    pub transition: Transition,
    pub from: Status,
    /// The order's total, shown in the question so the rep sees what is at stake.
    pub total: rust_decimal::Decimal,
    /// Why (a refund's reason), recorded in the order's history as the CLI's `--reason`.
    pub reason: Option<String>,
}

impl PendingChange {
    /// The question for `transition` of the order with these facts (from its summary or
    /// its file), today `from`; no reason yet.
    pub fn new(
        id: &str,
        revision: u32,
        customer: &str,
        total: rust_decimal::Decimal,
        transition: Transition,
        from: Status,
    ) -> PendingChange {
        PendingChange {
            id: id.to_string(),
            revision,
            customer: customer.to_string(),
            transition,
            from,
            total,
            reason: None,
        }
    }
}

/// What a quote's y/n question is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteStep {
    /// Accept: places the order at the quoted prices.
    Accept,
    /// Decline, with the rep's optional reason.
    Decline,
    /// Re-quote: a new quote of the same lines at today's prices (the total shown is
    /// today's).
    Requote,
}

/// A quote change waiting for the rep's y/n (or, for a decline, its reason first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteAsk {
    pub id: String,
    pub customer: String,
    pub step: QuoteStep,
    /// The amount at stake: the quoted total, or today's for a re-quote.
    pub total: rust_decimal::Decimal,
    /// A decline's reason.
    pub reason: Option<String>,
}

/// What a confirmation or a reason popup asks about: a change to an order or a step on a
/// quote. One popup per question whatever it is about, so keys, help and view treat both
/// alike (they were twin popups, and twin code in each of them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Order(PendingChange),
    Quote(QuoteAsk),
    /// The same change for every marked order (Space): those the rules allow, and those
    /// they do not with why, named before anything is saved.
    Orders {
        changes: Vec<PendingChange>,
        refused: Vec<(String, String)>,
    },
}

impl Subject {
    /// Keeps the reason typed for it (a refund's, a decline's); `None` when left empty.
    pub fn set_reason(&mut self, reason: Option<String>) {
        match self {
            Subject::Order(change) => change.reason = reason,
            Subject::Quote(ask) => ask.reason = reason,
            Subject::Orders { changes, .. } => {
                for change in changes {
                    change.reason = reason.clone();
                }
            }
        }
    }
}

/// What an export popup writes: the order or the quote with this id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    Order(String),
    Quote(String),
}

/// A window over the current screen; only one at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    /// The keys of the current screen.
    Help,
    /// "Really start delivery?", "Accept quote … of $… for …?" with y/n.
    Confirm(Subject),
    /// A refund's or a decline's optional reason, typed into [`State::line`] before the
    /// y/n question.
    Reason(Subject),
    /// Which format to export the order open in the detail view, or a quote, as: one key
    /// each.
    Export(Exported),
    /// Which of two clashing changes stands on an order, or which of two closings on a
    /// quote, that needs a decision (`K`).
    Decide(DecideChoice),
    /// The command palette (`:` or Ctrl-P): what is typed is [`State::line`]; `selected`
    /// is the row Enter goes to.
    Palette {
        selected: usize,
        /// What the typed text finds, worked out when it changes, not on every frame.
        found: Vec<super::model::palette_item::Item>,
    },
    /// What to follow up (`w`), as of when it was opened: `selected` is the row Enter
    /// opens.
    FollowUps {
        rows: Vec<super::model::followup::FollowUp>,
        selected: usize,
    },
    /// The price lists to sell from (`L`): `selected` is the row Enter switches to.
    Lists { selected: usize },
    /// A field two desks set differently on a book customer (`K` in Customers): `1`,
    /// `2`, … keeps that value, as `customer decide` does.
    CustomerClash {
        name: String,
        field: String,
        values: Vec<Option<String>>,
    },
    /// Something the rep must read: a refusal with the guard's reason, a conflict.
    Notice {
        title: String,
        body: String,
        level: Level,
    },
}

/// The two changes a rep chooses between (`1` keeps the first, `2` the second).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecideChoice {
    pub id: String,
    /// Each change as a line: when, from → to, by whom.
    pub options: [String; 2],
    /// The change chosen (1 or 2) once a key picked it; the reason is then typed into
    /// [`State::line`] and recorded with the voided change.
    pub keep: Option<usize>,
    /// True for a quote's two closings (accepted on one desk, declined on another), false
    /// for an order's two status changes.
    pub quote: bool,
}

impl DecideChoice {
    /// Typing the reason, after `1` or `2`.
    pub fn asks_why(&self) -> bool {
        self.keep.is_some()
    }
}

/// The team book's state for the status bar, from `team status` (no network).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamLine {
    /// When this desk last synced and how it ended ("2026-11-27T07:10:00Z pushed 1 commit(s)").
    pub last_sync: Option<String>,
    pub to_push: usize,
    pub to_pull: usize,
    /// Files changed here since the last sync.
    pub local_changes: usize,
    /// Orders waiting for a decision, by id.
    pub decisions: Vec<String>,
}

/// Which line of text the rep is typing into [`State::line`], outside the checkout form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputTarget {
    CatalogFilter,
    OrdersSearch,
    QuotesSearch,
    CustomersSearch,
    /// The quantity of the selected cart line, applied on Enter.
    Quantity,
}

/// Everything the app shows and edits.
#[derive(Debug)]
pub struct State {
    /// The price list, the folder, who is at the desk: fixed while the app runs.
    pub setup: Setup,
    /// Terminal width, for laying out the help as it is drawn.
    pub width: u16,
    /// Terminal height, for PgUp/PgDn.
    pub height: u16,
    pub screen: Screen,
    pub popup: Option<Popup>,
    /// The first row of the help shown, when it does not all fit.
    pub help_scroll: usize,
    pub input: Option<InputTarget>,
    /// The line being typed for `input` or the refund reason, with its cursor. The filter
    /// and the search follow it as it changes.
    pub line: TextField,
    pub message: Option<Message>,
    /// The Cart tab: the cart, its undo, the selected line and the checkout form.
    pub cart_tab: CartTab,
    /// The Catalog tab: the column, the rows selected in each, the filter.
    pub browse: Browse,
    pub orders: Orders,
    pub reports: super::model::reports::Reports,
    /// Where `x` writes documents and whether a seller profile heads them, as the export
    /// popup tells the rep.
    pub export: super::export::ExportPlace,
    pub quotes: super::model::quotes::Quotes,
    /// The Customers tab: its rows, search, the open page and the add/edit form.
    pub customers_tab: super::model::customers::CustomersTab,
    /// The customer book, read when a form opens: suggestions and their countries.
    pub customers: Vec<crate::domain::customer::Customer>,
    /// How many days a new quote stays valid (the seller profile's, or 30).
    pub quote_days: i64,
    /// Whether a seller profile heads the documents (`None`: not looked yet).
    pub seller_profile: Option<bool>,
    /// The folder `x` writes quote documents to (`None`: the export folder as the
    /// environment says, see `export`).
    pub quote_export_dir: Option<std::path::PathBuf>,
    /// The team book's state, when the orders folder is one (see `crate::team`).
    pub team: Option<TeamLine>,
    /// The step a sync running in the background is at (`S`).
    pub syncing: Option<String>,
    pub quit: bool,
}

/// The fixed facts the app starts from.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The price list the Catalog shows and the cart sells from: one of `lists`.
    pub catalog: Catalog,
    /// Every list the desk sells from: its own first (built-in or `--catalog`), then
    /// the newest version of each list imported into the orders folder.
    pub lists: Vec<Catalog>,
    pub catalog_label: String,
    /// The orders folder as shown in the status bar.
    pub orders_label: String,
    pub rep: String,
    pub desk: String,
    /// False under `NO_COLOR`: styles then use only bold, reverse and dim.
    pub color: bool,
    /// The zone dates and times are shown in (UTC in tests, the system's in the app).
    pub tz: TimeZone,
}

impl State {
    pub fn new(setup: Setup) -> State {
        State {
            setup,
            width: 100,
            height: 30,
            help_scroll: 0,
            screen: Screen::Catalog,
            popup: None,
            input: None,
            line: TextField::default(),
            message: None,
            cart_tab: CartTab::default(),
            browse: Browse::default(),
            orders: Orders::default(),
            reports: super::model::reports::Reports::default(),
            export: Default::default(),
            quotes: super::model::quotes::Quotes::default(),
            customers_tab: Default::default(),
            customers: Vec::new(),
            quote_days: crate::domain::quote::DEFAULT_VALID_DAYS,
            seller_profile: None,
            quote_export_dir: None,
            team: None,
            syncing: None,
            quit: false,
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.say(Level::Info, text);
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.say(Level::Warning, text);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.say(Level::Error, text);
    }

    fn say(&mut self, level: Level, text: impl Into<String>) {
        self.message = Some(Message {
            level,
            text: text.into(),
            about: None,
            progress: false,
        });
    }

    /// Ties the last message to `screen`: leaving that screen clears it.
    pub fn about(&mut self, screen: Screen) {
        if let Some(message) = &mut self.message {
            message.about = Some(screen);
        }
    }

    /// Says that work has started; its result will replace this message.
    pub fn progress(&mut self, text: impl Into<String>) {
        self.info(text);
        if let Some(message) = &mut self.message {
            message.progress = true;
        }
    }

    /// True while the message shown is a progress message waiting for its result.
    pub fn awaits_result(&self) -> bool {
        self.message.as_ref().is_some_and(|m| m.progress)
    }

    /// The order under the cursor in the Orders table, with its position in the book.
    pub fn selected_order(&self) -> Option<(usize, &OrderSummary)> {
        match self.orders.index.get(self.orders.selected)? {
            RowRef::Order(i) => {
                let at = *i as usize;
                self.orders.book.orders.get(at).map(|o| (at, o))
            }
            RowRef::Damaged(_) => None,
        }
    }
}
