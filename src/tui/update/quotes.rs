//! The Quotes tab: loads, filter and search, the detail, and the three things a rep does
//! with a quote: accept it into an order at the quoted prices, decline it, re-quote it
//! at today's prices. Every change asks y/n first and goes through the store, which
//! re-reads the quote under the folder's lock and refuses if it is no longer open.

use crate::desk;
use crate::domain::money::format_usd;
use crate::domain::quote::{Quote, QuoteStatus, Standing};
use crate::domain::text::clean;
use crate::store::QuoteBook;
use crate::store::summary::OrderSummary;

use jiff::ToSpan;

use super::super::action::{ChangeFailure, Effect, QuoteOutcome};
use super::super::model::order_book::damaged_rows;
use super::super::model::quotes::QuoteRow;
use super::super::state::{
    Exported, Level, Popup, QuoteAsk, QuoteStep, Screen, State, StatusFilter, Subject,
};
use super::Ctx;
use super::orders::{refilter, remember_during_load, select_order, show_order};
use crate::document::DocFormat;

pub(super) use super::super::state::QuoteStep as Step;

pub(super) fn request_load(state: &mut State, fx: &mut Vec<Effect>) {
    if !state.quotes.loading {
        state.quotes.loading = true;
        fx.push(Effect::LoadQuotes);
    }
}

pub(super) fn loaded(state: &mut State, result: Result<Box<QuoteBook>, String>, ctx: &Ctx) {
    let quotes = &mut state.quotes;
    quotes.loading = false;
    match result {
        Ok(book) => {
            let damaged_before = quotes.damaged.len();
            let QuoteBook {
                quotes: all,
                damaged,
            } = *book;
            quotes.quotes = all;
            quotes.damaged = damaged_rows(damaged);
            quotes.loaded = true;
            quotes.load_error = None;
            quotes.refilter(ctx.today);
            // The open quote stays open while it is in the folder.
            if let Some(id) = &quotes.detail
                && quotes.get(id).is_none()
            {
                quotes.detail = None;
            }
            let damaged = quotes.damaged.len();
            if damaged > 0 && damaged != damaged_before {
                state.warn(format!(
                    "{damaged} damaged quote file(s): shown at the top of Quotes, left untouched"
                ));
            }
        }
        Err(why) => {
            let why = clean(&why).into_owned();
            state.error(format!("Quotes not loaded: {why}"));
            state.quotes.load_error = Some(why);
        }
    }
}

pub(super) fn cycle_filter(state: &mut State, ctx: &Ctx) {
    let quotes = &mut state.quotes;
    if quotes.detail.is_none() {
        quotes.filter = quotes.filter.next();
        quotes.selected = 0;
        quotes.refilter(ctx.today);
    }
}

/// Esc: closes the detail, else clears the search.
pub(super) fn back(state: &mut State, was_typing: bool) {
    let quotes = &mut state.quotes;
    if !was_typing && quotes.detail.take().is_some() {
        return;
    }
    if !quotes.search.is_empty() {
        quotes.search.clear();
        quotes.selected = 0;
        if let Some(today) = quotes.today {
            quotes.refilter(today);
        }
    }
}

/// A click on row `at`: selects it, or opens the quote already selected.
pub(super) fn point(state: &mut State, at: usize) {
    if state.quotes.detail.is_none() && at < state.quotes.index.len() {
        if state.quotes.selected == at {
            open_detail(state);
        } else {
            state.quotes.selected = at;
        }
    }
}

/// Moves the cursor; in the detail, the detail follows it from quote to quote.
pub(super) fn move_to(state: &mut State, at: usize) {
    let quotes = &mut state.quotes;
    quotes.selected = at;
    if quotes.detail.is_some()
        && let Some(q) = quotes.selected_quote()
    {
        quotes.detail = Some(q.id.clone());
    }
}

pub(super) fn open_detail(state: &mut State) {
    let quotes = &state.quotes;
    match quotes.index.get(quotes.selected) {
        Some(QuoteRow::Quote(i)) => {
            let id = quotes.quotes[*i].id.clone();
            state.quotes.detail = Some(id);
        }
        Some(QuoteRow::Damaged(i)) => {
            let d = &quotes.damaged[*i];
            state.popup = Some(Popup::Notice {
                title: format!("Damaged file {}", d.file),
                body: d.describe(),
                level: Level::Error,
            });
        }
        None => {}
    }
}

/// The quote the keys act on: the one open in the detail, else the selected row's.
pub(super) fn target(state: &State) -> Option<&Quote> {
    match &state.quotes.detail {
        Some(id) => state.quotes.get(id),
        None => state.quotes.selected_quote(),
    }
}

/// Says why nothing can be done to the selected row, tied to the Quotes tab.
pub(super) fn nothing_selected(state: &mut State) {
    let text = match state.quotes.index.get(state.quotes.selected) {
        Some(QuoteRow::Damaged(_)) => {
            "A damaged quote file cannot change: fix it by hand, then reopen Quotes"
        }
        _ => "No quote selected",
    };
    state.warn(text);
    state.about(Screen::Quotes);
}

/// A refusal in a notice: nothing was changed.
fn refuse(state: &mut State, title: &str, body: String) {
    state.error(format!("{title}: nothing was changed"));
    state.about(Screen::Quotes);
    state.popup = Some(Popup::Notice {
        title: title.to_string(),
        body: format!("{body}\n\nNothing was changed."),
        level: Level::Error,
    });
}

/// A new quote of `old`'s lines at today's prices ([`desk::requote`]), open for the
/// seller's usual days, or why not.
fn requoted(state: &State, old: &Quote, ctx: &Ctx) -> Result<Quote, String> {
    let until = ctx.today.saturating_add(state.quote_days.days());
    // At the newest version of the quote's own list.
    let catalog = super::lists::of(state, old.list.as_ref())?;
    desk::requote(old, &catalog, &state.setup.rep, until, ctx.now).map_err(|e| match e {
        desk::AgainError::NotSold(_) => {
            format!("{e}; make a new quote from the cart (Q)")
        }
        e => e.to_string(),
    })
}

/// `E`: an open quote's lines into the cart at today's prices of its list, to change
/// there; `Q` then saves the cart as the quote's next revision (prefilled from it).
pub(super) fn revise(state: &mut State, ctx: &Ctx, fx: &mut Vec<Effect>) {
    let Some(q) = target(state).cloned() else {
        nothing_selected(state);
        return;
    };
    if let Err(why) = q.check_open(ctx.today) {
        refuse(
            state,
            "Revise not possible",
            format!("{why}. Only an open quote can be revised."),
        );
        return;
    }
    let catalog = match super::lists::of(state, q.list.as_ref()) {
        Ok(c) => c,
        Err(why) => {
            refuse(
                state,
                "Revise not possible",
                format!("Quote {}: {why}", q.id),
            );
            return;
        }
    };
    if !super::lists::cart_may_take(state, &catalog) {
        return;
    }
    if catalog.list.id != state.setup.catalog.list.id {
        super::lists::switch_to(state, catalog, fx);
    }
    let mut cart = crate::domain::cart::Cart::new(q.region);
    cart.list = state.cart_tab.cart.list.clone();
    for line in &q.lines {
        if let Err(e) = cart.add(&state.setup.catalog, &line.sku, line.quantity) {
            refuse(state, "Revise not possible", format!("Quote {}: {e}", q.id));
            return;
        }
    }
    let id = q.id.clone();
    let next = q.revision() + 1;
    super::cart::cart_change(state, format!("revising {id}"), fx, |c, _| {
        let parked = std::mem::take(&mut c.parked);
        *c = crate::domain::cart::Cart { parked, ..cart };
        Ok(())
    });
    state.cart_tab.revising = Some(q);
    state.cart_tab.checkout = None;
    state.cart_tab.checkout_draft = None;
    state.cart_tab.selected = 0;
    state.quotes.detail = None;
    state.screen = Screen::Cart;
    state.info(format!(
        "Revising {id}: change the lines, then Q saves revision {next} (u undoes)"
    ));
}

/// `a`, `D` or `r`: the y/n question (a decline asks its reason first), or the refusal.
pub(super) fn ask(state: &mut State, step: QuoteStep, ctx: &Ctx) {
    if state.quotes.busy {
        state.warn("A quote is being saved: wait for it");
        state.about(Screen::Quotes);
        return;
    }
    let Some(q) = target(state) else {
        nothing_selected(state);
        return;
    };
    let q = q.clone();
    let standing = q.standing(ctx.today);
    let linked = match &q.status {
        QuoteStatus::Accepted { order, .. } => Some(clean(order).into_owned()),
        _ => None,
    };
    let mut ask = QuoteAsk {
        id: q.id.clone(),
        customer: q.customer.clone(),
        step: step.clone(),
        total: q.total,
        reason: None,
    };
    match (step, standing) {
        (QuoteStep::Accept, Standing::Open) => {
            state.popup = Some(Popup::Confirm(Subject::Quote(ask)));
        }
        (QuoteStep::Accept, Standing::Lapsed) => refuse(
            state,
            "Accept not allowed",
            format!(
                "Quote {} lapsed on {} (it was valid until then): it cannot be accepted.\nr re-quotes its lines at today's prices.",
                q.id, q.valid_until
            ),
        ),
        (QuoteStep::Accept | QuoteStep::Decline, Standing::Accepted) => refuse(
            state,
            "Already accepted",
            format!(
                "Quote {} was accepted as order {}; o opens it in Orders.",
                q.id,
                linked.unwrap_or_default()
            ),
        ),
        (QuoteStep::Accept | QuoteStep::Decline, Standing::Declined) => refuse(
            state,
            "Declined",
            format!(
                "Quote {} was declined; r re-quotes its lines at today's prices.",
                q.id
            ),
        ),
        (QuoteStep::Accept | QuoteStep::Decline, Standing::Superseded) => refuse(
            state,
            "Revised",
            format!(
                "Quote {} was revised: only its newest revision can be accepted or declined.",
                q.id
            ),
        ),
        (QuoteStep::Decline, Standing::Open | Standing::Lapsed) => {
            state.line.clear();
            state.popup = Some(Popup::Reason(Subject::Quote(ask)));
        }
        (QuoteStep::Requote, _) => match requoted(state, &q, ctx) {
            Ok(new) => {
                ask.total = new.total;
                state.popup = Some(Popup::Confirm(Subject::Quote(ask)));
            }
            Err(why) => refuse(
                state,
                "Re-quote not possible",
                format!("Quote {}: {why}", q.id),
            ),
        },
    }
}

fn step_label(step: &QuoteStep) -> &'static str {
    match step {
        QuoteStep::Accept => "Accept",
        QuoteStep::Decline => "Decline",
        QuoteStep::Requote => "Re-quote",
    }
}

/// y or n on a quote's question.
pub(super) fn confirm(state: &mut State, yes: bool, ctx: &Ctx, fx: &mut Vec<Effect>) {
    let ask = match state.popup.take() {
        Some(Popup::Confirm(Subject::Quote(ask)) | Popup::Reason(Subject::Quote(ask))) => ask,
        other => {
            state.popup = other;
            return;
        }
    };
    let label = step_label(&ask.step);
    if !yes {
        state.info(format!("{label} cancelled: nothing changed"));
        state.about(Screen::Quotes);
        return;
    }
    match ask.step {
        QuoteStep::Accept | QuoteStep::Decline => {
            let decline = (ask.step == QuoteStep::Decline).then_some(ask.reason);
            state.quotes.busy = true;
            state.info(format!("{label} quote {}: saving…", ask.id));
            fx.push(Effect::QuoteChange {
                id: ask.id,
                by: state.setup.rep.clone(),
                decline,
            });
        }
        QuoteStep::Requote => {
            let Some(old) = state.quotes.get(&ask.id).cloned() else {
                return;
            };
            match requoted(state, &old, ctx) {
                Ok(new) => {
                    state.quotes.busy = true;
                    state.info(format!("Re-quote of {}: saving…", ask.id));
                    fx.push(Effect::SaveQuote(new));
                }
                Err(why) => refuse(state, "Re-quote not possible", why),
            }
        }
    }
}

/// An accept or decline came back from the store.
pub(super) fn done(
    state: &mut State,
    result: Result<QuoteOutcome, ChangeFailure>,
    ctx: &Ctx,
    fx: &mut Vec<Effect>,
) {
    state.quotes.busy = false;
    match result {
        Ok(QuoteOutcome::Accepted(q, order)) => {
            // The order's id first: a narrow status bar keeps a message's start and end.
            let text = format!(
                "Order {} placed at the quoted {} · o opens it in Orders",
                order.id,
                format_usd(order.total)
            );
            state.quotes.upsert(*q);
            state.quotes.refilter(ctx.today);
            let summary = OrderSummary::of(&order);
            remember_during_load(state, &summary);
            if state.orders.book.position(&order.id).is_none() {
                state.orders.book.insert_newest(summary);
                if let Some(detail) = &mut state.orders.detail {
                    detail.row += 1;
                }
            }
            refilter(state, ctx.today);
            state.info(text);
        }
        Ok(QuoteOutcome::Declined(q)) => {
            let text = format!("Quote {} declined", q.id);
            state.quotes.upsert(*q);
            state.quotes.refilter(ctx.today);
            state.info(text);
        }
        Err(ChangeFailure::Conflict(why)) => {
            // The list is out of date: read it again so it shows what the other desk did.
            request_load(state, fx);
            refuse(
                state,
                "Changed by another desk",
                format!("{why}\n\nThe quotes are being reloaded."),
            );
        }
        Err(ChangeFailure::Refused(why)) => refuse(state, "Not allowed", why),
        Err(ChangeFailure::Failed(why)) => refuse(state, "Not saved", why),
    }
}

/// `o`: the order an accepted quote became, opened in Orders.
pub(super) fn open_linked_order(state: &mut State, ctx: &Ctx, fx: &mut Vec<Effect>) {
    let Some(q) = target(state) else {
        nothing_selected(state);
        return;
    };
    let QuoteStatus::Accepted { order, .. } = &q.status else {
        let text = format!(
            "Quote {} has no order: only an accepted quote has one (a accepts)",
            q.id
        );
        state.warn(text);
        state.about(Screen::Quotes);
        return;
    };
    let id = order.clone();
    jump_to_order(state, &id, ctx, fx);
}

/// Quotes, with quote `id` selected and open in the detail; no filter or search may hide
/// it.
pub(super) fn jump_to_quote(state: &mut State, id: &str, ctx: &Ctx, fx: &mut Vec<Effect>) {
    super::show(state, Screen::Quotes, fx);
    let quotes = &mut state.quotes;
    quotes.filter = Default::default();
    quotes.search.clear();
    quotes.refilter(ctx.today);
    quotes.select(id);
    quotes.detail = Some(id.to_string());
}

/// Orders, with order `id` selected and open in the detail; no filter, search or group
/// may hide it.
pub(super) fn jump_to_order(state: &mut State, id: &str, ctx: &Ctx, fx: &mut Vec<Effect>) {
    super::show(state, Screen::Orders, fx);
    state.orders.filter = StatusFilter::All;
    state.orders.search.clear();
    state.orders.group = None;
    state.orders.expiring = false;
    state.orders.decisions_only = false;
    state.orders.detail = None;
    refilter(state, ctx.today);
    select_order(state, id);
    match state.orders.book.position(id) {
        Some(row) => show_order(state, row, fx),
        None => {
            state.warn(format!(
                "Order {id} is not in the book yet: it shows once the orders are loaded (Ctrl-R)"
            ));
        }
    }
}

/// `x`: asks the format of the export of the quote open or selected.
pub(super) fn export(state: &mut State) {
    match target(state) {
        Some(q) => state.popup = Some(Popup::Export(Exported::Quote(q.id.clone()))),
        None => nothing_selected(state),
    }
}

/// The format was picked: the loop writes the quote as the rep sees it.
pub(super) fn export_as(state: &mut State, format: DocFormat, fx: &mut Vec<Effect>) {
    let Some(Popup::Export(Exported::Quote(id))) = state.popup.take() else {
        return;
    };
    match state.quotes.get(&id).cloned() {
        Some(q) => {
            state.progress(format!("Writing quote {id} as {}…", format.label()));
            fx.push(Effect::ExportQuote {
                q: Box::new(q),
                format,
            });
        }
        None => state.warn(format!(
            "Quote {id} is no longer in the list: nothing was exported"
        )),
    }
}
