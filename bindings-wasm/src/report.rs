//! `report`: the plan review as of a day (`salesplan::report`), as one
//! self-contained HTML document or Markdown, in Chinese or English — the
//! same text the Rust and Python faces write.

use salesplan::report::{ReportOptions, ReviewOptions};
use serde::Deserialize;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::actuals::Actuals;
use crate::evaluate::{core_options, date};
use crate::interop::{invalid_argument, options_from_js, plan_from_js, Thrown};
use crate::risk::simulation_options_at;

/// The JavaScript options of [`report`].
#[derive(Debug, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an options object such as {\"as_of\": \"2026-06-30\", \"lang\": \"en\"}"
)]
struct ReportJsOptions {
    as_of: Option<String>,
    #[serde(default)]
    hierarchy: Vec<String>,
    pipeline: Option<Value>,
    lang: Option<String>,
    format: Option<String>,
    simulation: Option<Value>,
}

/// Writes the plan review (经营复盘) as of `options.as_of`: headline, KPIs
/// by node, the gap explained, risks, the simulation, the rules' proposals
/// with what accepting them would change, tasks and budget. `lang`: `"zh"`
/// (default) or `"en"`; `format`: `"html"` (default) or `"md"`;
/// `simulation`: `simulate`'s options without `as_of` (`{}` by default:
/// 10,000 trials, seed 0), or `false` to leave it out.
///
/// @throws {SalesplanError} `"invalid_argument"` for a bad option; as
/// `evaluate` and `simulate` for the rest.
#[wasm_bindgen(js_name = report)]
pub fn report(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    actuals: &Actuals,
    #[wasm_bindgen(unchecked_param_type = "ReviewOptions")] options: JsValue,
) -> Result<String, Thrown> {
    let plan = plan_from_js(&plan)?;
    let given: ReportJsOptions = options_from_js("options", &options)?;
    let Some(as_of) = given.as_of else {
        return Err(invalid_argument("options", "as_of is required (YYYY-MM-DD)").into());
    };
    let day = date("as_of", &as_of)?;
    let mut evaluation = Map::new();
    evaluation.insert("as_of".into(), Value::String(day.to_string()));
    evaluation.insert("hierarchy".into(), given.hierarchy.into());
    if let Some(pipeline) = given.pipeline {
        evaluation.insert("pipeline".into(), pipeline);
    }
    let evaluation = core_options(evaluation)?;
    let simulation = match given.simulation {
        Some(Value::Bool(false)) | Some(Value::Null) => None,
        None => Some(simulation_options_at(
            with_day(Map::new(), &as_of),
            "/simulation",
        )?),
        Some(Value::Object(map)) => {
            Some(simulation_options_at(with_day(map, &as_of), "/simulation")?)
        }
        Some(other) => {
            let message = format!("expected simulation options or false, found {other}");
            return Err(invalid_argument("simulation", message).into());
        }
    };
    let report = ReportOptions {
        lang: given.lang.as_deref().unwrap_or("zh").parse()?,
        format: given.format.as_deref().unwrap_or("html").parse()?,
    };
    let options = ReviewOptions {
        evaluation,
        simulation,
        report,
    };
    Ok(plan.review(actuals.inner(), &options)?)
}

/// Simulation options as of the review's day.
fn with_day(options: Map<String, Value>, as_of: &str) -> Map<String, Value> {
    let mut options = crate::interop::snake_case_map(options);
    options.insert("as_of".into(), Value::String(as_of.to_owned()));
    options
}
