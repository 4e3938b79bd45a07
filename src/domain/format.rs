//! Format versions of the files the desk writes (orders, quotes, customers).
//!
//! Promises:
//! - Every file this desk writes says which format it is in (`format: 3`, the first field).
//! - A file without a `format` field is format 1, the format before versions: it is read
//!   unchanged (format 2 only adds optional fields to it).
//! - A file that says it is in a newer format than this desk knows is reported as written
//!   by a newer Order Desk, apart from damaged files, and never rewritten: a team whose
//!   desks upgrade at different times loses nothing to the desk that upgrades last.
//!
//! Format 2 adds what a team needs: the events of an order that wait for a rep's decision
//! (`contested`) and the ones a decision voided (`voided`), and the same for quotes and
//! customers. A desk at format 1 would read those files as damaged, which is what the
//! version is for from now on.
//!
//! Format 3 adds a customer's `reference` (a purchase order number, printed on documents)
//! and an `internal_note` (for the desk only, never printed) to orders and quotes.

//!
//! Format 4 adds the price list an order or quote was priced from when it is not the
//! built-in one (`list`: its id, and its refund policy and validity as the page said
//! them), with that list's units and regions. Only such files are written at 4: a file of
//! the built-in list stays at 3, so a desk that does not know lists reads it as before,
//! and reports a list's order as written by a newer desk, never as damaged.

/// The newest format this desk reads.
pub const CURRENT: u32 = 4;
/// The format of a file that names no price list.
pub const BEFORE_LISTS: u32 = 3;
/// The format of an order or quote priced from an imported list.
pub const LISTS: u32 = 4;

/// The format a file is written in: the oldest that holds what it carries.
pub fn for_list(has_list: bool) -> u32 {
    if has_list { LISTS } else { BEFORE_LISTS }
}
/// The format of a file that names none: the one before format versions.
pub const UNVERSIONED: u32 = 1;

/// The serde default for a file without a `format` field.
pub fn unversioned() -> u32 {
    UNVERSIONED
}

/// The format a file says it is written in, read without understanding the rest of it,
/// so a file from a newer desk (with fields this one does not know) is still recognised.
/// `None` when the text is not RON or has no top-level `format` number.
pub fn declared(text: &str) -> Option<u32> {
    let value: ron::Value = ron::from_str(text).ok()?;
    let ron::Value::Map(map) = value else {
        return None;
    };
    let format = map.get(&ron::Value::String("format".into()))?;
    format.clone().into_rust::<u32>().ok()
}

/// Whether a file in `format` is newer than this desk reads.
pub fn is_newer(format: u32) -> bool {
    format > CURRENT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_file_is_recognised_even_with_fields_this_desk_does_not_know() {
        let text = "Order(\n    format: 5,\n    id: \"x\",\n    shiny: Some(Thing(a: 1)),\n)\n";
        assert_eq!(declared(text), Some(5));
        assert!(is_newer(5));
        assert_eq!(declared("Order(id: \"x\")"), None);
        assert_eq!(declared("not ron at all {"), None);
        assert!(!is_newer(CURRENT));
        assert!(!is_newer(UNVERSIONED));
    }
}
