//! Any bytes as a billing page, copied text or saved HTML: a price list or a refusal with
//! its reason, never a panic. A list that imports is also diffed against the built-in one
//! and written as RON, as `pricelist import` and `pricelist diff` do.
#![no_main]

use libfuzzer_sys::fuzz_target;
use order_desk::domain::pricelist::{Settle, builtin, diff, import_text};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match import_text(text, "", &Settle::default()) {
        Ok(list) => {
            let _ = diff(&builtin(), &list);
            let _ = ron::ser::to_string(&list);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
