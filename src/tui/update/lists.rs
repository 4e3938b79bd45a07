//! The price lists to sell from (`L`): the list, moving through it, and switching the
//! Catalog and the cart to one. The cart keeps each list's lines apart: at checkout each
//! list's lines become an order of their own, with that list's prices and rules.

use super::super::action::Effect;
use super::super::model::catalog::Browse;
use super::super::state::{Popup, State};
use super::cart::cart_change;
use crate::domain::catalog::{BUILTIN_LIST, Catalog};
use crate::domain::order::ListRef;

/// The list's id as the cart records it: `None` for the desk's own.
fn cart_list(catalog: &Catalog) -> Option<String> {
    (catalog.list.id != BUILTIN_LIST).then(|| catalog.list.id.clone())
}

/// The newest version of the list an order or quote was priced from, among those the
/// desk sells (the desk's own for one of the built-in list), or why there is none.
pub(crate) fn of(state: &State, list: Option<&ListRef>) -> Result<Catalog, String> {
    let id = list.map_or(BUILTIN_LIST, |l| l.id.as_str());
    // The list on screen is the freshest copy of itself.
    if state.setup.catalog.list.id == id {
        return Ok(state.setup.catalog.clone());
    }
    let found = match list {
        None => state.setup.lists.first(),
        Some(l) => state.setup.lists.iter().find(|c| c.list.id == l.id),
    };
    found.cloned().ok_or_else(|| {
        format!(
            "it was priced from list {}, which is not in this orders folder: sync with the team or import its page",
            list.map_or(BUILTIN_LIST, |l| l.id.as_str())
        )
    })
}

/// Before the cart sells from `target`: a cart already holding the lines of as many lists
/// as one checkout takes is kept and the rep is told why.
pub(crate) fn cart_may_take(state: &mut State, target: &Catalog) -> bool {
    let cart = &state.cart_tab.cart;
    let list = cart_list(target);
    let held = cart.parked.len() + usize::from(!cart.lines.is_empty());
    let has = cart.list == list || cart.parked.iter().any(|p| p.list == list);
    if has || held < crate::domain::cart::MAX_LISTS {
        return true;
    }
    state.warn(format!(
        "The cart holds lines of {held} lists, the most one checkout takes: check them out (c) before adding another list"
    ));
    false
}

/// ↑ ↓ in the Catalog's lists column: the list moved to is the one the Catalog shows
/// (the column stays focused), unless the cart holds another list's lines.
pub(crate) fn step(state: &mut State, fx: &mut Vec<Effect>, to: impl Fn(usize, usize) -> usize) {
    let len = state.setup.lists.len();
    let at = state
        .setup
        .lists
        .iter()
        .position(|l| l.list.id == state.setup.catalog.list.id)
        .unwrap_or(0);
    let next = to(at, len).min(len.saturating_sub(1));
    if next == at {
        return;
    }
    let target = state.setup.lists[next].clone();
    if cart_may_take(state, &target) {
        switch_to(state, target, fx);
        state.browse.column = super::super::model::catalog::Column::Lists;
    }
}

/// `L`: the lists, the one on screen selected.
pub(super) fn open(state: &mut State) {
    let selected = state
        .setup
        .lists
        .iter()
        .position(|l| l.list.id == state.setup.catalog.list.id)
        .unwrap_or(0);
    state.popup = Some(Popup::Lists { selected });
}

/// ↑ ↓ in the lists.
pub(super) fn move_to(state: &mut State, to: impl Fn(usize, usize) -> usize) {
    let len = state.setup.lists.len();
    if let Some(Popup::Lists { selected }) = &mut state.popup {
        *selected = to(*selected, len).min(len.saturating_sub(1));
    }
}

/// Enter: sell from the selected list. A cart with lines of another list stays as it is
/// and the rep is told why.
pub(super) fn choose(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(Popup::Lists { selected }) = state.popup.take() else {
        return;
    };
    let Some(target) = state.setup.lists.get(selected).cloned() else {
        return;
    };
    if target.list.id == state.setup.catalog.list.id {
        return;
    }
    if cart_may_take(state, &target) {
        switch_to(state, target, fx);
    }
}

/// Shows `target` in the Catalog and sells from it: the cart's lines of the list left
/// are kept aside (undo brings the switch back), and its lines of `target`, if any,
/// come back.
pub(crate) fn switch_to(state: &mut State, target: Catalog, fx: &mut Vec<Effect>) {
    let list = cart_list(&target);
    let region = if target.has_region(state.cart_tab.cart.region) {
        state.cart_tab.cart.region
    } else {
        target.regions().next().unwrap_or_default()
    };
    let cart = &state.cart_tab.cart;
    let kept = cart.list != list && !cart.lines.is_empty();
    let from = cart
        .list
        .clone()
        .unwrap_or_else(|| BUILTIN_LIST.to_string());
    cart_change(
        state,
        format!("switch to list {}", target.list.id),
        fx,
        |cart, _| {
            cart.switch_list(list, region);
            Ok(())
        },
    );
    let tiers = target.tiers().count();
    let regions: Vec<String> = target.regions().map(|r| r.to_string()).collect();
    let mut text = format!(
        "Selling from {}, updated {}: {tiers} tiers, priced in {}",
        target.title,
        target.updated,
        regions.join(" and ")
    );
    if kept {
        text.push_str(&format!(
            "; the cart keeps the lines of {from} (each list checks out as its own order)"
        ));
    }
    state.info(text);
    state.setup.catalog = target;
    state.browse = Browse::default();
}
