//! `order-desk team init|join|status`, `sync` and the merge driver `merge-file`.

use std::io::Write;
use std::path::Path;

use super::{CliError, Context, TeamCommand};
use crate::domain::text::{clean, path as shown};
use crate::team::sync::{Push, SyncReport};
use crate::team::{self, Desk, driver};

fn desk(ctx: &Context) -> Result<Desk, CliError> {
    let rep = ctx.checked_rep()?.to_string();
    let exe = std::env::current_exe().map_err(|e| {
        CliError::Usage(format!(
            "cannot find the running order-desk program to register as git's merge driver: {e}"
        ))
    })?;
    Ok(Desk {
        rep,
        desk: ctx.desk.clone(),
        exe,
    })
}

pub(super) fn run(ctx: &Context, action: TeamCommand, out: &mut dyn Write) -> Result<(), CliError> {
    let desk = desk(ctx)?;
    team::child::end_with_signals();
    match action {
        TeamCommand::Init { remote } => {
            let dir = ctx.store.dir();
            let report = team::init(dir, remote.as_deref(), &desk)?;
            writeln!(
                out,
                "{} is a team book: {} order, quote and customer file(s) committed by {} at desk {}",
                shown(dir),
                report.files,
                clean(&desk.rep),
                desk.desk
            )?;
            write_push(&report.push, out)?;
            writeln!(
                out,
                "Others join with: order-desk team join {} DIR",
                remote.as_deref().map_or("URL".into(), clean)
            )?;
        }
        TeamCommand::Join { url, dir } => {
            let dir = dir.unwrap_or_else(|| ctx.store.dir().to_path_buf());
            let report = team::join(&url, &dir, &desk)?;
            writeln!(
                out,
                "Joined {}: {} order(s), {} quote(s), {} customer file(s) in {}",
                clean(&url),
                report.orders,
                report.quotes,
                report.customers,
                shown(&dir)
            )?;
            if !report.refused.is_empty() {
                writeln!(
                    out,
                    "Kept out of the book ({}): they failed the desk's checks; check with whoever committed them:",
                    report.refused.len()
                )?;
                for f in &report.refused {
                    writeln!(out, "  {}", clean(&f.line()))?;
                }
            }
            writeln!(
                out,
                "Work on it with --orders-dir {} (or ORDER_DESK_ORDERS), then `order-desk sync`",
                shown(&dir)
            )?;
        }
        TeamCommand::Status => {
            let dir = ctx.store.dir();
            let s = team::status(dir, &desk)?;
            writeln!(out, "Team book   {}", shown(dir))?;
            writeln!(
                out,
                "Remote      {}",
                s.remote
                    .as_deref()
                    .unwrap_or("none (everything stays on this machine)")
            )?;
            writeln!(
                out,
                "Last sync   {}",
                s.last_sync.as_deref().unwrap_or("never from this desk")
            )?;
            writeln!(out, "Not synced  {} changed file(s) here", s.local_changes)?;
            writeln!(
                out,
                "To push     {} commit(s); to pull {} commit(s) (as of the last sync)",
                s.to_push, s.to_pull
            )?;
            writeln!(out, "Decisions   {} waiting", s.decisions.len())?;
            for p in &s.decisions {
                writeln!(out, "  {}", decision_line(dir, p))?;
            }
            if !s.conflicted.is_empty() {
                writeln!(
                    out,
                    "Conflicted  {} file(s) left for a human:",
                    s.conflicted.len()
                )?;
                for p in &s.conflicted {
                    writeln!(out, "  {}", clean(p))?;
                }
            }
        }
    }
    Ok(())
}

fn write_push(push: &Push, out: &mut dyn Write) -> Result<(), CliError> {
    match push {
        Push::Pushed(n) => writeln!(out, "Pushed: {n} commit(s)")?,
        Push::UpToDate => writeln!(out, "Pushed: nothing new to push")?,
        Push::NoRemote => writeln!(
            out,
            "No remote: committed on this machine only (add one with `team init --remote URL`)"
        )?,
        Push::Waits(why) => writeln!(out, "Push waits: {}", clean(why))?,
    }
    Ok(())
}

/// One line naming a file that waits for a decision and what to choose between.
fn decision_line(top: &Path, path: &str) -> String {
    let full = top.join(path);
    match driver::kind_of(path) {
        Some(driver::Kind::Order) => match crate::store::read_order(&full) {
            Ok(order) => {
                let opts = crate::domain::decision::options(&order).unwrap_or([None, None]);
                let say = |c: Option<&crate::domain::order::StatusChange>| {
                    c.map_or("placing it".to_string(), |c| {
                        format!("{} by {}", c.to.label(), clean(&c.by))
                    })
                };
                format!(
                    "order {}: [1] {} or [2] {}: order-desk order decide {} --keep 1|2",
                    order.id,
                    say(opts[0]),
                    say(opts[1]),
                    order.id
                )
            }
            Err(_) => clean(path).into_owned(),
        },
        Some(driver::Kind::Quote) => format!(
            "quote {}: accepted and declined (or accepted twice) on two desks: see `order-desk quote show`",
            clean(path)
        ),
        _ => match crate::store::read_customer(&full) {
            Ok(c) => format!(
                "customer {}: two desks set {} to different values: see `order-desk customer show '{}'`, settle with `customer decide`",
                clean(&c.name),
                c.clashes
                    .iter()
                    .map(|f| f.field.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                clean(&c.name)
            ),
            Err(_) => format!(
                "customer {}: two desks set a field to different values",
                clean(path)
            ),
        },
    }
}

pub(super) fn sync(ctx: &Context, out: &mut dyn Write) -> Result<(), CliError> {
    let desk = desk(ctx)?;
    let dir = ctx.store.dir();
    team::child::end_with_signals();
    let report = team::sync(dir, &desk, ctx.now)?;
    write_sync(dir, &report, out)?;
    if report.conflicted.is_empty() {
        Ok(())
    } else {
        Err(CliError::Conflicted(format!(
            "{} file(s) left conflicted for a human (see above); nothing was pushed",
            report.conflicted.len()
        )))
    }
}

/// The summary of a sync, decisions first.
pub fn write_sync(dir: &Path, r: &SyncReport, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(out, "Synced {}", shown(dir))?;
    for c in &r.cleared {
        writeln!(out, "Cleared: {}", clean(c))?;
    }
    if !r.refused.is_empty() {
        writeln!(
            out,
            "Kept out of the book ({}): the last good version stays in use; check with whoever committed it:",
            r.refused.len()
        )?;
        for f in &r.refused {
            writeln!(out, "  {}", clean(&f.line()))?;
        }
    }
    for s in &r.shown {
        writeln!(out, "Not applied: {}", clean(s))?;
    }
    if !r.not_shared.is_empty() {
        writeln!(
            out,
            "Not shared ({}), only the book's orders, quotes, customers and price lists are: {}",
            r.not_shared.len(),
            r.not_shared
                .iter()
                .take(20)
                .map(|p| clean(p).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    if !r.decisions.is_empty() {
        writeln!(out, "Needs a decision ({}):", r.decisions.len())?;
        for p in &r.decisions {
            writeln!(out, "  {}", decision_line(dir, p))?;
        }
    }
    if !r.conflicted.is_empty() {
        writeln!(out, "Left conflicted for a human ({}):", r.conflicted.len())?;
        for (p, why) in &r.conflicted {
            writeln!(out, "  {}: {}", clean(p), clean(why))?;
        }
    }
    if r.committed.is_empty() {
        writeln!(out, "Committed: nothing changed here")?;
    } else {
        writeln!(
            out,
            "Committed: {} change(s) from this desk",
            r.committed.len()
        )?;
    }
    writeln!(
        out,
        "Pulled: {} new order(s), {} status change(s), {} quote/customer file(s)",
        r.new_orders_pulled.len(),
        r.status_changes_pulled,
        r.other_files_pulled
    )?;
    for k in &r.kept_both {
        writeln!(out, "Kept both: {}", clean(k))?;
    }
    write_push(&r.push, out)?;
    Ok(())
}

/// `merge-file BASE OURS THEIRS PATH`: exit 0 when merged, 1 when left conflicted.
pub(super) fn merge_file(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: &str,
) -> Result<(), CliError> {
    let top = std::env::current_dir().map_err(CliError::Output)?;
    let outcome = driver::merge_file(base, ours, theirs, path, &top).map_err(CliError::Output)?;
    eprintln!("{}", outcome.report(path));
    match outcome {
        driver::Outcome::Conflicted(why) => Err(CliError::Conflicted(format!(
            "{}: {}",
            crate::domain::text::escaped(path),
            why
        ))),
        _ => Ok(()),
    }
}
