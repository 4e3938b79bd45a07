//! Order ids: unique, human-friendly, sortable by date, safe across desks.
//!
//! An id reads `20261126-143005-k7q2m8vd`: the UTC date and time of checkout, then the
//! desk tag (random, made once per user) so two desks that later share one folder (for
//! example through git) never make the same id. Two processes on one desk in the same second are kept apart by the
//! store, which claims ids with a no-clobber create and adds `-2`, `-3`… when taken.

use jiff::Timestamp;

/// The longest id accepted.
pub const MAX_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("order id is empty")]
    Empty,
    #[error("order id is too long: at most {MAX_LEN} characters")]
    TooLong,
    #[error(
        "order id '{}' may only hold letters, digits and '-' (no paths, no '..'); copy it from `order-desk orders`",
        crate::domain::text::escaped(.0)
    )]
    BadCharacters(String),
}

/// Checks an id typed by a user or read from a file before it is used as a file name.
pub fn validate(id: &str) -> Result<(), IdError> {
    if id.is_empty() {
        return Err(IdError::Empty);
    }
    if id.len() > MAX_LEN {
        return Err(IdError::TooLong);
    }
    if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || id.starts_with('-') {
        return Err(IdError::BadCharacters(id.chars().take(MAX_LEN).collect()));
    }
    Ok(())
}

/// The id for an order placed at `now` by `desk`; `attempt` 1 is the plain id, later
/// attempts add a suffix.
pub fn make(now: Timestamp, desk: &str, attempt: u32) -> String {
    let base = format!("{}-{desk}", now.strftime("%Y%m%d-%H%M%S"));
    if attempt <= 1 {
        base
    } else {
        format!("{base}-{attempt}")
    }
}

/// A quote's id: this prefix, then an order id's form.
pub const QUOTE_PREFIX: &str = "Q-";

/// Checks a quote id typed by a user or read from a file before it names a file.
pub fn validate_quote(id: &str) -> Result<(), String> {
    let (id, _) = quote_revision(id);
    let Some(rest) = id.strip_prefix(QUOTE_PREFIX) else {
        return Err(format!(
            "'{}' is not a quote id: quote ids start with {QUOTE_PREFIX} (see `order-desk quotes`)",
            crate::domain::text::escaped(id)
        ));
    };
    validate(rest).map_err(|e| e.to_string().replace("order id", "quote id"))
}

/// A quote id's first revision's id and its revision number: `Q-…-k7q2-r3` is revision 3
/// of `Q-…-k7q2`; an id without a suffix is revision 1.
pub fn quote_revision(id: &str) -> (&str, u32) {
    if let Some((base, n)) = id.rsplit_once("-r")
        && let Ok(n) = n.parse::<u32>()
        && (2..=99).contains(&n)
        && !n.to_string().starts_with('0')
        && id.ends_with(&format!("-r{n}"))
    {
        return (base, n);
    }
    (id, 1)
}

/// The id of revision `n` of the quote whose first revision is `base`.
pub fn quote_revision_id(base: &str, n: u32) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}-r{n}")
    }
}

/// The characters of a desk tag: lower-case letters and digits without look-alikes.
const ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz023456789";
/// Characters in a desk tag: 8 × 5 bits = 40 random bits, so among 10,000 desks the
/// chance that any two share a tag is under one in 20,000 (the old 4-character hashed
/// tags collided 38% of the time among 1,000).
pub const TAG_LEN: usize = 8;
/// True for a tag of this desk's form: [`TAG_LEN`] characters of the alphabet.
pub fn is_tag(tag: &str) -> bool {
    tag.len() == TAG_LEN && tag.bytes().all(|b| ALPHABET.contains(&b))
}

/// A tag from 40 of `bits` (five a character).
pub fn encode(bits: u64) -> String {
    (0..TAG_LEN)
        .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_time_and_carry_the_desk() {
        let a = make("2026-11-26T09:05:03Z".parse().unwrap(), "k7q2", 1);
        let b = make("2026-11-26T10:00:00Z".parse().unwrap(), "aaaa", 1);
        assert_eq!(a, "20261126-090503-k7q2");
        assert!(a < b);
        assert_eq!(
            make("2026-11-26T09:05:03Z".parse().unwrap(), "k7q2", 3),
            "20261126-090503-k7q2-3"
        );
        validate(&a).unwrap();
    }

    #[test]
    fn typed_ids_cannot_escape_the_folder() {
        for bad in ["../x", "a/b", "..", "a\\b", "", ".hidden", "-x", "a b"] {
            assert!(validate(bad).is_err(), "{bad}");
        }
        // The longest id allowed is kept; one character more is refused.
        validate(&"a".repeat(MAX_LEN)).unwrap();
        assert!(matches!(
            validate(&"a".repeat(MAX_LEN + 1)),
            Err(IdError::TooLong)
        ));
        // Ids made with the old 4-character tags stay valid.
        validate("20261126-090503-4d9c").unwrap();
        validate("20261126-090503-4d9c-2").unwrap();
    }
}
