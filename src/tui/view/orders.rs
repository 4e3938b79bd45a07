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
use super::super::hits::{Hits, Rows};
use super::super::state::{InputTarget, State, StatusFilter};
use super::field::with_cursor;
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

pub fn render(frame: &mut Frame, area: Rect, state: &State, today: Date, hits: &mut Hits) {
    let theme = Theme::of(state);
    let orders = &state.orders;
    let [bar, table_area, hints] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let width = usize::from(area.width);
    let typing = state.input == Some(InputTarget::OrdersSearch);
    let mut spans = vec![Span::styled(
        format!(
            " {} of {} order(s) ",
            count(orders.index.len()),
            count(orders.book.orders.len() + orders.book.damaged.len())
        ),
        theme.bold(),
    )];
    // Loading and damaged files first: on a narrow terminal they must not be cut off.
    if let Some((done, total)) = orders.loading {
        spans.push(Span::styled(
            if total == 0 {
                "│ loading… ".to_string()
            } else {
                format!("│ loading {} / {} ", count(done), count(total))
            },
            theme.warning(),
        ));
    }
    if !orders.book.damaged.is_empty() {
        spans.push(Span::styled(
            format!("│ {} damaged ", orders.book.damaged.len()),
            theme.bad(),
        ));
    }
    spans.extend([
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
            if typing {
                with_cursor(&state.line, width.saturating_sub(50).max(12))
            } else {
                orders.search.clone()
            },
            if typing {
                theme.selected()
            } else {
                theme.bold()
            },
        ),
    ]);
    frame.render_widget(Paragraph::new(Line::from(spans)), bar);
    table(frame, table_area, state, today, hits);
    let hint = if typing {
        " type to search customer, id, rep, note, SKU, service, tier · Enter keeps · Esc clears"
    } else {
        " Enter detail · / search · f filter · s start · d deliver · R refund · p repurchase · Ctrl-R reload"
    };
    frame.render_widget(
        Paragraph::new(Line::styled(fit(hint, width), theme.dim())),
        hints,
    );
}

fn table(frame: &mut Frame, area: Rect, state: &State, today: Date, hits: &mut Hits) {
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
    let cols = columns(area.width.saturating_sub(4));
    let constraints: Vec<Constraint> = cols.iter().map(|c| c.width()).collect();
    let widths = column_widths(area.width.saturating_sub(4), &constraints, 1);
    let width_of = |col: Col| {
        cols.iter()
            .position(|c| *c == col)
            .map_or(0, |i| usize::from(widths[i]))
    };
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
                    Cell::from(fit("✗ DAMAGED", width_of(Col::Id))),
                    Cell::from(fit(&d.describe(), rest.saturating_sub(1)))
                        .column_span(cols.len() as u16 - 1),
                ])
                .style(theme.bad())
            }
            RowRef::Order(i) => {
                let o = &orders.book.orders[i as usize];
                let status = o.effective_status(today);
                Row::new(cols.iter().map(|col| {
                    match col {
                        Col::Id => Cell::from(fit(&o.id, width_of(Col::Id))),
                        Col::Date => Cell::from(
                            state
                                .tz
                                .to_datetime(o.created_at)
                                .strftime("%Y-%m-%d")
                                .to_string(),
                        ),
                        Col::Customer => Cell::from(fit(&o.customer, width_of(Col::Customer))),
                        Col::Rep => Cell::from(fit(&o.rep, width_of(Col::Rep))),
                        Col::Region => Cell::from(o.region.to_string()),
                        Col::Total => {
                            Cell::from(Line::from(format_usd(o.total)).alignment(Alignment::Right))
                        }
                        Col::Status => Cell::from(Span::styled(
                            fit(status.label(), width_of(Col::Status)),
                            theme.status(status),
                        )),
                    }
                }))
            }
        })
        .collect();
    let header = Row::new(cols.iter().map(|col| match col {
        Col::Total => Cell::from(Line::from("Total").alignment(Alignment::Right)),
        other => Cell::from(other.title()),
    }))
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
    let first = offset + table_state.offset();
    hits.rows(area, 1, first, orders.index.len(), Rows::Orders);
}

/// A column of the orders table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    Date,
    Customer,
    Rep,
    Region,
    Total,
    Status,
}

impl Col {
    fn title(self) -> &'static str {
        match self {
            Col::Id => "Id",
            Col::Date => "Date",
            Col::Customer => "Customer",
            Col::Rep => "Rep",
            Col::Region => "Reg",
            Col::Total => "Total",
            Col::Status => "Status",
        }
    }

    /// The narrowest the column may get (the customer takes what is left).
    fn min(self) -> u16 {
        match self {
            Col::Id => 20,
            Col::Date => 10,
            Col::Customer => 12,
            Col::Rep => 10,
            Col::Region => 3,
            Col::Total => 14,
            Col::Status => 11,
        }
    }

    fn width(self) -> Constraint {
        match self {
            Col::Customer => Constraint::Fill(1),
            other => Constraint::Length(other.min()),
        }
    }
}

/// The columns that fit in `width`: on a narrow terminal the rep, region and date go
/// first, so amounts and names are never squeezed into nonsense.
fn columns(width: u16) -> Vec<Col> {
    let mut cols = vec![
        Col::Id,
        Col::Date,
        Col::Customer,
        Col::Rep,
        Col::Region,
        Col::Total,
        Col::Status,
    ];
    for drop in [Col::Rep, Col::Region, Col::Date] {
        let needed: u16 = cols.iter().map(|c| c.min() + 1).sum();
        if needed <= width {
            break;
        }
        cols.retain(|c| *c != drop);
    }
    cols
}
