//! Splitting an amount by weights so that the parts add up exactly.
//!
//! # The remainder rule
//!
//! Each part is first the exact share `total × weight ÷ Σ weights`, cut
//! toward zero to `scale` decimals (cents for `scale = 2`). The cuts leave a
//! remainder of whole units of the last decimal (a few cents). Those units
//! go, one each, to the parts whose cut lost the most; ties go to the earlier
//! part. This is the largest-remainder (Hamilton) method: every part is
//! within one unit of its exact share, and the parts always sum to the
//! total.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, Result};

/// Splits `total` into parts proportional to `weights`, each with at most
/// `scale` decimals, summing exactly to `total` rounded to `scale`.
///
/// ```
/// use salesplan::decompose::allocate;
/// let parts = allocate("100.00".parse().unwrap(), &[1.into(), 1.into(), 1.into()], 2).unwrap();
/// assert_eq!(parts, ["33.34".parse().unwrap(), "33.33".parse().unwrap(), "33.33".parse().unwrap()]);
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when there are no weights, a weight is
/// negative, the weights sum to zero, or `scale` is above 10;
/// [`Error::Overflow`] when the weights or a share are beyond what a
/// decimal holds, or the total is too large to split exactly at `scale`
/// decimals.
pub fn allocate(total: Decimal, weights: &[Decimal], scale: u32) -> Result<Vec<Decimal>> {
    let overflow = |what: &str| Error::Overflow {
        what: "allocation".into(),
        message: format!("{what} is beyond what a decimal holds exactly"),
    };
    let bad = |message: String| Error::InvalidArgument {
        name: "weights".into(),
        message,
    };
    if weights.is_empty() {
        return Err(bad("there is nothing to allocate to".into()));
    }
    if let Some(w) = weights
        .iter()
        .find(|w| w.is_sign_negative() && !w.is_zero())
    {
        return Err(bad(format!("weight {w} is negative")));
    }
    if scale > 10 {
        return Err(Error::InvalidArgument {
            name: "scale".into(),
            message: format!("{scale} decimals is too many"),
        });
    }
    let sum = weights
        .iter()
        .try_fold(Decimal::ZERO, |a, w| a.checked_add(*w))
        .ok_or_else(|| overflow("the sum of the weights"))?;
    if sum.is_zero() {
        return Err(bad("the weights sum to zero".into()));
    }
    let total = total.round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero);
    let negative = total.is_sign_negative();
    let magnitude = total.abs();
    let unit = Decimal::new(1, scale);

    let mut parts = Vec::with_capacity(weights.len());
    let mut losses = Vec::with_capacity(weights.len());
    for w in weights {
        // total × w ÷ sum, computed so that an exact share stays exact.
        let exact = magnitude
            .checked_mul(*w)
            .and_then(|x| x.checked_div(sum))
            .or_else(|| (magnitude / sum).checked_mul(*w))
            .ok_or_else(|| overflow("a share"))?;
        let cut = exact.round_dp_with_strategy(scale, RoundingStrategy::ToZero);
        parts.push(cut);
        losses.push(exact - cut);
    }
    let sum_of = |parts: &[Decimal]| {
        parts
            .iter()
            .try_fold(Decimal::ZERO, |a, p| a.checked_add(*p))
    };
    // Near the largest decimal a share cannot always keep `scale` places,
    // and the cut parts miss the total by more than one unit each: there
    // is no exact split then.
    let not_exact = || overflow("the total at this scale");
    let allocated = sum_of(&parts).ok_or_else(not_exact)?;
    let leftover = magnitude
        .checked_sub(allocated)
        .and_then(|l| l.checked_div(unit))
        .and_then(|l| l.round().to_usize())
        .filter(|&l| l <= parts.len())
        .ok_or_else(not_exact)?;
    let mut order: Vec<usize> = (0..parts.len()).collect();
    // Largest loss first; the sort is stable, so ties keep period order.
    order.sort_by(|&a, &b| losses[b].cmp(&losses[a]));
    for &i in order.iter().take(leftover) {
        parts[i] = parts[i].checked_add(unit).ok_or_else(not_exact)?;
    }
    if sum_of(&parts) != Some(magnitude) {
        return Err(not_exact());
    }
    if negative {
        parts.iter_mut().for_each(|p| *p = -*p);
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn splits_evenly_and_by_weight() {
        let even = allocate(d("1200"), &[Decimal::ONE; 12], 2).unwrap();
        assert!(even.iter().all(|p| *p == d("100")));
        let w = allocate(d("100"), &[d("0.06"), d("0.05"), d("0.89")], 2).unwrap();
        assert_eq!(w, [d("6"), d("5"), d("89")]);
    }

    #[test]
    fn remainder_goes_to_the_largest_losses_then_earliest() {
        assert_eq!(
            allocate(d("0.05"), &[Decimal::ONE; 3], 2).unwrap(),
            [d("0.02"), d("0.02"), d("0.01")]
        );
        assert_eq!(
            allocate(d("10"), &[d("1"), d("2")], 2).unwrap(),
            [d("3.33"), d("6.67")]
        );
        assert_eq!(
            allocate(d("-100"), &[Decimal::ONE; 3], 2).unwrap(),
            [d("-33.34"), d("-33.33"), d("-33.33")]
        );
    }

    #[test]
    fn zero_weights_get_nothing() {
        assert_eq!(
            allocate(d("10"), &[d("0"), d("1")], 2).unwrap(),
            [d("0"), d("10")]
        );
    }

    #[test]
    fn refuses_bad_weights() {
        assert!(allocate(d("1"), &[], 2).is_err());
        assert!(allocate(d("1"), &[d("0"), d("0")], 2).is_err());
        assert!(allocate(d("1"), &[d("-1"), d("2")], 2).is_err());
    }

    proptest! {
        #[test]
        fn parts_sum_exactly_and_stay_within_one_unit(
            cents in -10_000_000_000_000i64..10_000_000_000_000,
            weights in prop::collection::vec(0u32..1_000_000, 1..40),
        ) {
            prop_assume!(weights.iter().any(|w| *w > 0));
            let total = Decimal::new(cents, 2);
            let w: Vec<Decimal> = weights.iter().map(|w| Decimal::from(*w) / Decimal::from(1000)).collect();
            let parts = allocate(total, &w, 2).unwrap();
            prop_assert_eq!(parts.iter().sum::<Decimal>(), total);
            let sum: Decimal = w.iter().sum();
            for (p, wi) in parts.iter().zip(&w) {
                prop_assert!(p.scale() <= 2);
                let exact = total * *wi / sum;
                prop_assert!((*p - exact).abs() < d("0.01"), "{} vs {}", p, exact);
            }
        }
    }
}
