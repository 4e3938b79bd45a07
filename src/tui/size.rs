//! The smallest terminal the app draws in. Both the view (which draws a notice below it)
//! and the keymap (which then lets only q and Ctrl-C through) ask here, so neither needs
//! the other.

/// The smallest terminal the app draws in; below it a notice says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// True when a terminal of `width`×`height` cells shows the app. Below it only a notice
/// is drawn, and the keymap lets only q and Ctrl-C through: a key must not act on
/// something the rep cannot see.
pub fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT
}
