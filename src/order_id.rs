//! Order ids: unique, human-friendly, sortable by date, safe across desks.
//!
//! An id reads `20261126-143005-k7q2`: the UTC date and time of checkout, then a short
//! desk tag so two machines that later share one folder (for example through git) never
//! make the same id. Two processes on one desk in the same second are kept apart by the
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
        crate::text::escaped(.0)
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

/// A stable 4-character tag for this machine and user, so ids from two desks differ.
/// `ORDER_DESK_DESK` overrides it (letters and digits, up to 8).
pub fn desk_tag() -> String {
    if let Ok(tag) = std::env::var("ORDER_DESK_DESK") {
        let tag: String = tag
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        if !tag.is_empty() {
            return tag;
        }
    }
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_default();
    let user = crate::login_name();
    tag_for(&format!("{}/{user}", host.trim()))
}

/// Hashes a seed into 4 base-32 characters (FNV-1a: stable across builds and platforms).
pub fn tag_for(seed: &str) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz023456789";
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in seed.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (0..4)
        .map(|i| ALPHABET[((hash >> (i * 5)) & 31) as usize] as char)
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
        assert_eq!(tag_for("host/user"), tag_for("host/user"));
        assert_ne!(tag_for("host/user"), tag_for("host/other"));
        assert_eq!(tag_for("x").len(), 4);
    }
}
