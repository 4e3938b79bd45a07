//! Dates as a rep sees them, in the rep's own zone, around midnight: the binary runs with
//! `TZ` set to UTC+8 (Asia/Shanghai) and UTC−3 (America/Sao_Paulo), not only UTC, over
//! orders placed just before and just after midnight in each. The day an order was placed
//! (table, detail, the --from/--to period, the month of a report) and whether it expired
//! (valid until a day that is today in one zone and yesterday in another) follow the zone.

use crate::binary;

use std::path::Path;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use order_desk::domain::cart::Cart;
use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::{CheckoutForm, checkout};
use order_desk::store::Store;

const SHANGHAI: &str = "Asia/Shanghai";
const SAO_PAULO: &str = "America/Sao_Paulo";

fn store(dir: &Path) -> Store {
    Store::with_dirs(
        dir,
        order_desk::store::user_dirs::UserDirs::under(
            &Path::new(env!("CARGO_TARGET_TMPDIR")).join("user"),
        ),
    )
}

/// Saves an order placed at `at` for `customer`, valid until `until`; returns its id.
fn place(dir: &Path, customer: &str, at: &str, until: Option<Date>) -> String {
    let catalog = Catalog::builtin();
    let mut cart = Cart::new(Region::Oc1);
    cart.add(&catalog, "dev-basic", 1).unwrap();
    let form = CheckoutForm {
        customer: customer.into(),
        rep: "dana".into(),
        note: String::new(),
        valid_until: None,
        ..Default::default()
    };
    let at: Timestamp = at.parse().unwrap();
    let mut order = checkout(&cart, &catalog, &form, String::new(), at).unwrap();
    order.valid_until = until;
    store(dir).save_new(order, "test").unwrap().id
}

/// Runs the binary in zone `tz`; returns stdout.
fn run_in(tz: &str, dir: &Path, args: &[&str]) -> String {
    let out = binary::order_desk(dir)
        .env("TZ", tz)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "TZ={tz} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The line of `text` that names `needle`.
fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle} in:\n{text}"))
}

/// Four orders a minute either side of midnight in Shanghai (16:00 UTC) and in São Paulo
/// (03:00 UTC), on the last day of November.
fn around_midnight(dir: &Path) -> [String; 4] {
    [
        place(dir, "Before Shanghai", "2026-11-30T15:59:00Z", None),
        place(dir, "After Shanghai", "2026-11-30T16:01:00Z", None),
        place(dir, "Before Sao Paulo", "2026-12-01T02:59:00Z", None),
        place(dir, "After Sao Paulo", "2026-12-01T03:01:00Z", None),
    ]
}

#[test]
fn the_day_an_order_was_placed_is_the_reps_day() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    around_midnight(d);
    // (zone, customer, the day and time shown there)
    let expected = [
        (
            SHANGHAI,
            "Before Shanghai",
            "2026-11-30",
            "2026-11-30 23:59",
        ),
        (SHANGHAI, "After Shanghai", "2026-12-01", "2026-12-01 00:01"),
        (
            SHANGHAI,
            "Before Sao Paulo",
            "2026-12-01",
            "2026-12-01 10:59",
        ),
        (
            SAO_PAULO,
            "Before Shanghai",
            "2026-11-30",
            "2026-11-30 12:59",
        ),
        (
            SAO_PAULO,
            "After Shanghai",
            "2026-11-30",
            "2026-11-30 13:01",
        ),
        (
            SAO_PAULO,
            "Before Sao Paulo",
            "2026-11-30",
            "2026-11-30 23:59",
        ),
        (
            SAO_PAULO,
            "After Sao Paulo",
            "2026-12-01",
            "2026-12-01 00:01",
        ),
        ("UTC", "After Shanghai", "2026-11-30", "2026-11-30 16:01"),
        ("UTC", "Before Sao Paulo", "2026-12-01", "2026-12-01 02:59"),
    ];
    for (tz, customer, day, time) in expected {
        let table = run_in(tz, d, &["orders"]);
        let row = line_with(&table, customer);
        assert!(row.contains(day), "TZ={tz}: {row}");
        let id = row.split_whitespace().next().unwrap();
        let detail = run_in(tz, d, &["order", "show", id]);
        assert!(
            line_with(&detail, "Placed").contains(time),
            "TZ={tz} {customer}:\n{detail}"
        );
    }
}

#[test]
fn a_period_and_a_months_report_take_the_reps_days() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    around_midnight(d);
    let december = ["orders", "--from", "2026-12-01", "--to", "2026-12-31"];
    let november = ["orders", "--from", "2026-11-01", "--to", "2026-11-30"];
    for (tz, in_december) in [
        (
            SHANGHAI,
            vec!["After Shanghai", "Before Sao Paulo", "After Sao Paulo"],
        ),
        (SAO_PAULO, vec!["After Sao Paulo"]),
        ("UTC", vec!["Before Sao Paulo", "After Sao Paulo"]),
    ] {
        let dec = run_in(tz, d, &december);
        let nov = run_in(tz, d, &november);
        for customer in [
            "Before Shanghai",
            "After Shanghai",
            "Before Sao Paulo",
            "After Sao Paulo",
        ] {
            let want_december = in_december.contains(&customer);
            assert_eq!(
                dec.contains(customer),
                want_december,
                "TZ={tz} {customer}:\n{dec}"
            );
            assert_eq!(
                nov.contains(customer),
                !want_december,
                "TZ={tz} {customer}:\n{nov}"
            );
        }
        let report = run_in(tz, d, &["report", "--by", "month", "--format", "csv"]);
        let count = |month: &str| {
            report
                .lines()
                .find(|l| l.starts_with(month))
                .map(|l| l.split(',').nth(1).unwrap().to_string())
                .unwrap_or_else(|| "0".into())
        };
        assert_eq!(
            count("2026-12"),
            in_december.len().to_string(),
            "TZ={tz}:\n{report}"
        );
        assert_eq!(
            count("2026-11"),
            (4 - in_december.len()).to_string(),
            "TZ={tz}:\n{report}"
        );
    }
}

/// The day it is now in `tz`.
fn today_in(tz: &str) -> Date {
    TimeZone::get(tz)
        .unwrap()
        .to_datetime(Timestamp::now())
        .date()
}

/// An order valid until today (in a zone) is not expired there; valid until yesterday, it
/// is. UTC+14 and UTC−12 are a day or two apart at every hour, so one of them always has
/// a different date from UTC and catches a rule that used UTC's day; UTC+8 and UTC−3 catch
/// it when the test runs near their midnight.
#[test]
fn expiry_follows_the_reps_day() {
    for tz in [SHANGHAI, SAO_PAULO, "Etc/GMT-14", "Etc/GMT+12"] {
        // A run that spans midnight there is tried again.
        for attempt in 0.. {
            let dir = tempfile::tempdir().unwrap();
            let d = dir.path();
            let today = today_in(tz);
            let yesterday = today.checked_sub(1.day()).unwrap();
            let placed = "2020-01-01T12:00:00Z";
            let open = place(d, "Open", placed, Some(today));
            let lapsed = place(d, "Lapsed", placed, Some(yesterday));
            let open_shown = run_in(tz, d, &["order", "show", &open]);
            let lapsed_shown = run_in(tz, d, &["order", "show", &lapsed]);
            let expired = run_in(tz, d, &["orders", "--status", "expired"]);
            if today_in(tz) != today && attempt == 0 {
                continue;
            }
            let status = |text: &str| line_with(text, "Status").to_string();
            assert!(
                status(&open_shown).contains("Unused"),
                "TZ={tz}:\n{open_shown}"
            );
            assert!(
                status(&lapsed_shown).contains("Expired"),
                "TZ={tz}:\n{lapsed_shown}"
            );
            assert!(
                expired.contains("Lapsed") && !expired.contains("Open"),
                "TZ={tz}:\n{expired}"
            );
            break;
        }
    }
}

/// The app's Orders table and detail show days and times in the zone it is given (the
/// system's, in the app): an order placed at 16:01 UTC is on the 1st of December in
/// Shanghai and on the 30th of November in São Paulo.
#[test]
fn the_app_shows_days_and_times_in_the_reps_zone() {
    use order_desk::store::summary::OrderSummary;
    use order_desk::tui::model::order_book::Book;
    use order_desk::tui::state::{Screen, Setup, State};
    use order_desk::tui::update::refilter;
    let dir = tempfile::tempdir().unwrap();
    let id = place(dir.path(), "After Shanghai", "2026-11-30T16:01:00Z", None);
    let order = order_desk::store::read_order(&store(dir.path()).path_of(&id)).unwrap();
    for (tz, day, time) in [
        (SHANGHAI, "2026-12-01", "2026-12-01 00:01"),
        (SAO_PAULO, "2026-11-30", "2026-11-30 13:01"),
    ] {
        let mut state = State::new(Setup {
            lists: vec![Catalog::builtin()],
            catalog: Catalog::builtin(),
            catalog_label: "built-in".into(),
            orders_label: "/srv/orders".into(),
            rep: "sam".into(),
            desk: "test".into(),
            color: false,
            tz: TimeZone::get(tz).unwrap(),
        });
        state.orders.book = Book::new(vec![OrderSummary::of(&order)], vec![]);
        state.orders.loaded = true;
        state.screen = Screen::Orders;
        let today = jiff::civil::date(2026, 12, 1);
        refilter(&mut state, today);
        let draw = |state: &State| {
            let mut terminal =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 35)).unwrap();
            terminal
                .draw(|f| order_desk::tui::view::draw(f, state, today))
                .unwrap();
            terminal.backend().to_string()
        };
        let table = draw(&state);
        assert!(
            line_with(&table, "After Shanghai").contains(day),
            "TZ={tz}:\n{table}"
        );
        state.orders.detail = Some(order_desk::tui::state::Detail {
            id: id.clone(),
            row: 0,
            file: order_desk::tui::state::OrderFile::Read(Box::new(order.clone())),
        });
        let detail = draw(&state);
        assert!(detail.contains(time), "TZ={tz}:\n{detail}");
    }
}
