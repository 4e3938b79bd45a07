//! Drawing the state: one module per region of the screen. Nothing here changes the
//! state or touches the disk; `draw` can run any number of times for the same picture.

mod cart;
mod catalog;
mod checkout;
mod columns;
mod customers;
mod detail;
mod field;
mod orders;
mod popup;
mod quote_detail;
mod quotes;
mod reports;
mod status_bar;
mod tabs;
pub mod text;
pub mod theme;

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::hits::Hits;
use super::state::{InputTarget, Screen, State};

pub use super::size::{MIN_HEIGHT, MIN_WIDTH, fits};

/// Draws the whole app for the state. `today` decides which orders show as expired.
pub fn draw(frame: &mut Frame, state: &State, today: Date) {
    draw_with_hits(frame, state, today);
}

/// Draws the whole app and says where its tabs and rows are, for the mouse.
pub fn draw_with_hits(frame: &mut Frame, state: &State, today: Date) -> Hits {
    let mut hits = Hits::default();
    let area = frame.area();
    if !fits(area.width, area.height) {
        // Nothing is shown, so nothing can be clicked.
        too_small(frame, area);
        return hits;
    }
    let [top, body, bottom] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
    ]));
    tabs::render(frame, top, state, &mut hits);
    match state.screen {
        Screen::Catalog => catalog::render(frame, body, state, &mut hits),
        Screen::Cart => cart::render(frame, body, state, &mut hits),
        Screen::Orders => match &state.orders.detail {
            Some(open) => detail::render(frame, body, state, open, today),
            None => orders::render(frame, body, state, today, &mut hits),
        },
        Screen::Quotes => match &state.quotes.detail {
            Some(id) => quote_detail::render(frame, body, state, id, today),
            None => quotes::render(frame, body, state, today, &mut hits),
        },
        Screen::Reports => reports::render(frame, body, state),
        Screen::Customers => customers::render(frame, body, state, &mut hits),
    }
    status_bar::render(frame, bottom, state);
    if let Some(form) = &state.cart_tab.checkout {
        checkout::render(frame, body, state, form);
    }
    if let Some(form) = &state.customers_tab.form {
        customers::form(frame, body, state, form);
    }
    if state.input == Some(InputTarget::Quantity) {
        popup::quantity(frame, body, state);
    }
    if let Some(p) = &state.popup {
        popup::render(frame, body, state, p);
    }
    hits
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from("terminal too small"),
        Line::from(format!(
            "{}×{}, need {MIN_WIDTH}×{MIN_HEIGHT}",
            area.width, area.height
        )),
        Line::from("q quits; other keys wait for a larger window"),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
