//! The tab bar across the top: the app's name, the six screens and the help key.

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
    let width = usize::from(area.width);
    // On a narrow terminal the app's name gives way first, then the help key, then the
    // padding around each title, then the titles of the tabs not on screen shorten:
    // every tab stays in view with its key.
    let (name, help, pad, short) = [
        (true, true, true, false),
        (false, true, true, false),
        (false, false, true, false),
        (false, false, false, false),
    ]
    .into_iter()
    .find(|(name, help, pad, short)| {
        width_needed(state, *name, *help, *pad, *short) <= width && (!*name || width >= 70)
    })
    .unwrap_or((false, false, false, true));
    let mut spans = if name {
        vec![Span::styled(" Order Desk ", theme.accent())]
    } else {
        Vec::new()
    };
    // Where the next tab's title starts, for the mouse.
    let mut x = area.x + if name { 12 } else { 0 };
    for (i, (screen, title)) in titles(state, pad, short).into_iter().enumerate() {
        let style = if screen == state.screen {
            theme.selected()
        } else {
            theme.dim()
        };
        if i > 0 || name {
            spans.push(Span::raw("│"));
            x += 1;
        }
        let w = title.width() as u16;
        hits.add(Rect::new(x, area.y, w, 1), Target::Tab(screen));
        x += w;
        spans.push(Span::styled(title, style));
    }
    if help {
        spans.push(Span::raw("│"));
        spans.push(Span::styled("  ? help", theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Each tab's title: its key, its name (shortened, but for the tab on screen, when
/// `short`) and, for the cart, how many units it holds.
fn titles(state: &State, pad: bool, short: bool) -> Vec<(Screen, String)> {
    Screen::ALL
        .iter()
        .enumerate()
        .map(|(i, screen)| {
            let name = if short && *screen != state.screen {
                screen.short_title()
            } else {
                screen.title()
            };
            let mut title = format!("{} {name}", i + 1);
            if *screen == Screen::Cart && !state.cart_tab.cart.is_empty() {
                title = format!("{title} ({})", super::cart::whole(state).0);
            }
            (*screen, if pad { format!(" {title} ") } else { title })
        })
        .collect()
}

fn width_needed(state: &State, name: bool, help: bool, pad: bool, short: bool) -> usize {
    // A bar between titles, one after the name and one before the help.
    let tabs: usize = titles(state, pad, short)
        .iter()
        .map(|(_, t)| t.width() + 1)
        .sum();
    tabs - 1 + if name { 13 } else { 0 } + if help { 9 } else { 0 }
}
