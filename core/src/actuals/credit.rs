//! Split credit: one row of actuals shared between several values of a
//! dimension, such as two reps who closed a deal together.
//!
//! A row's `credit` cell names one dimension and the shares of its values:
//! `rep=a:0.6;rep=b:0.4`. Each share is an exact decimal above 0 and at
//! most 1, the shares total exactly 1, and each value is named once. At
//! load the row becomes one row per share, in the cell's order, with the
//! dimension's tag set to the named value (replacing any tag the row had
//! for it) and the other tags kept.
//!
//! # How the value is split
//!
//! Each part is first the exact share `value × share`, cut toward zero to
//! the cent, or to the value's own number of decimals when it has more
//! than two. The cuts leave a few units of the last decimal; they go one
//! each to the parts whose cut lost the most, ties to the earlier part
//! (the largest-remainder rule of [`crate::decompose::allocate`]). The
//! parts therefore add up exactly to the value, and the company total
//! counts the row once.
//!
//! # Aggregates other than sums
//!
//! A split row is stored as its parts, and every aggregate of the KPI
//! formulas sees the parts: `sum` is unchanged at every level that holds
//! all of them (the company), while `count` counts each part as an
//! observation (a row split between two reps counts twice at the company
//! and once for each rep), and `avg`, `min`, `max` and `last` read the
//! parts' values. Give count measures (`won_deals`) a `credit` only when
//! that is what is meant, or keep the credit on money measures.

use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

/// One row's credit: a dimension and each value's share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    /// The dimension shared (`rep`).
    pub dimension: String,
    /// Each value with its share, in the cell's order; the shares total 1.
    pub shares: Vec<(String, Decimal)>,
}

impl FromStr for Credit {
    type Err = String;

    /// Reads a cell `rep=a:0.6;rep=b:0.4`; the error says what is wrong.
    fn from_str(cell: &str) -> Result<Credit, String> {
        let mut dimension: Option<&str> = None;
        let mut shares: Vec<(String, Decimal)> = Vec::new();
        for part in cell.split(';') {
            let part = part.trim();
            let Some((tag, share)) = part.rsplit_once(':') else {
                return Err(format!(
                    "{part:?} is not dimension=value:share (as in rep=a:0.6;rep=b:0.4)"
                ));
            };
            let Some((dim, value)) = tag.split_once('=') else {
                return Err(format!(
                    "{part:?} is not dimension=value:share (as in rep=a:0.6;rep=b:0.4)"
                ));
            };
            let (dim, value) = (dim.trim(), value.trim());
            if dim.is_empty() || value.is_empty() {
                return Err(format!("{part:?} needs a dimension and a value"));
            }
            if dim == "credit" || dim == "currency" {
                return Err(format!("`{dim}` is not a dimension that credit can split"));
            }
            match dimension {
                None => dimension = Some(dim),
                Some(first) if first != dim => {
                    return Err(format!(
                        "one cell splits one dimension, but it names {first} and {dim}"
                    ))
                }
                Some(_) => {}
            }
            if shares.iter().any(|(v, _)| v == value) {
                return Err(format!("{dim}={value} is named twice"));
            }
            let share = Decimal::from_str(share.trim())
                .map_err(|_| format!("the share {share:?} of {dim}={value} is not a decimal"))?;
            if share <= Decimal::ZERO || share > Decimal::ONE {
                return Err(format!(
                    "the share {share} of {dim}={value} is not above 0 and at most 1"
                ));
            }
            shares.push((value.to_owned(), share));
        }
        let total = shares
            .iter()
            .try_fold(Decimal::ZERO, |sum, (_, s)| sum.checked_add(*s));
        if total != Some(Decimal::ONE) {
            let total = total.map_or_else(|| "more than a decimal holds".into(), |t| t.to_string());
            return Err(format!("the shares total {total}, not exactly 1"));
        }
        Ok(Credit {
            dimension: dimension.unwrap_or_default().to_owned(),
            shares,
        })
    }
}

impl Credit {
    /// `value` split by the shares, in their order, at the cent or the
    /// value's own scale when it has more decimals; the parts add up to
    /// `value` exactly. `None` when a share of the value is beyond what a
    /// decimal holds exactly.
    pub fn split(&self, value: Decimal) -> Option<Vec<Decimal>> {
        split(value, self.shares.iter().map(|(_, s)| *s))
    }
}

/// `value` split by `shares` (which total 1) by the largest-remainder
/// rule; see the [module docs](self).
fn split(value: Decimal, shares: impl Iterator<Item = Decimal>) -> Option<Vec<Decimal>> {
    let scale = value.scale().max(2);
    let unit = Decimal::new(1, scale);
    let magnitude = value.abs();
    let mut parts = Vec::new();
    let mut losses = Vec::new();
    for share in shares {
        let exact = magnitude.checked_mul(share)?;
        let mut cut = exact.round_dp_with_strategy(scale, RoundingStrategy::ToZero);
        // Every part written with the split's decimals: 50.00, not 50.0.
        cut.rescale(scale);
        parts.push(cut);
        losses.push(exact.checked_sub(cut)?);
    }
    let allocated = parts
        .iter()
        .try_fold(Decimal::ZERO, |sum, p| sum.checked_add(*p))?;
    let leftover = magnitude.checked_sub(allocated)?.checked_div(unit)?;
    if leftover.fract() != Decimal::ZERO || leftover > Decimal::from(parts.len()) {
        return None;
    }
    let leftover = usize::try_from(leftover.mantissa()).ok()?;
    let mut order: Vec<usize> = (0..parts.len()).collect();
    // Largest loss first; the sort is stable, so ties keep the cell's order.
    order.sort_by(|&a, &b| losses[b].cmp(&losses[a]));
    for &i in order.iter().take(leftover) {
        parts[i] = parts[i].checked_add(unit)?;
    }
    let total = parts
        .iter()
        .try_fold(Decimal::ZERO, |sum, p| sum.checked_add(*p))?;
    if total != magnitude {
        return None;
    }
    if value.is_sign_negative() {
        parts.iter_mut().for_each(|p| *p = -*p);
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn reads_a_cell() {
        let c: Credit = " rep=a:0.6 ; rep = b : 0.4".parse().unwrap();
        assert_eq!(c.dimension, "rep");
        assert_eq!(c.shares, [("a".into(), d("0.6")), ("b".into(), d("0.4"))]);
        let whole: Credit = "region=east:1".parse().unwrap();
        assert_eq!(whole.shares.len(), 1);
        // A value may hold a colon; the share is after the last one.
        let c: Credit = "rep=li:wei:0.5;rep=wang:0.5".parse().unwrap();
        assert_eq!(c.shares[0].0, "li:wei");
    }

    #[test]
    fn refuses_bad_cells_saying_why() {
        let why = |cell: &str| cell.parse::<Credit>().unwrap_err();
        assert!(why("rep=a").contains("not dimension=value:share"));
        assert!(why("a:0.5;rep=b:0.5").contains("not dimension=value:share"));
        assert!(why("rep=:1").contains("needs a dimension and a value"));
        assert!(why("rep=a:0.6;rep=b:0.3").contains("total 0.9, not exactly 1"));
        assert!(why("rep=a:0.6;rep=b:0.5").contains("total 1.1"));
        assert!(why("rep=a:1;rep=b:0").contains("share 0 of rep=b"));
        assert!(why("rep=a:1.5;rep=b:-0.5").contains("not above 0 and at most 1"));
        assert!(why("rep=a:0.5;region=b:0.5").contains("names rep and region"));
        assert!(why("rep=a:0.5;rep=a:0.5").contains("rep=a is named twice"));
        assert!(why("rep=a:half;rep=b:0.5").contains("is not a decimal"));
        assert!(why("rep=a:0.5;rep=b:0.5;").contains("not dimension=value:share"));
        assert!(why("currency=USD:1").contains("not a dimension"));
    }

    #[test]
    fn splits_to_the_cent_by_largest_remainder() {
        let c = |cell: &str| cell.parse::<Credit>().unwrap();
        let thirds = c("rep=a:0.3333;rep=b:0.3333;rep=c:0.3334");
        assert_eq!(
            thirds.split(d("100")).unwrap(),
            [d("33.33"), d("33.33"), d("33.34")]
        );
        let halves = c("rep=a:0.5;rep=b:0.5");
        assert_eq!(halves.split(d("0.01")).unwrap(), [d("0.01"), d("0.00")]);
        assert_eq!(halves.split(d("-0.03")).unwrap(), [d("-0.02"), d("-0.01")]);
        // More decimals than cents: the value's own scale.
        assert_eq!(halves.split(d("1.001")).unwrap(), [d("0.501"), d("0.500")]);
        let sixty = c("rep=a:0.6;rep=b:0.4");
        assert_eq!(sixty.split(d("3")).unwrap(), [d("1.80"), d("1.20")]);
    }

    fn cell_shares() -> impl Strategy<Value = Vec<Decimal>> {
        // Positive integer weights, turned into shares of at most 6
        // decimals that total exactly 1.
        proptest::collection::vec(1u32..1000, 1..8).prop_map(|weights| {
            let total: u32 = weights.iter().sum();
            let mut shares: Vec<Decimal> = weights
                .iter()
                .map(|&w| {
                    (Decimal::from(w) / Decimal::from(total))
                        .round_dp_with_strategy(6, RoundingStrategy::ToZero)
                })
                .collect();
            let rest = Decimal::ONE - shares.iter().copied().sum::<Decimal>();
            shares[0] += rest;
            shares
        })
    }

    proptest! {
        /// The parts add up exactly to the value, each has the split's
        /// scale at most, and each is within one unit of its exact share.
        #[test]
        fn parts_sum_exactly_to_the_value(
            mantissa in prop_oneof![any::<i64>().prop_map(i128::from), -100_000i128..100_000],
            scale in 0u32..6,
            shares in cell_shares(),
        ) {
            let value = Decimal::from_i128_with_scale(mantissa, scale);
            let cell: Vec<String> = shares.iter().enumerate().map(|(i, s)| format!("rep=r{i}:{s}")).collect();
            let credit: Credit = cell.join(";").parse().unwrap();
            let parts = credit.split(value).unwrap();
            prop_assert_eq!(parts.len(), shares.len());
            prop_assert_eq!(parts.iter().copied().sum::<Decimal>(), value);
            let split_scale = scale.max(2);
            let unit = Decimal::new(1, split_scale);
            for (part, share) in parts.iter().zip(&shares) {
                prop_assert!(part.scale() <= split_scale);
                prop_assert!((*part - value * *share).abs() < unit);
                prop_assert!(part.is_zero() || part.is_sign_negative() == value.is_sign_negative());
            }
        }
    }
}
