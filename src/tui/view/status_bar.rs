//! The status bar: the last message, then the region, cart total, orders folder and
//! price list, always in view.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::money::format_usd;

use super::super::state::State;
use super::text::fit;
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let theme = Theme::of(state);
    let [message, facts] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    let width = usize::from(area.width);
    if let Some(m) = &state.message {
        let line = Span::styled(fit(&format!(" {}", m.text), width), theme.level(m.level));
        frame.render_widget(Paragraph::new(Line::from(line)), message);
    }
    let total = format_usd(state.cart.total(&state.catalog));
    let head = format!(
        " {} │ cart {} unit(s) · {} │ orders: ",
        state.cart.region,
        state.cart.units(),
        total
    );
    let mut tail = format!(" │ price list: {}", state.catalog_label);
    let mut room = width.saturating_sub(head.chars().count() + tail.chars().count());
    // The folder matters more than the price list's label on a narrow terminal.
    if room < 20 {
        tail.clear();
        room = width.saturating_sub(head.chars().count());
    }
    let line = Line::from(vec![
        Span::styled(format!(" {} ", state.cart.region), theme.selected()),
        Span::styled(
            format!(
                "│ cart {} unit(s) · {} │ orders: ",
                state.cart.units(),
                total
            ),
            theme.bold(),
        ),
        Span::raw(fit(&state.orders_label, room.max(8))),
        Span::styled(tail, theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), facts);
}
