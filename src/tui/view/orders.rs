//! The Orders screen: every saved order (and damaged file), newest first, filtered and
//! searched. Only the rows on screen are built, so a frame costs the same at 10 orders
//! or 100,000.

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use crate::money::format_usd;

use super::super::book::RowRef;
use super::super::state::{InputTarget, State, StatusFilter};
use super::text::{column_widths, fit, page_offset};
use super::theme::Theme;

fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, today: Date) {
    let theme = Theme::of(state);
    let orders = &state.orders;
    let [bar, table_area, hints] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let width = usize::from(area.width);
    let typing = state.input == Some(InputTarget::OrdersSearch);
    let mut spans = vec![
        Span::styled(
            format!(
                " {} of {} order(s) ",
                count(orders.index.len()),
                count(orders.book.orders.len() + orders.book.damaged.len())
            ),
            theme.bold(),
        ),
        Span::styled("│ filter ", theme.dim()),
        Span::styled(
            orders.filter.label(),
            if orders.filter == StatusFilter::All {
                theme.bold()
            } else {
                theme.selected()
            },
        ),
        Span::styled(" │ search ", theme.dim()),
        Span::styled(
            format!("{}{}", orders.search, if typing { "▏" } else { "" }),
            if typing {
                theme.selected()
            } else {
                theme.bold()
            },
        ),
    ];
    if !orders.book.damaged.is_empty() {
        spans.push(Span::styled(
            format!(" │ {} damaged", orders.book.damaged.len()),
            theme.bad(),
        ));
    }
    if let Some((done, total)) = orders.loading {
        spans.push(Span::styled(
            format!(" │ loading {} / {}", count(done), count(total)),
            theme.warning(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), bar);
    table(frame, table_area, state, today);
    let hint = if typing {
        " type to search customer, id, rep, note, SKU · Enter keeps · Esc clears"
    } else {
        " Enter detail · / search · f filter · s start · d deliver · R refund · p repurchase · Ctrl-R reload"
    };
    frame.render_widget(
        Paragraph::new(Line::styled(fit(hint, width), theme.dim())),
        hints,
    );
}

fn table(frame: &mut Frame, area: Rect, state: &State, today: Date) {
    let theme = Theme::of(state);
    let orders = &state.orders;
    let block = Block::bordered()
        .title(" Orders ")
        .border_style(theme.accent());
    if orders.index.is_empty() {
        let text = if let Some(why) = &orders.load_error {
            format!(" Orders could not be loaded: {why}")
        } else if !orders.loaded {
            " Loading orders…".to_string()
        } else if orders.book.orders.is_empty() && orders.book.damaged.is_empty() {
            " No orders yet. Fill the cart (1) and check out (2, c).".to_string()
        } else {
            " No order matches the filter and search: f cycles the filter, Esc clears the search."
                .to_string()
        };
        let text = fit(&text, usize::from(area.width.saturating_sub(2)));
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let constraints = [
        Constraint::Length(22),
        Constraint::Length(10),
        Constraint::Fill(1),
        Constraint::Length(10),
        Constraint::Length(3),
        Constraint::Length(15),
        Constraint::Length(11),
    ];
    let widths = column_widths(area.width.saturating_sub(4), &constraints, 1);
    let w = |i: usize| usize::from(widths[i]);
    // Header and borders take three lines.
    let rows_shown = usize::from(area.height.saturating_sub(3));
    let offset = page_offset(orders.selected, rows_shown);
    let end = (offset + rows_shown).min(orders.index.len());
    let rows: Vec<Row> = orders.index[offset..end]
        .iter()
        .map(|row| match *row {
            RowRef::Damaged(i) => {
                let d = &orders.book.damaged[i as usize];
                let rest: usize = widths[1..].iter().map(|w| usize::from(*w) + 1).sum();
                Row::new(vec![
                    Cell::from(fit("⚠ DAMAGED", w(0))),
                    Cell::from(fit(
                        &format!("{}: {}", d.file, d.error),
                        rest.saturating_sub(1),
                    ))
                    .column_span(6),
                ])
                .style(theme.bad())
            }
            RowRef::Order(i) => {
                let o = &orders.book.orders[i as usize];
                let status = o.effective_status(today);
                Row::new(vec![
                    Cell::from(fit(&o.id, w(0))),
                    Cell::from(
                        state
                            .tz
                            .to_datetime(o.created_at)
                            .strftime("%Y-%m-%d")
                            .to_string(),
                    ),
                    Cell::from(fit(&o.customer, w(2))),
                    Cell::from(fit(&o.rep, w(3))),
                    Cell::from(o.region.to_string()),
                    Cell::from(Line::from(format_usd(o.total)).alignment(Alignment::Right)),
                    Cell::from(Span::styled(
                        fit(status.label(), w(6)),
                        theme.status(status),
                    )),
                ])
            }
        })
        .collect();
    let header = Row::new(vec![
        Cell::from("Id"),
        Cell::from("Date"),
        Cell::from("Customer"),
        Cell::from("Rep"),
        Cell::from("Reg"),
        Cell::from(Line::from("Total").alignment(Alignment::Right)),
        Cell::from("Status"),
    ])
    .style(theme.bold());
    let position = if orders.index.len() > rows_shown {
        format!(
            " {} / {} ",
            count(orders.selected + 1),
            count(orders.index.len())
        )
    } else {
        String::new()
    };
    let table = Table::new(rows, widths.iter().map(|w| Constraint::Length(*w)))
        .header(header)
        .block(block.title_bottom(Line::from(position).alignment(Alignment::Right)))
        .highlight_symbol("> ")
        .highlight_spacing(HighlightSpacing::Always)
        .row_highlight_style(theme.selected());
    let mut table_state = TableState::default().with_selected(Some(orders.selected - offset));
    frame.render_stateful_widget(table, area, &mut table_state);
}
