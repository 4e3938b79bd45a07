//! This desk's tag, the last part of every id it makes, kept in the user's config folder:
//! the file side of [`crate::domain::order_id`], which only says what a tag looks like.

use crate::domain::order_id::{encode, is_tag};

/// The file in the user's config folder that keeps the tag.
pub const TAG_FILE: &str = "desk-tag";

/// This desk's tag, so ids made by two desks differ by construction: a random tag made
/// once per user and kept in the user's config folder (`desk-tag`). `ORDER_DESK_DESK`
/// overrides it (letters and digits, up to 8). Ids made with older 4-character tags stay
/// valid and readable.
pub fn desk_tag() -> String {
    desk_tag_in(&super::user_dirs::UserDirs::from_env())
}

/// [`desk_tag`] with the user's folders given.
pub fn desk_tag_in(dirs: &super::user_dirs::UserDirs) -> String {
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
        let (bytes, _) = super::files::read_regular(&path, 64).ok()?;
        let tag = String::from_utf8(bytes).ok()?.trim().to_string();
        is_tag(&tag).then_some(tag)
    };
    if let Some(tag) = read() {
        return Some(tag);
    }
    super::user_dirs::ensure_private(config).ok()?;
    let tag = random_tag();
    let (tmp, mut file) = super::files::create_temp(config, TAG_FILE).ok()?;
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

/// Hashes a seed into a tag (FNV-1a: stable across builds and platforms); used only when
/// there is no config folder to keep a random tag in.
pub fn tag_for(seed: &str) -> String {
    encode(super::user_dirs::fnv1a(seed.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order_id::TAG_LEN;

    #[test]
    fn tags_from_a_seed_are_stable_and_full_length() {
        assert_eq!(tag_for("host/user"), tag_for("host/user"));
        assert_ne!(tag_for("host/user"), tag_for("host/other"));
        assert_eq!(tag_for("x").len(), TAG_LEN);
    }

    #[test]
    fn b18_desk_tags_are_random_kept_per_user_and_40_bits() {
        let dir = tempfile::tempdir().unwrap();
        let one = super::super::user_dirs::UserDirs::under(&dir.path().join("one"));
        let two = super::super::user_dirs::UserDirs::under(&dir.path().join("two"));
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
