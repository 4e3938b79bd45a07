//! The Reports tab's keys: a grouping per key, the period's length (`p`) and place in
//! time (← →), a row to open in Orders (Enter). The figures are worked out again only when
//! the choice, the day or the book changed, at the end of an update on this tab.

use std::sync::Arc;

use jiff::civil::Date;

use crate::report::Grouping;
use crate::report::index::ReportIndex;

use super::super::model::reports::Figures;
use super::super::state::{GroupFilter, Screen, State, StatusFilter};
use super::Ctx;

/// Shows the rows grouped by `grouping`.
pub(super) fn group_by(state: &mut State, grouping: Grouping) {
    let r = &mut state.reports;
    if r.grouping != grouping {
        r.grouping = grouping;
        r.selected = 0;
    }
}

/// The next period length: month → quarter → year → all time.
pub(super) fn cycle_span(state: &mut State) {
    let r = &mut state.reports;
    r.span = r.span.next();
    r.step = 0;
    r.selected = 0;
}

/// One period earlier (`-1`) or later (`1`); never past the one holding today.
pub(super) fn step(state: &mut State, by: i32) {
    let r = &mut state.reports;
    if r.span == super::super::model::reports::Span::All {
        state.info("All time has no earlier or later: p chooses a month, quarter or year");
        state.about(Screen::Reports);
        return;
    }
    let next = r.step.saturating_add(by).min(0);
    if next != r.step {
        r.step = next;
        r.selected = 0;
    }
}

/// Moves the row cursor over the group rows (the total row stays pinned below them).
pub(super) fn move_to(state: &mut State, to: impl Fn(usize, usize) -> usize) {
    let len = state
        .reports
        .figures
        .as_ref()
        .map_or(0, |f| f.report.rows.len());
    state.reports.selected = to(state.reports.selected, len).min(len.saturating_sub(1));
}

/// Enter on a row: the Orders tab listing exactly the row's orders, its group and period
/// (for a family, service or tier: the orders with a line in it), with the other filters
/// and the search cleared so nothing else hides any. Esc on Orders clears the group.
pub(super) fn open_orders(state: &mut State, ctx: &Ctx, fx: &mut Vec<super::Effect>) {
    let Some(figures) = &state.reports.figures else {
        return;
    };
    let Some(row) = figures.report.rows.get(state.reports.selected) else {
        return;
    };
    // The period first: a long group name may be cut on a narrow terminal, the period not.
    let label = format!(
        "{} · {} {}",
        figures.label,
        figures.grouping.code(),
        crate::domain::text::clean(&row.group)
    );
    let lines = matches!(
        figures.grouping,
        Grouping::Family | Grouping::Service | Grouping::Tier
    );
    let filter = GroupFilter {
        key: row.key.clone(),
        period: figures.report.period,
        label,
        lines_booked: lines.then_some(row.measures.booked),
    };
    let expected = row.measures.orders;
    let orders = &mut state.orders;
    orders.filter = StatusFilter::All;
    orders.search.clear();
    orders.expiring = false;
    orders.group = Some(filter);
    orders.selected = 0;
    orders.detail = None;
    super::show(state, Screen::Orders, fx);
    super::refilter(state, ctx.today);
    let text = format!(
        "{} order(s) of {} · Esc lists every order",
        state.orders.listed.0,
        state.orders.group.as_ref().map_or("", |g| g.label.as_str())
    );
    if state.orders.listed.0 as u64 == expected {
        state.info(text);
    } else {
        // The book changed since the figures were worked out (a reload in between).
        state.warn(format!(
            "{text} (the report counted {expected}: the book changed)"
        ));
    }
}

/// Works the figures out again if the choice, the day or the book changed. Only while
/// the tab is shown: a key on another tab never pays for it.
pub(super) fn refresh(state: &mut State, today: Date) {
    if state.screen != Screen::Reports {
        return;
    }
    let r = &state.reports;
    let current = r.figures.as_ref().is_some_and(|f| {
        !r.stale
            && f.grouping == r.grouping
            && f.span == r.span
            && f.step == r.step
            && f.today == today
    });
    if current {
        return;
    }
    let same_book = if r.stale { None } else { r.figures.as_ref() };
    let book = &state.orders.book;
    let index = match &r.index {
        Some((generation, index)) if *generation == book.generation() => Arc::clone(index),
        _ => Arc::new(ReportIndex::new(&book.orders, &state.setup.tz)),
    };
    let mut figures = Figures::again(&index, r.grouping, r.span, r.step, today, same_book);
    // The quotes issued in the same period, placed on their day as orders are.
    if let Ok((quotes, _)) = &state.reports.quotes
        && !quotes.is_empty()
    {
        let tz = &state.setup.tz;
        let q = crate::report::quotes::build(
            quotes,
            Grouping::Status,
            figures.report.period,
            today,
            |t| tz.to_datetime(t).date(),
        );
        figures.quotes = Some(q.total);
    }
    let rows = figures.report.rows.len().max(1);
    state.reports.figures = Some(figures);
    state.reports.stale = false;
    state.reports.index = Some((state.orders.book.generation(), index));
    state.reports.selected = state.reports.selected.min(rows - 1);
}
