//! Money with its currency, and percentages.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::{format_money, Currency};
use crate::error::{Error, Result};

/// An exact amount in a currency.
///
/// ```
/// use salesplan::units::{Currency, Money};
///
/// let a = Money::new("60000000.00".parse().unwrap(), Currency::new("CNY").unwrap());
/// let total = a.checked_add(&a).unwrap();
/// assert_eq!(total.to_string(), "CNY 120,000,000.00");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Money {
    /// The amount.
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
}

impl Money {
    /// An amount in a currency.
    pub fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    /// The sum of two amounts in the same currency.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the currencies differ or the sum
    /// overflows.
    pub fn checked_add(&self, other: &Money) -> Result<Money> {
        if self.currency != other.currency {
            return Err(Error::InvalidArgument {
                name: "currency".into(),
                message: format!("cannot add {} to {}", other.currency, self.currency),
            });
        }
        let amount =
            self.amount
                .checked_add(other.amount)
                .ok_or_else(|| Error::InvalidArgument {
                    name: "amount".into(),
                    message: "the sum is out of range".into(),
                })?;
        Ok(Money::new(amount, self.currency.clone()))
    }
}

impl fmt::Display for Money {
    /// `CNY 120,000,000.00`: grouped, two decimals, the code first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_money(self.amount, self.currency.as_str()))
    }
}

/// Writes a fraction as a percentage with at most `max_decimals` decimals
/// (midpoint away from zero), trailing zeros trimmed: `0.2` → `"20%"`,
/// `0.98456` with 2 → `"98.46%"`.
pub fn format_percent(fraction: Decimal, max_decimals: u32) -> String {
    match fraction.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!(
            "{}%",
            p.round_dp_with_strategy(
                max_decimals.min(28),
                rust_decimal::RoundingStrategy::MidpointAwayFromZero
            )
            .normalize()
        ),
        None => format!("{fraction}×100%"),
    }
}

/// Reads a percentage (`"20%"`, `"-3.5 %"`) as a fraction (`0.2`,
/// `-0.035`). Text without a percent sign is refused, so that `"20"` is
/// never silently read as 2,000%.
///
/// # Errors
/// [`Error::InvalidArgument`] when the text is not a number followed by `%`.
pub fn parse_percent(text: &str) -> Result<Decimal> {
    let bad = |why: &str| Error::InvalidArgument {
        name: "percent".into(),
        message: format!("{text:?}: {why}"),
    };
    let number = text
        .trim()
        .strip_suffix(['%', '％'])
        .ok_or_else(|| bad("expected a number followed by %"))?;
    let value = Decimal::from_str(number.trim_end()).map_err(|_| bad("not a number"))?;
    value
        .checked_div(Decimal::ONE_HUNDRED)
        .ok_or_else(|| bad("out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn percent_both_ways() {
        assert_eq!(format_percent(d("0.2"), 2), "20%");
        assert_eq!(format_percent(d("0.98456"), 2), "98.46%");
        assert_eq!(format_percent(d("-0.035"), 4), "-3.5%");
        assert_eq!(parse_percent("20%").unwrap(), d("0.2"));
        assert_eq!(parse_percent(" -3.5 % ").unwrap(), d("-0.035"));
        assert_eq!(parse_percent("12.5％").unwrap(), d("0.125"));
        assert!(parse_percent("20").is_err());
        assert!(parse_percent("abc%").is_err());
    }

    #[test]
    fn money_adds_only_in_one_currency() {
        let cny = Currency::new("CNY").unwrap();
        let usd = Currency::new("USD").unwrap();
        let a = Money::new(d("1.10"), cny.clone());
        assert_eq!(a.checked_add(&a).unwrap(), Money::new(d("2.20"), cny));
        assert!(a.checked_add(&Money::new(d("1"), usd)).is_err());
    }
}
