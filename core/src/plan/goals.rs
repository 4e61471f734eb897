//! Goals (目标设定): specific, measurable targets with a deadline.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dec::DecimalString;
use super::ids::{GoalId, SegmentId};

/// A measurable target.
///
/// A goal is a *growth goal* when it states `growth`; its target then follows
/// from the baseline (its own `baseline`, or the plan baseline's value for
/// its `metric`): `target = baseline × (1 + growth)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Unique among the goals.
    pub id: GoalId,
    /// Short name, e.g. "FY2026 revenue 1.2亿".
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The measure the goal is about (`revenue`, `new_customers`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// Restricts the goal to one market segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<SegmentId>,
    /// The number to reach, in the metric's unit (money in the plan currency).
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub target: Option<Decimal>,
    /// The value the goal grows from; defaults to the plan baseline's value
    /// for `metric`.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub baseline: Option<Decimal>,
    /// Growth over the baseline as a fraction (`"0.2"` is +20%).
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub growth: Option<Decimal>,
    /// The date by which the target is to be reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
    /// Who answers for the goal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Relative weight in a scorecard, as a fraction.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub weight: Option<Decimal>,
    /// Share of the target falling in each period (`"2026-03"`, `"2026-Q1"`),
    /// as fractions that total 1. Empty means an even spread.
    #[serde(
        default,
        with = "super::dec::map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    #[schemars(with = "BTreeMap<String, DecimalString>")]
    pub seasonality: BTreeMap<String, Decimal>,
}

impl Goal {
    /// Whether the goal is stated as growth over a baseline.
    pub fn is_growth(&self) -> bool {
        self.growth.is_some()
    }
}
