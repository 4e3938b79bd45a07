//! Popups over a screen: help, the y/n confirmation of a status change, and notices
//! (a refusal with the guard's reason, a conflict with another desk).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::super::help::{self, HelpLine, Room};
use super::super::state::{
    DecideChoice, Exported, Level, PendingChange, Popup, QuoteAsk, QuoteStep, State, Subject,
};
use super::field::with_cursor;
use super::text::{fit, width_of};
use super::theme::Theme;
use crate::domain::cart::MAX_QUANTITY;
use crate::domain::money::format_usd;
use crate::domain::rules::Transition;
use crate::domain::text::clean;

pub fn render(frame: &mut Frame, area: Rect, state: &State, popup: &Popup) {
    match popup {
        Popup::Help => help(frame, area, state),
        Popup::Confirm(Subject::Order(change)) => confirm(frame, area, state, change),
        Popup::Reason(Subject::Order(change)) => refund_reason(frame, area, state, change),
        Popup::Export(Exported::Order(id)) => order_export(frame, area, state, id),
        Popup::Confirm(Subject::Quote(ask)) => quote_confirm(frame, area, state, ask),
        Popup::Reason(Subject::Quote(ask)) => decline_reason(frame, area, state, ask),
        Popup::Export(Exported::Quote(id)) => quote_export(frame, area, state, id),
        Popup::Confirm(Subject::Orders { changes, refused }) => {
            batch_confirm(frame, area, state, changes, refused, false)
        }
        Popup::Reason(Subject::Orders { changes, refused }) => {
            batch_confirm(frame, area, state, changes, refused, true)
        }
        Popup::Decide(choice) => decide(frame, area, state, choice),
        Popup::Palette { selected, found } => palette(frame, area, state, *selected, found),
        Popup::FollowUps { rows, selected } => follow_ups(frame, area, state, rows, *selected),
        Popup::Lists { selected } => lists(frame, area, state, *selected),
        Popup::CustomerClash {
            name,
            field,
            values,
        } => customer_clash(frame, area, state, name, field, values),
        Popup::Notice { title, body, level } => notice(frame, area, state, title, body, *level),
    }
}

/// `K` in Customers: the values two desks gave one field, numbered; a number keeps it.
fn customer_clash(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    name: &str,
    field: &str,
    values: &[Option<String>],
) {
    let theme = Theme::of(state);
    let mut lines = vec![
        Line::styled(
            format!("Two desks set {field} differently. Which stands?"),
            theme.bold(),
        ),
        Line::from(""),
    ];
    for (i, v) in values.iter().enumerate() {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", i + 1), theme.selected()),
            Span::raw(format!(
                " {}",
                v.as_deref()
                    .map_or("not given".into(), |v| clean(v).into_owned())
            )),
        ]));
    }
    lines.extend([
        Line::from(""),
        Line::styled(
            "The other value is dropped; orders and quotes keep theirs · Esc: decide later",
            theme.dim(),
        ),
    ]);
    let title = format!(" {}: {field} ", clean(name));
    boxed(frame, area, state, &title, lines, 64, false);
}

/// `y`/`n` on a status change of an order.
fn confirm(frame: &mut Frame, area: Rect, state: &State, change: &PendingChange) {
    let theme = Theme::of(state);
    let mut lines = vec![
        Line::styled(question(change), theme.bold()),
        Line::from(what_follows(change.transition)),
        Line::from(""),
        Line::from(vec![
            Span::styled(format!("Order {} ", change.id), theme.dim()),
            Span::raw(format!("{} → ", change.from.label())),
            Span::styled(change.transition.target().label(), theme.bold()),
        ]),
    ];
    if let Some(reason) = &change.reason {
        lines.push(Line::from(format!("Reason: {}", clean(reason))));
    }
    lines.extend([
        Line::from(""),
        Line::from(vec![
            Span::styled(" y ", theme.selected()),
            Span::raw(" yes, save it    "),
            Span::styled(" n ", theme.selected()),
            Span::raw(" no, change nothing"),
        ]),
    ]);
    let title = format!(" {}? ", change.transition.label());
    boxed(frame, area, state, &title, lines, 64, false);
}

/// One question for every marked order: the answer keys (or the refund's reason) first,
/// then each order with its total, then those the rules refuse, as many as fit; the rest
/// counted, never cut off silently.
fn batch_confirm(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    changes: &[PendingChange],
    refused: &[(String, String)],
    typing_reason: bool,
) {
    let theme = Theme::of(state);
    let Some(transition) = changes.first().map(|c| c.transition) else {
        return;
    };
    let width = 72.min(area.width.saturating_sub(2));
    let inner = usize::from(width.saturating_sub(4));
    let total: rust_decimal::Decimal = changes.iter().map(|c| c.total).sum();
    let question = match transition {
        Transition::StartDelivery => "Start delivery of",
        Transition::MarkDelivered => "Mark delivered",
        Transition::Refund => "Refund",
    };
    let mut lines = vec![
        Line::styled(
            format!(
                "{question} {} order(s), {} in all?",
                changes.len(),
                format_usd(total)
            ),
            theme.bold(),
        ),
        Line::from(what_follows(transition)),
    ];
    if typing_reason {
        let room = inner.saturating_sub(9);
        lines.push(Line::from(vec![
            Span::styled("Reason: ", theme.bold()),
            Span::styled(with_cursor(&state.line, room), theme.selected()),
        ]));
        lines.push(Line::styled(
            "Optional, for each · Enter continues (y/n follows) · Esc cancels",
            theme.dim(),
        ));
    } else {
        if let Some(reason) = changes.first().and_then(|c| c.reason.as_ref()) {
            lines.push(Line::from(format!("Reason: {}", clean(reason))));
        }
        lines.push(Line::from(vec![
            Span::styled(" y ", theme.selected()),
            Span::raw(" yes, save each    "),
            Span::styled(" n ", theme.selected()),
            Span::raw(" no, change nothing"),
        ]));
    }
    // Each order on a line: its id, its customer as room allows, its whole total; the
    // ids padded alike so the customers and totals stand in columns.
    let id_width = changes
        .iter()
        .map(|c| clean(&c.id).chars().count())
        .max()
        .unwrap_or(0);
    let mut listed: Vec<Line> = changes
        .iter()
        .map(|c| {
            let total = format_usd(c.total);
            let left = inner.saturating_sub(id_width + total.chars().count() + 2);
            Line::from(vec![
                Span::raw(format!("{:<id_width$} ", clean(&c.id))),
                Span::styled(
                    format!("{:<left$}", fit(&clean(&c.customer), left)),
                    theme.dim(),
                ),
                Span::raw(format!(" {total}")),
            ])
        })
        .collect();
    if !refused.is_empty() {
        listed.push(Line::styled(
            format!("Not allowed, left as they are ({}):", refused.len()),
            theme.bad(),
        ));
        listed.extend(
            refused
                .iter()
                .map(|(id, why)| Line::from(fit(&format!("{}: {}", clean(id), why), inner))),
        );
    }
    let room = usize::from(area.height.saturating_sub(2)).saturating_sub(lines.len() + 1);
    if listed.len() > room {
        let hidden = listed.len() - room.saturating_sub(1);
        listed.truncate(room.saturating_sub(1));
        listed.push(Line::styled(format!("… and {hidden} more"), theme.dim()));
    }
    lines.push(Line::from(""));
    lines.extend(listed);
    let title = format!(" {}: {} order(s) ", transition.label(), changes.len());
    boxed(frame, area, state, &title, lines, width, false);
}

/// The command palette: what is typed, then what it finds, the selected row marked; as
/// many rows as fit, the list scrolled so the selected one shows.
fn palette(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    selected: usize,
    found: &[crate::tui::model::palette::Item],
) {
    let theme = Theme::of(state);
    let width = 76.min(area.width.saturating_sub(2));
    let inner = usize::from(width.saturating_sub(4));
    let mut lines = vec![
        Line::from(vec![
            Span::styled(": ", theme.accent()),
            Span::styled(
                with_cursor(&state.line, inner.saturating_sub(2)),
                theme.selected(),
            ),
        ]),
        Line::styled(
            "an id, a customer, a SKU or tier, or what a key does",
            theme.dim(),
        ),
    ];
    let room = usize::from(area.height.saturating_sub(4)).saturating_sub(lines.len());
    let first = selected.saturating_sub(room.saturating_sub(1));
    if found.is_empty() {
        lines.push(Line::styled("Nothing found", theme.warning()));
    }
    for (at, item) in found.iter().enumerate().skip(first).take(room) {
        let text = fit(&format!("{:<8} {}", item.kind, clean(&item.label)), inner);
        lines.push(if at == selected {
            Line::styled(text, theme.selected())
        } else {
            Line::from(text)
        });
    }
    let title = " Go to · ↑ ↓ choose · Enter go · Esc close ";
    boxed(frame, area, state, title, lines, width, false);
}

/// What to follow up: each row's why, its id and customer, and its total whole; the
/// selected row's own step named in the hint.
fn follow_ups(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    rows: &[crate::tui::model::followup::FollowUp],
    selected: usize,
) {
    let theme = Theme::of(state);
    let width = 100.min(area.width.saturating_sub(2));
    let inner = usize::from(width.saturating_sub(4));
    let total: rust_decimal::Decimal = rows.iter().map(|r| r.total).sum();
    let mut lines = vec![Line::styled(
        format!("{} to follow up, {} in all", rows.len(), format_usd(total)),
        theme.bold(),
    )];
    let room = usize::from(area.height.saturating_sub(4)).saturating_sub(lines.len());
    let first = selected.saturating_sub(room.saturating_sub(1));
    let why_width = rows
        .iter()
        .map(|r| width_of(&r.why.says()))
        .max()
        .unwrap_or(0);
    let amount_width = rows
        .iter()
        .map(|r| width_of(&format_usd(r.total)))
        .max()
        .unwrap_or(0);
    for (at, row) in rows.iter().enumerate().skip(first).take(room) {
        let amount = format_usd(row.total);
        let why = row.why.says();
        // The amount whole and the why first; the customer, then the id, take what is
        // left.
        let left = inner.saturating_sub(amount_width + why_width + 2);
        let text = format!(
            "{why:<why_width$} {:<left$} {amount:>amount_width$}",
            fit(
                &format!("{} {}", clean(&row.customer), clean(&row.id)),
                left
            )
        );
        lines.push(if at == selected {
            Line::styled(text, theme.selected())
        } else {
            Line::from(text)
        });
    }
    let step = rows.get(selected).map_or("", |r| r.why.step());
    let title = format!(" Follow up · Enter open · {step} · Esc close ");
    boxed(frame, area, state, &title, lines, width, false);
}

/// The price lists to sell from: each one's title, date and tier count, the one on
/// screen marked.
fn lists(frame: &mut Frame, area: Rect, state: &State, selected: usize) {
    let theme = Theme::of(state);
    let width = 90.min(area.width.saturating_sub(2));
    let inner = usize::from(width.saturating_sub(4));
    let all = &state.setup.lists;
    let mut lines = vec![Line::styled(
        format!("{} price lists · ▸ the one in the Catalog", all.len()),
        theme.bold(),
    )];
    let room = usize::from(area.height.saturating_sub(4)).saturating_sub(lines.len());
    let first = selected.saturating_sub(room.saturating_sub(1));
    for (at, list) in all.iter().enumerate().skip(first).take(room) {
        let mark = if list.list.id == state.setup.catalog.list.id {
            "▸"
        } else {
            " "
        };
        // The date and tier count whole; the title takes what is left.
        let tail = format!("{} · {:>3} tiers", list.updated, list.tiers().count());
        let left = inner.saturating_sub(width_of(&tail) + 3);
        let text = format!("{mark} {:<left$} {tail}", fit(&clean(&list.title), left));
        lines.push(if at == selected {
            Line::styled(text, theme.selected())
        } else {
            Line::from(text)
        });
    }
    if all.len() == 1 {
        lines.push(Line::styled(
            fit(
                "Import a vendor billing page: order-desk pricelist import FILE",
                inner,
            ),
            theme.dim(),
        ));
    }
    boxed(
        frame,
        area,
        state,
        " Price lists · Enter sell from · Esc close ",
        lines,
        width,
        false,
    );
}

/// The optional reason typed before a refund is confirmed.
fn refund_reason(frame: &mut Frame, area: Rect, state: &State, change: &PendingChange) {
    let theme = Theme::of(state);
    let width = 64.min(area.width.saturating_sub(2));
    let room = usize::from(width.saturating_sub(4 + 9));
    let lines = vec![
        Line::styled(question(change), theme.bold()),
        Line::from(""),
        Line::from(vec![
            Span::styled("Reason: ", theme.bold()),
            Span::styled(with_cursor(&state.line, room), theme.selected()),
        ]),
        Line::styled(
            "Optional: recorded in the order's history, as the CLI's --reason",
            theme.dim(),
        ),
        Line::from(""),
        Line::styled("Enter continues (y/n follows) · Esc cancels", theme.dim()),
    ];
    boxed(frame, area, state, " Refund: reason ", lines, 64, false);
}

/// Where an order's document goes, one key per format.
fn order_export(frame: &mut Frame, area: Rect, state: &State, id: &str) {
    let dir = state
        .export
        .dir
        .clone()
        .unwrap_or_else(|| "the folder the app was started in".into());
    let seller = state.export.seller;
    export_popup(
        frame,
        area,
        state,
        &format!("Order {id}"),
        &dir,
        seller,
        " Export order ",
    );
}

/// `y`/`n` on accepting, declining or re-quoting a quote.
fn quote_confirm(frame: &mut Frame, area: Rect, state: &State, ask: &QuoteAsk) {
    let theme = Theme::of(state);
    let mut lines = vec![
        Line::styled(quote_question(ask), theme.bold()),
        Line::from(quote_follows(&ask.step)),
    ];
    if let Some(reason) = &ask.reason {
        lines.push(Line::from(format!("Reason: {}", clean(reason))));
    }
    lines.extend([
        Line::from(""),
        Line::from(vec![
            Span::styled(" y ", theme.selected()),
            Span::raw(" yes, save it    "),
            Span::styled(" n ", theme.selected()),
            Span::raw(" no, change nothing"),
        ]),
    ]);
    let title = match ask.step {
        QuoteStep::Accept => " Accept the quote? ",
        QuoteStep::Decline => " Decline the quote? ",
        QuoteStep::Requote => " Re-quote? ",
    };
    boxed(frame, area, state, title, lines, 64, false);
}

/// The optional reason typed before a quote is declined.
fn decline_reason(frame: &mut Frame, area: Rect, state: &State, ask: &QuoteAsk) {
    let theme = Theme::of(state);
    let width = 64.min(area.width.saturating_sub(2));
    let room = usize::from(width.saturating_sub(4 + 9));
    let lines = vec![
        Line::styled(quote_question(ask), theme.bold()),
        Line::from(""),
        Line::from(vec![
            Span::styled("Reason: ", theme.bold()),
            Span::styled(with_cursor(&state.line, room), theme.selected()),
        ]),
        Line::styled(
            "Optional: kept in the quote, as the CLI's --reason",
            theme.dim(),
        ),
        Line::from(""),
        Line::styled("Enter continues (y/n follows) · Esc cancels", theme.dim()),
    ];
    boxed(frame, area, state, " Decline: reason ", lines, 64, false);
}

/// Where a quote's document goes, one key per format.
fn quote_export(frame: &mut Frame, area: Rect, state: &State, id: &str) {
    let dir = state.quote_export_dir.as_deref().map_or(
        "the folder the app was started in".into(),
        crate::domain::text::path,
    );
    let what = format!("Quote {}", clean(id));
    export_popup(
        frame,
        area,
        state,
        &what,
        &dir,
        state.seller_profile,
        " Export quote ",
    );
}

/// Which of two changes (or closings) stands, then why.
fn decide(frame: &mut Frame, area: Rect, state: &State, choice: &DecideChoice) {
    let theme = Theme::of(state);
    let what = if choice.quote { "Quote" } else { "Order" };
    let title = format!(" {what} {}: decide ", clean(&choice.id));
    if let Some(keep) = choice.keep {
        // The choice made, then why: recorded with the voided change.
        let width = 72.min(area.width.saturating_sub(2));
        let room = usize::from(width.saturating_sub(4 + 9));
        let void = choice.options[2 - keep].as_str();
        let lines = vec![
            Line::styled(
                format!("Keep {}", clean(&choice.options[keep - 1])),
                theme.bold(),
            ),
            Line::from(format!("Void {}", clean(void))),
            Line::from(""),
            Line::from(vec![
                Span::styled("Reason: ", theme.bold()),
                Span::styled(with_cursor(&state.line, room), theme.selected()),
            ]),
            Line::styled(
                if choice.quote {
                    "Recorded with the voided closing, with you and now"
                } else {
                    "Recorded with the voided change, with you and now"
                },
                theme.dim(),
            ),
            Line::from(""),
            Line::styled("Enter saves · Esc decides nothing", theme.dim()),
        ];
        boxed(frame, area, state, &title, lines, 72, false);
        return;
    }
    let mut lines = vec![
        Line::styled(
            if choice.quote {
                "Two desks closed this quote differently."
            } else {
                "Two desks recorded changes the rules do not allow together."
            },
            theme.bold(),
        ),
        Line::from("Keep one; the other is voided, with you, now and a reason."),
        Line::from(""),
    ];
    for (i, option) in choice.options.iter().enumerate() {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", i + 1), theme.selected()),
            Span::raw(format!(" keep {}", clean(option))),
        ]));
    }
    lines.extend([
        Line::from(""),
        Line::from(vec![
            Span::styled(" Esc ", theme.selected()),
            Span::raw(if choice.quote {
                " decide later (the quote stays as it is)"
            } else {
                " decide later (every change stays refused)"
            }),
        ]),
    ]);
    boxed(frame, area, state, &title, lines, 72, false);
}

/// Something the rep must read, closed with Enter or Esc.
fn notice(frame: &mut Frame, area: Rect, state: &State, title: &str, body: &str, level: Level) {
    let theme = Theme::of(state);
    let mut lines: Vec<Line> = body.lines().map(|l| Line::from(l.to_string())).collect();
    lines.push(Line::from(""));
    lines.push(Line::styled("any key closes", theme.dim()));
    let bad = level != Level::Info;
    boxed(frame, area, state, &format!(" {title} "), lines, 72, bad);
}

/// The export popup of an order or a quote: one key per format, where the file goes and
/// whether a seller profile heads it.
fn export_popup(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    what: &str,
    dir: &str,
    seller: Option<bool>,
    title: &str,
) {
    let theme = Theme::of(state);
    let key = |k: &'static str, does: &'static str| {
        Line::from(vec![
            Span::styled(format!(" {k} "), theme.selected()),
            Span::raw(format!(" {does}")),
        ])
    };
    let mut lines = vec![
        Line::styled(what.to_string(), theme.bold()),
        Line::from(""),
        key("m", "Markdown, for an email"),
        key("h", "HTML, to print or open"),
        key("p", "PDF, to attach"),
        Line::from(""),
        Line::styled(format!("Into {dir}"), theme.dim()),
    ];
    if seller == Some(false) {
        lines.push(Line::styled(
            "No seller profile: neutral header; `order-desk config init` writes one",
            theme.dim(),
        ));
    }
    lines.push(Line::styled("Esc cancels", theme.dim()));
    boxed(frame, area, state, title, lines, 56, false);
}

fn boxed(
    frame: &mut Frame,
    area: Rect,
    state: &State,
    title: &str,
    lines: Vec<Line>,
    width: u16,
    bad: bool,
) {
    let theme = Theme::of(state);
    let width = width.min(area.width.saturating_sub(2));
    // Room for wrapped lines: a rough count is enough, the paragraph wraps the rest.
    let inner = usize::from(width.saturating_sub(4)).max(1);
    let height: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let height = (height as u16 + 2).min(area.height);
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    clear_band(frame, area, rect);
    let border = if bad { theme.bad() } else { theme.accent() };
    let block = Block::bordered()
        .title(Span::styled(fit(title, usize::from(width)), border))
        .border_style(border)
        .padding(ratatui::widgets::Padding::horizontal(1));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        rect,
    );
}

fn help(frame: &mut Frame, area: Rect, state: &State) {
    let theme = Theme::of(state);
    let room = Room::of(area.width, area.height);
    let all = help::lines(state, room.text_width);
    // Everything and the footer fit, or a page of rows scrolls over a footer saying so.
    let (first, shown) = if all.len() < room.rows {
        (0, all.len())
    } else {
        let page = room.page();
        (state.help_scroll.min(all.len() - page), page)
    };
    let indent = " ".repeat(help::KEY_COLUMN);
    let mut lines: Vec<Line> = all[first..first + shown]
        .iter()
        .map(|line| match line {
            HelpLine::Title(title) if title == help::TERMS_TITLE => Line::styled(
                format!("{title} ({})", state.setup.catalog.updated),
                theme.bold(),
            ),
            HelpLine::Title(title) => Line::styled(title.clone(), theme.accent()),
            HelpLine::Key(key, what) => Line::from(vec![
                Span::styled(format!("  {key:<15} "), theme.bold()),
                Span::raw(what.clone()),
            ]),
            HelpLine::More(what) => Line::from(format!("{indent}{what}")),
            HelpLine::Text(text) => Line::from(text.clone()),
        })
        .collect();
    let footer = if shown == all.len() {
        "Esc, ? or q closes"
    } else if first + shown < all.len() {
        "▼ more below · ↑↓ PgUp PgDn scroll · Esc closes"
    } else {
        "▲ more above · ↑↓ PgUp PgDn scroll · Esc closes"
    };
    lines.push(Line::styled(fit(footer, room.text_width), theme.dim()));
    let title = format!(" Keys: {} ", state.screen.title());
    boxed(frame, area, state, &title, lines, room.width, false);
}

/// Clears the whole width of `area` across the rows of `popup`: half an amount left beside
/// a popup would read as a different number ("00.00" for $1,300,000.00).
pub fn clear_band(frame: &mut Frame, area: Rect, popup: Rect) {
    frame.render_widget(
        Clear,
        Rect {
            x: area.x,
            width: area.width,
            ..popup
        },
    );
}

/// "Start delivery of $1,460,000.00 for Acme GmbH?": the change, its amount in full and
/// who it is for.
pub fn question(change: &PendingChange) -> String {
    let total = format_usd(change.total);
    let customer = clean(&change.customer);
    match change.transition {
        Transition::StartDelivery => format!("Start delivery of {total} for {customer}?"),
        Transition::MarkDelivered => format!("Mark the order of {total} for {customer} delivered?"),
        Transition::Refund => format!("Refund {total} to {customer}?"),
    }
}

/// What the change closes off, from the rules: said before the rep answers.
pub fn what_follows(transition: Transition) -> &'static str {
    match transition {
        Transition::StartDelivery => "After this no refund is possible.",
        Transition::MarkDelivered => "After this no refund or other change is possible.",
        Transition::Refund => "After this it cannot be delivered or changed again.",
    }
}

/// The quantity being typed for the selected cart line.
pub fn quantity(frame: &mut Frame, area: Rect, state: &State) {
    let theme = Theme::of(state);
    let Some(line) = state.cart_tab.cart.lines.get(state.cart_tab.selected) else {
        return;
    };
    let lines = vec![
        Line::from(vec![
            Span::styled("Quantity: ", theme.bold()),
            Span::styled(
                format!("{:<8}", with_cursor(&state.line, 8)),
                theme.selected(),
            ),
            Span::styled(format!("  1 to {MAX_QUANTITY}"), theme.dim()),
        ]),
        Line::styled(
            format!("Enter sets it · Esc keeps {}", line.quantity),
            theme.dim(),
        ),
    ];
    let title = format!(" {} ", line.sku);
    boxed(frame, area, state, &title, lines, 40, false);
}

/// "Accept quote Q-… of $1,460,000.00 for Acme GmbH?": the step, its amount in full and
/// who it is for.
pub fn quote_question(ask: &QuoteAsk) -> String {
    let total = format_usd(ask.total);
    let customer = clean(&ask.customer);
    match ask.step {
        QuoteStep::Accept => format!("Accept {total} for {customer}, quote {}?", ask.id),
        QuoteStep::Decline => format!("Decline {total} for {customer}, quote {}?", ask.id),
        QuoteStep::Requote => format!("Re-quote {} for {customer} at today's {total}?", ask.id),
    }
}

/// What the step does, said before the rep answers.
fn quote_follows(step: &QuoteStep) -> &'static str {
    match step {
        QuoteStep::Accept => "An order is placed at the quoted prices; the quote closes.",
        QuoteStep::Decline => "The quote closes: it cannot be accepted any more.",
        QuoteStep::Requote => "A new open quote; this one stays as it is.",
    }
}
