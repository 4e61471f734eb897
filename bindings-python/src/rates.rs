//! Open deals in other currencies, converted with a rate table.

use pyo3::prelude::*;
use salesplan::actuals::Rates;
use salesplan::evaluate::deals_from_json;

use crate::errors::CoreError;
use crate::plan::PyPlan;

/// The deals of `deals` (JSON text) with their amounts in the plan's
/// currency, at the rates of `rates` (CSV or JSON text) in effect on
/// `as_of`; JSON text again.
#[pyfunction]
pub(crate) fn convert_deals_json(
    py: Python<'_>,
    plan: &PyPlan,
    deals: &str,
    rates: &str,
    as_of: &str,
) -> PyResult<String> {
    let as_of = crate::options::day("as_of", as_of)?;
    let plan = &plan.inner;
    let converted = py
        .detach(|| {
            let deals = deals_from_json(deals)?;
            plan.convert_deals(&deals, &Rates::from_text(rates)?, as_of)
        })
        .map_err(CoreError)?;
    serde_json::to_string(&converted).map_err(crate::json_error)
}
