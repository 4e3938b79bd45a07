//! Popups over a screen: help, the y/n confirmation of a status change, and notices
//! (a refusal with the guard's reason, a conflict with another desk).

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::super::help::{self, HelpLine, Room};
use super::super::state::{Popup, State};
use super::text::fit;
use super::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, state: &State, popup: &Popup) {
    match popup {
        Popup::Help => help(frame, area, state),
        Popup::Confirm(change) => {
            let theme = Theme::of(state);
            let lines = vec![
                Line::from(format!("Order {}", change.id)),
                Line::from(format!("Customer {}", crate::text::clean(&change.customer))),
                Line::from(""),
                Line::from(vec![
                    Span::raw(format!("{} → ", change.from.label())),
                    Span::styled(change.transition.target().label(), theme.bold()),
                ]),
                Line::from(""),
                Line::from(vec![
                    Span::styled(" y ", theme.selected()),
                    Span::raw(" yes, save it    "),
                    Span::styled(" n ", theme.selected()),
                    Span::raw(" no"),
                ]),
            ];
            let title = format!(" {}? ", change.transition.label());
            boxed(frame, area, state, &title, lines, 60, false);
        }
        Popup::Notice { title, body, level } => {
            let theme = Theme::of(state);
            let mut lines: Vec<Line> = body.lines().map(|l| Line::from(l.to_string())).collect();
            lines.push(Line::from(""));
            lines.push(Line::styled("Enter or Esc closes", theme.dim()));
            let bad = *level != super::super::state::Level::Info;
            boxed(frame, area, state, &format!(" {title} "), lines, 72, bad);
        }
    }
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
            HelpLine::Title(title) => Line::styled(*title, theme.accent()),
            HelpLine::Key(key, what) => Line::from(vec![
                Span::styled(format!("  {key:<15} "), theme.bold()),
                Span::raw(what.clone()),
            ]),
            HelpLine::More(what) => Line::from(format!("{indent}{what}")),
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
