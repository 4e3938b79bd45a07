//! Money: exact decimal USD amounts and how they are shown to a person.
//!
//! Every amount is a `rust_decimal::Decimal` (never a float), stored in RON as an exact
//! string such as `"50000.00"` and shown as `$50,000.00`.

use rust_decimal::Decimal;

/// Amounts are money in USD with cents; the price list never has finer prices.
pub const CENTS: u32 = 2;

/// The largest unit price a price list or an order file may hold: one billion dollars.
/// With at most [`MAX_QUANTITY`](crate::domain::cart::MAX_QUANTITY) units a line and
/// [`MAX_LINES`] lines an order, every total of every order in a folder stays far below
/// what a `Decimal` can hold, so sums of trusted amounts cannot overflow.
pub const MAX_PRICE: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// The most lines one order (or cart draft) may hold.
pub const MAX_LINES: usize = 1000;

/// Formats an amount as `$1,460,000.00` (negative amounts as `-$5.00`).
pub fn format_usd(amount: Decimal) -> String {
    let rounded = amount.round_dp(CENTS);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = format!("{:.2}", rounded.abs());
    let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{}${grouped}.{cents}", if negative { "-" } else { "" })
}

/// Formats an amount as a plain decimal with cents (`1460000.00`), for CSV and files.
pub fn plain(amount: Decimal) -> String {
    format!("{:.2}", amount.round_dp(CENTS))
}

/// True when the amount has at most two decimal places (cents).
pub fn has_cents_precision(amount: Decimal) -> bool {
    amount.normalize().scale() <= CENTS
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn formats_with_thousands_and_cents() {
        assert_eq!(format_usd(d("1460000")), "$1,460,000.00");
        assert_eq!(format_usd(d("50000.00")), "$50,000.00");
        assert_eq!(format_usd(d("999.5")), "$999.50");
        assert_eq!(format_usd(d("0")), "$0.00");
        assert_eq!(format_usd(d("100")), "$100.00");
        assert_eq!(format_usd(d("1000")), "$1,000.00");
        assert_eq!(format_usd(d("-5")), "-$5.00");
        assert_eq!(format_usd(d("1300000.00")), "$1,300,000.00");
    }

    /// The largest line (999 of a $1,300,000.00 tier) and the largest real order (four
    /// such lines, OC2 prices) are wider than 13 characters: every group keeps its comma.
    #[test]
    fn billions_keep_every_thousands_separator() {
        assert_eq!(format_usd(d("999") * d("1300000")), "$1,298,700,000.00");
        assert_eq!(format_usd(d("3976020000")), "$3,976,020,000.00");
        assert_eq!(format_usd(d("1000000000")), "$1,000,000,000.00");
        assert_eq!(format_usd(d("-1298700000.5")), "-$1,298,700,000.50");
        assert_eq!(
            format_usd(MAX_PRICE * d("999000")),
            "$999,000,000,000,000.00"
        );
    }

    #[test]
    fn plain_keeps_exact_cents() {
        assert_eq!(plain(d("50000")), "50000.00");
        assert_eq!(plain(d("0.1") + d("0.2")), "0.30");
    }

    #[test]
    fn cents_precision() {
        assert!(has_cents_precision(d("1.25")));
        assert!(has_cents_precision(d("1.2500")));
        assert!(!has_cents_precision(d("1.255")));
    }
}
