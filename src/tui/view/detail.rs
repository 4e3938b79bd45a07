//! An order's detail: what was sold, when, its history, and what can happen next as the
//! rules see it today (allowed, or blocked with the guard's reason).

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, Wrap};

use crate::domain::money::format_usd;
use crate::domain::order::Order;
use crate::domain::rules::{Transition, next_steps};

use super::super::state::{Detail, OrderFile, State};
use super::catalog::catalog_names;
use super::columns::{self, Col};
use super::text::{distinct_among, fit, width_of, wrap};
use super::theme::Theme;

/// The key that asks for each transition.
fn key_of(t: Transition) -> &'static str {
    match t {
        Transition::StartDelivery => "s",
        Transition::MarkDelivered => "d",
        Transition::Refund => "R",
    }
}

pub fn render(frame: &mut Frame, area: Rect, state: &State, open: &Detail, today: Date) {
    match &open.file {
        OrderFile::Read(order) => whole(frame, area, state, order, today),
        OrderFile::Reading => not_read(
            frame,
            area,
            state,
            &open.id,
            vec![Line::from("Reading the order's file…")],
        ),
        OrderFile::Unreadable(why) => {
            let theme = Theme::of(state);
            let lines = vec![
                Line::styled("This order's file could not be read:", theme.bad()),
                Line::from(""),
                Line::from(why.as_str()),
                Line::from(""),
                Line::styled(
                    "Nothing can be changed in it until the file is fixed; Ctrl-R reloads the folder.",
                    theme.dim(),
                ),
            ];
            not_read(frame, area, state, &open.id, lines);
        }
    }
}

/// The detail's frame around a message, while the file is read or when it cannot be.
fn not_read(frame: &mut Frame, area: Rect, state: &State, id: &str, lines: Vec<Line>) {
    let theme = Theme::of(state);
    let block = Block::bordered()
        .title(id_title(id, area.width))
        .border_style(theme.accent())
        .title_bottom(Line::styled(" Esc back ", theme.dim()));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

/// " Order <id> " for a block `width` wide, or the id alone when that is too long: the id
/// is never shortened (a border would cut it).
pub(super) fn id_title(id: &str, width: u16) -> String {
    let room = usize::from(width.saturating_sub(2));
    let full = if id.starts_with(crate::domain::quote::ID_PREFIX) {
        format!(" Quote {} ", crate::domain::text::clean(id))
    } else {
        format!(" Order {} ", crate::domain::text::clean(id))
    };
    if super::text::width_of(&full) <= room {
        full
    } else {
        fit(&format!(" {} ", crate::domain::text::clean(id)), room)
    }
}

/// The whole order: summary, lines, history and what can happen next.
fn whole(frame: &mut Frame, area: Rect, state: &State, order: &Order, today: Date) {
    // The lines table gets the room to show every amount whole where the terminal has it;
    // "what can happen next" wraps into what is left.
    let table = LineTable::of(order);
    let left_width = (area.width * 3 / 5)
        .max(table.width.min(area.width.saturating_sub(NEXT_MIN)))
        .max(table.full_width.min(area.width.saturating_sub(NEXT_WIDE)))
        .min(area.width);
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Length(left_width),
        Constraint::Fill(1),
    ]));
    let [info, lines, history] = left.layout(&Layout::vertical([
        Constraint::Length(summary_height(order)),
        Constraint::Length((order.lines.len() as u16).saturating_add(4).min(12)),
        Constraint::Fill(1),
    ]));
    summary(frame, info, state, order, today);
    line_table(frame, lines, state, &table);
    history_list(frame, history, state, order);
    next_panel(frame, right, state, order, today);
}

/// Rows of the summary box: the borders, four fixed lines, the region lines and the
/// note, repurchase and quote lines the order has (at least one spare row, as before).
fn summary_height(order: &Order) -> u16 {
    let extra = [
        order.note.is_some(),
        order.repurchase_of.is_some(),
        order.quote.is_some(),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    // The two changes of a decision each take a line under the status.
    let decide = if crate::domain::decision::options(order).is_some() {
        2
    } else {
        0
    };
    let lines = region_lines(order).len() + extra;
    (7 + region_lines(order).len()).max(6 + lines) as u16 + decide
}

pub(super) fn when(state: &State, at: Timestamp) -> String {
    state
        .setup
        .tz
        .to_datetime(at)
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

fn summary(frame: &mut Frame, area: Rect, state: &State, order: &Order, today: Date) {
    let theme = Theme::of(state);
    let status = order.effective_status(today);
    let width = usize::from(area.width.saturating_sub(4));
    let label = |s: &str| Span::styled(format!("{s:<12}"), theme.dim());
    let mut lines = vec![
        Line::from(vec![
            label("Status"),
            Span::styled(status.label(), theme.status(status).patch(theme.bold())),
        ]),
        Line::from(vec![
            label("Customer"),
            Span::raw(fit(&order.customer, width.saturating_sub(12))),
        ]),
        Line::from(vec![
            label("Rep"),
            Span::raw(fit(&order.rep, 20)),
            Span::styled("  region ", theme.dim()),
            Span::raw(order.region.to_string()),
            // An imported list by its id; the built-in list by its date alone.
            Span::styled(
                match &order.list {
                    Some(l) => format!("  price list {} of ", fit(&l.id, 24)),
                    None => "  price list of ".to_string(),
                },
                theme.dim(),
            ),
            Span::raw(order.catalog_date.to_string()),
        ]),
        Line::from(vec![
            label("Placed"),
            Span::raw(when(state, order.created_at)),
            Span::styled("  valid until ", theme.dim()),
            Span::raw(
                order
                    .valid_until
                    .map_or("no end date".into(), |d| d.to_string()),
            ),
        ]),
    ];
    // Two desks' changes clash: said right under the status, with the key that settles it.
    if let Some([first, second]) = crate::domain::decision::options(order) {
        let who = |c: Option<&crate::domain::order::StatusChange>| {
            c.map_or("placing it".to_string(), |c| {
                format!("{} by {}", c.to.label(), crate::domain::text::clean(&c.by))
            })
        };
        // Each change on a line of its own, so both show whole at 80 columns.
        let warn = theme.warning().patch(theme.bold());
        let room = width.saturating_sub(12);
        lines.insert(
            1,
            Line::from(vec![
                label("DECIDE (K)"),
                Span::styled(fit(&format!("1 {}", who(first)), room), warn),
            ]),
        );
        lines.insert(
            2,
            Line::from(vec![
                label(""),
                Span::styled(fit(&format!("2 {}", who(second)), room), warn),
            ]),
        );
    }
    // The customer's country and how the region was chosen, when the order records them.
    for (name, text) in region_lines(order) {
        lines.push(Line::from(vec![
            label(name),
            Span::raw(fit(&text, width.saturating_sub(12))),
        ]));
    }
    if let Some(reference) = &order.reference {
        lines.push(Line::from(vec![
            label("Reference"),
            Span::raw(fit(reference, width.saturating_sub(12))),
        ]));
    }
    if let Some(note) = &order.note {
        lines.push(Line::from(vec![
            label("Note"),
            Span::raw(fit(note, width.saturating_sub(12))),
        ]));
    }
    // The desk's own note, marked so nobody reads it out to the customer.
    if let Some(note) = &order.internal_note {
        lines.push(Line::from(vec![
            label("Internal"),
            Span::styled(fit(note, width.saturating_sub(12)), theme.warning()),
        ]));
    }
    if let Some(old) = &order.repurchase_of {
        lines.push(Line::from(vec![
            label("Repurchase"),
            Span::raw(format!("of {old}")),
        ]));
    }
    if let Some(quote) = &order.quote {
        lines.push(Line::from(vec![
            label("From quote"),
            Span::raw(crate::domain::text::clean(quote).into_owned()),
        ]));
    }
    // A line too long is clipped by the border: cut it here, where an id or a date goes
    // whole or not at all.
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|line| fit_line(line, width + 2))
        .collect();
    let block = Block::bordered()
        .title(id_title(&order.id, area.width))
        .border_style(theme.accent())
        .title_bottom(Line::styled(" Esc back ", theme.dim()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The customer's country and how the region was chosen, as labelled lines: "Country
/// Brazil (BR) · OC2, named in the price list", and for a region the rep
/// picked, the rep's reason on a line of its own so it shows as far as the width allows.
/// Empty for an order that records neither.
pub(super) fn region_lines(order: &Order) -> Vec<(&'static str, String)> {
    use crate::domain::region::RegionChoice;
    let answer = order
        .country
        .as_deref()
        .and_then(|c| crate::domain::region::find(c).ok());
    let country = answer
        .as_ref()
        .map(|a| format!("{} ({})", a.country, a.code));
    // The Rep line already shows the region: say how it was chosen, in few words, so
    // the country's name stays whole at 80 columns.
    let how = match &order.region_choice {
        Some(RegionChoice::Derived { basis }) => {
            Some(format!("{}, {}", order.region, basis.label()))
        }
        // The built-in list's answer says what the country would pay; an imported list's
        // own answer is not at hand here, so its order says only who picked.
        Some(RegionChoice::Chosen { .. }) if order.list.is_some() => {
            Some("picked by the rep".to_string())
        }
        Some(RegionChoice::Chosen { .. }) => Some(match answer.as_ref().map(|a| a.region) {
            Some(None) => "not covered, picked by the rep".to_string(),
            Some(Some(suggested)) => format!("pays {suggested}, picked by the rep"),
            None => "picked by the rep".to_string(),
        }),
        None => None,
    };
    let mut lines = Vec::new();
    match (country, how) {
        (Some(country), Some(how)) => lines.push(("Country", format!("{country} · {how}"))),
        (Some(one), None) => lines.push(("Country", one)),
        (None, Some(how)) => lines.push(("Region", how)),
        (None, None) => {}
    }
    if let Some(RegionChoice::Chosen { reason }) = &order.region_choice {
        lines.push(("Reason", reason.clone()));
    }
    lines
}

/// The narrowest "what can happen next" panel worth showing beside the lines.
pub(super) const NEXT_MIN: u16 = 22;
/// The width that panel keeps when the lines' names grow into the rest.
pub(super) const NEXT_WIDE: u16 = 40;

/// The order's lines as cells, and the columns they need.
pub(super) struct LineTable {
    /// Per line: service, tier, quantity, unit price, line total.
    rows: Vec<[String; 5]>,
    total: String,
    cols: [Col; 5],
    /// The width that shows every amount whole (borders included).
    pub(super) width: u16,
    /// The width that shows every cell whole.
    pub(super) full_width: u16,
}

const LINE_HEADER: [&str; 5] = ["Service", "Tier", "Qty", "Unit price", "Line total"];

impl LineTable {
    pub(super) fn of(order: &Order) -> LineTable {
        let rows: Vec<[String; 5]> = order
            .lines
            .iter()
            .map(|l| {
                [
                    l.service.clone(),
                    l.tier.clone(),
                    l.quantity.to_string(),
                    format_usd(l.unit_price),
                    format_usd(l.line_total),
                ]
            })
            .collect();
        let total = format_usd(order.total);
        let cells = |i: usize| {
            rows.iter()
                .map(move |r| r[i].clone())
                .chain([LINE_HEADER[i].to_string()])
        };
        let cols = [
            Col::text(cells(0), 10),
            Col::text(cells(1), 6),
            Col::exact(cells(2)),
            Col::money(cells(3).chain(["Total".to_string()])).drop_rank(2),
            Col::money(cells(4).chain([total.clone()])),
        ];
        // Borders, the names at their narrowest, the numbers whole.
        let width = 2 + 10 + 1 + 6 + cols[2..].iter().map(|c| columns::want(*c) + 1).sum::<u16>();
        let full_width = 1 + cols.iter().map(|c| columns::want(*c) + 1).sum::<u16>();
        LineTable {
            rows,
            total,
            cols,
            width,
            full_width,
        }
    }
}

pub(super) fn line_table(frame: &mut Frame, area: Rect, state: &State, table: &LineTable) {
    let theme = Theme::of(state);
    let widths = columns::layout(area.width.saturating_sub(2), 1, &table.cols);
    let right = |s: String| Line::from(s).alignment(Alignment::Right);
    let services: Vec<&str> = table.rows.iter().map(|r| r[0].as_str()).collect();
    let services = distinct_among(&services, &catalog_names(state), usize::from(widths.of(0)));
    let rows = table.rows.iter().zip(services).map(|(r, service)| {
        Row::new(widths.keep(vec![
            Line::from(service),
            Line::from(fit(&r[1], usize::from(widths.of(1)))),
            right(r[2].clone()),
            right(r[3].clone()),
            right(r[4].clone()),
        ]))
    });
    // "Total" stands under the unit prices, or in the last name column shown without them.
    let label_at = [3, 1, 0].into_iter().find(|i| widths.shown(*i));
    let footer = Row::new(
        widths.keep(
            (0..5)
                .map(|i| match i {
                    4 => right(table.total.clone()),
                    i if Some(i) == label_at => right("Total".into()),
                    _ => Line::from(""),
                })
                .collect(),
        ),
    )
    .style(theme.bold());
    let mut title = " Lines ".to_string();
    // Borders, header and footer take four rows; say when lines do not all show.
    let rows_shown = usize::from(area.height.saturating_sub(4));
    if rows_shown < table.rows.len() {
        title = format!(" Lines · {rows_shown} of {} shown ", table.rows.len());
    }
    if widths.money_hidden(&table.cols) {
        title.push_str("· widen for unit prices ");
    }
    let header = Row::new(widths.keep(vec![
        Line::from(LINE_HEADER[0]),
        Line::from(LINE_HEADER[1]),
        right(LINE_HEADER[2].into()),
        right(LINE_HEADER[3].into()),
        right(LINE_HEADER[4].into()),
    ]))
    .style(theme.bold());
    let table = Table::new(rows, widths.constraints())
        .header(header)
        .footer(footer)
        .block(
            Block::bordered()
                .title(fit(&title, usize::from(area.width.saturating_sub(2))))
                .border_style(theme.dim()),
        );
    frame.render_widget(table, area);
}

/// `line` cut to `width` columns as [`fit`] cuts text, keeping each span's style.
pub(super) fn fit_line(line: Line<'_>, width: usize) -> Line<'_> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    if super::text::width_of(&text) <= width {
        return line;
    }
    let cut = fit(&text, width);
    let mut left = cut.trim_end_matches('…').trim_end().chars().count();
    let mut spans = Vec::new();
    for span in line.spans {
        if left == 0 {
            break;
        }
        let n = span.content.chars().count().min(left);
        left -= n;
        spans.push(Span::styled(
            span.content.chars().take(n).collect::<String>(),
            span.style,
        ));
    }
    spans.push(Span::raw(if cut.ends_with(" …") {
        " …"
    } else {
        "…"
    }));
    Line::from(spans)
}

/// A change and its reason: on one line when both fit, else each wrapped whole, the
/// reason under the change, indented (a "VOIDED" at a line's end is never cut off).
fn with_note(change: &str, note: Option<&str>, width: usize) -> Vec<String> {
    let mut lines = on_lines(change, width);
    let Some(note) = note.map(crate::domain::text::clean) else {
        return lines;
    };
    let one = format!("{change} · {note}");
    if width_of(&one) <= width {
        return vec![one];
    }
    lines.extend(
        wrap(&note, width.saturating_sub(2))
            .into_iter()
            .map(|l| format!("  {l}")),
    );
    lines
}

/// `text` on one line when it fits, else wrapped at spaces, the lines after the first
/// indented.
fn on_lines(text: &str, width: usize) -> Vec<String> {
    if width_of(text) <= width {
        return vec![text.to_string()];
    }
    let mut lines = wrap(text, width);
    if lines.len() > 1 {
        let rest = wrap(&lines[1..].join(" "), width.saturating_sub(2));
        lines.truncate(1);
        lines.extend(rest.into_iter().map(|l| format!("  {l}")));
    }
    lines
}

fn history_list(frame: &mut Frame, area: Rect, state: &State, order: &Order) {
    let theme = Theme::of(state);
    let width = usize::from(area.width.saturating_sub(2));
    let change = |c: &crate::domain::order::StatusChange| {
        let from = c
            .from
            .map_or("placed".to_string(), |s| s.label().to_string());
        format!(
            "{}  {from} → {}  by {}",
            when(state, c.at),
            c.to.label(),
            crate::domain::text::clean(&c.by)
        )
    };
    // Newest first: the latest change matters most and must not scroll away. Changes a
    // decision set aside stay in the list, marked, with who voided them and why: the
    // history only grows.
    let mut entries: Vec<(jiff::Timestamp, Vec<Line>)> = order
        .history
        .iter()
        .rev()
        .map(|c| {
            let lines = with_note(&change(c), c.note.as_deref(), width)
                .into_iter()
                .map(Line::from)
                .collect();
            (c.at, lines)
        })
        .collect();
    entries.extend(order.voided.iter().map(|v| {
        // The voided change keeps its own reason (a refund's "customer cancelled"), then
        // who voided it and why, each whole, wrapped.
        let mut lines = with_note(
            &format!("{}  VOIDED", change(&v.change)),
            v.change.note.as_deref(),
            width,
        );
        let why = format!(
            "voided by {} {}: {}",
            crate::domain::text::clean(&v.by),
            when(state, v.at),
            crate::domain::text::clean(&v.why)
        );
        lines.extend(
            wrap(&why, width.saturating_sub(2))
                .into_iter()
                .map(|l| format!("  {l}")),
        );
        (
            v.change.at,
            lines
                .into_iter()
                .map(|l| Line::styled(l, theme.dim()))
                .collect(),
        )
    }));
    entries.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    let lines: Vec<Line> = entries.into_iter().flat_map(|(_, lines)| lines).collect();
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(" History ")
                .border_style(theme.dim()),
        ),
        area,
    );
}

fn next_panel(frame: &mut Frame, area: Rect, state: &State, order: &Order, today: Date) {
    let theme = Theme::of(state);
    // Inside the borders, less the indent that keeps a reason under its action.
    let width = usize::from(area.width.saturating_sub(4)).max(1);
    let mut lines = Vec::new();
    for (t, result) in next_steps(order, today) {
        match result {
            Ok(to) => {
                lines.push(Line::from(vec![
                    Span::styled("✓ ", theme.good()),
                    Span::styled(format!("{} ", key_of(t)), theme.selected()),
                    Span::styled(format!(" {}", t.label()), theme.good()),
                    Span::raw(format!(" → {}", to.label())),
                ]));
            }
            Err(refusal) => {
                lines.push(Line::from(vec![
                    Span::styled("✗ ", theme.bad()),
                    Span::styled(format!("{} ", key_of(t)), theme.dim()),
                    Span::styled(format!(" {}: blocked", t.label()), theme.bad()),
                ]));
                for part in wrap(&refusal.reason, width) {
                    lines.push(Line::styled(format!("  {part}"), theme.dim()));
                }
            }
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::from(vec![
        Span::styled("✓ ", theme.good()),
        Span::styled("p ", theme.selected()),
        Span::styled(" Repurchase", theme.good()),
        Span::raw(": always allowed"),
    ]));
    for part in wrap("copies the lines into the cart at today's prices", width) {
        lines.push(Line::styled(format!("  {part}"), theme.dim()));
    }
    let block = Block::bordered()
        .title(fit(
            " What can happen next ",
            usize::from(area.width.saturating_sub(2)),
        ))
        .border_style(theme.accent());
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
