//! `Partial`: the folds of some batches of actuals, to merge and evaluate
//! (see `salesplan::evaluate::Partial`): `fold` one batch, `merge` others
//! in any order, `evaluatePartial` the merge — the evaluation `evaluate`
//! gives for all the rows in batch order. `toBytes()` is what a worker
//! posts to another.

use salesplan::evaluate::EvaluationOptions;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::actuals::Actuals;
use crate::evaluate::{core_options, date};
use crate::evaluation::EvaluationResult;
use crate::interop::{options_from_js, plan_from_js, Thrown};

/// The JavaScript options of [`fold`].
#[derive(Debug, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an options object such as {\"as_of\": \"2026-06-30\", \"batch\": 0}"
)]
struct FoldOptions {
    as_of: String,
    #[serde(default)]
    hierarchy: Vec<String>,
    #[serde(default)]
    batch: u64,
}

/// The JavaScript options of [`evaluate_partial`]: `evaluate`'s, but for
/// the day and the hierarchy, which the partial holds.
#[derive(Debug, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an options object such as {\"trend_periods\": 3}"
)]
struct EvaluatePartialOptions {
    trend_periods: Option<usize>,
    pipeline: Option<serde_json::Value>,
    cascade: Option<serde_json::Value>,
}

/// The folds of some batches of actuals against a plan, as of a day, by
/// the nodes of a hierarchy.
#[wasm_bindgen]
pub struct Partial {
    inner: salesplan::evaluate::Partial,
}

/// Folds one batch of actuals for evaluation as of `options.as_of` by
/// `options.hierarchy`; `options.batch` (a whole number, default 0) places
/// it among the others: batches numbered in the order of the rows evaluate
/// as all the rows do, merged in any order.
///
/// @throws {SalesplanError} `"invalid_argument"` for a bad option, as
/// `evaluate` for the rest.
#[wasm_bindgen(js_name = fold)]
pub fn fold(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    actuals: &Actuals,
    #[wasm_bindgen(unchecked_param_type = "FoldOptions")] options: JsValue,
) -> Result<Partial, Thrown> {
    let plan = plan_from_js(&plan)?;
    let FoldOptions {
        as_of,
        hierarchy,
        batch,
    } = options_from_js("options", &options)?;
    let options = EvaluationOptions {
        hierarchy,
        ..EvaluationOptions::as_of(date("as_of", &as_of)?)
    };
    Ok(Partial {
        inner: plan.fold(actuals.inner(), &options, batch)?,
    })
}

/// Evaluates merged partials as `evaluate` evaluates their rows: an
/// `EvaluationResult`, as of the partial's day, by its hierarchy.
///
/// @throws {SalesplanError} `"invalid_argument"` for a partial folded for
/// another plan, or a bad option.
#[wasm_bindgen(js_name = evaluatePartial)]
pub fn evaluate_partial(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    partial: &Partial,
    #[wasm_bindgen(unchecked_param_type = "EvaluatePartialOptions | undefined")] options: JsValue,
) -> Result<EvaluationResult, Thrown> {
    let plan = plan_from_js(&plan)?;
    let given: EvaluatePartialOptions = if options.is_undefined() {
        EvaluatePartialOptions::default()
    } else {
        options_from_js("options", &options)?
    };
    let mut options = serde_json::Map::new();
    options.insert("as_of".into(), partial.inner.as_of().to_string().into());
    options.insert("hierarchy".into(), partial.inner.hierarchy().into());
    options.insert("trend_periods".into(), given.trend_periods.into());
    options.insert("pipeline".into(), given.pipeline.unwrap_or_default());
    options.insert("cascade".into(), given.cascade.unwrap_or_default());
    let options = core_options(options)?;
    Ok(EvaluationResult::new(
        plan.evaluate_partial(&partial.inner, &options)?,
    ))
}

#[wasm_bindgen]
impl Partial {
    /// Reads the bytes of `toBytes()`.
    ///
    /// @throws {SalesplanError} `"invalid_argument"` for bytes that are not
    /// a partial evaluation.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<Partial, Thrown> {
        Ok(Partial {
            inner: salesplan::evaluate::Partial::from_bytes(bytes)?,
        })
    }

    /// A partial of no rows, for a plan as of a day by a hierarchy: what
    /// merging no batch gives.
    ///
    /// @throws {SalesplanError} as `fold`.
    #[wasm_bindgen(js_name = empty)]
    pub fn empty(
        #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "FoldOptions")] options: JsValue,
    ) -> Result<Partial, Thrown> {
        let plan = plan_from_js(&plan)?;
        let FoldOptions {
            as_of, hierarchy, ..
        } = options_from_js("options", &options)?;
        let options = EvaluationOptions {
            hierarchy,
            ..EvaluationOptions::as_of(date("as_of", &as_of)?)
        };
        Ok(Partial {
            inner: plan.empty_partial(&options)?,
        })
    }

    /// The compact, versioned encoding.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes()
    }

    /// Adds the batches of `other` (folded for the same plan, day and
    /// hierarchy); nothing changes when it throws.
    ///
    /// @throws {SalesplanError} `"invalid_argument"` for partials of
    /// different plans, days or hierarchies.
    pub fn merge(&mut self, other: &Partial) -> Result<(), Thrown> {
        Ok(self.inner.merge(&other.inner)?)
    }

    /// Rows folded, whatever their date.
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> f64 {
        self.inner.rows() as f64
    }

    /// Nodes reached, the company included, over every KPI filter.
    #[wasm_bindgen(getter)]
    pub fn nodes(&self) -> usize {
        self.inner.nodes()
    }

    /// The day it evaluates as of, `YYYY-MM-DD`.
    #[wasm_bindgen(getter, js_name = asOf, unchecked_return_type = "IsoDate")]
    pub fn as_of(&self) -> String {
        self.inner.as_of().to_string()
    }

    /// The hierarchy it was folded by.
    #[wasm_bindgen(getter)]
    pub fn hierarchy(&self) -> Vec<String> {
        self.inner.hierarchy().to_vec()
    }
}
