//! The app's export of an order (`x` in the Orders detail): a popup asks the format, the
//! document is written to the export folder and the status bar says where it went.
//! Its own test binary: it sets ORDER_DESK_EXPORT_DIR for the whole process.

use crate::common;

use common::*;
use ratatui::crossterm::event::KeyCode;

use order_desk::domain::catalog::Region;
use order_desk::tui::state::{Exported, Popup};

#[test]
fn x_in_the_detail_exports_the_open_order_and_says_where() {
    let out = tempfile::tempdir().unwrap();
    // SAFETY: the only test in this binary, before any thread that reads the environment.
    unsafe { std::env::set_var(order_desk::tui::export::EXPORT_DIR_ENV, out.path()) };
    let mut app = App::new();
    let saved = common::test_store(app.dir.path())
        .save_new(
            order(
                "x",
                "Ωμέγα Trading",
                Region::Oc2,
                &[("support-flagship", 999)],
                1,
            ),
            "kim",
        )
        .unwrap();

    // In the table, x only says how to reach the detail: it acts on what is visible.
    app.keys(&[ch('4'), ch('x')]);
    assert!(app.state.popup.is_none());
    assert!(
        app.screen().contains("open one with Enter first"),
        "{}",
        app.screen()
    );

    app.keys(&[key(KeyCode::Enter), ch('x')]);
    assert_eq!(
        app.state.popup,
        Some(Popup::Export(Exported::Order(saved.id.clone())))
    );
    let popup = screen_text(&app.state, 60, 16);
    if std::env::var_os("SHOW").is_some() {
        eprintln!("{popup}\n{}", screen_text(&app.state, 80, 24));
    }
    for want in ["Export order", " m ", " h ", " p ", "Esc cancels"] {
        assert!(popup.contains(want), "{want:?} at 60x16:\n{popup}");
    }

    // Esc cancels without writing anything.
    app.keys(&[key(KeyCode::Esc)]);
    assert!(app.state.popup.is_none());
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);

    app.keys(&[ch('x'), ch('p')]);
    let file = out.path().join(format!("order-{}.pdf", saved.id));
    let bytes = std::fs::read(&file).expect("the PDF is written to the export folder");
    assert!(bytes.starts_with(b"%PDF"));
    let screen = screen_text(&app.state, 200, 30);
    if std::env::var_os("SHOW").is_some() {
        eprintln!("{}", screen_text(&app.state, 80, 24));
    }
    assert!(screen.contains("Exported to"), "{screen}");
    assert!(
        screen.contains(&format!("order-{}.pdf", saved.id)),
        "{screen}"
    );

    // Without a seller profile, the popup says how to write one.
    let profile = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("user/config/desk.ron");
    if !profile.exists() {
        app.keys(&[ch('x')]);
        let popup = screen_text(&app.state, 80, 24);
        assert!(popup.contains("config init` writes one"), "{popup}");
        app.keys(&[key(KeyCode::Esc)]);
    }

    // A second export never replaces the first: it takes the next free name.
    app.keys(&[ch('x'), ch('m')]);
    app.keys(&[ch('x'), ch('m')]);
    let md = out.path().join(format!("order-{}-2.md", saved.id));
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("Ωμέγα Trading") && text.contains("$1,298,700,000.00"),
        "{text}"
    );
    assert!(app.state.popup.is_none());

    // The same path for a quote, as the Quotes tab calls it.
    let quote = order_desk::domain::quote::Quote::from_priced(
        order("q", "Ωμέγα Trading", Region::Oc2, &[("dev-basic", 2)], 1),
        today(),
    );
    let quote = app.store.save_new_quote(quote, "kim").unwrap();
    let (path, _) = order_desk::tui::export::export_quote(
        &quote,
        order_desk::document::DocFormat::Html,
        &app.state.setup.catalog,
        &app.store,
        today(),
    )
    .unwrap();
    assert!(
        path.ends_with(format!("quote-{}.html", quote.id)),
        "{}",
        path.display()
    );
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("$140,000.00") && html.contains("Ωμέγα Trading"));
}

/// Issue 20, item 7: the last file written opens with the system's opener (Ctrl-O), the
/// status line says so, and without an opener says where the file is instead.
#[test]
fn ctrl_o_opens_the_last_exported_file_with_the_systems_opener() {
    use order_desk::tui::action::{Action, Effect};
    use order_desk::tui::keymap;
    use order_desk::tui::update::update;
    let mut state = loaded_state(false);
    let file = std::path::PathBuf::from("/tmp/exports/order-X.pdf");
    state.export.opener = Some("/usr/bin/xdg-open".into());
    let _ = update(
        &mut state,
        Action::Exported(Ok((file.clone(), true))),
        &ctx(),
    );
    assert!(
        screen_text(&state, 120, 35)
            .contains("Exported to /tmp/exports/order-X.pdf · Ctrl-O opens it")
    );
    let action = keymap::map(ctrl('o'), &state).expect("Ctrl-O is bound");
    let fx = update(&mut state, action, &ctx());
    assert_eq!(
        fx,
        [Effect::OpenFile {
            opener: "/usr/bin/xdg-open".into(),
            path: file.clone(),
        }]
    );
    // No opener on this machine: nothing is started, the path is said.
    state.export.opener = None;
    let fx = update(&mut state, Action::OpenExported, &ctx());
    assert!(fx.is_empty());
    assert!(screen_text(&state, 120, 35).contains(
        "No system opener (xdg-open or open) on this machine: the file is /tmp/exports/order-X.pdf"
    ));
}
