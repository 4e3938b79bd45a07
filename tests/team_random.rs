//! The randomised team run: 3 desks × 300 operations each over 10 sync rounds, desks
//! syncing in random order while the remote refuses pushes at random (a pre-receive hook)
//! or cannot be reached at all. Afterwards every desk has the same tree, every order and
//! every status change made anywhere is present, every file parses, and every order's
//! status is one the rules allow or is marked as needing a decision.
//!
//! Operations go through the library (the store, as the app and CLI use it); syncs go
//! through `team::sync`, with the real binary as git's merge driver.
//! `ORDER_DESK_TEAM_OPS` (operations per desk) and `ORDER_DESK_TEAM_ROUNDS` scale it;
//! `ORDER_DESK_TEAM_SEED` replays a run.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use jiff::{SignedDuration, Timestamp};
use order_desk::domain::cart::Cart;
use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::{CheckoutForm, checkout};
use order_desk::domain::quote::Quote;
use order_desk::domain::rules::Transition;
use order_desk::store::Store;
use order_desk::store::user_dirs::UserDirs;
use order_desk::team::{self, Desk, sync::Push};

/// xorshift64*: a fixed, seedable stream, so a failing run can be replayed.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

struct TestDesk {
    store: Store,
    desk: Desk,
    dir: PathBuf,
}

/// (order id, when, to, by): one status change (or the placing of an order).
type Entry = (String, Timestamp, String, String);

pub(crate) fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub(crate) fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn three_desks_with_random_operations_syncs_and_push_failures_converge_losing_nothing() {
    let ops_per_desk = env_number("ORDER_DESK_TEAM_OPS", 300);
    let rounds = env_number("ORDER_DESK_TEAM_ROUNDS", 10).max(1);
    let seed = env_number("ORDER_DESK_TEAM_SEED", 0x5eed_7ea3) as u64;
    eprintln!("seed {seed}, {ops_per_desk} operations per desk, {rounds} rounds");
    let started = Instant::now();
    let mut rng = Rng(seed | 1);

    let top = tempfile::tempdir().unwrap();
    let remote = top.path().join("remote.git");
    let away = top.path().join("remote-away.git");
    git(
        top.path(),
        &["init", "-q", "--bare", remote.to_str().unwrap()],
    );
    let refuse = top.path().join("refuse-pushes");
    let hook = remote.join("hooks/pre-receive");
    fs::write(
        &hook,
        format!(
            "#!/bin/sh\nif [ -e '{}' ]; then echo 'the network dropped the push' >&2; exit 1; fi\n",
            refuse.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }

    let catalog = Catalog::builtin();
    let skus: Vec<String> = catalog.tiers().map(|e| e.tier.sku.clone()).collect();
    let reps = ["ann", "bob", "cy"];
    let desks: Vec<TestDesk> = reps
        .iter()
        .enumerate()
        .map(|(i, rep)| {
            let dir = top.path().join(rep).join("orders");
            let user = UserDirs::under(&top.path().join(rep).join("user"));
            TestDesk {
                store: Store::with_dirs(&dir, user).with_identity(&format!("desk{i}"), rep),
                desk: Desk {
                    rep: rep.to_string(),
                    desk: format!("desk{i}aaa"),
                    exe: PathBuf::from(env!("CARGO_BIN_EXE_order-desk")),
                },
                dir,
            }
        })
        .collect();
    fs::create_dir_all(&desks[0].dir).unwrap();
    let init = team::init(
        &desks[0].dir,
        Some(remote.to_str().unwrap()),
        &desks[0].desk,
    )
    .unwrap();
    assert_eq!(init.push, Push::Pushed(1));
    for d in &desks[1..] {
        team::join(remote.to_str().unwrap(), &d.dir, &d.desk).unwrap();
    }

    let mut clock: Timestamp = "2026-01-05T08:00:00Z".parse().unwrap();
    let mut made: Vec<Entry> = Vec::new();
    let mut stats: BTreeMap<&str, usize> = BTreeMap::new();
    let per_round = ops_per_desk.div_ceil(rounds);
    let mut done = vec![0usize; desks.len()];
    for round in 0..rounds {
        // Operations, interleaved across desks at random.
        let mut budget: Vec<usize> = done
            .iter()
            .map(|d| per_round.min(ops_per_desk - d))
            .collect();
        while budget.iter().any(|b| *b > 0) {
            let i = rng.below(desks.len());
            if budget[i] == 0 {
                continue;
            }
            budget[i] -= 1;
            done[i] += 1;
            clock = clock.checked_add(SignedDuration::from_secs(61)).unwrap();
            let d = &desks[i];
            let ids: Vec<String> = d
                .store
                .order_files()
                .unwrap()
                .iter()
                .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .collect();
            let roll = rng.below(100);
            if roll < 30 || ids.is_empty() {
                let mut cart = Cart::new(if rng.chance(50) {
                    Region::Oc1
                } else {
                    Region::Oc2
                });
                cart.add(
                    &catalog,
                    &skus[rng.below(skus.len())],
                    1 + rng.below(3) as u32,
                )
                .unwrap();
                let form = CheckoutForm {
                    customer: format!("Customer {}", rng.below(50)),
                    rep: d.desk.rep.clone(),
                    ..Default::default()
                };
                let order = checkout(&cart, &catalog, &form, String::new(), clock).unwrap();
                let saved = d.store.save_new(order, &d.desk.desk).unwrap();
                made.push((saved.id, clock, "Unused".into(), d.desk.rep.clone()));
                *stats.entry("orders placed").or_default() += 1;
            } else if roll < 85 {
                let id = &ids[rng.below(ids.len())];
                let t = Transition::ALL[rng.below(3)];
                match d.store.transition(id, None, t, &d.desk.rep, None, clock) {
                    Ok(o) => {
                        made.push((
                            id.clone(),
                            clock,
                            format!("{:?}", o.status),
                            d.desk.rep.clone(),
                        ));
                        *stats.entry("status changes").or_default() += 1;
                    }
                    Err(_) => *stats.entry("refused by the rules").or_default() += 1,
                }
            } else if roll < 93 {
                // Settle a decision, when the desk sees one.
                let waiting: Vec<&String> = ids
                    .iter()
                    .filter(|id| d.store.load(id).is_ok_and(|o| o.needs_decision()))
                    .collect();
                if let Some(id) = waiting.first() {
                    let keep = if rng.chance(50) { "1" } else { "2" };
                    if d.store
                        .decide(id, keep, &d.desk.rep, "settled in the test", clock)
                        .is_ok()
                    {
                        *stats.entry("decisions taken").or_default() += 1;
                    }
                }
            } else {
                // Quotes: make one, or accept or decline one this desk sees.
                let quotes = d.store.load_quotes().unwrap().quotes;
                if quotes.is_empty() || rng.chance(40) {
                    let mut cart = Cart::new(Region::Oc1);
                    cart.add(&catalog, &skus[rng.below(skus.len())], 1).unwrap();
                    let form = CheckoutForm {
                        customer: "Quoted Ltd".into(),
                        rep: d.desk.rep.clone(),
                        ..Default::default()
                    };
                    let priced = checkout(&cart, &catalog, &form, String::new(), clock).unwrap();
                    let until = jiff::civil::date(2027, 12, 31);
                    d.store
                        .save_new_quote(Quote::from_priced(priced, until), &d.desk.desk)
                        .unwrap();
                    *stats.entry("quotes made").or_default() += 1;
                } else {
                    let q = &quotes[rng.below(quotes.len())];
                    if rng.chance(50) {
                        if let Ok(o) = d
                            .store
                            .accept_quote(&q.id, &d.desk.rep, &d.desk.desk, clock)
                        {
                            made.push((o.id, clock, "Unused".into(), d.desk.rep.clone()));
                            *stats.entry("quotes accepted").or_default() += 1;
                        }
                    } else if d
                        .store
                        .decline_quote(&q.id, &d.desk.rep, None, clock)
                        .is_ok()
                    {
                        *stats.entry("quotes declined").or_default() += 1;
                    }
                }
            }
        }
        // Every third round all desks sync at once, so pushes race and the losers fetch,
        // merge and push again; the other rounds sync one desk after another in random
        // order, with the network failing at random.
        if round % 3 == 2 {
            let now = clock.checked_add(SignedDuration::from_secs(1)).unwrap();
            let reports: Vec<_> = std::thread::scope(|s| {
                let handles: Vec<_> = desks
                    .iter()
                    .map(|d| s.spawn(move || team::sync(&d.dir, &d.desk, now)))
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
            for report in reports {
                let report = report.unwrap_or_else(|e| panic!("round {round}: {e}"));
                assert!(report.conflicted.is_empty(), "{:?}", report.conflicted);
                *stats.entry("push retries").or_default() += report.retries;
                if let Push::Waits(_) = report.push {
                    *stats.entry("pushes that waited").or_default() += 1;
                }
            }
            continue;
        }
        let mut order: Vec<usize> = (0..desks.len()).collect();
        for k in (1..order.len()).rev() {
            order.swap(k, rng.below(k + 1));
        }
        for i in order {
            let unreachable = rng.chance(10);
            let refused = !unreachable && rng.chance(25);
            if unreachable {
                fs::rename(&remote, &away).unwrap();
            }
            if refused {
                fs::write(&refuse, "").unwrap();
            }
            let now = clock.checked_add(SignedDuration::from_secs(1)).unwrap();
            let report = team::sync(&desks[i].dir, &desks[i].desk, now)
                .unwrap_or_else(|e| panic!("round {round}, desk {i}: {e}"));
            assert!(report.conflicted.is_empty(), "{:?}", report.conflicted);
            match &report.push {
                Push::Waits(_) => *stats.entry("pushes that waited").or_default() += 1,
                Push::Pushed(_) => *stats.entry("pushes").or_default() += 1,
                _ => {}
            }
            *stats.entry("push retries").or_default() += report.retries;
            if unreachable {
                fs::rename(&away, &remote).unwrap();
                assert!(matches!(report.push, Push::Waits(_)), "{:?}", report.push);
            }
            if refused {
                fs::remove_file(&refuse).unwrap();
            }
        }
    }
    // The network is back: every desk syncs until all have everything.
    for _ in 0..2 {
        for d in &desks {
            let report = team::sync(&d.dir, &d.desk, clock).unwrap();
            assert!(!matches!(report.push, Push::Waits(_)), "{:?}", report.push);
        }
    }
    let elapsed = started.elapsed();

    let trees: BTreeSet<String> = desks
        .iter()
        .map(|d| git(&d.dir, &["rev-parse", "HEAD^{tree}"]))
        .collect();
    assert_eq!(trees.len(), 1, "every desk has the same tree");
    for d in &desks {
        assert_eq!(
            git(&d.dir, &["status", "--porcelain"]),
            "",
            "nothing left uncommitted"
        );
    }
    let book = desks[0].store.load_all().unwrap();
    assert!(
        book.damaged.is_empty(),
        "every file parses: {:?}",
        book.damaged
    );
    let quotes = desks[0].store.load_quotes().unwrap();
    assert!(quotes.damaged.is_empty(), "{:?}", quotes.damaged);
    let by_id: BTreeMap<&str, &order_desk::domain::order::Order> =
        book.orders.iter().map(|o| (o.id.as_str(), o)).collect();
    let placed = made.iter().filter(|e| e.2 == "Unused").count();
    assert_eq!(
        book.orders.len(),
        placed,
        "every order made anywhere, and no other"
    );
    let mut waiting = 0;
    for (id, at, to, by) in &made {
        let o = by_id
            .get(id.as_str())
            .unwrap_or_else(|| panic!("order {id} is missing"));
        let found = o
            .history
            .iter()
            .chain(&o.contested)
            .chain(o.voided.iter().map(|v| &v.change))
            .any(|c| c.at == *at && format!("{:?}", c.to) == *to && c.by == *by);
        assert!(found, "{id}: the change to {to} at {at} by {by} is missing");
    }
    for o in &book.orders {
        // The loader's integrity check already holds every history to the rules.
        o.check_integrity().unwrap();
        if o.needs_decision() {
            waiting += 1;
        }
    }
    eprintln!(
        "{} orders, {} waiting for a decision, {stats:?}, in {:.1} s",
        book.orders.len(),
        waiting,
        elapsed.as_secs_f64()
    );
}
