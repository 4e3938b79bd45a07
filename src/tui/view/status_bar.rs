//! The status bar: the last message, then the region, cart total, orders folder and
//! price list, always in view.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::money::format_usd;

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
    // Every list's lines: the cart is what the rep would check out.
    let (units, total) = super::cart::whole(state);
    let total = format_usd(total);
    let region = format!(" {} ", state.cart_tab.cart.region);
    let mut cart = format!("│ cart {units} unit(s) · {total} │ ");
    // An imported list by its id; the desk's own by where it came from.
    let list = if state.setup.catalog.list.id == crate::domain::catalog::BUILTIN_LIST {
        state.setup.catalog_label.as_str()
    } else {
        state.setup.catalog.list.id.as_str()
    };
    let mut tail = format!(" │ price list: {list}");
    let used = |cart: &str, tail: &str| width_of(&region) + width_of(cart) + width_of(tail);
    if used(&cart, &tail) + 20 > width {
        tail.clear();
    }
    if used(&cart, &tail) + 16 > width {
        cart = format!("│ cart {total} │ ");
    }
    // A team book's state comes before the folder, which gives way first, then the price
    // list's label, then the cart's unit count.
    let longest = team_segment(state, usize::MAX);
    if width_of(&longest) + used(&cart, &tail) + 10 > width {
        tail.clear();
    }
    // The team's longest form only where the folder can still be read beside it.
    let folder_needs =
        (width_of("orders: ") + width_of(&state.setup.orders_label)).min(FOLDER_ROOM);
    let mut team = team_segment(
        state,
        width.saturating_sub(used(&cart, &tail) + folder_needs),
    );
    if team.is_empty() {
        team = team_segment(state, width.saturating_sub(used(&cart, &tail) + 10));
    }
    if state.team.is_some() && team.is_empty() {
        cart = format!("│ cart {total} │ ");
        team = team_segment(state, width.saturating_sub(used(&cart, &tail) + 2));
    }
    let room = width.saturating_sub(used(&cart, &tail) + width_of(&team) + width_of("orders: "));
    let folder = if room >= 8 {
        format!("orders: {}", fit(&state.setup.orders_label, room))
    } else {
        String::new()
    };
    let line = Line::from(vec![
        Span::styled(region, theme.selected()),
        Span::styled(cart, theme.bold()),
        Span::styled(
            team,
            if waiting(state) > 0 {
                theme.warning()
            } else {
                theme.dim()
            },
        ),
        Span::raw(folder),
        Span::styled(tail, theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), facts);
}

/// The room the folder keeps beside the team's state when the bar has it: "orders: " and
/// enough of the path to know it.
const FOLDER_ROOM: usize = 20;

/// Orders and quotes waiting for a rep's decision on a team book (orders as the last sync
/// or `team status` listed them, quotes as loaded).
fn waiting(state: &State) -> usize {
    let Some(team) = &state.team else {
        return 0;
    };
    let quotes = state
        .quotes
        .quotes
        .iter()
        .filter(|q| !q.contested.is_empty())
        .count();
    team.decisions.len() + quotes
}

/// The team book's state in at most `room` columns: the longest form that fits, the
/// decisions kept to the last; empty when the folder is not a team book.
fn team_segment(state: &State, room: usize) -> String {
    let Some(team) = &state.team else {
        return String::new();
    };
    let decisions = match waiting(state) {
        0 => String::new(),
        n => format!(" · {n} decision(s)"),
    };
    let last = team
        .last_sync
        .as_deref()
        .and_then(|l| l.split_whitespace().next())
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .map_or("never".to_string(), |t| {
            state.setup.tz.to_datetime(t).strftime("%H:%M").to_string()
        });
    let forms = match &state.syncing {
        Some(step) => vec![format!("team: {step}… │ "), "team… │ ".to_string()],
        None => vec![
            format!(
                "team: synced {last} · {} to push · {} to pull{decisions} │ ",
                team.to_push, team.to_pull
            ),
            format!(
                "team {last} ↑{} ↓{}{decisions} │ ",
                team.to_push, team.to_pull
            ),
            format!("team{decisions} │ "),
        ],
    };
    forms
        .into_iter()
        .find(|f| width_of(f) <= room)
        .unwrap_or_default()
}
