//! A headline summary of a plan: the numbers a person looks at first, per
//! section. Used by the CLI's `demo` and by anything that shows a plan.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::plan::{Plan, RiskLevel};
use crate::validate::{Diagnostic, Severity};

/// Headline numbers of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Summary {
    /// Plan id.
    pub id: String,
    /// Plan name.
    pub name: String,
    /// ISO currency code.
    pub currency: String,
    /// Calendar months the plan touches.
    pub months: u32,
    /// The goals with their effective targets.
    pub goals: Vec<GoalLine>,
    /// Market sizes and counts.
    pub market: MarketLine,
    /// Number of strategies and their total cost.
    pub strategies: usize,
    /// Sum of strategy costs.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub strategy_cost: Option<Decimal>,
    /// Budget and people.
    pub resources: ResourcesLine,
    /// Tasks, milestones and execution steps covered.
    pub execution: ExecutionLine,
    /// Risk counts and exposure.
    pub risks: RisksLine,
    /// Number of KPIs.
    pub kpis: usize,
    /// Number of rules.
    pub rules: usize,
    /// Diagnostics by severity.
    pub diagnostics: BTreeMap<Severity, usize>,
}

/// One goal.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct GoalLine {
    /// Goal id.
    pub id: String,
    /// Goal name.
    pub name: String,
    /// Measured quantity.
    pub metric: Option<String>,
    /// Effective target (stated, or baseline × (1 + growth)).
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub target: Option<Decimal>,
    /// Baseline the goal grows from.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub baseline: Option<Decimal>,
    /// Growth rate.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub growth: Option<Decimal>,
}

/// Market headline.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MarketLine {
    /// TAM.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub tam: Option<Decimal>,
    /// SAM.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub sam: Option<Decimal>,
    /// SOM.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub som: Option<Decimal>,
    /// Number of segments.
    pub segments: usize,
    /// Number of competitors.
    pub competitors: usize,
    /// Number of personas.
    pub personas: usize,
    /// Number of trends.
    pub trends: usize,
}

/// Resources headline.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ResourcesLine {
    /// Total budget.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub total_budget: Option<Decimal>,
    /// Sum of budget lines.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub allocated: Option<Decimal>,
    /// Heads across headcount lines.
    pub heads: u64,
    /// Selling capacity (see [`crate::capacity`]).
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub capacity: Option<Decimal>,
    /// Tools and training programmes.
    pub tools_and_training: usize,
}

/// Execution headline.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ExecutionLine {
    /// Number of tasks.
    pub tasks: usize,
    /// Number of milestones.
    pub milestones: usize,
    /// Distinct execution steps the tasks cover (of six).
    pub phases: usize,
}

/// Risk headline.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RisksLine {
    /// Number of risks.
    pub count: usize,
    /// Risks by inherent level.
    pub by_level: BTreeMap<RiskLevel, usize>,
    /// Total expected monetary value of the risks that state it.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub exposure: Option<Decimal>,
}

impl Plan {
    /// The plan's headline numbers, with the counts of `diagnostics` (pass
    /// the result of [`Plan::validate`]).
    pub fn summary(&self, diagnostics: &[Diagnostic]) -> Summary {
        let sum = |it: &mut dyn Iterator<Item = Decimal>| -> Option<Decimal> {
            let mut total: Option<Decimal> = None;
            for v in it {
                total = Some(total.unwrap_or_default().checked_add(v)?);
            }
            total
        };
        let r = &self.resources;
        let mut diag = BTreeMap::new();
        for d in diagnostics {
            *diag.entry(d.severity).or_insert(0) += 1;
        }
        let mut by_level = BTreeMap::new();
        for risk in &self.risks.register {
            if let Some(level) = self.risks.matrix.level(risk.score()) {
                *by_level.entry(level).or_insert(0) += 1;
            }
        }
        let mut phases: Vec<_> = self
            .execution
            .tasks
            .iter()
            .filter_map(|t| t.phase)
            .collect();
        phases.sort();
        phases.dedup();
        Summary {
            id: self.id.clone(),
            name: self.name.clone(),
            currency: self.currency.to_string(),
            months: self.months(),
            goals: self
                .goals
                .iter()
                .map(|g| GoalLine {
                    id: g.id.to_string(),
                    name: g.name.clone(),
                    metric: g.metric.clone(),
                    target: self.goal_target(g),
                    baseline: self.goal_baseline(g),
                    growth: g.growth,
                })
                .collect(),
            market: MarketLine {
                tam: self.market.tam,
                sam: self.market.sam,
                som: self.market.som,
                segments: self.market.segments.len(),
                competitors: self.market.competitors.len(),
                personas: self.market.personas.len(),
                trends: self.market.trends.len(),
            },
            strategies: self.strategies.len(),
            strategy_cost: sum(&mut self.strategies.iter().filter_map(|s| s.cost)),
            resources: ResourcesLine {
                total_budget: r.total_budget,
                allocated: sum(&mut r.budget.iter().map(|b| b.amount)),
                heads: r.headcount.iter().map(|h| u64::from(h.heads)).sum(),
                capacity: self.sales_capacity(),
                tools_and_training: r.tools.len() + r.training.len(),
            },
            execution: ExecutionLine {
                tasks: self.execution.tasks.len(),
                milestones: self.execution.milestones.len(),
                phases: phases.len(),
            },
            risks: RisksLine {
                count: self.risks.register.len(),
                by_level,
                exposure: sum(&mut self.risks.register.iter().filter_map(|r| r.exposure())),
            },
            kpis: self.kpis.len(),
            rules: self.rules.len(),
            diagnostics: diag,
        }
    }
}
