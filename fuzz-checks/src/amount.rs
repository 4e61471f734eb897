//! Amounts with 万/亿 and Chinese spellings: reading and writing.

use rust_decimal::{Decimal, RoundingStrategy};
use salesplan::units::{format_amount, format_money, parse_amount, parse_decimal};
use salesplan::{AmountFormat, AmountUnit};

use crate::bytes::Bytes;
use crate::check_error;

/// Text or a number, by the first byte.
///
/// Text: reading never panics and refuses with a typed error; an amount
/// that reads is normalised and writes back (in single units, every
/// decimal kept) as text that reads as the same value. A number (16 bytes
/// of a decimal, then the format): it writes as text that reads back to
/// the number rounded as the format says — exactly when the format keeps
/// every decimal — and as money to the number rounded to cents.
pub fn amount(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    if bytes.byte() & 1 == 0 {
        let text = String::from_utf8_lossy(bytes.rest());
        if let Err(e) = parse_decimal(&text) {
            check_error(&e);
        }
        match parse_amount(&text) {
            Ok(value) => {
                assert_eq!(
                    value.scale(),
                    value.normalize().scale(),
                    "{text:?} read as {value}, not normalised"
                );
                let exact = AmountFormat {
                    unit: AmountUnit::None,
                    max_decimals: 28,
                    grouping: true,
                };
                round_trip(value, &exact);
                round_trip(value, &AmountFormat::default());
            }
            Err(e) => check_error(&e),
        }
    } else {
        let (lo, mid, hi) = (bytes.u32(), bytes.u32(), bytes.u32());
        let flags = bytes.byte();
        let scale = u32::from(bytes.byte()) % 29;
        let value = Decimal::from_parts(lo, mid, hi, flags & 1 == 1, scale);
        let format = AmountFormat {
            unit: [
                AmountUnit::Auto,
                AmountUnit::Yi,
                AmountUnit::Wan,
                AmountUnit::None,
            ][usize::from(flags >> 1) % 4],
            max_decimals: u32::from(bytes.byte()) % 32,
            grouping: flags & 0x08 != 0,
        };
        round_trip(value, &format);
        let money = format_money(value, "");
        let cents = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        match parse_amount(&money) {
            Ok(back) => assert_eq!(back, cents, "{value} as money is {money:?}"),
            Err(e) => panic!("{value} as money is {money:?}, which does not read: {e}"),
        }
    }
}

/// `value` written with `format` reads back as the value, rounded to the
/// format's decimals in the unit written.
fn round_trip(value: Decimal, format: &AmountFormat) {
    let text = format_amount(value, format);
    let back = match parse_amount(&text) {
        Ok(back) => back,
        Err(e) => panic!("{value} is written {text:?} ({format:?}), which does not read: {e}"),
    };
    let exponent = if text.ends_with('亿') {
        8
    } else if text.ends_with('万') {
        4
    } else {
        0
    };
    let decimals = format.max_decimals.min(28);
    if value.scale() + exponent <= decimals {
        assert_eq!(back, value, "{value} is written {text:?} ({format:?})");
        return;
    }
    // Half a unit in the last place kept, and the least a decimal can hold
    // for the division into the unit.
    let unit = Decimal::from(10_u64.pow(exponent));
    let tolerance = if decimals >= 28 {
        Decimal::new(1, 28)
    } else {
        Decimal::new(5, decimals + 1) + Decimal::new(1, 28)
    };
    let off = back
        .checked_sub(value)
        .and_then(|d| d.checked_div(unit))
        .map(|d| d.abs());
    assert!(
        off.is_some_and(|off| off <= tolerance),
        "{value} is written {text:?} ({format:?}) and reads as {back}"
    );
}
