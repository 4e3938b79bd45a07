//! A row of the command palette and where it goes: plain data, so the state can hold
//! what the palette found without importing the search that finds it.

use crate::domain::catalog::TierRef;

/// Where a row of the palette goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Order(String),
    Quote(String),
    /// The Orders of this customer (the search set to the name).
    Customer(String),
    Tier(TierRef),
    /// An action of the current screen: its key as the help writes it, and what it does.
    Key(&'static str, &'static str),
}

/// One row: what kind of thing it is, what it says, where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: &'static str,
    pub label: String,
    pub target: Target,
}
