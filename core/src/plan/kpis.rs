//! KPIs (绩效评估): what is measured, which way is better, and the targets.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dec::DecimalString;
use super::ids::{GoalId, KpiId};

/// A KPI definition. The formula is written over measures in the KPI
/// formula language (see [`crate::formula`]), e.g.
/// `sum(won_deals) / sum(opportunities)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// Unique among the KPIs.
    pub id: KpiId,
    /// Name.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The unit of the KPI's value.
    pub unit: KpiUnit,
    /// Which way is better.
    pub direction: Direction,
    /// How the value is computed from measures.
    pub formula: String,
    /// The goal the KPI measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalId>,
    /// Dimension tags the measures are filtered by (`{"segment": "high-end"}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub filter: BTreeMap<String, String>,
    /// Target for the whole plan period.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub target: Option<Decimal>,
    /// Targets for single periods (`"2026-Q3"`), overriding `target` there.
    #[serde(
        default,
        with = "super::dec::map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    #[schemars(with = "BTreeMap<String, DecimalString>")]
    pub targets: BTreeMap<String, Decimal>,
    /// When the KPI counts as on track, at risk or off track.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<Thresholds>,
    /// Weight in the scorecard, as a fraction.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub weight: Option<Decimal>,
}

/// Units of KPI values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KpiUnit {
    /// An amount in the plan currency.
    Money,
    /// A count of things.
    Count,
    /// A fraction (0.25 is 25%).
    Ratio,
    /// A score on a scale (satisfaction 1–5, NPS).
    Score,
    /// A number of days.
    Days,
}

/// Which way a KPI is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better (revenue, conversion).
    HigherIsBetter,
    /// Less is better (CAC, churn).
    LowerIsBetter,
}

/// Decimal places of an attainment (`1.0125` is 101.25%).
pub const ATTAINMENT_DECIMALS: u32 = 4;

impl Direction {
    /// Direction-aware attainment, above 1 when good: actual ÷ target when
    /// more is better, target ÷ actual when less is, rounded to
    /// [`ATTAINMENT_DECIMALS`] places with banker's rounding. `None` when
    /// the divisor is zero or the quotient is beyond a decimal.
    ///
    /// Every attainment of the crate (evaluation, rule facts, rollups) is
    /// this one.
    ///
    /// ```
    /// use rust_decimal::Decimal;
    /// use salesplan::plan::Direction;
    ///
    /// let (a, t) = (Decimal::from(81), Decimal::from(80));
    /// assert_eq!(Direction::HigherIsBetter.attainment(a, t), Some(Decimal::new(10125, 4)));
    /// assert_eq!(Direction::LowerIsBetter.attainment(t, a), Some(Decimal::new(10125, 4)));
    /// assert_eq!(Direction::HigherIsBetter.attainment(a, Decimal::ZERO), None);
    /// ```
    pub fn attainment(self, actual: Decimal, target: Decimal) -> Option<Decimal> {
        let (num, den) = match self {
            Direction::HigherIsBetter => (actual, target),
            Direction::LowerIsBetter => (target, actual),
        };
        Some(num.checked_div(den)?.round_dp(ATTAINMENT_DECIMALS))
    }
}

/// Status thresholds.
///
/// With `basis: "attainment"` (the default) they are fractions of the target
/// reached, where attainment is actual ÷ target for higher-is-better KPIs
/// and target ÷ actual for lower-is-better ones; so `on_track` must be above
/// `off_track` either way. With `basis: "value"` they are KPI values: for a
/// higher-is-better KPI `on_track` is above `off_track`, for a
/// lower-is-better KPI below it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// What the thresholds are measured in.
    #[serde(default)]
    pub basis: ThresholdBasis,
    /// At or past this, the KPI is on track.
    #[serde(with = "super::dec")]
    #[schemars(with = "DecimalString")]
    pub on_track: Decimal,
    /// Short of this, the KPI is off track; in between, at risk.
    #[serde(with = "super::dec")]
    #[schemars(with = "DecimalString")]
    pub off_track: Decimal,
}

/// What a threshold is measured in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdBasis {
    /// A fraction of the target reached.
    #[default]
    Attainment,
    /// A value of the KPI itself.
    Value,
}
