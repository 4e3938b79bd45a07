//! The domain: the price list, money, the cart, orders and quotes with their one rules
//! guard, customers, price regions and the decisions two desks' edits need. Pure data and
//! rules: nothing here reads a file, asks the clock, or imports a terminal or argument
//! crate (`tests/architecture.rs` fails if it does), so every layer above can trust it.

pub mod cart;
pub mod catalog;
pub mod customer;
pub mod decision;
pub mod format;
pub mod money;
pub mod order;
pub mod order_id;
pub mod pricelist;
pub mod quote;
pub mod quote_decision;
pub mod region;
pub mod region_words;
pub mod rules;
pub mod text;
