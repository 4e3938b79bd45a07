//! The command palette (`:` or Ctrl-P): part of an order id, a quote id, a customer's
//! name, a SKU or a tier's name, and the app goes there; or the name of an action of the
//! current screen, taken from the keymap's own help, so a rep who forgets a key finds it.

pub use super::palette_item::{Item, Target};

use super::super::keymap;
use super::super::state::State;

/// The most rows the palette lists: enough to pick from, bounded however large the book.
pub const MAX_ITEMS: usize = 40;

/// What `query` finds, actions of this screen first, then orders, quotes, customers and
/// tiers; every word typed must occur (any case, any order). An empty query lists the
/// screen's actions.
pub fn items(state: &State, query: &str) -> Vec<Item> {
    let query = query.to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    let hit = |text: &str| {
        let text = text.to_lowercase();
        words.iter().all(|w| text.contains(w))
    };
    let mut out = Vec::new();
    // The screen's own section of the help, then the keys that work everywhere.
    for (_, lines) in keymap::help(state).into_iter().take(2) {
        for (key, what) in lines.iter() {
            if hit(&format!("{key} {what}")) {
                out.push(Item {
                    kind: "key",
                    label: format!("{key:<8} {what}"),
                    target: Target::Key(key, what),
                });
            }
        }
    }
    if words.is_empty() {
        out.truncate(MAX_ITEMS);
        return out;
    }
    let mut customers = std::collections::BTreeSet::new();
    for o in &state.orders.book.orders {
        if out.len() >= MAX_ITEMS {
            break;
        }
        // The summary's search text already holds id, customer, rep, SKUs and notes in
        // lower case.
        if words.iter().all(|w| o.search.contains(w)) {
            out.push(Item {
                kind: "order",
                label: format!("{} {}", o.id, o.customer),
                target: Target::Order(o.id.clone()),
            });
        }
        if hit(&o.customer) {
            customers.insert(o.customer.clone());
        }
    }
    for q in &state.quotes.quotes {
        if out.len() >= MAX_ITEMS {
            break;
        }
        if hit(&format!("{} {}", q.id, q.customer)) {
            out.push(Item {
                kind: "quote",
                label: format!("{} {}", q.id, q.customer),
                target: Target::Quote(q.id.clone()),
            });
        }
        if hit(&q.customer) {
            customers.insert(q.customer.clone());
        }
    }
    for c in &state.customers {
        if hit(&c.name) {
            customers.insert(c.name.clone());
        }
    }
    for name in customers {
        out.push(Item {
            kind: "customer",
            label: format!("{name}: its orders"),
            target: Target::Customer(name),
        });
    }
    for entry in state.setup.catalog.tiers() {
        let text = format!(
            "{} {} {}",
            entry.tier.sku, entry.service.name, entry.tier.tier
        );
        if hit(&text) {
            out.push(Item {
                kind: "tier",
                label: format!(
                    "{} · {} {}",
                    entry.tier.sku, entry.service.name, entry.tier.tier
                ),
                target: Target::Tier(entry.at),
            });
        }
    }
    out.truncate(MAX_ITEMS);
    out
}
