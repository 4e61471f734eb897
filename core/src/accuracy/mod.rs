//! Forecast accuracy and bias over evaluation snapshots.
//!
//! Keep a [`History`] of snapshots over the year — each an evaluation as
//! of a day (its run-rate, trend and pipeline forecasts for the whole plan
//! period) and, optionally, simulated percentiles — and, once the period
//! closes, score every forecast against what happened:
//!
//! * per KPI and node present in both the closing evaluation and a
//!   snapshot, and per method (run rate, trend, pipeline, simulation P50):
//!   each snapshot's forecast, the actual at the close, the error
//!   (forecast − actual: positive is an over-forecast) and the absolute
//!   percentage error |error| ÷ |actual|;
//! * over the snapshots: MAPE (the mean APE), WAPE (Σ|error| ÷ Σ|actual|),
//!   signed bias (Σ error ÷ Σ actual) and the count;
//! * coverage, for simulated KPIs: the share of snapshots whose actual fell
//!   within P10–P90 (about 0.8 for a well-calibrated simulation);
//! * a waterfall per method: the forecast snapshot by snapshot with the
//!   change from the one before, ending at the actual;
//! * by owner: the plan's KPIs have no owner of their own, so a KPI
//!   belongs to its goal's owner (`null` when it has no goal or the goal no
//!   owner). Each owner's figures pool the points of their KPIs for the
//!   company node only (the nodes add up to it), whatever their unit.
//!
//! Errors and forecasts are exact; ratios are rounded to
//! [`RATIO_DECIMALS`] places, half away from zero, and are `null` when
//! their denominator is zero. Series come in the plan's KPI order, then
//! the closing evaluation's node order; points by date. A KPI or node with
//! no actual at the close is left out, and so is a method without any
//! forecast for it.
//!
//! ```
//! use salesplan::accuracy::{History, Snapshot};
//! use salesplan::actuals::LoadMode;
//! use salesplan::evaluate::EvaluationOptions;
//!
//! let plan = salesplan::example_plan();
//! let csv = "date,measure,value\n2026-01-20,revenue,9000000\n2026-02-15,revenue,12000000\n";
//! let actuals = plan.actuals_from_csv(csv, LoadMode::Strict).unwrap().actuals;
//! let at = |d: &str| EvaluationOptions::as_of(d.parse().unwrap());
//! let mut history = History::default();
//! for day in ["2026-01-31", "2026-02-28"] {
//!     let evaluation = plan.evaluate(&actuals, &at(day)).unwrap();
//!     history.snapshots.push(Snapshot::new(&plan, &evaluation, &[]).unwrap());
//! }
//! let closing = plan.evaluate(&actuals, &at("2026-12-31")).unwrap();
//! let accuracy = plan.accuracy(&history, &closing).unwrap();
//! // January's run rate foresaw 9,000,000 × 365 ÷ 31; 21,000,000 came.
//! assert!(accuracy.fact("K-REV", "", "bias").unwrap() > rust_decimal::Decimal::ONE);
//! ```

mod check;
mod history;
mod owners;
mod schema;
mod score;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use rust_decimal::Decimal;

pub use crate::tracking::accuracy::{
    Accuracy, Coverage, Method, MethodAccuracy, OwnerAccuracy, OwnerMethod, Point, Series, Step,
    StepKind, Summary, RATIO_DECIMALS,
};
pub use history::{History, Percentiles, Snapshot};
pub use schema::{history_schema, history_schema_json};

use crate::error::Result;
use crate::evaluate::{Evaluation, KpiResult};
use crate::plan::Plan;

/// Scores the forecasts of `history` against `closing`, the evaluation as
/// of the period close; see the [module docs](self).
///
/// # Errors
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument), with the
/// JSON pointer into the history as its path, for snapshots out of date
/// order, given twice for a day, after the close, whose evaluation is as
/// of another day, naming KPIs the plan does not have, or with percentiles
/// out of order; [`Error::Overflow`](crate::Error::Overflow) for sums
/// beyond a decimal.
pub fn accuracy(plan: &Plan, history: &History, closing: &Evaluation) -> Result<Accuracy> {
    check::check(plan, history, closing)?;
    let position = |kpi: &str| plan.kpis.iter().position(|k| k.id.as_str() == kpi);
    let mut finals: Vec<&KpiResult> = closing.kpis.iter().collect();
    finals.sort_by_key(|k| position(&k.kpi));
    let mut series = Vec::new();
    for result in finals {
        let Some(actual) = result.actual else {
            continue;
        };
        if let Some(s) = score_series(plan, history, closing.as_of, result, actual)? {
            series.push(s);
        }
    }
    let owners = owners::by_owner(&series)?;
    Ok(Accuracy {
        close: closing.as_of,
        snapshots: history.snapshots.iter().map(|s| s.as_of).collect(),
        decimals: RATIO_DECIMALS,
        series,
        owners,
    })
}

impl Plan {
    /// [`accuracy`] of this plan's forecasts.
    ///
    /// # Errors
    /// As [`accuracy`].
    pub fn accuracy(&self, history: &History, closing: &Evaluation) -> Result<Accuracy> {
        accuracy(self, history, closing)
    }
}

/// One KPI × node's series, or `None` when no snapshot forecast it.
fn score_series(
    plan: &Plan,
    history: &History,
    close: NaiveDate,
    result: &KpiResult,
    actual: Decimal,
) -> Result<Option<Series>> {
    let mut methods = Vec::new();
    let mut ranges = Vec::new();
    for method in Method::ALL {
        let mut points = Vec::new();
        for snapshot in &history.snapshots {
            let forecast = match method {
                Method::SimulationP50 => snapshot
                    .simulations
                    .iter()
                    .find(|s| s.kpi == result.kpi && s.node == result.node)
                    .map(|s| {
                        ranges.push((s.p10, s.p90, actual));
                        s.p50
                    }),
                _ => snapshot
                    .evaluation
                    .kpis
                    .iter()
                    .find(|k| k.kpi == result.kpi && k.node == result.node)
                    .and_then(|k| match method {
                        Method::RunRate => k.forecast_run_rate,
                        Method::Trend => k.forecast_trend,
                        _ => k.forecast_pipeline,
                    }),
            };
            if let Some(forecast) = forecast {
                points.push(score::point(snapshot.as_of, forecast, actual)?);
            }
        }
        if points.is_empty() {
            continue;
        }
        methods.push(MethodAccuracy {
            method,
            summary: score::summarise(&points)?,
            waterfall: score::waterfall(&points, close, actual)?,
            points,
        });
    }
    if methods.is_empty() {
        return Ok(None);
    }
    let goal = plan
        .kpis
        .iter()
        .find(|k| k.id.as_str() == result.kpi)
        .and_then(|k| k.goal.as_ref());
    let owner = goal
        .and_then(|g| plan.goal(g.as_str()))
        .and_then(|g| g.owner.clone());
    Ok(Some(Series {
        kpi: result.kpi.clone(),
        node: result.node.clone(),
        goal: goal.map(|g| g.to_string()),
        owner,
        actual,
        methods,
        coverage: score::coverage(&ranges),
    }))
}
