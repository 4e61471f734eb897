//! `Evaluation`: the plan's KPIs against actuals as of a date. The Python
//! class `salesplan.Evaluation` builds on it (typed dicts, DataFrames).

use chrono::NaiveDate;
use pyo3::prelude::*;
use salesplan::evaluate::{deals_from_json, Evaluation, EvaluationOptions};

use crate::actuals::PyActuals;
use crate::errors::CoreError;

/// The evaluation of a plan against actuals, as the core made it.
#[pyclass(frozen, module = "salesplan._native", name = "Evaluation")]
pub(crate) struct PyEvaluation {
    pub(crate) inner: Evaluation,
}

#[pymethods]
impl PyEvaluation {
    /// The day it was made, `YYYY-MM-DD`.
    #[getter]
    fn as_of(&self) -> String {
        self.inner.as_of.to_string()
    }

    /// Every KPI for every node as JSON text (decimals as strings).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(crate::json_error)
    }

    fn __repr__(&self) -> String {
        format!(
            "Evaluation(as_of={}, results={})",
            self.inner.as_of,
            self.inner.kpis.len()
        )
    }
}

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

/// Evaluates `plan` against `actuals`, without holding the GIL.
pub(crate) fn evaluate(
    py: Python<'_>,
    plan: &salesplan::Plan,
    actuals: &PyActuals,
    request: Request<'_>,
) -> PyResult<PyEvaluation> {
    let options = options(request)?;
    let inner = py
        .detach(|| plan.evaluate(&actuals.inner, &options))
        .map_err(CoreError)?;
    Ok(PyEvaluation { inner })
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

/// A day (`YYYY-MM-DD`) given as the argument `name`.
pub(crate) fn day(name: &str, text: &str) -> Result<NaiveDate, CoreError> {
    text.trim().parse().map_err(|_| {
        CoreError(salesplan::Error::InvalidArgument {
            name: name.into(),
            message: format!("{text:?} is not a date (YYYY-MM-DD)"),
        })
    })
}

/// Scorecards of an evaluation as JSON text (see
/// `salesplan::evaluate::scorecard`).
pub(crate) fn scorecards_json(
    plan: &salesplan::Plan,
    evaluation: &PyEvaluation,
    rubrics: &str,
    rubric_share: &str,
    cap: &str,
) -> PyResult<String> {
    use salesplan::evaluate::scorecard::{RubricScore, ScorecardOptions};
    let invalid = |name: &str, message: String| {
        CoreError(salesplan::Error::InvalidArgument {
            name: name.into(),
            message,
        })
    };
    let rubrics: Vec<RubricScore> =
        serde_json::from_str(rubrics).map_err(|e| invalid("rubrics", e.to_string()))?;
    let decimal = |name: &str, text: &str| {
        text.trim()
            .parse()
            .map_err(|_| invalid(name, format!("{text:?} is not a decimal number")))
    };
    let options = ScorecardOptions {
        rubric_share: decimal("rubric_share", rubric_share)?,
        cap: decimal("cap", cap)?,
    };
    let cards = plan
        .scorecards(&evaluation.inner, &rubrics, &options)
        .map_err(CoreError)?;
    serde_json::to_string(&cards).map_err(crate::json_error)
}
