//! The Catalog screen: families → services → tiers, and the highlighted tier's details.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, HighlightSpacing, List, ListItem, ListState, Paragraph, Row, Table, TableState, Wrap,
};

use crate::domain::catalog::{Region, Unit};
use crate::domain::money::format_usd;

use super::super::hits::{Hits, Rows};
use super::super::model::catalog::{self, Column, Cursor, FamilyNode};
use super::super::state::{InputTarget, State};
use super::columns::{self, Col};
use super::field::with_cursor;
use super::text::{distinct_among, fit};
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State, hits: &mut Hits) {
    let tree = catalog::tree(&state.setup.catalog, &state.browse.filter);
    let typing = state.input == Some(InputTarget::CatalogFilter);
    let filter_rows = u16::from(typing || !state.browse.filter.is_empty());
    // On a short terminal the details give rows to the lists.
    let details_rows = if area.height < 18 { 6 } else { 8 };
    let [filter, columns, details] = area.layout(&Layout::vertical([
        Constraint::Length(filter_rows),
        Constraint::Fill(1),
        Constraint::Length(details_rows),
    ]));
    if filter_rows > 0 {
        frame.render_widget(
            Paragraph::new(filter_line(state, filter.width, typing)),
            filter,
        );
    }
    let Some(cursor) = state.browse.cursor(&tree) else {
        // The filter looks across every list: say where else it finds tiers.
        let elsewhere: Vec<String> = state
            .setup
            .lists
            .iter()
            .filter(|l| l.list.id != state.setup.catalog.list.id)
            .filter_map(|l| {
                let n: usize = catalog::tree(l, &state.browse.filter)
                    .iter()
                    .flat_map(|f| &f.services)
                    .map(|s| s.tiers.len())
                    .sum();
                (n > 0).then(|| format!("{} in {}", n, l.title))
            })
            .collect();
        let text = if elsewhere.is_empty() {
            format!(
                "Nothing matches \"{}\": Esc clears the filter",
                state.browse.filter
            )
        } else {
            format!(
                "Nothing matches \"{}\" here; {}: L switches lists, Esc clears the filter",
                state.browse.filter,
                elsewhere.join(", ")
            )
        };
        frame.render_widget(
            Paragraph::new(fit(&text, usize::from(columns.width))).block(Block::bordered()),
            columns,
        );
        return;
    };
    let column = state.browse.column;
    let node = &tree[cursor.family];
    let tier_table = tier_table(state, &tree, cursor);
    let with_lists = state.setup.lists.len() > 1;
    let (list_area, fam_area, svc_area, tier_area) =
        split_columns(columns, column, tier_table.width, with_lists);
    if let Some(area) = list_area {
        // The price lists, the one shown selected: each list's date and tier count are in
        // the families' title and `L`'s popup.
        let titles: Vec<&str> = state.setup.lists.iter().map(|l| l.title.as_str()).collect();
        let at = state
            .setup
            .lists
            .iter()
            .position(|l| l.list.id == state.setup.catalog.list.id)
            .unwrap_or(0);
        list(frame, area, state, &titles, at, hits, Rows::Lists);
    }
    if let Some(area) = fam_area {
        let families: Vec<&str> = tree
            .iter()
            .map(|f| state.setup.catalog.families[f.family].name.as_str())
            .collect();
        list(
            frame,
            area,
            state,
            &families,
            cursor.family,
            hits,
            Rows::Families,
        );
    }
    if let Some(area) = svc_area {
        let services: Vec<&str> = node
            .services
            .iter()
            .map(|s| {
                state.setup.catalog.families[node.family].services[s.service]
                    .name
                    .as_str()
            })
            .collect();
        list(
            frame,
            area,
            state,
            &services,
            cursor.service,
            hits,
            Rows::Services,
        );
    }
    if let Some(area) = tier_area {
        tiers(frame, area, state, &tree, cursor, hits);
    }
    detail(frame, details, state, cursor);
}

/// The filter's line: what is typed (with its cursor while typing) and how to leave it.
fn filter_line(state: &State, width: u16, typing: bool) -> Line<'static> {
    let theme = Theme::of(state);
    let text = if typing {
        let room = usize::from(width).saturating_sub(9 + 28).max(8);
        with_cursor(&state.line, room)
    } else {
        fit(
            &state.browse.filter,
            usize::from(width).saturating_sub(9 + 25),
        )
    };
    Line::from(vec![
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
    ])
}

/// Where the family, service and tier lists go: all three when they fit, else the two
/// around the cursor.
type Areas = (Option<Rect>, Option<Rect>, Option<Rect>, Option<Rect>);

/// Where the lists (with more than one), family, service and tier columns go: all when
/// they fit, else the two around the cursor.
fn split_columns(columns: Rect, column: Column, want: u16, lists: bool) -> Areas {
    // Lists narrower than this read as nonsense: a narrow terminal shows the columns
    // around the cursor, as a file manager's Miller columns do.
    const LIST: u16 = 18;
    let near_lists = lists && matches!(column, Column::Lists | Column::Families);
    if lists && columns.width >= want + 3 * LIST {
        let [l, f, s, t] = columns.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Length(want),
        ]));
        (Some(l), Some(f), Some(s), Some(t))
    } else if near_lists && columns.width >= 3 * LIST {
        let [l, f, s] = columns.layout(&Layout::horizontal([Constraint::Fill(1); 3]));
        (Some(l), Some(f), Some(s), None)
    } else if column == Column::Lists {
        let [l, f] = columns.layout(&Layout::horizontal([Constraint::Fill(1); 2]));
        (Some(l), Some(f), None, None)
    } else if columns.width >= want + 2 * LIST {
        let [f, s, t] = columns.layout(&Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Length(want),
        ]));
        (None, Some(f), Some(s), Some(t))
    } else if column == Column::Families {
        let [f, s] = columns.layout(&Layout::horizontal([Constraint::Fill(1); 2]));
        (None, Some(f), Some(s), None)
    } else {
        let [s, t] = columns.layout(&Layout::horizontal([
            Constraint::Min(LIST),
            Constraint::Length(want.min(columns.width.saturating_sub(LIST))),
        ]));
        (None, None, Some(s), Some(t))
    }
}

fn list(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    names: &[&str],
    selected: usize,
    hits: &mut Hits,
    which: Rows,
) {
    let theme = Theme::of(state);
    let (title, column) = match which {
        Rows::Lists => ("Lists".to_string(), Column::Lists),
        // With lists to choose from, the families' column says whose they are.
        Rows::Families if state.setup.lists.len() > 1 => (
            format!(
                "{} · {}",
                state.setup.catalog.title, state.setup.catalog.updated
            ),
            Column::Families,
        ),
        Rows::Families => ("Families".to_string(), Column::Families),
        _ => ("Services".to_string(), Column::Services),
    };
    let title = fit(&title, usize::from(area.width.saturating_sub(4)));
    let focused = state.browse.column == column;
    let width = usize::from(area.width.saturating_sub(4));
    let items: Vec<ListItem> = distinct_among(names, &catalog_names(state), width)
        .into_iter()
        .map(ListItem::new)
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

/// The tiers table's cells and columns, before they are laid out.
struct TierTable {
    /// The list's regions in its order: a price column each.
    regions: Vec<Region>,
    /// Per row: name, unit, then the price in each region.
    rows: Vec<Vec<String>>,
    header: Vec<String>,
    cols: Vec<Col>,
    /// The width that shows every column whole.
    width: u16,
}

/// Borders and the highlight symbol around a table's cells.
const TABLE_FRAME: u16 = 4;

fn tier_table(state: &State, tree: &[FamilyNode], cursor: Cursor) -> TierTable {
    let region = state.cart_tab.cart.region;
    let catalog = &state.setup.catalog;
    let regions: Vec<Region> = catalog.regions().collect();
    let service = &catalog.families[cursor.at.family].services[cursor.at.service];
    let shown = &tree[cursor.family].services[cursor.service].tiers;
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|&t| {
            let tier = &service.tiers[t];
            let in_cart = state.cart_tab.cart.quantity_of(&tier.sku);
            // A tier whose price changed since the list's version before is marked first,
            // so a narrow column cuts its name, never the mark.
            let mark = if catalog
                .list
                .changed
                .as_ref()
                .is_some_and(|(_, c)| c.contains_key(&tier.sku))
            {
                "* "
            } else {
                ""
            };
            let name = if in_cart > 0 {
                format!("{mark}{} ({in_cart})", tier.tier)
            } else {
                format!("{mark}{}", tier.tier)
            };
            let mut row = vec![name, tier.unit.to_string()];
            // A price the list does not give is an empty cell, never $0.00.
            row.extend(
                regions
                    .iter()
                    .map(|r| tier.price.get(*r).map(format_usd).unwrap_or_default()),
            );
            row
        })
        .collect();
    // The list's regions in its order always; the cart's region is marked, never moved.
    let mark = |r: Region| {
        if r == region {
            format!("▸{r}")
        } else {
            r.to_string()
        }
    };
    let mut header = vec!["Tier".to_string(), "Unit".to_string()];
    header.extend(regions.iter().map(|r| mark(*r)));
    let cells = |i: usize| {
        rows.iter()
            .map(move |r| r[i].clone())
            .chain(std::iter::once(header[i].clone()))
    };
    let price_rank = |r: Region| if r == region { 1 } else { 2 };
    let mut cols = vec![Col::text(cells(0), 8), Col::exact(cells(1)).drop_rank(3)];
    cols.extend(
        regions
            .iter()
            .enumerate()
            .map(|(k, r)| Col::money(cells(2 + k)).drop_rank(price_rank(*r))),
    );
    let width = TABLE_FRAME + cols.iter().map(|c| columns::want(*c) + 1).sum::<u16>() - 1;
    TierTable {
        regions,
        rows,
        header,
        cols,
        width,
    }
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
    let region = state.cart_tab.cart.region;
    let table = tier_table(state, tree, cursor);
    let widths = columns::layout(area.width.saturating_sub(TABLE_FRAME), 1, &table.cols);
    let price_style = |r: Region| {
        if r == region {
            Style::new()
        } else {
            theme.dim()
        }
    };
    let line = |k: usize, text: String| -> Line<'static> {
        match k {
            0 => Line::from(fit(&text, usize::from(widths.of(0)))),
            1 => Line::from(text),
            _ => Line::styled(text, price_style(table.regions[k - 2])).alignment(Alignment::Right),
        }
    };
    let row_count = table.rows.len();
    let rows: Vec<Row> = table
        .rows
        .iter()
        .map(|cells| {
            Row::new(
                widths.keep(
                    cells
                        .iter()
                        .enumerate()
                        .map(|(k, c)| line(k, c.clone()))
                        .collect(),
                ),
            )
        })
        .collect();
    let header = Row::new(
        widths.keep(
            table
                .header
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    if k == 0 {
                        Line::from(c.clone())
                    } else {
                        line(k, c.clone())
                    }
                })
                .collect(),
        ),
    )
    .style(theme.bold());
    let title = if widths.money_hidden(&table.cols) {
        " Tiers · widen for prices "
    } else {
        " Tiers "
    };
    let table = Table::new(rows, widths.constraints())
        .header(header)
        .block(
            Block::bordered()
                .title(fit(title, usize::from(area.width.saturating_sub(2))))
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
    hits.rows(area, 1, table_state.offset(), row_count, Rows::Tiers);
}

fn detail(frame: &mut Frame, area: Rect, state: &State, cursor: Cursor) {
    let theme = Theme::of(state);
    let catalog = &state.setup.catalog;
    let entry = catalog.entry(cursor.at);
    let tier = entry.tier;
    let region = state.cart_tab.cart.region;
    // Both from the price list: its description of a set, or the tier's own billing
    // mode ("One-off payment based on the number of models purchased").
    let unit_note = match &tier.unit {
        Unit::Set if !catalog.set_explanation.is_empty() => {
            format!("A set: {}", catalog.set_explanation)
        }
        unit => format!("{unit}: {}", tier.billing_mode),
    };
    let in_cart = state.cart_tab.cart.quantity_of(&tier.sku);
    // The list's regions in its order; the cart's one is marked and bold.
    let price = |r: Region| {
        let text = format!(
            "{}{r} {}",
            if r == region { "▸" } else { "" },
            tier.price.get(r).map(format_usd).unwrap_or_default()
        );
        Span::styled(
            text,
            if r == region {
                theme.bold()
            } else {
                theme.dim()
            },
        )
    };
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
        Line::from({
            let mut spans = Vec::new();
            for r in catalog.regions() {
                if !spans.is_empty() {
                    spans.push(Span::raw("   "));
                }
                spans.push(price(r));
            }
            spans.push(Span::styled(
                format!(
                    "   ({region}: {})",
                    catalog
                        .region_info(region)
                        .map(|i| i.coverage.as_str())
                        .unwrap_or_default()
                ),
                theme.dim(),
            ));
            spans.push(Span::raw(if in_cart > 0 {
                format!("   in cart: {in_cart}")
            } else {
                String::new()
            }));
            spans
        }),
        Line::from(unit_note),
    ];
    let mut lines = lines;
    if let Some((since, changed)) = &catalog.list.changed
        && let Some(what) = changed.get(&tier.sku)
    {
        lines.push(Line::styled(
            format!("* Changed since the version of {since}: {what}"),
            theme.accent(),
        ));
    }
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
            if state.setup.lists.len() > 1 {
                " Enter/a add · r region · / filter · L lists · ? help "
            } else {
                " Enter/a add · r region · / filter · ? help "
            },
            theme.dim(),
        ));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

/// Every family and service name of the price list: the context in which a name's shared
/// beginning may give way.
pub fn catalog_names(state: &State) -> Vec<&str> {
    state
        .setup
        .catalog
        .families
        .iter()
        .flat_map(|f| {
            std::iter::once(f.name.as_str()).chain(f.services.iter().map(|s| s.name.as_str()))
        })
        .collect()
}
