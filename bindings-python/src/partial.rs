//! `Partial`: the folds of some batches of actuals, to merge and evaluate
//! (see `salesplan::evaluate::Partial`). The Python class
//! `salesplan.Partial` builds on it; `salesplan.spark` sends its bytes
//! between Spark executors and the driver.

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use salesplan::evaluate::{EvaluationOptions, Partial};

use crate::actuals::PyActuals;
use crate::errors::CoreError;
use crate::evaluation::PyEvaluation;
use crate::options::{day, Request};
use crate::plan::PyPlan;

/// The folds of some batches of actuals against a plan, as of a date, by
/// the nodes of a hierarchy.
#[pyclass(module = "salesplan._native", name = "Partial")]
pub(crate) struct PyPartial {
    inner: Partial,
}

#[pymethods]
impl PyPartial {
    /// Folds one batch: `batch` orders it among the others.
    #[staticmethod]
    #[pyo3(signature = (plan, actuals, as_of, hierarchy = Vec::new(), batch = 0))]
    fn fold(
        py: Python<'_>,
        plan: &PyPlan,
        actuals: &PyActuals,
        as_of: &str,
        hierarchy: Vec<String>,
        batch: i128,
    ) -> Result<Self, CoreError> {
        // Taken wide so that a batch number out of range is the library's
        // error, not an `OverflowError` of the conversion.
        let batch = u64::try_from(batch).map_err(|_| {
            CoreError(salesplan::Error::InvalidArgument {
                name: "batch".into(),
                message: format!("{batch} is not a batch number (0 to 2^64 - 1)"),
            })
        })?;
        let options = EvaluationOptions {
            hierarchy,
            ..EvaluationOptions::as_of(day("as_of", as_of)?)
        };
        let inner = py.detach(|| plan.inner.fold(&actuals.inner, &options, batch))?;
        Ok(PyPartial { inner })
    }

    /// A partial of no rows.
    #[staticmethod]
    #[pyo3(signature = (plan, as_of, hierarchy = Vec::new()))]
    fn empty(plan: &PyPlan, as_of: &str, hierarchy: Vec<String>) -> Result<Self, CoreError> {
        let options = EvaluationOptions {
            hierarchy,
            ..EvaluationOptions::as_of(day("as_of", as_of)?)
        };
        Ok(PyPartial {
            inner: plan.inner.empty_partial(&options)?,
        })
    }

    /// Reads the bytes of `to_bytes`.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> Result<Self, CoreError> {
        let inner = py.detach(|| Partial::from_bytes(data))?;
        Ok(PyPartial { inner })
    }

    /// The compact encoding.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let bytes = py.detach(|| self.inner.to_bytes());
        PyBytes::new(py, &bytes)
    }

    /// Adds the batches of `other` (unchanged on error).
    fn merge(&mut self, py: Python<'_>, other: &PyPartial) -> Result<(), CoreError> {
        let inner = &mut self.inner;
        Ok(py.detach(|| inner.merge(&other.inner))?)
    }

    /// The evaluation of the merged batches, as `Plan.evaluate` gives it
    /// for all their rows in batch order.
    #[pyo3(signature = (plan, trend_periods = 3, pipeline = None, cascade = None))]
    fn evaluate(
        &self,
        py: Python<'_>,
        plan: &PyPlan,
        trend_periods: i64,
        pipeline: Option<&str>,
        cascade: Option<&str>,
    ) -> PyResult<PyEvaluation> {
        let as_of = self.inner.as_of().to_string();
        let options = crate::options::options(Request {
            as_of: &as_of,
            hierarchy: self.inner.hierarchy().to_vec(),
            trend_periods: crate::options::periods(trend_periods)?,
            pipeline,
            cascade,
        })?;
        let inner = py
            .detach(|| plan.inner.evaluate_partial(&self.inner, &options))
            .map_err(CoreError)?;
        Ok(PyEvaluation::new(inner))
    }

    /// Rows folded, whatever their date.
    #[getter]
    fn rows(&self) -> u64 {
        self.inner.rows()
    }

    /// Nodes reached, the company included, over every KPI filter.
    #[getter]
    fn nodes(&self) -> usize {
        self.inner.nodes()
    }

    /// The day it evaluates as of (`YYYY-MM-DD`).
    #[getter]
    fn as_of(&self) -> String {
        self.inner.as_of().to_string()
    }

    /// The hierarchy it was folded by.
    #[getter]
    fn hierarchy(&self) -> Vec<String> {
        self.inner.hierarchy().to_vec()
    }
}
