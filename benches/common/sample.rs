//! Realistic sample orders for benchmarks, demos and load tests.
//!
//! Orders are built with the core's own types (cart, checkout, rules): random customers,
//! 1-5 lines, every status with its history, some with a valid-until date (so some expire),
//! a few repurchases. The same seed and index always give the same order.

use jiff::{SignedDuration, Timestamp};

use order_desk::domain::cart::Cart;
use order_desk::domain::catalog::{Catalog, Region};
use order_desk::domain::order::{CheckoutForm, Order, checkout};
use order_desk::domain::order_id;
use order_desk::domain::rules::Transition;

/// A small deterministic generator (splitmix64): enough for test data, no extra dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark",
    "Wayne",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Vandelay",
    "Wonka",
    "Aperture",
    "Gringotts",
    "Oscorp",
    "Pied Piper",
    "Massive",
    "Nakatomi",
    "Zorg",
    "Monarch",
    "Blue Sun",
    "Ollivander",
    "Sirius",
    "Dunder",
];
const SECOND: &[&str] = &[
    "Robotics",
    "Logistics",
    "Bank",
    "Retail",
    "Health",
    "Energy",
    "Telecom",
    "Insurance",
    "Mining",
    "Foods",
    "Airlines",
    "Media",
    "Labs",
    "Motors",
    "Pharma",
    "Textiles",
];
const CITY: &[&str] = &[
    "Jakarta",
    "Lima",
    "Moscow",
    "Manila",
    "Bogota",
    "Berlin",
    "Lagos",
    "Dubai",
    "Sao Paulo",
    "Nairobi",
    "Madrid",
    "Santiago",
    "Bangkok",
    "Cairo",
];
const REPS: &[&str] = &[
    "dana", "lee", "sam", "priya", "tomas", "mei", "oluwa", "ines",
];
const DESKS: &[&str] = &["k7q2", "m3xa", "p9rt", "zz4b"];
const NOTES: &[&str] = &[
    "pilot phase",
    "PO 4471 attached",
    "customer asked for on-site kickoff",
    "budget approved Q3",
    "",
    "",
    "",
];

/// The `i`-th sample order for `seed`; `skus` are the catalog's SKUs.
pub fn make_order(catalog: &Catalog, skus: &[String], i: usize, seed: u64) -> Order {
    let mut rng = Rng(seed ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
    let start: Timestamp = "2023-12-01T08:00:00Z".parse().expect("fixed date");
    // One order per 900 s step plus jitter keeps ids distinct and spread over ~3 years.
    let created = start
        .checked_add(SignedDuration::from_secs(
            i as i64 * 900 + rng.below(600) as i64,
        ))
        .expect("in range");
    let region = if rng.below(2) == 0 {
        Region::Oc1
    } else {
        Region::Oc2
    };
    let mut cart = Cart::new(region);
    for _ in 0..1 + rng.below(5) {
        let sku = rng.pick(skus).as_str();
        let _ = cart.add(catalog, sku, 1 + rng.below(3) as u32);
    }
    let rep = *rng.pick(REPS);
    let valid_until = (rng.below(4) == 0).then(|| {
        created
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date()
            .checked_add(jiff::Span::new().days(30 + rng.below(400) as i64))
            .expect("in range")
    });
    let form = CheckoutForm {
        customer: format!(
            "{} {} {}",
            rng.pick(FIRST),
            rng.pick(SECOND),
            rng.pick(CITY)
        ),
        rep: rep.to_string(),
        note: rng.pick(NOTES).to_string(),
        valid_until,
        ..Default::default()
    };
    let desk = *rng.pick(DESKS);
    let mut order = checkout(
        &cart,
        catalog,
        &form,
        order_id::make(created, desk, 1),
        created,
    )
    .expect("generated forms are valid");
    if i > 10 && rng.below(20) == 0 {
        order.repurchase_of = Some(order_id::make(
            start
                .checked_add(SignedDuration::from_secs((i as i64 - 7) * 900))
                .expect("in range"),
            desk,
            1,
        ));
    }
    let mut when = created;
    let path: &[Transition] = match rng.below(10) {
        0..=2 => &[],
        3..=4 => &[Transition::StartDelivery],
        5..=7 => &[Transition::StartDelivery, Transition::MarkDelivered],
        8 => &[Transition::MarkDelivered],
        _ => &[Transition::Refund],
    };
    for &t in path {
        when = when
            .checked_add(SignedDuration::from_hours(24 + rng.below(24 * 20) as i64))
            .expect("in range");
        let note =
            (t == Transition::Refund).then(|| "customer cancelled before kickoff".to_string());
        // Generated history may lie past a valid-until date; only the final status matters.
        let _ = order.apply(t, rep, note, when);
    }
    // Drawn last, so every other value stays what it was for a seed before countries.
    // One order in five names none, as orders placed before countries were asked for.
    order.country = (rng.below(5) != 0).then(|| rng.pick(COUNTRIES).to_string());
    order
}

/// Countries the sample customers are in (ISO 3166-1 alpha-2).
const COUNTRIES: &[&str] = &["AU", "BR", "DE", "GB", "IN", "JP", "SG", "US", "ZA"];

/// Fills `dir` with `count` sample orders in the store's file format, in parallel, and
/// syncs the folder once at the end (bulk set-up, not a desk's save path).
pub fn write_folder(dir: &std::path::Path, count: usize, seed: u64) -> std::io::Result<()> {
    use rayon::prelude::*;
    std::fs::create_dir_all(dir)?;
    let catalog = Catalog::builtin();
    let skus: Vec<String> = catalog.tiers().map(|e| e.tier.sku.clone()).collect();
    let store =
        order_desk::store::Store::with_dirs(dir, order_desk::store::user_dirs::UserDirs::default());
    (0..count).into_par_iter().try_for_each(|i| {
        let order = make_order(&catalog, &skus, i, seed);
        std::fs::write(store.path_of(&order.id), order_desk::store::to_ron(&order))
    })?;
    std::fs::File::open(dir)?.sync_all()
}
