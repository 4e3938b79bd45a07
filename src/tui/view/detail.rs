//! An order's detail: what was sold, when, its history, and what can happen next as the
//! rules see it today (allowed, or blocked with the guard's reason).

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, Wrap};

use crate::money::format_usd;
use crate::order::Order;
use crate::rules::{Transition, next_steps};

use super::super::state::{Detail, OrderFile, State};
use super::text::{column_widths, fit, fit_middle, wrap};
use super::theme::Theme;

/// The key that asks for each transition.
fn key_of(t: Transition) -> &'static str {
    match t {
        Transition::StartDelivery => "s",
        Transition::MarkDelivered => "d",
        Transition::Refund => "R",
    }
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, open: &Detail, today: Date) {
    match &open.file {
        OrderFile::Read(order) => whole(frame, area, state, order, today),
        OrderFile::Reading => not_read(
            frame,
            area,
            state,
            &open.id,
            vec![Line::from("Reading the order's file…")],
        ),
        OrderFile::Unreadable(why) => {
            let theme = Theme::of(state);
            let lines = vec![
                Line::styled("This order's file could not be read:", theme.bad()),
                Line::from(""),
                Line::from(why.as_str()),
                Line::from(""),
                Line::styled(
                    "Nothing can be changed in it until the file is fixed; Ctrl-R reloads the folder.",
                    theme.dim(),
                ),
            ];
            not_read(frame, area, state, &open.id, lines);
        }
    }
}

/// The detail's frame around a message, while the file is read or when it cannot be.
fn not_read(frame: &mut Frame, area: Rect, state: &State, id: &str, lines: Vec<Line>) {
    let theme = Theme::of(state);
    let block = Block::bordered()
        .title(format!(" Order {id} "))
        .border_style(theme.accent())
        .title_bottom(Line::styled(" Esc back ", theme.dim()));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

/// The whole order: summary, lines, history and what can happen next.
fn whole(frame: &mut Frame, area: Rect, state: &State, order: &Order, today: Date) {
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Fill(3),
        Constraint::Fill(2),
    ]));
    let [info, lines, history] = left.layout(&Layout::vertical([
        Constraint::Length(7),
        Constraint::Length((order.lines.len() as u16).saturating_add(4).min(12)),
        Constraint::Fill(1),
    ]));
    summary(frame, info, state, order, today);
    line_table(frame, lines, state, order);
    history_list(frame, history, state, order);
    next_panel(frame, right, state, order, today);
}

fn when(state: &State, at: Timestamp) -> String {
    state
        .tz
        .to_datetime(at)
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

fn summary(frame: &mut Frame, area: Rect, state: &State, order: &Order, today: Date) {
    let theme = Theme::of(state);
    let status = order.effective_status(today);
    let width = usize::from(area.width.saturating_sub(4));
    let label = |s: &str| Span::styled(format!("{s:<12}"), theme.dim());
    let mut lines = vec![
        Line::from(vec![
            label("Status"),
            Span::styled(status.label(), theme.status(status).patch(theme.bold())),
        ]),
        Line::from(vec![
            label("Customer"),
            Span::raw(fit(&order.customer, width.saturating_sub(12))),
        ]),
        Line::from(vec![
            label("Rep"),
            Span::raw(fit(&order.rep, 20)),
            Span::styled("  region ", theme.dim()),
            Span::raw(order.region.to_string()),
            Span::styled("  price list of ", theme.dim()),
            Span::raw(order.catalog_date.to_string()),
        ]),
        Line::from(vec![
            label("Placed"),
            Span::raw(when(state, order.created_at)),
            Span::styled("  valid until ", theme.dim()),
            Span::raw(
                order
                    .valid_until
                    .map_or("no end date".into(), |d| d.to_string()),
            ),
        ]),
    ];
    if let Some(note) = &order.note {
        lines.push(Line::from(vec![
            label("Note"),
            Span::raw(fit(note, width.saturating_sub(12))),
        ]));
    }
    if let Some(old) = &order.repurchase_of {
        lines.push(Line::from(vec![
            label("Repurchase"),
            Span::raw(format!("of {old}")),
        ]));
    }
    let block = Block::bordered()
        .title(format!(" Order {} ", order.id))
        .border_style(theme.accent())
        .title_bottom(Line::styled(" Esc back ", theme.dim()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn line_table(frame: &mut Frame, area: Rect, state: &State, order: &Order) {
    let theme = Theme::of(state);
    let constraints = [
        Constraint::Fill(1),
        Constraint::Length(4),
        Constraint::Length(14),
        Constraint::Length(15),
    ];
    let widths = column_widths(area.width.saturating_sub(2), &constraints, 1);
    let right = |s: String| Line::from(s).alignment(Alignment::Right);
    let rows = order.lines.iter().map(|l| {
        Row::new(vec![
            Line::from(fit_middle(&l.name, usize::from(widths[0]))),
            right(l.quantity.to_string()),
            right(format_usd(l.unit_price)),
            right(format_usd(l.line_total)),
        ])
    });
    let table = Table::new(rows, widths.iter().map(|w| Constraint::Length(*w)))
        .header(
            Row::new(vec![
                Line::from("Specification"),
                right("Qty".into()),
                right("Unit price".into()),
                right("Line total".into()),
            ])
            .style(theme.bold()),
        )
        .footer(
            Row::new(vec![
                Line::from(""),
                Line::from(""),
                right("Total".into()),
                right(format_usd(order.total)),
            ])
            .style(theme.bold()),
        )
        .block(Block::bordered().title(" Lines ").border_style(theme.dim()));
    frame.render_widget(table, area);
}

fn history_list(frame: &mut Frame, area: Rect, state: &State, order: &Order) {
    let theme = Theme::of(state);
    let width = usize::from(area.width.saturating_sub(2));
    // Newest first: the latest change matters most and must not scroll away.
    let lines: Vec<Line> = order
        .history
        .iter()
        .rev()
        .map(|c| {
            let from = c
                .from
                .map_or("placed".to_string(), |s| s.label().to_string());
            let note = c
                .note
                .as_deref()
                .map(|n| format!(" · {n}"))
                .unwrap_or_default();
            Line::from(fit(
                &format!(
                    "{}  {from} → {}  by {}{note}",
                    when(state, c.at),
                    c.to.label(),
                    c.by
                ),
                width,
            ))
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(" History ")
                .border_style(theme.dim()),
        ),
        area,
    );
}

fn next_panel(frame: &mut Frame, area: Rect, state: &State, order: &Order, today: Date) {
    let theme = Theme::of(state);
    // Inside the borders, less the indent that keeps a reason under its action.
    let width = usize::from(area.width.saturating_sub(4)).max(1);
    let mut lines = Vec::new();
    for (t, result) in next_steps(order, today) {
        match result {
            Ok(to) => {
                lines.push(Line::from(vec![
                    Span::styled("✓ ", theme.good()),
                    Span::styled(format!("{} ", key_of(t)), theme.selected()),
                    Span::styled(format!(" {}", t.label()), theme.good()),
                    Span::raw(format!(" → {}", to.label())),
                ]));
            }
            Err(refusal) => {
                lines.push(Line::from(vec![
                    Span::styled("✗ ", theme.bad()),
                    Span::styled(format!("{} ", key_of(t)), theme.dim()),
                    Span::styled(format!(" {}: blocked", t.label()), theme.bad()),
                ]));
                for part in wrap(&refusal.reason, width) {
                    lines.push(Line::styled(format!("  {part}"), theme.dim()));
                }
            }
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::from(vec![
        Span::styled("✓ ", theme.good()),
        Span::styled("p ", theme.selected()),
        Span::styled(" Repurchase", theme.good()),
        Span::raw(": always allowed"),
    ]));
    for part in wrap("copies the lines into the cart at today's prices", width) {
        lines.push(Line::styled(format!("  {part}"), theme.dim()));
    }
    let block = Block::bordered()
        .title(" What can happen next ")
        .border_style(theme.accent());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
