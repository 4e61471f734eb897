//! Why revenue differs from plan: lead volume, conversion and deal size.
//!
//! Revenue is leads × conversion × average deal size, where conversion is
//! won deals ÷ leads and deal size is revenue ÷ won deals. The variance
//! between an actual and a planned funnel is split by chain substitution,
//! replacing one factor at a time in funnel order:
//!
//! ```text
//! volume     = (L₁ − L₀) × c₀ × s₀
//! conversion = L₁ × (c₁ − c₀) × s₀
//! deal size  = L₁ × c₁ × (s₁ − s₀)
//! ```
//!
//! In exact arithmetic the three sum to R₁ − R₀. Decimal division rounds
//! at the 28th digit, so the first two are rounded to cents and the deal-size
//! effect is the rest of the variance: the effects sum to the variance
//! exactly, and the deal-size effect is within a cent of its formula.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One side of a revenue funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funnel {
    /// Leads (or opportunities, for a shorter funnel).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub leads: Decimal,
    /// Won deals.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub won: Decimal,
    /// Revenue.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub revenue: Decimal,
}

/// The variance split into effects that sum to it exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct GapEffects {
    /// actual − planned revenue.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub variance: Decimal,
    /// Due to more or fewer leads.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub volume: Decimal,
    /// Due to converting a larger or smaller share of leads.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub conversion: Decimal,
    /// Due to larger or smaller deals.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub deal_size: Decimal,
}

/// The names [`GapEffects::biggest`] gives.
pub(crate) fn effect_name_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "enum": ["volume", "conversion", "deal_size"] })
}

impl GapEffects {
    /// The effect with the largest magnitude, by name (`"volume"`,
    /// `"conversion"` or `"deal_size"`); a tie goes to the later effect in
    /// funnel order, the one closer to the revenue.
    pub fn biggest(&self) -> &'static str {
        let effects = [
            ("volume", self.volume),
            ("conversion", self.conversion),
            ("deal_size", self.deal_size),
        ];
        effects
            .iter()
            .max_by_key(|(_, v)| v.abs())
            .map_or("volume", |(n, _)| n)
    }
}

/// Splits the revenue variance between a planned and an actual funnel.
///
/// # Errors
/// [`Error::InvalidArgument`] when the planned funnel has no leads or no won
/// deals (its ratios are undefined); [`Error::Overflow`] when a difference
/// or a product is beyond what a decimal holds.
pub fn decompose(planned: Funnel, actual: Funnel) -> Result<GapEffects> {
    let bad = |message: &str| Error::InvalidArgument {
        name: "funnel".into(),
        message: message.into(),
    };
    if planned.leads <= Decimal::ZERO || planned.won <= Decimal::ZERO {
        return Err(bad("the planned funnel needs leads and won deals"));
    }
    let ratio = |a: Decimal, b: Decimal| {
        if b.is_zero() {
            Some(Decimal::ZERO)
        } else {
            a.checked_div(b)
        }
    };
    let overflow = || Error::Overflow {
        what: "gap".into(),
        message: "the funnel's numbers are beyond what a decimal holds".into(),
    };
    let sub = |a: Decimal, b: Decimal| a.checked_sub(b).ok_or_else(overflow);
    let c0 = ratio(planned.won, planned.leads).ok_or_else(overflow)?;
    let s0 = ratio(planned.revenue, planned.won).ok_or_else(overflow)?;
    let c1 = ratio(actual.won, actual.leads).ok_or_else(overflow)?;
    let variance = sub(actual.revenue, planned.revenue)?;
    let volume = sub(actual.leads, planned.leads)?
        .checked_mul(c0)
        .and_then(|x| x.checked_mul(s0))
        .ok_or_else(overflow)?
        .round_dp(2);
    let conversion = actual
        .leads
        .checked_mul(sub(c1, c0)?)
        .and_then(|x| x.checked_mul(s0))
        .ok_or_else(overflow)?
        .round_dp(2);
    let deal_size = sub(sub(variance, volume)?, conversion)?;
    Ok(GapEffects {
        variance,
        volume,
        conversion,
        deal_size,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn conversion_shortfall_explains_the_gap() {
        // Plan: 1,000 leads, 250 won at 200,000 each. Actual: same leads,
        // 220 won at 200,000: the whole 6M gap is conversion.
        let planned = Funnel {
            leads: d("1000"),
            won: d("250"),
            revenue: d("50000000"),
        };
        let actual = Funnel {
            leads: d("1000"),
            won: d("220"),
            revenue: d("44000000"),
        };
        let g = decompose(planned, actual).unwrap();
        assert_eq!(g.variance, d("-6000000"));
        assert_eq!(
            (g.volume, g.conversion, g.deal_size),
            (d("0"), d("-6000000"), d("0"))
        );
        assert_eq!(g.biggest(), "conversion");
    }

    #[test]
    fn three_effects() {
        let planned = Funnel {
            leads: d("100"),
            won: d("10"),
            revenue: d("1000"),
        };
        let actual = Funnel {
            leads: d("120"),
            won: d("15"),
            revenue: d("1800"),
        };
        let g = decompose(planned, actual).unwrap();
        assert_eq!(g.volume, d("200"));
        assert_eq!(g.conversion, d("300"));
        assert_eq!(g.deal_size, d("300"));
    }

    #[test]
    fn planned_funnel_must_be_usable() {
        let zero = Funnel {
            leads: d("0"),
            won: d("0"),
            revenue: d("0"),
        };
        assert!(decompose(zero, zero).is_err());
    }

    proptest! {
        #[test]
        fn effects_sum_exactly_to_the_variance(
            l0 in 1u32..100_000, w0 in 1u32..10_000, r0 in 1i64..100_000_000_000,
            l1 in 0u32..100_000, w1 in 0u32..10_000, r1 in 0i64..100_000_000_000,
        ) {
            let planned = Funnel { leads: l0.into(), won: w0.into(), revenue: Decimal::new(r0, 2) };
            let actual = Funnel { leads: l1.into(), won: w1.into(), revenue: Decimal::new(r1, 2) };
            let g = decompose(planned, actual).unwrap();
            prop_assert_eq!(g.volume + g.conversion + g.deal_size, g.variance);
            // The residual is the chain-substitution deal-size effect, to a cent.
            if w1 > 0 && l1 > 0 {
                let c1 = actual.won / actual.leads;
                let s1 = actual.revenue / actual.won;
                let s0 = planned.revenue / planned.won;
                let formula = actual.leads * c1 * (s1 - s0);
                prop_assert!((g.deal_size - formula).abs() <= d("0.011"), "{} vs {}", g.deal_size, formula);
            }
        }
    }
}
