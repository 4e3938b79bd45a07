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

/// The characters of a desk tag: lower-case letters and digits without look-alikes.
const ALPHABET: &[u8; 32] = b"abcdefghjkmnpqrstuvwxyz023456789";
/// Characters in a desk tag: 8 × 5 bits = 40 random bits, so among 10,000 desks the
/// chance that any two share a tag is under one in 20,000 (the old 4-character hashed
/// tags collided 38% of the time among 1,000).
pub const TAG_LEN: usize = 8;
/// The file in the user's config folder that keeps the tag.
pub const TAG_FILE: &str = "desk-tag";

/// This desk's tag, so ids made by two desks differ by construction: a random tag made
/// once per user and kept in the user's config folder (`desk-tag`). `ORDER_DESK_DESK`
/// overrides it (letters and digits, up to 8). Ids made with older 4-character tags stay
/// valid and readable.
pub fn desk_tag() -> String {
    desk_tag_in(&crate::user_dirs::UserDirs::from_env())
}

/// [`desk_tag`] with the user's folders given.
pub fn desk_tag_in(dirs: &crate::user_dirs::UserDirs) -> String {
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
    if let Some(config) = &dirs.config
        && let Some(tag) = kept_tag(config)
    {
        return tag;
    }
    // No usable config folder: a tag from this machine and user, as before but longer.
    let user = crate::login_name();
    tag_for(&format!("{}/{user}", crate::host_name()))
}

/// The tag kept in `config`, made and kept there first if there is none yet.
fn kept_tag(config: &std::path::Path) -> Option<String> {
    use std::io::Write;
    let path = config.join(TAG_FILE);
    let read = || -> Option<String> {
        let (bytes, _) = crate::store::files::read_regular(&path, 64).ok()?;
        let tag = String::from_utf8(bytes).ok()?.trim().to_string();
        is_tag(&tag).then_some(tag)
    };
    if let Some(tag) = read() {
        return Some(tag);
    }
    crate::user_dirs::ensure_private(config).ok()?;
    let tag = random_tag();
    let (tmp, mut file) = crate::store::files::create_temp(config, TAG_FILE).ok()?;
    let written = file
        .write_all(format!("{tag}\n").as_bytes())
        .and_then(|()| file.sync_all());
    drop(file);
    // A no-clobber link: if two first runs race, both end up with the one kept tag.
    let kept = written.and_then(|()| std::fs::hard_link(&tmp, &path));
    let _ = std::fs::remove_file(&tmp);
    match kept {
        Ok(()) => Some(tag),
        Err(_) => read(),
    }
}

fn is_tag(tag: &str) -> bool {
    tag.len() == TAG_LEN && tag.bytes().all(|b| ALPHABET.contains(&b))
}

/// A fresh random tag. std seeds every `RandomState` from the operating system's random
/// source, so its keyed hash of the clock is unpredictable without another crate.
fn random_tag() -> String {
    use std::hash::{BuildHasher, RandomState};
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let bits = RandomState::new().hash_one((nanos, std::process::id()));
    encode(bits)
}

fn encode(bits: u64) -> String {
    (0..TAG_LEN)
        .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// Hashes a seed into a tag (FNV-1a: stable across builds and platforms); used only when
/// there is no config folder to keep a random tag in.
pub fn tag_for(seed: &str) -> String {
    encode(crate::user_dirs::fnv1a(seed.as_bytes()))
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
        assert_eq!(tag_for("x").len(), TAG_LEN);
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

    #[test]
    fn b18_desk_tags_are_random_kept_per_user_and_40_bits() {
        let dir = tempfile::tempdir().unwrap();
        let one = crate::user_dirs::UserDirs::under(&dir.path().join("one"));
        let two = crate::user_dirs::UserDirs::under(&dir.path().join("two"));
        let Some(a) = kept_tag(one.config.as_ref().unwrap()) else {
            panic!("no tag kept")
        };
        assert!(is_tag(&a), "{a}");
        assert_eq!(TAG_LEN * 5, 40);
        // The same user keeps the same tag; another user (another config) gets another.
        assert_eq!(kept_tag(one.config.as_ref().unwrap()).unwrap(), a);
        let b = kept_tag(two.config.as_ref().unwrap()).unwrap();
        assert_ne!(a, b);
        // A thousand fresh tags never collide (with 20-bit tags, 38% of runs would).
        let tags: std::collections::HashSet<String> = (0..1000).map(|_| random_tag()).collect();
        assert_eq!(tags.len(), 1000);
        // A damaged tag file is never used as is: the desk falls back to a tag made from
        // the host and user name (`desk_tag_in`), and the file is left for a person to see.
        let config = dir.path().join("three");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(config.join(TAG_FILE), "../../x\n").unwrap();
        assert_eq!(kept_tag(&config), None);
        // Eight characters outside the alphabet, or the alphabet at the wrong length.
        for damaged in ["../../xy", "abcdefghj", "abcdefg"] {
            std::fs::write(config.join(TAG_FILE), format!("{damaged}\n")).unwrap();
            assert_eq!(kept_tag(&config), None, "{damaged}");
        }
    }
}
