//! Column widths from the content in view, for every table on screen.
//!
//! Money and ids are never cut: their column is exactly as wide as the widest cell in
//! view (the header and footer included) or it is hidden, and the table says what is
//! hidden. Text columns (names, customers) give way first, down to a few characters;
//! then whole columns are hidden, the least important first. What is left over goes to
//! the text columns, so right-aligned amounts keep to the right edge.

use unicode_width::UnicodeWidthStr;

/// How a column behaves when room is short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An amount: shown whole or hidden.
    Money,
    /// An id, a date, a quantity: shown whole or hidden.
    Exact,
    /// Words that may be cut with "…" down to `min` columns.
    Text { min: u16 },
}

/// One column: what it holds and how readily it is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col {
    kind: Kind,
    /// The widest cell in view.
    want: u16,
    /// 0: hidden only when nothing else helps; higher numbers are hidden first.
    drop: u8,
}

fn widest<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> u16 {
    cells
        .into_iter()
        .map(|c| c.as_ref().width())
        .max()
        .unwrap_or(0)
        .try_into()
        .unwrap_or(u16::MAX)
}

impl Col {
    /// A money column as wide as its widest cell (formatted amounts and the header).
    pub fn money<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Col {
        Col {
            kind: Kind::Money,
            want: widest(cells),
            drop: 0,
        }
    }

    /// A column that is never cut (ids, dates, quantities).
    pub fn exact<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Col {
        Col {
            kind: Kind::Exact,
            want: widest(cells),
            drop: 0,
        }
    }

    /// A text column that may be cut down to `min` columns (less when its cells are narrower).
    pub fn text<S: AsRef<str>>(cells: impl IntoIterator<Item = S>, min: u16) -> Col {
        let want = widest(cells);
        Col {
            kind: Kind::Text { min: min.min(want) },
            want,
            drop: 0,
        }
    }

    /// Hidden before columns with a lower rank when the table does not fit.
    pub fn drop_rank(mut self, rank: u8) -> Col {
        self.drop = rank;
        self
    }

    fn min(self) -> u16 {
        match self.kind {
            Kind::Text { min } => min,
            _ => self.want,
        }
    }

    pub fn is_money(self) -> bool {
        self.kind == Kind::Money
    }
}

/// The width that shows `col` whole.
pub fn want(col: Col) -> u16 {
    col.want
}

/// The widths of a table's columns; `None` for a hidden column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Widths(pub Vec<Option<u16>>);

impl Widths {
    /// The width of column `i`, 0 when it is hidden.
    pub fn of(&self, i: usize) -> u16 {
        self.0.get(i).copied().flatten().unwrap_or(0)
    }

    pub fn shown(&self, i: usize) -> bool {
        self.0.get(i).copied().flatten().is_some()
    }

    /// The cells of the shown columns, in order.
    pub fn keep<T>(&self, cells: Vec<T>) -> Vec<T> {
        cells
            .into_iter()
            .zip(&self.0)
            .filter_map(|(c, w)| w.map(|_| c))
            .collect()
    }

    /// The widths of the shown columns, for `Table::new`.
    pub fn constraints(&self) -> Vec<ratatui::layout::Constraint> {
        self.0
            .iter()
            .flatten()
            .map(|w| ratatui::layout::Constraint::Length(*w))
            .collect()
    }

    /// True when a money column of `cols` is hidden: the table must say so.
    pub fn money_hidden(&self, cols: &[Col]) -> bool {
        cols.iter()
            .zip(&self.0)
            .any(|(c, w)| c.is_money() && w.is_none())
    }
}

/// Lays `cols` out in `width` cells with `spacing` between shown columns.
pub fn layout(width: u16, spacing: u16, cols: &[Col]) -> Widths {
    let mut shown: Vec<bool> = vec![true; cols.len()];
    let needed = |shown: &[bool]| -> u32 {
        let n = shown.iter().filter(|s| **s).count() as u32;
        let mins: u32 = cols
            .iter()
            .zip(shown)
            .filter(|(_, s)| **s)
            .map(|(c, _)| u32::from(c.min()))
            .sum();
        mins + u32::from(spacing) * n.saturating_sub(1)
    };
    // Hide the highest-ranked columns first (the rightmost among equals); when nothing
    // ranked is left, text, then ids and counts, then amounts, each from the right: a
    // column is whole or gone.
    let last_of = |shown: &[bool], kind: fn(Kind) -> bool| {
        (0..cols.len())
            .rev()
            .find(|i| shown[*i] && kind(cols[*i].kind))
    };
    while needed(&shown) > u32::from(width) {
        let victim = (0..cols.len())
            .filter(|i| shown[*i] && cols[*i].drop > 0)
            .max_by_key(|i| (cols[*i].drop, *i))
            .or_else(|| last_of(&shown, |k| matches!(k, Kind::Text { .. })))
            .or_else(|| last_of(&shown, |k| k == Kind::Exact))
            .or_else(|| last_of(&shown, |_| true));
        match victim {
            Some(i) => shown[i] = false,
            None => break,
        }
    }
    // A column hidden early may fit again once a wider one went: bring back the most
    // important first.
    let mut hidden: Vec<usize> = (0..cols.len()).filter(|i| !shown[*i]).collect();
    hidden.sort_by_key(|i| (cols[*i].drop, *i));
    for i in hidden {
        shown[i] = true;
        if needed(&shown) > u32::from(width) {
            shown[i] = false;
        }
    }
    let mut widths: Vec<Option<u16>> = cols
        .iter()
        .zip(&shown)
        .map(|(c, s)| s.then_some(c.min()))
        .collect();
    let mut spare = u32::from(width).saturating_sub(needed(&shown));
    // Text columns grow toward their widest cell one cell at a time, in turn, so a long
    // name cannot starve a short one; the rest goes to the first text column.
    let texts: Vec<usize> = (0..cols.len())
        .filter(|i| shown[*i] && matches!(cols[*i].kind, Kind::Text { .. }))
        .collect();
    while spare > 0 {
        let mut grew = false;
        for &i in &texts {
            let w = widths[i].get_or_insert(0);
            if spare > 0 && *w < cols[i].want {
                *w += 1;
                spare -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    if let Some(&first) = texts.first() {
        let w = widths[first].get_or_insert(0);
        *w = w.saturating_add(u16::try_from(spare).unwrap_or(u16::MAX));
    }
    Widths(widths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_keeps_its_widest_amount_and_text_gives_way() {
        let cols = [
            Col::text(["AI Platform Scenario-specific Model Tuning Service"], 6),
            Col::money(["Line total", "$3,976,020,000.00"]),
        ];
        let w = layout(30, 1, &cols);
        assert_eq!(w.0, [Some(12), Some(17)]);
    }

    #[test]
    fn a_column_that_cannot_fit_is_hidden_never_cut() {
        let cols = [
            Col::text(["Standard"], 6),
            Col::exact(["Qty", "999"]).drop_rank(1),
            Col::money(["Unit price", "$1,300,000.00"]).drop_rank(2),
            Col::money(["Line total", "$1,298,700,000.00"]),
        ];
        let w = layout(30, 1, &cols);
        assert_eq!(w.0, [Some(8), Some(3), None, Some(17)]);
        assert!(w.money_hidden(&cols));
        // Narrower: the name goes before the total.
        let w = layout(22, 1, &cols);
        assert_eq!(w.0, [None, Some(3), None, Some(17)]);
        assert_eq!(w.keep(vec!["a", "b", "c", "d"]), ["b", "d"]);
        // Too narrow even for the total: hidden, not cut.
        let w = layout(12, 1, &cols);
        assert_eq!(w.0, [Some(8), Some(3), None, None]);
    }

    #[test]
    fn amounts_are_the_last_to_go() {
        // A hostile file's very long id gives way before the total.
        let cols = [
            Col::exact(["x".repeat(50)]),
            Col::money(["$3,976,020,000.00"]),
            Col::exact(["Unused"]),
        ];
        assert_eq!(layout(30, 1, &cols).0, [None, Some(17), Some(6)]);
    }

    #[test]
    fn spare_room_goes_to_text_up_to_its_content_then_to_the_first() {
        let cols = [
            Col::text(["Acme"], 2),
            Col::text(["Globex International"], 4),
            Col::money(["$5.00"]),
        ];
        assert_eq!(layout(20, 1, &cols).0, [Some(4), Some(9), Some(5)]);
        assert_eq!(layout(40, 1, &cols).0, [Some(13), Some(20), Some(5)]);
    }
}
