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

/// Integers below this in magnitude are exact in `f64`.
const EXACT: f64 = 9_007_199_254_740_992.0;

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

/// The shortest decimal that turns back into `x` (`None` for NaN, the
/// infinities and magnitudes a decimal cannot hold).
///
/// The fast path looks for the fewest decimal places `s` at which some
/// integer `m` has `m / 10^s == x` (exact integers and one correctly
/// rounded division, so the test is exact). Any such `m` lies within two of
/// `round(x·10^s)` while `x·10^s` is below 2⁵³, so trying those five finds
/// the fewest places. When two of them fit, or the number is too large or
/// too fine for the fast path, the double's shortest text (which Rust, like
/// JavaScript, writes) is parsed instead.
pub(crate) fn from_f64(x: f64) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    for (s, &p) in POW10.iter().enumerate().take(18) {
        let scaled = x * p;
        if scaled.abs() >= EXACT {
            break;
        }
        let r = scaled.round();
        let mut found = None;
        let mut fits = 0;
        for m in [r - 2.0, r - 1.0, r, r + 1.0, r + 2.0] {
            if m.abs() < EXACT && m / p == x {
                found = Some(m);
                fits += 1;
            }
        }
        match (found, fits) {
            (Some(m), 1) => return Some(Decimal::new(m as i64, s as u32)),
            (Some(_), _) => break,
            _ => {}
        }
    }
    slow(x)
}

/// The shortest text of `x`, parsed.
fn slow(x: f64) -> Option<Decimal> {
    let text = format!("{x}");
    text.parse::<Decimal>().ok()
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
