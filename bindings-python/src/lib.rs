//! The native module `salesplan._native`: thin wrappers that convert between
//! Python and the `salesplan` core. Every rule of the domain lives in the
//! core; the Python package `salesplan` builds its friendlier API on this.

use pyo3::prelude::*;
use pyo3::types::PyString;

mod amount;
mod diagnostic;
mod errors;
mod plan;

/// Python's `repr()` of a string, for `__repr__`s that read like Python.
pub(crate) fn py_repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_cow()?.into_owned())
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", salesplan::SCHEMA_VERSION)?;
    m.add("EXAMPLE_PLAN_JSON", salesplan::EXAMPLE_PLAN_JSON)?;
    m.add_class::<plan::PyPlan>()?;
    m.add_class::<diagnostic::PyDiagnostic>()?;
    m.add_function(wrap_pyfunction!(plan::example_plan, m)?)?;
    m.add_function(wrap_pyfunction!(plan::plan_schema_json, m)?)?;
    m.add_function(wrap_pyfunction!(amount::parse_amount, m)?)?;
    m.add_function(wrap_pyfunction!(amount::format_amount, m)?)?;
    m.add_function(wrap_pyfunction!(amount::format_money, m)?)?;
    errors::register(m)?;
    Ok(())
}
