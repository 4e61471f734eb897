//! Forecast accuracy: `Accuracy` (how good a history of snapshots'
//! forecasts were at the close) and the snapshot that goes into a
//! history. The Python module `salesplan._accuracy` builds on them
//! (typed dicts, DataFrames, appending to a history file).

use pyo3::prelude::*;
use rust_decimal::Decimal;
use salesplan::accuracy::{Accuracy, History, Snapshot};

use crate::errors::CoreError;
use crate::evaluation::PyEvaluation;
use crate::plan::PyPlan;
use crate::risk::PySimulation;

/// The accuracy of a history's forecasts, as the core made it.
#[pyclass(frozen, module = "salesplan._native", name = "Accuracy")]
pub(crate) struct PyAccuracy {
    inner: Accuracy,
}

#[pymethods]
impl PyAccuracy {
    /// The whole result as JSON text (decimals as strings).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(crate::json_error)
    }

    /// `bias`, `wape` or `mape` of the run-rate method, or `coverage` of
    /// the simulations, for a KPI and node; `None` when there is none.
    fn fact(&self, kpi: &str, node: &str, field: &str) -> Option<Decimal> {
        self.inner.fact(kpi, node, field)
    }

    fn __repr__(&self) -> String {
        format!(
            "Accuracy(close={}, snapshots={}, series={})",
            self.inner.close,
            self.inner.snapshots.len(),
            self.inner.series.len()
        )
    }
}

/// Scores a history (a JSON document or JSON Lines) against the closing
/// evaluation.
#[pyfunction]
pub(crate) fn accuracy(
    plan: &PyPlan,
    history: &str,
    closing: &PyEvaluation,
) -> Result<PyAccuracy, CoreError> {
    let history = History::from_text(history)?;
    let inner = plan.inner.accuracy(&history, &closing.inner)?;
    Ok(PyAccuracy { inner })
}

/// One snapshot of an evaluation (and a simulation made the same day) as a
/// line of JSON Lines.
#[pyfunction]
#[pyo3(signature = (plan, evaluation, simulation = None))]
pub(crate) fn snapshot_json(
    plan: &PyPlan,
    evaluation: &PyEvaluation,
    simulation: Option<&PySimulation>,
) -> Result<String, CoreError> {
    let simulations: Vec<_> = simulation.map(|s| s.inner.clone()).into_iter().collect();
    let snapshot = Snapshot::new(&plan.inner, &evaluation.inner, &simulations)?;
    Ok(snapshot.to_json_line())
}
