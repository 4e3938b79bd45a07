//! The team book in the app: `S` syncs on a thread (its steps in the status bar), the
//! status bar shows the team's state, `n` lists only orders that wait for a decision, and
//! `K` settles one: the rep keeps one of the two changes (or, on the Quotes tab, one of a
//! quote's two closings), the other is voided.

use super::super::action::{Effect, Purpose};
use super::super::state::{DecideChoice, Popup, Screen, State};
use super::orders::narrow_by;
use super::{Ctx, request_load};
use crate::domain::order::{Order, Status};
use crate::domain::quote::{Quote, QuoteStatus};
use crate::domain::text::clean;
use crate::tui::model::quotes::closing_line;

/// `S`: one sync at a time, only on a team book.
pub(super) fn sync(state: &mut State, fx: &mut Vec<Effect>) {
    if state.syncing.is_some() {
        state.info("A sync is already running");
        return;
    }
    if state.team.is_none() {
        state.warn(
            "This orders folder is not a team book: share it with `order-desk team init --remote URL` (see the README's Working as a team)",
        );
        return;
    }
    state.syncing = Some("starting".into());
    state.progress("Syncing with the team…");
    fx.push(Effect::Sync {
        rep: state
            .cart_tab
            .last_rep
            .clone()
            .unwrap_or_else(|| state.setup.rep.clone()),
    });
}

pub(super) fn sync_step(state: &mut State, step: String) {
    if state.syncing.is_some() {
        state.progress(format!("Syncing with the team: {step}…"));
        state.syncing = Some(step);
    }
}

/// The sync ended: say how, then reload what it pulled (by delta) and the team's state.
pub(super) fn synced(
    state: &mut State,
    result: Result<(String, Vec<String>), String>,
    fx: &mut Vec<Effect>,
) {
    state.syncing = None;
    match result {
        Ok((summary, kept_out)) => {
            state.info(summary);
            if !kept_out.is_empty() {
                // What a remote tried to change is named in full, with who committed
                // it: a status line would cut it.
                state.popup = Some(Popup::Notice {
                    title: format!("Kept out of the book: {} pulled file(s)", kept_out.len()),
                    body: format!(
                        "These files failed the desk's checks; the last good version stays in use. Check with whoever committed them.\n\n{}",
                        kept_out
                            .iter()
                            .map(|l| format!("• {}", clean(l)))
                            .collect::<Vec<_>>()
                            .join("\n")
                    ),
                    level: crate::tui::state::Level::Warning,
                });
            }
        }
        Err(why) => state.error(format!(
            "Sync failed, nothing was lost here: {}",
            clean(&why)
        )),
    }
    request_load(state, fx);
    fx.push(Effect::TeamStatus);
}

pub(super) fn team_state(
    state: &mut State,
    team: Option<super::super::state::TeamLine>,
    ctx: &Ctx,
) {
    // A rep at the top of the list (as after the app starts) stays at the top, where the
    // orders waiting for a decision now list; one further down keeps their order.
    let at_top = state.orders.selected == 0 && state.orders.detail.is_none();
    state.team = team;
    if let Some(today) = state.orders.today.or(Some(ctx.today)) {
        super::refilter(state, today);
    }
    if at_top {
        state.orders.selected = 0;
    }
}

/// `n`: only orders waiting for a decision, or all again.
pub(super) fn toggle_decisions(state: &mut State, ctx: &Ctx) {
    narrow_by(state, ctx.today, |orders| {
        orders.decisions_only = !orders.decisions_only;
    });
    if state.screen == Screen::Orders && state.orders.detail.is_none() {
        let waiting = state.team.as_ref().map_or(0, |t| t.decisions.len());
        if state.orders.decisions_only {
            state.info(format!(
                "{waiting} order(s) wait for a decision: K on one settles it"
            ));
        } else {
            state.info("All orders again");
        }
    }
}

/// `K`: read the selected order (its file holds both changes) to ask which stands.
pub(super) fn decide(state: &mut State, fx: &mut Vec<Effect>) {
    if state.screen == Screen::Quotes {
        ask_quote(state);
        return;
    }
    if state.screen != Screen::Orders {
        return;
    }
    if let Some(order) = state.orders.detail.as_ref().and_then(|d| d.order()) {
        let order = order.clone();
        ask(state, &order);
        return;
    }
    match state.selected_order() {
        Some((_, o)) => {
            let id = o.id.clone();
            fx.push(Effect::OpenOrder {
                id,
                purpose: Purpose::Decide,
            });
        }
        None => state.info("No order selected"),
    }
}

/// Opens the choice for an order read from its file, or says it needs none.
pub(super) fn ask(state: &mut State, order: &Order) {
    let Some(options) = crate::domain::decision::options(order) else {
        state.info(format!("Order {} does not need a decision", order.id));
        return;
    };
    let tz = state.setup.tz.clone();
    let line = |c: Option<&crate::domain::order::StatusChange>| match c {
        // With its reason: the rep decides knowing why each desk did what it did.
        Some(c) => format!(
            "{}  {} → {}  by {}{}",
            tz.to_datetime(c.at).strftime("%Y-%m-%d %H:%M"),
            c.from.map_or("?", Status::label),
            c.to.label(),
            clean(&c.by),
            c.note
                .as_deref()
                .map(|n| format!(" ({})", clean(n)))
                .unwrap_or_default()
        ),
        None => "placing the order (cannot be voided)".into(),
    };
    state.popup = Some(Popup::Decide(DecideChoice {
        id: order.id.clone(),
        options: [line(options[0]), line(options[1])],
        keep: None,
        quote: false,
    }));
}

/// `K` on the Quotes tab: the quote in view (its detail, or the selected row) holds both
/// closings; `1` keeps the one it shows, `2` the other desk's, as `quote decide` numbers them.
fn ask_quote(state: &mut State) {
    let Some(q) = super::quotes::target(state) else {
        super::quotes::nothing_selected(state);
        return;
    };
    let Some(other) = q.contested.first() else {
        let text = format!("Quote {} does not need a decision", q.id);
        state.info(text);
        return;
    };
    let options = [
        closing_line(&state.setup.tz, &q.status),
        closing_line(&state.setup.tz, other),
    ];
    state.popup = Some(Popup::Decide(DecideChoice {
        id: q.id.clone(),
        options,
        keep: None,
        quote: true,
    }));
}

/// `1` / `2` in the choice: that change is kept; the reason for voiding the other is
/// asked next (Enter saves, Esc decides nothing).
pub(super) fn keep(state: &mut State, keep: usize) {
    if let Some(Popup::Decide(choice)) = &mut state.popup {
        choice.keep = Some(keep);
        state.line = crate::tui::field::TextField::new(String::new());
    }
}

/// Enter after the reason: save the decision on a thread.
pub(super) fn decide_done(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(Popup::Decide(DecideChoice {
        id,
        keep: Some(keep),
        quote,
        ..
    })) = state.popup.take()
    else {
        return;
    };
    let typed = state.line.value().trim().to_string();
    let what = if quote { "quote" } else { "order" };
    state.progress(format!("Saving the decision on {what} {id}…"));
    fx.push(Effect::Decide {
        quote,
        id,
        keep,
        by: state
            .cart_tab
            .last_rep
            .clone()
            .unwrap_or_else(|| state.setup.rep.clone()),
        why: if typed.is_empty() {
            "no reason given (decided in the app)".into()
        } else {
            typed
        },
    });
}

pub(super) fn decided(state: &mut State, result: Result<Order, String>, fx: &mut Vec<Effect>) {
    match result {
        Ok(order) => {
            let voided = order.voided.last().map_or(String::new(), |v| {
                format!(
                    "{} by {} voided; ",
                    v.change.to.label(),
                    clean(&v.change.by)
                )
            });
            state.info(format!(
                "Decided: {voided}now {}{}; S shares it",
                order.status.label(),
                if order.needs_decision() {
                    " (another decision waits)"
                } else {
                    ""
                }
            ));
            if let Some(team) = &mut state.team
                && !order.needs_decision()
            {
                team.decisions.retain(|id| *id != order.id);
            }
            if let Some(detail) = &mut state.orders.detail
                && detail.id == order.id
            {
                detail.file = super::super::state::OrderFile::Read(Box::new(order));
            }
        }
        Err(why) => state.error(format!("The decision was not saved: {}", clean(&why))),
    }
    request_load(state, fx);
    fx.push(Effect::TeamStatus);
}

/// A quote's decision saved: say which closing stands, and read the quotes again.
pub(super) fn quote_decided(
    state: &mut State,
    result: Result<Box<Quote>, String>,
    fx: &mut Vec<Effect>,
) {
    match result {
        Ok(q) => {
            let kind = |s: &QuoteStatus| match s {
                QuoteStatus::Accepted { by, .. } => format!("accepted by {}", clean(by)),
                QuoteStatus::Declined { by, .. } => format!("declined by {}", clean(by)),
                QuoteStatus::Superseded { by, .. } => format!("revised by {}", clean(by)),
                QuoteStatus::Open => "open".into(),
            };
            let voided = q
                .voided
                .last()
                .map_or(String::new(), |v| format!("{} voided, ", kind(&v.status)));
            state.info(format!(
                "Decided: {voided}{} stands; S shares it",
                kind(&q.status)
            ));
        }
        Err(why) => state.error(format!("The decision was not saved: {}", clean(&why))),
    }
    super::quotes::request_load(state, fx);
    fx.push(Effect::TeamStatus);
}
