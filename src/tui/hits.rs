//! Where things were drawn, for the mouse: each frame the views note the rectangle of each
//! tab and each visible row, and a click is mapped to what is under it in the frame the
//! rep is looking at. The keyboard stays first; the mouse only points.

use ratatui::layout::{Position, Rect};

use super::state::Screen;

/// The list a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    Lists,
    Families,
    Services,
    Tiers,
    Cart,
    Quotes,
    Orders,
    Customers,
}

/// Something the rep can click.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A tab of the top bar.
    Tab(Screen),
    /// Row `n` (a position in the list as the state counts it) of a list.
    Row(Rows, usize),
}

/// The clickable rectangles of one frame, in drawing order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    areas: Vec<(Rect, Target)>,
}

impl Hits {
    pub fn add(&mut self, area: Rect, target: Target) {
        self.areas.push((area, target));
    }

    /// The rows of a bordered list drawn in `area`: `header` rows under the top border,
    /// then one row per item from item `first`, `len` items in all (only those that fit).
    pub fn rows(&mut self, area: Rect, header: u16, first: usize, len: usize, list: Rows) {
        let inner = area.inner(ratatui::layout::Margin::new(1, 1));
        let top = inner.y + header;
        let room = inner.height.saturating_sub(header);
        for i in 0..room {
            let item = first + usize::from(i);
            if item >= len {
                break;
            }
            self.add(
                Rect::new(inner.x, top + i, inner.width, 1),
                Target::Row(list, item),
            );
        }
    }

    /// What is at column `x`, row `y`; the last drawn wins, as on screen.
    pub fn at(&self, x: u16, y: u16) -> Option<Target> {
        self.areas
            .iter()
            .rev()
            .find(|(area, _)| area.contains(Position::new(x, y)))
            .map(|(_, target)| *target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_start_under_the_border_and_header_and_stop_at_the_list_end() {
        let mut hits = Hits::default();
        hits.rows(Rect::new(0, 5, 20, 10), 1, 3, 5, Rows::Orders);
        assert_eq!(hits.at(2, 5), None, "border");
        assert_eq!(hits.at(2, 6), None, "header");
        assert_eq!(hits.at(2, 7), Some(Target::Row(Rows::Orders, 3)));
        assert_eq!(hits.at(2, 8), Some(Target::Row(Rows::Orders, 4)));
        assert_eq!(hits.at(2, 9), None, "past the last item");
        assert_eq!(hits.at(19, 7), None, "right border");
    }
}
