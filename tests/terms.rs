//! The billing rules of the price list: held in data/catalog.ron as the source page words
//! them, printed by `order-desk catalog`, shown in the app (`t`), and the unit text of the
//! Model and Application tiers taken from the price list.

use crate::common;

use assert_cmd::Command;
use common::*;

use order_desk::domain::catalog::Catalog;

/// The rules as the source page (shared/seeds/billing.txt, updated 2025-07-08) gives them,
/// copied from it by hand: the price list file must hold exactly these.
const SOURCE: [(&str, &str); 5] = [
    (
        "Billing Mode",
        "The AI Platform Development and Implementation Service is one-off payment based on the number of sets purchased.",
    ),
    (
        "Sales unit description (set)",
        "One-off technical support service determined based on the workforce baseline corresponding to the professional service item. For example, an \"xx person-day\" development service counts as one set.",
    ),
    (
        "Configuration Change",
        "The AI Platform Development and Implementation Service is a one-time billing product that does not support changes. Refund and unsubscription are allowed prior to usage but not during delivery or post-service. Customers may refer to the service description and their specific business needs when making a purchase.",
    ),
    (
        "Renewal",
        "The service is one-off and cannot be renewed. If needed, repurchase it.",
    ),
    (
        "Expiration and Arrears",
        "The service is one-off. It is recommended that customers use it as soon as possible after purchasing it. After the service expires, they need to repurchase it.",
    ),
];

#[test]
fn the_price_list_holds_the_rules_as_published() {
    assert_eq!(Catalog::builtin().terms(), SOURCE.to_vec());
    // Where the source page is at hand (beside the repository), check it too.
    let page = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/billing.txt");
    if let Ok(page) = std::fs::read_to_string(page) {
        for (heading, text) in SOURCE {
            assert!(page.contains(heading), "{heading}");
            assert!(page.contains(text), "{text}");
        }
    }
}

#[test]
fn order_desk_catalog_prints_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("order-desk")
        .unwrap()
        .args(["--orders-dir"])
        .arg(dir.path())
        .arg("catalog")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Billing rules (price list of 2025-07-08, quoted as published)"));
    // Wrapped for the terminal: compared word by word.
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let printed = words(&out);
    for (heading, text) in SOURCE {
        assert!(
            printed.contains(&format!("{heading} {}", words(text))),
            "{heading}"
        );
    }
}

#[test]
fn t_shows_the_rules_in_the_app_at_80x24() {
    let mut state = loaded_state(true);
    state.width = 80;
    state.height = 24;
    press(&mut state, &[ch('t')]);
    let screen = screen_text(&state, 80, 24);
    assert!(
        screen.contains("Billing rules of the price list (2025-07-08)"),
        "{screen}"
    );
    assert!(screen.contains("Billing Mode"), "{screen}");
    // Scrolling on shows every rule.
    let mut seen = screen;
    for _ in 0..10 {
        press(
            &mut state,
            &[key(ratatui::crossterm::event::KeyCode::PageDown)],
        );
        seen.push_str(&screen_text(&state, 80, 24));
    }
    let seen = seen
        .lines()
        .map(|l| l.trim_matches(|c| c == '"' || c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    for (heading, _) in SOURCE {
        assert!(seen.contains(heading), "{heading}");
    }
    assert!(seen.contains("Refund and unsubscription are allowed prior to usage"));
}

#[test]
fn model_and_application_tiers_say_their_unit_in_the_price_lists_words() {
    let mut state = loaded_state(true);
    state.browse.filter = "per model".into();
    let screen = screen_text(&state, 120, 35);
    assert!(
        screen.contains("Model: One-off payment based on the number of models purchased"),
        "{screen}"
    );
    state.browse.filter = "per application".into();
    let screen = screen_text(&state, 120, 35);
    assert!(
        screen.contains("Application: One-off payment based on the number of applications"),
        "{screen}"
    );
}
