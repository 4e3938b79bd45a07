//! Cart changes: every one is remembered for undo and autosaved as a draft.

use crate::domain::cart::{Cart, MAX_QUANTITY};
use crate::domain::catalog::Catalog;
use crate::domain::money::format_usd;

use super::super::action::Effect;
use super::super::field::TextField;
use super::super::model::catalog;
use super::super::state::{InputTarget, Screen, State, UNDO_DEPTH};

/// Changes the cart, remembering the old one for undo and saving the draft.
pub(super) fn cart_change(
    state: &mut State,
    what: String,
    fx: &mut Vec<Effect>,
    change: impl FnOnce(&mut Cart, &Catalog) -> Result<(), String>,
) -> bool {
    let before = state.cart_tab.cart.clone();
    match change(&mut state.cart_tab.cart, &state.setup.catalog) {
        Ok(()) if state.cart_tab.cart != before => {
            state.cart_tab.undo.push((before, what));
            if state.cart_tab.undo.len() > UNDO_DEPTH {
                state.cart_tab.undo.remove(0);
            }
            fx.push(Effect::SaveCart(state.cart_tab.cart.clone()));
            // An emptied cart revises nothing any more.
            if state.cart_tab.cart.is_empty() {
                state.cart_tab.revising = None;
            }
            let last = state.cart_tab.cart.lines.len().saturating_sub(1);
            state.cart_tab.selected = state.cart_tab.selected.min(last);
            true
        }
        Ok(()) => false,
        Err(why) => {
            state.cart_tab.cart = before;
            state.error(why);
            false
        }
    }
}

pub(super) fn add_highlighted(state: &mut State, fx: &mut Vec<Effect>) {
    if state.screen != Screen::Catalog {
        return;
    }
    let tree = catalog::tree(&state.setup.catalog, &state.browse.filter);
    let Some(cursor) = state.browse.cursor(&tree) else {
        state.warn("Nothing matches the filter: Esc clears it");
        return;
    };
    let tier = state.setup.catalog.entry(cursor.at).tier;
    let (sku, name) = (tier.sku.clone(), tier.name.clone());
    let added = cart_change(state, format!("add {sku}"), fx, |cart, catalog| {
        cart.add(catalog, &sku, 1).map_err(|e| e.to_string())
    });
    if added {
        let total = format_usd(state.cart_tab.cart.total(&state.setup.catalog));
        let qty = state.cart_tab.cart.quantity_of(&sku);
        state.info(format!(
            "Added {name} (now {qty} in cart, total {total}); u undoes"
        ));
    }
}

pub(super) fn switch_region(state: &mut State, fx: &mut Vec<Effect>) {
    let to = state.setup.catalog.next_region(state.cart_tab.cart.region);
    cart_change(state, format!("switch region to {to}"), fx, |cart, _| {
        cart.region = to;
        Ok(())
    });
    let total = format_usd(state.cart_tab.cart.total(&state.setup.catalog));
    let name = state.setup.catalog.region_full_name(to);
    state.info(format!("Region {to}: {name}; cart repriced to {total}"));
}

pub(super) fn selected_line(state: &State) -> Option<(String, u32)> {
    state
        .cart_tab
        .cart
        .lines
        .get(state.cart_tab.selected)
        .map(|l| (l.sku.clone(), l.quantity))
}

pub(super) fn change_quantity(state: &mut State, step: i64, fx: &mut Vec<Effect>) {
    let Some((sku, qty)) = selected_line(state) else {
        state.warn("The cart is empty: add tiers in the Catalog (1)");
        return;
    };
    let wanted = i64::from(qty) + step;
    if wanted < 1 {
        state.warn(format!("{sku} is at 1: x removes the line"));
        return;
    }
    let changed = cart_change(state, format!("quantity of {sku}"), fx, |cart, _| {
        cart.set_quantity(&sku, wanted as u32)
            .map_err(|e| e.to_string())
    });
    if changed {
        state.info(format!("{sku}: quantity {wanted}"));
    }
}

/// Opens the quantity of the selected line for typing, prefilled with what it is now.
pub(super) fn start_quantity(state: &mut State) {
    if state.screen != Screen::Cart {
        return;
    }
    let Some((sku, qty)) = selected_line(state) else {
        state.warn("The cart is empty: add tiers in the Catalog (1)");
        return;
    };
    state.line = TextField::replaceable(qty.to_string());
    state.input = Some(InputTarget::Quantity);
    state.info(format!(
        "Quantity of {sku}: type 1 to {MAX_QUANTITY} (replaces {qty}), Enter sets it, Esc keeps {qty}"
    ));
}

/// Enter on a typed quantity: set it if it is a whole number in 1..=999; otherwise say
/// why and leave the typing open, so nothing typed is lost.
pub(super) fn quantity_typed(state: &mut State, fx: &mut Vec<Effect>) {
    let Some((sku, qty)) = selected_line(state) else {
        state.input = None;
        return;
    };
    let typed = state.line.value().trim().to_string();
    let wanted = match typed.parse::<u32>() {
        Ok(n) if (1..=MAX_QUANTITY).contains(&n) => n,
        _ => {
            state.error(format!(
                "Quantity must be a whole number from 1 to {MAX_QUANTITY}, not \"{typed}\"; \
                 {sku} stays at {qty} (Esc keeps it)"
            ));
            return;
        }
    };
    state.input = None;
    let changed = cart_change(state, format!("quantity of {sku}"), fx, |cart, _| {
        cart.set_quantity(&sku, wanted).map_err(|e| e.to_string())
    });
    if changed {
        state.info(format!("{sku}: quantity {wanted}; u undoes"));
    } else {
        state.info(format!("{sku}: quantity stays {qty}"));
    }
}

pub(super) fn remove_line(state: &mut State, fx: &mut Vec<Effect>) {
    let Some((sku, _)) = selected_line(state) else {
        state.warn("The cart is empty: nothing to remove");
        return;
    };
    cart_change(state, format!("remove {sku}"), fx, |cart, _| {
        cart.remove(&sku);
        Ok(())
    });
    state.info(format!("Removed {sku}; u brings it back"));
}

pub(super) fn undo(state: &mut State, fx: &mut Vec<Effect>) {
    // The cart is not on screen there: a key acts only on what the rep can see.
    if matches!(
        state.screen,
        Screen::Quotes | Screen::Orders | Screen::Reports | Screen::Customers
    ) {
        state.info("u undoes cart changes: go to the Cart (2) or Catalog (1)");
        return;
    }
    match state.cart_tab.undo.pop() {
        Some((cart, what)) => {
            state.cart_tab.cart = cart;
            follow_cart(state);
            state.cart_tab.selected = state
                .cart_tab
                .selected
                .min(state.cart_tab.cart.lines.len().saturating_sub(1));
            fx.push(Effect::SaveCart(state.cart_tab.cart.clone()));
            state.info(format!("Undone: {what}"));
        }
        None => state.info("Nothing to undo"),
    }
}

/// After undo: the Catalog shows the list the cart is on again (an undone switch of
/// lists brings the list back with its lines).
pub(crate) fn follow_cart(state: &mut State) {
    let id = state
        .cart_tab
        .cart
        .list
        .clone()
        .unwrap_or_else(|| crate::domain::catalog::BUILTIN_LIST.to_string());
    if state.setup.catalog.list.id == id {
        return;
    }
    if let Some(list) = state.setup.lists.iter().find(|l| l.list.id == id).cloned() {
        state.setup.catalog = list;
        state.browse = super::super::model::catalog::Browse::default();
    }
}
