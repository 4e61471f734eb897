//! Phasing a goal's target over the plan's periods by its seasonality.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::allocate;
use crate::calendar::Period;
use crate::error::{Error, Result};
use crate::plan::{Goal, Plan};

/// A goal's target for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodTarget {
    /// The period's name (`"2026-03"`).
    pub period: String,
    /// First day of the period, clipped to the plan.
    pub start: NaiveDate,
    /// Last day of the period, clipped to the plan.
    pub end: NaiveDate,
    /// Target for the period.
    #[serde(with = "crate::plan::dec")]
    pub target: Decimal,
}

impl Plan {
    /// Splits a goal's target over the plan's periods by its seasonality
    /// weights (an even split when it has none), in cents, so that the
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
        let weights: Vec<Decimal> = if goal.seasonality.is_empty() {
            vec![Decimal::ONE; periods.len()]
        } else {
            names
                .iter()
                .map(|n| goal.seasonality.get(n).copied().unwrap_or_default())
                .collect()
        };
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
