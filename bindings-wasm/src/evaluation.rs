//! `evaluate` and `EvaluationResult`: an evaluation kept in WebAssembly
//! memory (freed with `free()` or by the garbage collector). It converts
//! only what is asked for: one result found through an index, one field of
//! every result as a column (a `Float64Array` of numbers, or an array of
//! texts), or the whole evaluation as plain objects (`toJSON()`).

use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::Rc;

use rust_decimal::Decimal;
use salesplan::evaluate::{Evaluation, KpiResult, PeriodResult, Status};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::actuals::Actuals;
use crate::evaluate::evaluation_options;
use crate::interop::{invalid_argument, plan_from_js, text_from_js, to_js, Thrown};

/// Evaluates every KPI of a plan against actuals as of a day, for the
/// company and for every node of `options.hierarchy`: target, expected to
/// date, actual, variance, attainment, status, forecasts and trend, and the
/// same per period; and every node's revenue gap split into volume,
/// conversion and deal-size effects. Deals of `options.pipeline` with a
/// `currency` are converted with `options.rates` at the rate in effect on
/// `as_of`. The evaluation stays here: an `EvaluationResult`
/// (`toJSON()` gives it as plain objects, decimals as exact strings).
///
/// @throws {SalesplanError} `"invalid_argument"` for a bad `as_of`, or a
/// deal in another currency without a rate; `"unknown_field"` and
/// `"invalid_type"` with the option's path for other bad options; a plan
/// error when the plan cannot be read.
#[wasm_bindgen(js_name = evaluate)]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    actuals: &Actuals,
    #[wasm_bindgen(unchecked_param_type = "EvaluateOptions")] options: JsValue,
) -> Result<EvaluationResult, Thrown> {
    let plan = plan_from_js(&plan)?;
    let (mut options, rates) = evaluation_options(&options)?;
    if let Some(rates) = crate::actuals::rates_from(rates)? {
        options.pipeline = plan.convert_deals(&options.pipeline, &rates, options.as_of)?;
    }
    Ok(EvaluationResult {
        inner: Rc::new(plan.evaluate(actuals.inner(), &options)?),
        index: OnceCell::new(),
    })
}

/// Every KPI for the company and every node, as `evaluate` gives it,
/// kept in WebAssembly memory: `kpi(id, node)` finds one result through an
/// index; `column(field)` and `texts(field)` give one field of every result
/// (in the order of `toJSON().kpis`), `periodColumn` and `periodTexts` one
/// field of every result's every period; `toJSON()` the whole evaluation
/// as plain objects (so `JSON.stringify(result)` writes it).
///
/// Numbers in columns are the decimals rounded to the nearest double (what
/// `Number(text)` gives for the exact decimal string), `NaN` for none.
#[wasm_bindgen]
pub struct EvaluationResult {
    inner: Rc<Evaluation>,
    /// Positions of the results by KPI, then node; made on first use.
    index: OnceCell<HashMap<String, HashMap<String, usize>>>,
}

#[wasm_bindgen]
impl EvaluationResult {
    /// The day of the evaluation, `YYYY-MM-DD`.
    #[wasm_bindgen(getter, js_name = asOf, unchecked_return_type = "IsoDate")]
    pub fn as_of(&self) -> String {
        self.inner.as_of.to_string()
    }

    /// How many results (KPI × node) there are: the length of every column.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.kpis.len()
    }

    /// How many periods all the results have together: the length of every
    /// period column.
    #[wasm_bindgen(getter, js_name = periodLength)]
    pub fn period_length(&self) -> usize {
        self.inner.kpis.iter().map(|r| r.periods.len()).sum()
    }

    /// One KPI's result for one node (`""`, the default, is the company),
    /// or `undefined` when there is none.
    ///
    /// @throws {SalesplanError} `"invalid_argument"` when `kpiId` or
    /// `node` is not a string.
    #[wasm_bindgen(unchecked_return_type = "KpiResult | undefined")]
    pub fn kpi(
        &self,
        #[wasm_bindgen(js_name = "kpiId", unchecked_param_type = "string")] kpi_id: JsValue,
        node: Option<String>,
    ) -> Result<JsValue, Thrown> {
        let kpi_id = text_from_js("kpiId", &kpi_id)?;
        let node = node.unwrap_or_default();
        match self.position(&kpi_id, &node) {
            Some(i) => parsed(&self.inner.kpis[i]),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The whole evaluation as plain objects (decimals as exact strings).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Evaluation")]
    pub fn to_json(&self) -> Result<JsValue, Thrown> {
        to_js(self.inner())
    }

    /// The same as `toJSON()`.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "Evaluation")]
    pub fn to_object(&self) -> Result<JsValue, Thrown> {
        to_js(self.inner())
    }

    /// One decimal field of every result as numbers (`NaN` for none).
    ///
    /// @throws {SalesplanError} `"invalid_argument"` for another name.
    pub fn column(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KpiNumberField")] name: JsValue,
    ) -> Result<js_sys::Float64Array, Thrown> {
        let name = text_from_js("name", &name)?;
        let field = kpi_number(&name)
            .ok_or_else(|| unknown(&name, "target, actual, expected, variance, attainment, forecast_run_rate, forecast_trend, forecast_pipeline or trend"))?;
        let values: Vec<f64> = self.inner.kpis.iter().map(|r| number(field(r))).collect();
        Ok(js_sys::Float64Array::from(&values[..]))
    }

    /// One text field of every result (`status` is `null` where there is
    /// none).
    ///
    /// @throws {SalesplanError} `"invalid_argument"` for another name.
    #[wasm_bindgen(unchecked_return_type = "(string | null)[]")]
    pub fn texts(
        &self,
        #[wasm_bindgen(unchecked_param_type = "KpiTextField")] name: JsValue,
    ) -> Result<js_sys::Array, Thrown> {
        let name = text_from_js("name", &name)?;
        let rows = self.inner.kpis.iter();
        Ok(match name.as_str() {
            "kpi" => texts(rows.map(|r| Some(r.kpi.as_str())))?,
            "node" => texts(rows.map(|r| Some(r.node.as_str())))?,
            "status" => texts(rows.map(|r| r.status.map(status)))?,
            _ => return Err(unknown(&name, "kpi, node or status")),
        })
    }

    /// One decimal field of every result's every period (`NaN` for none),
    /// results in order, each result's periods in order.
    ///
    /// @throws {SalesplanError} `"invalid_argument"` for another name.
    #[wasm_bindgen(js_name = periodColumn)]
    pub fn period_column(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PeriodNumberField")] name: JsValue,
    ) -> Result<js_sys::Float64Array, Thrown> {
        let name = text_from_js("name", &name)?;
        let field: fn(&PeriodResult) -> Option<Decimal> = match name.as_str() {
            "target" => |p| p.target,
            "actual" => |p| p.actual,
            "attainment" => |p| p.attainment,
            _ => return Err(unknown(&name, "target, actual or attainment")),
        };
        let values: Vec<f64> = self.periods().map(|(_, p)| number(field(p))).collect();
        Ok(js_sys::Float64Array::from(&values[..]))
    }

    /// One text field of every result's every period: the result's `kpi`
    /// and `node`, or the `period`.
    ///
    /// @throws {SalesplanError} `"invalid_argument"` for another name.
    #[wasm_bindgen(js_name = periodTexts, unchecked_return_type = "string[]")]
    pub fn period_texts(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PeriodTextField")] name: JsValue,
    ) -> Result<js_sys::Array, Thrown> {
        let name = text_from_js("name", &name)?;
        let rows = self.periods();
        Ok(match name.as_str() {
            "kpi" => texts(rows.map(|(r, _)| Some(r.kpi.as_str())))?,
            "node" => texts(rows.map(|(r, _)| Some(r.node.as_str())))?,
            "period" => texts(rows.map(|(_, p)| Some(p.period.as_str())))?,
            _ => return Err(unknown(&name, "kpi, node or period")),
        })
    }
}

impl EvaluationResult {
    /// The result of an evaluation.
    pub(crate) fn new(inner: Evaluation) -> EvaluationResult {
        EvaluationResult {
            inner: Rc::new(inner),
            index: OnceCell::new(),
        }
    }

    /// The core's evaluation, for the exports that take one.
    pub(crate) fn inner(&self) -> &Evaluation {
        &self.inner
    }

    /// The core's evaluation, shared.
    pub(crate) fn shared(&self) -> Rc<Evaluation> {
        Rc::clone(&self.inner)
    }

    /// The position of a KPI's result for a node; the first of several,
    /// as a search from the start finds.
    fn position(&self, kpi: &str, node: &str) -> Option<usize> {
        let index = self.index.get_or_init(|| {
            let mut index: HashMap<String, HashMap<String, usize>> = HashMap::new();
            for (i, r) in self.inner.kpis.iter().enumerate() {
                index
                    .entry(r.kpi.clone())
                    .or_default()
                    .entry(r.node.clone())
                    .or_insert(i);
            }
            index
        });
        index.get(kpi)?.get(node).copied()
    }

    fn periods(&self) -> impl Iterator<Item = (&KpiResult, &PeriodResult)> {
        self.inner
            .kpis
            .iter()
            .flat_map(|r| r.periods.iter().map(move |p| (r, p)))
    }
}

type NumberField = fn(&KpiResult) -> Option<Decimal>;

fn kpi_number(name: &str) -> Option<NumberField> {
    Some(match name {
        "target" => |r| r.target,
        "actual" => |r| r.actual,
        "expected" => |r| r.expected,
        "variance" => |r| r.variance,
        "attainment" => |r| r.attainment,
        "forecast_run_rate" => |r| r.forecast_run_rate,
        "forecast_trend" => |r| r.forecast_trend,
        "forecast_pipeline" => |r| r.forecast_pipeline,
        "trend" => |r| r.trend,
        _ => return None,
    })
}

fn unknown(name: &str, known: &str) -> Thrown {
    invalid_argument("name", format!("no column {name:?}; expected {known}")).into()
}

/// A status as the JSON writes it.
fn status(s: Status) -> &'static str {
    match s {
        Status::OnTrack => "on_track",
        Status::AtRisk => "at_risk",
        Status::OffTrack => "off_track",
    }
}

/// Texts as a JavaScript array, through one JSON text: one crossing of
/// the boundary instead of one per text.
fn texts<'a>(rows: impl Iterator<Item = Option<&'a str>>) -> Result<js_sys::Array, Thrown> {
    let rows: Vec<Option<&str>> = rows.collect();
    Ok(parsed(&rows)?.unchecked_into())
}

/// A value as plain objects through its JSON text (`JSON.parse`), which
/// for the results here is faster than building them property by
/// property; the same objects as `to_js` gives.
fn parsed<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, Thrown> {
    let text =
        serde_json::to_string(value).map_err(|e| invalid_argument("value", e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(Thrown::rethrow)
}

/// A decimal as the nearest double, `NaN` for none.
fn number(d: Option<Decimal>) -> f64 {
    d.map_or(f64::NAN, crate::numbers::to_f64)
}
