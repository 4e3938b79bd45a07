//! Everything that can happen to the app: keys mapped to actions, and the results of the
//! loop's work (saves, loads) fed back as actions. `update` handles each one.

use crate::domain::cart::Cart;
use crate::domain::order::Order;
use crate::domain::quote::Quote;
use crate::domain::rules::Transition;
use crate::store::Delta;

use super::field::Edit;
use super::hits::Target;
use super::model::order_book::Book;
use super::state::Screen;

/// One thing the rep asked for, or one result coming back from the store.
#[derive(Debug)]
pub enum Action {
    /// Close the notice on screen, then do this (a screen's number or Tab pressed over a
    /// notice goes where it would without it).
    CloseThen(Box<Action>),
    /// Close the notice on screen: any key that means nothing more over it.
    Dismiss,
    /// Open the command palette (`:` or Ctrl-P).
    Palette,
    /// Open what to follow up (`w`).
    FollowUps,
    /// Open the price lists to sell from (`L`).
    Lists,
    /// Open the last exported file with the system's opener (Ctrl-O).
    OpenExported,
    /// How opening a file went: `Err` says why.
    FileOpened(Result<String, String>),
    /// Follow-ups: take the selected row's own step by its key (`a` accept, `r` re-quote,
    /// `s` start, `d` deliver).
    FollowUpStep(char),
    /// Orders, Quotes, Reports: write the rows listed as CSV to the export folder (`X`).
    ExportList,
    /// The list was written: where, and how many rows (or why not).
    ListExported(Result<(std::path::PathBuf, usize), String>),
    /// Leave the app (`q`, Ctrl-C). The cart draft is already saved.
    Quit,
    /// Show a tab (`1` to `5`).
    Show(Screen),
    /// Next tab (`Tab`).
    NextScreen,
    /// Previous tab (`Shift-Tab`).
    PrevScreen,
    /// Open the help popup (`?`).
    Help,
    /// Open the help at the price list's billing rules (`t`).
    Terms,
    /// The mouse pointed at a tab or a row (a left click): show or select it; a click on
    /// the selected order opens it.
    Point(Target),
    /// Close the popup, form, filter input or detail view (`Esc`).
    Back,
    /// Move up one row (`↑`, `k`); in the help, scroll it.
    Up,
    /// Move down one row (`↓`, `j`).
    Down,
    /// Jump to the first row (`g`, Home).
    Top,
    /// Jump to the last row (`G`, End).
    Bottom,
    /// One page up (PgUp).
    PageUp,
    /// One page down (PgDn).
    PageDown,
    /// Catalog: focus the column to the left (`←`, `h`).
    Left,
    /// Catalog: focus the column to the right (`→`, `l`).
    Right,
    /// Go right in the catalog, add on a tier, open an order's detail, next form field.
    Enter,
    /// Catalog: add one unit of the highlighted tier to the cart (`a`).
    Add,
    /// Switch the cart's region OC1 ↔ OC2 (`r`).
    SwitchRegion,
    /// Start typing the catalog filter or the orders search (`/`).
    StartInput,
    /// An edit of the active text field: a typed character, a cursor move, a deletion
    /// (see the help's "Typing" keys).
    Edit(Edit),
    /// Text pasted into the terminal (bracketed paste): one event, into the active text
    /// field as one line.
    Paste(String),
    /// Cart: type the selected line's quantity (Enter, `e`).
    EditQuantity,
    /// Cart: one more unit of the selected line (`+`).
    More,
    /// Cart: one unit less of the selected line (`-`); never below 1.
    Less,
    /// Cart: remove the selected line (`x`, Delete).
    Remove,
    /// Undo the last cart change: add, remove, quantity, region, repurchase (`u`).
    Undo,
    /// Cart: open the checkout form (`c`).
    Checkout,
    /// Cart: open the form that saves the cart as a quote (`Q`).
    QuoteForm,
    /// Checkout: next field (`Tab`); on the customer field with suggestions, take one.
    NextField,
    /// Checkout: previous field (`Shift-Tab`).
    PrevField,
    /// Checkout: the next customer suggestion (`↓` on the customer field), else next field.
    FieldDown,
    /// Checkout: the previous customer suggestion (`↑`), else previous field.
    FieldUp,
    /// Checkout: save the order if the form is valid (`Ctrl-S`, Enter on the last field).
    Submit,
    /// Orders: cycle the status filter (`f`).
    CycleFilter,
    /// Orders: cycle the status filter the other way (`F`).
    CycleFilterBack,
    /// Orders: sort by the next field: date, customer, total, status, valid-until (`o`).
    CycleSort,
    /// Orders: turn the sort round (`O`).
    ReverseSort,
    /// Orders: only unused orders expiring within 30 days, or all again (`e`).
    ToggleExpiring,
    /// Reports: group the rows this way (one key each).
    Group(crate::report::Grouping),
    /// Reports: the next period length, month → quarter → year → all time (`p`).
    CycleSpan,
    /// Orders: ask for a status change of the selected order (`s`, `d`, `R`).
    Request(Transition),
    /// Orders: mark or unmark the selected order for a change of several at once (Space).
    Mark,
    /// Orders: copy the selected order's lines into the cart at today's prices (`p`).
    Repurchase,
    /// Orders detail: export the open order as a document; asks the format (`x`).
    Export,
    /// Export popup: write the open order, or the quote, in this format (`m` `h` `p`).
    ExportAs(crate::document::DocFormat),
    /// A document was written: where it went and whether a seller profile headed it (or
    /// why it was not written).
    Exported(Result<(std::path::PathBuf, bool), String>),
    /// Quotes: accept the selected quote into an order (`a`).
    AcceptQuote,
    /// Quotes: decline the selected quote, with an optional reason (`D`).
    DeclineQuote,
    /// Quotes: a new quote of the selected one's lines at today's prices (`r`).
    Requote,
    /// Quotes: the open quote's lines into the cart to revise it (`E`); `Q` saves the
    /// revision.
    Revise,
    /// Quotes: export the selected quote to a file (`x`), asking the format.
    ExportQuote,
    /// Quotes: open the order an accepted quote became, in Orders (`o`).
    OpenLinkedOrder,
    /// Answer the y/n question of the confirm popup.
    Confirm(bool),
    /// Re-read the orders folder to pick up other desks' changes (Ctrl-R, F5).
    Refresh,
    /// Orders: sync the team book with its remote in the background (`S`).
    Sync,
    /// The background sync reached this step.
    SyncStep(String),
    /// The background sync ended: its summary and the pulled files it kept out, or why
    /// it failed.
    Synced(Result<(String, Vec<String>), String>),
    /// The team book's state was read (`None`: the folder is not a team book).
    TeamState(Option<super::state::TeamLine>),
    /// Orders: only orders that wait for a decision, or all again (`n`).
    ToggleDecisions,
    /// Orders: choose which of two clashing changes stands on the selected order (`K`).
    Decide,
    /// Decide popup: keep change 1 or 2 (`1`, `2`).
    Keep(usize),
    /// A decision was saved (or why not).
    Decided(Result<Order, String>),
    /// A quote's decision was saved (or why not).
    QuoteDecided(Result<Box<crate::domain::quote::Quote>, String>),
    /// A key that does nothing on the current screen, by name: the status bar says so and
    /// points at the help.
    UnknownKey(String),
    /// The terminal was resized to this many columns and rows.
    Resize {
        width: u16,
        height: u16,
    },
    /// Background load: files read so far and how many in all.
    LoadProgress {
        done: usize,
        total: usize,
    },
    /// Background load finished: the whole book (the first load).
    Loaded(Box<Book>),
    /// Background reload finished: what changed in the folder since the book was loaded.
    Reloaded(Box<Delta>),
    /// Background load could not list the folder.
    LoadFailed(String),
    /// The quotes folder was read after the orders (for the Reports tab's quote line):
    /// the readable quotes and how many files were damaged, or why it could not be read.
    ReportQuotesLoaded(Result<(Vec<crate::domain::quote::Quote>, usize), String>),
    /// The cart draft could not be saved.
    CartSaveFailed(String),
    /// The orders of one checkout (one per list), each as saved with its file name, or
    /// as it was priced with why it was not saved.
    OrdersSaved(Vec<(Order, Result<String, String>)>),
    /// A status change was saved (or why not).
    ChangeDone(Result<Order, ChangeFailure>),
    /// The quotes folder was read (or why not).
    QuotesLoaded(Result<Box<crate::store::QuoteBook>, String>),
    /// The customer book was read (damaged files are skipped: the CLI lists them).
    CustomersLoaded(Vec<crate::domain::customer::Customer>),
    /// Customers: `a` adds one, `e` edits the selected one (in a form).
    AddCustomer,
    EditCustomer,
    /// A customer was saved to this file (or why not).
    CustomerSaved(Result<(crate::domain::customer::Customer, String), String>),
    /// A customer's clash was settled (or why not).
    CustomerDecided(Result<crate::domain::customer::Customer, String>),
    /// A new quote was saved under this file name (or why not).
    QuoteSaved(Result<(Quote, String), String>),
    /// A quote was accepted (the order placed) or declined, or why not.
    QuoteDone(Result<QuoteOutcome, ChangeFailure>),
    /// A quote was exported to this file (or why not).
    QuoteExported(Result<std::path::PathBuf, String>),
    /// An order's file was read for `purpose` (or why not).
    OrderOpened {
        id: String,
        purpose: Purpose,
        result: Result<Order, String>,
    },
}

/// What a quote change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteOutcome {
    /// The quote (now accepted) and the order placed from it.
    Accepted(Box<Quote>, Box<Order>),
    /// The quote, now declined.
    Declined(Box<Quote>),
}

/// Why the loop reads one order's file: what `update` does with the order when it comes.
/// The book holds summaries only, so lines and history come from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Show it in the detail view (Enter, ↑ ↓ in the detail, a reload under it).
    Detail,
    /// The guard refused a status change by the summary: its reason needs the history.
    Request(Transition),
    /// Copy its lines into the cart (`p` on a row of the table).
    Repurchase,
    /// Ask which of two clashing changes stands (`K` on a row of the table).
    Decide,
}

/// Why the store did not save a status change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeFailure {
    /// Another desk changed the order since it was loaded.
    Conflict(String),
    /// The guard refused, seeing the file as it is now.
    Refused(String),
    /// Anything else (disk, permissions, a damaged file).
    Failed(String),
}

/// Work for the loop to do after `update`: the only way the app touches the disk.
// An order carries its country, region choice and quote link inline; an effect is made a
// few times per key press at most, so boxing the order would buy nothing measurable.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save the cart draft.
    SaveCart(Cart),
    /// Save the orders of one checkout, one per list, in turn (the store assigns the
    /// final ids).
    SaveOrders(Vec<Order>),
    /// Save a status change, refusing if the order is no longer at `revision`.
    Change {
        id: String,
        revision: u32,
        transition: Transition,
        by: String,
        /// Recorded with the change in the order's history (a refund's reason).
        reason: Option<String>,
    },
    /// Load every order's summary in the background; once a book is loaded, only what
    /// changed since (the loop sends the book's ids and file stamps along, see
    /// `Orders::known`).
    LoadOrders,
    /// Save a new quote (the store assigns its id).
    SaveQuote(Quote),
    /// Open `path` with the system's opener, detached from the app.
    OpenFile {
        opener: std::path::PathBuf,
        path: std::path::PathBuf,
    },
    /// Accept the quote `id` (placing its order) or decline it with a reason; the store
    /// re-reads it under the lock and refuses if it is no longer open.
    QuoteChange {
        id: String,
        by: String,
        /// `None` accepts; `Some(reason)` declines.
        decline: Option<Option<String>>,
    },
    /// Read every quote in the background.
    LoadQuotes,
    /// Read the customer book (quick: a few small files).
    LoadCustomers,
    /// Add `after` to the book (`before` is `None`) or replace `before` with it, under
    /// the folder's lock; then [`Action::CustomerSaved`].
    SaveCustomer {
        before: Option<crate::domain::customer::Customer>,
        after: crate::domain::customer::Customer,
    },
    /// Keep value `keep` of the field two desks set differently on customer `name`;
    /// then [`Action::CustomerDecided`].
    DecideCustomer {
        name: String,
        field: String,
        keep: usize,
    },
    /// Write quote `q` as a document in `format` and report it as
    /// [`Action::QuoteExported`].
    ExportQuote {
        q: Box<Quote>,
        format: crate::document::DocFormat,
    },
    /// Write the rows a screen lists as CSV to the export folder, then
    /// [`Action::ListExported`].
    ExportList(super::export::Listed),
    /// Read one order's file (quick: one small file) and report it as
    /// [`Action::OrderOpened`].
    OpenOrder { id: String, purpose: Purpose },
    /// Write an order confirmation in `format` to the export folder and report it as
    /// [`Action::Exported`].
    ExportOrder {
        order: Box<Order>,
        format: crate::document::DocFormat,
    },
    /// Sync the team book on a thread, reporting its steps and summary.
    Sync { rep: String },
    /// Read the team book's state (a few quick git calls, no network) on a thread.
    TeamStatus,
    /// Keep change `keep` (1 or 2) on order `id` (or closing `keep` on quote `id`), voiding
    /// the other, as `by`, for `why`.
    Decide {
        id: String,
        keep: usize,
        by: String,
        why: String,
        quote: bool,
    },
}
