//! Validation: everything that is wrong or weak in a plan, all at once.
//!
//! [`validate`] never stops at the first finding. Each [`Diagnostic`] has a
//! severity, a stable code, the JSON pointer of the place it is about and a
//! message. Errors mean the plan cannot be trusted as written; warnings mean
//! it can be read but is weak or risky; infos are hints.
//!
//! | code | severity | finding |
//! |---|---|---|
//! | `plan_period_order` | error | the plan ends before it starts |
//! | `plan_fiscal_start` | error | fiscal year start month outside 1–12 |
//! | `retail_start_weekday` | error | a retail calendar whose first day is not a Monday |
//! | `retail_fiscal_start` | warning | a fiscal year start month beside a retail calendar, which ignores it |
//! | `period_fit` | warning | a retail plan that ends inside one of its periods, so that the last is clipped |
//! | `section_empty` | info | one of the eight sections has nothing in it |
//! | `duplicate_id` | error | an id used twice within a section |
//! | `unknown_reference` | error | an id that refers to nothing |
//! | `unknown_period` | error | a period name that is not a period of the plan |
//! | `goal_no_metric` | error | a goal with neither a metric nor a KPI |
//! | `goal_no_target` | error | a goal with no numeric target |
//! | `goal_no_deadline` | error | a goal with no deadline |
//! | `goal_deadline_outside_period` | error | a deadline outside the plan period |
//! | `goal_growth_no_baseline` | error | a growth goal with nothing to grow from |
//! | `goal_target_below_baseline` | warning | a growth goal whose target is below its baseline |
//! | `goal_growth_mismatch` | warning | target ≠ baseline × (1 + growth) |
//! | `goal_without_strategy` | info | no strategy serves the goal |
//! | `weights_total` | error | seasonality, phasing or scorecard weights not totalling 100% |
//! | `negative_amount` | error | a negative amount of money or count |
//! | `fraction_out_of_range` | error | a share, rate or progress outside 0–1 |
//! | `budget_exceeded` | error | budget lines add up to more than the total budget |
//! | `capacity_below_target` | warning | heads × quota after ramp and attrition fall short of the revenue target |
//! | `headcount_new_hires` | error | more new hires than heads |
//! | `market_share_impossible` | error | a revenue target above the whole serviceable market |
//! | `market_share_high` | warning | a revenue target implying a share above the ceiling |
//! | `market_size_order` | warning | SOM > SAM or SAM > TAM |
//! | `strategy_no_goal` | warning | a strategy tied to no goal |
//! | `task_no_owner` | warning | a task nobody owns |
//! | `task_due_before_start` | error | a task due before it starts |
//! | `task_outside_period` | warning | a task running outside the plan period |
//! | `task_dependency_cycle` | error | tasks that depend on each other in a ring |
//! | `task_starts_before_prerequisite` | warning | a task starting before a prerequisite is due |
//! | `milestone_outside_period` | warning | a milestone outside the plan period |
//! | `milestone_before_tasks` | warning | a milestone dated before its tasks are due |
//! | `risk_matrix_invalid` | error | a matrix with no levels or bands out of order |
//! | `risk_off_matrix` | error | likelihood or impact outside the matrix |
//! | `risk_unmitigated` | warning | a high or critical risk with no mitigation |
//! | `risk_no_owner` | warning | a high or critical risk with no owner |
//! | `risk_residual_above_inherent` | warning | mitigation that makes the risk worse |
//! | `kpi_formula_syntax` | error | a formula that does not parse (column in the message) |
//! | `kpi_unknown_measure` | error | a formula reading a measure nobody defined |
//! | `kpi_formula_cycle` | error | KPIs whose formulas refer to each other in a ring |
//! | `kpi_threshold_direction` | error | thresholds that contradict the KPI's direction |
//! | `rule_no_condition` | error | a rule with an empty condition |
//! | `rule_condition_invalid` | error | a condition that does not parse, names an unknown KPI or risk, or mixes types (the message gives the rule and the column) |
//! | `rule_no_actions` | warning | a rule that proposes nothing |
//! | `action_invalid` | error | an action whose fields do not fit together |

mod amounts;
mod calendar;
mod execution;
mod goals;
mod graph;
mod kpis;
mod references;
mod risks;
mod rules;
mod structure;

pub use crate::diagnostic::{Diagnostic, Severity};
use crate::plan::Plan;

/// Checks a plan and returns every finding, in a stable order: by section
/// in document order, then by check.
pub fn validate(plan: &Plan) -> Vec<Diagnostic> {
    let mut out = Report::default();
    structure::check(plan, &mut out);
    references::check(plan, &mut out);
    goals::check(plan, &mut out);
    amounts::check(plan, &mut out);
    execution::check(plan, &mut out);
    risks::check(plan, &mut out);
    kpis::check(plan, &mut out);
    rules::check(plan, &mut out);
    rules::check_signals(plan, &mut out);
    out.0
}

/// Whether any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

impl Plan {
    /// Checks the plan; see [`validate`].
    pub fn validate(&self) -> Vec<Diagnostic> {
        validate(self)
    }
}

/// Collects diagnostics.
#[derive(Default)]
pub(crate) struct Report(Vec<Diagnostic>);

impl Report {
    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.0.push(Diagnostic {
            severity,
            code,
            path: path.into(),
            message: message.into(),
        });
    }

    pub(crate) fn error(
        &mut self,
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Error, code, path, message);
    }

    pub(crate) fn warning(
        &mut self,
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Warning, code, path, message);
    }

    pub(crate) fn info(
        &mut self,
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Info, code, path, message);
    }
}

/// Formats an amount for a message: exact, with the currency, and in 万/亿
/// when large.
pub(crate) fn money(plan: &Plan, amount: rust_decimal::Decimal) -> String {
    let exact = crate::units::format_money(amount, plan.currency.as_str());
    if amount.abs() >= rust_decimal::Decimal::from(10_000) {
        format!("{exact} ({})", crate::units::format_amount_auto(amount))
    } else {
        exact
    }
}

/// Formats a fraction as a percentage for a message (`0.985` → `98.5%`).
pub(crate) fn percent(fraction: rust_decimal::Decimal) -> String {
    crate::units::format_percent(fraction, 2)
}
