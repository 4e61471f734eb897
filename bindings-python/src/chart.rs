//! Charts as SVG text (`salesplan::chart`): the Python package's
//! `Evaluation.chart`, `RiskRegister.chart`, `Simulation.chart` and
//! `Plan.chart` wrap it in a `Chart` that Jupyter shows.

use pyo3::prelude::*;
use salesplan::chart::{draw, Inputs, Kind, Lang};

use crate::errors::CoreError;
use crate::evaluation::PyEvaluation;
use crate::options::day;
use crate::plan::PyPlan;
use crate::risk::{PyRiskRegister, PySimulation};

/// Draws the chart `kind` (`burn_up`, `kpi_bullets`, `gap_waterfall`,
/// `risk_heatmap`, `outcome_histogram`, `gantt`, `budget_burn`) from the
/// inputs it needs, in `lang` (`zh` or `en`).
#[pyfunction]
#[pyo3(signature = (kind, lang, plan = None, evaluation = None, register = None, simulation = None, kpi = None, node = "", as_of = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn chart(
    kind: &str,
    lang: &str,
    plan: Option<&PyPlan>,
    evaluation: Option<&PyEvaluation>,
    register: Option<&PyRiskRegister>,
    simulation: Option<&PySimulation>,
    kpi: Option<&str>,
    node: &str,
    as_of: Option<&str>,
) -> Result<String, CoreError> {
    let kind: Kind = kind.parse()?;
    let lang: Lang = lang.parse()?;
    let as_of = as_of.map(|d| day("as_of", d)).transpose()?;
    let inputs = Inputs {
        plan: plan.map(|p| &p.inner),
        evaluation: evaluation.map(|e| &e.inner),
        register: register.map(|r| &r.inner),
        simulation: simulation.map(|s| &s.inner),
        kpi,
        node,
        as_of,
    };
    Ok(draw(kind, &inputs, lang)?)
}
