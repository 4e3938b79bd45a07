//! The loop: draw, read a key press, map it, update, perform the effects through the
//! store and feed their results back. Orders load on a background thread that reports
//! progress into the loop, so the first frame never waits for the folder; saves that take
//! the folder's lock run on a thread too, so a desk holding the lock (or a stopped one)
//! never freezes the screen: it shows "saving…", keys keep working, and the outcome is
//! reported when the store gives up waiting.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};

use crate::domain::order::local_date;
use crate::domain::quote::QuoteRefusal;
use crate::store::{Store, StoreError};

use super::action::{Action, ChangeFailure, Effect, QuoteOutcome};
use super::hits::Hits;
use super::keymap;
use super::model::order_book::Book;
use super::state::{Level, Popup, Setup, State};
use super::terminal;
use super::update::{Ctx, update};
use super::view;
use super::{Config, Stopped};

/// How long the loop waits for the next event of a burst before it draws.
const DRAIN_WAIT: Duration = Duration::from_millis(1);

/// True unless `NO_COLOR` is set to something (see no-color.org).
pub fn color_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Starts the app on a terminal and runs it until the rep quits; the terminal is restored
/// on every way out (see [`terminal`](super::terminal)).
pub fn run(config: Config) -> Result<(), Stopped> {
    let store = Arc::new(Store::new(&config.orders_dir).with_identity(&config.desk, &config.rep));
    let (lists, unreadable) = lists_of(&config.catalog, store.dir());
    let mut state = State::new(Setup {
        lists,
        catalog: config.catalog,
        catalog_label: config.catalog_label,
        orders_label: config.orders_dir.display().to_string(),
        rep: config.rep,
        desk: config.desk,
        color: color_wanted(),
        tz: TimeZone::system(),
    });
    // The seller profile may name the documents folder: settled before anything looks.
    if let Ok(profile) = crate::document::seller::load(store.user_dirs()) {
        super::export::use_profile(profile.as_ref());
    }
    state.export = super::export::ExportPlace::find(&store);
    // The seller profile sets how long a new quote stays open and heads documents.
    let profile = crate::document::seller::load(store.user_dirs())
        .ok()
        .flatten();
    state.quote_days = i64::from(crate::document::seller::validity_days(profile.as_ref()));
    state.seller_profile = Some(profile.is_some());
    state.quote_export_dir = Some(super::export::export_dir());
    let (cart, warning) = store.load_cart(&state.setup.desk);
    state.cart_tab.cart = cart;
    // A cart kept from a list opens on that list.
    let mut fx = Vec::new();
    if let Some(id) = state.cart_tab.cart.list.clone() {
        match state.setup.lists.iter().find(|l| l.list.id == id).cloned() {
            Some(list) => super::update::lists::switch_to(&mut state, list, &mut fx),
            None => state.warn(format!(
                "The saved cart is of price list {id}, which is not in this orders folder: its lines are not priced"
            )),
        }
    }
    for why in unreadable {
        state.warn(why);
    }
    if let Some(warning) = warning {
        // A popup, not the status line: the load's own message would replace it before
        // the rep reads that this window keeps a separate cart or that a draft was damaged.
        state.warn(warning.clone());
        state.popup = Some(Popup::Notice {
            title: "Cart draft".into(),
            body: warning,
            level: Level::Warning,
        });
    }
    let (mut terminal, guard) = terminal::enter()?;
    let result = run_loop(&mut terminal, &mut state, &store);
    drop(guard);
    // A sync still talking to a remote ends with the app, with every helper git started
    // (a git killed midway leaves locks the next sync clears); then the saves finish.
    crate::team::child::end_all();
    wait_for_saves();
    result
}

/// Starts the system's opener on `path`, detached: its output never reaches the screen
/// and the app does not wait for it.
fn open_file(opener: &std::path::Path, path: &std::path::Path) -> Result<String, String> {
    let shown = crate::domain::text::path(path);
    let mut child = std::process::Command::new(opener)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("Could not open {shown}: {e}"))?;
    // Reaped when it ends, so it never lingers as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(format!(
        "Opened {shown} with {}",
        crate::domain::text::path(opener)
    ))
}

/// The desk's own list, then the newest version of each list imported into the orders
/// folder, by id; and why any could not be read (said once on start).
fn lists_of(
    own: &crate::domain::catalog::Catalog,
    dir: &std::path::Path,
) -> (Vec<crate::domain::catalog::Catalog>, Vec<String>) {
    let mut lists = vec![own.clone()];
    let mut unreadable = Vec::new();
    for id in crate::store::pricelists::ids(dir) {
        if id == crate::domain::catalog::BUILTIN_LIST {
            continue;
        }
        match crate::store::pricelists::catalog(dir, &id, None) {
            Ok(c) => lists.push(c),
            Err(e) => unreadable.push(format!("Price list {id} is not offered: {e}")),
        }
    }
    (lists, unreadable)
}

/// Saves started on a thread and not yet finished.
static SAVES_IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// A save the rep asked for is finished before the process ends (each gives up on its
/// own within the store's lock wait), so quitting right after Ctrl-S loses nothing.
fn wait_for_saves() {
    let deadline = Instant::now() + crate::store::LOCK_WAIT + Duration::from_secs(5);
    while SAVES_IN_FLIGHT.load(Ordering::Acquire) > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Runs a save on its own thread and sends its outcome back to the loop.
fn in_background(tx: &Sender<Action>, save: impl FnOnce() -> Action + Send + 'static) {
    SAVES_IN_FLIGHT.fetch_add(1, Ordering::AcqRel);
    let tx = tx.clone();
    std::thread::spawn(move || {
        let _ = tx.send(save());
        SAVES_IN_FLIGHT.fetch_sub(1, Ordering::AcqRel);
    });
}

fn now() -> Ctx {
    let now = Timestamp::now();
    Ctx {
        now,
        today: local_date(now),
    }
}

/// Why the loop must end now, though the rep did not quit: a signal, or a panic on
/// another thread (the app must not go on without its loader).
fn must_stop() -> Option<Stopped> {
    if let Some(message) = terminal::panicked() {
        return Some(Stopped::Panic(message));
    }
    terminal::stop_signal().map(Stopped::Signal)
}

fn run_loop(
    terminal: &mut DefaultTerminal,
    state: &mut State,
    store: &Arc<Store>,
) -> Result<(), Stopped> {
    let (tx, rx) = mpsc::channel::<Action>();
    let size = terminal.size()?;
    (state.width, state.height) = (size.width, size.height);
    // The first frame is drawn before the orders are even listed.
    terminal.draw(|f| view::draw(f, state, now().today))?;
    state.orders.loading = Some((0, 0));
    perform(Effect::LoadOrders, store, state, &tx, &now());
    // Quotes too: the quote form suggests their customers before the tab is opened.
    state.quotes.loading = true;
    if let Some(failed) = perform(Effect::LoadQuotes, store, state, &tx, &now()) {
        handle(failed, state, store, &tx);
    }
    perform(Effect::TeamStatus, store, state, &tx, &now());
    let mut dirty = true;
    // Where the last frame put its tabs and rows, and whether the state is still the one
    // that frame showed: a click is honoured only on what the rep is looking at.
    let mut hits = Hits::default();
    let mut shown = false;
    while !state.quit {
        if let Some(stop) = must_stop() {
            return Err(stop);
        }
        if dirty {
            terminal.draw(|f| hits = view::draw_with_hits(f, state, now().today))?;
            dirty = false;
            shown = true;
        }
        // While orders load in the background, wake often so progress and the finished
        // book show at once; otherwise only keys, a signal and the date turning need a
        // wake (a signal is seen within this wait).
        let wait = if state.orders.loading.is_some() {
            Duration::from_millis(5)
        } else {
            Duration::from_millis(250)
        };
        if event::poll(wait)? {
            // Everything already waiting is handled before the next frame: a long paste
            // or a burst of keys never waits for another key, nor for a frame per key.
            // (Not a zero wait: crossterm's /dev/tty reader then returns at once without
            // looking at what it has buffered. crossterm reads /dev/tty, its
            // `use-dev-tty` feature, because its default reader is edge-triggered and
            // left the rest of a long burst unread until another key came.)
            loop {
                let event = event::read()?;
                if let Event::Mouse(mouse) = event {
                    if let Some(action) = keymap::mouse(mouse, &hits, state)
                        && (shown || !matches!(action, Action::Point(_)))
                    {
                        handle(action, state, store, &tx);
                        shown = false;
                    }
                } else {
                    on_event(event, state, store, &tx);
                    shown = false;
                }
                if state.quit || !event::poll(DRAIN_WAIT)? {
                    break;
                }
            }
            dirty = true;
        }
        while let Ok(action) = rx.try_recv() {
            handle(action, state, store, &tx);
            dirty = true;
            shown = false;
        }
    }
    Ok(())
}

/// One terminal event: a resize, a paste or a key press.
fn on_event(ev: Event, state: &mut State, store: &Arc<Store>, tx: &Sender<Action>) {
    // Lets the tests see that a panic on the loop's own thread ends the app the same way
    // (debug builds only).
    #[cfg(debug_assertions)]
    if std::env::var_os("ORDER_DESK_TEST_KEY_PANIC").is_some() && ev.is_key_press() {
        panic!("key panic asked for by ORDER_DESK_TEST_KEY_PANIC");
    }
    let action = match ev {
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Paste(text) => Some(Action::Paste(text)),
        ev => ev
            .as_key_press_event()
            .and_then(|key| keymap::map(key, state)),
    };
    if let Some(action) = action {
        handle(action, state, store, tx);
    }
}

/// Runs one action and every action its effects produce.
pub fn handle(action: Action, state: &mut State, store: &Arc<Store>, tx: &Sender<Action>) {
    let mut pending = VecDeque::from([action]);
    while let Some(action) = pending.pop_front() {
        let ctx = now();
        for effect in update(state, action, &ctx) {
            if let Some(result) = perform(effect, store, state, tx, &ctx) {
                pending.push_back(result);
            }
        }
    }
}

/// Does one effect. Quick ones (the cart draft, reading one order's file) run here and
/// return their result; saves that wait for the folder's lock and the load run on a
/// thread and report through `tx`.
pub fn perform(
    effect: Effect,
    store: &Arc<Store>,
    state: &State,
    tx: &Sender<Action>,
    ctx: &Ctx,
) -> Option<Action> {
    let at = At {
        store,
        state,
        tx,
        ctx,
    };
    match effect {
        Effect::SaveCart(cart) => store
            .save_cart(&state.setup.desk, &cart)
            .err()
            .map(|e| Action::CartSaveFailed(e.to_string())),
        Effect::SaveOrders(orders) => save_orders(&at, orders),
        Effect::Change {
            id,
            revision,
            transition,
            by,
            reason,
        } => change(&at, id, revision, transition, by, reason),
        Effect::ExportOrder { order, format } => Some(Action::Exported(
            priced_from(state, store, order.list.as_ref(), order.catalog_date).and_then(
                |catalog| super::export::export_order(&order, format, &catalog, store, ctx.today),
            ),
        )),
        Effect::SaveQuote(q) => save_quote(&at, q),
        Effect::OpenFile { opener, path } => Some(Action::FileOpened(open_file(&opener, &path))),
        Effect::QuoteChange { id, by, decline } => quote_change(&at, id, by, decline),
        Effect::LoadQuotes => load_quotes(&at),
        Effect::LoadCustomers => Some(Action::CustomersLoaded(
            // A damaged customer file is left out here; `order-desk customers` names it.
            store
                .load_customers()
                .map(|book| book.customers.into_iter().map(|(_, c)| c).collect())
                .unwrap_or_default(),
        )),
        Effect::SaveCustomer { before, after } => {
            let store = Arc::clone(at.store);
            in_background(at.tx, move || {
                let saved = match &before {
                    Some(before) => store.edit_customer(before, &after),
                    None => store.add_customer(&after),
                };
                Action::CustomerSaved(
                    saved
                        .map(|path| (after, crate::domain::text::path(&path)))
                        .map_err(|e| e.to_string()),
                )
            });
            None
        }
        // Under the folder's lock, which another desk may hold for seconds: off the UI
        // thread, as every save.
        Effect::DecideCustomer { name, field, keep } => {
            let store = Arc::clone(at.store);
            in_background(at.tx, move || {
                Action::CustomerDecided(
                    store
                        .decide_customer(&name, &field, keep)
                        .map_err(|e| e.to_string()),
                )
            });
            None
        }
        Effect::ExportQuote { q, format } => export_quote(&at, &q, format),
        Effect::ExportList(listed) => Some(Action::ListExported(
            super::export::export_list(&super::export::export_dir(), &listed, ctx.now)
                .map(|path| (path, listed.len())),
        )),
        Effect::Sync { rep } => sync(&at, &rep),
        Effect::TeamStatus => {
            let (store, desk) = (Arc::clone(store), team_desk(state, &state.setup.rep));
            let tx = tx.clone();
            std::thread::spawn(move || {
                let _ = tx.send(Action::TeamState(team_line(store.dir(), &desk)));
            });
            None
        }
        Effect::Decide {
            id,
            keep,
            by,
            why,
            quote,
        } => decide(&at, id, keep, by, why, quote),
        Effect::OpenOrder { id, purpose } => Some(Action::OrderOpened {
            result: store.load(&id).map_err(|e| e.to_string()),
            id,
            purpose,
        }),
        Effect::LoadOrders => load_orders(&at),
    }
}

/// What every effect is performed with.
struct At<'a> {
    store: &'a Arc<Store>,
    state: &'a State,
    tx: &'a Sender<Action>,
    ctx: &'a Ctx,
}

fn save_orders(at: &At, orders: Vec<crate::domain::order::Order>) -> Option<Action> {
    let (store, desk) = (Arc::clone(at.store), at.state.setup.desk.clone());
    in_background(at.tx, move || {
        // In turn, each on its own: one refused leaves the others saved.
        Action::OrdersSaved(
            orders
                .into_iter()
                .map(|order| match store.save_new(order.clone(), &desk) {
                    Ok(saved) => {
                        let file = crate::domain::text::path(&store.path_of(&saved.id));
                        (saved, Ok(file))
                    }
                    Err(e) => (order, Err(e.to_string())),
                })
                .collect(),
        )
    });
    None
}

fn change(
    at: &At,
    id: String,
    revision: u32,
    transition: crate::domain::rules::Transition,
    by: String,
    reason: Option<String>,
) -> Option<Action> {
    let (store, now) = (Arc::clone(at.store), at.ctx.now);
    in_background(at.tx, move || {
        Action::ChangeDone(
            store
                .transition(&id, Some(revision), transition, &by, reason, now)
                .map_err(|e| match e {
                    StoreError::Conflict { .. } => ChangeFailure::Conflict(e.to_string()),
                    StoreError::Refused(r) => ChangeFailure::Refused(r.to_string()),
                    other => ChangeFailure::Failed(other.to_string()),
                }),
        )
    });
    None
}

fn save_quote(at: &At, q: crate::domain::quote::Quote) -> Option<Action> {
    let (store, desk) = (Arc::clone(at.store), at.state.setup.desk.clone());
    let (by, now) = (at.state.setup.rep.clone(), at.ctx.now);
    in_background(at.tx, move || {
        // A revision keeps the id it was given and supersedes the quote it names.
        let saved = if q.revision_of.is_some() {
            store.save_revision(q, &by, now)
        } else {
            store.save_new_quote(q, &desk)
        };
        Action::QuoteSaved(
            saved
                .map(|q| {
                    let file = crate::domain::text::path(&store.quote_file(&q.id));
                    (q, file)
                })
                .map_err(|e| e.to_string()),
        )
    });
    None
}

fn quote_change(
    at: &At,
    id: String,
    by: String,
    decline: Option<Option<String>>,
) -> Option<Action> {
    let (store, desk, now) = (
        Arc::clone(at.store),
        at.state.setup.desk.clone(),
        at.ctx.now,
    );
    in_background(at.tx, move || {
        let result = match decline {
            None => store.accept_quote(&id, &by, &desk, now).and_then(|order| {
                let q = store.load_quote(&id)?;
                Ok(QuoteOutcome::Accepted(Box::new(q), Box::new(order)))
            }),
            Some(reason) => store
                .decline_quote(&id, &by, reason, now)
                .map(|q| QuoteOutcome::Declined(Box::new(q))),
        };
        Action::QuoteDone(result.map_err(|e| match e {
            // The rep saw it open: another desk accepted or declined it since.
            StoreError::QuoteRefused(
                r @ (QuoteRefusal::AlreadyAccepted { .. } | QuoteRefusal::Declined { .. }),
            ) => ChangeFailure::Conflict(r.to_string()),
            StoreError::QuoteRefused(r) => ChangeFailure::Refused(r.to_string()),
            other => ChangeFailure::Failed(other.to_string()),
        }))
    });
    None
}

fn load_quotes(at: &At) -> Option<Action> {
    let store = Arc::clone(at.store);
    let tx = at.tx.clone();
    let spawned = std::thread::Builder::new()
        .name("quote-loader".into())
        .spawn(move || {
            let result = store.load_quotes().map(Box::new).map_err(|e| e.to_string());
            let _ = tx.send(Action::QuotesLoaded(result));
        });
    spawned
        .err()
        .map(|e| Action::QuotesLoaded(Err(format!("cannot start the loader: {e}"))))
}

fn export_quote(
    at: &At,
    q: &crate::domain::quote::Quote,
    format: crate::document::DocFormat,
) -> Option<Action> {
    let dir = (at.state.quote_export_dir.clone()).unwrap_or_else(super::export::export_dir);
    Some(Action::QuoteExported(
        priced_from(at.state, at.store, q.list.as_ref(), q.catalog_date).and_then(|catalog| {
            super::export::export_quote_into(&dir, q, format, &catalog, at.store, at.ctx.today)
                .map(|(path, _)| path)
        }),
    ))
}

/// The list an order or quote was priced from, at the version it was priced at: its
/// regions and terms go on its documents. The desk's own for the built-in list.
fn priced_from(
    state: &State,
    store: &Store,
    list: Option<&crate::domain::order::ListRef>,
    version: jiff::civil::Date,
) -> Result<crate::domain::catalog::Catalog, String> {
    match list {
        None => Ok(state
            .setup
            .lists
            .first()
            .cloned()
            .unwrap_or_else(|| state.setup.catalog.clone())),
        Some(l) => crate::store::pricelists::catalog(store.dir(), &l.id, Some(version)),
    }
}

fn sync(at: &At, rep: &str) -> Option<Action> {
    let (store, desk, now, steps) = (
        Arc::clone(at.store),
        team_desk(at.state, rep),
        at.ctx.now,
        at.tx.clone(),
    );
    in_background(at.tx, move || {
        let step = |s: &str| {
            let _ = steps.send(Action::SyncStep(s.to_string()));
        };
        Action::Synced(
            crate::team::sync_with(store.dir(), &desk, now, &step)
                .map(|report| {
                    let kept_out = report.refused.iter().map(|r| r.line()).collect();
                    (report.one_line(), kept_out)
                })
                .map_err(|e| e.to_string()),
        )
    });
    None
}

fn decide(
    at: &At,
    id: String,
    keep: usize,
    by: String,
    why: String,
    quote: bool,
) -> Option<Action> {
    let (store, now) = (Arc::clone(at.store), at.ctx.now);
    in_background(at.tx, move || {
        let keep = keep.to_string();
        if quote {
            Action::QuoteDecided(
                store
                    .decide_quote(&id, &keep, &by, &why, now)
                    .map(Box::new)
                    .map_err(|e| e.to_string()),
            )
        } else {
            Action::Decided(
                store
                    .decide(&id, &keep, &by, &why, now)
                    .map_err(|e| e.to_string()),
            )
        }
    });
    None
}

fn load_orders(at: &At) -> Option<Action> {
    // Once a book is loaded, a reload reads only what changed since: the thread shares
    // the book's ids and stamps, never a second copy of the book.
    let known = at.state.orders.known.clone();
    let store = Arc::clone(at.store);
    let tx = at.tx.clone();
    let spawned = std::thread::Builder::new()
        .name("order-loader".into())
        .spawn(move || {
            // Lets the tests see that a loader panic ends the app (debug builds only).
            #[cfg(debug_assertions)]
            if std::env::var_os("ORDER_DESK_TEST_LOADER_PANIC").is_some() {
                panic!("loader panic asked for by ORDER_DESK_TEST_LOADER_PANIC");
            }
            let progress = |done, total| {
                // The loop may have quit; nothing to report to then.
                let _ = tx.send(Action::LoadProgress { done, total });
            };
            let result = match known {
                Some(known) => store
                    .changes_since(&known, &progress)
                    .map(|delta| Action::Reloaded(Box::new(delta))),
                None => store
                    .load_summaries_with(&progress)
                    .map(|report| Action::Loaded(Box::new(Book::from_report(report)))),
            };
            let _ = tx.send(result.unwrap_or_else(|e| Action::LoadFailed(e.to_string())));
            // Quotes are few and read after the orders, so they never delay the book.
            let quotes = store
                .load_quotes()
                .map(|book| (book.quotes, book.damaged.len()))
                .map_err(|e| e.to_string());
            let _ = tx.send(Action::ReportQuotesLoaded(quotes));
        });
    spawned
        .err()
        .map(|e| Action::LoadFailed(format!("cannot start the loader: {e}")))
}

/// Who syncs from this app: the rep, the desk, and this very program as git's merge driver.
fn team_desk(state: &State, rep: &str) -> crate::team::Desk {
    crate::team::Desk {
        rep: rep.to_string(),
        desk: state.setup.desk.clone(),
        exe: std::env::current_exe().unwrap_or_else(|_| "order-desk".into()),
    }
}

/// The team book's state for the status bar; `None` when the folder is not a team book
/// (or git cannot say).
fn team_line(dir: &std::path::Path, desk: &crate::team::Desk) -> Option<super::state::TeamLine> {
    if !dir.join(".git").exists() {
        return None;
    }
    let s = crate::team::status(dir, desk).ok()?;
    Some(super::state::TeamLine {
        last_sync: s.last_sync,
        to_push: s.to_push,
        to_pull: s.to_pull,
        local_changes: s.local_changes,
        decisions: s
            .decisions
            .iter()
            .filter(|p| !p.contains('/'))
            .filter_map(|p| p.strip_suffix(".ron").map(str::to_string))
            .collect(),
    })
}
