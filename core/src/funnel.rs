//! The reverse funnel and unit economics.
//!
//! From a revenue target back to the deals, opportunities and leads it
//! takes, and the customer economics (CAC, LTV, LTV:CAC, payback) that say
//! whether buying that growth pays.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::error::{Error, Result};

fn bad(name: &str, message: impl Into<String>) -> Error {
    Error::InvalidArgument {
        name: name.into(),
        message: message.into(),
    }
}

fn positive(name: &str, v: Decimal) -> Result<Decimal> {
    if v > Decimal::ZERO {
        Ok(v)
    } else {
        Err(bad(name, format!("{v} must be above zero")))
    }
}

fn rate(name: &str, v: Decimal) -> Result<Decimal> {
    if v > Decimal::ZERO && v <= Decimal::ONE {
        Ok(v)
    } else {
        Err(bad(
            name,
            format!("{v} must be a fraction above 0 and at most 1"),
        ))
    }
}

/// What a revenue target takes at each stage, rounded up to whole units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ReverseFunnel {
    /// Won deals needed.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub deals: Decimal,
    /// Opportunities needed.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub opportunities: Decimal,
    /// Leads needed.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub leads: Decimal,
}

/// Works back from revenue: deals = ⌈target ÷ deal size⌉, opportunities =
/// ⌈deals ÷ win rate⌉, leads = ⌈opportunities ÷ lead-to-opportunity rate⌉.
///
/// ```
/// use salesplan::funnel::reverse_funnel;
/// let f = reverse_funnel(120_000_000.into(), 200_000.into(), "0.28".parse().unwrap(), "0.1".parse().unwrap()).unwrap();
/// assert_eq!((f.deals, f.opportunities, f.leads), (600.into(), 2143.into(), 21430.into()));
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for a non-positive target or deal size, or a
/// rate outside (0, 1].
pub fn reverse_funnel(
    target: Decimal,
    deal_size: Decimal,
    win_rate: Decimal,
    lead_to_opportunity: Decimal,
) -> Result<ReverseFunnel> {
    let target = positive("target", target)?;
    let deal_size = positive("deal_size", deal_size)?;
    let win_rate = rate("win_rate", win_rate)?;
    let lead_rate = rate("lead_to_opportunity", lead_to_opportunity)?;
    let up = |a: Decimal, b: Decimal| {
        a.checked_div(b)
            .map(|x| x.ceil())
            .ok_or_else(|| bad("target", "too large"))
    };
    let deals = up(target, deal_size)?;
    let opportunities = up(deals, win_rate)?;
    let leads = up(opportunities, lead_rate)?;
    Ok(ReverseFunnel {
        deals,
        opportunities,
        leads,
    })
}

/// Heads needed to carry a target: ⌈target ÷ what one head sells⌉, where
/// one head sells quota ÷ 12 × (months − ramp ÷ 2) × (1 − attrition ×
/// months ÷ 24) — the same model as [`crate::capacity`] for a new hire.
///
/// # Errors
/// [`Error::InvalidArgument`] when a head would sell nothing.
pub fn heads_needed(
    target: Decimal,
    quota: Decimal,
    ramp_months: u32,
    attrition: Decimal,
    months: u32,
) -> Result<Decimal> {
    let m = Decimal::from(months);
    let ramp = Decimal::from(ramp_months.min(months));
    let per_head = (quota / Decimal::from(12))
        .checked_mul(m - ramp / Decimal::TWO)
        .and_then(|x| x.checked_mul(Decimal::ONE - attrition * m / Decimal::from(24)))
        .ok_or_else(|| bad("quota", "too large"))?;
    let per_head = positive("sales per head", per_head)?;
    target
        .checked_div(per_head)
        .map(|x| x.ceil())
        .ok_or_else(|| bad("target", "too large"))
}

/// Customer unit economics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct UnitEconomics {
    /// Customer acquisition cost: spend ÷ new customers.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub cac: Decimal,
    /// Lifetime value: yearly revenue per customer × gross margin ÷ yearly churn.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub ltv: Decimal,
    /// LTV ÷ CAC; above 3 is the usual bar.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub ltv_to_cac: Decimal,
    /// Months of gross margin it takes to earn back the CAC.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub payback_months: Decimal,
}

/// Computes CAC, LTV, LTV:CAC and payback, rounded to cents (ratios to four
/// decimals, months to one).
///
/// # Errors
/// [`Error::InvalidArgument`] for zero new customers, revenue, margin or
/// churn, or a margin or churn outside (0, 1].
pub fn unit_economics(
    acquisition_spend: Decimal,
    new_customers: Decimal,
    yearly_revenue_per_customer: Decimal,
    gross_margin: Decimal,
    yearly_churn: Decimal,
) -> Result<UnitEconomics> {
    let new_customers = positive("new_customers", new_customers)?;
    let revenue = positive("yearly_revenue_per_customer", yearly_revenue_per_customer)?;
    let margin = rate("gross_margin", gross_margin)?;
    let churn = rate("yearly_churn", yearly_churn)?;
    let overflow = || bad("amounts", "too large");
    let cac = acquisition_spend
        .checked_div(new_customers)
        .ok_or_else(overflow)?;
    let yearly_margin = revenue.checked_mul(margin).ok_or_else(overflow)?;
    let ltv = yearly_margin.checked_div(churn).ok_or_else(overflow)?;
    let ltv_to_cac = if cac.is_zero() {
        Decimal::ZERO
    } else {
        ltv.checked_div(cac).ok_or_else(overflow)?
    };
    let payback_months = cac
        .checked_mul(Decimal::from(12))
        .and_then(|x| x.checked_div(yearly_margin))
        .ok_or_else(overflow)?;
    Ok(UnitEconomics {
        cac: cac.round_dp(2),
        ltv: ltv.round_dp(2),
        ltv_to_cac: ltv_to_cac.round_dp(4),
        payback_months: payback_months.round_dp(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn reverse_funnel_rounds_up() {
        let f = reverse_funnel(d("1000001"), d("1000"), d("0.5"), d("0.5")).unwrap();
        assert_eq!(
            (f.deals, f.opportunities, f.leads),
            (d("1001"), d("2002"), d("4004"))
        );
        assert!(reverse_funnel(d("1"), d("0"), d("0.5"), d("0.5")).is_err());
        assert!(reverse_funnel(d("1"), d("1"), d("1.5"), d("0.5")).is_err());
    }

    #[test]
    fn heads_for_the_case_study_high_end_goal() {
        // 3,000万 with 400万 quotas, 3 months ramp, 10% attrition: each new
        // head sells 400万 × 10.5/12 × 0.95 = 332.5万, so 10 heads.
        assert_eq!(
            heads_needed(d("30000000"), d("4000000"), 3, d("0.10"), 12).unwrap(),
            d("10")
        );
        assert!(heads_needed(d("1"), d("0"), 0, d("0"), 12).is_err());
    }

    #[test]
    fn unit_economics_of_the_baseline() {
        // FY2025: 2,000万 spend, 300 new customers; 33万 a customer a year
        // at 60% margin and 15% churn.
        let u = unit_economics(d("20000000"), d("300"), d("330000"), d("0.6"), d("0.15")).unwrap();
        assert_eq!(u.cac, d("66666.67"));
        assert_eq!(u.ltv, d("1320000"));
        assert_eq!(u.ltv_to_cac, d("19.8"));
        assert_eq!(u.payback_months, d("4.0"));
    }
}
