//! The Quotes screen: every saved quote (and damaged file), newest first, filtered by
//! status and searched. A quote past its date shows as Lapsed.

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use crate::domain::money::format_usd;
use crate::domain::quote::Standing;
use crate::domain::text::clean;

use super::super::hits::{Hits, Rows};
use super::super::model::quotes::{QuoteFilter, QuoteRow};
use super::super::state::{InputTarget, State};
use super::columns::{self, Col as Column, Widths};
use super::field::search_span;
use super::text::{fit, page_offset};
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State, today: Date, hits: &mut Hits) {
    let theme = Theme::of(state);
    let quotes = &state.quotes;
    let [bar, table_area, hints] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let width = usize::from(area.width);
    let typing = state.input == Some(InputTarget::QuotesSearch);
    let mut spans = vec![Span::styled(
        format!(
            " {} of {} quote(s) ",
            quotes.index.len(),
            quotes.quotes.len() + quotes.damaged.len()
        ),
        theme.bold(),
    )];
    if quotes.loading {
        spans.push(Span::styled("│ loading… ", theme.warning()));
    }
    if !quotes.damaged.is_empty() {
        spans.push(Span::styled(
            format!("│ {} damaged ", quotes.damaged.len()),
            theme.bad(),
        ));
    }
    spans.extend([
        Span::styled("│ filter ", theme.dim()),
        Span::styled(
            quotes.filter.label(),
            if quotes.filter == QuoteFilter::All {
                theme.bold()
            } else {
                theme.selected()
            },
        ),
        Span::styled(" │ search ", theme.dim()),
        search_span(
            state,
            typing,
            &quotes.search,
            width.saturating_sub(50).max(12),
        ),
    ]);
    frame.render_widget(Paragraph::new(Line::from(spans)), bar);
    table(frame, table_area, state, today, hits);
    // A quote two desks closed differently puts its key first, where a narrow screen
    // still shows it.
    let deciding = quotes.quotes.iter().any(|q| !q.contested.is_empty());
    let hint = if typing {
        " type to search customer, id, country, rep, note, SKU · Enter keeps · Esc clears"
    } else if deciding {
        " K decide (DECIDE rows) · Enter open · / search · f filter · a accept · D decline · r re-quote · x export"
    } else {
        " Enter open · / search · f filter · a accept · D decline · r re-quote · x export"
    };
    frame.render_widget(
        Paragraph::new(Line::styled(fit(hint, width), theme.dim())),
        hints,
    );
}

/// The colour of a standing: open as good news, lapsed as a warning, declined as bad.
pub fn standing_style(theme: Theme, standing: Standing) -> ratatui::style::Style {
    match standing {
        Standing::Open => theme.good(),
        Standing::Lapsed => theme.warning(),
        Standing::Accepted => theme.accent(),
        Standing::Declined => theme.bad(),
        Standing::Superseded => theme.dim(),
    }
}

fn table(frame: &mut Frame, area: Rect, state: &State, today: Date, hits: &mut Hits) {
    let theme = Theme::of(state);
    let quotes = &state.quotes;
    let block = Block::bordered()
        .title(" Quotes ")
        .border_style(theme.accent());
    if quotes.index.is_empty() {
        let text = fit(
            &nothing_listed(quotes),
            usize::from(area.width.saturating_sub(2)),
        );
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let rows_shown = usize::from(area.height.saturating_sub(3));
    let offset = page_offset(quotes.selected, rows_shown);
    let end = (offset + rows_shown).min(quotes.index.len());
    let in_view = &quotes.index[offset..end];
    let cells: Vec<Option<[String; 7]>> = in_view
        .iter()
        .map(|row| match *row {
            QuoteRow::Damaged(_) => None,
            QuoteRow::Quote(i) => Some(quote_cells(&quotes.quotes[i], today)),
        })
        .collect();
    let damaged = in_view.iter().any(|r| matches!(r, QuoteRow::Damaged(_)));
    let column = |col: Col| {
        let i = col as usize;
        cells
            .iter()
            .flatten()
            .map(move |c| c[i].clone())
            .chain([col.title().to_string()])
            .chain((damaged && col == Col::Id).then(|| DAMAGED.to_string()))
    };
    // A row waiting for a decision keeps its status (DECIDE …) on a narrow terminal; the
    // customer gives way first.
    let deciding = in_view
        .iter()
        .any(|row| matches!(row, QuoteRow::Quote(i) if !quotes.quotes[*i].contested.is_empty()));
    let cols = Col::ALL.map(|col| {
        let column = col.column(column(col));
        if deciding && col == Col::Status {
            column.drop_rank(0)
        } else {
            column
        }
    });
    let widths = columns::layout(area.width.saturating_sub(4), 1, &cols);
    let rows: Vec<Row> = in_view
        .iter()
        .zip(&cells)
        .map(|(row, cells)| match (row, cells) {
            (QuoteRow::Damaged(i), _) => damaged_row(state, &widths, *i),
            (QuoteRow::Quote(i), Some(c)) => {
                let q = &quotes.quotes[*i];
                let standing = q.standing(today);
                let status_style = if q.contested.is_empty() {
                    standing_style(theme, standing)
                } else {
                    theme.warning().patch(theme.bold())
                };
                quote_row(c, &widths, status_style)
            }
            (QuoteRow::Quote(_), None) => Row::default(),
        })
        .collect();
    let header = header_row(&widths).style(theme.bold());
    let position = if quotes.index.len() > rows_shown {
        format!(" {} / {} ", quotes.selected + 1, quotes.index.len())
    } else {
        String::new()
    };
    let block = if widths.money_hidden(&cols) {
        Block::bordered()
            .title(" Quotes · widen for totals ")
            .border_style(theme.accent())
    } else {
        block
    };
    let table = Table::new(rows, widths.constraints())
        .header(header)
        .block(block.title_bottom(Line::from(position).alignment(Alignment::Right)))
        .highlight_symbol("> ")
        .highlight_spacing(HighlightSpacing::Always)
        .row_highlight_style(theme.selected());
    let mut table_state = TableState::default().with_selected(Some(quotes.selected - offset));
    frame.render_stateful_widget(table, area, &mut table_state);
    let first = offset + table_state.offset();
    hits.rows(area, 1, first, quotes.index.len(), Rows::Quotes);
}

/// Why no row is listed: a failed load, loading, no quotes yet, or filters that let none
/// through.
fn nothing_listed(quotes: &crate::tui::model::quotes::Quotes) -> String {
    if let Some(why) = &quotes.load_error {
        format!(" Quotes could not be loaded: {why}")
    } else if !quotes.loaded {
        " Loading quotes…".to_string()
    } else if quotes.quotes.is_empty() && quotes.damaged.is_empty() {
        " No quotes yet. Fill the cart (1) and save it as a quote (2, Q).".to_string()
    } else {
        " No quote matches the filter and search: f cycles the filter, Esc clears the search."
            .to_string()
    }
}

/// A quote's cells as the table shows them, cleaned for the terminal.
fn quote_cells(q: &crate::domain::quote::Quote, today: Date) -> [String; 7] {
    [
        clean(&q.id).into_owned(),
        clean(&q.customer).into_owned(),
        clean(q.country.as_deref().unwrap_or("")).into_owned(),
        q.region.to_string(),
        format_usd(q.total),
        q.valid_until.to_string(),
        // A quote two desks closed differently is neither until a rep decides: one
        // short word, so it shows at 60 columns beside the longest id and total.
        if q.contested.is_empty() {
            q.standing(today).label().to_string()
        } else {
            "DECIDE".to_string()
        },
    ]
}

/// A quote's row from its cells, cut to the columns shown.
fn quote_row(
    c: &[String; 7],
    widths: &columns::Widths,
    status_style: ratatui::style::Style,
) -> Row<'static> {
    Row::new(widths.keep(vec![
        Cell::from(c[0].clone()),
        Cell::from(fit(&c[1], usize::from(widths.of(Col::Customer as usize)))),
        Cell::from(c[2].clone()),
        Cell::from(c[3].clone()),
        Cell::from(Line::from(c[4].clone()).alignment(Alignment::Right)),
        Cell::from(c[5].clone()),
        Cell::from(Span::styled(c[6].clone(), status_style)),
    ]))
}

/// The header row, the total's title right-aligned over its amounts.
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

/// What the id column shows for a damaged file.
const DAMAGED: &str = "✗ DAMAGED";

/// A damaged file's row: the marker under the id, what is wrong across the rest.
fn damaged_row<'a>(state: &'a State, widths: &Widths, i: usize) -> Row<'a> {
    let theme = Theme::of(state);
    let d = &state.quotes.damaged[i];
    let shown = widths.constraints().len();
    let rest: u16 = widths.0.iter().skip(1).flatten().map(|w| w + 1).sum();
    Row::new(vec![
        Cell::from(DAMAGED),
        Cell::from(fit(&d.describe(), usize::from(rest.saturating_sub(1))))
            .column_span(shown.saturating_sub(1) as u16),
    ])
    .style(theme.bad())
}

/// A column of the quotes table, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    Customer,
    Country,
    Region,
    Total,
    ValidUntil,
    Status,
}

impl Col {
    const ALL: [Col; 7] = [
        Col::Id,
        Col::Customer,
        Col::Country,
        Col::Region,
        Col::Total,
        Col::ValidUntil,
        Col::Status,
    ];

    fn title(self) -> &'static str {
        match self {
            Col::Id => "Id",
            Col::Customer => "Customer",
            Col::Country => "Ctry",
            Col::Region => "Reg",
            Col::Total => "Total",
            Col::ValidUntil => "Valid until",
            Col::Status => "Status",
        }
    }

    /// How the column gives way on a narrow terminal: the country, region, date and
    /// customer go first; the id, the total and the status stay longest.
    fn column<S: AsRef<str>>(self, cells: impl IntoIterator<Item = S>) -> Column {
        match self {
            Col::Id => Column::exact(cells),
            Col::Customer => Column::text(cells, 8).drop_rank(1),
            Col::Country => Column::exact(cells).drop_rank(5),
            Col::Region => Column::exact(cells).drop_rank(4),
            Col::Total => Column::money(cells),
            Col::ValidUntil => Column::exact(cells).drop_rank(3),
            Col::Status => Column::exact(cells).drop_rank(2),
        }
    }
}
