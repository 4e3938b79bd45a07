//! The checkout and quote form: typed fields checked by the core, the country settling
//! the region (see [`form_region`]), the order or quote handed to the store.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::desk;
use crate::domain::cart::Cart;
use crate::domain::catalog::BUILTIN_LIST;
use crate::domain::customer::name_key;
use crate::domain::money::format_usd;
use crate::domain::order::{CheckoutForm, Order, check_form};
use crate::domain::order_id;
use crate::domain::quote::{Quote, QuoteStatus};
use crate::store::summary::OrderSummary;

use super::super::action::Effect;
use super::super::field::TextField;
use super::super::form_region;
use super::super::state::{Checkout, Field, FormKind, Screen, State, Suggestion};
use super::Ctx;
use super::cart::cart_change;
use super::orders::{refilter, remember_during_load, select_order};

/// How many customers the form suggests at once.
pub const SUGGESTIONS: usize = 4;

pub(super) fn open_checkout(state: &mut State, kind: FormKind, ctx: &Ctx, fx: &mut Vec<Effect>) {
    if state.cart_tab.cart.is_empty() {
        state.warn("The cart is empty: add a tier in the Catalog (1) first");
        return;
    }
    if let Err(why) = cart_sellable(state, kind) {
        state.error(why);
        return;
    }
    // Esc kept the last form of this kind: it comes back as it was left.
    let kept = state.cart_tab.checkout_draft.take_if(|d| d.kind == kind);
    // A repurchase sells to the same customer in the same country, as `order repurchase`
    // does: the form starts with both, and the rep may still change them.
    let again = state.cart_tab.cart.repurchase_of.as_deref().and_then(|id| {
        let at = state.orders.book.locate(id, 0)?;
        let old = &state.orders.book.orders[at];
        Some((
            old.customer.clone(),
            old.country.clone().unwrap_or_default(),
        ))
    });
    let (customer, country) = again.unwrap_or_default();
    // A revision starts from the quote it revises: its customer, country, reference,
    // notes and valid-until.
    if kind == FormKind::Quote
        && kept.is_none()
        && let Some(old) = &state.cart_tab.revising
    {
        let opt = |s: &Option<String>| TextField::new(s.as_deref().unwrap_or_default());
        state.cart_tab.checkout = Some(Checkout {
            customer: TextField::new(&old.customer),
            country: opt(&old.country),
            kind,
            rep: TextField::new(&state.setup.rep),
            note: opt(&old.note),
            reference: opt(&old.reference),
            internal_note: opt(&old.internal_note),
            valid_until: TextField::new(old.valid_until.to_string()),
            ..Checkout::default()
        });
        fx.push(Effect::LoadCustomers);
        return;
    }
    let form = kept.unwrap_or_else(|| Checkout {
        customer: TextField::new(&customer),
        country: TextField::new(&country),
        kind,
        rep: TextField::new(
            state
                .cart_tab
                .last_rep
                .as_deref()
                .unwrap_or(&state.setup.rep),
        ),
        // A quote is valid for the seller's usual days unless the rep says otherwise.
        valid_until: match kind {
            FormKind::Quote => TextField::new(
                ctx.today
                    .saturating_add(state.quote_days.days())
                    .to_string(),
            ),
            FormKind::Order => TextField::default(),
        },
        ..Checkout::default()
    });
    state.cart_tab.checkout = Some(form);
    // The book is read afresh: another desk may have added a customer.
    fx.push(Effect::LoadCustomers);
}

/// Why the cart cannot be checked out as `kind`: a SKU its list does not sell (each
/// list's lines against their own list), a list not in the folder, or a quote of a list
/// with no lines (a quote is of the list on screen).
fn cart_sellable(state: &State, kind: FormKind) -> Result<(), String> {
    let cart = &state.cart_tab.cart;
    if kind == FormKind::Quote && cart.lines.is_empty() {
        return Err(format!(
            "A quote is of one list, and the cart holds no lines of {}: switch (L) to the list to quote",
            state.setup.catalog.list.id
        ));
    }
    let parts = match kind {
        FormKind::Quote => vec![Cart {
            parked: Vec::new(),
            ..cart.clone()
        }],
        FormKind::Order => cart.parts(),
    };
    for part in parts {
        let Some(catalog) = form_region::list_named(state, part.list.as_deref()) else {
            return Err(format!(
                "The cart holds lines of list {}, which is not in this orders folder: sync with the team or import its page, or empty the cart (x)",
                part.list.as_deref().unwrap_or_default()
            ));
        };
        let unknown = part.unknown_skus(catalog);
        if !unknown.is_empty() {
            return Err(format!(
                "The cart holds SKUs list {} does not sell: {}; remove them (x) first",
                catalog.list.id,
                unknown.join(", ")
            ));
        }
    }
    Ok(())
}

/// One order per list the cart holds lines of, each priced from its own list in the
/// region the form settles there; the first problem, naming its list when there are
/// several, stops them all.
fn price_orders(
    state: &State,
    form: &Checkout,
    checked: &Checked,
    ctx: &Ctx,
) -> Result<Vec<Order>, String> {
    let parts = form_region::parts(state, form);
    let several = parts.len() > 1;
    let named = |list: &str, why: String| {
        if several {
            format!("list {list}: {why}")
        } else {
            why
        }
    };
    parts
        .into_iter()
        .map(|part| {
            // The list on screen settles as the form checked it.
            let settled = if part.cart.list == state.cart_tab.cart.list {
                Ok(checked.settled.clone())
            } else {
                part.settled
            };
            let settled = settled.map_err(|why| named(&part.list, why))?;
            desk::price_order(
                &part.cart,
                part.catalog,
                &checked.core,
                settled,
                order_id::make(ctx.now, &state.setup.desk, 1),
                ctx.now,
            )
            .map_err(|e| named(&part.list, e.to_string()))
        })
        .collect()
}

pub(super) fn move_field(state: &mut State, step: isize) {
    if let Some(form) = &mut state.cart_tab.checkout {
        let n = Field::ALL.len() as isize;
        form.focus = (form.focus as isize + step).rem_euclid(n) as usize;
        form.pick = None;
    }
    suggest(state);
}

/// Tab: on the customer field with suggestions, takes the one ↓ moved to (or the
/// first) and goes on; elsewhere the next field.
pub(super) fn next_field(state: &mut State, ctx: &Ctx) {
    if let Some(form) = &state.cart_tab.checkout
        && form.focused() == Field::Customer
        && !form.suggestions.is_empty()
    {
        let at = form.pick.unwrap_or(0);
        take_suggestion(state, at, ctx);
    }
    move_field(state, 1);
}

/// ↓ / ↑ on the customer field: the next or previous suggestion.
pub(super) fn step_suggestion(state: &mut State, step: isize) {
    let Some(form) = &mut state.cart_tab.checkout else {
        return;
    };
    let n = form.suggestions.len() as isize;
    if n == 0 {
        return;
    }
    form.pick = Some(match form.pick {
        None if step > 0 => 0,
        None => (n - 1) as usize,
        Some(at) => (at as isize + step).rem_euclid(n) as usize,
    });
}

/// Fills the customer with suggestion `at`, and the country with the one it brings when
/// the rep has not typed one.
fn take_suggestion(state: &mut State, at: usize, ctx: &Ctx) {
    let Some(form) = &mut state.cart_tab.checkout else {
        return;
    };
    let Some(pick) = form.suggestions.get(at).cloned() else {
        return;
    };
    form.customer = TextField::new(pick.name);
    if form.country.value().trim().is_empty()
        && let Some(code) = pick.country
    {
        form.country = TextField::new(code);
    }
    form.suggestions.clear();
    form.pick = None;
    if form.tried {
        let errors = validate(state, ctx.today).err().unwrap_or_default();
        if let Some(form) = &mut state.cart_tab.checkout {
            form.errors = errors;
        }
    }
}

/// The customers whose names hold what is typed in the customer field: the book's
/// first, then past quotes', then past orders' (newest first), each name once. Only
/// while the customer field has focus and what is typed is not already a whole name.
pub(super) fn suggest(state: &mut State) {
    let Some(form) = &state.cart_tab.checkout else {
        return;
    };
    let typed = name_key(form.customer.value());
    let mut found: Vec<Suggestion> = Vec::new();
    if form.focused() == Field::Customer && !typed.is_empty() {
        let mut seen = std::collections::HashSet::new();
        // Most orders share a few customers: each name is looked at once.
        let mut looked: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let book = state.customers.iter().map(|c| (c.name.as_str(), "book"));
        let quotes = state
            .quotes
            .quotes
            .iter()
            .map(|q| (q.customer.as_str(), "quote"));
        let orders = state
            .orders
            .book
            .orders
            .iter()
            .map(|o| (o.customer.as_str(), "order"));
        for (name, source) in book.chain(quotes).chain(orders) {
            if found.len() >= SUGGESTIONS {
                break;
            }
            if !looked.insert(name) {
                continue;
            }
            let key = name_key(name);
            if key.contains(&typed)
                && !crate::domain::text::clean(name).is_empty()
                && name.chars().all(|c| !crate::domain::text::is_unsafe(c))
                && seen.insert(key)
            {
                found.push(Suggestion {
                    name: name.to_string(),
                    country: None,
                    source,
                });
            }
        }
        // Each name brings the country the desk knows for it, as checkout will settle it
        // (the book's, else the newest quote's or order's), whichever list named it first.
        let known = form_region::known(state);
        for s in &mut found {
            s.country = known.country_of(&s.name).map(|k| k.answer.code);
        }
        // Typed in full already: nothing to suggest.
        if found.len() == 1 && name_key(&found[0].name) == typed {
            found.clear();
        }
    }
    if let Some(form) = &mut state.cart_tab.checkout {
        if form.suggestions != found {
            form.pick = None;
        }
        form.suggestions = found;
    }
}

/// What the form settles: the core's form, the region, country and how it was chosen.
pub(super) struct Checked {
    core: CheckoutForm,
    settled: crate::domain::region::Settled,
    /// A quote's valid-until date.
    quote_until: Option<Date>,
}

/// The form's fields checked, or every problem per field.
pub(super) fn validate(state: &State, today: Date) -> Result<Checked, Vec<(&'static str, String)>> {
    let Some(form) = &state.cart_tab.checkout else {
        return Err(Vec::new());
    };
    let mut errors = Vec::new();
    let settled = form_region::settle(state, form)
        .map_err(|e| errors.push(e))
        .ok();
    if form.kind == FormKind::Quote && form.valid_until.value().trim().is_empty() {
        errors.push((
            Field::ValidUntil.key(),
            "a quote needs a date it is valid until (YYYY-MM-DD)".to_string(),
        ));
    }
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
        reference: form.reference.value().to_string(),
        internal_note: form.internal_note.value().to_string(),
    };
    errors.extend(
        check_form(&core, today)
            .into_iter()
            .map(|e| (e.field(), e.to_string())),
    );
    // The first problem in the form's order gets the cursor.
    errors.sort_by_key(|(key, _)| Field::ALL.iter().position(|f| f.key() == *key));
    match settled {
        Some(settled) if errors.is_empty() => Ok(Checked {
            quote_until: core.valid_until.filter(|_| form.kind == FormKind::Quote),
            core: CheckoutForm {
                // A quote's date is the quote's, not the order's it may become.
                valid_until: core.valid_until.filter(|_| form.kind == FormKind::Order),
                ..core
            },
            settled,
        }),
        _ => Err(errors),
    }
}

pub(super) fn submit(state: &mut State, ctx: &Ctx, fx: &mut Vec<Effect>) {
    let Some(form) = &state.cart_tab.checkout else {
        return;
    };
    if form.saving {
        return;
    }
    let checked = validate(state, ctx.today);
    let Some(form) = &mut state.cart_tab.checkout else {
        return;
    };
    form.tried = true;
    let checked = match checked {
        Ok(checked) => checked,
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
    let kind = form.kind;
    let priced = match (kind, checked.quote_until) {
        // A quote is of the list on screen; other lists' lines stay in the cart.
        (FormKind::Quote, Some(until)) => desk::price_quote(
            &Cart {
                parked: Vec::new(),
                ..state.cart_tab.cart.clone()
            },
            &state.setup.catalog,
            &checked.core,
            checked.settled,
            until,
            ctx.today,
            ctx.now,
        )
        .map_err(|e| e.to_string())
        // Revising a quote: the cart becomes its next revision.
        .and_then(|q| match &state.cart_tab.revising {
            Some(old) => desk::as_revision(old, q, ctx.today).map_err(|e| e.to_string()),
            None => Ok(q),
        })
        .map(Effect::SaveQuote),
        // The store replaces each id with the one it claims in the folder.
        _ => match &state.cart_tab.checkout {
            Some(form) => price_orders(state, form, &checked, ctx).map(Effect::SaveOrders),
            None => return,
        },
    };
    match priced {
        Ok(effect) => {
            if let Some(form) = &mut state.cart_tab.checkout {
                form.saving = true;
            }
            state.info(match &effect {
                Effect::SaveQuote(_) => "Saving the quote…".to_string(),
                Effect::SaveOrders(orders) if orders.len() > 1 => {
                    format!("Saving {} orders, one per list…", orders.len())
                }
                _ => "Saving the order…".to_string(),
            });
            fx.push(effect);
        }
        Err(e) => state.error(format!("Not saved: {e}")),
    }
}

/// A new quote was saved (or not): the form closes, the cart is emptied (u brings it
/// back: a quote is not a sale), the Quotes tab shows it.
pub(super) fn quote_saved(
    state: &mut State,
    result: Result<(Quote, String), String>,
    ctx: &Ctx,
    fx: &mut Vec<Effect>,
) {
    match result {
        Ok((q, file)) => {
            let (id, total, customer) = (q.id.clone(), format_usd(q.total), q.customer.clone());
            // The form may have been closed (Esc keeps it) while the quote was saved.
            let from_form = [&state.cart_tab.checkout, &state.cart_tab.checkout_draft]
                .iter()
                .any(|f| {
                    f.as_ref()
                        .is_some_and(|f| f.kind == FormKind::Quote && f.saving)
                });
            state.quotes.busy = false;
            if from_form {
                state.cart_tab.checkout = None;
                state.cart_tab.checkout_draft = None;
                state.cart_tab.last_rep = Some(q.rep.clone());
                cart_change(state, format!("quote {id}"), fx, |cart, _| {
                    // The quoted list's lines leave; it stays on its list, and other
                    // lists' lines stay for their own orders.
                    let list = cart.list.clone();
                    cart.drop_list(list.as_deref());
                    Ok(())
                });
                state.cart_tab.selected = 0;
            }
            // A revision supersedes the quote it names, as the store just wrote.
            if let Some(old) = &q.revision_of {
                state.cart_tab.revising = None;
                if let Some(mut before) = state.quotes.quotes.iter().find(|o| &o.id == old).cloned()
                {
                    before.status = QuoteStatus::Superseded {
                        quote: q.id.clone(),
                        at: q.created_at,
                        by: q.rep.clone(),
                    };
                    state.quotes.upsert(before);
                }
            }
            state.quotes.upsert(q);
            state.quotes.refilter(ctx.today);
            state.quotes.select(&id);
            let customer = crate::domain::text::clean(&customer);
            state.info(if from_form {
                format!("Quote {id} saved ({total} for {customer}) to {file}; cart emptied (u brings it back) · 3 Quotes")
            } else {
                format!("Quote {id} saved ({total} for {customer}) to {file}")
            });
        }
        Err(why) => {
            state.quotes.busy = false;
            for form in [
                &mut state.cart_tab.checkout,
                &mut state.cart_tab.checkout_draft,
            ]
            .into_iter()
            .flatten()
            {
                form.saving = false;
            }
            state.error(format!("Quote not saved: {why}; nothing was lost"));
            state.about(Screen::Cart);
        }
    }
}

/// The orders of a checkout came back: each saved order's lines leave the cart and the
/// order joins the Orders tab; one not saved keeps its lines and the form, and says why.
/// The message names each order with its total.
pub(super) fn orders_saved(
    state: &mut State,
    results: Vec<(Order, Result<String, String>)>,
    ctx: &Ctx,
    fx: &mut Vec<Effect>,
) {
    let several = results.len() > 1;
    let mut saved = Vec::new();
    let mut failed = Vec::new();
    for (order, result) in results {
        let list = order.list.as_ref().map(|l| l.id.clone());
        let name = list.clone().unwrap_or_else(|| BUILTIN_LIST.to_string());
        match result {
            Ok(file) => {
                state.cart_tab.cart.drop_list(list.as_deref());
                // The next form starts with the rep who placed this one.
                state.cart_tab.last_rep = Some(order.rep.clone());
                let summary = OrderSummary::of(&order);
                remember_during_load(state, &summary);
                state.orders.book.insert_newest(summary);
                if let Some(detail) = &mut state.orders.detail {
                    detail.row += 1;
                }
                saved.push((order.id.clone(), format_usd(order.total), name, file));
            }
            Err(why) => failed.push(format!(
                "the order of list {name} ({}) was not saved: {why}",
                format_usd(order.total)
            )),
        }
    }
    if !saved.is_empty() {
        state.cart_tab.selected = 0;
        // The ordered lines are in the orders now: undo must not bring them back into
        // the cart, inviting the same order twice.
        state.cart_tab.undo.clear();
        fx.push(Effect::SaveCart(state.cart_tab.cart.clone()));
        refilter(state, ctx.today);
        select_order(state, &saved[0].0);
    }
    if failed.is_empty() {
        state.cart_tab.checkout = None;
        state.cart_tab.checkout_draft = None;
        state.info(match saved.as_slice() {
            [(id, total, _, file)] if !several => {
                format!("Order {id} saved ({total}) to {file}; cart emptied")
            }
            _ => format!(
                "{} orders saved, one per list: {}; cart emptied",
                saved.len(),
                saved
                    .iter()
                    .map(|(id, total, list, _)| format!("{id} ({list}, {total})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
        return;
    }
    if let Some(form) = &mut state.cart_tab.checkout {
        form.saving = false;
    }
    let done = saved
        .iter()
        .map(|(id, total, list, _)| format!("order {id} ({list}, {total}) saved; "))
        .collect::<String>();
    let why = failed.join("; ");
    state.error(if several {
        format!("{done}{why}; its lines stay in the cart (Ctrl-S tries again)")
    } else {
        format!(
            "Order not saved: {}",
            why.split_once(": ").map_or(why.as_str(), |(_, w)| w)
        )
    });
}
