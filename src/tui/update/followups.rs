//! What to follow up (`w`): the list, moving through it, opening a row, and the row's
//! own step.

use super::super::action::Effect;
use super::super::model::followup::{Why, list};
use super::super::state::{Popup, QuoteStep, State};
use super::Ctx;
use crate::domain::rules::Transition;

/// `w`: the follow-ups, once the quotes are read (they are read when Quotes is first
/// shown; a rep may press `w` before).
pub(super) fn ask(state: &mut State, ctx: &Ctx, fx: &mut Vec<Effect>) {
    if state.quotes.loaded {
        open(state, ctx);
    } else {
        state.quotes.follow_ups_waiting = true;
        state.progress("Reading the quotes for the follow-ups…");
        super::quotes::request_load(state, fx);
    }
}

/// The follow-ups as of now, dearest first.
pub(super) fn open(state: &mut State, ctx: &Ctx) {
    let rows = list(
        &state.quotes.quotes,
        &state.orders.book.orders,
        ctx.today,
        ctx.now,
    );
    if rows.is_empty() {
        state.info(
            "Nothing to follow up: no quote lapsing or lapsed, no order expiring or long in delivery",
        );
        return;
    }
    state.popup = Some(Popup::FollowUps { rows, selected: 0 });
}

/// ↑ ↓ in the list.
pub(super) fn move_to(state: &mut State, to: impl Fn(usize, usize) -> usize) {
    if let Some(Popup::FollowUps { rows, selected }) = &mut state.popup {
        *selected = to(*selected, rows.len()).min(rows.len().saturating_sub(1));
    }
}

/// The selected row, closing the list.
fn take(state: &mut State) -> Option<(String, Why)> {
    let Some(Popup::FollowUps { rows, selected }) = state.popup.take() else {
        return None;
    };
    rows.into_iter().nth(selected).map(|r| (r.id, r.why))
}

/// Enter: the quote or order, open in its screen's detail.
pub(super) fn open_row(state: &mut State, ctx: &Ctx, fx: &mut Vec<Effect>) {
    let Some((id, why)) = take(state) else {
        return;
    };
    if why.is_quote() {
        super::quotes::jump_to_quote(state, &id, ctx, fx);
    } else {
        super::quotes::jump_to_order(state, &id, ctx, fx);
    }
}

/// a, r, s or d: the row's own step, asked as its key would ask it on its screen (every
/// change still asks y/n and goes through the rules).
pub(super) fn step(state: &mut State, key: char, ctx: &Ctx, fx: &mut Vec<Effect>) {
    // A key that is not this row's step says which one is, and changes nothing.
    if let Some(Popup::FollowUps { rows, selected }) = &state.popup
        && let Some(row) = rows.get(*selected)
        && !row.why.step().starts_with(key)
    {
        let text = format!("This row's step is {}: Enter opens it", row.why.step());
        state.info(text);
        return;
    }
    let Some((id, why)) = take(state) else {
        return;
    };
    match why {
        Why::QuoteLapses(_) | Why::QuoteLapsed => {
            super::quotes::jump_to_quote(state, &id, ctx, fx);
            let step = if why == Why::QuoteLapsed {
                QuoteStep::Requote
            } else {
                QuoteStep::Accept
            };
            super::quotes::ask(state, step, ctx);
        }
        Why::OrderExpires(_) | Why::InDelivery(_) => {
            super::quotes::jump_to_order(state, &id, ctx, fx);
            // From the table row: the summary is enough to ask; the store checks the
            // file again on saving.
            state.orders.detail = None;
            let transition = if matches!(why, Why::InDelivery(_)) {
                Transition::MarkDelivered
            } else {
                Transition::StartDelivery
            };
            super::orders::request(state, transition, ctx, fx);
        }
    }
    state.about(state.screen);
}
