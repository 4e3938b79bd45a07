//! The Reports tab: the figures of the chosen grouping and period with a pinned total row,
//! a bar chart of booked and refunded value over the last 12 months, and the backlog by
//! status. Drawn from figures worked out in `update`, so a frame never sums the book.
//! Amounts are whole with their `$` or hidden, and the tab says what is hidden.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::domain::money::format_usd;

use super::super::keymap::REPORT_KEYS;
use super::super::model::reports::Figures;
use super::super::state::State;
use super::columns::{self, Col};
use super::text::{distinct_among, fit, page_offset};
use super::theme::Theme;

/// Below this body height the chart gives its room to the table.
const CHART_MIN_BODY: u16 = 20;
const CHART_HEIGHT: u16 = 9;

pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let theme = Theme::of(state);
    let width = usize::from(area.width);
    let chart = area.height >= CHART_MIN_BODY;
    let quotes = quotes_line(state, width);
    let [bar, keys, quotes_area, table_area, chart_area, hints] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(quotes.is_some())),
        Constraint::Fill(1),
        Constraint::Length(if chart { CHART_HEIGHT } else { 0 }),
        Constraint::Length(1),
    ]));
    let r = &state.reports;
    let mut spans = Vec::new();
    if let Some(f) = &r.figures {
        spans.push(Span::styled(
            format!(" By {} │ {} ", f.grouping.code(), f.label),
            theme.bold(),
        ));
        spans.push(Span::styled(
            format!("│ {} order(s) ", f.report.total.orders),
            theme.dim(),
        ));
    }
    // Loading and damaged files first: figures that leave orders out must say so.
    if let Some((done, total)) = state.orders.loading {
        spans.push(Span::styled(
            if total == 0 {
                "│ loading… ".to_string()
            } else {
                format!("│ loading {done} / {total} ")
            },
            theme.warning(),
        ));
    }
    if !state.orders.book.damaged.is_empty() {
        spans.push(Span::styled(
            format!("│ {} damaged left out ", state.orders.book.damaged.len()),
            theme.bad(),
        ));
    }
    if let Ok((_, n)) = &state.reports.quotes
        && *n > 0
    {
        spans.push(Span::styled(
            format!("│ {n} damaged quote(s) "),
            theme.bad(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), bar);
    let mut key_spans = vec![Span::raw(" ")];
    for (k, g) in REPORT_KEYS {
        let style = if g == r.grouping {
            theme.selected()
        } else {
            theme.dim()
        };
        key_spans.push(Span::styled(format!("{k} {}", g.code()), style));
        key_spans.push(Span::raw(" "));
    }
    let keys_line = Line::from(key_spans);
    if keys_line.width() <= width {
        frame.render_widget(Paragraph::new(keys_line), keys);
    } else {
        frame.render_widget(
            Paragraph::new(Line::styled(
                fit(
                    &format!(
                        " {}: group by… (? lists them)",
                        REPORT_KEYS
                            .iter()
                            .map(|(k, _)| k.to_string())
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                    width,
                ),
                theme.dim(),
            )),
            keys,
        );
    }
    if let Some(line) = quotes {
        frame.render_widget(Paragraph::new(line), quotes_area);
    }
    match &r.figures {
        Some(f) if state.orders.loaded => {
            table(frame, table_area, state, f);
            if chart {
                chart_and_backlog(frame, chart_area, state, f);
            }
        }
        _ => {
            // Before the first load ends the book is empty: say so, not "no orders".
            let block = Block::bordered()
                .title(" Reports ")
                .border_style(theme.accent());
            let text = match &state.orders.load_error {
                Some(why) => format!(" Orders could not be loaded: {why}"),
                None => " Loading orders… the figures appear when they are all read".into(),
            };
            frame.render_widget(
                Paragraph::new(fit(&text, width.saturating_sub(2))).block(block),
                table_area,
            );
        }
    }
    let hint = " p month/quarter/year/all · ← → earlier/later · Enter orders of the row · ? help";
    frame.render_widget(
        Paragraph::new(Line::styled(fit(hint, width), theme.dim())),
        hints,
    );
}

/// The quotes issued in the period, when there are quotes: counts, the issued and
/// accepted values, the win rate. The longest form that fits is shown; an amount is
/// whole or left out, never cut.
fn quotes_line(state: &State, width: usize) -> Option<Line<'static>> {
    let theme = Theme::of(state);
    let f = state.reports.figures.as_ref()?;
    if let Err(why) = &state.reports.quotes {
        let text = format!(" Quotes not read: {why}");
        return Some(Line::styled(fit(&text, width), theme.bad()));
    }
    let q = f.quotes?;
    if q.issued == 0 {
        return Some(Line::styled(
            fit(&format!(" Quotes: none issued in {}", f.label), width),
            theme.dim(),
        ));
    }
    // A whole percent on screen (the counts beside it are exact; the CLI gives one
    // decimal): a number with a decimal point on screen reads as an amount.
    let percent = |r: rust_decimal::Decimal| {
        r.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    };
    let rate = q.win_rate().map_or_else(
        || "no quote decided".to_string(),
        |r| format!("win rate {} %", percent(r)),
    );
    let full = format!(
        " Quotes: {} issued {} · {} accepted {} · {} declined · {} lapsed · {} open · {rate}",
        q.issued,
        format_usd(q.issued_value),
        q.accepted,
        format_usd(q.accepted_value),
        q.declined,
        q.lapsed,
        q.open,
    );
    let short = q.win_rate().map_or_else(
        || "none decided".to_string(),
        |r| format!("win {} %", percent(r)),
    );
    let counts = format!(
        " Quotes: {} issued · {} accepted · {} declined · {} lapsed · {} open · {short}",
        q.issued, q.accepted, q.declined, q.lapsed, q.open,
    );
    let least = format!(" Quotes: {} issued · {rate}", q.issued);
    let text = [full, counts]
        .into_iter()
        .find(|t| t.chars().count() <= width)
        .unwrap_or_else(|| fit(&least, width));
    Some(Line::styled(text, theme.bold()))
}

/// The table's columns: the group, the two counts, then the amounts in the order a
/// manager reads them. On a narrow terminal the later amounts go first, never `booked`.
const TITLES: [&str; 9] = [
    "Group",
    "Orders",
    "Units",
    "Booked",
    "Refunded",
    "Net",
    "Delivered",
    "Backlog",
    "Expired",
];

fn table(frame: &mut Frame, area: Rect, state: &State, f: &Figures) {
    let theme = Theme::of(state);
    let rows_shown = usize::from(area.height.saturating_sub(4));
    let selected = state
        .reports
        .selected
        .min(f.report.rows.len().saturating_sub(1));
    let offset = page_offset(selected, rows_shown);
    let end = (offset + rows_shown).min(f.report.rows.len());
    let in_view: Vec<[String; 9]> = f.report.rows[offset..end]
        .iter()
        .map(|r| r.measures.cells(&r.group))
        .collect();
    let total = f.report.total.cells("total");
    // The first heading names the grouping ("Country"); the column is as wide as it.
    let code = f.grouping.code();
    let heading = format!("{}{}", code[..1].to_uppercase(), &code[1..]);
    let column = |i: usize| {
        in_view.iter().map(move |c| c[i].clone()).chain([
            if i == 0 {
                heading.clone()
            } else {
                TITLES[i].to_string()
            },
            total[i].clone(),
        ])
    };
    let drop = [0u8, 1, 7, 0, 3, 2, 5, 4, 6];
    let cols: Vec<Col> = (0..9)
        .map(|i| match i {
            0 => Col::text(column(i), 8),
            1 | 2 => Col::exact(column(i)).drop_rank(drop[i]),
            _ => Col::money(column(i)).drop_rank(drop[i]),
        })
        .collect();
    let widths = columns::layout(area.width.saturating_sub(4), 1, &cols);
    // Family and service names share long prefixes ("AI Platform …"): show what tells
    // them apart, so two groups never read the same.
    let all_groups: Vec<&str> = f.report.rows.iter().map(|r| r.group.as_str()).collect();
    let view_groups: Vec<&str> = in_view.iter().map(|c| c[0].as_str()).collect();
    let names = distinct_among(&view_groups, &all_groups, usize::from(widths.of(0)));
    let row_of = |(c, name): (&[String; 9], &String)| {
        Row::new(
            widths.keep(
                c.iter()
                    .enumerate()
                    .map(|(i, text)| {
                        if i == 0 {
                            Cell::from(name.clone())
                        } else {
                            Cell::from(Line::from(text.clone()).alignment(Alignment::Right))
                        }
                    })
                    .collect(),
            ),
        )
    };
    let rows: Vec<Row> = in_view.iter().zip(&names).map(row_of).collect();
    let header = header_row(&widths, &heading).style(theme.bold());
    let title = title(&widths);
    let position = if f.report.rows.len() > rows_shown {
        format!(" {} / {} ", selected + 1, f.report.rows.len())
    } else {
        String::new()
    };
    let block = Block::bordered()
        .title(fit(&title, usize::from(area.width.saturating_sub(2))))
        .title_bottom(Line::from(position).alignment(Alignment::Right))
        .border_style(theme.accent());
    if f.report.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(fit(
                " No order was placed in this period: ← → or p choose another",
                usize::from(area.width.saturating_sub(2)),
            ))
            .block(block),
            area,
        );
        return;
    }
    let table = Table::new(rows, widths.constraints())
        .header(header)
        .footer(row_of((&total, &total[0])).style(theme.bold()))
        .block(block)
        .highlight_symbol("> ")
        .highlight_spacing(HighlightSpacing::Always)
        .row_highlight_style(theme.selected());
    let mut table_state = TableState::default().with_selected(Some(selected - offset));
    frame.render_stateful_widget(table, area, &mut table_state);
}

/// The header row: the grouping's name, then the measures right-aligned over their
/// amounts.
fn header_row(widths: &columns::Widths, heading: &str) -> Row<'static> {
    Row::new(
        widths.keep(
            TITLES
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    if i == 0 {
                        Cell::from(heading.to_string())
                    } else {
                        Cell::from(Line::from(*t).alignment(Alignment::Right))
                    }
                })
                .collect(),
        ),
    )
}

/// " Report ", naming the measures a narrow terminal hides.
fn title(widths: &columns::Widths) -> String {
    let hidden: Vec<&str> = (1..9)
        .filter(|i| !widths.shown(*i))
        .map(|i| TITLES[i])
        .collect();
    if hidden.is_empty() {
        " Report ".to_string()
    } else {
        format!(" Report · widen for {} ", hidden.join(", ").to_lowercase())
    }
}

fn whole_dollars(amount: Decimal) -> u64 {
    amount.trunc().to_u64().unwrap_or(u64::MAX)
}

fn chart_and_backlog(frame: &mut Frame, area: Rect, state: &State, f: &Figures) {
    // The backlog panel is as wide as its widest line (label, gap, whole amount), up to
    // half the width; a line that still does not fit says so rather than cut its amount.
    let total: Decimal = f.backlog.iter().map(|(_, v)| *v).sum();
    let needed = f
        .backlog
        .iter()
        .map(|(s, v)| s.label().len() + format_usd(*v).len())
        .chain([5 + format_usd(total).len(), 22])
        .max()
        .unwrap_or(0) as u16
        + 5;
    let side = needed.clamp(24, area.width / 2);
    let [chart_area, backlog_area] = area.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(side),
    ]));
    chart(frame, chart_area, state, f);
    backlog(frame, backlog_area, state, f, total);
}

/// Booked and refunded by month, as bars; the amounts are whole in the title and table.
fn chart(frame: &mut Frame, chart_area: Rect, state: &State, f: &Figures) {
    let theme = Theme::of(state);
    let booked_style = theme.accent();
    let refunded_style = theme.bad();
    let bar_width = if chart_area.width >= 80 { 2 } else { 1 };
    let groups: Vec<BarGroup> = f
        .months
        .iter()
        .map(|(month, booked, refunded)| {
            // The bars give the shape; the amounts are in the table and the legend,
            // whole, never as cut numbers on a bar.
            BarGroup::new([
                Bar::new(whole_dollars(*booked))
                    .text_value("")
                    .style(booked_style),
                Bar::new(whole_dollars(*refunded))
                    .text_value("")
                    .style(refunded_style),
            ])
            .label(Line::from(month.get(5..).unwrap_or("").to_string()))
        })
        .collect();
    let peak = f
        .months
        .iter()
        .map(|(_, b, _)| *b)
        .max()
        .unwrap_or_default();
    let inner = usize::from(chart_area.width.saturating_sub(2));
    let legend = format!(" booked ▆ refunded ▆ · tallest {} ", format_usd(peak));
    let title = if legend.chars().count() <= inner {
        Line::from(vec![
            Span::raw(" booked "),
            Span::styled("▆", booked_style),
            Span::raw(" refunded "),
            Span::styled("▆", refunded_style),
            Span::raw(format!(" · tallest {} ", format_usd(peak))),
        ])
    } else {
        Line::from(vec![
            Span::raw(" booked "),
            Span::styled("▆", booked_style),
            Span::raw(" refunded "),
            Span::styled("▆", refunded_style),
            Span::raw(" "),
        ])
    };
    let first = f.months.first().map_or("", |(m, _, _)| m.as_str());
    let last = f.months.last().map_or("", |(m, _, _)| m.as_str());
    let mut chart = BarChart::grouped(groups)
        .bar_width(bar_width)
        .bar_gap(0)
        .group_gap(1)
        .label_style(theme.dim())
        .block(
            Block::bordered()
                .title(title)
                .title_bottom(
                    Line::from(format!(" {first} to {last} ")).alignment(Alignment::Right),
                )
                .border_style(theme.dim()),
        );
    if peak.is_zero() {
        chart = chart.max(1);
    }
    frame.render_widget(chart, chart_area);
}

/// The value of unexpired orders by status, each amount whole or "widen".
fn backlog(frame: &mut Frame, backlog_area: Rect, state: &State, f: &Figures, total: Decimal) {
    let theme = Theme::of(state);
    let inner = usize::from(backlog_area.width.saturating_sub(2));
    let mut lines = Vec::new();
    for (status, value) in f
        .backlog
        .iter()
        .map(|(s, v)| (s.label(), *v))
        .chain([("Total", total)])
    {
        let amount = format_usd(value);
        let room = inner.saturating_sub(1);
        let line = if status.len() + 1 + amount.len() <= room {
            let pad = room - status.len() - amount.len();
            Line::from(vec![
                Span::raw(format!(" {status}{}", " ".repeat(pad))),
                Span::styled(amount, Style::default()),
            ])
        } else {
            Line::styled(fit(&format!(" {status}: widen"), inner), theme.dim())
        };
        lines.push(line);
    }
    lines.push(Line::styled(
        fit(" not expired, all time", inner),
        theme.dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(" Backlog ")
                .border_style(theme.dim()),
        ),
        backlog_area,
    );
}
