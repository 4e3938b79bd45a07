//! Orders: a cart frozen at checkout, its usage status and the history of changes.
//!
//! An order's lines, region and prices are fixed once it is created ("does not support
//! changes"): nothing here can edit them. Only the usage status moves, through
//! [`Order::apply`], which asks the guard in [`crate::domain::rules`] first.

use jiff::civil::Date;
use jiff::{Timestamp, tz::TimeZone};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::cart::{Cart, MAX_QUANTITY};
use crate::domain::catalog::{Catalog, Region, Unit};
use crate::domain::money;
use crate::domain::rules::{self, Refusal, Transition};
use crate::domain::text;

/// The longest customer name accepted.
pub const MAX_CUSTOMER: usize = 120;
/// The longest sales rep name accepted.
pub const MAX_REP: usize = 80;
/// The longest note accepted.
pub const MAX_NOTE: usize = 2000;
/// The longest customer reference (a purchase order number, a project code) kept.
pub const MAX_REFERENCE: usize = 200;

/// Where an order is in its life. `Expired` is never stored: it is derived from the
/// valid-until date of an order that is still unused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Placed and paid, not started.
    Unused,
    /// Delivery has started: no refund any more.
    InDelivery,
    /// The service was delivered.
    Delivered,
    /// Refunded before usage.
    Refunded,
    /// Still unused after its valid-until date: it can only be repurchased.
    Expired,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Unused,
        Status::InDelivery,
        Status::Delivered,
        Status::Refunded,
        Status::Expired,
    ];

    /// The label shown to a rep.
    pub fn label(self) -> &'static str {
        match self {
            Status::Unused => "Unused",
            Status::InDelivery => "In delivery",
            Status::Delivered => "Delivered",
            Status::Refunded => "Refunded",
            Status::Expired => "Expired",
        }
    }

    /// The word typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Status::Unused => "unused",
            Status::InDelivery => "in-delivery",
            Status::Delivered => "delivered",
            Status::Refunded => "refunded",
            Status::Expired => "expired",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl std::str::FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key: String = s
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        Status::ALL
            .into_iter()
            .find(|st| st.code().replace('-', "") == key)
            .ok_or_else(|| {
                format!(
                    "unknown status '{s}': use unused, in-delivery, delivered, refunded or expired"
                )
            })
    }
}

/// One recorded status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub at: Timestamp,
    /// `None` for the entry that records the order being placed.
    pub from: Option<Status>,
    pub to: Status,
    pub by: String,
    pub note: Option<String>,
}

/// A line as it was sold: a snapshot of the catalog at checkout, never repriced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderLine {
    pub sku: String,
    pub family: String,
    pub service: String,
    pub tier: String,
    /// The full specification name from the price list.
    pub name: String,
    pub unit: Unit,
    pub unit_price: Decimal,
    pub quantity: u32,
    pub line_total: Decimal,
}

/// A placed order as saved in its RON file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    /// The file's format ([`crate::domain::format`]): 1 for a file written before formats had a
    /// number, [`crate::domain::format::CURRENT`] for every file this desk writes.
    #[serde(default = "crate::domain::format::unversioned")]
    pub format: u32,
    pub id: String,
    pub created_at: Timestamp,
    pub customer: String,
    pub rep: String,
    pub note: Option<String>,
    pub region: Region,
    /// The `updated` date of the price list the order was priced from.
    pub catalog_date: Date,
    pub valid_until: Option<Date>,
    pub lines: Vec<OrderLine>,
    pub total: Decimal,
    pub status: Status,
    pub history: Vec<StatusChange>,
    /// Bumped on every saved change; equals the number of history, contested and voided
    /// entries.
    pub revision: u32,
    /// The order this one repurchases, if any.
    pub repurchase_of: Option<String>,
    /// The customer's country (ISO 3166-1 alpha-2), when it was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// How the region was chosen: from the country, or by the rep with a reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_choice: Option<crate::domain::region::RegionChoice>,
    /// The quote this order was accepted from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Status changes made on other desks that the rules do not allow after `history`
    /// (one desk refunded while another started delivery): kept, never dropped, and the
    /// order waits for a rep's decision (`order decide`); every transition is refused
    /// until then. Oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contested: Vec<StatusChange>,
    /// Status changes a decision set aside, with who decided and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voided: Vec<Voided>,
    /// The customer's purchase order number or reference (format 3), printed on the
    /// order's documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// A note for the desk only (format 3): shown in the app and `order show`, never
    /// printed on a document. `note` stays what it always was, the customer-facing one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_note: Option<String>,
    /// The imported price list the order was priced from (format 4); absent for the
    /// built-in list, `ai-platform`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<ListRef>,
}

/// Which imported list an order or quote was priced from, and what that list's page said
/// about refunds and validity then: the order keeps its own list's rules, whatever a
/// later version says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListRef {
    pub id: String,
    pub refund: crate::domain::catalog::Refund,
    /// The page's sentence the refund policy was read from.
    pub refund_sentence: String,
    /// An ISO 8601 period (`P1Y`): the order's valid-until is its date plus this.
    pub validity: Option<String>,
}

impl ListRef {
    /// The list `catalog` was made from, or `None` for the built-in one.
    pub fn of(catalog: &Catalog) -> Option<ListRef> {
        (catalog.list.id != crate::domain::catalog::BUILTIN_LIST).then(|| ListRef {
            id: catalog.list.id.clone(),
            refund: catalog.list.refund,
            refund_sentence: catalog.list.refund_sentence.clone(),
            validity: catalog.list.validity.clone(),
        })
    }

    /// `day` plus the list's validity, when it gives one: the order date plus the period.
    pub fn valid_until(list: Option<&ListRef>, day: Date) -> Option<Date> {
        let period: jiff::Span = list?.validity.as_deref()?.parse().ok()?;
        day.checked_add(period).ok()
    }
}

/// A status change a rep's decision set aside: kept in the file, never counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Voided {
    pub change: StatusChange,
    /// When the decision was made, by whom, and why.
    pub at: Timestamp,
    pub by: String,
    pub why: String,
}

/// What the rep types at checkout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckoutForm {
    pub customer: String,
    pub rep: String,
    /// Printed on the customer's documents.
    pub note: String,
    pub valid_until: Option<Date>,
    /// The customer's purchase order number or reference: printed on documents.
    pub reference: String,
    /// For the desk only: shown in the app and `show`, never on a document.
    pub internal_note: String,
}

/// A checkout field that is not acceptable, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckoutError {
    #[error("the cart is empty: add at least one tier before checking out")]
    EmptyCart,
    #[error("the price list has no prices in {region}: use one of its regions ({regions})")]
    RegionNotInList { region: Region, regions: String },
    #[error("customer is required")]
    CustomerMissing,
    #[error("customer is too long: at most {MAX_CUSTOMER} characters")]
    CustomerTooLong,
    #[error("sales rep is required")]
    RepMissing,
    #[error("sales rep is too long: at most {MAX_REP} characters")]
    RepTooLong,
    #[error("note is too long: at most {MAX_NOTE} characters")]
    NoteTooLong,
    #[error("reference is too long: at most {MAX_REFERENCE} characters")]
    ReferenceTooLong,
    #[error("internal note is too long: at most {MAX_NOTE} characters")]
    InternalNoteTooLong,
    #[error("{field} must not contain control characters or text-direction overrides")]
    ControlCharacters { field: &'static str },
    #[error("{field} holds only invisible characters: type it in visible letters")]
    Invisible { field: &'static str },
    #[error("valid-until {date} is in the past: use today ({today}) or later")]
    ValidUntilPast { date: Date, today: Date },
    #[error("the cart holds SKUs this price list does not have: {0}; remove them first")]
    UnknownSkus(String),
}

impl CheckoutError {
    /// The form field the error belongs to, so the UI can show it beside that field.
    pub fn field(&self) -> &'static str {
        match self {
            CheckoutError::CustomerMissing | CheckoutError::CustomerTooLong => "customer",
            CheckoutError::RepMissing | CheckoutError::RepTooLong => "rep",
            CheckoutError::NoteTooLong => "note",
            CheckoutError::ReferenceTooLong => "reference",
            CheckoutError::InternalNoteTooLong => "internal_note",
            CheckoutError::ControlCharacters { field } | CheckoutError::Invisible { field } => {
                field
            }
            CheckoutError::ValidUntilPast { .. } => "valid_until",
            CheckoutError::EmptyCart
            | CheckoutError::UnknownSkus(_)
            | CheckoutError::RegionNotInList { .. } => "cart",
        }
    }
}

/// Checks a checkout form and returns every problem, one per field, in field order.
pub fn check_form(form: &CheckoutForm, today: Date) -> Vec<CheckoutError> {
    let mut errors = Vec::new();
    let customer = form.customer.trim();
    if customer.is_empty() {
        errors.push(CheckoutError::CustomerMissing);
    } else if customer.chars().count() > MAX_CUSTOMER {
        errors.push(CheckoutError::CustomerTooLong);
    } else if customer.chars().any(text::is_unsafe) {
        errors.push(CheckoutError::ControlCharacters { field: "customer" });
    } else if text::is_blank(customer) {
        errors.push(CheckoutError::Invisible { field: "customer" });
    }
    let rep = form.rep.trim();
    if rep.is_empty() {
        errors.push(CheckoutError::RepMissing);
    } else if rep.chars().count() > MAX_REP {
        errors.push(CheckoutError::RepTooLong);
    } else if rep.chars().any(text::is_unsafe) {
        errors.push(CheckoutError::ControlCharacters { field: "rep" });
    } else if text::is_blank(rep) {
        errors.push(CheckoutError::Invisible { field: "rep" });
    }
    let note = form.note.trim();
    if note.chars().count() > MAX_NOTE {
        errors.push(CheckoutError::NoteTooLong);
    } else if note.chars().any(|c| text::is_unsafe(c) && c != '\n') {
        errors.push(CheckoutError::ControlCharacters { field: "note" });
    } else if !note.is_empty() && text::is_blank(note) {
        errors.push(CheckoutError::Invisible { field: "note" });
    }
    if let Some(date) = form.valid_until
        && date < today
    {
        errors.push(CheckoutError::ValidUntilPast { date, today });
    }
    // A reference is one line, as a purchase order number is.
    let reference = form.reference.trim();
    if reference.chars().count() > MAX_REFERENCE {
        errors.push(CheckoutError::ReferenceTooLong);
    } else if reference.chars().any(text::is_unsafe) {
        errors.push(CheckoutError::ControlCharacters { field: "reference" });
    } else if !reference.is_empty() && text::is_blank(reference) {
        errors.push(CheckoutError::Invisible { field: "reference" });
    }
    let internal = form.internal_note.trim();
    if internal.chars().count() > MAX_NOTE {
        errors.push(CheckoutError::InternalNoteTooLong);
    } else if internal.chars().any(|c| text::is_unsafe(c) && c != '\n') {
        errors.push(CheckoutError::ControlCharacters {
            field: "internal_note",
        });
    } else if !internal.is_empty() && text::is_blank(internal) {
        errors.push(CheckoutError::Invisible {
            field: "internal_note",
        });
    }
    errors
}

/// Freezes a cart into a new order. The id and clock come from the caller so that
/// tests and snapshots are the same every run.
pub fn checkout(
    cart: &Cart,
    catalog: &Catalog,
    form: &CheckoutForm,
    id: String,
    now: Timestamp,
) -> Result<Order, CheckoutError> {
    if cart.is_empty() {
        return Err(CheckoutError::EmptyCart);
    }
    let unknown = cart.unknown_skus(catalog);
    if !unknown.is_empty() {
        return Err(CheckoutError::UnknownSkus(unknown.join(", ")));
    }
    if !catalog.has_region(cart.region) {
        return Err(CheckoutError::RegionNotInList {
            region: cart.region,
            regions: catalog.region_codes(),
        });
    }
    if let Some(first) = check_form(form, local_date(now)).into_iter().next() {
        return Err(first);
    }
    let lines: Vec<OrderLine> = cart
        .priced(catalog)
        .into_iter()
        .map(|p| OrderLine {
            sku: p.entry.tier.sku.clone(),
            family: p.entry.family.name.clone(),
            service: p.entry.service.name.clone(),
            tier: p.entry.tier.tier.clone(),
            name: p.entry.tier.name.clone(),
            unit: p.entry.tier.unit.clone(),
            unit_price: p.unit_price,
            quantity: p.quantity,
            line_total: p.line_total,
        })
        .collect();
    let total = lines.iter().map(|l| l.line_total).sum();
    let rep = form.rep.trim().to_string();
    let note = Some(form.note.trim().to_string()).filter(|n| !n.is_empty());
    let reference = Some(form.reference.trim().to_string()).filter(|n| !n.is_empty());
    let internal_note = Some(form.internal_note.trim().to_string()).filter(|n| !n.is_empty());
    Ok(Order {
        reference,
        internal_note,
        format: crate::domain::format::for_list(ListRef::of(catalog).is_some()),
        list: ListRef::of(catalog),
        id,
        created_at: now,
        customer: form.customer.trim().to_string(),
        rep: rep.clone(),
        note,
        region: cart.region,
        catalog_date: catalog.updated,
        // A list's validity sets valid-until unless one was typed.
        valid_until: form
            .valid_until
            .or_else(|| ListRef::valid_until(ListRef::of(catalog).as_ref(), local_date(now))),
        lines,
        total,
        status: Status::Unused,
        history: vec![StatusChange {
            at: now,
            from: None,
            to: Status::Unused,
            by: rep,
            note: cart
                .repurchase_of
                .as_ref()
                .map(|old| format!("repurchase of {old}")),
        }],
        revision: 1,
        repurchase_of: cart.repurchase_of.clone(),
        country: None,
        region_choice: None,
        quote: None,
        contested: Vec::new(),
        voided: Vec::new(),
    })
}

/// The status a rep sees today: a stored `Unused` past its valid-until date is `Expired`.
pub fn effective_status(stored: Status, valid_until: Option<Date>, today: Date) -> Status {
    match (stored, valid_until) {
        (Status::Unused, Some(until)) if today > until => Status::Expired,
        (status, _) => status,
    }
}

/// The calendar date of a timestamp on this machine's clock.
pub fn local_date(at: Timestamp) -> Date {
    TimeZone::system().to_datetime(at).date()
}

impl Order {
    /// The status a rep sees today: a stored `Unused` past its valid-until date is `Expired`.
    pub fn effective_status(&self, today: Date) -> Status {
        effective_status(self.status, self.valid_until, today)
    }

    /// When the order last entered `status`, if it ever did.
    pub fn entered(&self, status: Status) -> Option<&StatusChange> {
        self.history.iter().rev().find(|c| c.to == status)
    }

    /// Moves the order to a new status if the rules allow it now, recording who and why.
    pub fn apply(
        &mut self,
        transition: Transition,
        by: &str,
        note: Option<String>,
        now: Timestamp,
    ) -> Result<(), Refusal> {
        let to = rules::check(self, transition, local_date(now))?;
        self.history.push(StatusChange {
            at: now,
            from: Some(self.status),
            to,
            by: by.to_string(),
            note: note.filter(|n| !n.trim().is_empty()),
        });
        self.status = to;
        self.revision += 1;
        Ok(())
    }

    /// A new cart holding this order's lines at today's prices, linked to this order.
    /// Lines whose SKU the current price list no longer sells are returned separately.
    pub fn repurchase_cart(&self, catalog: &Catalog) -> (Cart, Vec<String>) {
        let mut cart = Cart::new(self.region);
        cart.repurchase_of = Some(self.id.clone());
        let mut missing = Vec::new();
        for line in &self.lines {
            if cart.add(catalog, &line.sku, line.quantity).is_err() {
                missing.push(line.sku.clone());
            }
        }
        (cart, missing)
    }

    /// Checks that a loaded order is whole and adds up. Returns the field at fault and why.
    pub fn check_integrity(&self) -> Result<(), (&'static str, String)> {
        crate::domain::order_id::validate(&self.id).map_err(|e| ("id", e.to_string()))?;
        if let Some(old) = &self.repurchase_of {
            crate::domain::order_id::validate(old).map_err(|e| ("repurchase_of", e.to_string()))?;
        }
        if let Some(quote) = &self.quote {
            crate::domain::order_id::validate_quote(quote).map_err(|e| ("quote", e))?;
        }
        if let Some(country) = &self.country
            && (country.len() != 2 || crate::domain::region::find(country).is_err())
        {
            return Err((
                "country",
                format!(
                    "'{}' is not an ISO 3166-1 alpha-2 code",
                    country.escape_debug()
                ),
            ));
        }
        if let Some(crate::domain::region::RegionChoice::Chosen { reason }) = &self.region_choice
            && (reason.chars().count() > MAX_NOTE
                || reason.chars().any(text::is_unsafe)
                || text::is_blank(reason))
        {
            return Err((
                "reason",
                format!("the region's reason must be 1-{MAX_NOTE} visible characters"),
            ));
        }
        if text::is_blank(&self.customer) {
            return Err((
                "customer",
                "customer is empty or only invisible characters".into(),
            ));
        }
        if self.lines.is_empty() {
            return Err(("lines", "the order has no lines".into()));
        }
        if self.lines.len() > money::MAX_LINES {
            return Err((
                "lines",
                format!(
                    "the order has {} lines; an order holds at most {}",
                    self.lines.len(),
                    money::MAX_LINES
                ),
            ));
        }
        // Amounts come from a file anyone may have edited: every sum and product is
        // checked, so a huge amount is a damaged file, never a crash.
        let mut sum = Decimal::ZERO;
        for line in &self.lines {
            if !crate::domain::catalog::is_valid_sku(&line.sku) {
                return Err((
                    "sku",
                    format!(
                        "SKU '{}' must be 1-64 lowercase letters, digits or '-'",
                        line.sku.escape_debug()
                    ),
                ));
            }
            if !(1..=MAX_QUANTITY).contains(&line.quantity) {
                return Err((
                    "quantity",
                    format!(
                        "{}: quantity {} is outside 1..={MAX_QUANTITY}",
                        line.sku, line.quantity
                    ),
                ));
            }
            if line.unit_price <= Decimal::ZERO || !money::has_cents_precision(line.unit_price) {
                return Err((
                    "unit_price",
                    format!(
                        "{}: unit price {} is not a positive amount in cents",
                        line.sku, line.unit_price
                    ),
                ));
            }
            if line.unit_price > money::MAX_PRICE {
                return Err((
                    "unit_price",
                    format!(
                        "{}: unit price {} is above the largest price allowed, {}",
                        line.sku,
                        line.unit_price,
                        money::format_usd(money::MAX_PRICE)
                    ),
                ));
            }
            if line.unit_price.checked_mul(Decimal::from(line.quantity)) != Some(line.line_total) {
                return Err((
                    "line_total",
                    format!(
                        "{}: line total {} is not {} x {}",
                        line.sku, line.line_total, line.quantity, line.unit_price
                    ),
                ));
            }
            sum = sum.checked_add(line.line_total).ok_or((
                "total",
                "the line totals add up to more than any amount can hold".to_string(),
            ))?;
        }
        if sum != self.total {
            return Err((
                "total",
                format!(
                    "total {} does not match the lines, which add up to {sum}",
                    self.total
                ),
            ));
        }
        if self.status == Status::Expired {
            return Err((
                "status",
                "status Expired is derived from valid_until and is never stored; use Unused".into(),
            ));
        }
        let Some(first) = self.history.first() else {
            return Err(("history", "the history is empty".into()));
        };
        if first.from.is_some() || first.to != Status::Unused {
            return Err((
                "history",
                "the history must start with the order being placed (from: None, to: Unused)"
                    .into(),
            ));
        }
        for pair in self.history.windows(2) {
            if pair[1].from != Some(pair[0].to) {
                return Err((
                    "history",
                    format!(
                        "history entry at {} starts from {:?} but the previous entry ended at {}",
                        pair[1].at, pair[1].from, pair[0].to
                    ),
                ));
            }
            if !rules::allowed(pair[0].to, pair[1].to) {
                return Err((
                    "history",
                    format!(
                        "history records {} -> {}, which the rules never allow",
                        pair[0].to, pair[1].to
                    ),
                ));
            }
        }
        let last = self.history.last().map(|c| c.to);
        if last != Some(self.status) {
            return Err((
                "status",
                format!(
                    "status {} does not match the last history entry ({})",
                    self.status,
                    last.map_or("none", Status::label)
                ),
            ));
        }
        for change in self
            .contested
            .iter()
            .chain(self.voided.iter().map(|v| &v.change))
        {
            if change.from.is_none() {
                return Err((
                    "contested",
                    "only the first history entry may record the order being placed".into(),
                ));
            }
            check_entry_text(&change.by, change.note.as_deref())?;
        }
        for voided in &self.voided {
            check_entry_text(&voided.by, Some(&voided.why))?;
        }
        let entries = self.history.len() + self.contested.len() + self.voided.len();
        if self.revision as usize != entries {
            return Err((
                "revision",
                format!(
                    "revision {} does not match the {} history entries",
                    self.revision, entries
                ),
            ));
        }
        Ok(())
    }
}

/// The texts of a contested or voided entry: bounded, no control characters.
pub(crate) fn check_entry_text(by: &str, note: Option<&str>) -> Result<(), (&'static str, String)> {
    if by.chars().count() > MAX_REP || by.chars().any(text::is_unsafe) {
        return Err((
            "by",
            "a rep name is too long or holds control characters".into(),
        ));
    }
    if let Some(note) = note
        && (note.chars().count() > MAX_NOTE
            || note.chars().any(|c| text::is_unsafe(c) && c != '\n'))
    {
        return Err((
            "note",
            "a note is too long or holds control characters".into(),
        ));
    }
    Ok(())
}

impl Order {
    /// Whether the order waits for a rep to decide between events from two desks.
    pub fn needs_decision(&self) -> bool {
        !self.contested.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample_order() -> Order {
        let c = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc1);
        cart.add(&c, "dev-basic", 2).unwrap();
        cart.add(&c, "support-flagship", 1).unwrap();
        let form = CheckoutForm {
            customer: "  Acme Robotics ".into(),
            rep: "dana".into(),
            note: String::new(),
            valid_until: None,
            ..Default::default()
        };
        let now: Timestamp = "2026-11-20T10:00:00Z".parse().unwrap();
        checkout(&cart, &c, &form, "20261120-100000-abcd".into(), now).unwrap()
    }

    #[test]
    fn checkout_freezes_lines_and_totals() {
        let o = sample_order();
        assert_eq!(o.customer, "Acme Robotics");
        assert_eq!(o.total, "950000.00".parse().unwrap());
        assert_eq!(o.lines[0].line_total, "100000.00".parse().unwrap());
        assert_eq!(
            o.lines[1].service,
            "AI Platform Development Support Service"
        );
        assert_eq!(o.lines[1].family, "AI Platform Technical Support Service");
        assert_eq!(o.status, Status::Unused);
        assert_eq!(o.revision, 1);
        assert_eq!(o.catalog_date, jiff::civil::date(2025, 7, 8));
        o.check_integrity().unwrap();
    }

    #[test]
    fn checkout_form_errors_name_their_field() {
        let today = jiff::civil::date(2026, 11, 26);
        let form = CheckoutForm {
            customer: "   ".into(),
            rep: String::new(),
            note: "x".repeat(MAX_NOTE + 1),
            valid_until: Some(jiff::civil::date(2026, 11, 25)),
            ..Default::default()
        };
        let fields: Vec<_> = check_form(&form, today).iter().map(|e| e.field()).collect();
        assert_eq!(fields, ["customer", "rep", "note", "valid_until"]);
        let form = CheckoutForm {
            customer: "x".repeat(MAX_CUSTOMER + 1),
            rep: "a\u{1b}b".into(),
            ..CheckoutForm::default()
        };
        let errors = check_form(&form, today);
        assert_eq!(errors[0], CheckoutError::CustomerTooLong);
        assert_eq!(errors[1], CheckoutError::ControlCharacters { field: "rep" });
    }

    /// Each length limit keeps its last allowed character and refuses one more; a note
    /// may run over several lines but holds no other control character.
    #[test]
    fn checkout_form_limits_are_exact_and_notes_keep_their_lines() {
        let today = jiff::civil::date(2026, 11, 26);
        let form = |customer: String, rep: String, note: String| CheckoutForm {
            customer,
            rep,
            note,
            valid_until: Some(today),
            ..Default::default()
        };
        let at_limit = form(
            "c".repeat(MAX_CUSTOMER),
            "r".repeat(MAX_REP),
            "n".repeat(MAX_NOTE),
        );
        assert_eq!(check_form(&at_limit, today), []);
        let over = form(
            "c".repeat(MAX_CUSTOMER + 1),
            "r".repeat(MAX_REP + 1),
            "n".repeat(MAX_NOTE + 1),
        );
        assert_eq!(
            check_form(&over, today),
            [
                CheckoutError::CustomerTooLong,
                CheckoutError::RepTooLong,
                CheckoutError::NoteTooLong
            ]
        );
        let lines = form("Acme".into(), "dana".into(), "kick-off\nin December".into());
        assert_eq!(check_form(&lines, today), []);
        let escape = form("Acme".into(), "dana".into(), "a\u{1b}[31m".into());
        assert_eq!(
            check_form(&escape, today),
            [CheckoutError::ControlCharacters { field: "note" }]
        );
    }

    #[test]
    fn b21_invisible_or_direction_overriding_names_are_refused() {
        let today = jiff::civil::date(2026, 11, 26);
        let form = CheckoutForm {
            customer: "\u{200b}\u{feff}".into(),
            rep: "\u{2060}".into(),
            note: "\u{200d}".into(),
            valid_until: None,
            ..Default::default()
        };
        let errors = check_form(&form, today);
        assert_eq!(
            errors,
            [
                CheckoutError::Invisible { field: "customer" },
                CheckoutError::Invisible { field: "rep" },
                CheckoutError::Invisible { field: "note" },
            ]
        );
        let form = CheckoutForm {
            customer: "Acme \u{202e}gnp".into(),
            rep: "dana".into(),
            ..CheckoutForm::default()
        };
        assert_eq!(
            check_form(&form, today),
            [CheckoutError::ControlCharacters { field: "customer" }]
        );
        let mut o = sample_order();
        o.customer = "\u{200b}".into();
        assert_eq!(o.check_integrity().unwrap_err().0, "customer");
    }

    #[test]
    fn empty_cart_cannot_be_checked_out() {
        let c = Catalog::builtin();
        let form = CheckoutForm {
            customer: "A".into(),
            rep: "B".into(),
            ..Default::default()
        };
        let err = checkout(
            &Cart::default(),
            &c,
            &form,
            "x".into(),
            Timestamp::UNIX_EPOCH,
        );
        assert_eq!(err.unwrap_err(), CheckoutError::EmptyCart);
    }

    #[test]
    fn integrity_catches_totals_that_do_not_add_up() {
        let mut o = sample_order();
        o.total += Decimal::ONE;
        assert_eq!(o.check_integrity().unwrap_err().0, "total");
        let mut o = sample_order();
        o.lines[0].line_total = Decimal::ONE;
        assert_eq!(o.check_integrity().unwrap_err().0, "line_total");
        let mut o = sample_order();
        o.status = Status::Delivered;
        assert_eq!(o.check_integrity().unwrap_err().0, "status");
    }

    /// A cart drafted under another price list may hold a tier this one does not sell:
    /// checkout refuses it by name rather than placing the order without that line.
    #[test]
    fn checkout_refuses_a_tier_the_price_list_does_not_sell() {
        let c = Catalog::builtin();
        let mut cart = Cart::new(Region::Oc1);
        cart.add(&c, "dev-basic", 1).unwrap();
        cart.lines.push(crate::domain::cart::CartLine {
            sku: "retired-tier".into(),
            quantity: 2,
        });
        assert_eq!(cart.unknown_skus(&c), ["retired-tier"]);
        let form = CheckoutForm {
            customer: "Acme".into(),
            rep: "dana".into(),
            ..Default::default()
        };
        let err = checkout(&cart, &c, &form, "x".into(), Timestamp::UNIX_EPOCH).unwrap_err();
        assert_eq!(err, CheckoutError::UnknownSkus("retired-tier".into()));
    }

    /// What a hand-edited file may say about the customer's country and the region's
    /// reason, and how many lines it may hold, checked at each edge.
    #[test]
    fn integrity_checks_country_reason_and_line_count_at_their_edges() {
        use crate::domain::region::RegionChoice;
        let with_country = |country: &str| {
            let mut o = sample_order();
            o.country = Some(country.into());
            o.check_integrity().map_err(|(field, _)| field)
        };
        assert_eq!(with_country("DE"), Ok(()));
        assert_eq!(
            with_country("XX"),
            Err("country"),
            "two letters, no country"
        );
        assert_eq!(with_country("DEU"), Err("country"));
        let with_reason = |reason: String| {
            let mut o = sample_order();
            o.region_choice = Some(RegionChoice::Chosen { reason });
            o.check_integrity().map_err(|(field, _)| field)
        };
        assert_eq!(with_reason("r".repeat(MAX_NOTE)), Ok(()));
        assert_eq!(with_reason("r".repeat(MAX_NOTE + 1)), Err("reason"));
        assert_eq!(with_reason("a\u{1b}b".into()), Err("reason"));
        assert_eq!(with_reason("\u{200b}".into()), Err("reason"));
        let with_lines = |n: usize| {
            let mut o = sample_order();
            let first = o.lines[0].clone();
            o.lines = (0..n)
                .map(|i| OrderLine {
                    sku: format!("sku-{i}"),
                    ..first.clone()
                })
                .collect();
            o.total = o.lines.iter().map(|l| l.line_total).sum();
            o.check_integrity().map_err(|(field, _)| field)
        };
        assert_eq!(with_lines(money::MAX_LINES), Ok(()));
        assert_eq!(with_lines(money::MAX_LINES + 1), Err("lines"));
    }

    /// A unit price must be positive, in whole cents, and at most the largest price a
    /// price list may hold; each edge is checked.
    #[test]
    fn integrity_checks_each_unit_price_at_its_edges() {
        let with_price = |price: &str| {
            let mut o = sample_order();
            let price: Decimal = price.parse().unwrap();
            o.lines[0].unit_price = price;
            o.lines[0].line_total = price * Decimal::from(o.lines[0].quantity);
            o.total = o.lines.iter().map(|l| l.line_total).sum();
            o.check_integrity().map_err(|(field, _)| field)
        };
        assert_eq!(with_price("0.01"), Ok(()));
        assert_eq!(with_price("1000000000.00"), Ok(()));
        for bad in ["0", "0.00", "-5.00", "1.005", "1000000000.01"] {
            assert_eq!(with_price(bad), Err("unit_price"), "{bad}");
        }
    }

    /// A hand-edited history whose entries chain (each starts where the last ended) and
    /// whose status and revision agree, but which takes a step the rules forbid.
    #[test]
    fn integrity_refuses_a_chained_history_with_a_forbidden_step() {
        let at = |s: &str| s.parse::<Timestamp>().unwrap();
        let mut o = sample_order();
        o.apply(
            Transition::MarkDelivered,
            "kim",
            None,
            at("2026-11-27T10:00:00Z"),
        )
        .unwrap();
        assert_eq!(o.check_integrity(), Ok(()));
        // The first entry must be the order being placed: from nothing to Unused.
        for first in [
            (None, Status::Delivered),
            (Some(Status::Unused), Status::Unused),
        ] {
            let mut forged = sample_order();
            (forged.history[0].from, forged.history[0].to) = first;
            forged.status = first.1;
            let (field, why) = forged.check_integrity().unwrap_err();
            assert_eq!(field, "history", "{first:?}: {why}");
        }
        for (from, to) in [
            (Status::Delivered, Status::Refunded),
            (Status::Delivered, Status::InDelivery),
            (Status::Refunded, Status::Delivered),
            (Status::Unused, Status::Unused),
        ] {
            let mut forged = o.clone();
            forged.history.last_mut().unwrap().to = from;
            forged.history.push(StatusChange {
                at: at("2026-11-27T11:00:00Z"),
                from: Some(from),
                to,
                by: "mallory".into(),
                note: None,
            });
            forged.status = to;
            forged.revision = forged.history.len() as u32;
            let (field, why) = forged.check_integrity().unwrap_err();
            assert_eq!(field, "history", "{from} -> {to}: {why}");
            assert!(why.contains("never allow"), "{from} -> {to}: {why}");
        }
    }

    #[test]
    fn b1_huge_amounts_are_a_fault_not_a_crash() {
        let max = Decimal::MAX;
        let mut o = sample_order();
        o.lines[0].unit_price = max;
        o.lines[0].quantity = 2;
        assert_eq!(o.check_integrity().unwrap_err().0, "unit_price");
        // Two lines each within range whose sum overflows.
        let mut o = sample_order();
        for line in &mut o.lines {
            line.unit_price = max;
            line.quantity = 1;
            line.line_total = max;
        }
        let (field, why) = o.check_integrity().unwrap_err();
        assert_eq!(field, "unit_price", "{why}");
        let mut o = sample_order();
        o.lines[0].sku = "dev=basic;x".into();
        assert_eq!(o.check_integrity().unwrap_err().0, "sku");
        let mut o = sample_order();
        o.repurchase_of = Some("../../etc/passwd".into());
        assert_eq!(o.check_integrity().unwrap_err().0, "repurchase_of");
    }

    #[test]
    fn repurchase_copies_lines_at_todays_prices() {
        let c = Catalog::builtin();
        let mut o = sample_order();
        o.lines[0].unit_price = "1.00".parse().unwrap();
        let (cart, missing) = o.repurchase_cart(&c);
        assert!(missing.is_empty());
        assert_eq!(cart.repurchase_of.as_deref(), Some(o.id.as_str()));
        assert_eq!(cart.quantity_of("dev-basic"), 2);
        assert_eq!(cart.total(&c), "950000.00".parse().unwrap());
    }

    #[test]
    fn status_parses_from_cli_words() {
        assert_eq!("in-delivery".parse::<Status>().unwrap(), Status::InDelivery);
        assert_eq!("InDelivery".parse::<Status>().unwrap(), Status::InDelivery);
        assert!("gone".parse::<Status>().is_err());
    }
}
