//! A team book shared through git: a bare repository and several desks in temp folders
//! (a file path remote, no network), each desk with its own home, config (so its own
//! desk tag), state and cache folders, and git with no identity configured. The real
//! binary for what a rep types; the library for the randomised run's thousands of steps.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One desk: its orders folder and its own user folders.
struct Desk {
    root: PathBuf,
    rep: &'static str,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Desk {
    fn new(top: &Path, rep: &'static str) -> Desk {
        let root = top.join(rep);
        fs::create_dir_all(root.join("home")).unwrap();
        Desk { root, rep }
    }

    fn orders(&self) -> PathBuf {
        self.root.join("orders")
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with(&[], args)
    }

    /// [`Desk::run`] with more variables set (or the defaults replaced).
    fn run_with(&self, vars: &[(&str, &str)], args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_order-desk"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.root.join("home"))
            .env("XDG_CONFIG_HOME", self.root.join("home/.config"))
            // No git identity anywhere: sync names the rep and desk itself.
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("ORDER_DESK_CONFIG_DIR", self.root.join("config"))
            .env("ORDER_DESK_STATE_DIR", self.root.join("state"))
            .env("ORDER_DESK_CACHE_DIR", self.root.join("cache"))
            .env("ORDER_DESK_REP", self.rep)
            .env("TZ", "UTC")
            .envs(vars.iter().copied())
            .arg("--orders-dir")
            .arg(self.orders())
            .args(args)
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(
            r.code, 0,
            "{} {args:?}: {}\n{}",
            self.rep, r.stdout, r.stderr
        );
        r.stdout
    }

    /// Runs a command that must be refused with a usage error (exit 2) and a message.
    fn fails(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(
            r.code, 2,
            "{} {args:?}: {}\n{}",
            self.rep, r.stdout, r.stderr
        );
        assert!(r.stderr.contains("nothing was changed"), "{}", r.stderr);
        r.stderr
    }

    fn new_order(&self, customer: &str) -> String {
        self.ok(&[
            "order",
            "new",
            "--customer",
            customer,
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ])
        .trim()
        .to_string()
    }

    fn file(&self, path: &str) -> String {
        fs::read_to_string(self.orders().join(path)).unwrap()
    }

    fn tree(&self) -> String {
        git(&self.orders(), &["rev-parse", "HEAD^{tree}"])
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
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

/// A bare remote (made the way many machines still make one: default branch master) and
/// desks: the first inits the book and pushes it, the others join.
fn team(reps: &[&'static str]) -> (tempfile::TempDir, PathBuf, Vec<Desk>) {
    let top = tempfile::tempdir().unwrap();
    let remote = top.path().join("remote.git");
    let out = Command::new("git")
        .args(["init", "-q", "--bare"])
        .arg(&remote)
        .output()
        .unwrap();
    assert!(out.status.success());
    let desks: Vec<Desk> = reps.iter().map(|r| Desk::new(top.path(), r)).collect();
    desks[0].new_order("First customer");
    let said = desks[0].ok(&["team", "init", "--remote", remote.to_str().unwrap()]);
    assert!(said.contains("is a team book"), "{said}");
    assert!(said.contains("Pushed"), "{said}");
    for d in &desks[1..] {
        let said = d.ok(&[
            "team",
            "join",
            remote.to_str().unwrap(),
            d.orders().to_str().unwrap(),
        ]);
        assert!(said.contains("1 order(s)"), "{said}");
    }
    (top, remote, desks)
}

#[test]
fn init_writes_the_ignore_attributes_and_driver_and_commits_as_the_rep_and_desk() {
    let (_top, _remote, desks) = team(&["ann", "bob"]);
    let a = &desks[0];
    let ignore = a.file(".gitignore");
    for line in [".order-desk.lock", ".order-desk.holder", ".tmp-*"] {
        assert!(ignore.lines().any(|l| l == line), "{ignore}");
    }
    assert_eq!(a.file(".gitattributes"), "*.ron merge=order-desk\n");
    let driver = git(&a.orders(), &["config", "merge.order-desk.driver"]);
    assert!(
        driver.ends_with("order-desk' merge-file %O %A %B %P"),
        "{driver}"
    );
    assert!(
        driver.starts_with('/') || driver.starts_with("'/"),
        "absolute: {driver}"
    );
    let author = git(&a.orders(), &["log", "-1", "--format=%an <%ae>"]);
    let tag = fs::read_to_string(a.root.join("config/desk-tag")).unwrap();
    assert_eq!(
        author,
        format!(
            "ann (desk {}) <{}@desk.order-desk.invalid>",
            tag.trim(),
            tag.trim()
        )
    );
    // The lock file is never shared.
    assert!(a.orders().join(".order-desk.lock").exists());
    let tracked = git(&a.orders(), &["ls-files"]);
    assert!(!tracked.contains(".order-desk.lock"), "{tracked}");
    let tag_b = fs::read_to_string(desks[1].root.join("config/desk-tag")).ok();
    assert_ne!(Some(tag), tag_b, "each desk has its own tag");
}

#[test]
fn disjoint_new_orders_on_both_sides_reach_every_desk() {
    let (_top, _remote, desks) = team(&["ann", "bob"]);
    let (a, b) = (&desks[0], &desks[1]);
    let from_a = a.new_order("Acme");
    let from_b = b.new_order("Globex");
    let said = a.ok(&["sync"]);
    assert!(said.contains("Pushed: 1 commit(s)"), "{said}");
    let said = b.ok(&["sync"]);
    assert!(said.contains("Pulled: 1 new order(s)"), "{said}");
    let said = a.ok(&["sync"]);
    assert!(said.contains("Pulled: 1 new order(s)"), "{said}");
    for d in [a, b] {
        let listed = d.ok(&["orders"]);
        assert!(
            listed.contains(&from_a) && listed.contains(&from_b),
            "{listed}"
        );
    }
    assert_eq!(a.tree(), b.tree());
    // One commit per sync, its message naming the order.
    let message = git(
        &b.orders(),
        &["log", "--no-merges", "--format=%B", "--author=bob", "-1"],
    );
    assert!(
        message.contains(&format!("new order {from_b} (Globex, $50,000.00)")),
        "{message}"
    );
}

#[test]
fn start_on_one_desk_and_deliver_after_pulling_on_the_other_end_delivered() {
    let (_top, _remote, desks) = team(&["ann", "bob"]);
    let (a, b) = (&desks[0], &desks[1]);
    let id = a.new_order("Acme");
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["order", "start", &id]);
    // Bob changes another order meanwhile, so both sides moved and git really merges.
    let other = b.new_order("Globex");
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    b.ok(&["order", "deliver", &id]);
    b.ok(&["sync"]);
    let said = a.ok(&["sync"]);
    assert!(said.contains("1 status change(s)"), "{said}");
    let shown = a.ok(&["order", "show", &id]);
    assert!(shown.contains("Status       Delivered"), "{shown}");
    assert!(!shown.contains("NEEDS A DECISION"), "{shown}");
    assert!(a.ok(&["orders"]).contains(&other));
    assert_eq!(a.tree(), b.tree());
}

#[test]
fn customer_edits_on_two_desks_merge_field_by_field() {
    let (_top, _remote, desks) = team(&["ann", "bob"]);
    let (a, b) = (&desks[0], &desks[1]);
    a.ok(&["customer", "add", "--name", "Acme", "--country", "DE"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    // There is no edit command yet: reps edit the file, as the README says.
    let path = "customers/acme.ron";
    let text = a.file(path);
    fs::write(
        a.orders().join(path),
        text.replace("contact: None", "contact: Some(\"Ann\")"),
    )
    .unwrap();
    fs::write(
        b.orders().join(path),
        text.replace("note: None", "note: Some(\"VIP\")"),
    )
    .unwrap();
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    let merged = a.file(path);
    assert!(
        merged.contains("contact: Some(\"Ann\")") && merged.contains("note: Some(\"VIP\")"),
        "{merged}"
    );
    assert!(!merged.contains("clashes"), "{merged}");
    assert_eq!(a.tree(), b.tree());
}

#[test]
fn a_customer_field_set_two_ways_is_shown_decided_and_shared() {
    let (_top, _remote, desks) = team(&["ann", "bob"]);
    let (a, b) = (&desks[0], &desks[1]);
    a.ok(&["customer", "add", "--name", "Rio Foods", "--country", "BR"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let path = "customers/rio-foods.ron";
    let text = a.file(path);
    fs::write(a.orders().join(path), text.replace("\"BR\"", "\"PT\"")).unwrap();
    fs::write(b.orders().join(path), text.replace("\"BR\"", "\"AR\"")).unwrap();
    a.ok(&["sync"]);
    let said = b.ok(&["sync"]);
    assert!(
        said.contains("customer Rio Foods: two desks set country to different values"),
        "{said}"
    );
    let shown = b.ok(&["customer", "show", "rio foods"]);
    assert!(shown.contains("NEEDS A DECISION"), "{shown}");
    assert!(
        shown.contains("country  [1]  AR") && shown.contains("[2]  PT"),
        "{shown}"
    );
    // Out of range, or a field without a clash: refused, the file as it was.
    let before = b.file(path);
    b.fails(&[
        "customer",
        "decide",
        "rio foods",
        "--field",
        "country",
        "--keep",
        "3",
    ]);
    b.fails(&[
        "customer",
        "decide",
        "rio foods",
        "--field",
        "email",
        "--keep",
        "1",
    ]);
    assert_eq!(b.file(path), before);
    let said = b.ok(&[
        "customer",
        "decide",
        "rio foods",
        "--field",
        "country",
        "--keep",
        "2",
    ]);
    assert!(said.contains("country is PT"), "{said}");
    let shown = b.ok(&["customer", "show", "rio foods"]);
    assert!(
        !shown.contains("NEEDS A DECISION") && shown.contains("Portugal (PT)"),
        "{shown}"
    );
    b.ok(&["sync"]);
    a.ok(&["sync"]);
    assert!(!a.file(path).contains("clashes"), "{}", a.file(path));
    assert_eq!(a.tree(), b.tree());
}

/// Two desks record incompatible changes to one order while apart; after both sync, the
/// order needs a decision everywhere, both changes are kept, every transition is refused
/// with that reason, and a decision on one desk reaches the other with who and why.
fn clash(first: &str, second: &str, keep: &str, kept_status: &str, voided: &str) {
    let (_top, _remote, desks) = team(&["ann", "bob"]);
    let (a, b) = (&desks[0], &desks[1]);
    let id = a.new_order("Acme");
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let reason = ["--reason", "customer cancelled"];
    let mut args = vec!["order", first, id.as_str()];
    if first == "refund" {
        args.extend(reason);
    }
    a.ok(&args);
    let mut args = vec!["order", second, id.as_str()];
    if second == "refund" {
        args.extend(reason);
    }
    b.ok(&args);
    a.ok(&["sync"]);
    let said = b.ok(&["sync"]);
    assert!(said.contains("Needs a decision (1):"), "{said}");
    assert!(said.contains(&id), "{said}");
    let said = a.ok(&["sync"]);
    let decisions_at = said.find("Needs a decision").expect(&said);
    assert!(
        decisions_at < said.find("Pulled").unwrap(),
        "decisions list first: {said}"
    );
    assert_eq!(a.tree(), b.tree());
    for d in [a, b] {
        let shown = d.ok(&["order", "show", &id]);
        assert!(shown.contains("NEEDS A DECISION"), "{shown}");
        assert!(
            shown.contains("by ann") && shown.contains("by bob"),
            "{shown}"
        );
        let r = d.run(&["order", "deliver", &id]);
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("needs a decision"), "{}", r.stderr);
        let status = d.ok(&["team", "status"]);
        assert!(status.contains("Decisions   1 waiting"), "{status}");
    }
    let said = b.ok(&[
        "order",
        "decide",
        &id,
        "--keep",
        keep,
        "--reason",
        "the customer confirmed",
    ]);
    assert!(said.contains(&format!("now {kept_status}")), "{said}");
    b.ok(&["sync"]);
    let said = a.ok(&["sync"]);
    assert!(!said.contains("Needs a decision"), "{said}");
    let shown = a.ok(&["order", "show", &id]);
    assert!(
        shown.contains(&format!("Status       {kept_status}")),
        "{shown}"
    );
    assert!(shown.contains("Voided by a decision"), "{shown}");
    assert!(shown.contains(voided), "{shown}");
    assert!(shown.contains("voided by bob"), "{shown}");
    assert!(shown.contains("the customer confirmed"), "{shown}");
    assert!(a.ok(&["team", "status"]).contains("Decisions   0 waiting"));
    assert_eq!(a.tree(), b.tree());
}

#[test]
fn refund_against_start_delivery_needs_a_decision_and_the_decision_is_recorded() {
    clash(
        "refund",
        "start",
        "refund",
        "Refunded",
        "Unused -> In delivery by bob",
    );
}

#[test]
fn deliver_against_refund_needs_a_decision_and_the_decision_is_recorded() {
    clash(
        "deliver",
        "refund",
        "2",
        "Refunded",
        "Unused -> Delivered by ann",
    );
}

#[test]
fn accept_against_decline_of_a_quote_needs_a_decision() {
    let (_top, _remote, desks) = team(&["ann", "bob"]);
    let (a, b) = (&desks[0], &desks[1]);
    let q = a
        .ok(&[
            "quote",
            "new",
            "--customer",
            "Acme",
            "--region",
            "oc1",
            "--item",
            "dev-basic",
        ])
        .trim()
        .to_string();
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let order = a.ok(&["quote", "accept", &q]).trim().to_string();
    b.ok(&["quote", "decline", &q, "--reason", "too dear"]);
    a.ok(&["sync"]);
    let said = b.ok(&["sync"]);
    assert!(said.contains("Needs a decision (1)"), "{said}");
    a.ok(&["sync"]);
    let shown = a.ok(&["quote", "show", &q]);
    assert!(shown.contains("NEEDS A DECISION"), "{shown}");
    assert!(
        shown.contains("accepted as order") && shown.contains("declined by bob"),
        "{shown}"
    );
    assert!(
        shown.contains("What can happen next\n  decide first which closing stands"),
        "{shown}"
    );
    let said = a.ok(&[
        "quote", "decide", &q, "--keep", "accepted", "--reason", "signed",
    ]);
    assert!(said.contains("accepted as order"), "{said}");
    // The closing set aside stays on record, with who voided it and why.
    let shown = b.ok(&["quote", "show", &q]);
    assert!(
        !shown.contains("Voided"),
        "nothing voided before the sync: {shown}"
    );
    let shown = a.ok(&["quote", "show", &q]);
    let voided = shown
        .lines()
        .find(|l| l.starts_with("Voided"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(
        voided.contains("declined by bob")
            && voided.contains("voided by ann")
            && voided.ends_with(": signed"),
        "{voided}"
    );
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let text = b.file(&format!("quotes/{q}.ron"));
    assert!(text.contains("voided"), "{text}");
    assert!(
        text.contains("too dear") && text.contains("signed"),
        "{text}"
    );
    assert!(
        b.ok(&["orders"]).contains(&order),
        "the accepted order reached bob"
    );
    assert_eq!(a.tree(), b.tree());
}

#[test]
fn a_tampered_frozen_part_is_kept_out_named_and_the_honest_version_stays() {
    let (_top, remote, desks) = team(&["ann", "bob"]);
    let (a, b) = (&desks[0], &desks[1]);
    let id = a.new_order("Acme");
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let path = format!("{id}.ron");
    // Someone edits the price of a placed order on one desk and syncs it…
    let forged = a.file(&path).replace("50000.00", "5000.00");
    fs::write(a.orders().join(&path), &forged).unwrap();
    a.ok(&["sync"]);
    // …while the other desk starts delivery.
    b.ok(&["order", "start", &id]);
    let remote_before = git(&remote, &["rev-parse", "refs/heads/main"]);
    let said = b.ok(&["sync"]);
    assert!(said.contains("Kept out of the book (1)"), "{said}");
    assert!(
        said.contains(&format!(
            "{path}: frozen part changed: lines, total changed after the order was placed (was $50,000.00"
        )),
        "{said}"
    );
    assert!(said.contains("committed by ann"), "{said}");
    assert!(said.contains("Pushed"), "{said}");
    assert_ne!(
        git(&remote, &["rev-parse", "refs/heads/main"]),
        remote_before
    );
    // The book keeps the honest order, with the delivery bob started.
    let shown = b.ok(&["order", "show", &id]);
    assert!(shown.contains("$50,000.00"), "{shown}");
    assert!(!shown.contains("$5,000.00"), "{shown}");
    assert!(b.file(&path).contains("InDelivery"), "{}", b.file(&path));
    // The forging desk gets the honest version back: it is the one the file had when it
    // first appeared.
    a.ok(&["sync"]);
    assert_eq!(a.tree(), b.tree());
    assert!(a.ok(&["order", "show", &id]).contains("$50,000.00"));
}

#[test]
fn a_file_from_a_newer_desk_syncs_and_is_reported_not_damaged_and_never_rewritten() {
    let (_top, _remote, desks) = team(&["ann", "bob"]);
    let (a, b) = (&desks[0], &desks[1]);
    let id = a.new_order("Acme");
    let path = format!("{id}.ron");
    // Ann's desk is newer: its file has format 3 and a field bob's desk does not know.
    let newer = a.file(&path).replacen(
        "format: 3,",
        "format: 5,\n    loyalty: Gold(since: 2026),",
        1,
    );
    fs::write(a.orders().join(&path), &newer).unwrap();
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    assert_eq!(b.file(&path), newer, "byte-identical");
    let r = b.run(&["orders"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("written by a newer Order Desk (format 5): upgrade to read it"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("damaged"), "{}", r.stderr);
    b.new_order("Globex");
    b.ok(&["sync"]);
    assert_eq!(b.file(&path), newer, "a sync never rewrites it");
    a.ok(&["sync"]);
    assert_eq!(a.tree(), b.tree());
}

#[test]
fn the_same_id_made_on_two_desks_with_a_copied_config_keeps_both_orders() {
    let (_top, _remote, desks) = team(&["ann", "bob"]);
    let (a, b) = (&desks[0], &desks[1]);
    // Bob's machine was set up from a copy of Ann's config: the same desk tag.
    fs::copy(
        a.root.join("config/desk-tag"),
        b.root.join("config/desk-tag"),
    )
    .unwrap();
    // The same second on both desks gives the same id.
    let mut ids;
    loop {
        ids = (a.new_order("Acme"), b.new_order("Globex"));
        if ids.0 == ids.1 {
            break;
        }
        fs::remove_file(a.orders().join(format!("{}.ron", ids.0))).unwrap();
        fs::remove_file(b.orders().join(format!("{}.ron", ids.1))).unwrap();
    }
    let id = ids.0;
    a.ok(&["sync"]);
    let said = b.ok(&["sync"]);
    assert!(said.contains("Kept both"), "{said}");
    a.ok(&["sync"]);
    for d in [a, b] {
        let listed = d.ok(&["orders"]);
        assert!(
            listed.contains("Acme") && listed.contains("Globex"),
            "{listed}"
        );
    }
    let copy = b.ok(&["order", "show", &format!("{id}-copy")]);
    assert!(copy.contains("Globex"), "ours renamed, theirs kept: {copy}");
    assert!(
        copy.contains(&format!("renamed from {id} by sync")),
        "{copy}"
    );
    assert!(b.ok(&["order", "show", &id]).contains("Acme"));
    assert_eq!(a.tree(), b.tree());
}

#[test]
fn offline_the_commit_stays_and_the_push_waits_then_goes() {
    let (top, remote, desks) = team(&["ann", "bob"]);
    let a = &desks[0];
    let id = a.new_order("Acme");
    let away = top.path().join("remote-away.git");
    fs::rename(&remote, &away).unwrap();
    let said = a.ok(&["sync"]);
    assert!(
        said.contains("Push waits: the remote cannot be reached"),
        "{said}"
    );
    assert!(git(&a.orders(), &["log", "-1", "--format=%B"]).contains(&id));
    assert!(
        a.ok(&["team", "status"])
            .contains("To push     1 commit(s)")
    );
    fs::rename(&away, &remote).unwrap();
    let said = a.ok(&["sync"]);
    assert!(said.contains("Pushed: 1 commit(s)"), "{said}");
    // Git missing: a clear error, nothing lost.
    let r = Command::new(env!("CARGO_BIN_EXE_order-desk"))
        .env("PATH", "/nonexistent")
        .env("ORDER_DESK_CONFIG_DIR", a.root.join("config"))
        .env("ORDER_DESK_REP", "ann")
        .arg("--orders-dir")
        .arg(a.orders())
        .arg("sync")
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.contains("git is not installed or not on PATH"),
        "{stderr}"
    );
    assert!(a.ok(&["orders"]).contains(&id));
}

#[test]
fn after_a_sync_the_reload_reads_only_the_files_it_pulled() {
    use order_desk::store::user_dirs::UserDirs;
    use order_desk::store::{Known, Store};
    let (top, remote, desks) = team(&["ann", "bob"]);
    let (a, b) = (&desks[0], &desks[1]);
    crate::sample::write_folder(&a.orders(), 2000, 7).unwrap();
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let store = Store::with_dirs(b.orders(), UserDirs::under(&top.path().join("bob-lib")));
    // Files written moments ago are never trusted by stamp; a clock an hour on lets this
    // test stamp the freshly checked-out book.
    let later = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(1))
        .unwrap();
    let book = store.load_summaries_at(later, &|_, _| {}).unwrap();
    assert_eq!(book.orders.len(), 2001);
    let known: Known = book
        .orders
        .iter()
        .map(|o| (o.id.as_str(), o.stamp))
        .collect();
    let ids: Vec<String> = book
        .orders
        .iter()
        .filter(|o| {
            o.status == order_desk::domain::order::Status::Unused && o.valid_until.is_none()
        })
        .take(5)
        .map(|o| o.id.clone())
        .collect();
    for id in &ids {
        a.ok(&["order", "start", id]);
    }
    for i in 0..5 {
        a.new_order(&format!("New {i}"));
    }
    a.ok(&["sync"]);
    let said = b.ok(&["sync"]);
    assert!(
        said.contains("Pulled: 5 new order(s), 5 status change(s)"),
        "{said}"
    );
    let delta = store.changes_since_at(&known, later, &|_, _| {}).unwrap();
    assert_eq!(delta.read, 10, "only the pulled files are read again");
    assert_eq!(delta.changed.len(), 10);
    assert!(delta.removed.is_empty() && delta.damaged.is_empty());
    let _ = remote;
}

// ---- Issue 22: a team book no remote can corrupt ----------------------------------

/// A hostile desk's plain git: commit everything staged by hand and push it.
fn push_by_hand(d: &Desk, message: &str) {
    git(
        &d.orders(),
        &[
            "-c",
            "user.name=mallory",
            "-c",
            "user.email=m@x",
            "commit",
            "-q",
            "-m",
            message,
        ],
    );
    git(
        &d.orders(),
        &["push", "-q", "origin", "HEAD:refs/heads/main"],
    );
}

#[test]
fn i22_a_pushed_gitattributes_neither_turns_the_driver_off_nor_garbles_the_book() {
    let (_top, _remote, desks) = team(&["ann", "bob"]);
    let (a, b) = (&desks[0], &desks[1]);
    let id = a.new_order("Acme");
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    // The remote now says: merge order files line by line, and keep them as UTF-16.
    fs::write(
        a.orders().join(".gitattributes"),
        "*.ron merge=union\n*.ron working-tree-encoding=UTF-16LE\n",
    )
    .unwrap();
    git(&a.orders(), &["add", ".gitattributes"]);
    push_by_hand(a, "rules of the remote");
    // A refund on one desk, a start on the other: a clash only the driver settles.
    a.ok(&["order", "refund", &id, "--reason", "customer cancelled"]);
    b.ok(&["order", "start", &id]);
    a.ok(&["sync"]);
    let said = b.ok(&["sync"]);
    assert!(
        said.contains("Not applied: .gitattributes changed on the remote"),
        "{said}"
    );
    assert!(said.contains("Needs a decision (1):"), "{said}");
    let text = b.file(&format!("{id}.ron"));
    assert_eq!(
        text.matches("\n    status:").count(),
        1,
        "one status field: {text}"
    );
    assert!(text.is_ascii(), "never garbled to UTF-16: {text:?}");
    let shown = b.ok(&["order", "show", &id]);
    assert!(shown.contains("NEEDS A DECISION"), "{shown}");
    // What bob pushes reads as the book's format on the remote too.
    a.ok(&["sync"]);
    assert_eq!(a.tree(), b.tree());
    let pushed = git(&a.orders(), &["show", &format!("HEAD:{id}.ron")]);
    assert!(pushed.is_ascii() && pushed.contains("status:"), "{pushed}");
}

#[test]
fn i22_a_tampered_order_pulled_from_a_remote_is_kept_out_even_when_no_desk_here_changed_it() {
    let (_top, _remote, desks) = team(&["ann", "bob"]);
    let (a, b) = (&desks[0], &desks[1]);
    let id = a.new_order("Acme");
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let path = format!("{id}.ron");
    let forged = a
        .file(&path)
        .replace("Acme", "Mallory Inc")
        .replace("50000.00", "2.00");
    fs::write(a.orders().join(&path), &forged).unwrap();
    git(&a.orders(), &["add", &path]);
    push_by_hand(a, "a small correction");
    let said = b.ok(&["sync"]);
    assert!(said.contains("Kept out of the book (1)"), "{said}");
    assert!(
        said.contains(&path) && said.contains("customer Mallory Inc"),
        "{said}"
    );
    assert!(said.contains("committed by mallory <m@x>"), "{said}");
    let shown = b.ok(&["order", "show", &id]);
    assert!(
        shown.contains("$50,000.00") && shown.contains("Acme"),
        "{shown}"
    );
    assert!(!shown.contains("Mallory"), "{shown}");
}

#[test]
fn i22_sync_shares_the_book_only_and_names_other_files_once() {
    let (_top, remote, desks) = team(&["ann", "bob"]);
    let b = &desks[1];
    fs::write(
        b.orders().join("private-notes.txt"),
        "call Acme about the discount",
    )
    .unwrap();
    fs::write(
        b.orders().join("id_rsa.bak"),
        "-----BEGIN OPENSSH PRIVATE KEY-----",
    )
    .unwrap();
    fs::create_dir_all(b.orders().join("exports")).unwrap();
    fs::write(b.orders().join("exports/Q-1.pdf"), "%PDF-1.7").unwrap();
    let id = b.new_order("Globex");
    let said = b.ok(&["sync"]);
    assert!(said.contains("Not shared (3)"), "{said}");
    for name in ["private-notes.txt", "id_rsa.bak", "exports/Q-1.pdf"] {
        assert!(said.contains(name), "{said}");
    }
    let shared = git(
        &remote,
        &["ls-tree", "-r", "--name-only", "refs/heads/main"],
    );
    assert!(shared.contains(&format!("{id}.ron")), "{shared}");
    for name in ["private-notes.txt", "id_rsa.bak", "exports"] {
        assert!(!shared.contains(name), "{name} was pushed: {shared}");
    }
    // Named once: the next sync does not repeat them.
    let said = b.ok(&["sync"]);
    assert!(!said.contains("Not shared"), "{said}");
}

#[test]
fn i22_links_a_lock_and_a_huge_file_from_a_remote_are_kept_out_and_the_desk_works() {
    let (_top, _remote, desks) = team(&["ann", "bob"]);
    let (a, b) = (&desks[0], &desks[1]);
    a.ok(&["customer", "add", "--name", "Acme", "--country", "BR"]);
    a.ok(&["sync"]);
    b.ok(&["sync"]);
    let book = a.orders();
    // A tracked lock that is a link, the customers folder replaced by a link, and a
    // 60 MB order file (60 kB packed).
    std::os::unix::fs::symlink("/etc/passwd", book.join(".order-desk.lock.tmp")).unwrap();
    git(&book, &["rm", "-q", "-r", "--cached", "customers"]);
    fs::remove_dir_all(book.join("customers")).unwrap();
    std::os::unix::fs::symlink("/tmp", book.join("customers")).unwrap();
    fs::write(
        book.join("20990101-000000-huge-1.ron"),
        vec![b' '; 60 << 20],
    )
    .unwrap();
    git(
        &book,
        &["add", "-f", "customers", "20990101-000000-huge-1.ron"],
    );
    // The lock as a link, added under its real name.
    let blob = {
        let out = Command::new("git")
            .arg("-C")
            .arg(&book)
            .args(["hash-object", "-w", "--stdin"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().unwrap().write_all(b"/etc/passwd")?;
                c.wait_with_output()
            })
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    git(
        &book,
        &[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("120000,{blob},.order-desk.lock"),
        ],
    );
    fs::remove_file(book.join(".order-desk.lock.tmp")).unwrap();
    push_by_hand(a, "tidy up");
    let said = b.ok(&["sync"]);
    assert!(said.contains("Kept out of the book"), "{said}");
    assert!(said.contains(".order-desk.lock: a link"), "{said}");
    assert!(said.contains("customers: a link"), "{said}");
    assert!(said.contains("customers/acme.ron: removed"), "{said}");
    assert!(
        said.contains("20990101-000000-huge-1.ron: 62914560 bytes, over the 1 MiB"),
        "{said}"
    );
    // The desk still saves, quotes and knows its customer.
    let bb = b.orders();
    assert!(
        !fs::symlink_metadata(bb.join("customers"))
            .unwrap()
            .is_symlink()
    );
    assert!(
        !fs::symlink_metadata(bb.join(".order-desk.lock"))
            .unwrap()
            .is_symlink()
    );
    assert!(!bb.join("20990101-000000-huge-1.ron").exists());
    b.new_order("Globex");
    assert!(b.ok(&["customer", "show", "Acme"]).contains("Brazil"));
    b.ok(&["sync"]);
}

#[test]
fn i22_a_silent_remote_is_given_up_on_within_the_deadline() {
    let (_top, _remote, desks) = team(&["ann"]);
    let a = &desks[0];
    // A server that accepts connections and never says a word.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming().flatten() {
            held.push(s);
        }
    });
    let url = format!("http://127.0.0.1:{port}/book.git");
    git(&a.orders(), &["remote", "set-url", "origin", &url]);
    a.new_order("Acme");
    let started = std::time::Instant::now();
    let r = a.run_with(&[("ORDER_DESK_GIT_TIMEOUT", "2")], &["sync"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("the remote gave no answer in 2 s"),
        "{}",
        r.stdout
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    // The commit stayed here.
    assert_eq!(
        git(&a.orders(), &["status", "--porcelain", "--", "*.ron"]),
        ""
    );
    // `team init` against it does not wait for ever either.
    let c = Desk::new(_top.path(), "cat");
    c.new_order("Initech");
    let r = c.run_with(
        &[("ORDER_DESK_GIT_TIMEOUT", "2")],
        &["team", "init", "--remote", &url],
    );
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("no answer in 2 s"), "{}", r.stdout);
}

#[test]
fn i22_a_lock_left_by_a_killed_git_is_cleared_and_a_second_sync_is_told_one_runs() {
    let (_top, _remote, desks) = team(&["ann"]);
    let a = &desks[0];
    a.new_order("Acme");
    fs::write(a.orders().join(".git/index.lock"), "").unwrap();
    let said = a.ok(&["sync"]);
    assert!(said.contains("Cleared: .git/index.lock"), "{said}");
    assert!(said.contains("Committed: 1 change(s)"), "{said}");
    // Another sync holds the book: this one waits, then says so, never "delete a lock".
    let held = fs::File::open(a.orders().join(".git/order-desk-sync.lock")).unwrap();
    held.lock().unwrap();
    let r = a.run_with(&[("ORDER_DESK_SYNC_WAIT", "1")], &["sync"]);
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("another sync of this book is running"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.to_lowercase().contains("delete"), "{}", r.stderr);
    held.unlock().unwrap();
    a.ok(&["sync"]);
}

#[test]
fn a_plain_git_clone_of_the_team_remote_checks_out_the_book_without_a_warning() {
    let (top, remote, _desks) = team(&["ann"]);
    let out = Command::new("git")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .args(["clone", "-q"])
        .arg(&remote)
        .arg(top.path().join("plain"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(!said.contains("nonexistent ref"), "{said}");
    let files = git(&top.path().join("plain"), &["ls-files"]);
    assert!(files.contains(".ron"), "{files}");
}

#[test]
fn i22_a_users_fsmonitor_and_hooks_never_run_during_sync() {
    let (top, _remote, desks) = team(&["ann"]);
    let a = &desks[0];
    let marker = top.path().join("fsmonitor-ran");
    let config = top.path().join("gitconfig");
    fs::write(
        &config,
        format!("[core]\n\tfsmonitor = \"touch {}\"\n", marker.display()),
    )
    .unwrap();
    a.new_order("Acme");
    let cfg = config.to_str().unwrap();
    a.ok(&["sync"]);
    let r = a.run_with(&[("GIT_CONFIG_GLOBAL", cfg)], &["sync"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    a.new_order("Globex");
    let r = a.run_with(&[("GIT_CONFIG_GLOBAL", cfg)], &["sync"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!marker.exists(), "the user's fsmonitor command ran");
}

#[test]
fn i22_joining_a_hostile_remote_keeps_its_links_and_huge_files_out_before_checkout() {
    let (top, _remote, desks) = team(&["ann"]);
    let a = &desks[0];
    a.ok(&["customer", "add", "--name", "Acme", "--country", "BR"]);
    a.ok(&["sync"]);
    let book = a.orders();
    // The remote's book: `quotes` a link out of the book, a 60 MB order file.
    std::os::unix::fs::symlink("/etc", book.join("quotes")).unwrap();
    fs::write(
        book.join("20990101-000000-huge-1.ron"),
        vec![b' '; 60 << 20],
    )
    .unwrap();
    git(
        &book,
        &["add", "-f", "quotes", "20990101-000000-huge-1.ron"],
    );
    push_by_hand(a, "tidy up");
    let c = Desk::new(top.path(), "cy");
    let url = _remote.to_str().unwrap().to_string();
    let said = c.ok(&["team", "join", &url]);
    assert!(said.contains("Kept out of the book (2)"), "{said}");
    assert!(said.contains("quotes: a link"), "{said}");
    assert!(
        said.contains("20990101-000000-huge-1.ron: 62914560 bytes"),
        "{said}"
    );
    assert!(
        !c.orders().join("quotes").exists(),
        "the link was never made"
    );
    assert!(!c.orders().join("20990101-000000-huge-1.ron").exists());
    // The rest of the book arrived and works.
    assert!(c.ok(&["customer", "show", "Acme"]).contains("Brazil"));
    c.ok(&["quote", "new", "--customer", "Acme", "--item", "dev-basic"]);
    assert!(
        !fs::symlink_metadata(c.orders().join("quotes"))
            .unwrap()
            .is_symlink()
    );
    c.ok(&["sync"]);
}
