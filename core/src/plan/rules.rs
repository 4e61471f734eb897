//! Adjustment rules (调整机制), stored as data: when a condition over the
//! evaluation holds, propose structured changes to the plan.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dec::DecimalString;
use super::execution::Task;
use super::ids::{BudgetLineId, GoalId, KpiId, RiskId, RuleId};
use super::strategies::Strategy;

/// A rule: a condition and the actions it proposes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Unique among the rules.
    pub id: RuleId,
    /// Name.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The condition, in the rule condition language, e.g.
    /// `kpi("K-CONV").attainment < 0.9 and kpi("K-REV-HIGH").trend > 0`.
    pub when: String,
    /// KPIs the condition reads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<KpiId>,
    /// What the rule proposes.
    pub actions: Vec<Action>,
    /// Higher runs first and wins conflicts.
    #[serde(default)]
    pub priority: i32,
    /// Periods after an accepted proposal during which the rule stays quiet.
    #[serde(default)]
    pub cooldown_periods: u32,
    /// A disabled rule is kept but never fires.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// A structured change to the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Add a strategy.
    AddStrategy {
        /// The strategy to add.
        strategy: Strategy,
    },
    /// Add a task.
    AddTask {
        /// The task to add.
        task: Task,
    },
    /// Move money from one budget line to another: a fixed `amount` or a
    /// `share` of the source line.
    MoveBudget {
        /// Source line.
        from: BudgetLineId,
        /// Destination line.
        to: BudgetLineId,
        /// Amount to move.
        #[serde(
            default,
            with = "super::dec::opt",
            skip_serializing_if = "Option::is_none"
        )]
        #[schemars(with = "Option<DecimalString>")]
        amount: Option<Decimal>,
        /// Fraction of the source line to move.
        #[serde(
            default,
            with = "super::dec::opt",
            skip_serializing_if = "Option::is_none"
        )]
        #[schemars(with = "Option<DecimalString>")]
        share: Option<Decimal>,
    },
    /// Change a goal's target and re-phase its remaining periods.
    SetGoalTarget {
        /// The goal.
        goal: GoalId,
        /// New target.
        #[serde(with = "super::dec")]
        #[schemars(with = "DecimalString")]
        target: Decimal,
    },
    /// Change a KPI's target.
    SetKpiTarget {
        /// The KPI.
        kpi: KpiId,
        /// New target.
        #[serde(with = "super::dec")]
        #[schemars(with = "DecimalString")]
        target: Decimal,
    },
    /// Spread a goal's remaining shortfall over the remaining periods by
    /// seasonality.
    Rephase {
        /// The goal.
        goal: GoalId,
    },
    /// Change a risk's likelihood or impact.
    SetRisk {
        /// The risk.
        risk: RiskId,
        /// New likelihood step.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        likelihood: Option<u32>,
        /// New impact step.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        impact: Option<u32>,
    },
    /// Change a KPI's thresholds.
    SetThresholds {
        /// The KPI.
        kpi: KpiId,
        /// New on-track threshold.
        #[serde(with = "super::dec")]
        #[schemars(with = "DecimalString")]
        on_track: Decimal,
        /// New off-track threshold.
        #[serde(with = "super::dec")]
        #[schemars(with = "DecimalString")]
        off_track: Decimal,
    },
    /// A message for people: a recommendation or an escalation.
    Recommend {
        /// The message.
        message: String,
        /// Whom to escalate to, if anyone.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        escalate_to: Option<String>,
    },
}

impl Action {
    /// Its type as written in a document: `add_strategy`, `move_budget`, ...
    pub fn kind(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v["type"].as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// What it does, in one line for people: `S-CARE Customer training`,
    /// `1500000.00 from B-PROMO to B-TRAIN`, a recommendation's message;
    /// other actions as their fields in JSON.
    pub fn summary(&self) -> String {
        let v = serde_json::to_value(self).unwrap_or_default();
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
        match self {
            Action::AddStrategy { .. } => format!(
                "{} {}",
                v["strategy"]["id"].as_str().unwrap_or("?"),
                v["strategy"]["name"].as_str().unwrap_or("")
            ),
            Action::AddTask { .. } => format!(
                "{} {}",
                v["task"]["id"].as_str().unwrap_or("?"),
                v["task"]["name"].as_str().unwrap_or("")
            ),
            Action::MoveBudget { .. } => {
                let how = if v["amount"].is_string() {
                    s("amount")
                } else {
                    format!("{} share", s("share"))
                };
                format!("{how} from {} to {}", s("from"), s("to"))
            }
            Action::Recommend { .. } => s("message"),
            _ => {
                let mut rest = v.clone();
                if let Some(map) = rest.as_object_mut() {
                    map.remove("type");
                }
                rest.to_string()
            }
        }
    }
}
