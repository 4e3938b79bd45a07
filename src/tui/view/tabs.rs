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
    let mut spans = vec![Span::styled(" Order Desk ", theme.accent())];
    let mut x = area.x + 12;
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
        spans.push(Span::raw("│"));
        let width = title.width() as u16;
        hits.add(Rect::new(x + 1, area.y, width, 1), Target::Tab(*screen));
        x += 1 + width;
        spans.push(Span::styled(title, style));
    }
    spans.push(Span::raw("│"));
    spans.push(Span::styled("  ? help", theme.dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
