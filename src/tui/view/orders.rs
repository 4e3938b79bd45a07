//! The Orders screen: every saved order (and damaged file), newest first, filtered and
//! searched. Only the rows on screen are built, so a frame costs the same at 10 orders
//! or 100,000.

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use crate::domain::money::format_usd;

use super::super::hits::{Hits, Rows};
use super::super::model::order_book::RowRef;
use super::super::state::{EXPIRING_DAYS, InputTarget, SortField, State, StatusFilter};
use super::columns::{self, Col as Column, Widths};
use super::field::search_span;
use super::text::{fit, page_offset, width_of};
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
    let [bar, bar2, table_area, hints] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let width = usize::from(area.width);
    let typing = state.input == Some(InputTarget::OrdersSearch);
    frame.render_widget(Paragraph::new(counts_line(state, width)), bar);
    frame.render_widget(Paragraph::new(filters_line(state, width, typing)), bar2);
    table(frame, table_area, state, today, hits);
    frame.render_widget(
        Paragraph::new(Line::styled(fit(hint(state, typing), width), theme.dim())),
        hints,
    );
}

/// The first header line: how many orders are listed of how many, their sum, and the
/// load's progress and damaged files.
fn counts_line(state: &State, width: usize) -> Line<'static> {
    let theme = Theme::of(state);
    let orders = &state.orders;
    // What is listed, counted and summed to the cent; damaged files are not orders and
    // are counted apart. The total is shown whole or not at all.
    let (listed, sum) = orders.listed;
    let counted = format!(
        " {} of {} orders ",
        count(listed),
        count(orders.book.orders.len())
    );
    let summed = format!("· {} ", format_usd(sum));
    let mut spans = vec![Span::styled(counted.clone(), theme.bold())];
    // Before the first load ends, a sum of nothing would read as a real $0.00.
    if orders.loaded && counted.chars().count() + summed.chars().count() <= width {
        spans.push(Span::styled(summed.clone(), theme.bold()));
        // A family, service or tier row of a report booked only its own lines; the
        // orders listed here are summed whole. Said where it fits, whole, else not at all.
        if let Some(lines) = orders.group.as_ref().and_then(|g| g.lines_booked)
            && lines != sum
        {
            let why = format!("(whole orders; the row's lines {}) ", format_usd(lines));
            let room = width.saturating_sub(width_of(&counted) + width_of(&summed));
            if let Some(why) = [why, "(whole orders) ".to_string()]
                .into_iter()
                .find(|w| width_of(w) <= room)
            {
                spans.push(Span::styled(why, theme.dim()));
            }
        }
    }
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
    if !orders.marked.is_empty() {
        spans.push(Span::styled(
            format!("│ {} marked ", orders.marked.len()),
            theme.selected(),
        ));
    }
    let newer = orders.book.damaged.iter().filter(|d| d.newer).count();
    let damaged = orders.book.damaged.len() - newer;
    if damaged > 0 {
        spans.push(Span::styled(
            format!("│ {damaged} damaged, not counted "),
            theme.bad(),
        ));
    }
    if newer > 0 {
        spans.push(Span::styled(
            format!("│ {newer} from a newer desk "),
            theme.warning(),
        ));
    }
    Line::from(spans)
}

/// The second header line: the filters in force, the sort and the search.
fn filters_line(state: &State, width: usize, typing: bool) -> Line<'static> {
    let theme = Theme::of(state);
    let orders = &state.orders;
    // The filters in force, the report's group first: it is what Esc takes away.
    let mut spans = Vec::new();
    if orders.decisions_only {
        spans.push(Span::styled(" needing a decision ", theme.selected()));
        spans.push(Span::styled("│", theme.dim()));
    }
    if orders.expiring {
        spans.push(Span::styled(
            format!(" unused, expiring within {EXPIRING_DAYS} days "),
            theme.selected(),
        ));
        spans.push(Span::styled("│", theme.dim()));
    }
    spans.extend([
        Span::styled(" filter ", theme.dim()),
        Span::styled(
            orders.filter.label(),
            if orders.filter == StatusFilter::All {
                theme.bold()
            } else {
                theme.selected()
            },
        ),
        Span::styled(" │ sort ", theme.dim()),
        Span::styled(orders.sort.label(), theme.bold()),
        Span::styled(" │ search ", theme.dim()),
        search_span(
            state,
            typing,
            &orders.search,
            width.saturating_sub(50).max(12),
        ),
    ]);
    if let Some(group) = &orders.group {
        // The label gives way to the rest of the line (the filter, sort and search stay
        // readable) and is cut before the way out of it is.
        let rest: usize = spans.iter().map(|s| width_of(&s.content)).sum();
        // On a narrow terminal the group keeps its first 24 columns (period and grouping)
        // and the search is the one cut.
        let room = width
            .saturating_sub(rest + " (Esc clears) ".len() + 2)
            .max(24);
        spans.splice(
            0..0,
            [
                Span::styled(
                    format!(
                        " {} (Esc clears) ",
                        fit(&crate::domain::text::clean(&group.label), room)
                    ),
                    theme.selected(),
                ),
                Span::styled("│", theme.dim()),
            ],
        );
    }
    Line::from(spans)
}

/// The keys line: what can be done here now.
fn hint(state: &State, typing: bool) -> &'static str {
    if typing {
        " type to search customer, id, rep, note, SKU, service, tier · Enter keeps · Esc clears"
    } else if state.team.as_ref().is_some_and(|t| !t.decisions.is_empty()) {
        " K decide (orders needing a decision list first) · n only those · S sync · Enter detail · s start · d deliver · R refund"
    } else if state.team.is_some() {
        " S sync · Enter detail · / search · f F filter · e expiring · o O sort · s start · d deliver · R refund · p repurchase"
    } else {
        " Enter detail · / search · f F filter · e expiring · o O sort · s start · d deliver · R refund · p repurchase"
    }
}

fn table(frame: &mut Frame, area: Rect, state: &State, today: Date, hits: &mut Hits) {
    let theme = Theme::of(state);
    let orders = &state.orders;
    let block = Block::bordered()
        .title(" Orders ")
        .border_style(theme.accent());
    if orders.index.is_empty() {
        let text = fit(
            &nothing_listed(orders),
            usize::from(area.width.saturating_sub(2)),
        );
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    // Header and borders take three lines.
    let rows_shown = usize::from(area.height.saturating_sub(3));
    let offset = page_offset(orders.selected, rows_shown);
    let end = (offset + rows_shown).min(orders.index.len());
    let in_view = &orders.index[offset..end];
    // An order the last sync left waiting for a decision (the same list that puts it
    // first).
    let waits = |id: &str| {
        state
            .team
            .as_ref()
            .is_some_and(|t| t.decisions.iter().any(|d| d == id))
    };
    // Every cell of the rows in view, so each column is as wide as its widest cell here.
    let mut cells: Vec<Option<[String; 8]>> = in_view
        .iter()
        .map(|row| match *row {
            RowRef::Damaged(_) => None,
            RowRef::Order(i) => {
                let o = &orders.book.orders[i as usize];
                let mut cells = order_cells(state, o, today, waits(&o.id));
                if orders.marked.contains(&o.id) {
                    cells[0] = format!("{MARK}{}", cells[0]);
                }
                Some(cells)
            }
        })
        .collect();
    let damaged = in_view.iter().any(|r| matches!(r, RowRef::Damaged(_)));
    // Whether a row in view waits for a decision: its status is then kept before others.
    let decision_in_view = in_view.iter().any(|r| match r {
        RowRef::Order(i) => waits(&orders.book.orders[*i as usize].id),
        RowRef::Damaged(_) => false,
    });
    let room = area.width.saturating_sub(4);
    let mut widths = layout(&cells, damaged, orders, decision_in_view, room);
    // Too narrow for the customer or the status beside the whole id: the id gives up the
    // date and time it begins with (the detail and `/` still have them whole), so a row
    // says whose order it is and where it stands at 60 columns.
    // Two rows in view whose short ids read the same keep their whole ids.
    let short: Vec<String> = cells.iter().flatten().map(|c| short_id(&c[0])).collect();
    let distinct = short.iter().collect::<std::collections::HashSet<_>>().len() == short.len();
    if distinct && !(widths.shown(Col::Customer as usize) && widths.shown(Col::Status as usize)) {
        for (c, id) in cells.iter_mut().flatten().zip(short) {
            c[0] = id;
        }
        widths = layout(&cells, damaged, orders, decision_in_view, room);
    }
    let rows: Vec<Row> = in_view
        .iter()
        .zip(&cells)
        .map(|(row, cells)| match (row, cells) {
            (RowRef::Damaged(i), _) => damaged_row(state, &widths, *i as usize),
            (RowRef::Order(i), Some(c)) => {
                let order = &orders.book.orders[*i as usize];
                let status_style = if waits(&order.id) {
                    theme.warning().patch(theme.bold())
                } else {
                    theme.status(order.effective_status(today))
                };
                order_row(c, &widths, status_style)
            }
            (RowRef::Order(_), None) => Row::default(),
        })
        .collect();
    let header = header_row(&widths).style(theme.bold());
    let position = position(orders, rows_shown);
    let block = naming_hidden(block, &widths, &theme, area.width);
    let table = Table::new(rows, widths.constraints())
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

/// The columns' widths for these cells: each as wide as its widest cell in view.
fn layout(
    cells: &[Option<[String; 8]>],
    damaged: bool,
    orders: &crate::tui::state::Orders,
    decision_in_view: bool,
    room: u16,
) -> columns::Widths {
    let column = |col: Col| {
        let i = col as usize;
        cells
            .iter()
            .flatten()
            .map(move |c| c[i].clone())
            .chain([col.title().to_string()])
            .chain((damaged && col == Col::Id).then(|| DAMAGED.to_string()))
    };
    let cols = Col::ALL.map(|col| {
        let c = col.column(column(col));
        if kept_first(col, orders, decision_in_view) {
            c.drop_rank(0)
        } else {
            c
        }
    });
    columns::layout(room, 1, &cols)
}

/// An order id without the date it begins with: `232430-4tb9xtb7-3` for
/// `20261203-232430-4tb9xtb7-3` (the time and the desk's tag that follow tell a desk's
/// orders apart; `/` finds the order by it). An id of another shape is kept whole. No
/// "…" before it: at 60 columns that one cell is the customer's.
fn short_id(id: &str) -> String {
    if let Some(id) = id.strip_prefix(MARK) {
        return format!("{MARK}{}", short_id(id));
    }
    match id.split_once('-') {
        Some((date, rest)) if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) => {
            rest.to_string()
        }
        _ => id.to_string(),
    }
}

/// The columns kept before others: the one the rows are sorted by (but the date), the valid-until date
/// while only expiring orders are listed, and the status while a row in view waits for a
/// decision (K acts on it): a key acts on what is seen.
fn kept_first(col: Col, orders: &crate::tui::state::Orders, decision_in_view: bool) -> bool {
    // Sorted by date, the rows read newest first and every whole id begins with its date:
    // the date gives way to whose order it is and where it stands.
    let sorted = match orders.sort.field {
        SortField::Date => None,
        SortField::Customer => Some(Col::Customer),
        SortField::Total => Some(Col::Total),
        SortField::Status => Some(Col::Status),
        SortField::ValidUntil => Some(Col::ValidUntil),
    };
    Some(col) == sorted
        || (orders.expiring && col == Col::ValidUntil)
        || (col == Col::Status && decision_in_view)
}

/// An order's row from its cells, cut to the columns shown.
fn order_row(
    c: &[String; 8],
    widths: &columns::Widths,
    status_style: ratatui::style::Style,
) -> Row<'static> {
    Row::new(widths.keep(vec![
        Cell::from(c[0].clone()),
        Cell::from(c[1].clone()),
        Cell::from(fit(&c[2], usize::from(widths.of(Col::Customer as usize)))),
        Cell::from(fit(&c[3], usize::from(widths.of(Col::Rep as usize)))),
        Cell::from(c[4].clone()),
        Cell::from(Line::from(c[5].clone()).alignment(Alignment::Right)),
        Cell::from(Span::styled(c[6].clone(), status_style)),
        Cell::from(c[7].clone()),
    ]))
}

/// "12 / 340" under the table when not every row fits.
fn position(orders: &crate::tui::state::Orders, rows_shown: usize) -> String {
    if orders.index.len() > rows_shown {
        format!(
            " {} / {} ",
            count(orders.selected + 1),
            count(orders.index.len())
        )
    } else {
        String::new()
    }
}

/// Why no row is listed: loading, a failed load, no orders yet, or filters that let none
/// through.
fn nothing_listed(orders: &crate::tui::state::Orders) -> String {
    if let Some(why) = &orders.load_error {
        format!(" Orders could not be loaded: {why}")
    } else if !orders.loaded {
        " Loading orders…".to_string()
    } else if orders.book.orders.is_empty() && orders.book.damaged.is_empty() {
        " No orders yet. Fill the cart (1) and check out (2, c).".to_string()
    } else {
        " No order matches the filters and search: f cycles the filter, e expiring, Esc clears the search, then a report's group."
            .to_string()
    }
}

/// One order's cells, in [`Col`] order.
fn order_cells(
    state: &State,
    o: &crate::store::summary::OrderSummary,
    today: Date,
    waits: bool,
) -> [String; 8] {
    [
        crate::domain::text::clean(&o.id).into_owned(),
        state
            .setup
            .tz
            .to_datetime(o.created_at)
            .strftime("%Y-%m-%d")
            .to_string(),
        crate::domain::text::clean(&o.customer).into_owned(),
        crate::domain::text::clean(&o.rep).into_owned(),
        o.region.to_string(),
        format_usd(o.total),
        // Two desks' changes clash: the row says so where the status is read.
        if waits {
            format!("{DECIDE} {}", o.effective_status(today).label())
        } else {
            o.effective_status(today).label().to_string()
        },
        o.valid_until
            .map_or_else(|| "—".to_string(), |d| d.to_string()),
    ]
}

fn header_row(widths: &columns::Widths) -> Row<'static> {
    Row::new(
        widths.keep(
            Col::ALL
                .iter()
                .map(|col| match col {
                    Col::Total => Cell::from(Line::from("Total").alignment(Alignment::Right)),
                    other => Cell::from(other.title()),
                })
                .collect(),
        ),
    )
}

/// The table's block, its title naming every hidden column, the total first.
fn naming_hidden<'a>(
    block: Block<'a>,
    widths: &columns::Widths,
    theme: &Theme,
    width: u16,
) -> Block<'a> {
    let mut hidden: Vec<&str> = Col::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| !widths.shown(*i))
        .map(|(_, c)| c.hidden_name())
        .collect();
    hidden.sort_by_key(|name| *name != "totals");
    if hidden.is_empty() {
        return block;
    }
    let title = format!(" Orders · widen for {} ", hidden.join(", "));
    Block::bordered()
        .title(fit(&title, usize::from(width.saturating_sub(2))))
        .border_style(theme.accent())
}

/// What the status column shows first for an order waiting for a decision (`K` settles it).
const DECIDE: &str = "DECIDE";
/// Before the id of an order marked with Space.
const MARK: &str = "✓ ";

/// What the id column shows for a damaged file.
const DAMAGED: &str = "✗ DAMAGED";
/// What the id column shows for a file written by a newer Order Desk (not damage).
const NEWER: &str = "↑ NEWER";

/// A damaged file's row: the marker under the id, what is wrong across the rest.
fn damaged_row<'a>(state: &'a State, widths: &Widths, i: usize) -> Row<'a> {
    let theme = Theme::of(state);
    let d = &state.orders.book.damaged[i];
    let shown = widths.constraints().len();
    let rest: u16 = widths.0.iter().skip(1).flatten().map(|w| w + 1).sum();
    Row::new(vec![
        Cell::from(if d.newer { NEWER } else { DAMAGED }),
        Cell::from(fit(&d.describe(), usize::from(rest.saturating_sub(1))))
            .column_span(shown.saturating_sub(1) as u16),
    ])
    .style(if d.newer {
        theme.warning()
    } else {
        theme.bad()
    })
}

/// A column of the orders table, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    Date,
    Customer,
    Rep,
    Region,
    Total,
    Status,
    ValidUntil,
}

impl Col {
    const ALL: [Col; 8] = [
        Col::Id,
        Col::Date,
        Col::Customer,
        Col::Rep,
        Col::Region,
        Col::Total,
        Col::Status,
        Col::ValidUntil,
    ];

    /// How the title names the column when it is hidden.
    fn hidden_name(self) -> &'static str {
        match self {
            Col::Id => "ids",
            Col::Date => "dates",
            Col::Customer => "customers",
            Col::Rep => "reps",
            Col::Region => "regions",
            Col::Total => "totals",
            Col::Status => "statuses",
            Col::ValidUntil => "valid until",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Col::Id => "Id",
            Col::Date => "Date",
            Col::Customer => "Customer",
            Col::Rep => "Rep",
            Col::Region => "Reg",
            Col::Total => "Total",
            Col::Status => "Status",
            Col::ValidUntil => "Valid until",
        }
    }

    /// How the column gives way on a narrow terminal: the rep, region, valid-until, date,
    /// status and customer go first; the id and the total are never cut.
    fn column<S: AsRef<str>>(self, cells: impl IntoIterator<Item = S>) -> Column {
        match self {
            Col::Id => Column::exact(cells),
            Col::Date => Column::exact(cells).drop_rank(3),
            // Before the total: an amount is never given up for a name.
            Col::Customer => Column::text(cells, 8).drop_rank(1),
            Col::Rep => Column::text(cells, 6).drop_rank(6),
            Col::Region => Column::exact(cells).drop_rank(5),
            Col::ValidUntil => Column::exact(cells).drop_rank(4),
            Col::Total => Column::money(cells),
            Col::Status => Column::exact(cells).drop_rank(2),
        }
    }
}
