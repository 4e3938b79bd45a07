//! The checkout form: typed fields checked by the core, the order handed to the store.

use jiff::civil::Date;

use crate::cart::Cart;
use crate::money::format_usd;
use crate::order::{CheckoutForm, Order, check_form, checkout};
use crate::order_id;
use crate::summary::OrderSummary;

use super::super::action::Effect;
use super::super::field::TextField;
use super::super::state::{Checkout, Field, State};
use super::Ctx;
use super::orders::{refilter, remember_during_load, select_order};

pub(super) fn open_checkout(state: &mut State) {
    if state.cart.is_empty() {
        state.warn("The cart is empty: add a tier in the Catalog (1) first");
        return;
    }
    let unknown = state.cart.unknown_skus(&state.catalog);
    if !unknown.is_empty() {
        state.error(format!(
            "The cart holds SKUs this price list does not sell: {}; remove them (x) first",
            unknown.join(", ")
        ));
        return;
    }
    // Esc kept the last form: it comes back as it was left.
    let form = state.checkout_draft.take().unwrap_or_else(|| Checkout {
        rep: TextField::new(state.last_rep.as_deref().unwrap_or(&state.rep)),
        ..Checkout::default()
    });
    state.checkout = Some(form);
}

pub(super) fn move_field(state: &mut State, step: isize) {
    if let Some(form) = &mut state.checkout {
        let n = Field::ALL.len() as isize;
        form.focus = (form.focus as isize + step).rem_euclid(n) as usize;
    }
}

/// The core's form from the typed fields, or every problem per field.
pub(super) fn validate(
    form: &Checkout,
    today: Date,
) -> Result<CheckoutForm, Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    let text = form.valid_until.value().trim();
    let valid_until = if text.is_empty() {
        None
    } else {
        match text.parse::<Date>() {
            Ok(date) => Some(date),
            Err(_) => {
                errors.push((
                    Field::ValidUntil.key(),
                    "use YYYY-MM-DD (e.g. 2026-12-31) or leave empty".to_string(),
                ));
                None
            }
        }
    };
    let core = CheckoutForm {
        customer: form.customer.value().to_string(),
        rep: form.rep.value().to_string(),
        note: form.note.value().to_string(),
        valid_until,
    };
    errors.extend(
        check_form(&core, today)
            .into_iter()
            .map(|e| (e.field(), e.to_string())),
    );
    if errors.is_empty() {
        Ok(core)
    } else {
        Err(errors)
    }
}

pub(super) fn submit(state: &mut State, ctx: &Ctx, fx: &mut Vec<Effect>) {
    let Some(form) = &mut state.checkout else {
        return;
    };
    if form.saving {
        return;
    }
    form.tried = true;
    let core = match validate(form, ctx.today) {
        Ok(core) => core,
        Err(errors) => {
            let first = errors[0].0;
            form.focus = Field::ALL
                .iter()
                .position(|f| f.key() == first)
                .unwrap_or(form.focus);
            form.errors = errors;
            state.error("Not saved: fix the marked fields");
            return;
        }
    };
    form.errors.clear();
    // The store replaces this id with the one it claims in the folder.
    let id = order_id::make(ctx.now, &state.desk, 1);
    match checkout(&state.cart, &state.catalog, &core, id, ctx.now) {
        Ok(order) => {
            form.saving = true;
            fx.push(Effect::SaveOrder(order));
            state.info("Saving the order…");
        }
        Err(e) => state.error(format!("Not saved: {e}")),
    }
}

pub(super) fn order_saved(
    state: &mut State,
    result: Result<(Order, String), String>,
    ctx: &Ctx,
    fx: &mut Vec<Effect>,
) {
    match result {
        Ok((order, file)) => {
            let id = order.id.clone();
            let total = format_usd(order.total);
            state.checkout = None;
            state.checkout_draft = None;
            // The next form starts with the rep who placed this one.
            state.last_rep = Some(order.rep.clone());
            state.cart = Cart::new(state.cart.region);
            state.cart_selected = 0;
            // The ordered lines are in the order now: undo must not bring them back into
            // the cart, inviting the same order twice.
            state.undo.clear();
            fx.push(Effect::SaveCart(state.cart.clone()));
            let summary = OrderSummary::of(&order);
            remember_during_load(state, &summary);
            state.orders.book.insert_newest(summary);
            if let Some(detail) = &mut state.orders.detail {
                detail.row += 1;
            }
            refilter(state, ctx.today);
            select_order(state, &id);
            state.info(format!(
                "Order {id} saved ({total}) to {file}; cart emptied"
            ));
        }
        Err(why) => {
            if let Some(form) = &mut state.checkout {
                form.saving = false;
            }
            state.error(format!("Order not saved: {why}"));
        }
    }
}
