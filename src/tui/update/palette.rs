//! The command palette: open it, type, move through what it finds, and go there.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::super::action::Effect;
use super::super::model::catalog::{self, Column};
use super::super::model::palette::{Target, items};
use super::super::state::{Popup, Screen, State};
use super::Ctx;

/// `:` or Ctrl-P: an empty palette listing the screen's actions.
pub(super) fn open(state: &mut State) {
    state.line.clear();
    let found = items(state, "");
    state.popup = Some(Popup::Palette { selected: 0, found });
}

/// ↑ ↓ in the palette.
pub(super) fn step(state: &mut State, to: impl Fn(usize, usize) -> usize) {
    if let Some(Popup::Palette { selected, found }) = &mut state.popup {
        *selected = to(*selected, found.len()).min(found.len().saturating_sub(1));
    }
}

/// What was typed changed: what it finds, the first row the one Enter takes.
pub(super) fn typed(state: &mut State) {
    let now = items(state, state.line.value());
    if let Some(Popup::Palette { selected, found }) = &mut state.popup {
        *selected = 0;
        *found = now;
    }
}

/// Enter: goes where the selected row says.
pub(super) fn go(state: &mut State, ctx: &Ctx, fx: &mut Vec<Effect>) {
    let Some(Popup::Palette { selected, found }) = &state.popup else {
        return;
    };
    let Some(item) = found.get(*selected).cloned() else {
        state.warn("Nothing found: type part of an id, a customer, a SKU or a key's name");
        return;
    };
    state.popup = None;
    state.line.clear();
    match item.target {
        Target::Order(id) => super::quotes::jump_to_order(state, &id, ctx, fx),
        Target::Quote(id) => super::quotes::jump_to_quote(state, &id, ctx, fx),
        // The customer's page: who they are, their quotes and their orders.
        Target::Customer(name) => {
            super::customers::show_page(state, &name, ctx, fx);
            state.info(format!(
                "{}: Enter opens a quote or order, Esc lists every customer",
                crate::domain::text::clean(&name)
            ));
        }
        Target::Tier(at) => {
            super::show(state, Screen::Catalog, fx);
            state.browse.filter.clear();
            let tree = catalog::tree(&state.setup.catalog, "");
            if state.browse.select_tier(&tree, at) {
                state.browse.column = Column::Tiers;
            }
        }
        Target::Key(key, what) => match key_of(key) {
            // The action runs as if its key were pressed on this screen.
            Some(k) => {
                if let Some(action) = super::super::keymap::map(k, state) {
                    fx.extend(super::update(state, action, ctx));
                }
            }
            None => state.info(format!("{key}: {what}")),
        },
    }
}

/// The key a help line names first ("f / F" is f), when it is one key.
fn key_of(label: &str) -> Option<KeyEvent> {
    let first = label.split_whitespace().next()?;
    let code = match first {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "Space" => KeyCode::Char(' '),
        one if one.chars().count() == 1 => KeyCode::Char(one.chars().next()?),
        _ => return None,
    };
    Some(KeyEvent::new(code, KeyModifiers::NONE))
}
