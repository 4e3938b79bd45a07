//! The Catalog screen: families → services → tiers, and the highlighted tier's details.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, HighlightSpacing, List, ListItem, ListState, Paragraph, Row, Table, TableState, Wrap,
};

use crate::catalog::Unit;
use crate::money::format_usd;

use super::super::browse::{self, Column, Cursor, FamilyNode};
use super::super::hits::{Hits, Rows};
use super::super::state::{InputTarget, State};
use super::field::with_cursor;
use super::text::{column_widths, fit, fit_middle};
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State, hits: &mut Hits) {
    let theme = Theme::of(state);
    let tree = browse::tree(&state.catalog, &state.browse.filter);
    let typing = state.input == Some(InputTarget::CatalogFilter);
    let filter_rows = u16::from(typing || !state.browse.filter.is_empty());
    let [filter, columns, details] = area.layout(&Layout::vertical([
        Constraint::Length(filter_rows),
        Constraint::Fill(1),
        Constraint::Length(8),
    ]));
    if filter_rows > 0 {
        let text = if typing {
            let room = usize::from(filter.width).saturating_sub(9 + 28).max(8);
            with_cursor(&state.line, room)
        } else {
            fit(
                &state.browse.filter,
                usize::from(filter.width).saturating_sub(9 + 25),
            )
        };
        let line = Line::from(vec![
            Span::styled(" Filter: ", theme.accent()),
            Span::raw(text),
            Span::styled(
                if typing {
                    "   Enter keeps · Esc clears"
                } else {
                    "   / edits · Esc clears"
                },
                theme.dim(),
            ),
        ]);
        frame.render_widget(Paragraph::new(line), filter);
    }
    let [fam_area, svc_area, tier_area] = columns.layout(&Layout::horizontal([
        Constraint::Fill(3),
        Constraint::Fill(3),
        Constraint::Fill(5),
    ]));
    let Some(cursor) = state.browse.cursor(&tree) else {
        let text = format!(
            "Nothing matches \"{}\": Esc clears the filter",
            state.browse.filter
        );
        frame.render_widget(
            Paragraph::new(fit(&text, usize::from(columns.width))).block(Block::bordered()),
            columns,
        );
        return;
    };
    let families: Vec<String> = tree
        .iter()
        .map(|f| state.catalog.families[f.family].name.clone())
        .collect();
    list(
        frame,
        fam_area,
        state,
        &families,
        cursor.family,
        hits,
        Rows::Families,
    );
    let node = &tree[cursor.family];
    let services: Vec<String> = node
        .services
        .iter()
        .map(|s| {
            state.catalog.families[node.family].services[s.service]
                .name
                .clone()
        })
        .collect();
    list(
        frame,
        svc_area,
        state,
        &services,
        cursor.service,
        hits,
        Rows::Services,
    );
    tiers(frame, tier_area, state, &tree, cursor, hits);
    detail(frame, details, state, cursor);
}

fn list(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    names: &[String],
    selected: usize,
    hits: &mut Hits,
    which: Rows,
) {
    let theme = Theme::of(state);
    let (title, column) = match which {
        Rows::Families => ("Families", Column::Families),
        _ => ("Services", Column::Services),
    };
    let focused = state.browse.column == column;
    let width = usize::from(area.width.saturating_sub(4));
    let items: Vec<ListItem> = names
        .iter()
        .map(|n| ListItem::new(fit_middle(n, width)))
        .collect();
    let list = List::new(items)
        .block(
            Block::bordered()
                .title(format!(" {title} "))
                .border_style(theme.border(focused)),
        )
        .highlight_symbol(if focused { "> " } else { "› " })
        .highlight_spacing(HighlightSpacing::Always)
        .highlight_style(if focused {
            theme.selected()
        } else {
            theme.selected_unfocused()
        });
    let mut list_state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, area, &mut list_state);
    hits.rows(area, 0, list_state.offset(), names.len(), which);
}

fn tiers(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    tree: &[FamilyNode],
    cursor: Cursor,
    hits: &mut Hits,
) {
    let theme = Theme::of(state);
    let focused = state.browse.column == Column::Tiers;
    let region = state.cart.region;
    let service = &state.catalog.families[cursor.at.family].services[cursor.at.service];
    let shown = &tree[cursor.family].services[cursor.service].tiers;
    // Columns as wide as their widest entry, so the tier name keeps the rest.
    let widest = |f: &dyn Fn(&crate::catalog::Tier) -> String, min: usize| {
        shown
            .iter()
            .map(|&t| f(&service.tiers[t]).chars().count())
            .max()
            .unwrap_or(0)
            .max(min) as u16
    };
    let constraints = [
        Constraint::Fill(1),
        Constraint::Length(widest(&|t| t.unit.to_string(), 4)),
        Constraint::Length(widest(&|t| format_usd(t.price.get(region)), 5)),
        Constraint::Length(widest(&|t| format_usd(t.price.get(region.other())), 3)),
    ];
    let widths = column_widths(area.width.saturating_sub(4), &constraints, 1);
    let rows: Vec<Row> = shown
        .iter()
        .map(|&t| {
            let tier = &service.tiers[t];
            let in_cart = state.cart.quantity_of(&tier.sku);
            let name = if in_cart > 0 {
                format!("{} ({in_cart})", tier.tier)
            } else {
                tier.tier.clone()
            };
            Row::new(vec![
                Line::from(fit(&name, usize::from(widths[0]))),
                Line::from(tier.unit.to_string()),
                Line::from(format_usd(tier.price.get(region))).alignment(Alignment::Right),
                Line::styled(format_usd(tier.price.get(region.other())), theme.dim())
                    .alignment(Alignment::Right),
            ])
        })
        .collect();
    let header = Row::new(vec![
        Line::from("Tier"),
        Line::from("Unit"),
        Line::from(format!("{region} ▸")).alignment(Alignment::Right),
        Line::from(region.other().to_string()).alignment(Alignment::Right),
    ])
    .style(theme.bold());
    let table = Table::new(rows, widths.iter().map(|w| Constraint::Length(*w)))
        .header(header)
        .block(
            Block::bordered()
                .title(" Tiers ")
                .border_style(theme.border(focused)),
        )
        .highlight_symbol(if focused { "> " } else { "› " })
        .highlight_spacing(HighlightSpacing::Always)
        .row_highlight_style(if focused {
            theme.selected()
        } else {
            theme.selected_unfocused()
        });
    let mut table_state = TableState::default().with_selected(Some(cursor.tier));
    frame.render_stateful_widget(table, area, &mut table_state);
    hits.rows(area, 1, table_state.offset(), shown.len(), Rows::Tiers);
}

fn detail(frame: &mut Frame, area: Rect, state: &State, cursor: Cursor) {
    let theme = Theme::of(state);
    let catalog = &state.catalog;
    let entry = catalog.entry(cursor.at);
    let tier = entry.tier;
    let region = state.cart.region;
    // Both from the price list: its description of a set, or the tier's own billing
    // mode ("One-off payment based on the number of models purchased").
    let unit_note = match tier.unit {
        Unit::Set => format!("A set: {}", catalog.set_explanation),
        unit => format!("{unit}: {}", tier.billing_mode),
    };
    let in_cart = state.cart.quantity_of(&tier.sku);
    let lines = vec![
        Line::styled(tier.name.clone(), theme.bold()),
        Line::from(vec![
            Span::styled("SKU ", theme.dim()),
            Span::raw(tier.sku.clone()),
            Span::styled("  Unit ", theme.dim()),
            Span::raw(tier.unit.to_string()),
            Span::styled("  Billing ", theme.dim()),
            Span::raw(tier.billing_mode.clone()),
        ]),
        Line::from(vec![
            Span::styled(format!("{region} "), theme.accent()),
            Span::styled(format_usd(tier.price.get(region)), theme.bold()),
            Span::styled(
                format!(
                    "  ({})   {} {}",
                    catalog.region_info(region).coverage,
                    region.other(),
                    format_usd(tier.price.get(region.other()))
                ),
                theme.dim(),
            ),
            Span::raw(if in_cart > 0 {
                format!("   in cart: {in_cart}")
            } else {
                String::new()
            }),
        ]),
        Line::from(unit_note),
    ];
    let block = Block::bordered()
        .title(format!(
            " {} ",
            fit(
                &entry.service.name,
                usize::from(area.width.saturating_sub(6))
            )
        ))
        .border_style(theme.dim())
        .title_bottom(Line::styled(
            " Enter/a add · r region · / filter · ? help ",
            theme.dim(),
        ));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}
