//! Issue 22, item 8: a user's own document template is bounded. One that never ends and
//! one whose output explodes are both stopped with a sentence naming the template and
//! what to do, and no document is written. The real binary, with a deadline of its own so
//! that a template that is not stopped fails the test instead of hanging it.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::binary::{Run, order_desk};

/// Longer than any bounded render takes here, much shorter than an unbounded one.
const DEADLINE: Duration = Duration::from_secs(90);

struct Desk {
    _root: tempfile::TempDir,
    orders: PathBuf,
    config: PathBuf,
    out: PathBuf,
}

impl Desk {
    /// A desk with one quote, and `template` as the user's own quote template.
    fn with_template(template: &str) -> (Desk, String) {
        let root = tempfile::tempdir().unwrap();
        let desk = Desk {
            orders: root.path().join("orders"),
            config: root.path().join("config"),
            out: root.path().join("out"),
            _root: root,
        };
        fs::create_dir_all(desk.config.join("templates")).unwrap();
        fs::create_dir_all(&desk.out).unwrap();
        let made = desk.run(&[
            "quote",
            "new",
            "--customer",
            "Acme",
            "--country",
            "BR",
            "--item",
            "dev-basic",
        ]);
        assert_eq!(made.code, 0, "{}", made.stderr);
        fs::write(desk.config.join("templates/quote.html.j2"), template).unwrap();
        let id = made.stdout.trim().to_string();
        (desk, id)
    }

    /// Runs the binary; a run past [`DEADLINE`] is killed and fails the test.
    fn run(&self, args: &[&str]) -> Run {
        let mut child = order_desk(&self.orders)
            .env("ORDER_DESK_CONFIG_DIR", &self.config)
            .current_dir(&self.out)
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > DEADLINE {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "{args:?} was still running after {DEADLINE:?}: the template was not stopped"
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let out = child.wait_with_output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    fn export(&self, id: &str) -> Run {
        self.run(&["quote", "export", id, "--format", "html"])
    }
}

fn nothing_written(out: &Path) {
    let left: Vec<_> = fs::read_dir(out).unwrap().flatten().collect();
    assert!(left.is_empty(), "nothing is written: {left:?}");
}

#[test]
fn i22_a_template_that_never_ends_is_stopped_and_named() {
    // 10^15 turns: without a bound this runs for days.
    let (desk, id) = Desk::with_template(
        "{% for a in range(100000) %}{% for b in range(100000) %}{% for c in range(100000) %}.{% endfor %}{% endfor %}{% endfor %}",
    );
    let start = Instant::now();
    let r = desk.export(&id);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    for words in [
        "quote.html.j2",
        "was stopped because it did more work than any document needs",
        "look for a loop that never ends",
        "remove the file to use the built-in template",
    ] {
        assert!(r.stderr.contains(words), "{words:?} in: {}", r.stderr);
    }
    nothing_written(&desk.out);
}

#[test]
fn i22_a_template_whose_output_explodes_is_stopped_and_named() {
    // 9 MB of output: little work, too much text.
    let (desk, id) = Desk::with_template("{% for i in range(100000) %}{{ 'x' * 90 }}{% endfor %}");
    let r = desk.export(&id);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for words in [
        "quote.html.j2",
        "was stopped because it wrote more than 8 MiB",
        "nothing was written",
    ] {
        assert!(r.stderr.contains(words), "{words:?} in: {}", r.stderr);
    }
    nothing_written(&desk.out);

    // A template that doubles a text until memory runs out is stopped by the same bound
    // on work, before it takes the memory.
    fs::write(
        desk.config.join("templates/quote.html.j2"),
        "{% set a = 'x' * 50000000 %}{% set b = a ~ a ~ a ~ a %}{% set c = b ~ b ~ b ~ b %}{{ c|length }}",
    )
    .unwrap();
    let r = desk.export(&id);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("did more work"), "{}", r.stderr);
    nothing_written(&desk.out);

    // A template of ordinary size still renders.
    fs::write(
        desk.config.join("templates/quote.html.j2"),
        "{% for i in range(1000) %}<p>{{ number }} {{ customer.name }}</p>{% endfor %}",
    )
    .unwrap();
    let r = desk.export(&id);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = fs::read_to_string(desk.out.join(r.stdout.trim())).unwrap();
    assert_eq!(html.matches("Acme").count(), 1000);
}
