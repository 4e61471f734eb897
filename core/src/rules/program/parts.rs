//! The monitored parts of a plan a fact may name (`task("T-05")`), checked
//! when a condition is compiled.

use crate::plan::Plan;
use crate::rules::condition::Part;

/// Whether the plan has the part a fact names.
pub(super) fn exists(plan: &Plan, part: Part, id: &str) -> bool {
    match part {
        Part::Task => plan.execution.tasks.iter().any(|t| t.id.as_str() == id),
        Part::Milestone => plan
            .execution
            .milestones
            .iter()
            .any(|m| m.id.as_str() == id),
        Part::Budget => plan.resources.budget.iter().any(|b| b.id.as_str() == id),
        Part::Capacity => plan.resources.headcount.iter().any(|h| h.id.as_str() == id),
        Part::Strategy => plan.strategies.iter().any(|s| s.id.as_str() == id),
        Part::Forecast => plan.kpi(id).is_some(),
    }
}

/// What the part is called in an error.
pub(super) fn noun(part: Part) -> &'static str {
    match part {
        Part::Task => "task",
        Part::Milestone => "milestone",
        Part::Budget => "budget line",
        Part::Capacity => "headcount line",
        Part::Strategy => "strategy",
        Part::Forecast => "KPI",
    }
}
