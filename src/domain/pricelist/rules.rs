//! The rules sections after the table, word for word, and what they say about refunds and
//! validity, each with the sentence it came from.

use serde::{Deserialize, Serialize};

use super::{ImportError, RuleSection};

/// The section headings of the family's pages.
pub(super) const HEADINGS: [&str; 7] = [
    "Billing Mode",
    "Configuration Change",
    "Changing Billing Mode",
    "Renewal",
    "Expiration and Arrears",
    "Expiration and Overdue Payment",
    "Unsubscription",
];

pub use crate::domain::catalog::Refund;

/// A policy and the page's sentence it was read from (or the flag that set it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy<T> {
    pub value: T,
    pub sentence: String,
}

/// The sections from the cells after the table.
pub fn sections(cells: &[String]) -> Vec<RuleSection> {
    let mut out: Vec<RuleSection> = Vec::new();
    for cell in cells {
        if HEADINGS.contains(&cell.as_str()) {
            out.push(RuleSection {
                heading: cell.clone(),
                text: String::new(),
            });
        } else if let Some(last) = out.last_mut() {
            if !last.text.is_empty() {
                last.text.push('\n');
            }
            last.text.push_str(cell);
        }
    }
    out
}

fn sentences(rules: &[RuleSection]) -> impl Iterator<Item = String> + '_ {
    rules.iter().flat_map(|r| {
        r.text
            .split_inclusive(['.', '\n'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
    })
}

/// The refund policy the sentences about refunds and unsubscription say.
pub fn refund(rules: &[RuleSection]) -> Result<Policy<Refund>, ImportError> {
    let mut found: Option<Policy<Refund>> = None;
    for s in sentences(rules) {
        let l = s.to_lowercase();
        if !(l.contains("refund") || l.contains("unsubscri")) {
            continue;
        }
        let before = (l.contains("before") || l.contains("prior to"))
            && (l.contains("use") || l.contains("usage"));
        let never = l.contains("cannot")
            || l.contains("can't")
            || l.contains("not allowed")
            || l.contains("not supported")
            || l.contains("no refund");
        let value = match (before, never) {
            (true, _) => Refund::BeforeUsage,
            (false, true) => Refund::Never,
            (false, false) => {
                return Err(ImportError::Policy(format!(
                    "the sentence \"{s}\" speaks of refunds but says neither \"before use\" nor \"not allowed\"; import with --refund before-usage or --refund never"
                )));
            }
        };
        match &found {
            Some(p) if p.value != value => {
                return Err(ImportError::Policy(format!(
                    "the page says both \"{}\" and \"{s}\" of refunds; import with --refund before-usage or --refund never",
                    p.sentence
                )));
            }
            Some(_) => {}
            None => found = Some(Policy { value, sentence: s }),
        }
    }
    found.ok_or_else(|| {
        ImportError::Policy(
            "no sentence of the page says when a refund is possible; import with --refund before-usage or --refund never".into(),
        )
    })
}

/// The validity the page gives ("The default validity period is one year"), or none.
pub fn validity(rules: &[RuleSection]) -> Result<Policy<Option<String>>, ImportError> {
    for s in sentences(rules) {
        let l = s.to_lowercase();
        if !(l.contains("validity") || l.contains("valid for")) {
            continue;
        }
        let words: Vec<&str> = l
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let period = words.windows(2).find_map(|w| {
            let n = number(w[0])?;
            let unit = match w[1].trim_end_matches('s') {
                "year" => "Y",
                "month" => "M",
                "day" => "D",
                _ => return None,
            };
            Some(format!("P{n}{unit}"))
        });
        return match period {
            Some(p) => Ok(Policy {
                value: Some(p),
                sentence: s,
            }),
            None => Err(ImportError::Policy(format!(
                "the sentence \"{s}\" speaks of validity but gives no period this desk reads; import with --validity P1Y (any ISO 8601 period) or --validity none"
            ))),
        };
    }
    Ok(Policy {
        value: None,
        sentence: "the page gives no validity".into(),
    })
}

fn number(word: &str) -> Option<u32> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    word.parse()
        .ok()
        .or_else(|| WORDS.iter().position(|w| *w == word).map(|n| n as u32))
        .filter(|n| *n > 0)
}
