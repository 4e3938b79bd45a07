//! The checkout and quote form, drawn over the cart: the fields with their errors beside
//! them, the customers the typed name matches, and under the country the region it
//! settles and why. One line per field, so the whole form fits a 60x16 terminal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::cart::Cart;
use crate::domain::money::format_usd;

use super::super::form_region;
use super::super::state::{Checkout, Field, FormKind, State};
use super::field::with_cursor;
use super::text::{fit, width_of};
use super::theme::Theme;

/// Width of the value box of each field.
const BOX: usize = 30;
/// The marker and the label before each box.
const LABEL: usize = 2 + 12;

pub fn render(frame: &mut Frame, area: Rect, state: &State, form: &Checkout) {
    let theme = Theme::of(state);
    let width = area.width.saturating_sub(4).min(100);
    let inner_width = usize::from(width.saturating_sub(2));
    let explanation = form_region::explain(state, form);
    let mut heads = total_lines(state, form, &explanation, inner_width);
    // Rows inside the borders: the totals, the fields, the explanation, and a line for
    // an error too long to stand beside its field; suggestions and a blank line when
    // there is room for them.
    let room = usize::from(area.height.saturating_sub(2));
    let long_error = first_long_error(form, inner_width);
    let rest = Field::ALL.len() + 1 + usize::from(long_error.is_some());
    // Short of rows, several orders share one line so that every field still shows.
    if heads.len() > 1
        && heads.len() + rest > room
        && let Some(one) = one_total_line(state, form, inner_width)
    {
        heads = vec![one];
    }
    let fixed = heads.len() + rest;
    let suggestions = form.suggestions.len().min(room.saturating_sub(fixed));
    let spacer = room > fixed + suggestions;
    let mut lines = Vec::new();
    lines.append(&mut heads);
    if spacer {
        lines.push(Line::from(""));
    }
    for (i, field) in Field::ALL.iter().enumerate() {
        lines.push(field_line(
            state,
            form,
            *field,
            i == form.focus,
            inner_width,
        ));
        match field {
            Field::Customer => {
                for (at, s) in form.suggestions.iter().take(suggestions).enumerate() {
                    let picked = form.pick == Some(at);
                    let mut text =
                        format!("{:LABEL$}↳ {}", "", crate::domain::text::clean(&s.name));
                    if let Some(code) = &s.country {
                        text.push_str(&format!(" · {code}"));
                    }
                    text.push_str(&format!(" · {}", s.source));
                    let style = if picked {
                        theme.selected()
                    } else {
                        theme.dim()
                    };
                    lines.push(Line::styled(fit(&text, inner_width), style));
                }
            }
            Field::Country => {
                let text = format!("{:LABEL$}{}", "", explanation.text);
                lines.push(Line::styled(
                    fit(&text, inner_width),
                    theme.level(explanation.level),
                ));
            }
            _ => {}
        }
    }
    // Where the error has no line of its own left (60x16), the bottom border says it
    // instead of the keys: a field marked ✗ always says why somewhere on screen.
    let mut error_below = None;
    if let Some(error) = long_error {
        if lines.len() + 2 < usize::from(area.height) {
            lines.push(Line::styled(fit(&error, inner_width), theme.bad()));
        } else {
            error_below = Some(error);
        }
    }
    if let Some((_, error)) = form.errors.iter().find(|(k, _)| *k == "cart") {
        lines.push(Line::styled(
            fit(&format!(" ✗ {error}"), inner_width),
            theme.bad(),
        ));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
    super::popup::clear_band(frame, area, popup);
    let orders = match form.kind {
        FormKind::Order => state.cart_tab.cart.parts().len(),
        FormKind::Quote => 1,
    };
    let title_orders = format!(" Check out: {orders} orders, one per list ");
    let (title, saves) = match form.kind {
        FormKind::Order if orders > 1 => (title_orders.as_str(), "saves them"),
        FormKind::Order => (" Check out ", "saves the order"),
        FormKind::Quote => (" Save the cart as a quote ", "saves the quote"),
    };
    let hint = if form.suggestions.is_empty() || form.focused() != Field::Customer {
        format!(" Tab next field · Ctrl-S {saves} · Esc closes (kept) ")
    } else if form.pick.is_some() {
        " ↓ ↑ choose · Tab or Enter takes it · Esc closes (kept) ".to_string()
    } else {
        " ↓ ↑ choose · Tab takes the first · Enter keeps what is typed ".to_string()
    };
    let bottom = match error_below {
        Some(error) => Line::styled(
            fit(
                &format!("{} ", error.trim_end()),
                usize::from(width.saturating_sub(2)),
            ),
            theme.bad(),
        ),
        None => Line::styled(
            fit(&hint, usize::from(width.saturating_sub(2))),
            theme.dim(),
        ),
    };
    let block = Block::bordered()
        .title(title)
        .border_style(theme.accent())
        .title_bottom(bottom);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// The line above the fields: the lines, units and total in the region the country
/// settles (the cart is priced there on saving). A checkout of several lists has a line
/// per order, each with its list and total; a quote of one list while others wait says
/// that they stay. The total is never cut: the counts give way first.
fn total_lines<'a>(
    state: &State,
    form: &Checkout,
    explanation: &form_region::Explanation,
    inner_width: usize,
) -> Vec<Line<'a>> {
    let theme = Theme::of(state);
    let cart = &state.cart_tab.cart;
    if form.kind == FormKind::Order && !cart.parked.is_empty() {
        return form_region::parts(state, form)
            .into_iter()
            .map(|part| {
                let total = format_usd(part.cart.total(part.catalog));
                let region = format!(" in {}", part.cart.region);
                let mut words = format!(
                    " Order of {}: {} line(s), total ",
                    part.list,
                    part.cart.lines.len()
                );
                if width_of(&words) + width_of(&total) + width_of(&region) > inner_width {
                    words = fit(
                        &format!(" {}: ", part.list),
                        inner_width.saturating_sub(width_of(&total) + width_of(&region)),
                    );
                }
                Line::from(vec![
                    Span::raw(words),
                    Span::styled(total, theme.accent()),
                    Span::raw(region),
                ])
            })
            .collect();
    }
    let mut cart = Cart {
        parked: Vec::new(),
        ..cart.clone()
    };
    cart.region = explanation.region;
    let total = format_usd(cart.total(&state.setup.catalog));
    let region = format!(" in {}", cart.region);
    let mut counts = format!(
        " {} line(s), {} unit(s), total ",
        cart.lines.len(),
        cart.units()
    );
    if width_of(&counts) + width_of(&total) + width_of(&region) > inner_width {
        counts = " Total ".to_string();
    }
    let mut lines = vec![Line::from(vec![
        Span::raw(counts),
        Span::styled(total, theme.accent()),
        Span::raw(region),
    ])];
    if !state.cart_tab.cart.parked.is_empty() {
        lines.push(Line::styled(
            fit(
                " A quote is of one list: the other lists' lines stay in the cart",
                inner_width,
            ),
            theme.dim(),
        ));
    }
    lines
}

/// Each order's total and region on one line ("2 orders: $56.00 R2 + $780,000.00 OC2"),
/// if it fits whole.
fn one_total_line<'a>(state: &State, form: &Checkout, inner_width: usize) -> Option<Line<'a>> {
    let theme = Theme::of(state);
    let parts = form_region::parts(state, form);
    let mut spans = vec![Span::raw(format!(" {} orders: ", parts.len()))];
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" + "));
        }
        spans.push(Span::styled(
            format_usd(part.cart.total(part.catalog)),
            theme.accent(),
        ));
        spans.push(Span::raw(format!(" {}", part.cart.region)));
    }
    let line = Line::from(spans);
    (line.width() <= inner_width).then_some(line)
}

/// The room beside a field's box for its hint or error.
fn beside(inner_width: usize) -> usize {
    inner_width.saturating_sub(LABEL + BOX + 3)
}

/// The focused field's error when it is too long to stand beside the field (else the
/// first such error): shown whole on a line of its own.
fn first_long_error(form: &Checkout, inner_width: usize) -> Option<String> {
    let room = beside(inner_width);
    let long = |f: &Field| {
        form.error_for(*f)
            .filter(|e| width_of(&format!("✗ {e}")) > room)
            .map(|e| format!(" {}: {e}", f.label()))
    };
    long(&form.focused()).or_else(|| Field::ALL.iter().find_map(long))
}

fn field_line<'a>(
    state: &State,
    form: &'a Checkout,
    field: Field,
    focused: bool,
    inner_width: usize,
) -> Line<'a> {
    let theme = Theme::of(state);
    let shown = if focused {
        // Scrolled so the cursor shows, wherever the rep moved it.
        with_cursor(form.field(field), BOX)
    } else {
        fit(form.value(field), BOX)
    };
    let marker = if focused { "> " } else { "  " };
    let mut spans = vec![
        Span::styled(marker, theme.accent()),
        Span::styled(format!("{:<12}", field.label()), theme.bold()),
        Span::styled(
            format!("[{shown:<BOX$}]"),
            if focused {
                theme.selected()
            } else {
                theme.bold()
            },
        ),
        Span::raw(" "),
    ];
    let room = beside(inner_width);
    match form.error_for(field).map(|e| format!("✗ {e}")) {
        Some(e) if width_of(&e) <= room => spans.push(Span::styled(e, theme.bad())),
        // Too long to stand here: shown on its own line below the fields.
        Some(_) => spans.push(Span::styled("✗", theme.bad())),
        None => {
            let codes = format!(
                "{}, or empty",
                state.setup.catalog.region_codes().replace('|', " / ")
            );
            let hint = match (field, form.kind) {
                (Field::Customer | Field::Rep, _) => "required",
                (Field::Country, _) => "sets the region",
                (Field::Region, _) => codes.as_str(),
                (Field::Reason, _) => "if another region",
                (Field::Note, _) => "optional, printed",
                (Field::Reference, _) => "customer's PO, printed",
                (Field::InternalNote, _) => "never printed",
                (Field::ValidUntil, FormKind::Quote) => "YYYY-MM-DD",
                (Field::ValidUntil, FormKind::Order) => "optional, YYYY-MM-DD",
            };
            spans.push(Span::styled(fit(hint, room), theme.dim()));
        }
    }
    Line::from(spans)
}
