//! The status bar: the last message, then the region, cart total, orders folder and
//! price list, always in view.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::money::format_usd;

use super::super::state::State;
use super::text::{fit, fit_ends, width_of};
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let theme = Theme::of(state);
    let [message, facts] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    let width = usize::from(area.width);
    if let Some(m) = &state.message {
        let line = Span::styled(
            fit_ends(&format!(" {}", m.text), width),
            theme.level(m.level),
        );
        frame.render_widget(Paragraph::new(Line::from(line)), message);
    }
    // Words give way, never digits: the price list's label first, then the unit count,
    // then the folder is cut; the region and the whole total stay.
    let total = format_usd(state.cart.total(&state.catalog));
    let region = format!(" {} ", state.cart.region);
    let mut cart = format!("│ cart {} unit(s) · {total} │ ", state.cart.units());
    let mut tail = format!(" │ price list: {}", state.catalog_label);
    let used = |cart: &str, tail: &str| width_of(&region) + width_of(cart) + width_of(tail);
    if used(&cart, &tail) + 20 > width {
        tail.clear();
    }
    if used(&cart, &tail) + 16 > width {
        cart = format!("│ cart {total} │ ");
    }
    let room = width.saturating_sub(used(&cart, &tail) + width_of("orders: "));
    let folder = if room >= 8 {
        format!("orders: {}", fit(&state.orders_label, room))
    } else {
        String::new()
    };
    let line = Line::from(vec![
        Span::styled(region, theme.selected()),
        Span::styled(cart, theme.bold()),
        Span::raw(folder),
        Span::styled(tail, theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), facts);
}
