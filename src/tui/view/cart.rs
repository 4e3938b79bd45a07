//! The Cart screen: the region up front, the lines with their prices, the total.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, HighlightSpacing, Paragraph, Row, Table, TableState};

use crate::domain::cart::{Cart, ListPart};
use crate::domain::catalog::BUILTIN_LIST;
use crate::domain::money::format_usd;

use super::super::form_region;
use super::super::hits::{Hits, Rows};
use super::super::state::State;
use super::catalog::catalog_names;
use super::columns::{self, Col};
use super::text::{distinct_among, fit, width_of};
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State, hits: &mut Hits) {
    let theme = Theme::of(state);
    let cart = &state.cart_tab.cart;
    let width = usize::from(area.width);
    let mut head = vec![Line::from(vec![
        Span::styled(" Region ", theme.dim()),
        Span::styled(format!(" {} ", cart.region), theme.selected()),
        Span::styled(
            fit(
                &format!(" {}", state.setup.catalog.region_full_name(cart.region)),
                width.saturating_sub(14),
            ),
            theme.accent(),
        ),
    ])];
    if let Some(old) = &cart.repurchase_of {
        head.push(Line::styled(
            fit(&format!(" Repurchase of order {old}"), width),
            theme.dim(),
        ));
    }
    head.extend(
        cart.parked
            .iter()
            .map(|part| parked_line(state, part, width)),
    );
    let [region, table_area, total, hints] = area.layout(&Layout::vertical([
        Constraint::Length((head.len() as u16).max(2)),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    frame.render_widget(Paragraph::new(head), region);

    let priced = cart.priced(&state.setup.catalog);
    let unknown = cart.unknown_skus(&state.setup.catalog);
    if priced.is_empty() && unknown.is_empty() {
        let text = if cart.parked.is_empty() {
            vec![
                Line::from(""),
                Line::from("  The cart is empty."),
                Line::styled(
                    "  Press 1 for the Catalog, pick a tier and press a (or Enter).",
                    theme.dim(),
                ),
            ]
        } else {
            vec![
                Line::from(""),
                Line::from(format!(
                    "  No lines of list {} yet.",
                    state.setup.catalog.list.id
                )),
                Line::styled(
                    "  The lists above check out as their own orders (c); L switches to one.",
                    theme.dim(),
                ),
            ]
        };
        frame.render_widget(
            Paragraph::new(text).block(Block::bordered().title(" Cart ").border_style(theme.dim())),
            table_area,
        );
    } else {
        lines_table(frame, table_area, state, &priced, &unknown, hits);
    }
    total_line(frame, total, state, width);
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(
                " + - quantity · x remove · r region · u undo · c check out · Q quote · ? help",
                width,
            ),
            theme.dim(),
        )),
        hints,
    );
}

/// The cart's lines as a table, the SKUs the price list does not sell below them.
fn lines_table(
    frame: &mut Frame,
    table_area: Rect,
    state: &State,
    priced: &[crate::domain::cart::PricedLine],
    unknown: &[String],
    hits: &mut Hits,
) {
    let theme = Theme::of(state);
    let cart = &state.cart_tab.cart;
    let header = ["Service", "Tier", "Unit", "Qty", "Unit price", "Line total"];
    let cells: Vec<[String; 6]> = priced
        .iter()
        .map(|p| {
            [
                p.entry.service.name.clone(),
                p.entry.tier.tier.clone(),
                p.entry.tier.unit.to_string(),
                p.quantity.to_string(),
                format_usd(p.unit_price),
                format_usd(p.line_total),
            ]
        })
        .collect();
    let column = |i: usize| {
        cells
            .iter()
            .map(move |c| c[i].clone())
            .chain(std::iter::once(header[i].to_string()))
    };
    let cols = [
        Col::text(column(0), 10),
        Col::text(column(1), 6),
        Col::exact(column(2)).drop_rank(3),
        Col::exact(column(3)),
        Col::money(column(4)).drop_rank(2),
        Col::money(column(5)),
    ];
    let widths = columns::layout(table_area.width.saturating_sub(4), 1, &cols);
    let names: Vec<&str> = cells.iter().map(|c| c[0].as_str()).collect();
    let names = distinct_among(&names, &catalog_names(state), usize::from(widths.of(0)));
    let right = |s: String| Line::from(s).alignment(Alignment::Right);
    let mut rows: Vec<Row> = cells
        .iter()
        .zip(names)
        .map(|(c, name)| {
            Row::new(widths.keep(vec![
                Line::from(name),
                Line::from(fit(&c[1], usize::from(widths.of(1)))),
                Line::from(c[2].clone()),
                right(c[3].clone()),
                right(c[4].clone()),
                right(c[5].clone()),
            ]))
        })
        .collect();
    let message_width: u16 = widths.0.iter().flatten().map(|w| w + 1).sum();
    rows.extend(unknown.iter().map(|sku| {
        Row::new(vec![
            Cell::from(fit(
                &format!("{sku}: not in this price list (x removes)"),
                usize::from(message_width.saturating_sub(1)),
            ))
            .column_span(widths.constraints().len() as u16),
        ])
        .style(theme.bad())
    }));
    let header = Row::new(widths.keep(vec![
        Line::from(header[0]),
        Line::from(header[1]),
        Line::from(header[2]),
        right(header[3].into()),
        right(header[4].into()),
        right(header[5].into()),
    ]))
    .style(theme.bold());
    let mut title = match &state.cart_tab.revising {
        // The quote being revised, so Q's revision is never a surprise.
        Some(q) => format!(
            " Cart · revising {} · Q saves revision {} · {} line(s) ",
            q.id,
            q.revision() + 1,
            cart.lines.len()
        ),
        // With other lists' lines kept aside, the table is of the list on screen.
        None if !cart.parked.is_empty() => format!(
            " Cart · list {} · {} line(s) ",
            state.setup.catalog.list.id,
            cart.lines.len()
        ),
        None => format!(" Cart · {} line(s) ", cart.lines.len()),
    };
    if widths.money_hidden(&cols) {
        title.push_str("· widen for prices ");
    }
    let table = Table::new(rows, widths.constraints())
        .header(header)
        .block(
            Block::bordered()
                .title(fit(&title, usize::from(table_area.width.saturating_sub(2))))
                .border_style(theme.accent()),
        )
        .highlight_symbol("> ")
        .highlight_spacing(HighlightSpacing::Always)
        .row_highlight_style(theme.selected());
    let mut table_state = TableState::default().with_selected(Some(state.cart_tab.selected));
    frame.render_stateful_widget(table, table_area, &mut table_state);
    hits.rows(
        table_area,
        1,
        table_state.offset(),
        cart.lines.len(),
        Rows::Cart,
    );
}

/// The units and the total of every list's lines in the cart, each priced from its own
/// list in its own region (a list not in the folder adds its units, not a price).
pub fn whole(state: &State) -> (u32, rust_decimal::Decimal) {
    state.cart_tab.cart.parts().iter().fold(
        (0, rust_decimal::Decimal::ZERO),
        |(units, total), part| {
            let priced = form_region::list_named(state, part.list.as_deref())
                .map_or(rust_decimal::Decimal::ZERO, |c| part.total(c));
            (units + part.units(), total + priced)
        },
    )
}

/// Another list's lines kept in the cart: the list, its lines and their total in the
/// region they were priced in. They check out as an order of their own; the amount is
/// never cut (the words before it give way).
fn parked_line<'a>(state: &State, part: &ListPart, width: usize) -> Line<'a> {
    let theme = Theme::of(state);
    let id = part.list.as_deref().unwrap_or(BUILTIN_LIST);
    let Some(catalog) = form_region::list_named(state, part.list.as_deref()) else {
        return Line::styled(
            fit(
                &format!(" + list {id}: not in this orders folder, its lines are not priced"),
                width,
            ),
            theme.bad(),
        );
    };
    let cart = Cart {
        region: part.region,
        lines: part.lines.clone(),
        ..Cart::default()
    };
    let amount = format!("{} ({})", format_usd(cart.total(catalog)), part.region);
    let words = format!(
        " + list {id}: {} line(s), checked out as its own order ",
        part.lines.len()
    );
    let short = format!(" + {id}: ");
    let before = if width_of(&words) + width_of(&amount) <= width {
        words
    } else {
        fit(&short, width.saturating_sub(width_of(&amount)))
    };
    if width_of(&before) + width_of(&amount) > width {
        return Line::styled(fit(" + another list's lines", width), theme.dim());
    }
    Line::from(vec![
        Span::styled(before, theme.dim()),
        Span::styled(amount, theme.accent()),
    ])
}

/// The units and the total, right-aligned: the amount is never cut.
fn total_line(frame: &mut Frame, total: Rect, state: &State, width: usize) {
    let theme = Theme::of(state);
    let cart = &state.cart_tab.cart;
    // The amount is never cut: the words around it go first.
    let amount = format_usd(cart.total(&state.setup.catalog));
    let mut label = format!("{} unit(s)   Total ({}) ", cart.units(), cart.region);
    if width_of(&label) + width_of(&amount) + 1 > width {
        label = format!("Total ({}) ", cart.region);
    }
    if width_of(&label) + width_of(&amount) + 1 > width {
        label.clear();
    }
    let total_line = Line::from(vec![
        Span::styled(label, theme.bold()),
        Span::styled(amount, theme.accent()),
        Span::raw(" "),
    ])
    .alignment(Alignment::Right);
    frame.render_widget(Paragraph::new(total_line), total);
}
