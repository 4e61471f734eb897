//! Risk control: the risk register scored on the plan's matrix and moved by
//! key risk indicators, and the chance of reaching a goal by simulation.
//!
//! The simulation options are the core's `SimulationOptions`, read by the
//! core with its defaults and checks (keys snake_case, `as_of`, as in every
//! language; see [`snake_case_keys`]).

use salesplan::evaluate::deals_from_value;
use salesplan::risk::SimulationOptions;
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::actuals::Actuals;
use crate::interop::{
    invalid_argument, json_from_js, plan_from_js, snake_case_keys, to_js, type_name, Thrown,
};
use crate::lend::evaluation_from_js;

/// Scores the plan's risk register on its matrix: every risk's planned,
/// inherent and residual likelihood × impact and band, its exposure
/// (probability × impact amount), totals by category, owner and level, and
/// a heat map. Given an evaluation (what `evaluate` returns), every
/// key risk indicator reads its KPI for the company, and a breached one
/// raises its risk's likelihood; `moves` lists the risks that moved.
///
/// @throws {SalesplanError} a plan error when the plan cannot be read,
/// `"invalid_argument"` when `evaluation` is not an evaluation.
#[wasm_bindgen(js_name = riskRegister, unchecked_return_type = "RiskRegister")]
pub fn risk_register(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Evaluation | EvaluationResult | null")]
    evaluation: Option<JsValue>,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let evaluation = match evaluation {
        Some(e) if !e.is_undefined() && !e.is_null() => Some(evaluation_from_js("evaluation", &e)?),
        _ => None,
    };
    to_js(&plan.risk_register(evaluation.as_deref()))
}

/// Simulates the chance of reaching a goal's target (by default the first
/// revenue goal without a segment): the goal's measure closed to `as_of` in
/// the actuals, plus every open deal closing after `as_of` and by the
/// goal's deadline, won with its probability (at an amount drawn from
/// `amount_low`–`amount_high` when it gives them), plus new business fitted
/// from the completed periods unless `new_business` is `"none"`. `actuals`
/// may be `null` for the pipeline alone. The same seed gives the same
/// numbers as every other build of salesplan. The simulation runs on one
/// thread here; `threads` is read and ignored.
///
/// @throws {SalesplanError} `"unknown_field"`, `"missing_field"`,
/// `"invalid_type"` or `"invalid_value"` with a path for options that
/// cannot be read (`/as_of`), a deal's path for a bad pipeline (`/1/amount`),
/// `"invalid_argument"` for options out of range, a goal that cannot be
/// simulated, or `actuals` that are not an `Actuals` object.
#[wasm_bindgen(js_name = simulate, unchecked_return_type = "Simulation")]
pub fn simulate(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Actuals | null | undefined")] actuals: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Deal[] | null | undefined")] pipeline: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SimulationOptions")] options: JsValue,
) -> Result<JsValue, Thrown> {
    if actuals.is_undefined() || actuals.is_null() {
        let empty = salesplan::actuals::Actuals::new();
        return simulate_with(&plan, &empty, &pipeline, &options);
    }
    // wasm-bindgen cannot borrow an `Actuals` that may be null, so the
    // object lends itself through a method that can.
    let lends = js_sys::Reflect::get(&actuals, &LEND.into()).is_ok_and(|f| f.is_function());
    if !lends {
        let found = type_name(&actuals);
        let message = format!("expected an Actuals object or null, found {found}");
        return Err(invalid_argument("actuals", message).into());
    }
    (actuals.unchecked_ref::<Lender>())
        .simulate(&plan, &pipeline, &options)
        .map_err(Thrown::rethrow)
}

/// The name of the hidden method of `Actuals` that runs a simulation.
const LEND: &str = "__simulate";

#[wasm_bindgen]
extern "C" {
    /// An `Actuals` object, seen from Rust as a JavaScript value.
    type Lender;

    #[wasm_bindgen(method, catch, js_name = __simulate)]
    fn simulate(
        this: &Lender,
        plan: &JsValue,
        pipeline: &JsValue,
        options: &JsValue,
    ) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen]
impl Actuals {
    /// `simulate` with these actuals (called by `simulate`).
    #[wasm_bindgen(js_name = __simulate, skip_typescript)]
    pub fn simulate(
        &self,
        plan: JsValue,
        pipeline: JsValue,
        options: JsValue,
    ) -> Result<JsValue, Thrown> {
        simulate_with(&plan, self.inner(), &pipeline, &options)
    }
}

fn simulate_with(
    plan: &JsValue,
    actuals: &salesplan::actuals::Actuals,
    pipeline: &JsValue,
    options: &JsValue,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(plan)?;
    // Deals before options, as the conformance cases read them.
    let deals = if pipeline.is_undefined() || pipeline.is_null() {
        Vec::new()
    } else {
        deals_from_value(&json_from_js("pipeline", pipeline)?)?
    };
    let options = simulation_options(options)?;
    to_js(&plan.simulate(actuals, &deals, &options)?)
}

/// Reads the JavaScript options: each camelCase name becomes the core's
/// name, any other name is refused here, and the core reads the values.
fn simulation_options(options: &JsValue) -> Result<SimulationOptions, Thrown> {
    let given = if options.is_undefined() || options.is_null() {
        Value::Object(Map::new())
    } else {
        json_from_js("options", options)?
    };
    let Value::Object(given) = given else {
        let found = type_name(options);
        return Err(
            invalid_argument("options", format!("expected an object, found {found}")).into(),
        );
    };
    simulation_options_at(given, "")
}

/// The same for options found at `at` (a JSON pointer, `""` for the
/// argument itself) in the object given: errors name them there.
pub(crate) fn simulation_options_at(
    given: Map<String, Value>,
    at: &str,
) -> Result<SimulationOptions, Thrown> {
    let given = snake_case_keys(Value::Object(given));
    let mut options = SimulationOptions::from_value(&given).map_err(|e| e.under(at))?;
    // WebAssembly has no threads here; the result does not depend on them.
    options.threads = 1;
    Ok(options)
}
