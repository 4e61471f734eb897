//! `salesplan evaluate --updates F --resources F`: the plan's monitoring
//! beside the KPIs.

use std::fmt::Write as _;
use std::path::Path;

use salesplan::accuracy::Accuracy;
use salesplan::evaluate::Evaluation;
use salesplan::monitor::{updates_from_text, MonitorInputs, Monitoring};
use salesplan::Plan;

use crate::inputs;

/// The evaluation with its monitoring when updates or resource actuals
/// are given; as it is otherwise.
pub(crate) fn monitored(
    plan: &Plan,
    evaluation: Evaluation,
    updates: Option<&Path>,
    resources: Option<&Path>,
    accuracy: Option<&Path>,
) -> Result<Evaluation, String> {
    if updates.is_none() && resources.is_none() && accuracy.is_none() {
        return Ok(evaluation);
    }
    let updates = match updates {
        Some(path) => updates_from_text(plan, &inputs::read(path)?).map_err(inputs::at(path))?,
        None => Vec::new(),
    };
    let resources = match resources {
        Some(path) => Some(
            plan.resources_from_text(&inputs::read(path)?)
                .map_err(inputs::at(path))?,
        ),
        None => None,
    };
    let accuracy = match accuracy {
        Some(path) => Some(Accuracy::from_json(&inputs::read(path)?).map_err(inputs::at(path))?),
        None => None,
    };
    let inputs = MonitorInputs {
        updates: &updates,
        resources: resources.as_ref(),
        accuracy: accuracy.as_ref(),
    };
    plan.evaluate_monitored(&evaluation, &inputs)
        .map_err(|e| format!("[{}] {e}", e.code()))
}

/// The monitoring as tables for people: tasks, milestones and strategy
/// effects.
pub(crate) fn table(m: &Monitoring) -> String {
    let mut out = format!("\nExecution as of {}\n\n", m.as_of);
    let _ = writeln!(
        out,
        "{:<6} {:<12} {:>9} {:>9} {:>11} {:>5} {:>6}  name",
        "task", "status", "expected", "progress", "forecast", "slip", "float"
    );
    for t in &m.execution.tasks {
        let critical = if t.critical { " *" } else { "" };
        let _ = writeln!(
            out,
            "{:<6} {:<12} {:>8.0}% {:>8.0}% {:>11} {:>5} {:>6}  {}{critical}",
            t.task.as_str(),
            words(&t.status),
            t.expected_progress * rust_decimal::Decimal::ONE_HUNDRED,
            t.progress * rust_decimal::Decimal::ONE_HUNDRED,
            t.forecast_finish,
            t.slip_days,
            t.total_float_days,
            t.name
        );
    }
    let _ = writeln!(out, "(* on the critical path)\n");
    let _ = writeln!(
        out,
        "{:<10} {:<13} {:>11} {:>11} {:>5}  name",
        "milestone", "status", "date", "forecast", "slip"
    );
    for ms in &m.execution.milestones {
        let _ = writeln!(
            out,
            "{:<10} {:<13} {:>11} {:>11} {:>5}  {}",
            ms.milestone.as_str(),
            words(&ms.status),
            ms.date,
            ms.forecast_date,
            ms.slip_days,
            ms.name
        );
    }
    out.push_str(&strategies(m));
    out
}

fn strategies(m: &Monitoring) -> String {
    let mut out = format!(
        "\n{:<10} {:<11} {:>14} {:>14} {:>9}  {}\n",
        "strategy", "KPI", "assumed", "realised", "share", "note"
    );
    for s in &m.strategies {
        for e in &s.effects {
            let show = |d: Option<rust_decimal::Decimal>| {
                d.map_or("—".to_owned(), |d| d.normalize().to_string())
            };
            let _ = writeln!(
                out,
                "{:<10} {:<11} {:>14} {:>14} {:>9}  {}",
                s.strategy.as_str(),
                e.kpi.as_str(),
                e.assumed.normalize().to_string(),
                show(e.realised),
                show(e.realised_share),
                e.unmeasurable.as_deref().unwrap_or("")
            );
        }
    }
    out
}

/// A status as the JSON names it (`late_start`), spaced for people.
fn words<T: serde::Serialize>(status: &T) -> String {
    serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}
