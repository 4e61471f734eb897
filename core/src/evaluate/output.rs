//! What an evaluation gives: every KPI × node's [`KpiResult`] with its
//! periods, and the revenue gaps of the nodes.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::gap;
#[cfg(doc)]
use crate::plan::Plan;

/// Where a KPI stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// At or past the on-track threshold.
    OnTrack,
    /// Between the thresholds.
    AtRisk,
    /// Short of the off-track threshold.
    OffTrack,
}

/// One KPI for one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct KpiResult {
    /// The KPI.
    pub kpi: String,
    /// The node: `""` for the company, else `region=east/rep=r1`.
    pub node: String,
    /// Target for the whole plan period.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub target: Option<Decimal>,
    /// Value from the plan start to `as_of`.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub actual: Option<Decimal>,
    /// What the target curve expects by `as_of`.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub expected: Option<Decimal>,
    /// actual − expected.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub variance: Option<Decimal>,
    /// Direction-aware attainment against the expected value.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub attainment: Option<Decimal>,
    /// Forecast for the whole plan period by run rate.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub forecast_run_rate: Option<Decimal>,
    /// Forecast for the whole plan period by the linear trend of periods.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub forecast_trend: Option<Decimal>,
    /// Forecast for revenue KPIs: the actual plus the weighted open deals
    /// (amount × probability) expected to close after `as_of` and by the
    /// plan's end, within the KPI's filter and the node. `None` without a
    /// pipeline.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub forecast_pipeline: Option<Decimal>,
    /// Status from the KPI's thresholds (0.95 / 0.85 of attainment when it
    /// has none).
    pub status: Option<Status>,
    /// Least-squares slope of the per-period values over the last completed
    /// periods, per period.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub trend: Option<Decimal>,
    /// Per period up to the one containing `as_of`.
    pub periods: Vec<PeriodResult>,
}

/// One KPI for one node in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PeriodResult {
    /// Period name.
    pub period: String,
    /// Target for the period.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub target: Option<Decimal>,
    /// Value in the period (up to `as_of`).
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub actual: Option<Decimal>,
    /// Direction-aware attainment of the period's target.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub attainment: Option<Decimal>,
}

/// The evaluation of a plan against actuals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evaluation {
    /// The day it was made.
    pub as_of: NaiveDate,
    /// Every KPI for every node: the company first, then the nodes in
    /// order of first appearance in the actuals.
    pub kpis: Vec<KpiResult>,
    /// The revenue variance to date of every node split into lead-volume,
    /// conversion and deal-size effects (see [`gap`]), largest shortfall
    /// first; empty when the plan cannot state a planned funnel.
    pub gaps: Vec<NodeGap>,
    /// Execution, budget, capacity and strategy effects, when the
    /// evaluation was monitored ([`Plan::monitor`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<Box<crate::tracking::Monitoring>>,
}

/// One node's revenue gap, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NodeGap {
    /// The node (`""` for the company).
    pub node: String,
    /// The effects, which sum to the variance.
    #[serde(flatten)]
    pub effects: gap::GapEffects,
    /// The effect with the largest magnitude.
    #[schemars(schema_with = "gap::effect_name_schema")]
    pub biggest: String,
}

impl Evaluation {
    /// The company-level result of a KPI.
    pub fn kpi(&self, id: &str) -> Option<&KpiResult> {
        self.kpis.iter().find(|k| k.kpi == id && k.node.is_empty())
    }
}
