//! `X` writes what Orders, Quotes or Reports list as CSV (issue 20), the same CSV as the
//! command line's `--format csv`, the filters on screen applied.

use crate::binary;
use crate::common;

use common::*;

use order_desk::domain::catalog::Region;
use order_desk::domain::rules::Transition;
use order_desk::tui::action::{Action, Effect};
use order_desk::tui::export::{Listed, export_list};
use order_desk::tui::state::Screen;
use order_desk::tui::update::update;

/// What `X` asks the loop to write on the current screen.
fn listed(app: &mut App) -> Listed {
    let fx = update(&mut app.state, Action::ExportList, &ctx());
    match fx.into_iter().next() {
        Some(Effect::ExportList(listed)) => listed,
        other => panic!("no list to write: {other:?}"),
    }
}

#[test]
fn the_orders_listed_are_written_as_the_cli_writes_them() {
    let mut app = App::new();
    let mut ids = Vec::new();
    for (i, who) in ["=HYPERLINK(\"x\")", "Rio Foods", "Kyoto Robotics"]
        .iter()
        .enumerate()
    {
        let o = order(
            &format!("o{i}"),
            who,
            Region::Oc2,
            &[("support-flagship", 999)],
            i as i64,
        );
        ids.push(app.store.save_new(o, "ann").unwrap().id);
    }
    app.store
        .transition(&ids[1], None, Transition::StartDelivery, "ann", None, now())
        .unwrap();
    app.act(Action::Refresh);
    app.keys(&[ch('4')]);
    let out = tempfile::tempdir().unwrap();
    let all = export_list(out.path(), &listed(&mut app), now()).unwrap();
    let written = std::fs::read_to_string(&all).unwrap();
    let cli = binary::ok(app.dir.path(), &["orders", "--format", "csv"]);
    assert_eq!(written, cli, "the app's CSV is the CLI's");
    assert!(
        written.contains("'=HYPERLINK"),
        "a formula is neutralised: {written}"
    );
    // The status filter on screen (Unused) leaves the started order out.
    app.keys(&[ch('f')]);
    let second = export_list(out.path(), &listed(&mut app), now()).unwrap();
    assert_ne!(second, all, "a second file never replaces the first");
    let unused = std::fs::read_to_string(&second).unwrap();
    assert_eq!(unused.lines().count(), 1 + 2, "{unused}");
    assert!(!unused.contains(&ids[1]), "{unused}");
}

#[test]
fn quotes_and_a_report_are_written_too() {
    let mut app = App::new();
    app.store
        .save_new(
            order("a", "Acme", Region::Oc1, &[("dev-basic", 2)], 1),
            "ann",
        )
        .unwrap();
    app.act(Action::Refresh);
    app.act(Action::Show(Screen::Reports));
    let out = tempfile::tempdir().unwrap();
    let report = export_list(out.path(), &listed(&mut app), now()).unwrap();
    let text = std::fs::read_to_string(&report).unwrap();
    assert!(text.starts_with("group,orders,units,booked"), "{text}");
    assert!(text.contains("total,1,2,100000.00"), "{text}");
    // No quote yet: nothing to write, said so.
    app.act(Action::Show(Screen::Quotes));
    assert!(update(&mut app.state, Action::ExportList, &ctx()).is_empty());
    assert!(
        app.state
            .message
            .as_ref()
            .unwrap()
            .text
            .contains("Nothing listed"),
        "{:?}",
        app.state.message
    );
}
