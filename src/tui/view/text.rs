//! Fitting text into cells: control characters removed and long text cut with "…".

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use crate::domain::text::clean;

/// `text` cleaned and cut to `width` columns, ending in "…" when it was longer. A word
/// holding a digit (an amount, an id, a date) is never cut: it goes whole, so the screen
/// never shows "$203…" for $203,000.00.
pub fn fit(text: &str, width: usize) -> String {
    let text: Cow<str> = clean(text);
    if width_of(&text) <= width {
        return text.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut end = 0;
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        end = i + c.len_utf8();
    }
    let word_start = text[..end]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word_end = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    if text[word_start..word_end]
        .chars()
        .any(|c| c.is_ascii_digit())
    {
        end = word_start;
    }
    let kept = text[..end].trim_end();
    if kept.len() < end && !kept.is_empty() {
        // A number was dropped after a space: keep the space so "…" does not join the word.
        format!("{kept} …")
    } else {
        format!("{kept}…")
    }
}

/// Columns `text` takes on a terminal.
pub fn width_of(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The names of one list fitted to `width`, each told apart from the others. A name too
/// long for the room first gives up the leading words it shares with another name of the
/// list ("AI Cloud Service Application Migration Service" next to "AI Cloud Service AI
/// Model Migration Service" becomes "…Application Migration Service"), then its end is cut.
/// Two different names never come out the same while the room allows it: a clash falls
/// back to the names' ends, where they differ.
pub fn distinct<S: AsRef<str>>(names: &[S], width: usize) -> Vec<String> {
    distinct_among(names, &[] as &[&str], width)
}

/// [`distinct`], where the leading words a name shares with any of `context` (every name
/// of the price list, say) may also give way: "AI Platform Scenario-specific Model Tuning
/// Service" alone in its list still shows as "…Tuning Service".
pub fn distinct_among<S: AsRef<str>, C: AsRef<str>>(
    names: &[S],
    context: &[C],
    width: usize,
) -> Vec<String> {
    let names: Vec<String> = names
        .iter()
        .map(|n| clean(n.as_ref()).into_owned())
        .collect();
    let words: Vec<Vec<&str>> = names.iter().map(|n| n.split(' ').collect()).collect();
    let context: Vec<Vec<&str>> = context
        .iter()
        .map(|n| n.as_ref().split(' ').collect())
        .collect();
    let mut out: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            if width_of(name) <= width {
                return name.clone();
            }
            let shared = words
                .iter()
                .chain(&context)
                .filter(|other| **other != words[i])
                .map(|other| {
                    other
                        .iter()
                        .zip(&words[i])
                        .take_while(|(a, b)| a == b)
                        .count()
                })
                .max()
                .unwrap_or(0)
                .min(words[i].len().saturating_sub(1));
            let mut rest = words[i][shared..].to_vec();
            // "Service" ends most names and tells none apart: it goes before the end is cut.
            let last = rest.last().copied().unwrap_or_default();
            let common_end = words
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && other.last() == Some(&last));
            let start = if shared > 0 { "…" } else { "" };
            if common_end
                && rest.len() > 1
                && width_of(&format!("{start}{}", rest.join(" "))) > width
            {
                rest.pop();
            }
            fit(&format!("{start}{}", rest.join(" ")), width)
        })
        .collect();
    for i in 0..out.len() {
        let clash = (0..out.len()).any(|j| j != i && out[j] == out[i] && names[j] != names[i]);
        if clash {
            out[i] = tail(&names[i], width);
        }
    }
    out
}

/// `text` in `width` columns keeping its beginning and its end, the words between giving
/// way ("Region OC2: Outside China 2 … cart repriced to $203,000.00"): a message's last
/// words often carry the number it is about.
pub fn fit_ends(text: &str, width: usize) -> String {
    let text = clean(text);
    if width_of(&text) <= width {
        return text.into_owned();
    }
    let words: Vec<&str> = text.split(' ').collect();
    let mut tail_words = 0;
    let mut tail_width = 0;
    for word in words.iter().rev() {
        let w = width_of(word) + 1;
        if tail_width + w > width / 2 {
            break;
        }
        tail_width += w;
        tail_words += 1;
    }
    if tail_words == 0 || tail_words == words.len() {
        return fit(&text, width);
    }
    let tail = words[words.len() - tail_words..].join(" ");
    // Whole words of the head, then "…": a word cut in two ("Europe,…") reads as another.
    let room = width.saturating_sub(tail_width + 2);
    let mut head = String::new();
    for (kept, word) in words[..words.len() - tail_words].iter().enumerate() {
        let sep = usize::from(kept > 0);
        if width_of(&head) + sep + width_of(word) > room {
            break;
        }
        if sep == 1 {
            head.push(' ');
        }
        head.push_str(word);
    }
    if head.trim().is_empty() {
        let head = words[..words.len() - tail_words].join(" ");
        return format!("{} {tail}", fit(&head, width.saturating_sub(tail_width)));
    }
    format!("{head} … {tail}")
}

/// The end of `text` in `width` columns, after a "…".
fn tail(text: &str, width: usize) -> String {
    if width_of(text) <= width {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    if width == 0 {
        return String::new();
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// Splits `text` into lines of at most `width` columns at spaces (a word longer than a
/// line is cut with "…"), so wrapped text can keep an indent.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in clean(text).split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&fit(word, width));
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The first row shown so `selected` is visible in `rows` lines, paging a screen at a
/// time. Computed from the selection alone, so drawing never needs to change state.
pub fn page_offset(selected: usize, rows: usize) -> usize {
    if rows == 0 {
        0
    } else {
        selected - selected % rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_ends_in_an_ellipsis() {
        assert_eq!(fit("Model Distillation Service", 10), "Model Dis…");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("a\u{1b}[2Jb", 10), "ab");
    }

    #[test]
    fn numbers_are_dropped_whole_never_cut() {
        assert_eq!(
            fit("cart repriced to $203,000.00", 22),
            "cart repriced to …"
        );
        assert_eq!(fit("total $120,000.00 in OC1", 20), "total $120,000.00 i…");
        assert_eq!(fit("Order 20261127-015649-e6v2-2 saved", 20), "Order …");
        assert_eq!(fit("$1,300,000.00", 8), "…");
    }

    #[test]
    fn a_message_keeps_its_beginning_and_its_end() {
        let text = "Region OC2: Outside China 2 - USD (Europe, Africa, Brazil, and Middle East); cart repriced to $203,000.00";
        let cut = fit_ends(text, 60);
        assert_eq!(
            cut,
            "Region OC2: Outside China 2 - … cart repriced to $203,000.00"
        );
        assert!(width_of(&cut) <= 60);
        assert_eq!(fit_ends("short", 60), "short");
    }

    #[test]
    fn names_sharing_a_beginning_show_what_tells_them_apart() {
        let services = [
            "AI Cloud Service Migration and Adaptation Service",
            "AI Cloud Service AI Model Migration Service",
            "AI Cloud Service Application Migration Service",
        ];
        assert_eq!(
            distinct(&services, 24),
            [
                "…Migration and Adaptati…",
                "…AI Model Migration",
                "…Application Migration",
            ]
        );
        // Room enough: names stay whole.
        assert_eq!(distinct(&services, 60)[1], services[1]);
        let families = [
            "AI Platform Scenario-specific Model Development Service",
            "AI Platform Scenario-specific Model Tuning Service",
            "AI Platform Implementation Service",
        ];
        assert_eq!(
            distinct(&families, 16),
            ["…Development", "…Tuning Service", "…Implementation"]
        );
    }

    #[test]
    fn two_different_names_never_come_out_the_same() {
        let catalog = crate::domain::catalog::Catalog::builtin();
        let mut lists: Vec<Vec<&str>> = catalog
            .families
            .iter()
            .map(|f| f.services.iter().map(|s| s.name.as_str()).collect())
            .collect();
        lists.push(catalog.families.iter().map(|f| f.name.as_str()).collect());
        // Every service at once, as a cart holding one line of each shows them.
        lists.push(
            catalog
                .families
                .iter()
                .flat_map(|f| f.services.iter().map(|s| s.name.as_str()))
                .collect(),
        );
        let all: Vec<&str> = lists.concat();
        for names in &lists {
            for width in 10..60 {
                let shown = distinct_among(names, &all, width);
                for (i, a) in shown.iter().enumerate() {
                    assert!(width_of(a) <= width, "{a} wider than {width}");
                    for (j, b) in shown.iter().enumerate() {
                        if names[i] != names[j] {
                            assert_ne!(a, b, "{} and {} at {width}", names[i], names[j]);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("refunds are only possible", 12),
            ["refunds are", "only", "possible"]
        );
        assert_eq!(wrap("", 5), Vec::<String>::new());
    }

    #[test]
    fn pages_keep_the_selection_visible() {
        assert_eq!(page_offset(0, 10), 0);
        assert_eq!(page_offset(9, 10), 0);
        assert_eq!(page_offset(10, 10), 10);
        assert_eq!(page_offset(5, 0), 0);
    }
}
