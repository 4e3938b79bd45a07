//! The checkout and quote form's country, region and reason: what they settle (through
//! [`crate::domain::region::settle`], the rule `order new` and `quote new` follow) and the line
//! that tells the rep why, drawn under the country field. Pure: the view and `update`
//! both ask it.

use crate::desk::{Known, KnownCountry, RegionInput, settle_region};
use crate::domain::cart::Cart;
use crate::domain::catalog::{BUILTIN_LIST, Catalog, Region};
use crate::domain::customer::name_key;
use crate::domain::region::{self, Basis, ChoiceError, SettleError, Settled};

use super::state::{Checkout, Field, Level, State};

/// What the desk knows of customers, from what the app has read: the customer book, the
/// quotes and the orders.
pub fn known(state: &State) -> Known<'_> {
    Known {
        book: &state.customers,
        quotes: &state.quotes.quotes,
        orders: &state.orders.book.orders,
    }
}

/// The country the desk knows for the customer typed in the form, if any, and where from.
pub fn known_country(state: &State, customer: &str) -> Option<KnownCountry> {
    known(state).country_of(customer)
}

fn typed_country(form: &Checkout) -> Option<&str> {
    Some(form.country.value().trim()).filter(|c| !c.is_empty())
}

/// The region typed in the form: `None` when empty, else oc1 or oc2 (or why not).
fn typed_region(form: &Checkout) -> Result<Option<Region>, String> {
    let text = form.region.value().trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<Region>().map(Some)
}

/// The region, country and how the region was chosen, or the field at fault and why.
/// Without a country (typed or known to the desk), the region typed, else the cart's.
pub fn settle(state: &State, form: &Checkout) -> Result<Settled, (&'static str, String)> {
    let typed = typed_region(form).map_err(|e| (Field::Region.key(), e))?;
    let input = RegionInput {
        country: typed_country(form),
        region: typed,
        reason: Some(form.reason.value()),
    };
    let known = known(state);
    settle_region(
        &state.setup.catalog,
        form.customer.value(),
        input,
        &known,
        Some(state.cart_tab.cart.region),
    )
    .map_err(|e| match e {
        SettleError::UnknownCountry(e) => (Field::Country.key(), e.to_string()),
        SettleError::Choice(ChoiceError::Disagrees {
            country,
            given,
            derived,
            ..
        }) => (
            Field::Reason.key(),
            format!("{country} pays {derived}: say why {given}, or empty Region"),
        ),
        SettleError::Choice(ChoiceError::NotCovered { country, .. }) if typed.is_none() => (
            Field::Region.key(),
            format!(
                "{country} is not covered: pick {} and give a reason",
                state.setup.catalog.region_codes().replace('|', " or ")
            ),
        ),
        SettleError::Choice(ChoiceError::NotCovered { .. }) => (
            Field::Reason.key(),
            "the country is not covered: say why this region".to_string(),
        ),
        SettleError::NoRegion => (
            Field::Region.key(),
            format!(
                "pick {}",
                state.setup.catalog.region_codes().replace('|', " or ")
            ),
        ),
        SettleError::NotInList { regions, .. } => (
            Field::Region.key(),
            format!("pick {}", regions.replace('|', " or ")),
        ),
    })
}

/// What the form says under the country field, and how loudly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub text: String,
    pub level: Level,
    /// The region the cart would be priced in now (the cart's while nothing settles).
    pub region: Region,
}

/// "Brazil → OC2 (price list: Brazil is named in OC2, …)", a convention marked as one,
/// "not covered: pick a region and give a reason", or the cart's region without a country.
pub fn explain(state: &State, form: &Checkout) -> Explanation {
    let typed = typed_country(form);
    let (answer, known_from) = match typed {
        Some(t) => match region::find(t) {
            Ok(a) => (Some(a), None),
            Err(e) => {
                return Explanation {
                    text: e.to_string(),
                    level: Level::Error,
                    region: state.cart_tab.cart.region,
                };
            }
        },
        None => match known_country(state, form.customer.value()) {
            Some(k) => (Some(k.answer), Some(k.source)),
            None => (None, None),
        },
    };
    // The list's own words where it has them, as checkout will settle it.
    let answer = answer.map(|a| crate::domain::region_words::in_list(a, &state.setup.catalog));
    let region = settle(state, form).map_or(state.cart_tab.cart.region, |s| s.region);
    let chosen = typed_region(form).ok().flatten();
    let Some(a) = answer else {
        return Explanation {
            text: format!(
                "No country: priced in {} ({}); a country sets the region",
                region,
                if chosen.is_some() {
                    "typed"
                } else {
                    "the cart's"
                }
            ),
            level: Level::Info,
            region,
        };
    };
    let source = known_from.map_or_else(String::new, |s| format!(" ({})", s.describe()));
    let (text, level) = match a.region {
        Some(derived) => {
            let basis = match a.basis {
                Basis::Convention => "convention, not the list's words",
                _ => "price list",
            };
            let mut text = format!("{}{source} → {derived} ({basis}: {})", a.country, a.why);
            let level = match chosen {
                Some(given) if given != derived => {
                    text = format!(
                        "{}{source} pays {derived}, you chose {given}: give a reason ({basis}: {})",
                        a.country, a.why
                    );
                    Level::Warning
                }
                _ if a.basis == Basis::Convention => Level::Warning,
                _ => Level::Info,
            };
            (text, level)
        }
        None => (
            format!(
                "{}{source}: not covered, pick a region and give a reason ({})",
                a.country, a.why
            ),
            Level::Warning,
        ),
    };
    // Two desks gave this customer different countries: whichever is filled in, say so.
    if let Some(values) = disputed_country(state, form.customer.value()) {
        return Explanation {
            // First, where a narrow form still shows it.
            text: format!(
                "disputed country {values} (two desks differ; `order-desk customer decide` settles it) · {text}"
            ),
            level: Level::Warning,
            region,
        };
    }
    Explanation {
        text,
        level,
        region,
    }
}

/// The countries two desks recorded for this book customer, when they differ ("BR or PT").
fn disputed_country(state: &State, customer: &str) -> Option<String> {
    let key = name_key(customer);
    let c = state.customers.iter().find(|c| name_key(&c.name) == key)?;
    let clash = c.clashes.iter().find(|f| f.field == "country")?;
    let values: Vec<String> = clash
        .values
        .iter()
        .flatten()
        .map(|v| crate::domain::text::clean(v).into_owned())
        .collect();
    Some(values.join(" or "))
}

/// One order a checkout makes: the cart's lines of one list, that list, and the region
/// the form settles in it (or why not).
pub struct Part<'a> {
    /// The list's id (the desk's own is `ai-platform`).
    pub list: String,
    pub catalog: &'a Catalog,
    /// The lines of this list, in the region settled (else the one they were in).
    pub cart: Cart,
    pub settled: Result<Settled, String>,
}

/// A list the app sells from, by the id a cart keeps (`None`: the desk's own).
pub fn list_named<'a>(state: &'a State, id: Option<&str>) -> Option<&'a Catalog> {
    let id = id.unwrap_or(BUILTIN_LIST);
    std::iter::once(&state.setup.catalog)
        .chain(state.setup.lists.iter())
        .find(|c| c.list.id == id)
}

/// The orders the form's checkout makes, one per list the cart holds lines of, the list
/// on screen first. The list on screen settles as [`settle`] says (its field errors mark
/// the form); another list settles from the same country in its own words, the typed
/// region only where that list prices in it, else the region its lines were in.
pub fn parts<'a>(state: &'a State, form: &Checkout) -> Vec<Part<'a>> {
    state
        .cart_tab
        .cart
        .parts()
        .into_iter()
        .map(|mut cart| {
            let list = cart.list.clone().unwrap_or_else(|| BUILTIN_LIST.to_string());
            let Some(catalog) = list_named(state, cart.list.as_deref()) else {
                return Part {
                    settled: Err(format!(
                        "list {list} is not in this orders folder: sync with the team or import its page"
                    )),
                    list,
                    catalog: &state.setup.catalog,
                    cart,
                };
            };
            let settled = if cart.list == state.cart_tab.cart.list {
                settle(state, form).map_err(|(_, why)| why)
            } else {
                let typed = typed_region(form).ok().flatten();
                let input = RegionInput {
                    country: typed_country(form),
                    region: typed.filter(|r| catalog.has_region(*r)),
                    reason: Some(form.reason.value()),
                };
                settle_region(catalog, form.customer.value(), input, &known(state), Some(cart.region))
                    .map_err(|e| e.to_string())
            };
            if let Ok(s) = &settled {
                cart.region = s.region;
            }
            Part {
                list,
                catalog,
                cart,
                settled,
            }
        })
        .collect()
}
