//! Terminal app benchmarks at 100,000 orders (issue 4): one frame of each screen, a key
//! in each screen (keymap + update + draw), a search keystroke and the status filter.
//!
//! `cargo bench --bench tui`. The book is built in memory from `sample::make_order`
//! (no files); an order's file, when the detail asks for it, is answered from memory too,
//! so the figures are the app's own work without the disk (reading one order file adds
//! tens of microseconds, see `benches/store.rs`).

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rayon::prelude::*;

use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::Order;
use order_desk::report::index::ReportIndex;
#[path = "common/sample.rs"]
#[allow(dead_code)] // each user of the fixtures takes a part of them
mod sample;
use order_desk::store::Delta;
use order_desk::store::summary::{self, OrderSummary};
use order_desk::tui::action::{Action, Effect};
use order_desk::tui::model::order_book::{Book, DamagedRow};
use order_desk::tui::state::{Popup, Screen, Setup, State};
use order_desk::tui::update::{Ctx, refilter, update};
use order_desk::tui::{keymap, view};

const ORDERS: usize = 100_000;
const SEED: u64 = 7;

fn today() -> Date {
    date(2026, 11, 26)
}

fn ctx() -> Ctx {
    Ctx {
        now: "2026-11-26T12:00:00Z"
            .parse::<Timestamp>()
            .expect("fixed time"),
        today: today(),
    }
}

/// The app with 100,000 orders loaded and a few damaged files, a cart of several lines,
/// and every full order at hand to answer the detail's reads.
struct Bench {
    state: State,
    terminal: Terminal<TestBackend>,
    /// Full orders by the book's row (row 0 is the newest).
    full: Vec<Order>,
    /// Row of each order id, to answer a read without scanning.
    rows: HashMap<String, usize>,
}

impl Bench {
    fn new() -> Bench {
        let catalog = Catalog::builtin();
        let skus: Vec<String> = catalog.tiers().map(|e| e.tier.sku.clone()).collect();
        let mut full: Vec<Order> = (0..ORDERS)
            .into_par_iter()
            .map(|i| sample::make_order(&catalog, &skus, i, SEED))
            .collect();
        full.par_sort_unstable_by(|a, b| {
            b.created_at
                .cmp(&a.created_at)
                .then_with(|| b.id.cmp(&a.id))
        });
        let mut summaries: Vec<OrderSummary> = full.par_iter().map(OrderSummary::of).collect();
        summary::sort_newest_first(&mut summaries);
        assert!(full.iter().zip(&summaries).all(|(o, s)| o.id == s.id));
        let damaged = (0..4)
            .map(|i| {
                DamagedRow::new(
                    format!("2025010{i}-090000-old.ron"),
                    format!("2025010{i}-090000-old.ron:3:14: Expected comma"),
                )
            })
            .collect();
        let mut state = State::new(Setup {
            lists: vec![catalog.clone()],
            catalog: catalog.clone(),
            catalog_label: "built-in".into(),
            orders_label: "/srv/orders".into(),
            rep: "sam".into(),
            desk: "bnch".into(),
            color: true,
            tz: TimeZone::UTC,
        });
        state.height = 35;
        state.orders.book = Book::new(summaries, damaged);
        state.orders.loaded = true;
        refilter(&mut state, today());
        // Below the damaged rows, on an order.
        state.orders.selected = 10;
        state.cart_tab.cart.region = Region::Oc2;
        for sku in skus.iter().step_by(4) {
            state
                .cart_tab
                .cart
                .add(&catalog, sku, 2)
                .expect("a sold SKU");
        }
        let rows = full
            .iter()
            .enumerate()
            .map(|(at, o)| (o.id.clone(), at))
            .collect();
        Bench {
            state,
            terminal: Terminal::new(TestBackend::new(120, 35)).expect("test terminal"),
            full,
            rows,
        }
    }

    fn draw(&mut self) {
        let state = &self.state;
        self.terminal
            .draw(|f| view::draw(f, state, today()))
            .expect("draw");
        black_box(self.terminal.backend());
    }

    /// A key through keymap and update as the loop does; an order's file is read from
    /// memory, other effects (saves, loads) are left out.
    fn key(&mut self, key: KeyEvent) {
        let Some(action) = keymap::map(key, &self.state) else {
            return;
        };
        let mut pending = vec![action];
        while let Some(action) = pending.pop() {
            for effect in update(&mut self.state, action, &ctx()) {
                if let Effect::OpenOrder { id, purpose } = effect {
                    let result = self
                        .rows
                        .get(&id)
                        .map(|at| self.full[*at].clone())
                        .ok_or_else(|| format!("no order {id}"));
                    pending.push(Action::OrderOpened {
                        id,
                        purpose,
                        result,
                    });
                }
            }
        }
    }

    /// A key and the frame after it, as the rep sees it.
    fn press(&mut self, code: KeyCode) {
        self.key(KeyEvent::new(code, KeyModifiers::NONE));
        self.draw();
    }

    /// Shows a screen without the reload that switching to Orders asks for.
    fn show(&mut self, screen: Screen) {
        self.state.screen = screen;
        self.state.popup = None;
        self.state.orders.detail = None;
        self.state.orders.loading = None;
    }
}

/// Times `work` only, running `reset` untimed after each call.
fn timed(
    b: &mut criterion::Bencher,
    bench: &mut Bench,
    mut work: impl FnMut(&mut Bench),
    mut reset: impl FnMut(&mut Bench),
) {
    b.iter_custom(|iters| {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            let started = Instant::now();
            work(bench);
            total += started.elapsed();
            reset(bench);
        }
        total
    });
}

fn frames(c: &mut Criterion, bench: &mut Bench) {
    let mut group = c.benchmark_group("frame_100k");
    for (name, screen) in [
        ("catalog", Screen::Catalog),
        ("cart", Screen::Cart),
        ("orders", Screen::Orders),
    ] {
        bench.show(screen);
        group.bench_function(name, |b| b.iter(|| bench.draw()));
    }
    bench.show(Screen::Orders);
    bench.press(KeyCode::Enter);
    assert!(
        bench
            .state
            .orders
            .detail
            .as_ref()
            .unwrap()
            .order()
            .is_some()
    );
    group.bench_function("detail", |b| b.iter(|| bench.draw()));
    bench.show(Screen::Orders);
    bench.state.popup = Some(Popup::Help);
    group.bench_function("help", |b| b.iter(|| bench.draw()));
    bench.show(Screen::Orders);
    group.finish();
}

fn keys(c: &mut Criterion, bench: &mut Bench) {
    let mut group = c.benchmark_group("key_100k");
    // ↓ then ↑, so the cursor stays where it was; each is one key and one frame.
    for (name, screen) in [
        ("catalog_down", Screen::Catalog),
        ("cart_down", Screen::Cart),
        ("orders_down", Screen::Orders),
    ] {
        bench.show(screen);
        let mut down = true;
        group.bench_function(name, |b| {
            b.iter(|| {
                bench.press(if down { KeyCode::Down } else { KeyCode::Up });
                down = !down;
            })
        });
    }
    bench.show(Screen::Catalog);
    group.bench_function("switch_tab", |b| {
        b.iter(|| {
            bench.press(KeyCode::Tab);
            // Coming to Orders asks for a reload; the loop would run it on a thread.
            bench.state.orders.loading = None;
        })
    });
    bench.show(Screen::Orders);
    group.bench_function("open_detail", |b| {
        timed(
            b,
            bench,
            |bench| bench.press(KeyCode::Enter),
            |bench| bench.state.orders.detail = None,
        )
    });
    bench.press(KeyCode::Enter);
    let mut down = true;
    group.bench_function("detail_next_order", |b| {
        b.iter(|| {
            bench.press(if down { KeyCode::Down } else { KeyCode::Up });
            down = !down;
        })
    });
    bench.show(Screen::Orders);
    group.finish();
}

fn search_and_filter(c: &mut Criterion, bench: &mut Bench) {
    let mut group = c.benchmark_group("orders_100k");
    bench.show(Screen::Orders);
    bench.press(KeyCode::Char('/'));
    // The first character looks at all 100,000 orders; later ones only at what matched.
    group.bench_function("search_first_char", |b| {
        timed(
            b,
            bench,
            |bench| bench.press(KeyCode::Char('a')),
            |bench| bench.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
        )
    });
    for c in "acme".chars() {
        bench.press(KeyCode::Char(c));
    }
    group.bench_function("search_next_char", |b| {
        timed(
            b,
            bench,
            |bench| bench.press(KeyCode::Char(' ')),
            |bench| bench.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
        )
    });
    // Deleting a character scans every order again.
    group.bench_function("search_backspace", |b| {
        timed(
            b,
            bench,
            |bench| bench.press(KeyCode::Backspace),
            |bench| bench.key(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE)),
        )
    });
    bench.press(KeyCode::Esc);
    bench.press(KeyCode::Esc);
    assert!(bench.state.orders.search.is_empty());
    // A word naming a service ("development": 15 SKUs) scans every order's text and
    // then its lines' SKUs; the worst case is a full rescan (backspace).
    bench.press(KeyCode::Char('/'));
    for c in "development".chars() {
        bench.press(KeyCode::Char(c));
    }
    group.bench_function("search_service_name_backspace", |b| {
        timed(
            b,
            bench,
            |bench| bench.press(KeyCode::Backspace),
            |bench| bench.key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE)),
        )
    });
    bench.press(KeyCode::Esc);
    bench.press(KeyCode::Esc);
    assert!(bench.state.orders.search.is_empty());
    // A reload that found one order changed: applied in place, re-sorted, filtered again.
    let changed = bench.state.orders.book.orders[500].clone();
    group.bench_function("reload_apply_one_change", |b| {
        b.iter(|| {
            let delta = Delta {
                changed: vec![changed.clone()],
                ..Delta::default()
            };
            black_box(update(
                &mut bench.state,
                Action::Reloaded(Box::new(delta)),
                &ctx(),
            ))
        })
    });
    // All → Unused → In delivery → Delivered → Refunded → Expired → All, one key each.
    group.bench_function("filter_cycle", |b| {
        b.iter(|| bench.press(KeyCode::Char('f')))
    });
    group.finish();
}

/// The Reports tab (issue 10): a key that changes the grouping or the period, with the
/// frame it draws, over the whole book (all time); laying the book out once after a load;
/// and the Orders tab's sort and expiring keys.
fn reports(c: &mut Criterion, bench: &mut Bench) {
    let mut group = c.benchmark_group("reports_100k");
    let orders = bench.state.orders.book.orders.clone();
    group.bench_function("lay_out_the_book", |b| {
        b.iter(|| black_box(ReportIndex::new(&orders, &TimeZone::UTC)))
    });
    drop(orders);
    bench.show(Screen::Reports);
    // The first figures lay the book out; every key after that is one pass.
    bench.press(KeyCode::Char('f'));
    for (name, one, other) in [
        ("regroup_tier_family", 'i', 'f'),
        ("regroup_service_status", 'v', 's'),
        ("regroup_rep_customer", 'e', 'c'),
        ("regroup_country_month", 'n', 'm'),
    ] {
        let mut first = true;
        group.bench_function(name, |b| {
            b.iter(|| {
                bench.press(KeyCode::Char(if first { one } else { other }));
                first = !first;
            })
        });
    }
    // Month → quarter → year → all time, by tier, one key each.
    bench.press(KeyCode::Char('i'));
    group.bench_function("period_cycle_by_tier", |b| {
        b.iter(|| bench.press(KeyCode::Char('p')))
    });
    bench.show(Screen::Orders);
    group.bench_function("orders_sort_cycle", |b| {
        b.iter(|| bench.press(KeyCode::Char('o')))
    });
    group.bench_function("orders_expiring_toggle", |b| {
        b.iter(|| bench.press(KeyCode::Char('e')))
    });
    group.finish();
}

/// 50 imported lists of 40 tiers each (issue 19), as pages of the family read by the
/// importer: the catalog of the 25th on screen.
fn fifty_lists() -> Vec<Catalog> {
    use order_desk::domain::pricelist::{Settle, import_text, to_catalog};
    let mut lists = vec![Catalog::builtin()];
    for l in 0..50 {
        let mut page = format!(
            "Updated on 2026-0{}-1{} GMT+08:00\n\nThis page describes the billing of the Example Service {l}.\n\nBilling Items\n\nService\n\nSpecifications\n\nBilling Mode\n\nOutside China 1 - USD (Asia Pacific, Russia, and Latin America)\n\nOutside China 2 - USD (Europe, Africa, Brazil, and Middle East)\n\nSales Unit\n\n",
            1 + l % 9,
            l % 10
        );
        for t in 0..40 {
            if t % 5 == 0 {
                page += &format!("Example Group {l}-{}\n\n", t / 5);
            }
            page += &format!(
                "Example Group {l}-{} - Tier {t}\n\nOne-off payment\n\n${},{:03}.00 USD\n\n${},{:03}.50 USD\n\nSet\n\n",
                t / 5,
                10 + t,
                l,
                20 + t,
                l
            );
        }
        page += "Configuration Change\n\nRefund and unsubscription are allowed prior to usage but not during delivery.\n";
        let list =
            import_text(&page, &format!("example-{l}"), &Settle::default()).expect("imports");
        lists.push(to_catalog(&list).expect("a catalog"));
    }
    lists
}

/// With 50 lists of 40 tiers: a key in the Catalog, and a filter keystroke that looks
/// across every list (one that matches only another list's tiers).
fn lists(c: &mut Criterion, bench: &mut Bench) {
    let mut group = c.benchmark_group("lists_50x40");
    bench.state.setup.lists = fifty_lists();
    bench.state.setup.catalog = bench.state.setup.lists[25].clone();
    bench.state.cart_tab.cart.lines.clear();
    bench.state.browse = Default::default();
    bench.show(Screen::Catalog);
    bench.press(KeyCode::Right);
    bench.press(KeyCode::Right);
    let mut down = true;
    group.bench_function("catalog_down", |b| {
        b.iter(|| {
            bench.press(if down { KeyCode::Down } else { KeyCode::Up });
            down = !down;
        })
    });
    bench.press(KeyCode::Char('/'));
    for c in "group 4".chars() {
        bench.press(KeyCode::Char(c));
    }
    // "group 49" is only in list 49: the current list shows nothing and every other
    // list is searched for the message.
    group.bench_function("filter_char_across_lists", |b| {
        timed(
            b,
            bench,
            |bench| bench.press(KeyCode::Char('9')),
            |bench| bench.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
        )
    });
    bench.press(KeyCode::Esc);
    bench.press(KeyCode::Esc);
    group.bench_function("open_the_lists", |b| {
        timed(
            b,
            bench,
            |bench| {
                bench.key(KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT));
                bench.draw();
            },
            |bench| bench.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        )
    });
    group.finish();
}

/// The Customers tab over the 100,000 orders: its rows made (every order summed into its
/// customer's row), shown again, a move down, the frame and a search keystroke.
fn customers(c: &mut Criterion, bench: &mut Bench) {
    let mut group = c.benchmark_group("customers_100k");
    bench.show(Screen::Orders);
    // The first time, or after the orders changed: every order summed into its row.
    group.bench_function("rows_made_anew", |b| {
        timed(
            b,
            bench,
            |bench| bench.press(KeyCode::Char('6')),
            |bench| {
                bench.state.customers_tab.stamp = None;
                bench.show(Screen::Orders);
            },
        )
    });
    // Coming back with nothing changed: the rows are kept.
    group.bench_function("show_the_tab", |b| {
        timed(
            b,
            bench,
            |bench| bench.press(KeyCode::Char('6')),
            |bench| bench.show(Screen::Orders),
        )
    });
    bench.press(KeyCode::Char('6'));
    group.bench_function("move_down", |b| {
        timed(
            b,
            bench,
            |bench| bench.press(KeyCode::Down),
            |bench| bench.press(KeyCode::Up),
        )
    });
    group.bench_function("frame", |b| b.iter(|| bench.draw()));
    bench.press(KeyCode::Char('/'));
    group.bench_function("search_char", |b| {
        timed(
            b,
            bench,
            |bench| bench.press(KeyCode::Char('a')),
            |bench| bench.key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
        )
    });
    bench.press(KeyCode::Esc);
    group.finish();
}

fn tui(c: &mut Criterion) {
    let mut bench = Bench::new();
    customers(c, &mut Bench::new());
    lists(c, &mut Bench::new());
    frames(c, &mut bench);
    keys(c, &mut bench);
    search_and_filter(c, &mut bench);
    reports(c, &mut bench);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = tui
}
criterion_main!(benches);
