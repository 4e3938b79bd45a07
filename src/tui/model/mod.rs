//! What each tab of the app holds, one file per tab: the Catalog's tree and filter, the
//! cart with its checkout form, the Orders and Quotes books with their filters and the
//! open item, the Reports' query and result. [`super::state::State`] holds one of each;
//! `update` changes them and `view` draws them, neither keeps state of its own.

pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod customers;
pub mod followup;
pub mod order_book;
pub mod orders;
pub mod palette;
pub mod palette_item;
pub mod quotes;
pub mod reports;
