//! Writing amounts for people: in 亿 or 万 ([`format_amount`]), or exactly
//! with the currency code ([`format_money`]).

use rust_decimal::{Decimal, RoundingStrategy};

use super::power_of_ten;
use crate::error::{Error, Result};

/// The most decimal places a [`Decimal`] can hold.
const MAX_SCALE: u32 = 28;

/// Which unit [`format_amount`] writes an amount in (`"auto"`, `"yi"`,
/// `"wan"` or `"none"` as JSON).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum AmountUnit {
    /// 亿 from 10⁸ up, 万 from 10⁴ up, no unit below that.
    Auto,
    /// Always in 亿 (10⁸).
    Yi,
    /// Always in 万 (10⁴).
    Wan,
    /// Always in single units, without a unit sign.
    None,
}

impl std::str::FromStr for AmountUnit {
    type Err = Error;

    /// Reads the unit's name as the bindings spell it: `auto`, `yi`, `wan`
    /// or `none`.
    fn from_str(name: &str) -> Result<AmountUnit> {
        match name {
            "auto" => Ok(AmountUnit::Auto),
            "yi" => Ok(AmountUnit::Yi),
            "wan" => Ok(AmountUnit::Wan),
            "none" => Ok(AmountUnit::None),
            other => Err(Error::InvalidArgument {
                name: "unit".to_owned(),
                message: format!("{other:?} is not one of \"auto\", \"yi\", \"wan\", \"none\""),
            }),
        }
    }
}

impl AmountUnit {
    /// The power of ten that one of this unit stands for (`Auto` has none of
    /// its own and counts as single units).
    fn exponent(self) -> u32 {
        match self {
            AmountUnit::Yi => 8,
            AmountUnit::Wan => 4,
            AmountUnit::Auto | AmountUnit::None => 0,
        }
    }

    /// The sign written after the number.
    fn suffix(self) -> &'static str {
        match self {
            AmountUnit::Yi => "亿",
            AmountUnit::Wan => "万",
            AmountUnit::Auto | AmountUnit::None => "",
        }
    }

    /// The unit that [`AmountUnit::Auto`] picks for an amount of this size.
    fn for_magnitude(magnitude: Decimal) -> AmountUnit {
        if magnitude >= power_of_ten(8) {
            AmountUnit::Yi
        } else if magnitude >= power_of_ten(4) {
            AmountUnit::Wan
        } else {
            AmountUnit::None
        }
    }

    /// The next larger unit that [`AmountUnit::Auto`] may pick.
    fn larger(self) -> Option<AmountUnit> {
        match self {
            AmountUnit::None => Some(AmountUnit::Wan),
            AmountUnit::Wan => Some(AmountUnit::Yi),
            AmountUnit::Yi | AmountUnit::Auto => None,
        }
    }
}

/// How [`format_amount`] writes an amount. As JSON, every field may be
/// left out.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(default, deny_unknown_fields)]
pub struct AmountFormat {
    /// The unit to write the amount in.
    pub unit: AmountUnit,
    /// The most decimal places to keep, counted in the chosen unit; the
    /// number is rounded half away from zero and trailing zeros are dropped.
    /// Values above 28 count as 28.
    pub max_decimals: u32,
    /// Whether to separate thousands in the whole part with commas.
    pub grouping: bool,
}

impl Default for AmountFormat {
    /// Automatic unit, at most four decimal places, grouped thousands.
    fn default() -> Self {
        AmountFormat {
            unit: AmountUnit::Auto,
            max_decimals: 4,
            grouping: true,
        }
    }
}

/// Writes an amount for people, in 亿 or 万 as `format` says.
///
/// With [`AmountUnit::Auto`] an amount that would round up to 10000 of its
/// unit is written in the next larger unit instead (`99999999.99` is `1亿`,
/// not `10,000万`).
///
/// ```
/// use rust_decimal::Decimal;
/// use salesplan::units::{format_amount, AmountFormat};
///
/// let format = AmountFormat::default();
/// assert_eq!(format_amount(Decimal::new(123456789, 0), &format), "1.2346亿");
/// assert_eq!(format_amount(Decimal::new(-35000000, 0), &format), "-3,500万");
/// assert_eq!(format_amount(Decimal::new(12345, 1), &format), "1,234.5");
/// ```
pub fn format_amount(amount: Decimal, format: &AmountFormat) -> String {
    let decimals = format.max_decimals.min(MAX_SCALE);
    let (unit, value) = match format.unit {
        AmountUnit::Auto => auto_scaled(amount, decimals),
        unit => (unit, scaled(amount, unit, decimals)),
    };
    let mut text = render(value, 0, format.grouping);
    text.push_str(unit.suffix());
    text
}

/// [`format_amount`] with the [default format](AmountFormat::default).
///
/// ```
/// use rust_decimal::Decimal;
/// use salesplan::units::format_amount_auto;
///
/// assert_eq!(format_amount_auto(Decimal::new(120000000, 0)), "1.2亿");
/// ```
pub fn format_amount_auto(amount: Decimal) -> String {
    format_amount(amount, &AmountFormat::default())
}

/// Writes an amount with exactly two decimal places, grouped thousands and
/// the currency code in front, rounding half away from zero. An empty
/// `currency` writes the number alone.
///
/// ```
/// use rust_decimal::Decimal;
/// use salesplan::units::format_money;
///
/// assert_eq!(format_money(Decimal::new(120000000, 0), "CNY"), "CNY 120,000,000.00");
/// assert_eq!(format_money(Decimal::new(-12345, 3), "USD"), "USD -12.35");
/// ```
pub fn format_money(amount: Decimal, currency: &str) -> String {
    let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let number = render(rounded, 2, true);
    if currency.is_empty() {
        number
    } else {
        format!("{currency} {number}")
    }
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

/// `amount` counted in `unit`, rounded to `decimals` places and normalised.
fn scaled(amount: Decimal, unit: AmountUnit, decimals: u32) -> Decimal {
    // Dividing by 1, 10⁴ or 10⁸ can neither overflow nor divide by zero.
    let in_unit = amount / power_of_ten(unit.exponent());
    in_unit
        .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// The unit [`AmountUnit::Auto`] picks for `amount`, and the amount in it.
fn auto_scaled(amount: Decimal, decimals: u32) -> (AmountUnit, Decimal) {
    let unit = AmountUnit::for_magnitude(amount.abs());
    let value = scaled(amount, unit, decimals);
    match unit.larger() {
        Some(larger) if value.abs() >= power_of_ten(4) => {
            (larger, scaled(amount, larger, decimals))
        }
        _ => (unit, value),
    }
}

/// Writes `value` in plain digits with at least `min_decimals` decimal places
/// and, when `grouping`, commas between the thousands of the whole part.
fn render(value: Decimal, min_decimals: usize, grouping: bool) -> String {
    let digits = value.abs().to_string();
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    let mut text = String::with_capacity(digits.len() + digits.len() / 3 + min_decimals + 2);
    if value.is_sign_negative() && !value.is_zero() {
        text.push('-');
    }
    if grouping {
        text.push_str(&group_thousands(whole));
    } else {
        text.push_str(whole);
    }
    if !fraction.is_empty() || min_decimals > 0 {
        text.push('.');
        text.push_str(fraction);
        let padding = min_decimals.saturating_sub(fraction.len());
        text.extend(std::iter::repeat_n('0', padding));
    }
    text
}

/// Puts a comma between every three digits of `digits`, from the right.
pub(super) fn group_thousands(digits: &str) -> String {
    let count = digits.chars().count();
    let mut grouped = String::with_capacity(count + count / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (count - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}
