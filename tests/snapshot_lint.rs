//! Screens checked by a test, not only by eye: every accepted snapshot in
//! `tests/snapshots` is read and fails on what a wrong screen looks like — a number cut by
//! an ellipsis or a border, an amount without its `$`, escape leftovers such as "[31m",
//! "loading" on a screen whose orders are loaded, and two different items of a list or
//! table drawn the same.

use crate::common;

use std::path::Path;

use common::money_runs;

/// An amount exactly as `money::format_usd` writes it: `$`, groups of three, cents.
fn is_whole_amount(run: &str) -> bool {
    let Some(rest) = run.strip_prefix('$') else {
        return false;
    };
    let Some((whole, cents)) = rest.split_once('.') else {
        return false;
    };
    let groups: Vec<&str> = whole.split(',').collect();
    cents.len() == 2
        && cents.bytes().all(|b| b.is_ascii_digit())
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
}

/// The screen lines of a snapshot (the quoted rows after insta's header).
fn screen_lines(snap: &str) -> Vec<String> {
    snap.lines()
        .filter(|l| l.starts_with('"') && l.ends_with('"') && l.len() >= 2)
        .map(|l| l[1..l.len() - 1].to_string())
        .collect()
}

/// The rows of each bordered box, by its title: `┌ Title ──┐` down to `└`.
fn boxes(lines: &[Vec<char>]) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    for (y, line) in lines.iter().enumerate() {
        for (a, c) in line.iter().enumerate() {
            if *c != '┌' {
                continue;
            }
            let Some(b) = (a + 1..line.len()).find(|x| line[*x] == '┐') else {
                continue;
            };
            let title: String = line[a + 1..b].iter().collect();
            let title = title
                .trim_matches(|c: char| c == '─' || c == ' ')
                .to_string();
            let mut rows = Vec::new();
            for below in &lines[y + 1..] {
                if below.get(a) != Some(&'│') || below.get(b) != Some(&'│') {
                    break;
                }
                rows.push(below[a + 1..b].iter().collect::<String>());
            }
            found.push((title, rows));
        }
    }
    found
}

/// What is wrong with one snapshot's screen; empty when nothing is.
fn lint(name: &str, snap: &str) -> Vec<String> {
    let lines = screen_lines(snap);
    let text = lines.join("\n");
    let mut problems = Vec::new();
    for run in money_runs(&text) {
        if !is_whole_amount(&run) {
            problems.push(format!("{run:?} is not a whole amount with its $"));
        }
    }
    // "1,300,000" with neither `$` nor cents: no count on screen reaches a million (at
    // most 999 units a line, 1,000 lines), so two or more groups are an amount.
    for word in text.split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '$' || c == '.')) {
        let word = word.trim_end_matches(['.', ',']);
        if word.matches(',').count() >= 2 && !word.contains('$') && !word.contains('.') {
            problems.push(format!("{word:?} is an amount without its $ and cents"));
        }
    }
    let chars: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
    for line in &chars {
        for (i, c) in line.iter().enumerate() {
            let before = i.checked_sub(1).and_then(|j| line.get(j));
            let after = line.get(i + 1);
            let numeric = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit() || *c == '$');
            // "$203…" or "…0,000.00": a number cut by an ellipsis.
            if *c == '…' && (numeric(before) || (numeric(after) && before != Some(&' '))) {
                let line: String = line.iter().collect();
                problems.push(format!("a number cut by \"…\": {line}"));
            }
            // "1,300,0│": a number running into a border (a whole amount may end at one).
            if "│┐┘".contains(*c) && before == Some(&',') {
                let line: String = line.iter().collect();
                problems.push(format!("a number cut by a border: {line}"));
            }
        }
    }
    // "20261127-015649-e6v…": an id is never shortened.
    for word in text.split(|c: char| c.is_whitespace() || c == '│') {
        let b = word.as_bytes();
        let id_like = b.len() > 9 && b[..8].iter().all(u8::is_ascii_digit) && b[8] == b'-';
        if id_like && word.ends_with('…') {
            problems.push(format!("an id cut: {word}"));
        }
    }
    for (i, _) in text.match_indices("[") {
        let rest = &text[i + 1..];
        let digits = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b';')
            .count();
        if digits > 0 && rest[digits..].starts_with(['m', 'J', 'H', 'K']) {
            problems.push(format!("escape leftover {:?}", &text[i..i + 2 + digits]));
        }
    }
    if !name.contains("loading") && text.to_lowercase().contains("loading") {
        problems.push("\"loading\" on a screen whose orders are loaded".into());
    }
    for (title, rows) in boxes(&chars) {
        let lists = [
            "Families", "Services", "Tiers", "Cart", "Orders", "Lines", "Report", "Backlog",
        ];
        if !lists.iter().any(|l| title.starts_with(l)) {
            continue;
        }
        let mut seen = std::collections::HashSet::new();
        for row in rows {
            // The selection markers differ between two rows that are otherwise the same.
            let item = row.trim().trim_start_matches(['>', '›']).trim().to_string();
            // Rows crossed by a popup's border are not the list's items.
            let crossed = item.contains(['│', '─', '┌', '└']);
            if !item.is_empty() && !crossed && !seen.insert(item.clone()) {
                problems.push(format!("two items of {title} drawn the same: {item:?}"));
            }
        }
    }
    problems
}

#[test]
fn every_accepted_snapshot_shows_a_true_screen() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut checked = 0;
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "snap") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let snap = std::fs::read_to_string(&path).unwrap();
        for p in lint(&name, &snap) {
            problems.push(format!("{name}: {p}"));
        }
        checked += 1;
    }
    assert!(
        checked >= 40,
        "only {checked} snapshots found in {}",
        dir.display()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The fixtures reach the widest amounts a real order makes ($1,000,000,000.00 and
    // up: 999 of a $1,300,000.00 tier), at the largest and the smallest size.
    for size in ["120x35", "80x24", "60x16"] {
        let billions = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains(size))
            .flat_map(|p| money_runs(&std::fs::read_to_string(p).unwrap()))
            .filter(|run| {
                run.strip_prefix('$')
                    .is_some_and(|r| r.matches(',').count() >= 3)
            })
            .count();
        assert!(
            billions > 0,
            "no snapshot at {size} shows an amount of a billion or more"
        );
    }
}

/// Lines of snapshots that were once accepted (issue 12): the lint must refuse each.
#[test]
fn the_lint_refuses_the_wrong_screens_once_accepted() {
    let snap = |rows: &[&str]| {
        let mut s = String::from("---\nsource: tests/tui_screens.rs\n---\n");
        for r in rows {
            s.push_str(&format!("\"{r}\"\n"));
        }
        s
    };
    for (name, rows) in [
        ("cart", vec![" Region OC2: …; cart repriced to $203…"]),
        ("catalog", vec![" Added … (now 2 in cart, total $120,000…"]),
        ("catalog", vec!["│› Basic        Set   0,000.00 2,000.00│"]),
        ("help", vec!["│  20261126-120000   │ Keys │00.00 Unused │"]),
        (
            "orders",
            vec!["│  20261120-120000-test Globex [31mInternatio… sam │"],
        ),
        ("orders", vec!["│  Umbrella   $1,300,0│"]),
        ("orders", vec!["│ 976,020,000.00 │"]),
        ("orders", vec!["│ Acme   1,300,000 │"]),
        (
            "reports",
            vec![
                "┌ Report ──────────────────────┐",
                "│ AI Cloud…ration  $1,000.00   │",
                "│ AI Cloud…ration  $1,000.00   │",
                "└──────────────────────────────┘",
            ],
        ),
        ("orders", vec!["│> 20261127-015649-e6v… Acme │"]),
        (
            "smallest_60x16_orders",
            vec![" 6 of 6 order(s) │ loading… │"],
        ),
        (
            "catalog_filtered",
            vec![
                "┌ Services ────────────────┐",
                "│› AI Cloud…tation Service │",
                "│  AI Cloud…ration Service │",
                "│  AI Cloud…ration Service │",
                "└──────────────────────────┘",
            ],
        ),
    ] {
        assert!(
            !lint(name, &snap(&rows)).is_empty(),
            "{rows:?} passed the lint"
        );
    }
    // And a true screen passes.
    let good = snap(&[
        "┌ Cart · 1 line(s) ────────────────────────────┐",
        "│> …Tuning Service  Standard  2 $168,000.00│",
        "│  …Tuning Service  Basic     1  $42,000.00│",
        "└──────────────────────────────────────────┘",
        " OC2 │ cart 3 unit(s) · $3,976,020,000.00 │ orders: /srv/orders",
    ]);
    assert_eq!(lint("cart", &good), Vec::<String>::new());
}
