//! Whole-plan monitoring (`salesplan::monitor`): `Plan.monitor` and the
//! `updates`/`resources` of `Plan.evaluate` in the Python package.

use pyo3::prelude::*;
use salesplan::accuracy::Accuracy;
use salesplan::monitor::{updates_from_text, MonitorInputs};

use crate::errors::CoreError;
use crate::evaluation::PyEvaluation;
use crate::plan::PyPlan;

/// A copy of `evaluation` that carries the plan's monitoring: `updates`
/// progress updates as CSV or JSON text, `resources` resource actuals
/// (`spend`, `heads`) as CSV or JSON text, `accuracy` a forecast accuracy
/// as JSON text.
#[pyfunction]
#[pyo3(signature = (plan, evaluation, updates = None, resources = None, accuracy = None))]
pub(crate) fn monitor(
    py: Python<'_>,
    plan: &PyPlan,
    evaluation: &PyEvaluation,
    updates: Option<&str>,
    resources: Option<&str>,
    accuracy: Option<&str>,
) -> PyResult<PyEvaluation> {
    let plan = &plan.inner;
    let evaluation = &evaluation.inner;
    let monitored = py.detach(|| {
        let updates = match updates {
            Some(text) => updates_from_text(plan, text)?,
            None => Vec::new(),
        };
        let resources = resources
            .map(|text| plan.resources_from_text(text))
            .transpose()?;
        let accuracy = accuracy.map(Accuracy::from_json).transpose()?;
        let inputs = MonitorInputs {
            updates: &updates,
            resources: resources.as_ref(),
            accuracy: accuracy.as_ref(),
        };
        plan.evaluate_monitored(evaluation, &inputs)
    });
    Ok(PyEvaluation::new(monitored.map_err(CoreError)?))
}
