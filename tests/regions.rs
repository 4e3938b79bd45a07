//! The country table: every ISO 3166-1 country has a region or a stated "not covered",
//! and the cases the price list calls out (Brazil, Russia, China, the US) come out right.

use order_desk::domain::catalog::Region;
use order_desk::domain::region::{self, Basis};

#[test]
fn every_iso_country_has_an_answer_or_a_stated_not_covered() {
    let all = region::all();
    // ISO 3166-1 has 249 officially assigned alpha-2 codes.
    assert_eq!(
        all.len(),
        249,
        "keshvar should carry every ISO 3166-1 country"
    );
    for a in &all {
        assert_eq!(a.code.len(), 2, "{a:?}");
        assert!(!a.country.is_empty() && !a.why.is_empty(), "{a:?}");
        match a.basis {
            Basis::NotCovered => assert_eq!(a.region, None, "{a:?}"),
            _ => assert!(a.region.is_some(), "{a:?}"),
        }
    }
    // "Not covered" is the exception, not a fallback that swallows whole continents:
    // mainland China, Northern America, US territories and the unplaced (Antarctica …).
    let not_covered: Vec<&str> = all
        .iter()
        .filter(|a| a.basis == Basis::NotCovered)
        .map(|a| a.code.as_str())
        .collect();
    assert!(not_covered.len() <= 16, "{not_covered:?}");
    for code in ["CN", "US", "CA", "PR", "AQ"] {
        assert!(not_covered.contains(&code), "{code} in {not_covered:?}");
    }
    let oc1 = all.iter().filter(|a| a.region == Some(Region::Oc1)).count();
    let oc2 = all.iter().filter(|a| a.region == Some(Region::Oc2)).count();
    assert!(oc1 > 60 && oc2 > 100, "oc1 {oc1}, oc2 {oc2}");
}

fn answer(typed: &str) -> region::Answer {
    region::find(typed).unwrap_or_else(|e| panic!("{typed}: {e}"))
}

#[test]
fn brazil_pays_oc2_though_it_is_in_latin_america() {
    for typed in ["BR", "br", "Brazil", "BRAZIL", " brazil "] {
        let a = answer(typed);
        assert_eq!((a.code.as_str(), a.region), ("BR", Some(Region::Oc2)));
        assert_eq!(a.basis, Basis::Named);
    }
    // Its neighbours follow Latin America.
    for code in ["AR", "CL", "MX", "JM", "CO"] {
        let a = answer(code);
        assert_eq!(a.region, Some(Region::Oc1), "{a:?}");
        assert_eq!(a.basis, Basis::ListWords);
    }
}

#[test]
fn russia_pays_oc1_though_m49_puts_it_in_europe() {
    let a = answer("Russian Federation");
    assert_eq!(
        (a.code.as_str(), a.region, a.basis),
        ("RU", Some(Region::Oc1), Basis::Named)
    );
    assert_eq!(answer("ru").code, "RU");
    // The rest of Eastern Europe is Europe.
    assert_eq!(answer("UA").region, Some(Region::Oc2));
    assert_eq!(answer("PL").region, Some(Region::Oc2));
}

#[test]
fn mainland_china_is_not_covered_but_hong_kong_is_asia_pacific() {
    let cn = answer("China");
    assert_eq!(
        (cn.code.as_str(), cn.region, cn.basis),
        ("CN", None, Basis::NotCovered)
    );
    assert!(cn.why.contains("outside mainland China"), "{}", cn.why);
    assert_eq!(answer("HK").region, Some(Region::Oc1));
    assert_eq!(answer("TW").region, Some(Region::Oc1));
}

#[test]
fn the_us_canada_and_us_territories_are_not_covered() {
    for code in ["US", "CA", "PR", "GU", "VI"] {
        let a = answer(code);
        assert_eq!((a.region, a.basis), (None, Basis::NotCovered), "{a:?}");
    }
    assert_eq!(answer("united states").code, "US");
}

#[test]
fn the_middle_east_europe_and_africa_pay_oc2_asia_and_oceania_oc1() {
    for code in ["AE", "SA", "IL", "TR", "DE", "FR", "GB", "NG", "ZA", "EG"] {
        assert_eq!(answer(code).region, Some(Region::Oc2), "{code}");
    }
    for code in ["JP", "IN", "SG", "AU", "NZ", "FJ", "ID", "KR"] {
        assert_eq!(answer(code).region, Some(Region::Oc1), "{code}");
    }
}

#[test]
fn conventions_are_suggested_and_marked() {
    for (code, region) in [
        ("IR", Region::Oc2),
        ("AF", Region::Oc1),
        ("PK", Region::Oc1),
        ("KZ", Region::Oc1),
        ("UZ", Region::Oc1),
        ("GE", Region::Oc2),
        ("AM", Region::Oc2),
        ("AZ", Region::Oc2),
    ] {
        let a = answer(code);
        assert_eq!(
            (a.region, a.basis),
            (Some(region), Basis::Convention),
            "{a:?}"
        );
        assert!(
            a.basis_text().starts_with("convention: "),
            "{}",
            a.basis_text()
        );
    }
}

#[test]
fn an_unknown_country_gets_suggestions() {
    let e = region::find("Germny").unwrap_err();
    assert!(e.suggestions.iter().any(|s| s == "Germany (DE)"), "{e}");
    assert!(region::find("").is_err());
    assert!(region::find("XX").is_err());
}
