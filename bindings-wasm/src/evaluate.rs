//! Evaluating a plan against actuals, phasing a goal over the periods, and
//! the evaluation options of the exports that evaluate (`replay`,
//! `compareScenarios`, `scorecards`).

use chrono::NaiveDate;
use salesplan::decompose::Node;
use salesplan::evaluate::{deals_from_json, EvaluationOptions};
use salesplan::Plan;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::actuals::Actuals;
use crate::interop::{
    invalid_argument, options_from_js, plan_from_js, text_from_js, to_js, Thrown,
};

/// The JavaScript options of [`evaluate_plan`].
#[derive(Debug, Default, Deserialize)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object such as {\"asOf\": \"2026-06-30\"}"
)]
struct EvaluateOptions {
    as_of: Option<String>,
    #[serde(default)]
    hierarchy: Vec<String>,
    trend_periods: Option<usize>,
    pipeline: Option<serde_json::Value>,
    cascade: Option<serde_json::Value>,
    /// Rates for deals in other currencies (`evaluatePlan` only).
    rates: Option<serde_json::Value>,
}

/// Evaluates every KPI of a plan against actuals as of a day, for the
/// company and for every node of `options.hierarchy`: target, expected to
/// date, actual, variance, attainment, status, forecasts and trend, and the
/// same per period; and every node's revenue gap split into volume,
/// conversion and deal-size effects. Decimals are exact strings. Deals of
/// the pipeline with a `currency` are converted with `options.rates` at the
/// rate in effect on `asOf`.
///
/// @throws {SalesplanError} `"invalid_argument"` for a bad `asOf` or
/// option, or a deal in another currency without a rate; a plan error when
/// the plan cannot be read.
#[wasm_bindgen(js_name = evaluatePlan, unchecked_return_type = "Evaluation")]
pub fn evaluate_plan(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    actuals: &Actuals,
    #[wasm_bindgen(unchecked_param_type = "EvaluateOptions")] options: JsValue,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let mut options: EvaluateOptions = options_from_js("options", &options)?;
    let rates = crate::actuals::rates_from(options.rates.take())?;
    let mut options = core_options(options)?;
    if let Some(rates) = rates {
        options.pipeline = plan.convert_deals(&options.pipeline, &rates, options.as_of)?;
    }
    to_js(&plan.evaluate(actuals.inner(), &options)?)
}

/// Reads the JavaScript `EvaluateOptions` (`asOf` required) into the
/// core's options; shared by `evaluatePlan`, `scorecards` and
/// `compareScenarios`.
pub(crate) fn evaluation_options(options: &JsValue) -> Result<EvaluationOptions, Thrown> {
    let options: EvaluateOptions = options_from_js("options", options)?;
    core_options(options)
}

/// The same from the options as JSON (`compareScenarios` takes its
/// `simulation` out first).
pub(crate) fn evaluation_options_from(
    options: serde_json::Value,
) -> Result<EvaluationOptions, Thrown> {
    let options = EvaluateOptions::deserialize(options)
        .map_err(|e| invalid_argument("options", e.to_string()))?;
    core_options(options)
}

fn core_options(options: EvaluateOptions) -> Result<EvaluationOptions, Thrown> {
    let Some(as_of) = options.as_of else {
        return Err(invalid_argument("options", "asOf is required (YYYY-MM-DD)").into());
    };
    let day = date("asOf", &as_of)?;
    if options.rates.is_some() {
        let message =
            "rates convert the pipeline of evaluatePlan; actuals take their own rates when loaded";
        return Err(invalid_argument("options.rates", message).into());
    }
    let EvaluateOptions {
        hierarchy,
        trend_periods,
        pipeline,
        cascade,
        ..
    } = options;
    common_options(day, hierarchy, trend_periods, pipeline, cascade)
}

/// The JavaScript options of `replay`: `evaluatePlan`'s, with `until` (the
/// last day, by default the plan's end) for `asOf`.
#[derive(Debug, Default, Deserialize)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object such as {\"until\": \"2026-06-30\"}"
)]
struct ReplayOptions {
    until: Option<String>,
    #[serde(default)]
    hierarchy: Vec<String>,
    trend_periods: Option<usize>,
    pipeline: Option<serde_json::Value>,
    cascade: Option<serde_json::Value>,
}

/// Reads the JavaScript `ReplayOptions` (all optional) into the core's
/// options, whose `as_of` is the last day to replay to.
pub(crate) fn replay_options(plan: &Plan, options: &JsValue) -> Result<EvaluationOptions, Thrown> {
    let options: ReplayOptions = options_from_js("options", options)?;
    let until = match &options.until {
        Some(until) => date("until", until)?,
        None => plan.period.end,
    };
    common_options(
        until,
        options.hierarchy,
        options.trend_periods,
        options.pipeline,
        options.cascade,
    )
}

/// A day (`YYYY-MM-DD`) given as the option `name`.
pub(crate) fn date(name: &str, text: &str) -> Result<NaiveDate, Thrown> {
    text.trim().parse().map_err(|_| {
        let message = format!("{text:?} is not a date (YYYY-MM-DD)");
        invalid_argument(name, message).into()
    })
}

/// The core's options from the JavaScript ones.
pub(crate) fn common_options(
    day: NaiveDate,
    hierarchy: Vec<String>,
    trend_periods: Option<usize>,
    pipeline: Option<serde_json::Value>,
    cascade: Option<serde_json::Value>,
) -> Result<EvaluationOptions, Thrown> {
    let pipeline = match pipeline {
        Some(deals) if !deals.is_null() => deals_from_json(&deals.to_string())?,
        _ => Vec::new(),
    };
    let cascade = match cascade {
        Some(tree) if !tree.is_null() => {
            Some(Node::deserialize(tree).map_err(|e| invalid_argument("cascade", e.to_string()))?)
        }
        _ => None,
    };
    let defaults = EvaluationOptions::as_of(day);
    Ok(EvaluationOptions {
        hierarchy,
        trend_periods: trend_periods.unwrap_or(defaults.trend_periods),
        pipeline,
        cascade,
        ..defaults
    })
}

/// Splits a goal's target over the plan's periods by its seasonality
/// (evenly without), in cents, so that the periods sum to it exactly.
///
/// @throws {SalesplanError} `"invalid_argument"` for an unknown goal or one
/// without a target.
#[wasm_bindgen(js_name = phaseGoal, unchecked_return_type = "PeriodTarget[]")]
pub fn phase_goal(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(js_name = "goalId", unchecked_param_type = "string")] goal_id: JsValue,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let goal_id = text_from_js("goalId", &goal_id)?;
    let Some(goal) = plan.goal(&goal_id) else {
        let message = format!("the plan has no goal {goal_id:?}");
        return Err(invalid_argument("goalId", message).into());
    };
    to_js(&plan.phase_goal(goal)?)
}
