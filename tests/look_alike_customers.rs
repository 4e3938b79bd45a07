//! Issue 22, item 7: look-alike names are one customer. "Acme", "Acme" with a zero-width
//! space and "Ａｃｍｅ" all read "Acme": `customer add` refuses the second and third,
//! naming the customer already in the book and how to go on, and every command that
//! looks a customer up by name finds the one entry. The real binary on a temp folder.

use std::fs;

use crate::binary::{ok, run};

#[test]
fn i22_a_look_alike_name_is_refused_naming_the_customer_in_the_book() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let first = ok(d, &["customer", "add", "--name", "Acme", "--country", "BR"]);
    assert!(first.trim().ends_with("customers/acme.ron"), "{first}");

    for (look_alike, shown) in [
        ("Acme\u{200B}", "'Acme\\u{200b}' reads the same as 'Acme'"),
        ("Ａｃｍｅ", "'Ａｃｍｅ' reads the same as 'Acme'"),
        ("\u{FEFF}ACME", "'\\u{feff}ACME' reads the same as 'Acme'"),
    ] {
        let r = run(
            d,
            &["customer", "add", "--name", look_alike, "--country", "PT"],
        );
        assert_eq!(r.code, 1, "{look_alike:?}: {}", r.stderr);
        for words in [
            shown,
            "a customer already in the book",
            "customers/acme.ron",
            "so nothing was saved",
            "`order-desk customer show 'Acme'`",
            "or give the new customer a name that reads differently",
        ] {
            assert!(r.stderr.contains(words), "{words:?} in: {}", r.stderr);
        }
    }
    assert_eq!(
        fs::read_dir(d.join("customers")).unwrap().count(),
        1,
        "one customer"
    );

    // Each spelling finds the one customer, and brings its country to a new order.
    let show = ok(d, &["customer", "show", "Ａｃｍｅ"]);
    assert!(show.contains("Acme") && show.contains("BR"), "{show}");
    let id = ok(
        d,
        &[
            "order",
            "new",
            "--customer",
            "Acme\u{200B}",
            "--item",
            "dev-basic",
        ],
    );
    let order = order_desk::store::read_order(&d.join(format!("{}.ron", id.trim()))).unwrap();
    assert_eq!(order.country.as_deref(), Some("BR"), "the book's country");
}
