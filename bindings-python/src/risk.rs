//! Risk control: `RiskRegister` (the register scored on the plan's matrix,
//! moved by key risk indicators) and `Simulation` (the chance of reaching a
//! goal's target). The Python classes `salesplan.RiskRegister` and
//! `salesplan.Simulation` build on them (typed dicts, DataFrames).

use pyo3::prelude::*;
use rust_decimal::Decimal;
use salesplan::actuals::Actuals;
use salesplan::evaluate::deals_from_json;
use salesplan::risk::{RiskRegister, Simulation, SimulationOptions};
use serde_json::Value;

use crate::actuals::PyActuals;
use crate::errors::CoreError;
use crate::evaluation::PyEvaluation;

/// The risk register, scored, as the core made it.
#[pyclass(frozen, module = "salesplan._native", name = "RiskRegister")]
pub(crate) struct PyRiskRegister {
    pub(crate) inner: RiskRegister,
}

#[pymethods]
impl PyRiskRegister {
    /// The evaluation's day (`YYYY-MM-DD`) when indicators were read, else
    /// `None`.
    #[getter]
    fn as_of(&self) -> Option<String> {
        self.inner.as_of.map(|day| day.to_string())
    }

    /// The whole register as JSON text (decimals as strings).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(crate::json_error)
    }

    fn __repr__(&self) -> String {
        let as_of = self
            .inner
            .as_of
            .map_or_else(|| "None".to_owned(), |day| day.to_string());
        format!(
            "RiskRegister(as_of={as_of}, risks={}, moves={})",
            self.inner.risks.len(),
            self.inner.moves.len()
        )
    }
}

/// Scores the plan's risk register, reading its indicators from
/// `evaluation` when given.
pub(crate) fn risk_register(
    plan: &salesplan::Plan,
    evaluation: Option<&PyEvaluation>,
) -> PyRiskRegister {
    PyRiskRegister {
        inner: plan.risk_register(evaluation.map(|e| &e.inner)),
    }
}

/// The distribution of a simulated goal's outcome, as the core made it.
#[pyclass(frozen, module = "salesplan._native", name = "Simulation")]
pub(crate) struct PySimulation {
    pub(crate) inner: Simulation,
}

#[pymethods]
impl PySimulation {
    /// The whole simulation as JSON text (decimals as strings).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(crate::json_error)
    }

    /// The goal simulated.
    #[getter]
    fn goal(&self) -> &str {
        &self.inner.goal
    }

    /// The amount to reach.
    #[getter]
    fn target(&self) -> Decimal {
        self.inner.target
    }

    /// Trials run.
    #[getter]
    fn trials(&self) -> u32 {
        self.inner.trials
    }

    /// The seed of the random streams.
    #[getter]
    fn seed(&self) -> u64 {
        self.inner.seed
    }

    /// Share of trials reaching the target (6 decimals).
    #[getter]
    fn probability(&self) -> Decimal {
        self.inner.probability
    }

    /// Standard error of the probability (6 decimals).
    #[getter]
    fn standard_error(&self) -> Decimal {
        self.inner.standard_error
    }

    /// The exact probability, for a small pipeline of fixed amounts without
    /// new business; else `None`.
    #[getter]
    fn exact_probability(&self) -> Option<Decimal> {
        self.inner.exact_probability
    }

    /// Mean outcome.
    #[getter]
    fn mean(&self) -> Decimal {
        self.inner.mean
    }

    /// 10th percentile of the outcome.
    #[getter]
    fn p10(&self) -> Decimal {
        self.inner.p10
    }

    /// Median outcome.
    #[getter]
    fn p50(&self) -> Decimal {
        self.inner.p50
    }

    /// 90th percentile of the outcome.
    #[getter]
    fn p90(&self) -> Decimal {
        self.inner.p90
    }

    /// Mean shortfall below the target (trials that reach it count zero).
    #[getter]
    fn expected_shortfall(&self) -> Decimal {
        self.inner.expected_shortfall
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let s = &self.inner;
        Ok(format!(
            "Simulation(goal={}, target={}, probability={}, trials={}, seed={})",
            crate::py_repr(py, &s.goal)?,
            s.target,
            s.probability,
            s.trials,
            s.seed
        ))
    }
}

/// What `Plan.simulate` was given, as JSON text for the core to read.
pub(crate) struct Request<'a> {
    /// Open deals, a JSON array.
    pub(crate) pipeline: Option<&'a str>,
    /// The options, a JSON object (`SimulationOptions::from_value`).
    pub(crate) options: &'a str,
    /// The amount to reach, overriding any `target` in `options`.
    pub(crate) target: Option<&'a Bound<'a, PyAny>>,
}

/// Simulates the chance of reaching a goal, without holding the GIL.
pub(crate) fn simulate(
    py: Python<'_>,
    plan: &salesplan::Plan,
    actuals: Option<&PyActuals>,
    request: Request<'_>,
) -> PyResult<PySimulation> {
    // Deals first, then options, as the core's conformance runner reads them.
    let deals = match request.pipeline {
        Some(text) => deals_from_json(text).map_err(CoreError)?,
        None => Vec::new(),
    };
    let mut options: Value = serde_json::from_str(request.options).map_err(|e| {
        CoreError(salesplan::Error::InvalidArgument {
            name: "options".into(),
            message: format!("not valid JSON: {e}"),
        })
    })?;
    if let (Some(target), Value::Object(map)) = (request.target, &mut options) {
        let target = crate::amount::decimal_arg("target", target)?;
        map.insert("target".into(), Value::String(target.to_string()));
    }
    let options = SimulationOptions::from_value(&options).map_err(CoreError)?;
    let none = Actuals::new();
    let actuals = actuals.map_or(&none, |a| &a.inner);
    let inner = py
        .detach(|| plan.simulate(actuals, &deals, &options))
        .map_err(CoreError)?;
    Ok(PySimulation { inner })
}
