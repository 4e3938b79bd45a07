//! The Quotes tab's data: every quote read from `quotes/` (a desk holds hundreds, not
//! the orders' hundred thousand, so whole quotes are kept), the damaged files, and the
//! rows the status filter and search let through.

use jiff::civil::Date;

use crate::domain::quote::{Quote, QuoteStatus, Standing};

use super::order_book::DamagedRow;

/// Which quotes the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuoteFilter {
    #[default]
    All,
    Only(Standing),
}

impl QuoteFilter {
    const CYCLE: [Standing; 4] = [
        Standing::Open,
        Standing::Accepted,
        Standing::Declined,
        Standing::Lapsed,
    ];

    /// All → Open → Accepted → Declined → Lapsed → All.
    pub fn next(self) -> QuoteFilter {
        match self {
            QuoteFilter::All => QuoteFilter::Only(Self::CYCLE[0]),
            QuoteFilter::Only(s) => {
                let at = Self::CYCLE.iter().position(|x| *x == s).unwrap_or(0);
                Self::CYCLE
                    .get(at + 1)
                    .map_or(QuoteFilter::All, |s| QuoteFilter::Only(*s))
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            QuoteFilter::All => "All",
            QuoteFilter::Only(s) => s.label(),
        }
    }
}

/// One row of the Quotes table: a damaged file or a quote, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteRow {
    Damaged(usize),
    Quote(usize),
}

/// The Quotes tab.
#[derive(Debug, Default)]
pub struct Quotes {
    /// Newest first, as the store lists them.
    pub quotes: Vec<Quote>,
    pub damaged: Vec<DamagedRow>,
    /// True once a first load finished (an empty table then means "no quotes").
    pub loaded: bool,
    /// True while a load runs in the background.
    pub loading: bool,
    /// `w` was pressed before the quotes were read: the follow-ups open once they are.
    pub follow_ups_waiting: bool,
    /// Why the last load failed, if it did.
    pub load_error: Option<String>,
    pub filter: QuoteFilter,
    pub search: String,
    /// The rows shown, damaged files first.
    pub index: Vec<QuoteRow>,
    /// Position in `index`.
    pub selected: usize,
    /// The id of the quote open in the detail view.
    pub detail: Option<String>,
    /// True while an accept, decline or new quote is being saved: a second key must not
    /// send it twice.
    pub busy: bool,
    /// The date the rows were last filtered for (lapsing depends on it).
    pub today: Option<Date>,
}

impl Quotes {
    /// Recomputes the rows after the quotes, the filter, the search or the date changed;
    /// keeps the selected quote selected when it is still shown.
    pub fn refilter(&mut self, today: Date) {
        let keep = self.selected_quote().map(|q| q.id.clone());
        self.today = Some(today);
        let words: Vec<String> = self
            .search
            .to_lowercase()
            .split_whitespace()
            .map(String::from)
            .collect();
        let mut rows = Vec::new();
        if self.filter == QuoteFilter::All {
            rows.extend(
                self.damaged
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| {
                        let hay = d.describe().to_lowercase();
                        words.iter().all(|w| hay.contains(w))
                    })
                    .map(|(i, _)| QuoteRow::Damaged(i)),
            );
        }
        rows.extend(
            self.quotes
                .iter()
                .enumerate()
                .filter(|(_, q)| match self.filter {
                    QuoteFilter::All => true,
                    QuoteFilter::Only(s) => q.standing(today) == s,
                })
                .filter(|(_, q)| {
                    let hay = search_text(q);
                    words.iter().all(|w| hay.contains(w))
                })
                .map(|(i, _)| QuoteRow::Quote(i)),
        );
        self.index = rows;
        self.selected = self.selected.min(self.index.len().saturating_sub(1));
        if let Some(id) = keep {
            self.select(&id);
        }
    }

    /// The quote under the cursor, if the row is a quote.
    pub fn selected_quote(&self) -> Option<&Quote> {
        match self.index.get(self.selected)? {
            QuoteRow::Quote(i) => self.quotes.get(*i),
            QuoteRow::Damaged(_) => None,
        }
    }

    /// The quote with this id.
    pub fn get(&self, id: &str) -> Option<&Quote> {
        self.quotes.iter().find(|q| q.id == id)
    }

    /// Moves the cursor to the quote `id` when it is shown.
    pub fn select(&mut self, id: &str) {
        let quotes = &self.quotes;
        if let Some(at) = self.index.iter().position(|r| match r {
            QuoteRow::Quote(i) => quotes[*i].id == id,
            QuoteRow::Damaged(_) => false,
        }) {
            self.selected = at;
        }
    }

    /// Puts `q` in the list: replacing the quote of the same id, or first as the newest.
    pub fn upsert(&mut self, q: Quote) {
        match self.quotes.iter_mut().find(|old| old.id == q.id) {
            Some(old) => *old = q,
            None => self.quotes.insert(0, q),
        }
    }
}

/// What `/` searches in a quote: id, customer, country, rep, note, SKUs, the linked order.
fn search_text(q: &Quote) -> String {
    let mut hay = format!(
        "{} {} {} {} {}",
        q.id,
        q.customer,
        q.country.as_deref().unwrap_or(""),
        q.rep,
        q.note.as_deref().unwrap_or("")
    );
    for line in &q.lines {
        hay.push(' ');
        hay.push_str(&line.sku);
    }
    if let crate::domain::quote::QuoteStatus::Accepted { order, .. } = &q.status {
        hay.push(' ');
        hay.push_str(order);
    }
    hay.to_lowercase()
}

/// A quote's closing in one line: what and by whom first, then when, then the order it
/// placed or the decline's reason (cut first on a narrow screen; an id goes whole or not
/// at all).
pub fn closing_line(tz: &jiff::tz::TimeZone, status: &QuoteStatus) -> String {
    let when = |at: jiff::Timestamp| tz.to_datetime(at).strftime("%Y-%m-%d %H:%M");
    match status {
        QuoteStatus::Accepted { order, at, by } => format!(
            "accepted by {}  {} → {}",
            crate::domain::text::clean(by),
            when(*at),
            crate::domain::text::clean(order)
        ),
        QuoteStatus::Declined { reason, at, by } => format!(
            "declined by {}  {}{}",
            crate::domain::text::clean(by),
            when(*at),
            reason.as_deref().map_or(String::new(), |r| format!(
                " · {}",
                crate::domain::text::clean(r)
            ))
        ),
        QuoteStatus::Superseded { quote, at, by } => format!(
            "revised by {}  {} → {}",
            crate::domain::text::clean(by),
            when(*at),
            crate::domain::text::clean(quote)
        ),
        QuoteStatus::Open => "open".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_cycles_through_every_standing_and_back() {
        let mut f = QuoteFilter::All;
        let mut seen = Vec::new();
        for _ in 0..5 {
            f = f.next();
            seen.push(f.label());
        }
        assert_eq!(seen, ["Open", "Accepted", "Declined", "Lapsed", "All"]);
    }
}
