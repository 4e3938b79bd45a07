//! A quote's detail: who it is for, the region and how it was chosen, its lines at the
//! quoted prices, and what can happen next today (accept, decline, re-quote, the order
//! it became).

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::domain::quote::{Quote, QuoteStatus, Standing};
use crate::domain::text::clean;
use crate::tui::model::quotes::closing_line;

use super::super::state::State;
use super::detail::{
    LineTable, NEXT_MIN, NEXT_WIDE, fit_line, id_title, line_table, region_lines, when,
};
use super::quotes::standing_style;
use super::text::{fit, wrap};
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State, id: &str, today: Date) {
    let Some(q) = state.quotes.get(id) else {
        let theme = Theme::of(state);
        let block = Block::bordered()
            .title(id_title(id, area.width))
            .border_style(theme.accent());
        frame.render_widget(
            Paragraph::new("This quote is no longer in the folder; Esc goes back.")
                .wrap(Wrap { trim: false })
                .block(block),
            area,
        );
        return;
    };
    // The lines as the order they would become: the same table as an order's detail.
    let as_order = q.to_order(q.created_at, &q.rep);
    let table = LineTable::of(&as_order);
    let left_width = (area.width * 3 / 5)
        .max(table.width.min(area.width.saturating_sub(NEXT_MIN)))
        .max(table.full_width.min(area.width.saturating_sub(NEXT_WIDE)))
        .min(area.width);
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Length(left_width),
        Constraint::Fill(1),
    ]));
    let info = summary_lines(state, q, &as_order, today, left.width);
    let [info_area, lines_area] = left.layout(&Layout::vertical([
        Constraint::Length(info.len() as u16 + 2),
        Constraint::Fill(1),
    ]));
    let theme = Theme::of(state);
    let block = Block::bordered()
        .title(id_title(&q.id, info_area.width))
        .border_style(theme.accent())
        .title_bottom(Line::styled(" Esc back ", theme.dim()));
    frame.render_widget(Paragraph::new(info).block(block), info_area);
    line_table(frame, lines_area, state, &table);
    next_panel(frame, right, state, q, today);
}

fn summary_lines<'a>(
    state: &State,
    q: &'a Quote,
    as_order: &crate::domain::order::Order,
    today: Date,
    width: u16,
) -> Vec<Line<'a>> {
    let theme = Theme::of(state);
    let width = usize::from(width.saturating_sub(4));
    let label = |s: &str| Span::styled(format!("{s:<12}"), theme.dim());
    let mut lines = status_lines(state, q, today, width);
    lines.extend([Line::from(vec![
        label("Customer"),
        Span::raw(fit(&q.customer, width.saturating_sub(12))),
    ])]);
    for (name, text) in region_lines(as_order) {
        lines.push(Line::from(vec![
            label(name),
            Span::raw(fit(&text, width.saturating_sub(12))),
        ]));
    }
    lines.extend([
        Line::from(vec![
            label("Rep"),
            Span::raw(fit(&q.rep, 20)),
            Span::styled("  region ", theme.dim()),
            Span::raw(q.region.to_string()),
            // An imported list by its id; the built-in list by its date alone.
            Span::styled(
                match &q.list {
                    Some(l) => format!("  price list {} of ", fit(&l.id, 24)),
                    None => "  price list of ".to_string(),
                },
                theme.dim(),
            ),
            Span::raw(q.catalog_date.to_string()),
        ]),
        Line::from(vec![
            label("Made"),
            Span::raw(when(state, q.created_at)),
            Span::styled("  valid until ", theme.dim()),
            Span::raw(q.valid_until.to_string()),
        ]),
    ]);
    if let Some(reference) = &q.reference {
        lines.push(Line::from(vec![
            label("Reference"),
            Span::raw(fit(reference, width.saturating_sub(12))),
        ]));
    }
    if let Some(note) = &q.note {
        lines.push(Line::from(vec![
            label("Note"),
            Span::raw(fit(note, width.saturating_sub(12))),
        ]));
    }
    // The desk's own note, marked so nobody reads it out to the customer.
    if let Some(note) = &q.internal_note {
        lines.push(Line::from(vec![
            label("Internal"),
            Span::styled(fit(note, width.saturating_sub(12)), theme.warning()),
        ]));
    }
    if let Some(old) = &q.requote_of {
        lines.push(Line::from(vec![
            label("Re-quote"),
            Span::raw(format!("of {}", clean(old))),
        ]));
    }
    if let QuoteStatus::Declined {
        reason: Some(reason),
        ..
    } = &q.status
        && q.contested.is_empty()
    {
        lines.push(Line::from(vec![
            label("Declined"),
            Span::raw(fit(reason, width.saturating_sub(12))),
        ]));
    }
    // Closings a decision set aside stay on record, with who voided them and why.
    for v in &q.voided {
        lines.extend(voided_lines(state, v, width));
    }
    // A line too long is clipped by the border: cut it here, where an id or a date goes
    // whole or not at all.
    lines
        .into_iter()
        .map(|line| fit_line(line, width + 2))
        .collect()
}

/// The status, or, when two desks closed the quote differently, both closings numbered as
/// `K` asks.
fn status_lines<'a>(state: &State, q: &'a Quote, today: Date, width: usize) -> Vec<Line<'a>> {
    let theme = Theme::of(state);
    let label = |s: &str| Span::styled(format!("{s:<12}"), theme.dim());
    let standing = q.standing(today);
    let status = match (&q.status, standing) {
        (QuoteStatus::Accepted { order, .. }, _) => format!("Accepted → order {}", clean(order)),
        (_, Standing::Lapsed) => format!("Lapsed (open after {})", q.valid_until),
        (_, s) => s.label().to_string(),
    };
    let mut lines = vec![];
    if let Some(other) = q.contested.first() {
        // Two desks closed it differently: both closings, numbered as `K` asks.
        lines.push(Line::from(vec![
            label("Status"),
            Span::styled(
                "DECIDE: closed two ways (K)",
                theme.warning().patch(theme.bold()),
            ),
        ]));
        for (i, closing) in [&q.status, other].into_iter().enumerate() {
            lines.push(Line::from(vec![
                label(&format!(" [{}]", i + 1)),
                Span::raw(fit(
                    &closing_line(&state.setup.tz, closing),
                    width.saturating_sub(12),
                )),
            ]));
        }
    } else {
        lines.push(Line::from(vec![
            label("Status"),
            Span::styled(status, standing_style(theme, standing).patch(theme.bold())),
        ]));
    }
    lines
}

/// A closing a decision set aside: what it was, then who voided it, when and why.
fn voided_lines(
    state: &State,
    v: &crate::domain::quote::VoidedStatus,
    width: usize,
) -> Vec<Line<'static>> {
    let theme = Theme::of(state);
    let label = |s: &str| Span::styled(format!("{s:<12}"), theme.dim());
    let mut lines = Vec::new();
    lines.push(Line::from(vec![
        label("Voided"),
        Span::raw(fit(
            &closing_line(&state.setup.tz, &v.status),
            width.saturating_sub(12),
        )),
    ]));
    lines.push(Line::from(vec![
        label(""),
        Span::styled(
            fit(
                &format!(
                    "by {} {}: {}",
                    clean(&v.by),
                    state.setup.tz.to_datetime(v.at).strftime("%Y-%m-%d %H:%M"),
                    clean(&v.why)
                ),
                width.saturating_sub(12),
            ),
            theme.dim(),
        ),
    ]));
    lines
}

fn next_panel(frame: &mut Frame, area: Rect, state: &State, q: &Quote, today: Date) {
    let theme = Theme::of(state);
    let width = usize::from(area.width.saturating_sub(4)).max(1);
    let mut lines = Vec::new();
    let mut step = |ok: bool, key: &'static str, what: &str, why: &str| {
        let mark = if ok {
            Span::styled("✓ ", theme.good())
        } else {
            Span::styled("✗ ", theme.bad())
        };
        let key_style = if ok { theme.selected() } else { theme.dim() };
        lines.push(Line::from(vec![
            mark,
            Span::styled(format!("{key} "), key_style),
            Span::styled(
                format!(" {what}"),
                if ok { theme.good() } else { theme.bad() },
            ),
        ]));
        for part in wrap(why, width) {
            lines.push(Line::styled(format!("  {part}"), theme.dim()));
        }
        lines.push(Line::from(""));
    };
    if !q.contested.is_empty() {
        step(
            true,
            "K",
            "Decide",
            "two desks closed it differently: keep one, the other is voided with a reason",
        );
    }
    match (&q.status, q.standing(today)) {
        (_, Standing::Open) => {
            step(
                true,
                "a",
                "Accept",
                &format!("places the order at these prices (until {})", q.valid_until),
            );
            step(true, "D", "Decline", "with an optional reason");
        }
        (_, Standing::Lapsed) => {
            step(
                false,
                "a",
                "Accept: blocked",
                &format!("it lapsed after {}; re-quote it", q.valid_until),
            );
            step(true, "D", "Decline", "closes it, with an optional reason");
        }
        (QuoteStatus::Accepted { order, .. }, _) => {
            step(
                true,
                "o",
                "Open the order",
                &format!("{} in Orders", clean(order)),
            );
        }
        _ => {}
    }
    step(
        true,
        "r",
        "Re-quote",
        "a new quote of these lines at today's prices",
    );
    step(true, "x", "Export", "as Markdown, HTML or PDF");
    let block = Block::bordered()
        .title(fit(
            " What can happen next ",
            usize::from(area.width.saturating_sub(2)),
        ))
        .border_style(theme.accent());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
