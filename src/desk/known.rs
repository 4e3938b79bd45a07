//! What the desk already knows of a customer: the country from the customer book, else
//! from the newest past quote or order that recorded one. Both front ends ask here, so a
//! customer seen before is priced in the same region however the rep names them.

use crate::domain::customer::{Customer, name_key, name_key_chars};
use crate::domain::quote::Quote;
use crate::domain::region::{self, Answer};
use crate::store::summary::OrderSummary;

/// Where the desk looks a customer up: what the front end has read of the book, the
/// quotes and the orders. Any of them may be empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    pub book: &'a [Customer],
    pub quotes: &'a [Quote],
    pub orders: &'a [OrderSummary],
}

/// Where a known country came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Book,
    Quote(String),
    Order(String),
}

impl Source {
    /// For the line under the country field, short enough that the region after it
    /// still shows at 60 columns: "customer book", "past quote", "past order".
    pub fn describe(&self) -> &'static str {
        match self {
            Source::Book => "customer book",
            Source::Quote(_) => "past quote",
            Source::Order(_) => "past order",
        }
    }

    /// One word, as the form's suggestions show it.
    pub fn word(&self) -> &'static str {
        match self {
            Source::Book => "book",
            Source::Quote(_) => "quote",
            Source::Order(_) => "order",
        }
    }
}

/// A customer's country and where the desk learnt it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownCountry {
    pub answer: Answer,
    pub source: Source,
}

impl Known<'_> {
    /// The customer's country: the book's entry first (the rep keeps it); else the newest
    /// quote or order of that name that recorded a country the rules still know. `None`
    /// for a customer never seen, or seen only without a country.
    pub fn country_of(&self, customer: &str) -> Option<KnownCountry> {
        let key = name_key(customer);
        if key.is_empty() {
            return None;
        }
        if let Some(c) = self.book.iter().find(|c| is_named(&c.name, &key)) {
            // A book entry settles it, even without a usable country: the book is what
            // the rep keeps, and an older order must not override it.
            return c.country_answer().map(|answer| KnownCountry {
                answer,
                source: Source::Book,
            });
        }
        let quotes = self.quotes.iter().filter_map(|q| {
            let country = q.country.as_deref()?;
            is_named(&q.customer, &key)
                .then(|| (q.created_at, country, Source::Quote(q.id.clone())))
        });
        let orders = self.orders.iter().filter_map(|o| {
            let country = o.country.as_deref()?;
            is_named(&o.customer, &key)
                .then(|| (o.created_at, country, Source::Order(o.id.clone())))
        });
        // Newest first; among equal times the larger id, so the answer never depends on
        // the order the front end holds them in.
        let (_, country, source) = quotes.chain(orders).max_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| source_id(&a.2).cmp(source_id(&b.2)))
        })?;
        let answer = region::find(country).ok()?;
        Some(KnownCountry { answer, source })
    }
}

fn source_id(s: &Source) -> &str {
    match s {
        Source::Book => "",
        Source::Quote(id) | Source::Order(id) => id,
    }
}

/// True when `name` reads as `key` ([`name_key`]) without building a new string: this
/// runs over every order on each keystroke in the customer field.
fn is_named(name: &str, key: &str) -> bool {
    name_key_chars(name).eq(key.chars())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::CustomerForm;

    #[test]
    fn a_name_reads_as_its_key_whatever_its_spacing_and_case() {
        for name in [
            "Rio Foods",
            "  rio   FOODS ",
            "RIO\tfoods",
            "Straße AG",
            "İstanbul Ltd",
        ] {
            assert!(is_named(name, &name_key(name)), "{name}");
        }
        assert!(is_named("  Rio   Foods ", "rio foods"));
        assert!(!is_named("Rio Foods", "rio food"));
        assert!(!is_named("Rio Food", "rio foods"));
        assert!(!is_named("RioFoods", "rio foods"));
        assert!(!is_named("Rio Foods Ltd", "rio foods"));
    }

    #[test]
    fn i22_a_look_alike_name_is_the_book_customer() {
        let book = [CustomerForm {
            name: "Acme".into(),
            country: "BR".into(),
            ..CustomerForm::default()
        }
        .check()
        .unwrap()];
        let known = Known {
            book: &book,
            ..Known::default()
        };
        for typed in ["Acme\u{200B}", "Ａｃｍｅ", "a\u{00AD}cme"] {
            let k = known.country_of(typed);
            assert_eq!(
                k.map(|k| (k.answer.code, k.source)),
                Some(("BR".to_string(), Source::Book)),
                "{typed:?}"
            );
            assert!(is_named(typed, "acme"), "{typed:?}");
        }
    }

    fn summary(id: &str, customer: &str, country: Option<&str>, at: &str) -> OrderSummary {
        let mut o = crate::domain::decision::tests::placed();
        o.id = id.into();
        o.customer = customer.into();
        o.country = country.map(Into::into);
        o.created_at = at.parse().unwrap();
        OrderSummary::of(&o)
    }

    #[test]
    fn the_book_first_then_the_newest_quote_or_order_with_a_country() {
        let orders = [
            summary(
                "20260101-090000-a",
                "Rio Foods",
                Some("BR"),
                "2026-01-01T09:00:00Z",
            ),
            summary(
                "20260301-090000-a",
                "rio  foods",
                Some("PT"),
                "2026-03-01T09:00:00Z",
            ),
            summary(
                "20260401-090000-a",
                "Rio Foods",
                None,
                "2026-04-01T09:00:00Z",
            ),
            summary(
                "20260501-090000-a",
                "Other",
                Some("JP"),
                "2026-05-01T09:00:00Z",
            ),
        ];
        let known = Known {
            orders: &orders,
            ..Known::default()
        };
        let k = known.country_of("RIO FOODS").unwrap();
        assert_eq!(k.answer.code, "PT", "the newest order with a country");
        assert_eq!(k.source, Source::Order("20260301-090000-a".into()));
        assert_eq!(known.country_of("Nobody"), None);
        assert_eq!(known.country_of("  "), None);

        let book = [CustomerForm {
            name: "Rio Foods".into(),
            country: "BR".into(),
            ..CustomerForm::default()
        }
        .check()
        .unwrap()];
        let known = Known {
            book: &book,
            orders: &orders,
            ..Known::default()
        };
        let k = known.country_of("rio foods").unwrap();
        assert_eq!((k.answer.code.as_str(), k.source), ("BR", Source::Book));
    }

    #[test]
    fn a_quote_newer_than_every_order_gives_its_country() {
        let orders = [summary(
            "20260101-090000-a",
            "Rio Foods",
            Some("BR"),
            "2026-01-01T09:00:00Z",
        )];
        let mut q = Quote::from_priced(
            crate::domain::decision::tests::placed(),
            jiff::civil::date(2026, 12, 31),
        );
        q.id = "Q-20260601-090000-a".into();
        q.customer = "Rio Foods".into();
        q.country = Some("AR".into());
        q.created_at = "2026-06-01T09:00:00Z".parse().unwrap();
        let quotes = [q];
        let known = Known {
            quotes: &quotes,
            orders: &orders,
            ..Known::default()
        };
        let k = known.country_of("Rio Foods").unwrap();
        assert_eq!(k.answer.code, "AR");
        assert_eq!(k.source.word(), "quote");
    }
}
