//! The tab bar across the top: the app's name, the three screens and the help key.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use unicode_width::UnicodeWidthStr;

use super::super::hits::{Hits, Target};
use super::super::state::{Screen, State};
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State, hits: &mut Hits) {
    let theme = Theme::of(state);
    // On a narrow terminal the app's name gives its room to the help key.
    let mut spans = if area.width >= 70 {
        vec![Span::styled(" Order Desk ", theme.accent())]
    } else {
        Vec::new()
    };
    // Where the next tab's title starts, for the mouse.
    let mut x = area.x + if spans.is_empty() { 0 } else { 12 };
    for (i, screen) in Screen::ALL.iter().enumerate() {
        let mut title = format!(" {} {} ", i + 1, screen.title());
        if *screen == Screen::Cart && !state.cart.is_empty() {
            title = format!(" {} {} ({}) ", i + 1, screen.title(), state.cart.units());
        }
        let style = if *screen == state.screen {
            theme.selected()
        } else {
            theme.dim()
        };
        if !spans.is_empty() {
            spans.push(Span::raw("│"));
            x += 1;
        }
        let width = title.width() as u16;
        hits.add(Rect::new(x, area.y, width, 1), Target::Tab(*screen));
        x += width;
        spans.push(Span::styled(title, style));
    }
    spans.push(Span::raw("│"));
    spans.push(Span::styled("  ? help", theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
