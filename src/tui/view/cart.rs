//! The Cart screen: the region up front, the lines with their prices, the total.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, HighlightSpacing, Paragraph, Row, Table, TableState};

use crate::money::format_usd;

use super::super::hits::{Hits, Rows};
use super::super::state::State;
use super::text::{column_widths, fit, fit_middle};
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State, hits: &mut Hits) {
    let theme = Theme::of(state);
    let cart = &state.cart;
    let [region, table_area, total, hints] = area.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    let width = usize::from(area.width);
    let mut head = vec![Line::from(vec![
        Span::styled(" Region ", theme.dim()),
        Span::styled(format!(" {} ", cart.region), theme.selected()),
        Span::styled(
            fit(
                &format!(" {}", state.catalog.region_full_name(cart.region)),
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
    frame.render_widget(Paragraph::new(head), region);

    let priced = cart.priced(&state.catalog);
    let unknown = cart.unknown_skus(&state.catalog);
    if priced.is_empty() && unknown.is_empty() {
        let text = vec![
            Line::from(""),
            Line::from("  The cart is empty."),
            Line::styled(
                "  Press 1 for the Catalog, pick a tier and press a (or Enter).",
                theme.dim(),
            ),
        ];
        frame.render_widget(
            Paragraph::new(text).block(Block::bordered().title(" Cart ").border_style(theme.dim())),
            table_area,
        );
    } else {
        let constraints = [
            Constraint::Fill(1),
            Constraint::Length(12),
            Constraint::Length(11),
            Constraint::Length(4),
            Constraint::Length(14),
            Constraint::Length(15),
        ];
        let widths = column_widths(table_area.width.saturating_sub(4), &constraints, 1);
        let right = |s: String| Line::from(s).alignment(Alignment::Right);
        let mut rows: Vec<Row> = priced
            .iter()
            .map(|p| {
                Row::new(vec![
                    Line::from(fit_middle(&p.entry.service.name, usize::from(widths[0]))),
                    Line::from(fit(&p.entry.tier.tier, usize::from(widths[1]))),
                    Line::from(p.entry.tier.unit.to_string()),
                    right(p.quantity.to_string()),
                    right(format_usd(p.unit_price)),
                    right(format_usd(p.line_total)),
                ])
            })
            .collect();
        rows.extend(unknown.iter().map(|sku| {
            Row::new(vec![Line::from(fit(
                &format!("{sku}: not in this price list (x removes)"),
                usize::from(widths[0]),
            ))])
            .style(theme.bad())
        }));
        let header = Row::new(vec![
            Line::from("Service"),
            Line::from("Tier"),
            Line::from("Unit"),
            right("Qty".into()),
            right("Unit price".into()),
            right("Line total".into()),
        ])
        .style(theme.bold());
        let table = Table::new(rows, widths.iter().map(|w| Constraint::Length(*w)))
            .header(header)
            .block(
                Block::bordered()
                    .title(format!(" Cart · {} line(s) ", cart.lines.len()))
                    .border_style(theme.accent()),
            )
            .highlight_symbol("> ")
            .highlight_spacing(HighlightSpacing::Always)
            .row_highlight_style(theme.selected());
        let mut table_state = TableState::default().with_selected(Some(state.cart_selected));
        frame.render_stateful_widget(table, table_area, &mut table_state);
        hits.rows(
            table_area,
            1,
            table_state.offset(),
            cart.lines.len(),
            Rows::Cart,
        );
    }
    let total_line = Line::from(vec![
        Span::styled(
            format!("{} unit(s)   Total ({}) ", cart.units(), cart.region),
            theme.bold(),
        ),
        Span::styled(format_usd(cart.total(&state.catalog)), theme.accent()),
        Span::raw(" "),
    ])
    .alignment(Alignment::Right);
    frame.render_widget(Paragraph::new(total_line), total);
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(
                " + - quantity · x remove · r region · u undo · c check out · ? help",
                width,
            ),
            theme.dim(),
        )),
        hints,
    );
}
