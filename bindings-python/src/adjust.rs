//! Adjustment: `Proposals` (what the plan's rules propose as of a day) and
//! `Revised` (a new revision of a plan and the record of how it was made);
//! applying, editing, diffing and patching plans; replays and what-if
//! scenarios. The Python classes `salesplan.Proposals` and
//! `salesplan.Revised` build on them (typed dicts, DataFrames).

use pyo3::prelude::*;
use salesplan::adjust::patch::{self, patch_from_value, PatchOp};
use salesplan::adjust::{Change, Proposals, Revised};
use salesplan::evaluate::EvaluationOptions;
use salesplan::risk::SimulationOptions;
use serde_json::Value;

use crate::actuals::PyActuals;
use crate::errors::CoreError;
use crate::evaluation::PyEvaluation;
use crate::plan::PyPlan;

/// What the rules propose as of a day, as the core made it.
#[pyclass(frozen, module = "salesplan._native", name = "Proposals")]
pub(crate) struct PyProposals {
    inner: Proposals,
}

#[pymethods]
impl PyProposals {
    /// Reads proposals written by `to_json` (or by the command line).
    #[staticmethod]
    fn from_json(text: &str) -> Result<Self, CoreError> {
        let inner = serde_json::from_str(text).map_err(|e| invalid("proposals", e.to_string()))?;
        Ok(PyProposals { inner })
    }

    /// The evaluation's day, `YYYY-MM-DD`.
    #[getter]
    fn as_of(&self) -> String {
        self.inner.as_of.to_string()
    }

    /// Proposals, conflicts and suppressed rules as JSON text.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(crate::json_error)
    }

    fn __len__(&self) -> usize {
        self.inner.proposals.len()
    }

    fn __repr__(&self) -> String {
        let p = &self.inner;
        format!(
            "Proposals(as_of={}, proposals={}, conflicts={}, suppressed={})",
            p.as_of,
            p.proposals.len(),
            p.conflicts.len(),
            p.suppressed.len()
        )
    }
}

/// A new revision of a plan and the record of how it was made.
#[pyclass(frozen, module = "salesplan._native", name = "Revised")]
pub(crate) struct PyRevised {
    pub(crate) inner: Revised,
}

#[pymethods]
impl PyRevised {
    /// The new plan.
    #[getter]
    fn plan(&self) -> PyPlan {
        self.inner.plan.clone().into()
    }

    /// Its revision number.
    #[getter]
    fn number(&self) -> u32 {
        self.inner.revision.number
    }

    /// The revision it was made from.
    #[getter]
    fn parent(&self) -> u32 {
        self.inner.revision.parent
    }

    /// The record (author, time, reason, accepted proposals, patch) as
    /// JSON text.
    fn revision_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner.revision).map_err(crate::json_error)
    }

    fn __repr__(&self) -> String {
        let r = &self.inner.revision;
        format!(
            "Revised(number={}, parent={}, operations={}, accepted={})",
            r.number,
            r.parent,
            r.patch.len(),
            r.accepted.len()
        )
    }
}

impl From<Revised> for PyRevised {
    fn from(inner: Revised) -> Self {
        PyRevised { inner }
    }
}

fn invalid(name: &str, message: impl Into<String>) -> CoreError {
    CoreError(salesplan::Error::InvalidArgument {
        name: name.into(),
        message: message.into(),
    })
}

/// A JSON list given as the argument `name`, read item by item so that an
/// error names the item (`proposals/0`).
fn list<T>(
    name: &str,
    text: &str,
    read: impl Fn(Value) -> serde_json::Result<T>,
) -> Result<Vec<T>, CoreError> {
    let value: Value = serde_json::from_str(text).map_err(|e| invalid(name, e.to_string()))?;
    let Value::Array(items) = value else {
        return Err(invalid(name, "expected a list"));
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| read(item).map_err(|e| invalid(&format!("{name}/{i}"), e.to_string())))
        .collect()
}

/// A JSON Patch from JSON text; the core's reader gives the path of an
/// operation that does not fit.
pub(crate) fn patch_arg(name: &str, text: &str) -> Result<Vec<PatchOp>, CoreError> {
    let value: Value = serde_json::from_str(text).map_err(|e| invalid(name, e.to_string()))?;
    Ok(patch_from_value(&value)?)
}

/// Who makes a change, when (RFC 3339) and why; the core checks them.
pub(crate) fn change(author: &str, at: &str, reason: &str) -> Change {
    Change {
        author: author.into(),
        at: at.into(),
        reason: reason.into(),
    }
}

/// Every enabled rule against an evaluation; `accepted` is a JSON list of
/// `{"rule", "as_of"}` for cooldowns.
pub(crate) fn propose(
    plan: &salesplan::Plan,
    evaluation: &PyEvaluation,
    accepted: Option<&str>,
) -> PyResult<PyProposals> {
    let accepted = match accepted {
        Some(text) => list("accepted", text, serde_json::from_value)?,
        None => Vec::new(),
    };
    let inner = plan
        .propose(&evaluation.inner, &accepted)
        .map_err(CoreError)?;
    Ok(PyProposals { inner })
}

/// Accepts proposals (a `Proposals` or the JSON text of a list of
/// proposals) into a new revision.
pub(crate) fn apply(
    plan: &salesplan::Plan,
    proposals: &Bound<'_, PyAny>,
    change: &Change,
    evaluation: Option<&PyEvaluation>,
) -> PyResult<PyRevised> {
    let evaluation = evaluation.map(|e| &e.inner);
    let revised = match proposals.cast::<PyProposals>() {
        Ok(found) => plan.apply(&found.get().inner.proposals, change, evaluation),
        Err(_) => {
            let text: String = proposals.extract()?;
            let proposals = list("proposals", &text, serde_json::from_value)?;
            plan.apply(&proposals, change, evaluation)
        }
    };
    Ok(revised.map_err(CoreError)?.into())
}

/// A manual edit (the JSON text of a JSON Patch) as a new revision.
pub(crate) fn edit(plan: &salesplan::Plan, patch: &str, change: &Change) -> PyResult<PyRevised> {
    let patch = patch_arg("patch", patch)?;
    Ok(plan.edit(&patch, change).map_err(CoreError)?.into())
}

/// JSON text of a list of patch operations.
pub(crate) fn patch_json(patch: &[PatchOp]) -> PyResult<String> {
    serde_json::to_string(patch).map_err(crate::json_error)
}

/// Applies a JSON Patch (JSON text) to a JSON document (JSON text), whole
/// or not at all, and gives the patched document as JSON text.
#[pyfunction]
pub(crate) fn apply_patch_json(document: &str, patch: &str) -> PyResult<String> {
    let document: Value =
        serde_json::from_str(document).map_err(|e| invalid("document", e.to_string()))?;
    let patch = patch_arg("patch", patch)?;
    let patched = patch::apply(&document, &patch).map_err(CoreError)?;
    serde_json::to_string(&patched).map_err(crate::json_error)
}

/// The rules over `actuals` period by period up to `options.as_of`, as JSON
/// text; without holding the GIL.
pub(crate) fn replay_json(
    py: Python<'_>,
    plan: &salesplan::Plan,
    actuals: &PyActuals,
    options: &EvaluationOptions,
) -> PyResult<String> {
    let replay = py
        .detach(|| plan.replay(&actuals.inner, options))
        .map_err(CoreError)?;
    serde_json::to_string(&replay).map_err(crate::json_error)
}

/// Scenarios (a JSON list) beside the base, evaluated with `options` and,
/// with `simulation` (a JSON object as `SimulationOptions` reads it),
/// simulated; as JSON text, without holding the GIL.
pub(crate) fn scenarios_json(
    py: Python<'_>,
    plan: &salesplan::Plan,
    scenarios: &str,
    actuals: &PyActuals,
    options: &EvaluationOptions,
    simulation: Option<&str>,
) -> PyResult<String> {
    let scenarios = list("scenarios", scenarios, serde_json::from_value)?;
    let simulation = match simulation {
        Some(text) => {
            let value: Value =
                serde_json::from_str(text).map_err(|e| invalid("simulate", e.to_string()))?;
            Some(SimulationOptions::from_value(&value).map_err(CoreError)?)
        }
        None => None,
    };
    let table = py
        .detach(|| plan.scenarios(&scenarios, &actuals.inner, options, simulation.as_ref()))
        .map_err(CoreError)?;
    serde_json::to_string(&table).map_err(crate::json_error)
}
