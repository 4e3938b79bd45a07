//! The Orders tab: filtering, the detail view, status changes through the guard,
//! repurchase, loads.
//!
//! The book holds summaries; where the whole order is needed (the detail's lines and
//! history, a refusal's dates, a repurchase's lines) `update` asks the loop to read its
//! file with [`Effect::OpenOrder`] and carries on in [`order_opened`].

use std::sync::Arc;

use jiff::civil::Date;

use crate::domain::money::format_usd;
use crate::domain::order::{MAX_NOTE, Order};
use crate::domain::rules::{self, Transition};
use crate::domain::text::clean;
use crate::report::query::Query;
use crate::store::Delta;
use crate::store::summary::OrderSummary;

use super::super::action::{ChangeFailure, Effect, Purpose};
use super::super::model::order_book::{Book, RowRef};
use super::super::state::{
    Detail, EXPIRING_DAYS, Level, OrderFile, OrderSort, Orders, PendingChange, Popup, Screen,
    SortField, State, StatusFilter, Subject,
};
use super::cart::cart_change;
use super::{Ctx, request_load};
use crate::domain::order::Status;
use crate::report::filter::{expires_by, last_day_within};
use rayon::prelude::*;
use std::collections::HashMap;

pub(super) fn open_detail(state: &mut State, fx: &mut Vec<Effect>) {
    if state.orders.detail.is_some() {
        return;
    }
    match state.orders.index.get(state.orders.selected) {
        Some(RowRef::Order(i)) => show_order(state, *i as usize, fx),
        Some(RowRef::Damaged(i)) => {
            let d = &state.orders.book.damaged[*i as usize];
            state.popup = Some(Popup::Notice {
                title: if d.newer {
                    format!("From a newer Order Desk: {}", d.file)
                } else {
                    format!("Damaged file {}", d.file)
                },
                body: d.describe(),
                level: if d.newer {
                    Level::Warning
                } else {
                    Level::Error
                },
            });
        }
        None => {}
    }
}

/// Shows the book's order at `row` in the detail view and asks for its file; stepping
/// onto the order already shown reads nothing.
pub(super) fn show_order(state: &mut State, row: usize, fx: &mut Vec<Effect>) {
    let Some(summary) = state.orders.book.orders.get(row) else {
        return;
    };
    if let Some(detail) = &mut state.orders.detail
        && detail.id == summary.id
    {
        detail.row = row;
        return;
    }
    let id = summary.id.clone();
    state.orders.detail = Some(Detail {
        id: id.clone(),
        row,
        file: OrderFile::Reading,
    });
    fx.push(Effect::OpenOrder {
        id,
        purpose: Purpose::Detail,
    });
}

/// An order's file was read (or not) for `purpose`. Read for a decision, the order is
/// handed back for the decide step ([`super::team::ask`]), which `update` calls: this
/// module does not call up into the team's.
pub(super) fn order_opened(
    state: &mut State,
    id: String,
    purpose: Purpose,
    result: Result<Order, String>,
    ctx: &Ctx,
    fx: &mut Vec<Effect>,
) -> Option<Order> {
    if let Ok(order) = &result {
        refresh_row(state, order, ctx.today);
    }
    let order = match result {
        Ok(order) => order,
        Err(why) => {
            let why = clean(&why).into_owned();
            match &mut state.orders.detail {
                Some(detail) if detail.id == id && purpose == Purpose::Detail => {
                    // The detail shows why in full; the status bar only points at it.
                    detail.file = OrderFile::Unreadable(why);
                    state.error(format!("Order {id}: its file could not be read"));
                    state.about(Screen::Orders);
                }
                _ => unreadable(state, &id, &why),
            }
            return None;
        }
    };
    match purpose {
        Purpose::Detail => {
            // The rep may have moved on before the file came: then it is of no use.
            if let Some(detail) = &mut state.orders.detail
                && detail.id == order.id
            {
                detail.file = OrderFile::Read(Box::new(order));
            }
        }
        Purpose::Request(transition) => judge(state, &order, transition, ctx.today),
        Purpose::Repurchase => repurchase_from(state, &order, fx),
        Purpose::Decide => return Some(order),
    }
    None
}

/// The file may be newer than the summary (another desk changed it): the row follows.
fn refresh_row(state: &mut State, order: &Order, today: Date) {
    let hint = row_hint(state, &order.id);
    let book = &mut state.orders.book;
    if let Some(at) = book.locate(&order.id, hint)
        && book.orders[at].revision < order.revision
    {
        book.replace(at, OrderSummary::of(order));
        refilter(state, today);
    }
}

/// Where the order `id` most likely is in the book: the detail's row or the selected one.
fn row_hint(state: &State, id: &str) -> usize {
    match &state.orders.detail {
        Some(detail) if detail.id == id => detail.row,
        _ => state.selected_order().map_or(0, |(at, _)| at),
    }
}

/// A save made while a load runs may be missing from that load: keep it to merge in.
pub(super) fn remember_during_load(state: &mut State, order: &OrderSummary) {
    if state.orders.loading.is_some() {
        state.orders.during_load.push(order.clone());
    }
}

pub(super) fn select_order(state: &mut State, id: &str) {
    let book = &state.orders.book;
    if let Some(at) = state.orders.index.iter().position(|r| match r {
        RowRef::Order(i) => book.orders[*i as usize].id == id,
        RowRef::Damaged(_) => false,
    }) {
        state.orders.selected = at;
    }
}

/// Recomputes the visible rows after the book, a filter, the search or the sort changed;
/// keeps the selected order selected when it is still shown.
pub fn refilter(state: &mut State, today: Date) {
    let keep = state.selected_order().map(|(_, o)| o.id.clone());
    // The book may have changed: the Reports tab works its figures out again when shown.
    state.reports.stale = true;
    let tz = state.setup.tz.clone();
    let orders = &mut state.orders;
    orders.today = Some(today);
    let status = match orders.filter {
        StatusFilter::All => None,
        StatusFilter::Only(s) => Some(s),
    };
    let query = Query::new(&orders.search, &state.setup.catalog);
    let expiring = orders.expiring;
    let last = last_day_within(today, EXPIRING_DAYS).unwrap_or(today);
    let group = orders.group.as_ref();
    orders.index = orders.book.filter(
        status,
        &query,
        today,
        expiring || group.is_some(),
        |order, now| {
            (!expiring || expires_by(order, now, today, last))
                && group.is_none_or(|g| {
                    let day = tz.to_datetime(order.created_at).date();
                    g.period.contains(day) && g.key.matches(order, now, day)
                })
        },
    );
    sort_rows(orders, today);
    // Orders waiting for a decision list first (and alone under `n`).
    if let Some(team) = &state.team
        && !team.decisions.is_empty()
    {
        let waits = |r: &RowRef| match r {
            RowRef::Order(i) => team.decisions.contains(&orders.book.orders[*i as usize].id),
            RowRef::Damaged(_) => false,
        };
        let (mut first, rest): (Vec<RowRef>, Vec<RowRef>) =
            orders.index.iter().partition(|r| waits(r));
        if !orders.decisions_only {
            first.extend(rest);
        }
        orders.index = first;
    } else if orders.decisions_only {
        orders.index.clear();
    }
    tally(orders);
    orders.selected = orders.selected.min(orders.index.len().saturating_sub(1));
    if let Some(id) = keep {
        select_order(state, &id);
    }
}

/// A filter key on Orders (`f`, `F`, `e`): changes the filter, lists from the top. Only on
/// the table, where the filter is seen (not under the detail).
pub(super) fn narrow_by(state: &mut State, today: Date, change: impl FnOnce(&mut Orders)) {
    if state.screen == Screen::Orders && state.orders.detail.is_none() {
        change(&mut state.orders);
        state.orders.selected = 0;
        refilter(state, today);
    }
}

/// A sort key on Orders (`o`, `O`): the selected order stays selected where it moves to.
pub(super) fn sort_by(state: &mut State, today: Date, change: impl FnOnce(&mut OrderSort)) {
    if state.screen == Screen::Orders && state.orders.detail.is_none() {
        change(&mut state.orders.sort);
        refilter(state, today);
    }
}

/// Puts the listed orders in the order the rep chose; damaged files stay on top. Ties
/// keep the book's order (newest first), so the list is the same every time.
fn sort_rows(orders: &mut Orders, today: Date) {
    let sort = orders.sort;
    let book = &orders.book.orders;
    let first = orders
        .index
        .iter()
        .position(|r| matches!(r, RowRef::Order(_)))
        .unwrap_or(orders.index.len());
    let rows = &mut orders.index[first..];
    let order = |r: &RowRef| match *r {
        RowRef::Order(i) => &book[i as usize],
        RowRef::Damaged(_) => &book[0],
    };
    // Each sort's natural way first (A to Z, largest total, soonest date); `O` turns it.
    let up = !sort.reverse;
    match sort.field {
        SortField::Date if sort.reverse => rows.reverse(),
        SortField::Date => {}
        SortField::Customer => {
            // Names compared once, not at every step of the sort: each becomes its rank.
            let mut rank: HashMap<&str, u32> = rows
                .iter()
                .map(|r| (order(r).customer.as_str(), 0))
                .collect();
            let mut names: Vec<&str> = rank.keys().copied().collect();
            names.par_sort_unstable();
            rank = names
                .iter()
                .enumerate()
                .map(|(i, n)| (*n, i as u32))
                .collect();
            let key = |r: &RowRef| rank.get(order(r).customer.as_str()).copied();
            sort_by_key(rows, up, key);
        }
        SortField::Total => sort_by_key(rows, !up, |r| order(r).total),
        SortField::Status => {
            let rank = |s: Status| Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
            sort_by_key(rows, up, |r| rank(order(r).effective_status(today)));
        }
        // Orders with no date at the end, whichever way.
        SortField::ValidUntil => sort_by_key(rows, true, |r| match order(r).valid_until {
            Some(d) => {
                let day =
                    i32::from(d.year()) * 512 + i32::from(d.month()) * 32 + i32::from(d.day());
                (false, if up { day } else { -day })
            }
            None => (true, 0),
        }),
    }
}

/// Sorts `rows` by `key` (ascending when `up`), ties by the rows' place in the book. The
/// keys are worked out once and sorted side by side with the rows, so the sort runs over
/// a compact array rather than jumping about the book at every comparison.
fn sort_by_key<K: Ord + Send>(rows: &mut [RowRef], up: bool, key: impl Fn(&RowRef) -> K + Sync) {
    let place = |r: &RowRef| match *r {
        RowRef::Order(i) | RowRef::Damaged(i) => i,
    };
    let mut keyed: Vec<(K, u32, RowRef)> =
        rows.par_iter().map(|r| (key(r), place(r), *r)).collect();
    if up {
        keyed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    } else {
        keyed.par_sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    }
    for (slot, (_, _, row)) in rows.iter_mut().zip(keyed) {
        *slot = row;
    }
}

/// Counts the listed orders and sums their totals exactly, for the header.
pub(super) fn tally(orders: &mut Orders) {
    let book = &orders.book.orders;
    orders.listed = orders
        .index
        .iter()
        .filter_map(|r| match r {
            RowRef::Order(i) => book.get(*i as usize),
            RowRef::Damaged(_) => None,
        })
        .fold((0, rust_decimal::Decimal::ZERO), |(n, sum), o| {
            (n + 1, sum + o.total)
        });
}

/// What the rep does with a file that cannot be read, in one place.
fn unreadable(state: &mut State, id: &str, why: &str) {
    state.error(format!(
        "Order {id} could not be read: {why}; fix the file by hand, then Ctrl-R"
    ));
    state.about(Screen::Orders);
}

pub(super) fn request(state: &mut State, transition: Transition, ctx: &Ctx, fx: &mut Vec<Effect>) {
    if state.orders.changing > 0 || state.orders.batch.is_some() {
        state.warn("A status change is being saved: wait for it, then try again");
        state.about(Screen::Orders);
        return;
    }
    if state.orders.detail.is_none() && !state.orders.marked.is_empty() {
        return super::batch::request(state, transition, ctx.today);
    }
    if state.orders.detail.is_some() {
        if let Some(order) = detail_order(state) {
            judge(state, &order, transition, ctx.today);
        }
        return;
    }
    let Some((_, order)) = state.selected_order() else {
        state.warn(match state.orders.index.get(state.orders.selected) {
            Some(RowRef::Damaged(_)) => {
                "A damaged file cannot change status: fix it by hand, then Ctrl-R"
            }
            _ => "No order selected",
        });
        state.about(Screen::Orders);
        return;
    };
    let from = order.effective_status(ctx.today);
    if rules::allowed(from, transition.target()) {
        // The summary is enough to ask; the store checks the file again when saving.
        let change = PendingChange::new(
            &order.id,
            order.revision,
            &order.customer,
            order.total,
            transition,
            from,
        );
        ask(state, change);
    } else {
        // The guard's reason names the dates of the history, which only the file holds.
        fx.push(Effect::OpenOrder {
            id: order.id.clone(),
            purpose: Purpose::Request(transition),
        });
    }
}

/// The order open in the detail view, once its file is read; otherwise says why not.
fn detail_order(state: &mut State) -> Option<Order> {
    let detail = state.orders.detail.as_ref()?;
    match &detail.file {
        OrderFile::Read(order) => Some((**order).clone()),
        OrderFile::Reading => {
            let text = format!("Order {} is still being read", detail.id);
            state.warn(text);
            state.about(Screen::Orders);
            None
        }
        OrderFile::Unreadable(why) => {
            let (id, why) = (detail.id.clone(), why.clone());
            unreadable(state, &id, &why);
            None
        }
    }
}

/// Asks the guard about the whole order and shows its answer: the y/n question, or the
/// refusal with its reason.
fn judge(state: &mut State, order: &Order, transition: Transition, today: Date) {
    match rules::check(order, transition, today) {
        Err(refusal) => {
            state.popup = Some(Popup::Notice {
                title: format!("{} not allowed", transition.label()),
                body: format!(
                    "Order {}: {}.\n\nNothing was changed.",
                    order.id, refusal.reason
                ),
                level: Level::Error,
            });
            state.error(refusal.to_string());
            state.about(Screen::Orders);
        }
        Ok(_) => {
            let change = PendingChange::new(
                &order.id,
                order.revision,
                &order.customer,
                order.total,
                transition,
                order.effective_status(today),
            );
            ask(state, change);
        }
    }
}

/// Asks the rep about an allowed change: a refund first asks for its optional reason
/// (as the CLI's `--reason`), then every change asks y/n.
fn ask(state: &mut State, change: PendingChange) {
    if change.transition == Transition::Refund {
        state.line.clear();
        state.popup = Some(Popup::Reason(Subject::Order(change)));
    } else {
        state.popup = Some(Popup::Confirm(Subject::Order(change)));
    }
}

/// Enter on a refund's or a decline's reason: the y/n question follows, naming the reason.
pub(super) fn reason_done(state: &mut State) {
    let Some(Popup::Reason(mut subject)) = state.popup.take() else {
        return;
    };
    let reason = state.line.value().trim().to_string();
    if reason.chars().count() > MAX_NOTE {
        state.error(format!(
            "The reason is too long: at most {MAX_NOTE} characters"
        ));
        state.popup = Some(Popup::Reason(subject));
        return;
    }
    subject.set_reason(Some(reason).filter(|r| !r.is_empty()));
    state.line.clear();
    state.popup = Some(Popup::Confirm(subject));
}

pub(super) fn confirm(state: &mut State, yes: bool, fx: &mut Vec<Effect>) {
    let change = match state.popup.take() {
        Some(Popup::Confirm(Subject::Order(change)) | Popup::Reason(Subject::Order(change))) => {
            change
        }
        Some(
            Popup::Confirm(Subject::Orders { changes, .. })
            | Popup::Reason(Subject::Orders { changes, .. }),
        ) => {
            if yes {
                super::batch::confirm(state, changes, fx);
            } else {
                state.info("Nothing changed: the marks are kept");
                state.about(Screen::Orders);
            }
            return;
        }
        other => {
            state.popup = other;
            return;
        }
    };
    if yes {
        state.info(format!("{}: saving…", change.transition.label()));
        state.orders.changing += 1;
        fx.push(Effect::Change {
            id: change.id,
            revision: change.revision,
            transition: change.transition,
            by: state.setup.rep.clone(),
            reason: change.reason,
        });
    } else {
        state.info(format!(
            "{} cancelled: nothing changed",
            change.transition.label()
        ));
        state.about(Screen::Orders);
    }
}

pub(super) fn change_done(
    state: &mut State,
    result: Result<Order, ChangeFailure>,
    ctx: &Ctx,
    fx: &mut Vec<Effect>,
) {
    // A batch's result updates the row like a single one, and is summed up with the rest.
    let in_batch = super::batch::result(
        state,
        &result.as_ref().map(|o| o.id.clone()).map_err(Clone::clone),
    );
    if !in_batch {
        state.orders.changing = state.orders.changing.saturating_sub(1);
    }
    let (title, body) = match result {
        Ok(order) => {
            let change = order.history.last();
            let text = format!(
                "Order {}: {} → {}",
                order.id,
                change.and_then(|c| c.from).map_or("?", |s| s.label()),
                order.status.label()
            );
            let summary = OrderSummary::of(&order);
            remember_during_load(state, &summary);
            let hint = row_hint(state, &order.id);
            if let Some(at) = state.orders.book.locate(&order.id, hint) {
                state.orders.book.replace(at, summary);
            }
            if let Some(detail) = &mut state.orders.detail
                && detail.id == order.id
            {
                detail.file = OrderFile::Read(Box::new(order));
            }
            refilter(state, ctx.today);
            if !in_batch {
                state.info(text);
            }
            return;
        }
        Err(ChangeFailure::Conflict(why)) => {
            request_load(state, fx);
            (
                "Changed by another desk",
                format!("{why}\n\nThe orders are being reloaded: check the order and try again."),
            )
        }
        Err(ChangeFailure::Refused(why)) => {
            ("Not allowed", format!("{why}\n\nNothing was changed."))
        }
        Err(ChangeFailure::Failed(why)) => ("Not saved", why),
    };
    if in_batch {
        return;
    }
    state.error(format!("{title}: nothing was changed"));
    state.about(Screen::Orders);
    state.popup = Some(Popup::Notice {
        title: title.to_string(),
        body,
        level: Level::Error,
    });
}

pub(super) fn repurchase(state: &mut State, fx: &mut Vec<Effect>) {
    if state.orders.detail.is_some() {
        if let Some(order) = detail_order(state) {
            repurchase_from(state, &order, fx);
        }
        return;
    }
    let Some((_, order)) = state.selected_order() else {
        state.warn("Select an order to repurchase");
        state.about(Screen::Orders);
        return;
    };
    // The summary has no prices per line: the lines come from the file.
    fx.push(Effect::OpenOrder {
        id: order.id.clone(),
        purpose: Purpose::Repurchase,
    });
}

/// A repurchase at the newest version of the order's own list: the Catalog switches to
/// that list (the cart keeps other lists' lines aside).
fn repurchase_from(state: &mut State, order: &Order, fx: &mut Vec<Effect>) {
    let catalog = match super::lists::of(state, order.list.as_ref()) {
        Ok(c) => c,
        Err(why) => {
            state.error(format!("Order {} cannot be repurchased: {why}", order.id));
            return;
        }
    };
    if !super::lists::cart_may_take(state, &catalog) {
        return;
    }
    let (mut cart, missing) = order.repurchase_cart(&catalog);
    if catalog.list.id != state.setup.catalog.list.id {
        super::lists::switch_to(state, catalog, fx);
    }
    cart.list = state.cart_tab.cart.list.clone();
    fill_cart(state, order.id.clone(), cart, missing, fx);
}

/// Replaces the cart with a repurchase of order `id` and says what it cost and lacks.
fn fill_cart(
    state: &mut State,
    id: String,
    cart: crate::domain::cart::Cart,
    missing: Vec<String>,
    fx: &mut Vec<Effect>,
) {
    if cart.is_empty() {
        state.error(format!(
            "Order {id} cannot be repurchased: none of its SKUs are sold any more"
        ));
        return;
    }
    // Only this list's lines are replaced: other lists' lines stay for their own orders.
    let replaced = !state.cart_tab.cart.lines.is_empty();
    cart_change(state, format!("repurchase of {id}"), fx, |c, _| {
        let parked = std::mem::take(&mut c.parked);
        *c = crate::domain::cart::Cart { parked, ..cart };
        Ok(())
    });
    state.screen = Screen::Cart;
    state.cart_tab.selected = 0;
    let total = format_usd(state.cart_tab.cart.total(&state.setup.catalog));
    let mut text = format!("Cart filled from order {id} at today's prices: {total}");
    if replaced {
        text.push_str("; the previous cart was replaced (u undoes)");
    }
    if missing.is_empty() {
        state.info(text);
    } else {
        text.push_str(&format!("; no longer sold: {}", missing.join(", ")));
        state.warn(text);
    }
}

pub(super) fn loaded(state: &mut State, book: Book, ctx: &Ctx, fx: &mut Vec<Effect>) {
    let selected_id = state.selected_order().map(|(_, o)| o.id.clone());
    let damaged_before = state.orders.book.damaged.len();
    state.orders.book = book;
    // The open order is read again in case another desk changed it.
    finish_load(state, selected_id, damaged_before, true, ctx, fx);
    if state.awaits_result() {
        let n = state.orders.book.orders.len();
        state.info(format!("Orders loaded: {n} order(s)"));
    }
}

/// A reload came back with what changed in the folder: the book is updated in place.
pub(super) fn reloaded(state: &mut State, delta: Delta, ctx: &Ctx, fx: &mut Vec<Effect>) {
    let selected_id = state.selected_order().map(|(_, o)| o.id.clone());
    let damaged_before = state.orders.book.damaged.len();
    // The open order is read again only if its file changed.
    let reread = state
        .orders
        .detail
        .as_ref()
        .is_some_and(|d| delta.changed.iter().any(|o| o.id == d.id));
    let (changed, removed) = (delta.changed.len(), delta.removed.len());
    state.orders.book.apply(delta);
    finish_load(state, selected_id, damaged_before, reread, ctx, fx);
    // "Reloading…" is replaced by what the reload found.
    if state.awaits_result() {
        state.info(if changed + removed == 0 {
            "Orders reloaded: nothing changed in the folder".to_string()
        } else {
            format!("Orders reloaded: {changed} new or changed, {removed} removed")
        });
    }
}

/// What follows any load: merge this desk's own saves, keep the detail and the selection
/// on the same order where it is still there, and say if damaged files appeared.
fn finish_load(
    state: &mut State,
    selected_id: Option<String>,
    damaged_before: usize,
    reread_detail: bool,
    ctx: &Ctx,
    fx: &mut Vec<Effect>,
) {
    // Positions into the old book mean nothing now.
    state.orders.index.clear();
    // Orders saved or changed here while the load ran may be missing or older in it.
    for order in std::mem::take(&mut state.orders.during_load) {
        match state.orders.book.position(&order.id) {
            Some(at) if state.orders.book.orders[at].revision < order.revision => {
                state.orders.book.replace(at, order);
            }
            Some(_) => {}
            None => state.orders.book.insert_newest(order),
        }
    }
    state.orders.loaded = true;
    state.orders.loading = None;
    state.orders.load_error = None;
    state.orders.known = Some(Arc::new(state.orders.book.known()));
    // The open order stays open while it is in the folder; until it is read again the
    // detail shows what it showed.
    if let Some(mut detail) = state.orders.detail.take()
        && let Some(at) = state.orders.book.position(&detail.id)
    {
        detail.row = at;
        if reread_detail {
            fx.push(Effect::OpenOrder {
                id: detail.id.clone(),
                purpose: Purpose::Detail,
            });
        }
        state.orders.detail = Some(detail);
    }
    refilter(state, ctx.today);
    if let Some(id) = selected_id {
        select_order(state, &id);
    }
    let damaged = state.orders.book.damaged.len();
    // Said once, not on every reload, so it does not hide the rep's last message.
    if damaged > 0 && damaged != damaged_before {
        let newer = state.orders.book.damaged.iter().filter(|d| d.newer).count();
        state.warn(match (damaged - newer, newer) {
            (0, newer) => format!(
                "{newer} order file(s) written by a newer Order Desk: upgrade to read them; shown at the top of Orders, left untouched"
            ),
            (bad, 0) => format!(
                "{bad} damaged order file(s): shown at the top of Orders, left untouched"
            ),
            (bad, newer) => format!(
                "{bad} damaged order file(s) and {newer} from a newer Order Desk: shown at the top of Orders, left untouched"
            ),
        });
    }
}
