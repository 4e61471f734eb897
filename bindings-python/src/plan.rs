//! `Plan`: the native wrapper around [`salesplan::Plan`]. The Python class
//! `salesplan.Plan` builds on it (dicts, files, Jupyter display).

use pyo3::prelude::*;

use crate::actuals::PyActuals;
use crate::adjust::{change, PyProposals, PyRevised};
use crate::diagnostic::PyDiagnostic;
use crate::errors::CoreError;
use crate::evaluation::PyEvaluation;
use crate::options::Request;
use crate::risk::{PyRiskRegister, PySimulation, Request as RiskRequest};

/// A sales action plan read from a `salesplan/1` document.
#[pyclass(frozen, eq, module = "salesplan._native", name = "Plan")]
#[derive(PartialEq)]
pub(crate) struct PyPlan {
    pub(crate) inner: salesplan::Plan,
}

impl From<salesplan::Plan> for PyPlan {
    fn from(inner: salesplan::Plan) -> Self {
        PyPlan { inner }
    }
}

#[pymethods]
impl PyPlan {
    /// Reads a plan from JSON text; raises `ParseError` with the path of the
    /// offending value.
    #[staticmethod]
    fn from_json(text: &str) -> Result<Self, CoreError> {
        Ok(salesplan::Plan::from_json(text)?.into())
    }

    /// The plan as pretty-printed JSON (decimals as strings).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// Every finding about the plan, in the core's stable order.
    fn validate(&self) -> Vec<PyDiagnostic> {
        self.inner
            .validate()
            .into_iter()
            .map(PyDiagnostic::from)
            .collect()
    }

    /// Evaluates the KPIs against actuals as of a date (`YYYY-MM-DD`), for
    /// the company and every node of `hierarchy`; `pipeline` is a JSON array
    /// of open deals, `cascade` a JSON tree that splits targets to nodes.
    #[pyo3(signature = (actuals, as_of, hierarchy = Vec::new(), trend_periods = 3, pipeline = None, cascade = None))]
    #[allow(clippy::too_many_arguments)]
    fn evaluate(
        &self,
        py: Python<'_>,
        actuals: &PyActuals,
        as_of: &str,
        hierarchy: Vec<String>,
        trend_periods: i64,
        pipeline: Option<&str>,
        cascade: Option<&str>,
    ) -> PyResult<PyEvaluation> {
        let request = Request {
            as_of,
            hierarchy,
            trend_periods: crate::options::periods(trend_periods)?,
            pipeline,
            cascade,
        };
        crate::evaluation::evaluate(py, &self.inner, actuals, request)
    }

    /// Scorecards for an evaluation of this plan, as JSON text; `rubrics` is
    /// a JSON array of rubric scores, `rubric_share` and `cap` decimal text.
    fn scorecards_json(
        &self,
        evaluation: &PyEvaluation,
        rubrics: &str,
        rubric_share: &str,
        cap: &str,
    ) -> PyResult<String> {
        crate::evaluation::scorecards_json(&self.inner, evaluation, rubrics, rubric_share, cap)
    }

    /// The risk register scored on the plan's matrix; with an evaluation of
    /// this plan, its key risk indicators are read and raise the risks they
    /// signal.
    #[pyo3(signature = (evaluation = None))]
    fn risk_register(&self, evaluation: Option<&PyEvaluation>) -> PyRiskRegister {
        crate::risk::risk_register(&self.inner, evaluation)
    }

    /// Simulates the chance of reaching a goal's target from closed actuals
    /// (none when `actuals` is `None`), the open pipeline (a JSON array of
    /// deals) and new business. `options` is a JSON object as the core's
    /// `SimulationOptions` reads it; `target` (a `Decimal`, `int` or `str`)
    /// overrides its `target`.
    #[pyo3(signature = (actuals, pipeline, options, target = None))]
    fn simulate(
        &self,
        py: Python<'_>,
        actuals: Option<&PyActuals>,
        pipeline: Option<&str>,
        options: &str,
        target: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PySimulation> {
        let request = RiskRequest {
            pipeline,
            options,
            target,
        };
        crate::risk::simulate(py, &self.inner, actuals, request)
    }

    /// Every enabled rule against an evaluation of this plan: proposals with
    /// the facts that fired them, conflicts, and rules held back by their
    /// cooldown after `accepted` (a JSON list of `{"rule", "as_of"}`).
    #[pyo3(signature = (evaluation, accepted = None))]
    fn propose(&self, evaluation: &PyEvaluation, accepted: Option<&str>) -> PyResult<PyProposals> {
        crate::adjust::propose(&self.inner, evaluation, accepted)
    }

    /// Accepts proposals (a `Proposals`, or the JSON text of a list of
    /// proposals) into a new revision; raises `RejectedError` when the
    /// result has errors. `at` is an RFC 3339 time.
    #[pyo3(signature = (proposals, author, at, reason, evaluation = None))]
    fn apply(
        &self,
        proposals: &Bound<'_, PyAny>,
        author: &str,
        at: &str,
        reason: &str,
        evaluation: Option<&PyEvaluation>,
    ) -> PyResult<PyRevised> {
        let change = change(author, at, reason);
        crate::adjust::apply(&self.inner, proposals, &change, evaluation)
    }

    /// A manual edit, a JSON Patch as JSON text, as a new revision.
    fn edit(&self, patch: &str, author: &str, at: &str, reason: &str) -> PyResult<PyRevised> {
        crate::adjust::edit(&self.inner, patch, &change(author, at, reason))
    }

    /// The JSON Patch (as JSON text) that turns plan `a`'s content into
    /// plan `b`'s.
    #[staticmethod]
    fn diff_json(a: &PyPlan, b: &PyPlan) -> PyResult<String> {
        crate::adjust::patch_json(&salesplan::Plan::diff(&a.inner, &b.inner))
    }

    /// The rules replayed period by period over `actuals` up to the
    /// options' `as_of` (the plan's end when it is left out), as JSON text;
    /// `options` is JSON text of the core's evaluation options.
    fn replay_json(&self, py: Python<'_>, actuals: &PyActuals, options: &str) -> PyResult<String> {
        let end = self.inner.period.end.to_string();
        let options = crate::options::options_from_json(options, Some(&end))?;
        crate::adjust::replay_json(py, &self.inner, actuals, &options)
    }

    /// Scenarios (a JSON list of `{"name", "patch", "run_rate_factor",
    /// "description"}`) beside the base, evaluated with `options` (JSON text
    /// of the core's evaluation options), as JSON text; with `simulation`
    /// (a JSON object of simulation options) each simulated.
    #[pyo3(signature = (scenarios, actuals, options, simulation = None))]
    fn scenarios_json(
        &self,
        py: Python<'_>,
        scenarios: &str,
        actuals: &PyActuals,
        options: &str,
        simulation: Option<&str>,
    ) -> PyResult<String> {
        let options = crate::options::options_from_json(options, None)?;
        crate::adjust::scenarios_json(py, &self.inner, scenarios, actuals, &options, simulation)
    }

    /// The revision this document is (1 without a `revision` member).
    #[getter]
    fn revision_number(&self) -> u32 {
        self.inner.revision_number()
    }

    /// The plan's headline numbers per section (the goals' effective
    /// targets among them) and its diagnostics by severity, as JSON text.
    fn summary_json(&self) -> PyResult<String> {
        let summary = self.inner.summary(&self.inner.validate());
        serde_json::to_string(&summary).map_err(crate::json_error)
    }

    /// A goal's target split over the plan's periods, as JSON text:
    /// `[{"period", "start", "end", "target"}, ...]`.
    fn phase_goal_json(&self, goal_id: &str) -> PyResult<String> {
        let goal = self.inner.goal(goal_id).ok_or_else(|| {
            CoreError(salesplan::Error::InvalidArgument {
                name: "goal_id".into(),
                message: format!("the plan has no goal {goal_id:?}"),
            })
        })?;
        let phases = self.inner.phase_goal(goal).map_err(CoreError)?;
        serde_json::to_string(&phases).map_err(crate::json_error)
    }

    /// The plan's id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The plan's name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The ISO 4217 code of every amount in the plan.
    #[getter]
    fn currency(&self) -> &str {
        self.inner.currency.as_str()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Plan(id={}, name={}, currency={})",
            crate::py_repr(py, &self.inner.id)?,
            crate::py_repr(py, &self.inner.name)?,
            crate::py_repr(py, self.inner.currency.as_str())?,
        ))
    }
}

/// The case-study plan: 1.2亿元 revenue in FY2026, +20% on FY2025.
#[pyfunction]
pub(crate) fn example_plan() -> PyPlan {
    salesplan::example_plan().into()
}

/// The JSON Schema (draft 2020-12) of a plan document, as text.
#[pyfunction]
pub(crate) fn plan_schema_json() -> String {
    salesplan::plan_schema_json()
}

/// The JSON Schemas of every output (`$defs` by name), as text.
#[pyfunction]
pub(crate) fn outputs_schema_json() -> String {
    salesplan::outputs_schema_json()
}

/// The JSON Schemas of every option object and input value, as text.
#[pyfunction]
pub(crate) fn options_schema_json() -> String {
    salesplan::options_schema_json()
}

/// The eight sections of a plan in document order: `(key, Chinese name,
/// English name)`.
#[pyfunction]
pub(crate) fn sections() -> Vec<(&'static str, &'static str, &'static str)> {
    salesplan::SECTIONS
        .iter()
        .map(|s| (s.key, s.zh, s.en))
        .collect()
}
