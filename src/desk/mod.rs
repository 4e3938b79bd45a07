//! The steps a rep takes, written once for both front ends: place an order or make a quote
//! from a cart (the customer's country settling the price region), re-quote a quote and
//! repurchase an order at today's prices, and find what the desk already knows of a
//! customer. The command line and the terminal app gather the input, call these and show
//! what comes back; neither patches a result.
//!
//! Promises:
//! - Pure: no file, no clock. The caller passes the time, the price list, and what it has
//!   read of the customer book, the quotes and the orders ([`Known`]). So the app's
//!   `update` stays pure and a test can place the same order through both front ends.
//! - A customer named again brings the same country whichever way it is named (the book,
//!   a past quote, a past order, a repurchase), in both front ends ([`Known::country_of`]).
//! - Steps that are one store call (accept or decline a quote, change a status, decide a
//!   clash) live in [`crate::store`], under the folder's lock, and both front ends call
//!   them there; they are not wrapped again here.

mod again;
mod known;
mod revise;
mod sale;

pub use again::{AgainError, repurchase, requote};
pub use known::{Known, KnownCountry, Source};
pub use revise::{Changes, ReviseError, as_revision, revise};
pub use sale::{RegionInput, price_order, price_quote, settle_region};
