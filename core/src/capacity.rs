//! Sales capacity: what the headcount can sell in the plan period.

use rust_decimal::Decimal;

use crate::calendar::Granularity;
use crate::plan::{Headcount, Plan};

/// What one headcount line can sell over `months` months:
///
/// ```text
/// quota ÷ 12 × (heads × months − new_hires × min(ramp_months, months) ÷ 2)
///           × (1 − attrition × months ÷ 12 ÷ 2)
/// ```
///
/// New hires ramp linearly from zero, so a ramp of R months costs R ÷ 2
/// months of quota; leavers go evenly through the period and are not
/// replaced, so on average half the period's attrition is missing.
/// `None` when the line has no quota, or the amount overflows.
pub fn headcount_capacity(h: &Headcount, months: u32) -> Option<Decimal> {
    let quota = h.quota?;
    let m = Decimal::from(months);
    let ramp = Decimal::from(h.ramp_months.min(months));
    let head_months = Decimal::from(h.heads) * m - Decimal::from(h.new_hires) * ramp / Decimal::TWO;
    let attrition =
        h.attrition.unwrap_or_default().checked_mul(m)? / Decimal::from(12) / Decimal::TWO;
    (quota / Decimal::from(12))
        .checked_mul(head_months)?
        .checked_mul(Decimal::ONE - attrition)
}

impl Plan {
    /// Number of calendar months the plan period touches.
    pub fn months(&self) -> u32 {
        let n = self
            .calendar()
            .periods(self.period.start, self.period.end, Granularity::Month)
            .len();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// Total selling capacity of the headcount lines that have a quota,
    /// rounded to cents; `None` when no line has a quota.
    pub fn sales_capacity(&self) -> Option<Decimal> {
        let months = self.months();
        let mut lines = self
            .resources
            .headcount
            .iter()
            .filter_map(|h| headcount_capacity(h, months))
            .peekable();
        lines.peek()?;
        lines
            .try_fold(Decimal::ZERO, |acc, c| acc.checked_add(c))
            .map(|c| c.round_dp(2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(heads: u32, new_hires: u32, ramp: u32, attrition: &str) -> Headcount {
        Headcount {
            id: "H".into(),
            role: "AE".into(),
            team: None,
            segment: None,
            heads,
            new_hires,
            quota: Some(Decimal::from(1_200_000)),
            ramp_months: ramp,
            attrition: Some(attrition.parse().unwrap()),
            cost_per_head: None,
        }
    }

    #[test]
    fn full_year_without_ramp_or_attrition_is_heads_times_quota() {
        assert_eq!(
            headcount_capacity(&line(10, 0, 3, "0"), 12),
            Some(Decimal::from(12_000_000))
        );
    }

    #[test]
    fn ramp_and_attrition_reduce_capacity() {
        // 10 new hires ramping 3 months lose 1.5 months each: 105 head-months;
        // 10% attrition over the year removes 5% on average.
        let c = headcount_capacity(&line(10, 10, 3, "0.10"), 12).unwrap();
        assert_eq!(
            c,
            Decimal::from(100_000) * Decimal::from(105) * "0.95".parse::<Decimal>().unwrap()
        );
    }

    #[test]
    fn no_quota_no_capacity() {
        let mut h = line(1, 0, 0, "0");
        h.quota = None;
        assert_eq!(headcount_capacity(&h, 12), None);
    }
}
