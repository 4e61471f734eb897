//! Reading and writing amounts of money the way Chinese sales plans write
//! them: `"1.2亿"`, `"3,500万"`, `"1亿2000万"`, `"￥120,000,000.50元"`.
//!
//! * [`format`] writes amounts for people (`1.2346亿`, `CNY 120,000,000.00`);
//! * [`numeral`] reads them, Chinese units and all.

use rust_decimal::Decimal;

mod format;
mod numeral;
#[cfg(test)]
mod tests;

pub use format::{format_amount, format_amount_auto, format_money, AmountFormat, AmountUnit};
pub use numeral::{parse_amount, parse_decimal, plain_decimal};

/// 10 to the power `exponent`. Exponents here are at most 15 (千万亿); larger
/// ones are capped at 19, the largest power of ten a `u64` holds.
fn power_of_ten(exponent: u32) -> Decimal {
    Decimal::from(10_u64.pow(exponent.min(19)))
}
