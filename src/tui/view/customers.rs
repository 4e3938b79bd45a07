//! The Customers screen: every customer with country, region, open quotes, orders and
//! the booked and net value of their orders (amounts whole or their column hidden, the
//! table saying so); a customer's page with their fields and their quotes and orders;
//! the add/edit form and the clash question as popups.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use crate::domain::customer::{Customer, name_key};
use crate::domain::money::format_usd;
use crate::domain::text::clean;

use super::super::hits::{Hits, Rows};
use super::super::model::customers::{CustomerEdit, CustomerField, CustomerLine, ItemKind, Page};
use super::super::state::{InputTarget, State};
use super::columns::{self, Col};
use super::field::{search_span, with_cursor};
use super::text::{fit, page_offset, width_of};
use super::theme::Theme;

const HEADERS: [&str; 7] = [
    "Customer", "Ctry", "Reg", "Quotes", "Orders", "Booked", "Net",
];

pub fn render(frame: &mut Frame, area: Rect, state: &State, hits: &mut Hits) {
    if let Some(page) = &state.customers_tab.page {
        return render_page(frame, area, state, page);
    }
    let theme = Theme::of(state);
    let tab = &state.customers_tab;
    let [bar, table_area, hints] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    let width = usize::from(area.width);
    let typing = state.input == Some(InputTarget::CustomersSearch);
    let line = Line::from(vec![
        Span::styled(
            format!(" {} of {} customer(s) ", tab.rows.len(), tab.all),
            theme.bold(),
        ),
        Span::styled("│ search ", theme.dim()),
        search_span(state, typing, &tab.search, width.saturating_sub(30).max(12)),
    ]);
    frame.render_widget(Paragraph::new(line), bar);
    table(frame, table_area, state, hits);
    let hint = if typing {
        " type to search the names · Enter keeps · Esc clears"
    } else if tab.rows.iter().any(|r| r.disputed) {
        " K settle (! rows) · Enter page · / search · a add · e edit · X CSV"
    } else {
        " Enter page · / search · a add · e edit · K settle · X CSV · ? help"
    };
    frame.render_widget(
        Paragraph::new(Line::styled(fit(hint, width), theme.dim())),
        hints,
    );
}

fn cells(r: &CustomerLine) -> [String; 7] {
    [
        format!("{}{}", if r.disputed { "! " } else { "" }, clean(&r.name)),
        r.country.clone().unwrap_or_default(),
        r.region.map_or(String::new(), |g| g.to_string()),
        r.open_quotes.to_string(),
        r.orders.to_string(),
        format_usd(r.booked),
        format_usd(r.net),
    ]
}

fn table(frame: &mut Frame, area: Rect, state: &State, hits: &mut Hits) {
    let theme = Theme::of(state);
    let tab = &state.customers_tab;
    let block = Block::bordered()
        .title(" Customers ")
        .border_style(theme.accent());
    if tab.rows.is_empty() {
        let text = if tab.all == 0 {
            " No customers yet: a adds one to the book, and every order's customer shows here."
        } else {
            " No customer matches the search: Esc clears it."
        };
        let text = fit(text, usize::from(area.width.saturating_sub(2)));
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    }
    let rows_shown = usize::from(area.height.saturating_sub(3));
    let offset = page_offset(tab.selected, rows_shown);
    let end = (offset + rows_shown).min(tab.rows.len());
    let in_view: Vec<[String; 7]> = tab.rows[offset..end].iter().map(cells).collect();
    let column = |i: usize| {
        in_view
            .iter()
            .map(move |c| c[i].clone())
            .chain([HEADERS[i].to_string()])
    };
    let cols = [
        Col::text(column(0), 8),
        Col::exact(column(1)).drop_rank(3),
        Col::exact(column(2)).drop_rank(2),
        Col::exact(column(3)).drop_rank(4),
        Col::exact(column(4)).drop_rank(1),
        Col::money(column(5)).drop_rank(5),
        Col::money(column(6)),
    ];
    let widths = columns::layout(area.width.saturating_sub(4), 1, &cols);
    let right = |s: String| Cell::from(Line::from(s).alignment(Alignment::Right));
    let rows: Vec<Row> = in_view
        .iter()
        .zip(&tab.rows[offset..end])
        .map(|(c, r)| {
            let name = Span::styled(
                fit(&c[0], usize::from(widths.of(0))),
                if r.disputed {
                    theme.warning()
                } else if r.in_book {
                    theme.bold()
                } else {
                    ratatui::style::Style::default()
                },
            );
            Row::new(widths.keep(vec![
                Cell::from(name),
                Cell::from(c[1].clone()),
                Cell::from(c[2].clone()),
                right(c[3].clone()),
                right(c[4].clone()),
                right(c[5].clone()),
                right(c[6].clone()),
            ]))
        })
        .collect();
    let header = Row::new(
        widths.keep(
            HEADERS
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    if i >= 3 {
                        right(h.to_string())
                    } else {
                        Cell::from(*h)
                    }
                })
                .collect(),
        ),
    )
    .style(theme.bold());
    let block = if widths.money_hidden(&cols) {
        Block::bordered()
            .title(" Customers · widen for booked ")
            .border_style(theme.accent())
    } else {
        block
    };
    let position = if tab.rows.len() > rows_shown {
        format!(" {} / {} ", tab.selected + 1, tab.rows.len())
    } else {
        String::new()
    };
    let table = Table::new(rows, widths.constraints())
        .header(header)
        .block(block.title_bottom(Line::from(position).alignment(Alignment::Right)))
        .highlight_symbol("> ")
        .highlight_spacing(HighlightSpacing::Always)
        .row_highlight_style(theme.selected());
    let mut table_state = TableState::default().with_selected(Some(tab.selected - offset));
    frame.render_stateful_widget(table, area, &mut table_state);
    let first = offset + table_state.offset();
    hits.rows(area, 1, first, tab.rows.len(), Rows::Customers);
}

/// A customer's page: who they are (from the book, with any clash), then their quotes
/// and orders, newest first.
fn render_page(frame: &mut Frame, area: Rect, state: &State, page: &Page) {
    let theme = Theme::of(state);
    let width = usize::from(area.width.saturating_sub(2));
    let line = state.customers_tab.rows.iter().find(|r| r.key == page.key);
    let book = state
        .customers
        .iter()
        .find(|c| name_key(&c.name) == page.key);
    let name = line.map_or_else(|| page.key.clone(), |l| l.name.clone());
    let mut about = about_lines(book, line, width);
    if let Some(c) = book {
        for clash in &c.clashes {
            let values: Vec<String> = clash
                .values
                .iter()
                .map(|v| {
                    v.as_deref()
                        .map_or("not given".into(), |v| clean(v).into_owned())
                })
                .collect();
            about.push(Line::styled(
                fit(
                    &format!(
                        "! {}: two desks differ: {} · K settles",
                        clash.field,
                        values.join(" or ")
                    ),
                    width,
                ),
                theme.warning(),
            ));
        }
    }
    let about_height = (about.len() as u16 + 2).min(area.height.saturating_sub(5) / 2 + 2);
    let [top, list_area, hints] = area.layout(&Layout::vertical([
        Constraint::Length(about_height),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    frame.render_widget(
        Paragraph::new(about).block(
            Block::bordered()
                .title(fit(&format!(" {} ", clean(&name)), width))
                .border_style(theme.accent()),
        ),
        top,
    );
    items(frame, list_area, state, page);
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(
                " Enter open the quote or order · e edit · K settle · Esc back",
                usize::from(area.width),
            ),
            theme.dim(),
        )),
        hints,
    );
}

/// The customer's fields, each as "Label  value", cut to the width.
fn about_lines<'a>(
    book: Option<&Customer>,
    line: Option<&CustomerLine>,
    width: usize,
) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let row = |label: &str, value: String| Line::from(fit(&format!("{label:<9} {value}"), width));
    match book {
        Some(c) => {
            let country = match c.country_answer() {
                Some(a) => format!(
                    "{} ({}) · {}",
                    a.country,
                    a.code,
                    a.region
                        .map_or("not covered: pick a region at checkout".into(), |r| r
                            .to_string())
                ),
                None => c.country.clone(),
            };
            out.push(row("Country", country));
            for (label, value) in [
                ("Contact", &c.contact),
                ("Email", &c.email),
                ("Tax id", &c.tax_id),
                ("Address", &c.address),
                ("Note", &c.note),
            ] {
                if let Some(v) = value {
                    out.push(row(label, clean(&v.replace('\n', ", ")).into_owned()));
                }
            }
        }
        None => out.push(row(
            "Book",
            "not in the book: e adds them (orders keep their own country)".into(),
        )),
    }
    if let Some(l) = line {
        let counts = format!("{} open quote(s) · {} order(s)", l.open_quotes, l.orders);
        let booked = format_usd(l.booked);
        let net = format_usd(l.net);
        let whole = format!("{counts} · booked {booked} · net {net}");
        // Amounts are never cut: where the line does not fit, each gets its own.
        if width_of(&whole) + 10 <= width {
            out.push(row("Value", whole));
        } else {
            out.push(row("Value", counts));
            out.push(row("Booked", booked));
            out.push(row("Net", net));
        }
    }
    out
}

fn items(frame: &mut Frame, area: Rect, state: &State, page: &Page) {
    let theme = Theme::of(state);
    let block = Block::bordered()
        .title(" Quotes and orders ")
        .border_style(theme.accent());
    if page.items.is_empty() {
        frame.render_widget(
            Paragraph::new(" No quotes or orders yet.").block(block),
            area,
        );
        return;
    }
    let rows_shown = usize::from(area.height.saturating_sub(3));
    let offset = page_offset(page.selected, rows_shown);
    let end = (offset + rows_shown).min(page.items.len());
    let cells: Vec<[String; 5]> = page.items[offset..end]
        .iter()
        .map(|i| {
            [
                match i.kind {
                    ItemKind::Quote => "Quote",
                    ItemKind::Order => "Order",
                }
                .to_string(),
                clean(&i.id).into_owned(),
                i.date.to_string(),
                i.status.clone(),
                format_usd(i.total),
            ]
        })
        .collect();
    let heads = ["", "Id", "Date", "Status", "Total"];
    let column = |i: usize| {
        cells
            .iter()
            .map(move |c| c[i].clone())
            .chain([heads[i].to_string()])
    };
    let cols = [
        Col::exact(column(0)).drop_rank(2),
        Col::exact(column(1)),
        Col::exact(column(2)).drop_rank(3),
        // Words: it takes the room left, so the totals keep to the right edge.
        Col::text(column(3), 6).drop_rank(1),
        Col::money(column(4)),
    ];
    let widths = columns::layout(area.width.saturating_sub(4), 1, &cols);
    let rows: Vec<Row> = cells
        .iter()
        .map(|c| {
            Row::new(widths.keep(vec![
                Cell::from(c[0].clone()),
                Cell::from(c[1].clone()),
                Cell::from(c[2].clone()),
                Cell::from(c[3].clone()),
                Cell::from(Line::from(c[4].clone()).alignment(Alignment::Right)),
            ]))
        })
        .collect();
    let header = Row::new(widths.keep(vec![
        Cell::from(""),
        Cell::from("Id"),
        Cell::from("Date"),
        Cell::from("Status"),
        Cell::from(Line::from("Total").alignment(Alignment::Right)),
    ]))
    .style(theme.bold());
    let table = Table::new(rows, widths.constraints())
        .header(header)
        .block(block)
        .highlight_symbol("> ")
        .highlight_spacing(HighlightSpacing::Always)
        .row_highlight_style(theme.selected());
    let mut table_state = TableState::default().with_selected(Some(page.selected - offset));
    frame.render_stateful_widget(table, area, &mut table_state);
}

/// The add or edit form over the screen: each field with its box, the error beside the
/// field at fault and under the form.
pub fn form(frame: &mut Frame, area: Rect, state: &State, form: &CustomerEdit) {
    let theme = Theme::of(state);
    let width = area.width.saturating_sub(4).min(90);
    let inner = usize::from(width.saturating_sub(2));
    const LABEL: usize = 10;
    // The box gives way so that a hint or an error still stands beside it.
    let box_width = inner.saturating_sub(LABEL + 4 + 14).min(40);
    let mut lines = Vec::new();
    for (i, field) in CustomerField::ALL.iter().enumerate() {
        let focused = i == form.focus;
        let value = if focused {
            with_cursor(&form.fields[i], box_width)
        } else {
            fit(form.value(*field), box_width)
        };
        let error = form
            .error
            .as_ref()
            .filter(|(k, _)| *k == field.key())
            .map(|(_, why)| why.clone());
        let beside = inner.saturating_sub(LABEL + box_width + 5);
        let (note, style) = match &error {
            Some(why) => (format!("✗ {why}"), theme.bad()),
            None => (field.hint().to_string(), theme.dim()),
        };
        lines.push(Line::from(vec![
            Span::raw(if focused { "> " } else { "  " }),
            Span::raw(format!("{:<w$}", field.label(), w = LABEL - 2)),
            Span::raw("["),
            Span::styled(
                format!("{value:<box_width$}"),
                if focused {
                    theme.selected()
                } else {
                    ratatui::style::Style::default()
                },
            ),
            Span::raw("] "),
            Span::styled(fit(&note, beside), style),
        ]));
    }
    if let Some((field, why)) = &form.error {
        lines.push(Line::styled(
            fit(&format!(" ✗ {field}: {why}"), inner),
            theme.bad(),
        ));
    }
    if form.before.is_some() {
        lines.push(Line::styled(
            fit(
                " Orders and quotes keep the country and prices they were made with",
                inner,
            ),
            theme.dim(),
        ));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
    super::popup::clear_band(frame, area, popup);
    let title = match &form.before {
        Some(c) => format!(" Edit {} ", clean(&c.name)),
        None => " Add a customer ".to_string(),
    };
    let block = Block::bordered()
        .title(fit(&title, inner))
        .border_style(theme.accent())
        .title_bottom(Line::styled(
            fit(" Tab next field · Ctrl-S saves · Esc closes ", inner),
            theme.dim(),
        ));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
