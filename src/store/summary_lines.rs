//! What reports need of an order's lines, kept in every summary: for each line its family,
//! service and tier names as sold, its quantity and its frozen line total.
//!
//! A book of 100,000 orders holds about 300,000 lines but only a few dozen distinct
//! (family, service, tier) names, so the names are shared: each line points at one
//! [`LineLabel`] (8 bytes) instead of carrying three strings of its own.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use rust_decimal::Decimal;

use crate::domain::order::OrderLine;

/// The names a line was sold under, as frozen in the order file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineLabel {
    pub family: String,
    pub service: String,
    pub tier: String,
}

/// One line of a summary: its names, quantity and exact line total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryLine {
    pub label: Arc<LineLabel>,
    pub quantity: u32,
    pub total: Decimal,
}

impl SummaryLine {
    pub fn of(line: &OrderLine) -> SummaryLine {
        SummaryLine {
            label: label(&line.family, &line.service, &line.tier),
            quantity: line.quantity,
            total: line.line_total,
        }
    }
}

/// At most this many distinct names are shared. A folder of hostile files could name
/// every line differently; past the cap, labels are simply not shared, so the table
/// cannot grow without bound over reloads.
const MAX_SHARED: usize = 4096;

static SHARED: LazyLock<Mutex<HashMap<LineLabel, Arc<LineLabel>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The shared label for these names (a new one if the table is full).
pub fn label(family: &str, service: &str, tier: &str) -> Arc<LineLabel> {
    let key = LineLabel {
        family: family.to_string(),
        service: service.to_string(),
        tier: tier.to_string(),
    };
    // A poisoned lock only means another thread panicked mid-insert; the map is still
    // a valid map, so it is used as is.
    let mut shared = SHARED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = shared.get(&key) {
        return Arc::clone(found);
    }
    let made = Arc::new(key.clone());
    if shared.len() < MAX_SHARED {
        shared.insert(key, Arc::clone(&made));
    }
    made
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_names_share_one_label() {
        let a = label("Fam", "Svc", "Gold");
        let b = label("Fam", "Svc", "Gold");
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &label("Fam", "Svc", "Silver")));
    }
}
