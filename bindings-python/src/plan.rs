//! `Plan`: the native wrapper around [`salesplan::Plan`]. The Python class
//! `salesplan.Plan` builds on it (dicts, files, Jupyter display).

use pyo3::prelude::*;

use crate::diagnostic::PyDiagnostic;
use crate::errors::CoreError;

/// A sales action plan read from a `salesplan/1` document.
#[pyclass(frozen, eq, module = "salesplan._native", name = "Plan")]
#[derive(PartialEq)]
pub(crate) struct PyPlan {
    inner: salesplan::Plan,
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
