//! The house rules of `src/`, checked on every `cargo test` (see ARCHITECTURE.md):
//! - layers call down only: domain < store < (report, document, team, desk) < tui < cli;
//! - no module imports another that imports it back, but an entity and its own guard
//!   (`domain::order` ↔ `domain::rules`);
//! - below the front ends nothing imports ratatui, crossterm or clap.
//!
//! The graph is read from the source: every `crate::…`, `super::…` and `self::…` path
//! (and the names in a `{…}` group after one) names the module file it lands in. Test
//! modules (`#[cfg(test)] mod tests` at a file's end) are left out: a test may reach
//! anywhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");

/// The layers, lowest first; a module may import its own layer's folder or a lower one.
const LAYERS: [&[&str]; 5] = [
    &["domain"],
    &["store"],
    &["report", "document", "team", "desk"],
    &["tui"],
    &["cli"],
];

/// The one loop allowed: the order and the rules guard that judges it.
const ALLOWED_LOOPS: [&[&str]; 1] = [&["domain::order", "domain::rules"]];

/// Every module under `src/` (`domain::order`, `tui::update`) and its source, test
/// module cut off.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(SRC).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            if parts == ["lib"] || parts == ["main"] {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = match text.find("#[cfg(test)]\nmod tests") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            out.insert(parts.join("::"), code);
        }
    }
    let mut out = BTreeMap::new();
    walk(Path::new(SRC), &mut out);
    out
}

/// The code without comments, so a doc link or a word in prose is not an import.
fn without_comments(code: &str) -> String {
    code.lines()
        .map(|l| match l.find("//") {
            Some(at) => &l[..at],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths `code` names from `module`, made absolute (`domain::order::Order`).
fn paths(module: &str, code: &str) -> Vec<String> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let here: Vec<&str> = module.split("::").collect();
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let at = from + at;
            from = at + start.len();
            if at > 0 && (ident(bytes[at - 1] as char) || bytes[at - 1] == b'$') {
                continue;
            }
            // The path: segments joined by `::`.
            let mut end = at;
            let rest = &code[at..];
            let mut segs = Vec::new();
            let mut i = 0;
            loop {
                let seg: String = rest[i..].chars().take_while(|c| ident(*c)).collect();
                if seg.is_empty() {
                    break;
                }
                i += seg.len();
                segs.push(seg);
                if rest[i..].starts_with("::") && !rest[i + 2..].starts_with('{') {
                    i += 2;
                } else {
                    break;
                }
            }
            end += i;
            // A group after it: `::{a, b::c}`.
            let mut tails = vec![Vec::new()];
            if code[end..].starts_with("::{")
                && let Some(close) = code[end..].find('}')
            {
                tails = code[end + 3..end + close]
                    .split(',')
                    .map(|t| {
                        t.split(" as ")
                            .next()
                            .unwrap()
                            .trim()
                            .split("::")
                            .map(|s| s.trim_matches(|c: char| !ident(c)).to_string())
                            .filter(|s| !s.is_empty() && s != "self")
                            .collect()
                    })
                    .collect();
                tails.push(Vec::new());
            }
            let mut base: Vec<String> = match segs[0].as_str() {
                "crate" => Vec::new(),
                "super" => here[..here.len().saturating_sub(1)]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                _ => here.iter().map(|s| s.to_string()).collect(),
            };
            let mut segs = &segs[1..];
            while segs.first().is_some_and(|s| s == "super") {
                base.pop();
                segs = &segs[1..];
            }
            base.extend(segs.iter().cloned());
            for tail in tails {
                let mut p = base.clone();
                p.extend(tail);
                found.push(p.join("::"));
            }
        }
    }
    found
}

/// `module -> the modules it imports` (the longest module each path starts with; a
/// parent's own items count as the parent; a child naming its parent is not an edge).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let resolve = |path: &str| -> Option<String> {
        let segs: Vec<&str> = path.split("::").collect();
        (1..=segs.len())
            .rev()
            .map(|n| segs[..n].join("::"))
            .find(|m| modules.contains_key(m))
    };
    modules
        .iter()
        .map(|(m, code)| {
            let edges = paths(m, &without_comments(code))
                .iter()
                .filter_map(|p| resolve(p))
                .filter(|t| t != m && !m.starts_with(&format!("{t}::")))
                .collect();
            (m.clone(), edges)
        })
        .collect()
}

/// The groups of modules that import each other (strongly connected, more than one).
fn loops(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    // Two modules are in one loop when each reaches the other.
    let reach = |from: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.to_string()];
        while let Some(m) = todo.pop() {
            for t in graph.get(&m).into_iter().flatten() {
                if seen.insert(t.clone()) {
                    todo.push(t.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|m| (m, reach(m))).collect();
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for m in graph.keys() {
        let group: BTreeSet<String> = graph
            .keys()
            .filter(|o| *o == m || (reached[m].contains(*o) && reached[*o].contains(m)))
            .cloned()
            .collect();
        if group.len() > 1 && !groups.contains(&group) {
            groups.push(group);
        }
    }
    groups
}

fn layer(module: &str) -> usize {
    let top = module.split("::").next().unwrap();
    LAYERS
        .iter()
        .position(|l| l.contains(&top))
        .unwrap_or_else(|| panic!("{module} is in no layer: add its folder to LAYERS"))
}

#[test]
fn no_module_imports_one_that_imports_it_back_but_an_entity_and_its_guard() {
    let graph = graph();
    assert!(
        graph.len() > 100,
        "the source was read: {} modules",
        graph.len()
    );
    let allowed: Vec<BTreeSet<String>> = ALLOWED_LOOPS
        .iter()
        .map(|l| l.iter().map(|s| s.to_string()).collect())
        .collect();
    let bad: Vec<_> = loops(&graph)
        .into_iter()
        .filter(|g| !allowed.contains(g))
        .collect();
    assert!(bad.is_empty(), "import loops: {bad:#?}");
}

#[test]
fn each_layer_imports_only_its_own_folder_or_lower_layers() {
    let mut bad = Vec::new();
    for (m, edges) in graph() {
        for t in edges {
            let same_folder = m.split("::").next() == t.split("::").next();
            if !same_folder && layer(&t) >= layer(&m) {
                bad.push(format!("{m} -> {t}"));
            }
        }
    }
    assert!(bad.is_empty(), "calls up or sideways: {bad:#?}");
}

#[test]
fn below_the_front_ends_nothing_imports_the_terminal_or_the_argument_parser() {
    let mut bad = Vec::new();
    for (m, code) in modules() {
        if layer(&m) >= layer("tui") {
            continue;
        }
        let code = without_comments(&code);
        for name in ["ratatui", "crossterm", "clap"] {
            if code.contains(&format!("{name}::")) || code.contains(&format!("use {name}")) {
                bad.push(format!("{m} uses {name}"));
            }
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

/// The checks themselves: a path in a group, a `super::` chain and a loop are seen.
#[test]
fn the_graph_reader_sees_groups_super_chains_and_loops() {
    let found = paths(
        "tui::update::orders",
        "use crate::domain::{cart::Cart, order};\nuse super::super::view::fits;\nuse self::x;",
    );
    for want in [
        "domain::cart::Cart",
        "domain::order",
        "tui::view::fits",
        "tui::update::orders::x",
    ] {
        assert!(found.iter().any(|p| p == want), "{want} in {found:?}");
    }
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.insert("a".into(), ["b".to_string()].into());
    g.insert("b".into(), ["c".to_string()].into());
    g.insert("c".into(), ["a".to_string()].into());
    g.insert("d".into(), ["a".to_string()].into());
    let l = loops(&g);
    assert_eq!(l.len(), 1);
    assert_eq!(
        l[0],
        ["a", "b", "c"].iter().map(|s| s.to_string()).collect()
    );
}
