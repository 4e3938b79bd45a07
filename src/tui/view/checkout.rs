//! The checkout form, drawn over the cart: four fields with their errors beside them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::money::format_usd;

use super::super::state::{Checkout, Field, State};
use super::field::with_cursor;
use super::text::{fit, width_of};
use super::theme::Theme;

/// Width of the value box of each field.
const BOX: usize = 30;

pub fn render(frame: &mut Frame, area: Rect, state: &State, form: &Checkout) {
    let theme = Theme::of(state);
    let popup = area.centered(
        Constraint::Length(area.width.saturating_sub(4).min(100)),
        Constraint::Length(14.min(area.height)),
    );
    super::popup::clear_band(frame, area, popup);
    let inner_width = usize::from(popup.width.saturating_sub(2));
    // The total is never cut: the counts give way first.
    let total = format_usd(state.cart.total(&state.catalog));
    let region = format!(" in {}", state.cart.region);
    let mut counts = format!(
        " {} line(s), {} unit(s), total ",
        state.cart.lines.len(),
        state.cart.units()
    );
    if width_of(&counts) + width_of(&total) + width_of(&region) > inner_width {
        counts = " Total ".to_string();
    }
    let mut lines = vec![
        Line::from(vec![
            Span::raw(counts),
            Span::styled(total, theme.accent()),
            Span::raw(region),
        ]),
        Line::from(""),
    ];
    for (i, field) in Field::ALL.iter().enumerate() {
        let focused = i == form.focus;
        let shown = if focused {
            // Scrolled so the cursor shows, wherever the rep moved it.
            with_cursor(form.field(*field), BOX)
        } else {
            fit(form.value(*field), BOX)
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
        let room = inner_width.saturating_sub(2 + 12 + BOX + 3);
        let error = form.error_for(*field).map(|e| format!("✗ {e}"));
        // Beside the field when it fits, else on the line below it.
        let below = match &error {
            Some(e) if e.chars().count() <= room => {
                spans.push(Span::styled(e.clone(), theme.bad()));
                Line::from("")
            }
            Some(e) => {
                spans.push(Span::styled("✗", theme.bad()));
                Line::styled(fit(&format!("{:14}{e}", ""), inner_width), theme.bad())
            }
            None => {
                let hint = match field {
                    Field::Customer | Field::Rep => "required",
                    Field::Note => "optional",
                    Field::ValidUntil => "optional, YYYY-MM-DD",
                };
                spans.push(Span::styled(fit(hint, room), theme.dim()));
                Line::from("")
            }
        };
        lines.push(Line::from(spans));
        lines.push(below);
    }
    if let Some((_, error)) = form.errors.iter().find(|(k, _)| *k == "cart") {
        lines.push(Line::styled(
            fit(&format!(" ✗ {error}"), inner_width),
            theme.bad(),
        ));
    }
    let block = Block::bordered()
        .title(" Check out ")
        .border_style(theme.accent())
        .title_bottom(Line::styled(
            " Tab next field · Enter on last field or Ctrl-S saves · Esc closes (kept) ",
            theme.dim(),
        ));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
