//! Shared helpers for the terminal app's tests: a fixed clock, a state with known orders,
//! a key-driven app over a temp folder, and drawing into a `TestBackend`.

#![allow(dead_code)] // each test file uses a different part of these helpers

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use order_desk::domain::cart::Cart;
use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::{CheckoutForm, Order, checkout};
use order_desk::domain::rules::Transition;
use order_desk::store::Store;
use order_desk::store::summary::OrderSummary;
use order_desk::tui::action::{Action, Effect};
use order_desk::tui::model::order_book::{Book, DamagedRow};
use order_desk::tui::state::{Setup, State};
use order_desk::tui::update::{Ctx, refilter, update};
use order_desk::tui::{keymap, runner, view};

/// A store whose cache and drafts go to the test's own folder under `target/tmp`,
/// never the home folder of whoever runs the tests.
pub fn test_store(dir: impl Into<std::path::PathBuf>) -> Store {
    Store::with_dirs(
        dir,
        order_desk::store::user_dirs::UserDirs::under(
            &std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("user"),
        ),
    )
}

/// Noon UTC, so the local date is the same in every time zone a CI runs in.
pub fn now() -> Timestamp {
    "2026-11-26T12:00:00Z".parse().unwrap()
}

pub fn today() -> Date {
    date(2026, 11, 26)
}

pub fn ctx() -> Ctx {
    Ctx {
        now: now(),
        today: today(),
    }
}

pub fn setup(color: bool) -> Setup {
    Setup {
        lists: vec![Catalog::builtin()],
        catalog: Catalog::builtin(),
        catalog_label: "built-in".into(),
        orders_label: "/srv/orders".into(),
        rep: "sam".into(),
        desk: "test".into(),
        color,
        tz: TimeZone::UTC,
    }
}

/// An order placed `days` before today at noon, with the given lines.
pub fn order(id: &str, customer: &str, region: Region, lines: &[(&str, u32)], days: i64) -> Order {
    let catalog = Catalog::builtin();
    let mut cart = Cart::new(region);
    for (sku, qty) in lines {
        cart.add(&catalog, sku, *qty).unwrap();
    }
    let at = now() - jiff::SignedDuration::from_hours(24 * days);
    let form = CheckoutForm {
        customer: customer.into(),
        rep: "sam".into(),
        note: String::new(),
        valid_until: None,
        ..Default::default()
    };
    checkout(&cart, &catalog, &form, id.into(), at).unwrap()
}

/// Five orders in every state the rules care about, newest first.
pub fn sample_orders() -> Vec<Order> {
    let fresh = order(
        "20261126-120000-test",
        "Acme Corp",
        Region::Oc1,
        &[("dev-basic", 2), ("deploy-standard", 1)],
        0,
    );
    let mut started = order(
        "20261120-120000-test",
        "Globex International",
        Region::Oc2,
        &[("tuning-professional", 1)],
        6,
    );
    // As if hand-edited: a file can hold what checkout never accepts.
    started.customer = "Globex \u{1b}[31mInternational".into();
    started
        .apply(
            Transition::StartDelivery,
            "sam",
            None,
            now() - jiff::SignedDuration::from_hours(100),
        )
        .unwrap();
    let mut done = order(
        "20261101-120000-test",
        "Initech",
        Region::Oc1,
        &[("impl-platinum", 1)],
        25,
    );
    done.apply(
        Transition::MarkDelivered,
        "kim",
        Some("signed off".into()),
        now() - jiff::SignedDuration::from_hours(200),
    )
    .unwrap();
    let mut refunded = order(
        "20261015-120000-test",
        "Umbrella",
        Region::Oc2,
        &[("support-flagship", 1)],
        42,
    );
    refunded
        .apply(
            Transition::Refund,
            "sam",
            None,
            now() - jiff::SignedDuration::from_hours(900),
        )
        .unwrap();
    // Valid for a month, never used: expired today.
    let mut expired = order(
        "20260927-120000-test",
        "Soylent",
        Region::Oc1,
        &[("migrate-model", 3)],
        60,
    );
    expired.valid_until = Some(date(2026, 10, 27));
    vec![fresh, started, done, refunded, expired]
}

/// A book of the sample orders' summaries and one damaged file.
pub fn sample_book() -> Book {
    let damaged = DamagedRow::new(
        "20261002-090000-old.ron".into(),
        "20261002-090000-old.ron:3:14: Expected comma (the file was left untouched: fix it by hand or restore it from a backup)".into(),
    );
    let orders = sample_orders().iter().map(OrderSummary::of).collect();
    Book::new(orders, vec![damaged])
}

/// A state with the sample book loaded.
pub fn loaded_state(color: bool) -> State {
    let mut state = State::new(setup(color));
    state.orders.book = sample_book();
    state.orders.loaded = true;
    refilter(&mut state, today());
    state
}

pub fn draw(state: &State, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| view::draw(f, state, today())).unwrap();
    terminal
}

/// The screen as text lines, for `contains` assertions.
pub fn screen_text(state: &State, width: u16, height: u16) -> String {
    draw(state, width, height).backend().to_string()
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ch(c: char) -> KeyEvent {
    let modifiers = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), modifiers)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Feeds keys through the keymap and `update` only (no store), for state-only scripts.
/// An order's file is "read" from [`sample_orders`], as the loop would from the folder;
/// a load finds the folder as the book already holds it; other effects are dropped.
pub fn press(state: &mut State, keys: &[KeyEvent]) {
    press_over(state, keys, &sample_orders());
}

/// [`press`] over a folder holding `orders`.
pub fn press_over(state: &mut State, keys: &[KeyEvent], orders: &[Order]) {
    for k in keys {
        if let Some(action) = keymap::map(*k, state) {
            act_over(state, action, orders);
        }
    }
}

/// Runs one action through `update` as [`press`] does a key: the way to reach a tab
/// (`Action::Show`) without its number, which may change.
pub fn act(state: &mut State, action: Action) {
    act_over(state, action, &sample_orders());
}

fn act_over(state: &mut State, action: Action, orders: &[Order]) {
    let mut pending = vec![action];
    while let Some(action) = pending.pop() {
        for effect in update(state, action, &ctx()) {
            match effect {
                Effect::OpenOrder { id, purpose } => {
                    let result = orders
                        .iter()
                        .find(|o| o.id == id)
                        .cloned()
                        .ok_or_else(|| format!("no order {id}"));
                    pending.push(Action::OrderOpened {
                        id,
                        purpose,
                        result,
                    });
                }
                // The quotes folder holds what the state already has.
                Effect::LoadQuotes => {
                    let book = order_desk::store::QuoteBook {
                        quotes: state.quotes.quotes.clone(),
                        damaged: Vec::new(),
                    };
                    pending.push(Action::QuotesLoaded(Ok(Box::new(book))));
                }
                // Dropping the load would leave "loading…" on a loaded screen.
                Effect::LoadOrders => {
                    let book = Book::new(
                        state.orders.book.orders.clone(),
                        state.orders.book.damaged.clone(),
                    );
                    pending.push(Action::Loaded(Box::new(book)));
                }
                _ => {}
            }
        }
    }
}

/// The whole app over a temp folder: keys → keymap → update → effects through the real
/// store, results fed back, background loads waited for.
pub struct App {
    pub state: State,
    pub store: Arc<Store>,
    pub dir: tempfile::TempDir,
    tx: Sender<Action>,
    rx: Receiver<Action>,
}

impl App {
    pub fn new() -> App {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(test_store(dir.path()));
        let (tx, rx) = mpsc::channel();
        let mut app = App {
            state: State::new(setup(true)),
            store,
            dir,
            tx,
            rx,
        };
        app.act(Action::Refresh);
        app
    }

    /// Runs an action and everything its effects lead to, waiting for any load or save
    /// running in the background to end.
    pub fn act(&mut self, action: Action) {
        let mut pending = vec![action];
        let mut saving = 0;
        while let Some(action) = pending.pop() {
            for effect in update(&mut self.state, action, &ctx()) {
                let background = matches!(
                    effect,
                    Effect::SaveOrders(_)
                        | Effect::SaveCustomer { .. }
                        | Effect::DecideCustomer { .. }
                        | Effect::Change { .. }
                        | Effect::SaveQuote(_)
                        | Effect::QuoteChange { .. }
                );
                match runner::perform(effect, &self.store, &self.state, &self.tx, &ctx()) {
                    Some(back) => pending.push(back),
                    None if background => saving += 1,
                    None => {}
                }
            }
        }
        while saving > 0 || self.state.orders.loading.is_some() || self.state.quotes.loading {
            let action = self
                .rx
                .recv_timeout(Duration::from_secs(10))
                .expect("the background work reports back");
            if matches!(
                action,
                Action::OrdersSaved(_)
                    | Action::CustomerSaved(_)
                    | Action::CustomerDecided(_)
                    | Action::ChangeDone(_)
                    | Action::QuoteSaved(_)
                    | Action::QuoteDone(_)
            ) {
                saving -= 1;
            }
            // As the loop does: a result may ask for more (re-reading the detail).
            for effect in update(&mut self.state, action, &ctx()) {
                if let Some(back) =
                    runner::perform(effect, &self.store, &self.state, &self.tx, &ctx())
                {
                    self.act(back);
                }
            }
        }
    }

    pub fn keys(&mut self, keys: &[KeyEvent]) {
        for k in keys {
            if let Some(action) = keymap::map(*k, &self.state) {
                self.act(action);
            }
        }
    }

    pub fn type_text(&mut self, text: &str) {
        let keys: Vec<KeyEvent> = text.chars().map(ch).collect();
        self.keys(&keys);
    }

    pub fn screen(&self) -> String {
        screen_text(&self.state, 100, 30)
    }
}

/// The money-looking runs of `text`: maximal runs of `$`, digits, `,` and `.` that hold a
/// `$` or a decimal point followed by a digit ("$1,300,000.00", "0,000.00", "$203").
/// Trailing `.` and `,` are sentence punctuation and dropped.
pub fn money_runs(text: &str) -> Vec<String> {
    let is_part = |c: char| c == '$' || c == ',' || c == '.' || c.is_ascii_digit();
    let mut runs = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if is_part(c) {
            run.push(c);
            continue;
        }
        let trimmed = run.trim_end_matches(['.', ',']);
        let cents = trimmed
            .as_bytes()
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
        if trimmed.contains('$') || cents {
            runs.push(trimmed.to_string());
        }
        run.clear();
    }
    runs
}

/// Every amount the state holds, as `format_usd` writes it: the price list in both
/// regions, the cart's lines and total, every order's total and the open order's lines.
pub fn amounts_in(state: &State) -> std::collections::HashSet<String> {
    use order_desk::domain::money::format_usd;
    let mut all = std::collections::HashSet::new();
    for entry in state.setup.catalog.tiers() {
        for region in [Region::Oc1, Region::Oc2] {
            all.insert(format_usd(entry.tier.price.get(region).unwrap()));
        }
    }
    // The cart in both regions: the quote and checkout form price it in the region the
    // customer's country settles.
    for region in [Region::Oc1, Region::Oc2] {
        let mut cart = state.cart_tab.cart.clone();
        cart.region = region;
        for line in cart.priced(&state.setup.catalog) {
            all.insert(format_usd(line.unit_price));
            all.insert(format_usd(line.line_total));
        }
        all.insert(format_usd(cart.total(&state.setup.catalog)));
    }
    // Every quote's lines and total (a re-quote's today's total is the same while the
    // price list is).
    for q in &state.quotes.quotes {
        all.insert(format_usd(q.total));
        for line in &q.lines {
            all.insert(format_usd(line.unit_price));
            all.insert(format_usd(line.line_total));
        }
    }
    for o in &state.orders.book.orders {
        all.insert(format_usd(o.total));
    }
    // The Orders header: the sum of the listed orders' totals.
    let listed: rust_decimal::Decimal = state
        .orders
        .index
        .iter()
        .filter_map(|r| match r {
            order_desk::tui::model::order_book::RowRef::Order(i) => {
                Some(state.orders.book.orders[*i as usize].total)
            }
            _ => None,
        })
        .sum();
    all.insert(format_usd(listed));
    // The Reports tab's figures: every row, the total, the months and the backlog.
    if let Some(f) = &state.reports.figures {
        for m in f
            .report
            .rows
            .iter()
            .map(|r| &r.measures)
            .chain([&f.report.total])
        {
            for v in [
                m.booked,
                m.refunded,
                m.net(),
                m.delivered,
                m.backlog,
                m.expired,
            ] {
                all.insert(format_usd(v));
            }
        }
        for (_, booked, refunded) in &f.months {
            all.insert(format_usd(*booked));
            all.insert(format_usd(*refunded));
        }
        for (_, v) in &f.backlog {
            all.insert(format_usd(*v));
        }
        all.insert(format_usd(f.backlog.iter().map(|(_, v)| *v).sum()));
    }
    // A change of several marked orders: the sum of those it would change.
    if let Some(
        order_desk::tui::state::Popup::Confirm(order_desk::tui::state::Subject::Orders {
            changes,
            ..
        })
        | order_desk::tui::state::Popup::Reason(order_desk::tui::state::Subject::Orders {
            changes,
            ..
        }),
    ) = &state.popup
    {
        all.insert(format_usd(changes.iter().map(|c| c.total).sum()));
    }
    if let Some(order) = state.orders.detail.as_ref().and_then(|d| d.order()) {
        all.insert(format_usd(order.total));
        for line in &order.lines {
            all.insert(format_usd(line.unit_price));
            all.insert(format_usd(line.line_total));
        }
    }
    all
}

/// The money-looking runs on `screen` that are not exactly `$` and an amount of `state`.
pub fn wrong_amounts(state: &State, screen: &str) -> Vec<String> {
    let real = amounts_in(state);
    money_runs(screen)
        .into_iter()
        .filter(|run| !real.contains(run))
        .collect()
}

/// The order files in `dir` (not its hidden temp files), sorted by name.
pub fn order_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension().is_some_and(|e| e == "ron")
                        && !p.file_name().unwrap().to_string_lossy().starts_with('.')
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}
