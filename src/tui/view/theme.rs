//! Styles with a meaning (selected, dimmed, allowed, blocked), with and without colour.
//! Only the terminal's own named colours that read on both light and dark themes are used
//! (no yellow, no blue) and never a background; under `NO_COLOR` only bold, reverse and dim remain.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::order::Status;

use super::super::state::{Level, State};

/// The styles of one frame.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn of(state: &State) -> Theme {
        Theme {
            color: state.setup.color,
        }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// The selected row of the focused list: reversed, so it shows without colour.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The remembered row of a list that is not focused.
    pub fn selected_unfocused(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn bold(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Headings, the focused border, the region.
    pub fn accent(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// An allowed action.
    pub fn good(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    /// A blocked action, a damaged file, an error.
    pub fn bad(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Magenta, not yellow: yellow text all but vanishes on a light background.
    pub fn warning(self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }

    pub fn level(self, level: Level) -> Style {
        match level {
            Level::Info => Style::new(),
            Level::Warning => self.warning(),
            Level::Error => self.bad(),
        }
    }

    pub fn status(self, status: Status) -> Style {
        match status {
            Status::Unused => Style::new(),
            Status::InDelivery => self.fg(Color::Cyan),
            Status::Delivered => self.fg(Color::Green),
            Status::Refunded => self.fg(Color::Magenta),
            Status::Expired => self.dim(),
        }
    }

    pub fn border(self, focused: bool) -> Style {
        if focused { self.accent() } else { self.dim() }
    }
}
