//! The Cart tab: the cart being built, the carts before each change (so a mistaken key
//! is undone), the selected line, and the checkout form with the one left with Esc.

use crate::domain::cart::Cart;

use super::checkout::Checkout;

/// How many cart states undo remembers.
pub const UNDO_DEPTH: usize = 100;

#[derive(Debug, Default)]
pub struct CartTab {
    pub cart: Cart,
    /// Earlier carts, newest last, so any cart change can be undone.
    pub undo: Vec<(Cart, String)>,
    /// Selected line of the cart table.
    pub selected: usize,
    pub checkout: Option<Checkout>,
    /// The checkout form as the rep left it with Esc, brought back by the next `c`.
    pub checkout_draft: Option<Checkout>,
    /// The sales rep typed at the last checkout, prefilled in the next form.
    pub last_rep: Option<String>,
    /// The open quote whose lines the cart holds to revise (`E` in Quotes): `Q` then saves
    /// the cart as its next revision.
    pub revising: Option<crate::domain::quote::Quote>,
}
