//! The evaluation options every export that evaluates reads (`evaluate`,
//! `replay`, `scenarios`, `fold`, `report`), and phasing a goal over the
//! periods.
//!
//! The options are the core's [`EvaluationOptions`], read by the core with
//! its defaults and checks; keys are snake_case (`as_of`,
//! `trend_periods`), see [`snake_case_keys`](crate::interop::snake_case_keys).

use chrono::NaiveDate;
use salesplan::evaluate::{deals_from_value, EvaluationOptions};
use salesplan::Plan;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::interop::{
    invalid_argument, option_error, options_object, plan_from_js, text_from_js, to_js, Thrown,
};

/// Reads `evaluate`'s options (`as_of` required), and takes out `rates`,
/// which convert the pipeline's deals in other currencies.
pub(crate) fn evaluation_options(
    options: &JsValue,
) -> Result<(EvaluationOptions, Option<Value>), Thrown> {
    evaluation_options_from(options_object("options", options)?)
}

/// The same from the options as a JSON object (`scenarios` takes its
/// `simulation` out first).
pub(crate) fn evaluation_options_from(
    mut given: Map<String, Value>,
) -> Result<(EvaluationOptions, Option<Value>), Thrown> {
    let rates = given.remove("rates").filter(|r| !r.is_null());
    if !given.contains_key("as_of") {
        return Err(invalid_argument("options", "as_of is required (YYYY-MM-DD)").into());
    }
    Ok((core_options(given)?, rates))
}

/// The core's options from a JSON object of them. The deals are read as
/// the `pipeline` argument of every language is (errors at `/0/amount`);
/// any other bad option is an `invalid_argument` naming it.
pub(crate) fn core_options(given: Map<String, Value>) -> Result<EvaluationOptions, Thrown> {
    let mut given: Map<String, Value> = given.into_iter().filter(|(_, v)| !v.is_null()).collect();
    // The day named as every day option is, with the text that is not one.
    if let Some(Value::String(day)) = given.get("as_of") {
        date("as_of", day)?;
    }
    let pipeline = match given.remove("pipeline") {
        Some(deals) => deals_from_value(&deals)?,
        None => Vec::new(),
    };
    let options = EvaluationOptions::from_value(&Value::Object(given))
        .map_err(|e| option_error("options", e))?;
    Ok(EvaluationOptions {
        pipeline,
        ..options
    })
}

/// Reads `replay`'s options (all optional): `evaluate`'s, with `until`
/// (the last day, by default the plan's end) for `as_of`.
pub(crate) fn replay_options(plan: &Plan, options: &JsValue) -> Result<EvaluationOptions, Thrown> {
    let mut given = options_object("options", options)?;
    let until = match given.remove("until") {
        Some(Value::String(until)) => date("until", &until)?,
        None | Some(Value::Null) => plan.period.end,
        Some(other) => {
            let message = format!("expected a date (YYYY-MM-DD), found {other}");
            return Err(invalid_argument("until", message).into());
        }
    };
    if given.contains_key("as_of") {
        return Err(invalid_argument("options.as_of", "replay runs until `until`").into());
    }
    given.insert("as_of".into(), Value::String(until.to_string()));
    core_options(given)
}

/// A day (`YYYY-MM-DD`) given as the option `name`.
pub(crate) fn date(name: &str, text: &str) -> Result<NaiveDate, Thrown> {
    Ok(salesplan::calendar::parse_day(name, text)?)
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
