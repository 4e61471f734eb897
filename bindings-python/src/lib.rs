//! The native module `salesplan._native`: thin wrappers that convert between
//! Python and the `salesplan` core. Every rule of the domain lives in the
//! core; the Python package `salesplan` builds its friendlier API on this.

use pyo3::prelude::*;
use pyo3::types::PyString;

mod accuracy;
mod actuals;
mod adjust;
mod amount;
mod analysis;
mod arrow;
mod arrow_stream;
mod chart;
mod columns;
mod diagnostic;
mod errors;
mod evaluation;
mod export;
mod facts;
mod history;
mod monitor;
mod numbers;
mod options;
mod outputs;
mod partial;
mod plan;
mod rates;
mod report;
mod risk;
mod rollup;
mod rules;

/// Python's `repr()` of a string, for `__repr__`s that read like Python.
pub(crate) fn py_repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_cow()?.into_owned())
}

/// A core value that could not be written as JSON: a bug, never bad input,
/// so an `InternalError`.
pub(crate) fn json_error(error: serde_json::Error) -> PyErr {
    errors::internal(format!(
        "a bug in salesplan (please report it): could not write JSON: {error}"
    ))
}

/// For the tests only, never for use: panics on purpose, so that the tests
/// can check what a panic of the Rust code looks like from Python (an
/// `InternalError`, never an abort) and that the module keeps working
/// after one.
/// It panics only while the environment variable `SALESPLAN_PANIC_PROBE`
/// is set; otherwise it raises `InvalidArgumentError`.
#[doc(hidden)]
#[pyfunction]
#[pyo3(name = "_panic_probe")]
fn panic_probe(message: &str) -> Result<(), errors::CoreError> {
    if std::env::var_os("SALESPLAN_PANIC_PROBE").is_none() {
        return Err(errors::CoreError(salesplan::Error::InvalidArgument {
            name: "message".into(),
            message: "the panic probe is for the tests; set SALESPLAN_PANIC_PROBE".into(),
        }));
    }
    panic!("{message}");
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", salesplan::SCHEMA_VERSION)?;
    m.add("EXAMPLE_PLAN_JSON", salesplan::EXAMPLE_PLAN_JSON)?;
    m.add_class::<plan::PyPlan>()?;
    m.add_class::<diagnostic::PyDiagnostic>()?;
    m.add_class::<actuals::PyActuals>()?;
    m.add_class::<evaluation::PyEvaluation>()?;
    m.add_class::<export::ArrowArray>()?;
    m.add_class::<risk::PyRiskRegister>()?;
    m.add_class::<risk::PySimulation>()?;
    m.add_class::<adjust::PyProposals>()?;
    m.add_class::<adjust::PyRevised>()?;
    m.add_class::<history::PyHistory>()?;
    m.add_class::<rules::PyRuleSet>()?;
    m.add_class::<partial::PyPartial>()?;
    m.add_class::<accuracy::PyAccuracy>()?;
    m.add_function(wrap_pyfunction!(accuracy::accuracy, m)?)?;
    m.add_function(wrap_pyfunction!(accuracy::snapshot_json, m)?)?;
    m.add_function(wrap_pyfunction!(panic_probe, m)?)?;
    m.add_function(wrap_pyfunction!(plan::example_plan, m)?)?;
    m.add_function(wrap_pyfunction!(rates::convert_deals_json, m)?)?;
    m.add_function(wrap_pyfunction!(report::review, m)?)?;
    m.add_function(wrap_pyfunction!(monitor::monitor, m)?)?;
    m.add_function(wrap_pyfunction!(chart::chart, m)?)?;
    m.add_function(wrap_pyfunction!(plan::plan_schema_json, m)?)?;
    m.add_function(wrap_pyfunction!(plan::outputs_schema_json, m)?)?;
    m.add_function(wrap_pyfunction!(plan::sections, m)?)?;
    m.add_function(wrap_pyfunction!(plan::options_schema_json, m)?)?;
    m.add_function(wrap_pyfunction!(amount::parse_amount, m)?)?;
    m.add_function(wrap_pyfunction!(amount::format_amount, m)?)?;
    m.add_function(wrap_pyfunction!(amount::format_money, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::allocate_parts, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::cascade_json, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::decompose_gap_json, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::reverse_funnel_json, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::heads_needed, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::unit_economics_json, m)?)?;
    m.add_function(wrap_pyfunction!(adjust::apply_patch_json, m)?)?;
    m.add_function(wrap_pyfunction!(rollup::rollup_arrays, m)?)?;
    m.add_function(wrap_pyfunction!(rollup::rollup_arrow, m)?)?;
    errors::register(m)?;
    Ok(())
}
