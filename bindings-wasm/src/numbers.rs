//! Decimals to doubles and back, for columns of numbers.
//!
//! * Out: a decimal becomes the nearest double (`Number(text)` of its exact
//!   text gives the same).
//! * In: a double becomes the shortest decimal that turns back into the
//!   same double, the digits `String(x)` prints: `0.1` is read as `0.1`,
//!   not as the binary fraction `0.1000000000000000055…` the double holds,
//!   so a rule `attainment < 0.7` does not fire for a column holding `0.7`.
//!
//! The Python bindings convert the same way (`bindings-python/src/numbers.rs`).

use rust_decimal::Decimal;

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A decimal as the nearest double: mantissas below 2⁵³ over powers of ten
/// up to 10²² are exact in `f64`, and one division of exact operands rounds
/// correctly; other decimals go through their text.
pub(crate) fn to_f64(d: Decimal) -> f64 {
    let mantissa = d.mantissa();
    match POW10.get(d.scale() as usize) {
        Some(&p) if mantissa.unsigned_abs() < 1 << 53 => mantissa as f64 / p,
        _ => d.to_string().parse().unwrap_or(f64::NAN),
    }
}

/// `x` when it has at most four decimal places (counts, money, rates: the
/// usual facts), without writing its text: the fewest places `s` at which
/// an integer `m` has `m / 10^s == x`. Both are exact in `f64` and one
/// division rounds correctly, so the test is exact; below 2⁵¹ the double's
/// rounding interval is narrower than 10^-s, so at most one `m` fits, and
/// it is `round(x·10^s)` or next to it. Where a neighbour fits instead, or
/// none does, the text decides.
fn few_places(x: f64) -> Option<Decimal> {
    const POW10: [f64; 5] = [1.0, 10.0, 100.0, 1000.0, 10000.0];
    for (s, &p) in POW10.iter().enumerate() {
        let scaled = x * p;
        if scaled.abs() >= 2_251_799_813_685_248.0 {
            return None;
        }
        let r = scaled.round();
        if r / p == x {
            return Some(Decimal::new(r as i64, s as u32));
        }
        if (r - 1.0) / p == x || (r + 1.0) / p == x {
            return None;
        }
    }
    None
}

/// The shortest decimal that turns back into `x` (`None` for NaN, the
/// infinities and magnitudes a decimal cannot hold; more than 28 decimal
/// places are rounded to 28, as a decimal's text is read).
///
/// The digits are the double's shortest round-trip text, as `serde_json`
/// writes it (Ryū: the shortest digits, the closest of them to `x`; what
/// Rust's `{x}` and JavaScript's `String(x)` print too), read back as a
/// mantissa and an exponent.
pub(crate) fn from_f64(x: f64) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    if let Some(d) = few_places(x) {
        return Some(d);
    }
    let mut buffer = [0u8; 32];
    let mut rest = &mut buffer[..];
    serde_json::to_writer(&mut rest, &x).ok()?;
    let len = 32 - rest.len();
    let text = &buffer[..len];
    let (negative, text) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let (digits, exponent) = match text.iter().position(|&b| b == b'e' || b == b'E') {
        Some(e) => (
            &text[..e],
            std::str::from_utf8(&text[e + 1..])
                .ok()?
                .parse::<i32>()
                .ok()?,
        ),
        None => (text, 0),
    };
    let mut mantissa: u64 = 0;
    let mut places: i32 = 0;
    let mut point = false;
    for &b in digits {
        match b {
            b'.' => point = true,
            b'0'..=b'9' => {
                // At most 17 significant digits: no overflow.
                mantissa = mantissa * 10 + u64::from(b - b'0');
                places += i32::from(point);
            }
            _ => return None,
        }
    }
    let scale = places - exponent;
    let value = if scale < 0 {
        let factor = 10i128.checked_pow(scale.unsigned_abs())?;
        Decimal::try_from_i128_with_scale(i128::from(mantissa).checked_mul(factor)?, 0).ok()?
    } else if scale <= 28 {
        Decimal::try_from_i128_with_scale(i128::from(mantissa), scale as u32).ok()?
    } else {
        return slow(x);
    };
    // Trailing zeros of the text's `.0` (`100.0`) are not digits of it.
    let value = if places > 0 && digits.ends_with(b".0") {
        value.normalize()
    } else {
        value
    };
    Some(if negative { -value } else { value })
}

/// The shortest text of `x` in plain digits (Rust's `{x}`), parsed: for
/// numbers finer than 28 places, which the text reading rounds.
fn slow(x: f64) -> Option<Decimal> {
    format!("{x}").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::{from_f64, slow, to_f64};

    #[test]
    fn shortest_decimals() {
        let cases = [
            (0.1, "0.1"),
            (0.7, "0.7"),
            (-2.5, "-2.5"),
            (1e-7, "0.0000001"),
            (123456789.123, "123456789.123"),
            (0.1 + 0.2, "0.30000000000000004"),
            (9007199254740993.0, "9007199254740992"),
            (1e20, "100000000000000000000"),
        ];
        for (x, text) in cases {
            assert_eq!(from_f64(x), Some(text.parse().unwrap()), "{x}");
        }
        assert_eq!(from_f64(f64::NAN), None);
        assert_eq!(from_f64(f64::INFINITY), None);
        assert_eq!(from_f64(1e300), None);
    }

    #[test]
    fn the_fast_path_agrees_with_the_text() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for i in 0..200_000u64 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = match i % 4 {
                0 => f64::from_bits(state >> 2),
                1 => (state % 1_000_000) as f64 / 10f64.powi((i % 9) as i32),
                2 => (state % 10_000) as f64 / 10_000.0,
                _ => (state as f64 / u64::MAX as f64 - 0.5) * 1e6,
            };
            let want = slow(x);
            assert_eq!(from_f64(x), want, "{x:e}");
            if let (Some(d), true) = (want, (1e-10..1e15).contains(&x.abs())) {
                assert_eq!(to_f64(d), x, "{x:e}");
            }
        }
    }
}
