//! `History`: a base plan and the log of revisions after it. The Python
//! class `salesplan.History` builds on it (typed dicts, `Plan`s).

use pyo3::prelude::*;
use salesplan::adjust::History;

use crate::adjust::{change, PyRevised};
use crate::errors::CoreError;
use crate::plan::PyPlan;

/// A base plan and the revisions after it, in order.
#[pyclass(module = "salesplan._native", name = "History")]
pub(crate) struct PyHistory {
    inner: History,
}

#[pymethods]
impl PyHistory {
    /// A log starting at `base`.
    #[new]
    fn new(base: &PyPlan) -> PyResult<Self> {
        crate::errors::catch_panic(|| PyHistory {
            inner: History::new(base.inner.clone()),
        })
    }

    /// Reads a log written by `to_json` (or by the command line's
    /// `--history`); errors carry the JSON pointer into the log.
    #[staticmethod]
    fn from_json(text: &str) -> Result<Self, CoreError> {
        Ok(PyHistory {
            inner: History::from_json(text)?,
        })
    }

    /// The log as JSON text: `{"base": plan, "revisions": [...]}`.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(crate::json_error)
    }

    /// The first plan of the log.
    #[getter]
    fn base(&self) -> PyPlan {
        self.inner.base.clone().into()
    }

    /// The latest revision's number.
    #[getter]
    fn latest_number(&self) -> u32 {
        self.inner.latest_number()
    }

    /// Rebuilds revision `number`.
    fn plan(&self, number: u32) -> Result<PyPlan, CoreError> {
        Ok(self.inner.plan(number)?.into())
    }

    /// The latest plan.
    fn latest(&self) -> Result<PyPlan, CoreError> {
        Ok(self.inner.latest()?.into())
    }

    /// Adds a revision made from the latest plan; gives its number.
    fn commit(&mut self, revised: &PyRevised) -> Result<u32, CoreError> {
        Ok(self.inner.commit(&revised.inner)?)
    }

    /// Undoes the latest revision with a new one carrying its inverse
    /// patch, and commits it.
    fn undo(&mut self, author: &str, at: &str, reason: &str) -> Result<PyRevised, CoreError> {
        Ok(self.inner.undo(&change(author, at, reason))?.into())
    }

    /// The patch from revision `a` to revision `b`, as JSON text.
    fn diff_json(&self, a: u32, b: u32) -> PyResult<String> {
        crate::adjust::patch_json(&self.inner.diff(a, b).map_err(CoreError)?)
    }

    /// Every proposal accepted in the log (`{"rule", "as_of"}`), as JSON
    /// text.
    fn accepted_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner.accepted()).map_err(crate::json_error)
    }

    /// Every revision after the base, as JSON text.
    fn revisions_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner.revisions).map_err(crate::json_error)
    }

    /// Revisions after the base.
    fn __len__(&self) -> usize {
        self.inner.revisions.len()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "History(plan={}, base={}, latest={}, revisions={})",
            crate::py_repr(py, &self.inner.base.id)?,
            self.inner.base.revision_number(),
            self.inner.latest_number(),
            self.inner.revisions.len()
        ))
    }
}
