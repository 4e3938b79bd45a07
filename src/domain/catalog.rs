//! The price list: service families, services and tiers with their prices in both regions.
//!
//! The built-in list (`data/catalog.ron`) is transcribed from the billing page and compiled
//! into the binary, so the app runs with no setup. Another list can be loaded from a file;
//! every list is validated on load so a bad file is refused before any order is touched.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::money;

/// A price list file larger than this is refused (the built-in one is 15 KiB).
pub const MAX_CATALOG_BYTES: u64 = 16 * 1024 * 1024;

/// The price list shipped with the app.
pub const BUILTIN_CATALOG: &str = include_str!("../../data/catalog.ron");

/// A price region. Customers are billed in the region they belong to. The built-in list
/// has two (OC1, OC2); an imported list has those, one price for all (`all`), or regions
/// of its own numbered in the page's order (`r1` … `r9`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    /// Outside China 1 - USD (Asia Pacific, Russia, and Latin America).
    #[default]
    Oc1,
    /// Outside China 2 - USD (Europe, Africa, Brazil, and Middle East).
    Oc2,
    /// One price for every customer.
    All,
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    R7,
    R8,
    R9,
}

impl Region {
    /// The built-in list's two regions.
    pub const ALL: [Region; 2] = [Region::Oc1, Region::Oc2];

    const EVERY: [Region; 12] = [
        Region::Oc1,
        Region::Oc2,
        Region::All,
        Region::R1,
        Region::R2,
        Region::R3,
        Region::R4,
        Region::R5,
        Region::R6,
        Region::R7,
        Region::R8,
        Region::R9,
    ];

    /// The short code typed on the command line (`oc1`, `oc2`, `all`, `r1`).
    pub fn code(self) -> &'static str {
        match self {
            Region::Oc1 => "oc1",
            Region::Oc2 => "oc2",
            Region::All => "all",
            Region::R1 => "r1",
            Region::R2 => "r2",
            Region::R3 => "r3",
            Region::R4 => "r4",
            Region::R5 => "r5",
            Region::R6 => "r6",
            Region::R7 => "r7",
            Region::R8 => "r8",
            Region::R9 => "r9",
        }
    }

    /// The region a code names, any case.
    pub fn from_code(code: &str) -> Option<Region> {
        let code = code.trim().to_ascii_lowercase();
        Region::EVERY.into_iter().find(|r| r.code() == code)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code().to_ascii_uppercase())
    }
}

impl std::str::FromStr for Region {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "outside china 1" => Ok(Region::Oc1),
            "outside china 2" => Ok(Region::Oc2),
            other => Region::from_code(other).ok_or_else(|| {
                format!(
                    "unknown region '{}': use oc1 (Outside China 1) or oc2 (Outside China 2), or a region code of the price list (all, r1 …)",
                    crate::domain::text::clean(other)
                )
            }),
        }
    }
}

/// What one unit of a tier is: the seed sells by set, by model or by application; an
/// imported list by whatever its page says ("Per TB", "manday", "Suite").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unit {
    Set,
    Model,
    Application,
    /// The unit as an imported page writes it.
    Other(String),
}

impl Unit {
    /// The unit a page's words name: the seed's three by their names, anything else as
    /// written.
    pub fn from_text(text: &str) -> Unit {
        match text.trim() {
            "Set" => Unit::Set,
            "Model" => Unit::Model,
            "Application" => Unit::Application,
            other => Unit::Other(other.to_string()),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unit::Set => "Set",
            Unit::Model => "Model",
            Unit::Application => "Application",
            Unit::Other(text) => text,
        })
    }
}

/// A tier's price in each region of its list. Read from a price list file as the two
/// regions' `(oc1: …, oc2: …)`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "TwoPrices")]
pub struct Prices(Vec<(Region, Decimal)>);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TwoPrices {
    oc1: Decimal,
    oc2: Decimal,
}

impl From<TwoPrices> for Prices {
    fn from(p: TwoPrices) -> Prices {
        Prices(vec![(Region::Oc1, p.oc1), (Region::Oc2, p.oc2)])
    }
}

impl Prices {
    pub fn new(prices: Vec<(Region, Decimal)>) -> Prices {
        Prices(prices)
    }

    /// The price in `region`, or `None` where the list gives none.
    pub fn get(&self, region: Region) -> Option<Decimal> {
        self.0.iter().find(|(r, _)| *r == region).map(|(_, p)| *p)
    }

    pub fn iter(&self) -> impl Iterator<Item = (Region, Decimal)> + '_ {
        self.0.iter().copied()
    }
}

/// One thing a rep can sell: a tier of a service, at a price per unit.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Stable short id used on the command line and in orders (`distill-platinum`).
    pub sku: String,
    /// The tier's short label: Basic, Standard, Professional, Platinum, Flagship, per Model…
    pub tier: String,
    /// The full specification name exactly as the billing page spells it.
    pub name: String,
    pub unit: Unit,
    /// The billing mode text, e.g. "One-off payment based on the number of sets purchased".
    pub billing_mode: String,
    pub price: Prices,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub name: String,
    pub tiers: Vec<Tier>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    pub name: String,
    pub services: Vec<Service>,
}

/// A region's full name and coverage as the billing page gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionInfo {
    pub name: String,
    pub coverage: String,
}

/// The list's regions in its order, each with its name and coverage. Read from a price
/// list file as the two regions' `(oc1: …, oc2: …)`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "TwoRegions")]
pub struct Regions(Vec<(Region, RegionInfo)>);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TwoRegions {
    oc1: RegionInfo,
    oc2: RegionInfo,
}

impl From<TwoRegions> for Regions {
    fn from(r: TwoRegions) -> Regions {
        Regions(vec![(Region::Oc1, r.oc1), (Region::Oc2, r.oc2)])
    }
}

/// The billing page's rules, quoted so the app can show them word for word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub configuration_change: String,
    pub renewal: String,
    pub expiration: String,
}

/// The whole price list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub title: String,
    /// The date the price list was last updated; recorded in every order.
    pub updated: Date,
    pub currency: String,
    pub billing_mode: String,
    pub set_explanation: String,
    pub rules: Rules,
    pub regions: Regions,
    pub families: Vec<Family>,
    /// What the list says beyond prices; a price list file is the built-in list's shape.
    #[serde(skip)]
    pub list: ListTerms,
    #[serde(skip)]
    index: HashMap<String, TierRef>,
}

/// The id of the list compiled in.
pub const BUILTIN_LIST: &str = "ai-platform";

/// When a refund or unsubscription is possible, as a list's page says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Refund {
    /// Only before the service is used.
    #[default]
    BeforeUsage,
    /// Never.
    Never,
}

impl Refund {
    pub fn code(self) -> &'static str {
        match self {
            Refund::BeforeUsage => "before-usage",
            Refund::Never => "never",
        }
    }
}

/// A list's id, its rules sections word for word, and the refund policy and validity
/// read from them, each with its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListTerms {
    pub id: String,
    /// (heading, text) in the page's order.
    pub terms: Vec<(String, String)>,
    pub refund: Refund,
    pub refund_sentence: String,
    /// An ISO 8601 period (`P1Y`) added to the order date for its valid-until.
    pub validity: Option<String>,
    /// False for the built-in list, whose countries are read by the reviewed rules in
    /// `data/regions.ron`; true where the list's own coverage words decide.
    pub own_coverage: bool,
    /// The version before this one, and what each tier changed since it ("new", "was
    /// OC1 $12,000.00, …") by SKU; unchanged tiers are absent.
    pub changed: Option<(Date, std::collections::BTreeMap<String, String>)>,
}

impl Default for ListTerms {
    fn default() -> ListTerms {
        ListTerms {
            id: BUILTIN_LIST.to_string(),
            terms: Vec::new(),
            refund: Refund::BeforeUsage,
            refund_sentence: String::new(),
            validity: None,
            own_coverage: false,
            changed: None,
        }
    }
}

/// The headings the source page gives its billing rules, in its order.
pub const TERMS_HEADINGS: [&str; 5] = [
    "Billing Mode",
    "Sales unit description (set)",
    "Configuration Change",
    "Renewal",
    "Expiration and Arrears",
];

impl Catalog {
    /// The billing rules of the price list, each under the heading the source page gives
    /// it, quoted as the list holds them: what the app's help, `order-desk catalog` and
    /// the documents show.
    pub fn terms(&self) -> Vec<(&str, &str)> {
        if !self.list.terms.is_empty() {
            return self
                .list
                .terms
                .iter()
                .map(|(h, t)| (h.as_str(), t.as_str()))
                .collect();
        }
        let texts = [
            self.billing_mode.as_str(),
            self.set_explanation.as_str(),
            self.rules.configuration_change.as_str(),
            self.rules.renewal.as_str(),
            self.rules.expiration.as_str(),
        ];
        TERMS_HEADINGS.into_iter().zip(texts).collect()
    }

    /// A list assembled from its parts (an imported page), checked as a file is.
    #[allow(clippy::too_many_arguments)]
    pub fn assemble(
        title: String,
        updated: Date,
        currency: String,
        regions: Vec<(Region, RegionInfo)>,
        families: Vec<Family>,
        list: ListTerms,
    ) -> Result<Catalog, String> {
        let text = |heading: &str| {
            list.terms
                .iter()
                .find(|(h, _)| h == heading)
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        };
        let mut catalog = Catalog {
            title,
            updated,
            currency,
            billing_mode: text("Billing Mode"),
            set_explanation: String::new(),
            rules: Rules {
                configuration_change: text("Configuration Change"),
                renewal: text("Renewal"),
                expiration: text("Expiration and Arrears"),
            },
            regions: Regions(regions),
            families,
            list,
            index: HashMap::new(),
        };
        catalog.validate()?;
        catalog.build_index();
        Ok(catalog)
    }

    /// The list's regions, in its order.
    pub fn regions(&self) -> impl Iterator<Item = Region> + '_ {
        self.regions.0.iter().map(|(r, _)| *r)
    }

    /// True when the list prices in `region`.
    pub fn has_region(&self, region: Region) -> bool {
        self.regions().any(|r| r == region)
    }

    /// The region after `region` in the list's order, round to the first: what `r`
    /// switches the cart to.
    pub fn next_region(&self, region: Region) -> Region {
        let all: Vec<Region> = self.regions().collect();
        let at = all.iter().position(|r| *r == region);
        match at {
            Some(i) => all[(i + 1) % all.len()],
            None => all[0],
        }
    }

    /// The list's regions as codes for messages: "oc1|oc2", "all".
    pub fn region_codes(&self) -> String {
        self.regions()
            .map(Region::code)
            .collect::<Vec<_>>()
            .join("|")
    }
}

/// Where a tier sits in the catalog: family, service and tier positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TierRef {
    pub family: usize,
    pub service: usize,
    pub tier: usize,
}

/// A tier together with the names of the service and family it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct TierEntry<'a> {
    pub family: &'a Family,
    pub service: &'a Service,
    pub tier: &'a Tier,
    pub at: TierRef,
}

/// Why a price list could not be used. Each message says what to fix.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("cannot read price list {}: {source}", crate::domain::text::path(.path))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("price list {}:{line}:{column}: {}", crate::domain::text::path(.path), crate::domain::text::clean(.message))]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("price list {}: {}", crate::domain::text::path(.path), crate::domain::text::clean(.message))]
    Invalid { path: PathBuf, message: String },
}

/// The longest SKU: an imported tier's SKU is made from its name.
pub const MAX_SKU: usize = 64;

/// True for a well-formed SKU: 1-64 lowercase ASCII letters, digits or '-', so it can
/// never be confused with the `=` and `;` of the CSV `lines` column or reach a terminal
/// as anything but itself.
pub fn is_valid_sku(sku: &str) -> bool {
    !sku.is_empty()
        && sku.len() <= MAX_SKU
        && sku
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

impl Catalog {
    /// The price list compiled into the binary.
    pub fn builtin() -> Catalog {
        Catalog::parse(BUILTIN_CATALOG, Path::new("data/catalog.ron"))
            .expect("the built-in price list is checked by the test suite")
    }

    /// Parses and validates price list text; `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Catalog, CatalogError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut catalog: Catalog = ron::from_str(text).map_err(|e| CatalogError::Parse {
            path: path.to_path_buf(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
        catalog
            .validate()
            .map_err(|message| CatalogError::Invalid {
                path: path.to_path_buf(),
                message,
            })?;
        catalog.build_index();
        // The built-in list's refund sentence, for the guard's refusals.
        catalog.list.refund_sentence = catalog
            .rules
            .configuration_change
            .split_inclusive('.')
            .map(str::trim)
            .find(|s| s.to_lowercase().contains("refund"))
            .unwrap_or_default()
            .to_string();
        Ok(catalog)
    }

    fn validate(&self) -> Result<(), String> {
        let mut seen = HashMap::new();
        if self.regions.0.is_empty() {
            return Err("the list has no price regions".into());
        }
        if self.families.is_empty() {
            return Err("the list has no service families".into());
        }
        for family in &self.families {
            if family.services.is_empty() {
                return Err(format!("family '{}' has no services", family.name));
            }
            for service in &family.services {
                if service.tiers.is_empty() {
                    return Err(format!("service '{}' has no tiers", service.name));
                }
                for tier in &service.tiers {
                    let sku = &tier.sku;
                    if !is_valid_sku(sku) {
                        return Err(format!(
                            "SKU '{sku}' ({}) must be 1-64 lowercase letters, digits or '-'",
                            tier.name
                        ));
                    }
                    if let Some(first) = seen.insert(sku.clone(), tier.name.clone()) {
                        return Err(format!(
                            "SKU '{sku}' is used twice: by '{first}' and by '{}'",
                            tier.name
                        ));
                    }
                    for region in self.regions() {
                        let Some(price) = tier.price.get(region) else {
                            return Err(format!("{sku}: no price in {}", region.code()));
                        };
                        if price <= Decimal::ZERO {
                            return Err(format!(
                                "{sku}: the {} price must be positive, not {price}",
                                region.code()
                            ));
                        }
                        if price > money::MAX_PRICE {
                            return Err(format!(
                                "{sku}: the {} price {price} is above the largest price allowed, {}",
                                region.code(),
                                money::format_usd(money::MAX_PRICE)
                            ));
                        }
                        if !money::has_cents_precision(price) {
                            return Err(format!(
                                "{sku}: the {} price {price} has more than 2 decimal places",
                                region.code()
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn build_index(&mut self) {
        self.index.clear();
        for (f, family) in self.families.iter().enumerate() {
            for (s, service) in family.services.iter().enumerate() {
                for (t, tier) in service.tiers.iter().enumerate() {
                    self.index.insert(
                        tier.sku.clone(),
                        TierRef {
                            family: f,
                            service: s,
                            tier: t,
                        },
                    );
                }
            }
        }
    }

    /// Looks a tier up by SKU.
    pub fn get(&self, sku: &str) -> Option<TierEntry<'_>> {
        self.index.get(sku).map(|&at| self.entry(at))
    }

    /// The tier at a position, with its service and family.
    pub fn entry(&self, at: TierRef) -> TierEntry<'_> {
        let family = &self.families[at.family];
        let service = &family.services[at.service];
        TierEntry {
            family,
            service,
            tier: &service.tiers[at.tier],
            at,
        }
    }

    /// Every tier in the price list's order.
    pub fn tiers(&self) -> impl Iterator<Item = TierEntry<'_>> {
        self.families
            .iter()
            .enumerate()
            .flat_map(move |(f, family)| {
                family
                    .services
                    .iter()
                    .enumerate()
                    .flat_map(move |(s, service)| {
                        service
                            .tiers
                            .iter()
                            .enumerate()
                            .map(move |(t, tier)| TierEntry {
                                family,
                                service,
                                tier,
                                at: TierRef {
                                    family: f,
                                    service: s,
                                    tier: t,
                                },
                            })
                    })
            })
    }

    /// The region's full name with coverage, as on the billing page:
    /// "Outside China 1 - USD (Asia Pacific, Russia, and Latin America)".
    pub fn region_full_name(&self, region: Region) -> String {
        match self.region_info(region) {
            Some(info) if info.coverage.is_empty() => format!("{} - {}", info.name, self.currency),
            Some(info) => format!("{} - {} ({})", info.name, self.currency, info.coverage),
            None => format!("{region} (not a region of this list)"),
        }
    }

    pub fn region_info(&self, region: Region) -> Option<&RegionInfo> {
        self.regions
            .0
            .iter()
            .find(|(r, _)| *r == region)
            .map(|(_, info)| info)
    }

    /// A SKU close to a mistyped one, for "did you mean" messages.
    pub fn suggest(&self, typed: &str) -> Option<&str> {
        let typed = typed.to_ascii_lowercase();
        self.tiers()
            .map(|e| e.tier.sku.as_str())
            .find(|sku| sku.starts_with(&typed) || typed.starts_with(*sku))
            .or_else(|| {
                let head = typed.split('-').next().unwrap_or("");
                self.tiers()
                    .map(|e| e.tier.sku.as_str())
                    .find(|sku| !head.is_empty() && sku.starts_with(head))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn the_other_region_of_each_is_the_other_one() {
        let c = Catalog::builtin();
        assert_eq!(c.next_region(Region::Oc1), Region::Oc2);
        assert_eq!(c.next_region(Region::Oc2), Region::Oc1);
        assert_eq!(c.next_region(Region::R3), Region::Oc1, "not one of its own");
        assert_eq!(c.region_codes(), "oc1|oc2");
        assert!(!c.has_region(Region::All));
    }

    #[test]
    fn builtin_has_the_seed_shape() {
        let c = Catalog::builtin();
        assert_eq!(c.families.len(), 5);
        assert_eq!(
            c.families.iter().map(|f| f.services.len()).sum::<usize>(),
            12
        );
        assert_eq!(c.tiers().count(), 37);
        assert_eq!(c.updated, jiff::civil::date(2025, 7, 8));
        assert_eq!(
            c.region_full_name(Region::Oc1),
            "Outside China 1 - USD (Asia Pacific, Russia, and Latin America)"
        );
        assert_eq!(
            c.region_full_name(Region::Oc2),
            "Outside China 2 - USD (Europe, Africa, Brazil, and Middle East)"
        );
    }

    /// Every price of the seed, in its order: sku, full name, unit, OC1, OC2.
    #[rustfmt::skip]
    const SEED: &[(&str, &str, Unit, &str, &str)] = &[
        ("dev-basic", "AI Platform Scenario-specific Model Development Service - Basic", Unit::Set, "50000.00", "70000.00"),
        ("dev-standard", "AI Platform Scenario-specific Model Development Service - Standard", Unit::Set, "90000.00", "130000.00"),
        ("dev-professional", "AI Platform Scenario-specific Model Development Service - Professional", Unit::Set, "130000.00", "200000.00"),
        ("dev-platinum", "AI Platform Scenario-specific Model Development - Platinum", Unit::Set, "180000.00", "260000.00"),
        ("deploy-basic", "AI Platform Scenario-specific Model Deployment Service - Basic", Unit::Set, "15000.00", "23000.00"),
        ("deploy-standard", "AI Platform Scenario-specific Model Deployment Service - Standard", Unit::Set, "30000.00", "43000.00"),
        ("deploy-professional", "AI Platform Scenario-specific Model Deployment Service - Professional", Unit::Set, "50000.00", "64000.00"),
        ("deploy-platinum", "AI Platform Scenario-specific Model Deployment Service - Platinum", Unit::Set, "60000.00", "83000.00"),
        ("orchestrate-standard", "Application and AI Agent Orchestration Service - Standard", Unit::Set, "93000.00", "140000.00"),
        ("orchestrate-professional", "Application and AI Agent Orchestration Service - Professional", Unit::Set, "240000.00", "350000.00"),
        ("tuning-basic", "AI Platform Scenario-specific Model Tuning Service - Basic", Unit::Set, "30000.00", "42000.00"),
        ("tuning-standard", "AI Platform Scenario-specific Model Tuning Service - Standard", Unit::Set, "60000.00", "84000.00"),
        ("tuning-professional", "AI Platform Scenario-specific Model Tuning Service - Professional", Unit::Set, "90000.00", "130000.00"),
        ("tuning-platinum", "AI Platform Scenario-specific Model Tuning Service - Platinum", Unit::Set, "120000.00", "170000.00"),
        ("distill-standard", "Model Distillation Service - Standard", Unit::Set, "140000.00", "210000.00"),
        ("distill-professional", "Model Distillation Service - Professional", Unit::Set, "350000.00", "520000.00"),
        ("distill-platinum", "Model Distillation Service - Platinum", Unit::Set, "500000.00", "730000.00"),
        ("incremental-standard", "Incremental Model Training Service - Standard", Unit::Set, "210000.00", "320000.00"),
        ("incremental-professional", "Incremental Model Training Service - Professional", Unit::Set, "520000.00", "780000.00"),
        ("incremental-platinum", "Incremental Model Training Service - Platinum", Unit::Set, "730000.00", "1100000.00"),
        ("finetune-standard", "Model Fine-Tuning Service - Standard", Unit::Set, "58000.00", "90000.00"),
        ("finetune-professional", "Model Fine-Tuning Service - Professional", Unit::Set, "150000.00", "220000.00"),
        ("finetune-platinum", "Model Fine-Tuning Service - Platinum", Unit::Set, "210000.00", "310000.00"),
        ("migrate-basic", "AI Cloud Service Migration and Adaptation Service - Basic", Unit::Set, "26000.00", "40000.00"),
        ("migrate-standard", "AI Cloud Service Migration and Adaptation Service - Standard", Unit::Set, "120000.00", "180000.00"),
        ("migrate-professional", "AI Cloud Service Migration and Adaptation Service - Professional", Unit::Set, "180000.00", "270000.00"),
        ("migrate-model", "AI Cloud Service AI Model Migration Service - per Model", Unit::Model, "120000.00", "180000.00"),
        ("migrate-app", "AI Cloud Service Application Migration Service - per Application", Unit::Application, "310000.00", "460000.00"),
        ("impl-basic", "AI Platform Implementation Service - Basic", Unit::Set, "70000.00", "110000.00"),
        ("impl-standard", "AI Platform Implementation Service - Standard", Unit::Set, "200000.00", "280000.00"),
        ("impl-professional", "AI Platform Implementation Service - Professional", Unit::Set, "410000.00", "610000.00"),
        ("impl-platinum", "AI Platform Implementation Service - Platinum", Unit::Set, "570000.00", "850000.00"),
        ("support-basic", "AI Platform Development Support Service - Basic", Unit::Set, "24000.00", "35000.00"),
        ("support-standard", "AI Platform Development Support Service - Standard", Unit::Set, "80000.00", "120000.00"),
        ("support-professional", "AI Platform Development Support Service - Professional", Unit::Set, "190000.00", "280000.00"),
        ("support-platinum", "AI Platform Development Support Service - Platinum", Unit::Set, "370000.00", "550000.00"),
        ("support-flagship", "AI Platform Development Support Service - Flagship", Unit::Set, "850000.00", "1300000.00"),
    ];

    #[test]
    fn every_price_matches_the_seed_in_order() {
        let c = Catalog::builtin();
        let tiers: Vec<_> = c.tiers().collect();
        assert_eq!(tiers.len(), SEED.len());
        for (entry, (sku, name, unit, oc1, oc2)) in tiers.iter().zip(SEED) {
            assert_eq!(entry.tier.sku, *sku);
            assert_eq!(entry.tier.name, *name);
            assert_eq!(entry.tier.unit, *unit, "{sku}");
            assert_eq!(entry.tier.price.get(Region::Oc1), Some(d(oc1)), "{sku}");
            assert_eq!(entry.tier.price.get(Region::Oc2), Some(d(oc2)), "{sku}");
            assert!(
                entry
                    .tier
                    .billing_mode
                    .starts_with("One-off payment based on the number of")
            );
            assert!(c.get(sku).is_some());
        }
    }

    #[test]
    fn families_and_services_follow_the_seed() {
        let c = Catalog::builtin();
        let names: Vec<_> = c.families.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "AI Platform Scenario-specific Model Development Service",
                "AI Platform Scenario-specific Model Tuning Service",
                "AI Cloud Service Migration and Adaptation Service",
                "AI Platform Implementation Service",
                "AI Platform Technical Support Service",
            ]
        );
        let e = c.get("migrate-app").unwrap();
        assert_eq!(
            e.service.name,
            "AI Cloud Service Application Migration Service"
        );
        assert_eq!(e.tier.tier, "per Application");
        assert_eq!(
            e.tier.billing_mode,
            "One-off payment based on the number of applications purchased"
        );
    }

    fn broken(edit: impl Fn(&str) -> String) -> String {
        let text = edit(BUILTIN_CATALOG);
        match Catalog::parse(&text, Path::new("bad.ron")) {
            Ok(_) => panic!("accepted a bad list"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn b15_refuses_a_price_above_the_largest_allowed_and_names_it() {
        let msg = broken(|t| t.replacen("\"50000.00\"", "\"79228162514264337593543950335\"", 1));
        assert!(msg.contains("above the largest price allowed"), "{msg}");
        assert!(msg.contains("$1,000,000,000.00"), "{msg}");
        let ok = Catalog::parse(
            &BUILTIN_CATALOG.replacen("\"50000.00\"", "\"1000000000.00\"", 1),
            Path::new("max.ron"),
        );
        assert!(ok.is_ok());
    }

    #[test]
    fn b25_refuses_skus_outside_lowercase_digits_and_dashes() {
        for bad in ["a=b", "a;b", "A", "", "\u{1b}x"] {
            assert!(!is_valid_sku(bad), "{bad:?}");
        }
        assert!(is_valid_sku("distill-platinum-2"));
    }

    #[test]
    fn rejects_duplicate_skus() {
        let msg = broken(|t| t.replace("\"dev-standard\"", "\"dev-basic\""));
        assert!(msg.contains("SKU 'dev-basic' is used twice"), "{msg}");
    }

    #[test]
    fn rejects_a_missing_region_price_with_position() {
        let msg = broken(|t| t.replacen("oc1: \"50000.00\", ", "", 1));
        assert!(msg.starts_with("price list bad.ron:"), "{msg}");
        assert!(msg.contains("oc1"), "{msg}");
    }

    #[test]
    fn rejects_non_positive_and_sub_cent_prices() {
        let msg = broken(|t| t.replacen("\"50000.00\"", "\"0\"", 1));
        assert!(msg.contains("must be positive"), "{msg}");
        let msg = broken(|t| t.replacen("\"50000.00\"", "\"50000.001\"", 1));
        assert!(msg.contains("more than 2 decimal places"), "{msg}");
    }

    #[test]
    fn rejects_unknown_unit_with_line_and_column() {
        let msg = broken(|t| t.replacen("unit: Set", "unit: Box", 1));
        assert!(msg.contains("bad.ron:"), "{msg}");
        let pos = msg.split(':').nth(1).unwrap();
        assert!(pos.parse::<usize>().unwrap() > 1, "{msg}");
    }

    #[test]
    fn region_parsing() {
        assert_eq!("OC2".parse::<Region>().unwrap(), Region::Oc2);
        assert!("eu".parse::<Region>().unwrap_err().contains("oc1"));
    }
}
