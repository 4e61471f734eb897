//! Whole-plan monitoring: the parts of the plan other than KPIs held
//! against what happened.
//!
//! [`Plan::monitor`] takes an [`Evaluation`] (for the KPIs' per-period
//! values) and [`MonitorInputs`] — progress updates for the tasks, and
//! resource actuals (`spend` rows tagged `budget_line`, `heads` rows
//! tagged `headcount`) — and returns a [`Monitoring`]: execution tracking
//! ([`execution`]), budget burn ([`budget`]), capacity against plan
//! ([`capacity`]) and strategy effects ([`strategy`]); with a forecast
//! accuracy over past snapshots ([`crate::accuracy`]), the `forecast(...)`
//! facts too. An evaluation can carry its monitoring
//! ([`Evaluation::monitoring`]); rules and risk signals then read it as
//! facts (`task("T-05").slip_days`, `budget("B-PROMO").burn`, ...).

pub mod budget;
pub mod capacity;
pub mod execution;
pub mod strategy;
pub mod updates;

pub use crate::tracking::Monitoring;
pub use budget::{budget_burn, BudgetBurn, BudgetLineBurn, BurnStatus};
pub use capacity::{capacity_against_plan, CapacityActuals, HeadcountActuals};
pub use execution::{
    ExecutionTracking, MilestoneStatus, MilestoneTracking, ScheduleStatus, TaskTracking,
};
pub use strategy::{EffectCheck, StrategyEffects};
pub use updates::{updates_from_csv, updates_from_json, updates_from_value, ProgressUpdate};

use crate::accuracy::Accuracy;
use crate::actuals::{Actuals, LoadMode, LoadOptions};
use crate::evaluate::Evaluation;
use crate::{Plan, Result};

/// The measures of resource actuals: money spent (`spend`, tagged
/// `budget_line`) and heads in seat (`heads`, tagged `headcount`).
pub const RESOURCE_MEASURES: [&str; 2] = ["spend", "heads"];

/// Whether text is JSON (its first non-blank character is `[` or `{`)
/// rather than CSV.
fn is_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with(['[', '{'])
}

/// Reads progress updates from JSON or CSV text (JSON when it starts with
/// `[`); see [`updates`].
///
/// # Errors
/// As [`updates_from_json`] and [`updates_from_csv`].
pub fn updates_from_text(plan: &Plan, text: &str) -> Result<Vec<ProgressUpdate>> {
    if is_json(text) {
        updates_from_json(plan, text)
    } else {
        updates_from_csv(plan, text)
    }
}

/// What monitoring reads besides the evaluation.
#[derive(Debug, Clone, Copy, Default)]
pub struct MonitorInputs<'a> {
    /// Progress updates, checked against the plan (see [`updates`]).
    pub updates: &'a [ProgressUpdate],
    /// Resource actuals: `spend` by `budget_line`, `heads` by `headcount`.
    /// Without them there is no budget burn or capacity section.
    pub resources: Option<&'a Actuals>,
    /// A forecast accuracy over past snapshots ([`crate::accuracy`]), for
    /// the `forecast("K-REV")` facts; kept in the monitoring as given.
    pub accuracy: Option<&'a Accuracy>,
}

impl Plan {
    /// Reads resource actuals (rows of [`RESOURCE_MEASURES`]) from CSV or
    /// JSON text in the actuals format (JSON when it starts with `[`),
    /// strictly: any bad row refuses the whole load. `currency` and
    /// `credit` columns are applied as the plan's loaders apply them
    /// ([`crate::actuals`]), without rates: spend in another currency is a
    /// bad row naming the currency and the day.
    ///
    /// # Errors
    /// [`crate::Error::Actuals`] with every bad row (a measure other than
    /// `spend` and `heads` among them).
    pub fn resources_from_text(&self, text: &str) -> Result<Actuals> {
        let known = |m: &str| RESOURCE_MEASURES.contains(&m);
        let report = if is_json(text) {
            Actuals::from_json(text, &known, LoadMode::Lenient)?
        } else {
            Actuals::from_csv(text, &known, LoadMode::Lenient)?
        };
        let report = self.prepare_actuals(report, &LoadOptions::new(LoadMode::Strict))?;
        Ok(report.actuals)
    }

    /// Monitors the plan as of the evaluation's day (see the
    /// [module documentation](crate::monitor)).
    ///
    /// # Errors
    /// [`crate::Error::Document`] for an update that names an unknown task
    /// or a progress outside 0..=1; [`crate::Error::Actuals`] for resource
    /// rows that name no budget line or headcount line of the plan;
    /// [`crate::Error::InvalidArgument`] when the tasks cannot be
    /// scheduled.
    pub fn monitor(
        &self,
        evaluation: &Evaluation,
        inputs: &MonitorInputs<'_>,
    ) -> Result<Monitoring> {
        updates::check(self, inputs.updates)?;
        let as_of = evaluation.as_of;
        let (budget, capacity) = match inputs.resources {
            Some(rows) => (
                Some(budget_burn(self, rows, as_of)?),
                Some(capacity_against_plan(self, rows, as_of)?),
            ),
            None => (None, None),
        };
        Ok(Monitoring {
            as_of,
            execution: execution::track(self, inputs.updates, as_of)?,
            budget,
            capacity,
            strategies: strategy::strategy_effects(self, evaluation),
            accuracy: inputs.accuracy.cloned(),
        })
    }

    /// [`Plan::monitor`], attached to a copy of the evaluation.
    ///
    /// # Errors
    /// As [`Plan::monitor`].
    pub fn evaluate_monitored(
        &self,
        evaluation: &Evaluation,
        inputs: &MonitorInputs<'_>,
    ) -> Result<Evaluation> {
        let monitoring = self.monitor(evaluation, inputs)?;
        let mut out = evaluation.clone();
        out.monitoring = Some(Box::new(monitoring));
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
