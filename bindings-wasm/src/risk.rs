//! Risk control: the risk register scored on the plan's matrix and moved by
//! key risk indicators, and the chance of reaching a goal by simulation.
//!
//! The simulation options are written in camelCase in JavaScript (`asOf`,
//! `newBusiness`), as `evaluatePlan`'s are. Their names come from the
//! fields the core's reader knows, so a new option reaches JavaScript
//! without a table to keep up; the core reads and checks the values, and
//! its errors are given back with the JavaScript names in their paths and
//! messages.

use salesplan::evaluate::{deals_from_value, Evaluation};
use salesplan::risk::SimulationOptions;
use salesplan::{DocumentErrorKind, Error};
use serde::de::{Deserialize, Deserializer, Visitor};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::actuals::Actuals;
use crate::interop::{
    invalid_argument, json_from_js, output_from_js, plan_from_js, to_js, type_name, Thrown,
};

/// Scores the plan's risk register on its matrix: every risk's planned,
/// inherent and residual likelihood × impact and band, its exposure
/// (probability × impact amount), totals by category, owner and level, and
/// a heat map. Given an evaluation (what `evaluatePlan` returns), every
/// key risk indicator reads its KPI for the company, and a breached one
/// raises its risk's likelihood; `moves` lists the risks that moved.
///
/// @throws {SalesplanError} a plan error when the plan cannot be read,
/// `"invalid_argument"` when `evaluation` is not an evaluation.
#[wasm_bindgen(js_name = riskRegister, unchecked_return_type = "RiskRegister")]
pub fn risk_register(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Evaluation | null")] evaluation: Option<
        JsValue,
    >,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let evaluation: Option<Evaluation> = match evaluation {
        Some(e) if !e.is_undefined() && !e.is_null() => Some(output_from_js("evaluation", &e)?),
        _ => None,
    };
    to_js(&plan.risk_register(evaluation.as_ref()))
}

/// Simulates the chance of reaching a goal's target (by default the first
/// revenue goal without a segment): the goal's measure closed to `asOf` in
/// the actuals, plus every open deal closing after `asOf` and by the
/// goal's deadline, won with its probability (at an amount drawn from
/// `amount_low`–`amount_high` when it gives them), plus new business fitted
/// from the completed periods unless `newBusiness` is `"none"`. `actuals`
/// may be `null` for the pipeline alone. The same seed gives the same
/// numbers as every other build of salesplan. The simulation runs on one
/// thread here; `threads` is read and ignored.
///
/// @throws {SalesplanError} `"unknown_field"`, `"missing_field"`,
/// `"invalid_type"` or `"invalid_value"` with a path for options that
/// cannot be read (`/asOf`), a deal's path for a bad pipeline (`/1/amount`),
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
    let names = option_names();
    let mut renamed = Map::new();
    for (key, value) in given {
        let Some((_, core)) = names.iter().find(|(js, _)| *js == key) else {
            return Err(unknown_option(&key, &names, at).into());
        };
        renamed.insert(core.clone(), value);
    }
    let mut options = SimulationOptions::from_value(&Value::Object(renamed))
        .map_err(|e| respell(e, &names, at))?;
    // WebAssembly has no threads here; the result does not depend on them.
    options.threads = 1;
    Ok(options)
}

/// `(JavaScript name, core name)` of every simulation option, in the
/// core's order: the fields its reader knows.
fn option_names() -> Vec<(String, String)> {
    let mut fields: &[&str] = &[];
    let _ = SimulationOptions::deserialize(FieldNames(&mut fields));
    fields
        .iter()
        .map(|&f| (camel_case(f), f.to_owned()))
        .collect()
}

/// `as_of` → `asOf`.
fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// The error the core gives for an unknown field, with the JavaScript
/// names, at `at`.
fn unknown_option(key: &str, names: &[(String, String)], at: &str) -> Error {
    let expected: Vec<String> = names.iter().map(|(js, _)| format!("`{js}`")).collect();
    Error::Document {
        kind: DocumentErrorKind::UnknownField,
        path: format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
        message: format!(
            "unknown field `{key}`, expected one of {}",
            expected.join(", ")
        ),
    }
}

/// A core error about the options, with the JavaScript names in its path
/// and message, and its path put under `at`.
fn respell(error: Error, names: &[(String, String)], at: &str) -> Thrown {
    let Error::Document {
        kind,
        mut path,
        mut message,
    } = error
    else {
        return error.into();
    };
    for (js, core) in names.iter().filter(|(js, core)| js != core) {
        let field = format!("/{core}");
        if path == field || path.starts_with(&format!("{field}/")) {
            path.replace_range(..field.len(), &format!("/{js}"));
        }
        message = message.replace(&format!("`{core}`"), &format!("`{js}`"));
    }
    Error::Document {
        kind,
        path: format!("{at}{path}"),
        message,
    }
    .into()
}

/// A deserializer that reads nothing: it only notes the field names a
/// struct's reader asks for.
struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("field names only"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(serde::de::Error::custom("field names only"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}
