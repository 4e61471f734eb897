//! Strategies (策略制定): the levers the plan pulls to reach its goals.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dec::DecimalString;
use super::ids::{GoalId, KpiId, SegmentId, StrategyId};

/// A lever tied to goals and segments, with its expected effect and cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    /// Unique among the strategies.
    pub id: StrategyId,
    /// Name, e.g. "Launch a high-end product line".
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What kind of lever it is.
    pub lever: Lever,
    /// Goals it serves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<GoalId>,
    /// Segments it targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<SegmentId>,
    /// What it is expected to change.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Effect>,
    /// What it costs over the plan period.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub cost: Option<Decimal>,
    /// Who runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// When it ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
}

/// The kinds of lever.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Lever {
    /// A new or changed product.
    Product,
    /// Prices and discounts.
    Pricing,
    /// Campaigns and advertising.
    Promotion,
    /// Sales channels and partners.
    Channel,
    /// Winning new customers.
    Acquisition,
    /// Keeping customers.
    Retention,
    /// After-sales service.
    Service,
    /// Training of customers or the team.
    Training,
    /// Anything else.
    Other,
}

/// An expected change in a KPI, in the KPI's unit (`"0.03"` on a conversion
/// rate is +3 points).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    /// The KPI expected to move.
    pub kpi: KpiId,
    /// By how much.
    #[serde(with = "super::dec")]
    #[schemars(with = "DecimalString")]
    pub change: Decimal,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}
