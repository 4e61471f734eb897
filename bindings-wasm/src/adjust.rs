//! Adjustment (调整机制): the plan's rules proposing changes from an
//! evaluation, proposals accepted or edits made into new revisions, diffs,
//! replays of the rules over the past and what-if scenarios beside the
//! base. The log of revisions is the `History` class (see [`history`]).
//!
//! Proposals, revisions, patches, scenarios and replays are plain objects
//! with the core's snake_case fields, as results are everywhere in this
//! package, and so are options (`until`, `simulation.run_rate_factor`).
//! A change that would make the plan invalid throws a `SalesplanError`
//! with code `"rejected"` and every diagnostic in `diagnostics`.
//!
//! [`history`]: crate::history

use salesplan::adjust::engine::{Accepted, Proposal};
use salesplan::adjust::patch::patch_from_value;
use salesplan::adjust::{Change, PatchOp, Revised, Revision, Scenario};
use salesplan::Plan;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::actuals::Actuals;
use crate::evaluate::{evaluation_options_from, replay_options};
use crate::interop::{
    invalid_argument, json_from_js, options_object, plan_from_js, snake_case_map, to_js, type_name,
    value_from_js, Thrown,
};
use crate::lend::evaluation_from_js;
use crate::risk::simulation_options_at;

/// What the plan's rules propose as of the evaluation's day: every enabled
/// rule whose condition holds on the evaluation and the risk register it
/// moves, with the facts it read and their values, an explanation and the
/// actions it proposes, highest priority first. Proposals that touch the
/// same budget line, goal, KPI, risk, strategy or task are listed in
/// `conflicts`. `accepted` lists proposals accepted before (`{rule,
/// as_of}`, as `History.accepted()` gives them): a rule within its
/// `cooldown_periods` of one of its own is held back and listed in
/// `suppressed`.
///
/// @throws {SalesplanError} `"invalid_argument"` naming the first rule
/// whose condition does not compile, with its column (`validate`
/// reports them all), or for an `evaluation` or `accepted` that cannot be
/// read; a plan error when the plan cannot be read.
#[wasm_bindgen(js_name = propose, unchecked_return_type = "Proposals")]
pub fn propose(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Evaluation | EvaluationResult")] evaluation: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Accepted[] | null")] accepted: Option<JsValue>,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let evaluation = evaluation_from_js("evaluation", &evaluation)?;
    let accepted: Vec<Accepted> = match accepted {
        Some(a) if !a.is_undefined() && !a.is_null() => value_from_js("accepted", &a)?,
        _ => Vec::new(),
    };
    to_js(&plan.propose(&evaluation, &accepted)?)
}

/// Accepts proposals into a new revision of the plan: their actions in
/// order, then validation. `proposals` is what `propose` returns (all of
/// them are accepted) or an array of its proposals (those chosen).
/// `change` says who, when (RFC 3339 text, or a `Date`) and why; the
/// library never reads the clock. `evaluation` is the one the proposals
/// came from, which `rephase` actions need. Gives the new plan, numbered
/// one up with its `revision` member, and the record of the revision with
/// the JSON Patch from the old plan. The plan given is never changed.
///
/// @throws {SalesplanError} `"rejected"` with `diagnostics` when the new
/// plan would have errors, `"invalid_argument"` for a change without an
/// author or reason or with a bad time, or an action that cannot be
/// carried out (a budget line that does not exist, more than it holds).
#[wasm_bindgen(js_name = apply, unchecked_return_type = "Revised")]
pub fn apply_proposals(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Proposals | Proposal[]")] proposals: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Change")] change: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Evaluation | EvaluationResult | null")]
    evaluation: Option<JsValue>,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let proposals = proposals_from_js(&proposals)?;
    let change = change_from_js(&change)?;
    let evaluation = match evaluation {
        Some(e) if !e.is_undefined() && !e.is_null() => Some(evaluation_from_js("evaluation", &e)?),
        _ => None,
    };
    revised_to_js(&plan.apply(&proposals, &change, evaluation.as_deref())?)
}

/// A manual edit as a new revision: `patch` is a JSON Patch (RFC 6902) on
/// the plan's content, applied whole or not at all; it may not touch
/// `/revision`. Gives `{plan, revision}` as `apply` does, and is
/// refused the same way when the result has errors.
///
/// @throws {SalesplanError} `"rejected"` with `diagnostics`; an operation
/// that cannot be read with its path in the patch (`/0/op`);
/// `"invalid_argument"` naming the operation that cannot be applied
/// (`patch/1`) or a bad change; a document error when the result is not a
/// plan document.
#[wasm_bindgen(js_name = edit, unchecked_return_type = "Revised")]
pub fn edit_plan(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PatchOp[]")] patch: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Change")] change: JsValue,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let patch = patch_from_js("patch", &patch)?;
    let change = change_from_js(&change)?;
    revised_to_js(&plan.edit(&patch, &change)?)
}

/// A copy of a plan document with a JSON Patch (RFC 6902) applied, whole
/// or not at all, as `edit` applies it but without making a revision or
/// checking the result (`parsePlan` or `validate` do that).
///
/// @throws {SalesplanError} an operation that cannot be read with its path
/// in the patch (`/0/op`); `"invalid_argument"` naming the operation that
/// cannot be applied (`patch/1`).
#[wasm_bindgen(js_name = applyPatch, unchecked_return_type = "PlanDocument")]
pub fn apply_patch(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument")] document: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PatchOp[]")] patch: JsValue,
) -> Result<JsValue, Thrown> {
    let document = json_from_js("document", &document)?;
    let patch = patch_from_js("patch", &patch)?;
    to_js(&salesplan::adjust::patch::apply(&document, &patch)?)
}

/// The JSON Patch that turns plan `a`'s content into plan `b`'s, their
/// `revision` members aside: `edit(a, diff(a, b), change).plan`
/// has `b`'s content.
///
/// @throws {SalesplanError} when either plan cannot be read.
#[wasm_bindgen(js_name = diff, unchecked_return_type = "PatchOp[]")]
pub fn diff_plans(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] b: JsValue,
) -> Result<JsValue, Thrown> {
    let a = plan_from_js(&a)?;
    let b = plan_from_js(&b)?;
    to_js(&Plan::diff(&a, &b))
}

/// Replays the rules over the actuals: at the end of every plan period
/// from the plan's start until the last period the actuals reach, or
/// `options.until` (by default the plan's end), the plan is evaluated and
/// its rules proposed against as `propose` does, each proposal taken as
/// accepted the day it fires so that cooldowns play out. The plan is not
/// revised along the way. `hierarchy`, `trend_periods`, `pipeline` and
/// `cascade` are as for `evaluate`. Gives every step and, per rule,
/// when it first fired and how often.
///
/// @throws {SalesplanError} as `evaluate` and `propose`.
#[wasm_bindgen(js_name = replay, unchecked_return_type = "Replay")]
pub fn replay(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    actuals: &Actuals,
    #[wasm_bindgen(unchecked_optional_param_type = "ReplayOptions")] options: Option<JsValue>,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let options = replay_options(&plan, &options.unwrap_or(JsValue::UNDEFINED))?;
    to_js(&plan.replay(actuals.inner(), &options)?)
}

/// What-if scenarios beside the plan as it is (`"base"`, first): each
/// scenario is a named JSON Patch on the plan (`{name, description?,
/// patch, run_rate_factor?}`), evaluated against the same actuals as of
/// `options.as_of`. A row gives the plan's errors and warnings, the revenue
/// goal's target, sales capacity and its gap, the budget, attainment and
/// forecast to date, the KPIs off track and the rules that would fire. With
/// `options.simulation` (the options of `simulate`, as of `options.as_of`,
/// which it may leave out) each is also simulated, the scenario's
/// `run_rate_factor` scaling the new business. A scenario whose plan has
/// errors still gets a row, with its error count.
///
/// @throws {SalesplanError} `"invalid_argument"` for a duplicate name, a
/// scenario that cannot be read (`scenarios/0`) or whose patch cannot be
/// applied (`scenarios/0/patch`), a `simulation.as_of` other than `as_of`;
/// simulation options as `simulate` does, with paths under `/simulation`;
/// as `evaluate` otherwise.
#[wasm_bindgen(js_name = scenarios, unchecked_return_type = "ScenarioComparison")]
pub fn compare_scenarios(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scenario[]")] scenarios: JsValue,
    actuals: &Actuals,
    #[wasm_bindgen(unchecked_param_type = "ScenariosOptions")] options: JsValue,
) -> Result<JsValue, Thrown> {
    let plan = plan_from_js(&plan)?;
    let scenarios = scenarios_from_js(&scenarios)?;
    let mut given = options_object("options", &options)?;
    let simulation = given.remove("simulation");
    let (evaluation, rates) = evaluation_options_from(given)?;
    if rates.is_some() {
        let message =
            "scenarios evaluate the actuals as loaded; convert the pipeline's deals first";
        return Err(invalid_argument("options.rates", message).into());
    }
    let simulation = match simulation {
        None | Some(Value::Null) => None,
        Some(Value::Object(given)) => {
            let mut given = snake_case_map(given);
            let day = evaluation.as_of.to_string();
            given
                .entry("as_of")
                .or_insert_with(|| Value::String(day.clone()));
            let options = simulation_options_at(given, "/simulation")?;
            if options.as_of != evaluation.as_of {
                let message = format!(
                    "as_of {} is not the evaluation's day {day}; the scenarios are simulated as of options.as_of (leave it out)",
                    options.as_of
                );
                return Err(invalid_argument("simulation", message).into());
            }
            Some(options)
        }
        Some(other) => {
            let message = format!("expected an object, found {}", json_type(&other));
            return Err(invalid_argument("simulation", message).into());
        }
    };
    to_js(&plan.scenarios(
        &scenarios,
        actuals.inner(),
        &evaluation,
        simulation.as_ref(),
    )?)
}

/// `{plan, revision}`, as JavaScript gets a [`Revised`].
#[derive(Serialize)]
struct RevisedOut<'a> {
    plan: &'a Plan,
    revision: &'a Revision,
}

/// A [`Revised`] as a plain `{plan, revision}` object.
pub(crate) fn revised_to_js(revised: &Revised) -> Result<JsValue, Thrown> {
    to_js(&RevisedOut {
        plan: &revised.plan,
        revision: &revised.revision,
    })
}

/// Reads `{author, at, reason}`; a `Date` in `at` arrives as its ISO text.
pub(crate) fn change_from_js(change: &JsValue) -> Result<Change, Thrown> {
    value_from_js("change", change)
}

/// Reads a JSON Patch, with the path of an operation that does not fit.
pub(crate) fn patch_from_js(name: &str, patch: &JsValue) -> Result<Vec<PatchOp>, Thrown> {
    Ok(patch_from_value(&json_from_js(name, patch)?)?)
}

/// The proposals to accept: the object `propose` returns (all of its
/// proposals) or an array of proposals.
fn proposals_from_js(value: &JsValue) -> Result<Vec<Proposal>, Thrown> {
    let items = match json_from_js("proposals", value)? {
        Value::Array(items) => items,
        Value::Object(mut map) => match map.remove("proposals") {
            Some(Value::Array(items)) => items,
            _ => {
                let message = "expected what propose returns or an array of proposals, found an object without a proposals array";
                return Err(invalid_argument("proposals", message).into());
            }
        },
        _ => {
            let found = type_name(value);
            let message =
                format!("expected what propose returns or an array of proposals, found {found}");
            return Err(invalid_argument("proposals", message).into());
        }
    };
    list("proposals", items)
}

/// Reads the scenarios, each named by its index when it cannot be read.
fn scenarios_from_js(value: &JsValue) -> Result<Vec<Scenario>, Thrown> {
    match json_from_js("scenarios", value)? {
        Value::Array(items) => list("scenarios", items),
        _ => {
            let found = type_name(value);
            let message = format!("expected an array of scenarios, found {found}");
            Err(invalid_argument("scenarios", message).into())
        }
    }
}

/// Every item read as `T`; an item that does not fit is named
/// `{name}/{index}`.
fn list<T: for<'de> Deserialize<'de>>(name: &str, items: Vec<Value>) -> Result<Vec<T>, Thrown> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            T::deserialize(item)
                .map_err(|e| invalid_argument(&format!("{name}/{i}"), e.to_string()).into())
        })
        .collect()
}

/// The JSON type of a value, for messages.
pub(crate) fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
