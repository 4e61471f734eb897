//! Forecast accuracy over a history of snapshots, and the snapshot that
//! goes into a history.

use salesplan::accuracy::{History, Snapshot};
use salesplan::risk::Simulation;
use wasm_bindgen::prelude::*;

use crate::interop::{json_from_js, output_from_js, plan_from_js, to_js, Thrown};
use crate::lend::evaluation_from_js;

/// How good the forecasts of a history were against `closing` (what
/// `evaluate` returns as of the period's close): per KPI, node and
/// method (`run_rate`, `trend`, `pipeline`, `simulation_p50`) each
/// snapshot's forecast, the actual, the error (forecast − actual) and its
/// absolute percentage error; MAPE, WAPE and bias; coverage of the
/// simulations' P10–P90; a waterfall ending at the actual; and the
/// company figures pooled by goal owner. Ratios are rounded to four
/// places.
///
/// `history` is text — JSON Lines, one snapshot a line (as `snapshot`
/// makes them), or a JSON document `{"snapshots": [...]}` — or the
/// snapshots as an array, or that document as an object.
///
/// @throws {SalesplanError} `"syntax"` or a document error with the JSON
/// path (in JSON Lines the snapshot's path as in a document, its line in
/// the message) for a history that cannot be read; `"invalid_argument"`
/// with the path for snapshots out of date order, given twice, after the
/// close or naming KPIs the plan does not have.
#[wasm_bindgen(js_name = accuracy, unchecked_return_type = "Accuracy")]
pub fn accuracy(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Snapshot[] | { snapshots: Snapshot[] }")]
    history: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Evaluation | EvaluationResult")] closing: JsValue,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let history = match history.as_string() {
        Some(text) => History::from_text(&text)?,
        None => History::from_value(&json_from_js("history", &history)?)?,
    };
    let closing = evaluation_from_js("closing", &closing)?;
    to_js(&plan.accuracy(&history, &closing)?)
}

/// A snapshot for a forecast history: the evaluation and, when given, the
/// P10/P50/P90 of a simulation made the same day (kept as the company
/// outcome of the KPI that sums the simulated goal's measure). Append
/// `JSON.stringify(snapshot) + "\n"` to a JSON Lines file to keep it.
///
/// @throws {SalesplanError} `"invalid_argument"` for a simulation of
/// another day or of a goal no KPI sums, or arguments that are not an
/// evaluation or a simulation.
#[wasm_bindgen(js_name = snapshot, unchecked_return_type = "Snapshot")]
pub fn snapshot(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Evaluation | EvaluationResult")] evaluation: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Simulation | null")] simulation: Option<
        JsValue,
    >,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let evaluation = evaluation_from_js("evaluation", &evaluation)?;
    let simulations: Vec<Simulation> = match simulation {
        Some(s) if !s.is_undefined() && !s.is_null() => vec![output_from_js("simulation", &s)?],
        _ => Vec::new(),
    };
    to_js(&Snapshot::new(&plan, &evaluation, &simulations)?)
}
