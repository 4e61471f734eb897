//! The core's evaluation options as the Python faces give them: keyword
//! arguments (`Plan.evaluate`, `Plan.fold`, `Plan.report`) or JSON text of
//! the options themselves (`Plan.replay`, `Plan.scenarios`), read with the
//! core's defaults and checks; and the days every argument names.

use chrono::NaiveDate;
use pyo3::prelude::*;
use salesplan::evaluate::{deals_from_json, deals_from_value, EvaluationOptions};

use crate::errors::CoreError;

/// What `Plan.evaluate` was given, as the core reads it.
pub(crate) struct Request<'a> {
    pub(crate) as_of: &'a str,
    pub(crate) hierarchy: Vec<String>,
    pub(crate) trend_periods: usize,
    /// The open deals as JSON text.
    pub(crate) pipeline: Option<&'a str>,
    /// The tree that cascades targets to the nodes, as JSON text.
    pub(crate) cascade: Option<&'a str>,
}

/// The core's evaluation options for a request (also what a replay and a
/// scenario comparison evaluate with).
pub(crate) fn options(request: Request<'_>) -> PyResult<EvaluationOptions> {
    let as_of = day("as_of", request.as_of)?;
    let pipeline = match request.pipeline {
        Some(text) => deals_from_json(text).map_err(CoreError)?,
        None => Vec::new(),
    };
    let cascade = match request.cascade {
        Some(text) => Some(crate::analysis::node_from_json("cascade", text)?),
        None => None,
    };
    Ok(EvaluationOptions {
        hierarchy: request.hierarchy,
        trend_periods: request.trend_periods,
        pipeline,
        cascade,
        ..EvaluationOptions::as_of(as_of)
    })
}

/// The count of trend periods, taken signed so that a negative count is
/// the library's error, not an `OverflowError` of the conversion.
pub(crate) fn periods(trend_periods: i64) -> Result<usize, CoreError> {
    usize::try_from(trend_periods).map_err(|_| {
        CoreError(salesplan::Error::InvalidArgument {
            name: "trend_periods".into(),
            message: format!("{trend_periods} is not a count of periods"),
        })
    })
}

/// A day (`YYYY-MM-DD`) given as the argument `name`.
pub(crate) fn day(name: &str, text: &str) -> Result<NaiveDate, CoreError> {
    salesplan::calendar::parse_day(name, text).map_err(CoreError)
}

/// The core's evaluation options from their JSON text, read by the core
/// with its defaults and checks; `as_of` defaults to `default_day` when
/// one is given, and a bad day is named as every day argument is.
pub(crate) fn options_from_json(
    text: &str,
    default_day: Option<&str>,
) -> PyResult<EvaluationOptions> {
    let Ok(mut options) = serde_json::from_str::<serde_json::Map<String, _>>(text) else {
        // The core's syntax error, or its error for options that are not an object.
        return EvaluationOptions::from_json(text).map_err(|e| CoreError(e).into());
    };
    if let Some(end) = default_day {
        options.entry("as_of").or_insert_with(|| end.into());
    }
    if let Some(serde_json::Value::String(text)) = options.get("as_of") {
        day("as_of", text)?;
    }
    // The deals are read as the `pipeline` argument is (errors at `/0/amount`).
    let pipeline = match options.remove("pipeline") {
        Some(deals) => deals_from_value(&deals).map_err(CoreError)?,
        None => Vec::new(),
    };
    let options = EvaluationOptions::from_value(&serde_json::Value::Object(options))
        .map_err(|e| CoreError(e.in_options("")))?;
    Ok(EvaluationOptions {
        pipeline,
        ..options
    })
}
