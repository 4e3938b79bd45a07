//! Any bytes as a cart draft: a checked cart or a fault, never a panic; a cart that passes
//! is priced like the app would.
#![no_main]

use libfuzzer_sys::fuzz_target;
use order_desk::domain::catalog::Catalog;
use order_desk::store::parse_draft;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(cart) = parse_draft(bytes) {
        let catalog = Catalog::builtin();
        let _ = cart.total(&catalog);
        let _ = cart.units();
        let _ = cart.unknown_skus(&catalog);
    }
});
