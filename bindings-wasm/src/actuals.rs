//! Actuals: what really happened, read once against a plan and kept in
//! WebAssembly memory (an `Actuals` object, freed with `free()` or by the
//! garbage collector) so that evaluations do not read them again.

use salesplan::actuals::{LoadMode, LoadReport, LoadWarning, Observation, Rates, RowProblem};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::interop::{
    invalid_argument, options_from_js, plain_json_text_from_js, plan_from_js, text_from_js, to_js,
    type_name, Thrown,
};

/// Observations of a plan's measures, each a date, a measure, an exact value
/// and dimension tags, as read by `loadActuals` or the static `from*`
/// methods. Rows are checked against the plan: a bad date or number or an
/// unknown measure throws a `SalesplanError` with code `"invalid_actuals"`
/// and every bad row in `problems`, unless `lenient`, which skips bad rows
/// and keeps them in `problems` here. Valid rows dated outside the plan
/// period are kept, not evaluated, and reported in `warnings`.
#[wasm_bindgen]
pub struct Actuals {
    inner: salesplan::actuals::Actuals,
    problems: Vec<RowProblem>,
    warnings: Vec<LoadWarning>,
}

impl Actuals {
    /// The observations, for the evaluation.
    pub(crate) fn inner(&self) -> &salesplan::actuals::Actuals {
        &self.inner
    }

    /// The rows of a load for `plan`, with its warnings.
    pub(crate) fn loaded(report: LoadReport, plan: &salesplan::Plan) -> Actuals {
        let warnings = report.warnings(plan);
        Actuals {
            inner: report.actuals,
            problems: report.problems,
            warnings,
        }
    }
}

/// Options of the `Actuals.from*` methods.
#[derive(Debug, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an options object such as {\"lenient\": true}"
)]
struct Lenient {
    #[serde(default)]
    lenient: bool,
    /// A rate table: CSV or JSON text, or an array of `{date, from, to,
    /// rate}`.
    rates: Option<serde_json::Value>,
}

/// Options of `loadActuals`.
#[derive(Debug, Default, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an options object such as {\"format\": \"csv\"}"
)]
struct LoadOptions {
    format: Option<Format>,
    #[serde(default)]
    lenient: bool,
    rates: Option<serde_json::Value>,
}

/// How to load: the mode and the rate table of the options.
pub(crate) struct Load {
    pub(crate) mode: LoadMode,
    pub(crate) rates: Option<Rates>,
}

impl Load {
    /// The core's options, borrowing the rate table.
    pub(crate) fn options(&self) -> salesplan::actuals::LoadOptions<'_> {
        salesplan::actuals::LoadOptions {
            mode: self.mode,
            rates: self.rates.as_ref(),
        }
    }
}

/// A rate table given as text (CSV, or JSON starting with `[`) or as an
/// array of `{date, from, to, rate}`.
pub(crate) fn rates_from(value: Option<serde_json::Value>) -> Result<Option<Rates>, Thrown> {
    Ok(match value {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(text)) => Some(Rates::from_text(&text)?),
        Some(rows @ serde_json::Value::Array(_)) => Some(Rates::from_value(&rows)?),
        Some(_) => {
            let message = "expected CSV or JSON text or an array of {date, from, to, rate}";
            return Err(invalid_argument("options.rates", message.to_owned()).into());
        }
    })
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Format {
    Csv,
    Json,
}

pub(crate) fn mode(lenient: bool) -> LoadMode {
    if lenient {
        LoadMode::Lenient
    } else {
        LoadMode::Strict
    }
}

#[wasm_bindgen]
impl Actuals {
    /// Reads CSV text with a header row: `date` (`YYYY-MM-DD`), `measure`
    /// and `value` (an exact decimal; `"1,200.50"` and `"3.5万"` are read
    /// too); every other column is a tag, an empty cell meaning none, but
    /// `currency` (rows converted at `options.rates`) and `credit` (rows
    /// split between values of a dimension).
    ///
    /// @throws {SalesplanError} `"invalid_actuals"` with `problems`.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LoadOptions")] options: Option<JsValue>,
    ) -> Result<Actuals, Thrown> {
        let load = load_options(options)?;
        let text = text_from_js("text", &text)?;
        let plan = plan_from_js(&plan)?;
        let report = plan.actuals_from_csv_with(&text, &load.options())?;
        Ok(Actuals::loaded(report, &plan))
    }

    /// Reads a JSON array of `{date, measure, value, tags}`.
    ///
    /// @throws {SalesplanError} `"syntax"`, or `"invalid_actuals"` with `problems`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LoadOptions")] options: Option<JsValue>,
    ) -> Result<Actuals, Thrown> {
        let load = load_options(options)?;
        let text = text_from_js("text", &text)?;
        let plan = plan_from_js(&plan)?;
        let report = plan.actuals_from_json_with(&text, &load.options())?;
        Ok(Actuals::loaded(report, &plan))
    }

    /// Reads observations `{date, measure, value, tags}`, as `toRecords`
    /// gives them; `value` may be a decimal string or a number.
    ///
    /// @throws {SalesplanError} `"invalid_actuals"` with `problems`.
    #[wasm_bindgen(js_name = fromRecords)]
    pub fn from_records(
        #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ObservationInput[]")] records: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LoadOptions")] options: Option<JsValue>,
    ) -> Result<Actuals, Thrown> {
        let load = load_options(options)?;
        let text = records_json(&records)?;
        let plan = plan_from_js(&plan)?;
        let report = plan.actuals_from_json_with(&text, &load.options())?;
        Ok(Actuals::loaded(report, &plan))
    }

    /// How many observations were read.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.len()
    }

    /// The rows a lenient load skipped, with why (a fresh array).
    #[wasm_bindgen(getter, unchecked_return_type = "RowProblem[]")]
    pub fn problems(&self) -> Result<JsValue, Thrown> {
        to_js(&self.problems)
    }

    /// Valid rows the evaluation will not count — rows dated outside the
    /// plan period — with how many, their first row numbers and the dates
    /// they span (a fresh array; empty when there are none).
    #[wasm_bindgen(getter, unchecked_return_type = "LoadWarning[]")]
    pub fn warnings(&self) -> Result<JsValue, Thrown> {
        to_js(&self.warnings)
    }

    /// Every observation in load order, as plain objects that
    /// `Actuals.fromRecords` reads back.
    #[wasm_bindgen(js_name = toRecords, unchecked_return_type = "Observation[]")]
    pub fn to_records(&self) -> Result<JsValue, Thrown> {
        let records: Vec<Observation<'_>> = self.inner.iter().collect();
        to_js(&records)
    }
}

/// Reads actuals from CSV or JSON text, or from an array of observations.
/// Text is JSON when it starts with `[` or `{` (after blanks), CSV
/// otherwise; `options.format` says which instead.
///
/// @throws {SalesplanError} `"invalid_actuals"` with `problems`, `"syntax"`
/// for malformed JSON, `"invalid_argument"` for any other source.
#[wasm_bindgen(js_name = loadActuals)]
pub fn load_actuals(
    #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | ObservationInput[]")] source: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LoadActualsOptions")] options: Option<JsValue>,
) -> Result<Actuals, Thrown> {
    let options: LoadOptions = options_from_js("options", &options.unwrap_or(JsValue::UNDEFINED))?;
    let plan = plan_from_js(&plan)?;
    let load = Load {
        mode: mode(options.lenient),
        rates: rates_from(options.rates)?,
    };
    let load = load.options();
    let report = if let Some(text) = source.as_string() {
        let json = text.trim_start().starts_with(['[', '{']);
        match options.format {
            Some(Format::Json) => plan.actuals_from_json_with(&text, &load)?,
            Some(Format::Csv) => plan.actuals_from_csv_with(&text, &load)?,
            None if json => plan.actuals_from_json_with(&text, &load)?,
            None => plan.actuals_from_csv_with(&text, &load)?,
        }
    } else if js_sys::Array::is_array(&source) {
        plan.actuals_from_json_with(&records_json(&source)?, &load)?
    } else {
        let found = type_name(&source);
        let message =
            format!("expected CSV or JSON text or an array of observations, found {found}");
        return Err(invalid_argument("source", message).into());
    };
    Ok(Actuals::loaded(report, &plan))
}

/// The mode and the rate table of the `Actuals.from*` methods' options.
pub(crate) fn load_options(options: Option<JsValue>) -> Result<Load, Thrown> {
    let Lenient { lenient, rates } =
        options_from_js("options", &options.unwrap_or(JsValue::UNDEFINED))?;
    Ok(Load {
        mode: mode(lenient),
        rates: rates_from(rates)?,
    })
}

/// An array of observations as JSON text for the core's reader, which
/// checks every row (with the same row numbers as the array's).
fn records_json(records: &JsValue) -> Result<String, Thrown> {
    if !js_sys::Array::is_array(records) {
        let found = type_name(records);
        return Err(
            invalid_argument("records", format!("expected an array, found {found}")).into(),
        );
    }
    // Null, NaN and the infinities are all written null here: the reader
    // reports a row without its date or value, and a null tag is none.
    plain_json_text_from_js("records", records)
}
