//! Several orders changed at once: Space marks rows in Orders, then s, d or R asks once
//! for every marked order. The confirmation names each order and its total, and those
//! the rules already refuse with why; each change is then saved on its own, through the
//! store's guard and lock like a single one, and one summary says which went through
//! and which were refused.

use jiff::civil::Date;

use crate::domain::money::format_usd;
use crate::domain::rules::{self, Transition};

use super::super::action::{ChangeFailure, Effect};
use super::super::model::orders::Batch;
use super::super::state::{Level, PendingChange, Popup, Screen, State, Subject};

/// Space: marks the selected order, or unmarks it, and moves to the next row so a run of
/// orders is marked by holding Space.
pub(super) fn mark(state: &mut State) {
    let Some((_, order)) = state.selected_order() else {
        state.warn("A damaged file cannot be marked: only orders change status");
        state.about(Screen::Orders);
        return;
    };
    let id = order.id.clone();
    if !state.orders.marked.remove(&id) {
        state.orders.marked.insert(id);
    }
    let n = state.orders.marked.len();
    state.info(if n == 0 {
        "No order marked".to_string()
    } else {
        format!("{n} order(s) marked: s start · d deliver · R refund them all · Esc clears")
    });
    state.about(Screen::Orders);
    if state.orders.selected + 1 < state.orders.index.len() {
        state.orders.selected += 1;
    }
}

/// s, d or R with orders marked: one question for all of them.
pub(super) fn request(state: &mut State, transition: Transition, today: Date) {
    let mut changes = Vec::new();
    let mut refused = Vec::new();
    for id in &state.orders.marked {
        let Some(order) = state.orders.book.orders.iter().find(|o| &o.id == id) else {
            refused.push((id.clone(), "no longer in the folder".to_string()));
            continue;
        };
        let from = order.effective_status(today);
        if rules::allowed(from, transition.target()) {
            changes.push(PendingChange::new(
                &order.id,
                order.revision,
                &order.customer,
                order.total,
                transition,
                from,
            ));
        } else {
            // Short enough to stand whole beside the longest id at 60 columns; the rules'
            // full reason is the one a single order's key gives.
            refused.push((order.id.clone(), format!("{}, not allowed", from.label())));
        }
    }
    if changes.is_empty() {
        let body = refused
            .iter()
            .map(|(id, why)| format!("{id}: {why}"))
            .collect::<Vec<_>>()
            .join("\n");
        state.popup = Some(Popup::Notice {
            title: format!("{} not allowed", transition.label()),
            body: format!(
                "No marked order can take this change.\n\n{body}\n\nNothing was changed."
            ),
            level: Level::Error,
        });
        return;
    }
    let subject = Subject::Orders { changes, refused };
    if transition == Transition::Refund {
        state.line.clear();
        state.popup = Some(Popup::Reason(subject));
    } else {
        state.popup = Some(Popup::Confirm(subject));
    }
}

/// y on the question: each allowed change is sent on its own; the marks are cleared.
pub(super) fn confirm(state: &mut State, changes: Vec<PendingChange>, fx: &mut Vec<Effect>) {
    let Some(transition) = changes.first().map(|c| c.transition) else {
        return;
    };
    let total = changes.iter().map(|c| c.total).sum();
    state.info(format!(
        "{}: saving {} order(s), {} in all…",
        transition.label(),
        changes.len(),
        format_usd(total)
    ));
    state.orders.batch = Some(Batch {
        transition,
        waiting: changes.len(),
        done: Vec::new(),
        refused: Vec::new(),
    });
    state.orders.marked.clear();
    for change in changes {
        fx.push(Effect::Change {
            id: change.id,
            revision: change.revision,
            transition: change.transition,
            by: state.setup.rep.clone(),
            reason: change.reason,
        });
    }
}

/// One result of a batch: counted; when the last is in, the summary. False when no
/// batch waits for it (a single change's result).
pub(super) fn result(state: &mut State, result: &Result<String, ChangeFailure>) -> bool {
    let Some(batch) = &mut state.orders.batch else {
        return false;
    };
    match result {
        Ok(id) => batch.done.push(id.clone()),
        Err(
            ChangeFailure::Conflict(why) | ChangeFailure::Refused(why) | ChangeFailure::Failed(why),
        ) => batch.refused.push(why.clone()),
    }
    batch.waiting = batch.waiting.saturating_sub(1);
    if batch.waiting > 0 {
        return true;
    }
    let Some(batch) = state.orders.batch.take() else {
        return true;
    };
    let said = format!(
        "{}: {} order(s) changed, {} refused",
        batch.transition.label(),
        batch.done.len(),
        batch.refused.len()
    );
    if batch.refused.is_empty() {
        state.info(said);
    } else {
        state.error(said);
        state.popup = Some(Popup::Notice {
            title: format!(
                "{}: {} refused",
                batch.transition.label(),
                batch.refused.len()
            ),
            body: format!(
                "Changed: {}.\n\nRefused, nothing changed on these:\n{}",
                if batch.done.is_empty() {
                    "none".to_string()
                } else {
                    batch.done.join(", ")
                },
                batch.refused.join("\n")
            ),
            level: Level::Error,
        });
    }
    state.about(Screen::Orders);
    true
}
