//! Whole-plan monitoring (`salesplan::monitor`): `monitor` and the
//! `monitoring` of an `EvaluationResult`.

use salesplan::accuracy::Accuracy;
use salesplan::monitor::{updates_from_text, updates_from_value, MonitorInputs};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::evaluation::EvaluationResult;
use crate::interop::{options_from_js, plan_from_js, to_js, Thrown};
use crate::lend::evaluation_from_js;

/// The JavaScript options of [`monitor`].
#[derive(Debug, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an options object such as {\"updates\": [...], \"resources\": \"date,measure,...\"}"
)]
struct MonitorOptions {
    /// Progress updates: CSV or JSON text, or the updates themselves.
    updates: Option<serde_json::Value>,
    /// Resource actuals: CSV or JSON text, or rows in the actuals format.
    resources: Option<serde_json::Value>,
    /// A forecast accuracy, as `accuracy` gives it (or its JSON text).
    accuracy: Option<serde_json::Value>,
}

/// A copy of an evaluation (an `EvaluationResult` or what `evaluate`
/// returns) that carries the plan's monitoring as of its day: every
/// task's schedule status, progress, slip and forecast finish, the
/// critical path and each milestone's forecast; budget burn and capacity
/// against plan from `resources` (`spend` rows tagged `budget_line`,
/// `heads` rows tagged `headcount`); each strategy's effect, assumed
/// against realised. `updates` are dated progress reports (`{date, task,
/// status, progress, note}`, as objects or CSV/JSON text); the latest on
/// or before the day wins; `accuracy` (what `accuracy` returns) gives the
/// `forecast("K-REV")` facts. Rules and risk signals read these facts.
///
/// @throws {SalesplanError} `"invalid_value"` with the path of an update
/// that names an unknown task (`/3/task`), `"invalid_actuals"` for
/// resource rows naming no budget or headcount line.
#[wasm_bindgen(js_name = monitor)]
pub fn monitor(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluationResult | Evaluation")] evaluation: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MonitorOptions")] options: JsValue,
) -> Result<EvaluationResult, Thrown> {
    let plan = plan_from_js(&plan)?;
    let evaluation = evaluation_from_js("evaluation", &evaluation)?;
    let options: MonitorOptions = options_from_js("options", &options)?;
    let updates = match &options.updates {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::String(text)) => updates_from_text(&plan, text)?,
        Some(value) => updates_from_value(&plan, value)?,
    };
    let resources = match &options.resources {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(text)) => Some(plan.resources_from_text(text)?),
        Some(value) => Some(plan.resources_from_text(&value.to_string())?),
    };
    let accuracy = match &options.accuracy {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(text)) => Some(Accuracy::from_json(text)?),
        Some(value) => Some(Accuracy::from_json(&value.to_string())?),
    };
    let inputs = MonitorInputs {
        updates: &updates,
        resources: resources.as_ref(),
        accuracy: accuracy.as_ref(),
    };
    Ok(EvaluationResult::new(
        plan.evaluate_monitored(&evaluation, &inputs)?,
    ))
}

#[wasm_bindgen]
impl EvaluationResult {
    /// The plan's monitoring as plain objects, or `null` when the
    /// evaluation was not monitored (see `monitor`).
    #[wasm_bindgen(getter, unchecked_return_type = "Monitoring | null")]
    pub fn monitoring(&self) -> Result<JsValue, Thrown> {
        match &self.inner().monitoring {
            Some(m) => to_js(m),
            None => Ok(JsValue::NULL),
        }
    }
}
