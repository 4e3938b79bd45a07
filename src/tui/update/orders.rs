//! The Orders tab: filtering, status changes through the guard, repurchase, loads.

use jiff::civil::Date;

use crate::money::format_usd;
use crate::order::Order;
use crate::rules::{self, Transition};

use super::super::action::{ChangeFailure, Effect};
use super::super::book::{Book, RowRef};
use super::super::state::{Level, PendingChange, Popup, Screen, State, StatusFilter};
use super::cart::cart_change;
use super::{Ctx, request_load};

pub(super) fn open_detail(state: &mut State) {
    if state.orders.detail.is_some() {
        return;
    }
    match state.orders.index.get(state.orders.selected) {
        Some(RowRef::Order(i)) => state.orders.detail = Some(*i as usize),
        Some(RowRef::Damaged(i)) => {
            let d = &state.orders.book.damaged[*i as usize];
            state.popup = Some(Popup::Notice {
                title: format!("Damaged file {}", d.file),
                body: d.describe(),
                level: Level::Error,
            });
        }
        None => {}
    }
}

/// A save made while a load runs may be missing from that load: keep it to merge in.
pub(super) fn remember_during_load(state: &mut State, order: &Order) {
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

/// Recomputes the visible rows after the book, filter or search changed; keeps the
/// selected order selected when it is still shown.
pub fn refilter(state: &mut State, today: Date) {
    let orders = &mut state.orders;
    orders.today = Some(today);
    let keep = match orders.index.get(orders.selected) {
        Some(RowRef::Order(i)) => orders.book.orders.get(*i as usize).map(|o| o.id.clone()),
        _ => None,
    };
    let status = match orders.filter {
        StatusFilter::All => None,
        StatusFilter::Only(s) => Some(s),
    };
    orders.index = orders
        .book
        .filter(status, &orders.search.to_lowercase(), today);
    orders.selected = orders.selected.min(orders.index.len().saturating_sub(1));
    if let Some(id) = keep {
        select_order(state, &id);
    }
}

pub(super) fn request(state: &mut State, transition: Transition, ctx: &Ctx) {
    let Some(i) = state.current_order() else {
        state.warn(match state.orders.index.get(state.orders.selected) {
            Some(RowRef::Damaged(_)) => {
                "A damaged file cannot change status: fix it by hand, then Ctrl-R"
            }
            _ => "No order selected",
        });
        return;
    };
    let order = &state.orders.book.orders[i];
    match rules::check(order, transition, ctx.today) {
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
        }
        Ok(_) => {
            state.popup = Some(Popup::Confirm(PendingChange {
                id: order.id.clone(),
                revision: order.revision,
                customer: order.customer.clone(),
                transition,
                from: order.effective_status(ctx.today),
            }));
        }
    }
}

pub(super) fn confirm(state: &mut State, yes: bool, fx: &mut Vec<Effect>) {
    let Some(Popup::Confirm(change)) = state.popup.take() else {
        return;
    };
    if yes {
        fx.push(Effect::Change {
            id: change.id,
            revision: change.revision,
            transition: change.transition,
            by: state.rep.clone(),
        });
    } else {
        state.info(format!(
            "{} cancelled: nothing changed",
            change.transition.label()
        ));
    }
}

pub(super) fn change_done(
    state: &mut State,
    result: Result<Order, ChangeFailure>,
    ctx: &Ctx,
    fx: &mut Vec<Effect>,
) {
    let (title, body) = match result {
        Ok(order) => {
            let change = order.history.last();
            let text = format!(
                "Order {}: {} → {}",
                order.id,
                change.and_then(|c| c.from).map_or("?", |s| s.label()),
                order.status.label()
            );
            remember_during_load(state, &order);
            if let Some(at) = state.orders.book.position(&order.id) {
                state.orders.book.replace(at, order);
            }
            refilter(state, ctx.today);
            state.info(text);
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
    state.error(format!("{title}: nothing was changed"));
    state.popup = Some(Popup::Notice {
        title: title.to_string(),
        body,
        level: Level::Error,
    });
}

pub(super) fn repurchase(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(i) = state.current_order() else {
        state.warn("Select an order to repurchase");
        return;
    };
    let order = &state.orders.book.orders[i];
    let id = order.id.clone();
    let (cart, missing) = order.repurchase_cart(&state.catalog);
    if cart.is_empty() {
        state.error(format!(
            "Order {id} cannot be repurchased: none of its SKUs are sold any more"
        ));
        return;
    }
    let replaced = !state.cart.is_empty();
    cart_change(state, format!("repurchase of {id}"), fx, |c, _| {
        *c = cart;
        Ok(())
    });
    state.screen = Screen::Cart;
    state.cart_selected = 0;
    let total = format_usd(state.cart.total(&state.catalog));
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

pub(super) fn loaded(state: &mut State, book: Book, ctx: &Ctx) {
    let selected_id = match state.orders.index.get(state.orders.selected) {
        Some(RowRef::Order(i)) => state
            .orders
            .book
            .orders
            .get(*i as usize)
            .map(|o| o.id.clone()),
        _ => None,
    };
    let damaged_before = state.orders.book.damaged.len();
    let detail_id = state
        .orders
        .detail
        .and_then(|i| state.orders.book.orders.get(i))
        .map(|o| o.id.clone());
    state.orders.book = book;
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
    state.orders.detail = detail_id.and_then(|id| state.orders.book.position(&id));
    refilter(state, ctx.today);
    if let Some(id) = selected_id {
        select_order(state, &id);
    }
    let damaged = state.orders.book.damaged.len();
    // Said once, not on every reload, so it does not hide the rep's last message.
    if damaged > 0 && damaged != damaged_before {
        state.warn(format!(
            "{damaged} damaged order file(s): shown at the top of Orders, left untouched"
        ));
    }
}
