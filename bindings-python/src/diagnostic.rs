//! `Diagnostic`: one finding of `Plan.validate()`.

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// One finding about a plan: severity, stable code, JSON pointer, message.
#[pyclass(frozen, eq, hash, module = "salesplan._native", name = "Diagnostic")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyDiagnostic(salesplan::Diagnostic);

impl From<salesplan::Diagnostic> for PyDiagnostic {
    fn from(diagnostic: salesplan::Diagnostic) -> Self {
        PyDiagnostic(diagnostic)
    }
}

#[pymethods]
impl PyDiagnostic {
    /// `"error"`, `"warning"` or `"info"`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.severity.as_str()
    }

    /// The stable machine-readable code, such as `"budget_exceeded"`.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code
    }

    /// JSON pointer to the place in the document, such as `"/goals/1/id"`.
    #[getter]
    fn path(&self) -> &str {
        &self.0.path
    }

    /// A sentence for people.
    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }

    /// `{"severity": ..., "code": ..., "path": ..., "message": ...}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("severity", self.severity())?;
        dict.set_item("code", self.code())?;
        dict.set_item("path", self.path())?;
        dict.set_item("message", self.message())?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let d = &self.0;
        Ok(format!(
            "Diagnostic(severity={}, code={}, path={}, message={})",
            crate::py_repr(py, d.severity.as_str())?,
            crate::py_repr(py, d.code)?,
            crate::py_repr(py, &d.path)?,
            crate::py_repr(py, &d.message)?,
        ))
    }

    /// `error[budget_exceeded] /resources/budget: ...`, as the core writes it.
    fn __str__(&self) -> String {
        self.0.to_string()
    }
}
