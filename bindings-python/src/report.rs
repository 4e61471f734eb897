//! The plan review as text (`salesplan::report`): `Plan.report` in the
//! Python package wraps it in a `Report` that Jupyter shows.

use pyo3::prelude::*;
use salesplan::report::{ReportOptions, ReviewOptions};
use salesplan::risk::SimulationOptions;

use crate::actuals::PyActuals;
use crate::errors::CoreError;
use crate::options::Request;
use crate::plan::PyPlan;

/// The review of `plan` against `actuals` as of a day: `lang` `zh` or
/// `en`, `format` `html` or `md`; `simulation` the JSON options of a
/// simulation (`SimulationOptions`), or none to leave it out.
#[pyfunction]
#[pyo3(signature = (plan, actuals, as_of, hierarchy, pipeline, lang, format, simulation = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn review(
    py: Python<'_>,
    plan: &PyPlan,
    actuals: &PyActuals,
    as_of: &str,
    hierarchy: Vec<String>,
    pipeline: Option<&str>,
    lang: &str,
    format: &str,
    simulation: Option<&str>,
) -> PyResult<String> {
    let evaluation = crate::options::options(Request {
        as_of,
        hierarchy,
        trend_periods: 3,
        pipeline,
        cascade: None,
    })?;
    let simulation = match simulation {
        Some(text) => {
            let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
                CoreError(salesplan::Error::InvalidArgument {
                    name: "simulation".into(),
                    message: e.to_string(),
                })
            })?;
            Some(SimulationOptions::from_value(&value).map_err(CoreError)?)
        }
        None => None,
    };
    let options = ReviewOptions {
        evaluation,
        simulation,
        report: ReportOptions {
            lang: lang.parse().map_err(CoreError)?,
            format: format.parse().map_err(CoreError)?,
        },
    };
    let plan = &plan.inner;
    Ok(py
        .detach(|| plan.review(&actuals.inner, &options))
        .map_err(CoreError)?)
}
