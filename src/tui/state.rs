//! The app's state: plain data, no terminal and no I/O, so tests can build and inspect it.

use std::sync::Arc;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::domain::cart::Cart;
use crate::domain::catalog::Catalog;
use crate::domain::order::{Order, Status};
use crate::domain::rules::Transition;
use crate::store::Known;
use crate::store::summary::OrderSummary;

use super::book::{Book, RowRef};
use super::browse::Browse;
use super::field::TextField;

/// The tabs across the top, in the order of their keys 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Catalog,
    Cart,
    Quotes,
    Orders,
    Reports,
}

impl Screen {
    pub const ALL: [Screen; 5] = [
        Screen::Catalog,
        Screen::Cart,
        Screen::Quotes,
        Screen::Orders,
        Screen::Reports,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Catalog => "Catalog",
            Screen::Cart => "Cart",
            Screen::Quotes => "Quotes",
            Screen::Orders => "Orders",
            Screen::Reports => "Reports",
        }
    }

    pub fn index(self) -> usize {
        match self {
            Screen::Catalog => 0,
            Screen::Cart => 1,
            Screen::Quotes => 2,
            Screen::Orders => 3,
            Screen::Reports => 4,
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
}

impl Subject {
    /// Keeps the reason typed for it (a refund's, a decline's); `None` when left empty.
    pub fn set_reason(&mut self, reason: Option<String>) {
        match self {
            Subject::Order(change) => change.reason = reason,
            Subject::Quote(ask) => ask.reason = reason,
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
    /// The quantity of the selected cart line, applied on Enter.
    Quantity,
}

/// The checkout and quote form's fields, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Customer,
    Country,
    Region,
    Reason,
    Rep,
    Note,
    ValidUntil,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Customer,
        Field::Country,
        Field::Region,
        Field::Reason,
        Field::Rep,
        Field::Note,
        Field::ValidUntil,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Customer => "Customer",
            Field::Country => "Country",
            Field::Region => "Region",
            Field::Reason => "Why region",
            Field::Rep => "Sales rep",
            Field::Note => "Note",
            Field::ValidUntil => "Valid until",
        }
    }

    /// The name `CheckoutError::field` (and the form's own checks) use for this field.
    pub fn key(self) -> &'static str {
        match self {
            Field::Customer => "customer",
            Field::Country => "country",
            Field::Region => "region",
            Field::Reason => "region_reason",
            Field::Rep => "rep",
            Field::Note => "note",
            Field::ValidUntil => "valid_until",
        }
    }
}

/// What the form over the cart saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormKind {
    /// Check out: an order.
    #[default]
    Order,
    /// An offer for the customer, accepted into an order later.
    Quote,
}

/// A customer the form can suggest: from the customer book, past quotes or past orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub name: String,
    /// The ISO alpha-2 code, when the source knows it.
    pub country: Option<String>,
    /// "book", "quote" or "order".
    pub source: &'static str,
}

/// The checkout (or quote) form over the cart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checkout {
    pub kind: FormKind,
    pub customer: TextField,
    /// A country as an ISO code or an English name; it settles the region.
    pub country: TextField,
    /// oc1 or oc2 against the country (empty: the country's region, or the cart's).
    pub region: TextField,
    /// Why the region differs from the country's (or is picked for one not covered).
    pub reason: TextField,
    pub rep: TextField,
    pub note: TextField,
    pub valid_until: TextField,
    /// Index into [`Field::ALL`].
    pub focus: usize,
    /// Problems per field (field key, sentence); shown beside the field.
    pub errors: Vec<(&'static str, String)>,
    /// True once the rep tried to save: errors are then kept up to date as they type.
    pub tried: bool,
    /// True while the order is being saved (off the UI thread): a second Ctrl-S must not
    /// save it twice.
    pub saving: bool,
    /// Customers whose name holds what is typed, while the customer field has focus.
    pub suggestions: Vec<Suggestion>,
    /// The suggestion ↓ moved to, if any (Tab takes it, or the first).
    pub pick: Option<usize>,
}

impl Checkout {
    pub fn value(&self, field: Field) -> &str {
        self.field(field).value()
    }

    pub fn field(&self, field: Field) -> &TextField {
        match field {
            Field::Customer => &self.customer,
            Field::Country => &self.country,
            Field::Region => &self.region,
            Field::Reason => &self.reason,
            Field::Rep => &self.rep,
            Field::Note => &self.note,
            Field::ValidUntil => &self.valid_until,
        }
    }

    pub fn field_mut(&mut self, field: Field) -> &mut TextField {
        match field {
            Field::Customer => &mut self.customer,
            Field::Country => &mut self.country,
            Field::Region => &mut self.region,
            Field::Reason => &mut self.reason,
            Field::Rep => &mut self.rep,
            Field::Note => &mut self.note,
            Field::ValidUntil => &mut self.valid_until,
        }
    }

    pub fn focused(&self) -> Field {
        Field::ALL[self.focus.min(Field::ALL.len() - 1)]
    }

    pub fn error_for(&self, field: Field) -> Option<&str> {
        self.errors
            .iter()
            .find(|(key, _)| *key == field.key())
            .map(|(_, text)| text.as_str())
    }
}

/// Which orders the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    All,
    Only(Status),
}

impl StatusFilter {
    /// All → Unused → In delivery → Delivered → Refunded → Expired → All.
    pub fn next(self) -> StatusFilter {
        match self {
            StatusFilter::All => StatusFilter::Only(Status::ALL[0]),
            StatusFilter::Only(s) => {
                let at = Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
                Status::ALL
                    .get(at + 1)
                    .map_or(StatusFilter::All, |s| StatusFilter::Only(*s))
            }
        }
    }

    /// The other way round: All → Expired → Refunded → … → Unused → All.
    pub fn prev(self) -> StatusFilter {
        match self {
            StatusFilter::All => StatusFilter::Only(Status::ALL[Status::ALL.len() - 1]),
            StatusFilter::Only(s) => match Status::ALL.iter().position(|x| *x == s) {
                Some(at) if at > 0 => StatusFilter::Only(Status::ALL[at - 1]),
                _ => StatusFilter::All,
            },
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::All => "All",
            StatusFilter::Only(s) => s.label(),
        }
    }
}

/// What the Orders table is sorted by; `o` cycles it, `O` turns it round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortField {
    /// Newest first (the book's own order).
    #[default]
    Date,
    /// A to Z.
    Customer,
    /// Largest first.
    Total,
    /// In the order of an order's life: unused, in delivery, delivered, refunded, expired.
    Status,
    /// Soonest first; orders with no valid-until date last.
    ValidUntil,
}

impl SortField {
    pub const ALL: [SortField; 5] = [
        SortField::Date,
        SortField::Customer,
        SortField::Total,
        SortField::Status,
        SortField::ValidUntil,
    ];

    pub fn next(self) -> SortField {
        let at = SortField::ALL.iter().position(|f| *f == self).unwrap_or(0);
        SortField::ALL[(at + 1) % SortField::ALL.len()]
    }
}

/// The Orders table's sort: a field, and whether it is turned round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OrderSort {
    pub field: SortField,
    pub reverse: bool,
}

impl OrderSort {
    /// How the header names the sort, direction included.
    pub fn label(self) -> &'static str {
        match (self.field, self.reverse) {
            (SortField::Date, false) => "newest first",
            (SortField::Date, true) => "oldest first",
            (SortField::Customer, false) => "customer A-Z",
            (SortField::Customer, true) => "customer Z-A",
            (SortField::Total, false) => "largest total first",
            (SortField::Total, true) => "smallest total first",
            (SortField::Status, false) => "status unused → expired",
            (SortField::Status, true) => "status expired → unused",
            (SortField::ValidUntil, false) => "valid until, soonest first",
            (SortField::ValidUntil, true) => "valid until, latest first",
        }
    }
}

/// The days an "expiring" filter looks ahead (`e` on Orders).
pub const EXPIRING_DAYS: u32 = 30;

/// The orders of one row of a report (Enter on the Reports tab): its group and period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupFilter {
    pub key: crate::report::GroupKey,
    pub period: crate::report::Period,
    /// What the header says, e.g. "2026-Q4 · family Support".
    pub label: String,
}

/// What the detail view holds of the order it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderFile {
    /// The file is being read (the loop does it before the next frame).
    Reading,
    /// The whole order as its file holds it: lines, history.
    Read(Box<Order>),
    /// The file could not be read (gone, damaged): why, cleaned for the terminal.
    Unreadable(String),
}

/// The order open in the detail view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub id: String,
    /// Its position in `book.orders` when opened: tried first, so finding its row again
    /// never scans the book (checked against the id, since the book may have changed).
    pub row: usize,
    pub file: OrderFile,
}

impl Detail {
    /// The full order, once read.
    pub fn order(&self) -> Option<&Order> {
        match &self.file {
            OrderFile::Read(order) => Some(order),
            _ => None,
        }
    }
}

/// The Orders tab.
#[derive(Debug, Default)]
pub struct Orders {
    pub book: Book,
    /// True once a first load finished (an empty table then means "no orders").
    pub loaded: bool,
    /// Files read so far and how many there are, while a load runs in the background.
    pub loading: Option<(usize, usize)>,
    /// Why the last load failed, if it did (the folder could not be listed).
    pub load_error: Option<String>,
    pub filter: StatusFilter,
    pub search: String,
    /// Only unused orders whose valid-until falls within [`EXPIRING_DAYS`] from today.
    pub expiring: bool,
    /// Only orders that wait for a decision between two desks' changes (`n`).
    pub decisions_only: bool,
    /// Only the orders of a report's row, when opened from the Reports tab (Esc clears).
    pub group: Option<GroupFilter>,
    pub sort: OrderSort,
    /// The rows the filters and search let through, in display order. Recomputed only when
    /// the book, a filter, the search or the sort change, never per frame.
    pub index: Vec<RowRef>,
    /// How many orders `index` lists (damaged files apart) and the exact sum of their
    /// totals, for the header; kept with `index`.
    pub listed: (usize, rust_decimal::Decimal),
    /// Position in `index`.
    pub selected: usize,
    /// The order open in the detail view.
    pub detail: Option<Detail>,
    /// The date the status filter was last applied for (expiry depends on it).
    pub today: Option<Date>,
    /// Orders saved or changed here while a load runs, merged into its result.
    pub during_load: Vec<OrderSummary>,
    /// The book's ids and file stamps as of the last load, which a reload compares the
    /// folder with. Built when a load ends, not when a reload is asked for, so switching to
    /// this tab never walks the book; shared with the loader thread, never copied. Orders
    /// saved or changed here since are missing or carry an older stamp, so a reload simply
    /// reads their files again.
    pub known: Option<Arc<Known>>,
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
    pub cart: Cart,
    /// Earlier carts, newest last, so any cart change can be undone.
    pub undo: Vec<(Cart, String)>,
    pub browse: Browse,
    /// Selected line of the cart table.
    pub cart_selected: usize,
    pub checkout: Option<Checkout>,
    /// The checkout form as the rep left it with Esc, brought back by the next `c`.
    pub checkout_draft: Option<Checkout>,
    /// The sales rep typed at the last checkout, prefilled in the next form.
    pub last_rep: Option<String>,
    pub orders: Orders,
    pub reports: super::reports::Reports,
    /// Where `x` writes documents and whether a seller profile heads them, as the export
    /// popup tells the rep.
    pub export: super::export::ExportPlace,
    pub quotes: super::quote_book::Quotes,
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
    pub catalog: Catalog,
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

/// How many cart states undo remembers.
pub const UNDO_DEPTH: usize = 100;

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
            cart: Cart::default(),
            undo: Vec::new(),
            browse: Browse::default(),
            cart_selected: 0,
            checkout: None,
            checkout_draft: None,
            last_rep: None,
            orders: Orders::default(),
            reports: super::reports::Reports::default(),
            export: Default::default(),
            quotes: super::quote_book::Quotes::default(),
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
