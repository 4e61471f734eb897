//! Phasing a goal's target over the plan's periods by its seasonality.
//!
//! Without seasonality a target is spread evenly: in equal parts over
//! calendar months and quarters, and by days over ISO weeks and the
//! periods of a retail calendar, so that a week clipped to the plan gets
//! its days' share and a five-week month a fifth more than a four-week
//! one.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::allocate;
use crate::calendar::{Granularity, Period};
use crate::error::{Error, Result};
use crate::plan::{Goal, Plan};

/// A goal's target for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PeriodTarget {
    /// The period's name (`"2026-03"`).
    pub period: String,
    /// First day of the period, clipped to the plan.
    pub start: NaiveDate,
    /// Last day of the period, clipped to the plan.
    pub end: NaiveDate,
    /// Target for the period.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub target: Decimal,
}

impl Plan {
    /// Whether an even spread over the plan's periods goes by days (weeks,
    /// retail periods) rather than in equal parts (calendar months and
    /// quarters).
    pub fn phases_by_days(&self) -> bool {
        self.period.granularity == Granularity::Week || self.period.calendar.is_some()
    }

    /// The weight of each of the plan's periods in an even spread: 1 each
    /// for calendar months and quarters; for weeks and retail periods the
    /// days of the period within the plan.
    pub fn even_weights(&self) -> Vec<Decimal> {
        let periods = self.periods();
        if !self.phases_by_days() {
            return vec![Decimal::ONE; periods.len()];
        }
        let cal = self.calendar();
        periods
            .iter()
            .map(|p| {
                let start = cal.start(*p).max(self.period.start);
                let end = cal.end(*p).min(self.period.end);
                Decimal::from((end - start).num_days().max(0) + 1)
            })
            .collect()
    }

    /// The weight of each of the plan's periods by a map keyed by period
    /// name (a goal's seasonality, a budget line's phasing; periods it does
    /// not name weigh 0), or [`Plan::even_weights`] when the map is empty.
    pub fn phasing_weights(&self, map: &BTreeMap<String, Decimal>) -> Vec<Decimal> {
        if map.is_empty() {
            return self.even_weights();
        }
        self.periods()
            .iter()
            .map(|p| map.get(&p.to_string()).copied().unwrap_or_default())
            .collect()
    }

    /// Splits a goal's target over the plan's periods by its seasonality
    /// weights (an even split when it has none, see
    /// [`Plan::even_weights`]), in cents, so that the
    /// periods sum to the target exactly; see [`allocate`] for how the cents
    /// left by rounding are placed.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the goal has no target or its weights
    /// cannot be used (all zero, negative).
    pub fn phase_goal(&self, goal: &Goal) -> Result<Vec<PeriodTarget>> {
        let target = self
            .goal_target(goal)
            .ok_or_else(|| Error::InvalidArgument {
                name: "goal".into(),
                message: format!("goal {} has no target to phase", goal.id),
            })?;
        let periods = self.periods();
        let names: Vec<String> = periods.iter().map(Period::to_string).collect();
        let weights = self.phasing_weights(&goal.seasonality);
        let parts = allocate(target, &weights, 2)?;
        let cal = self.calendar();
        Ok(periods
            .iter()
            .zip(names)
            .zip(parts)
            .map(|((p, period), target)| PeriodTarget {
                period,
                start: cal.start(*p).max(self.period.start),
                end: cal.end(*p).min(self.period.end),
                target,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use crate::example_plan;
    use rust_decimal::Decimal;

    #[test]
    fn case_study_revenue_phases_by_seasonality() {
        let plan = example_plan();
        let phases = plan.phase_goal(plan.goal("G-REV").unwrap()).unwrap();
        assert_eq!(phases.len(), 12);
        assert_eq!(phases[1].period, "2026-02");
        assert_eq!(phases[1].target, Decimal::from(6_000_000));
        assert_eq!(phases[11].target, Decimal::from(14_400_000));
        assert_eq!(
            phases.iter().map(|p| p.target).sum::<Decimal>(),
            Decimal::from(120_000_000)
        );
    }

    #[test]
    fn goal_without_seasonality_is_even() {
        let plan = example_plan();
        let mut goal = plan.goal("G-HIGH").unwrap().clone();
        goal.seasonality.clear();
        let phases = plan.phase_goal(&goal).unwrap();
        assert!(phases.iter().all(|p| p.target == Decimal::from(2_500_000)));
    }
}
