//! Resources (资源分配): headcount, budget lines, tools and training.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dec::DecimalString;
use super::ids::{BudgetLineId, HeadcountId, SegmentId, StrategyId, ToolId, TrainingId};

/// People and money the plan commits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resources {
    /// The budget all budget lines must fit in.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub total_budget: Option<Decimal>,
    /// Sales headcount by role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headcount: Vec<Headcount>,
    /// Budget lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budget: Vec<BudgetLine>,
    /// Tools, e.g. CRM.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<Tool>,
    /// Training programmes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub training: Vec<Training>,
}

/// Heads in one role, with what each is expected to sell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Headcount {
    /// Unique among the headcount lines.
    pub id: HeadcountId,
    /// Role, e.g. "High-end account executive".
    pub role: String,
    /// Team name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Segment the role sells to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<SegmentId>,
    /// Heads in the role, including new hires.
    pub heads: u32,
    /// How many of `heads` join at the start of the plan and still have to ramp.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub new_hires: u32,
    /// Yearly revenue quota of one fully ramped head.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub quota: Option<Decimal>,
    /// Months a new hire takes to reach full quota (productivity grows
    /// linearly from zero over the ramp).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub ramp_months: u32,
    /// Yearly attrition as a fraction of heads.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub attrition: Option<Decimal>,
    /// Yearly fully loaded cost of one head.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub cost_per_head: Option<Decimal>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Money set aside for one purpose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetLine {
    /// Unique among the budget lines.
    pub id: BudgetLineId,
    /// Name, e.g. "High-end promotion".
    pub name: String,
    /// What the money is for.
    pub category: BudgetCategory,
    /// Amount over the plan period.
    #[serde(with = "super::dec")]
    #[schemars(with = "DecimalString")]
    pub amount: Decimal,
    /// The strategy the money funds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<StrategyId>,
    /// Share of the amount spent in each period, as fractions that total 1.
    /// Empty means an even spread.
    #[serde(
        default,
        with = "super::dec::map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    #[schemars(with = "BTreeMap<String, DecimalString>")]
    pub phasing: BTreeMap<String, Decimal>,
}

/// Budget categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BudgetCategory {
    /// Salaries and commissions.
    Headcount,
    /// Campaigns and advertising.
    Promotion,
    /// Software and equipment.
    Tooling,
    /// Training.
    Training,
    /// Service and support.
    Service,
    /// Events.
    Events,
    /// Anything else.
    Other,
}

/// A tool the team uses, such as a CRM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// Unique among the tools.
    pub id: ToolId,
    /// Name.
    pub name: String,
    /// Cost over the plan period.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub cost: Option<Decimal>,
    /// The budget line that pays for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_line: Option<BudgetLineId>,
    /// Strategies it supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategies: Vec<StrategyId>,
}

/// A training programme for the team or for customers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Unique among the training programmes.
    pub id: TrainingId,
    /// Name.
    pub name: String,
    /// Who attends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// When it takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Cost.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub cost: Option<Decimal>,
    /// The budget line that pays for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_line: Option<BudgetLineId>,
}
