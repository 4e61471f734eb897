//! Planning arithmetic: allocate by weights, cascade a target down a tree,
//! split a revenue gap into its causes, size a funnel and a team, unit
//! economics.
//!
//! Decimals come in as `Decimal`, `int` or `str` (read as `parse_amount`
//! reads them, floats refused); results go out as JSON text, which the
//! Python package turns into dicts of `decimal.Decimal`.

use pyo3::prelude::*;
use pyo3::types::PyMapping;
use rust_decimal::Decimal;
use salesplan::decompose::{allocate, cascade, Node};
use salesplan::evaluate::gap::{decompose, Funnel};
use salesplan::funnel;

use crate::amount::decimal_arg;
use crate::errors::CoreError;

fn invalid(name: &str, message: impl Into<String>) -> PyErr {
    CoreError(salesplan::Error::InvalidArgument {
        name: name.to_owned(),
        message: message.into(),
    })
    .into()
}

/// Splits `total` by `weights` at `scale` decimal places, so that the parts
/// sum to it exactly.
#[pyfunction(name = "allocate")]
#[pyo3(signature = (total, weights, scale = 2))]
pub(crate) fn allocate_parts(
    total: &Bound<'_, PyAny>,
    weights: Vec<Bound<'_, PyAny>>,
    scale: u32,
) -> PyResult<Vec<Decimal>> {
    let total = decimal_arg("total", total)?;
    let weights = (weights.iter().enumerate())
        .map(|(i, w)| decimal_arg(&format!("weights[{i}]"), w))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(allocate(total, &weights, scale).map_err(CoreError)?)
}

/// Splits `total` down a tree of `{"id", "name", "weight", "submitted",
/// "children"}` (JSON text) by weight, in cents, with bottom-up gaps.
#[pyfunction]
pub(crate) fn cascade_json(total: &Bound<'_, PyAny>, tree: &str) -> PyResult<String> {
    let total = decimal_arg("total", total)?;
    let allocation = cascade(total, &node_from_json("tree", tree)?).map_err(CoreError)?;
    serde_json::to_string(&allocation).map_err(crate::json_error)
}

/// A cascade tree from JSON text; `invalid_argument` named `name` when it
/// does not fit.
pub(crate) fn node_from_json(name: &str, text: &str) -> PyResult<Node> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| invalid(name, e.to_string()))?;
    serde_json::from_value(value).map_err(|e| invalid(name, e.to_string()))
}

/// Splits the revenue variance between two funnels (mappings with `leads`,
/// `won` and `revenue`) into volume, conversion and deal-size effects.
#[pyfunction]
pub(crate) fn decompose_gap_json(
    planned: &Bound<'_, PyAny>,
    actual: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let effects =
        decompose(funnel("planned", planned)?, funnel("actual", actual)?).map_err(CoreError)?;
    serde_json::to_string(&effects).map_err(crate::json_error)
}

fn funnel(name: &str, side: &Bound<'_, PyAny>) -> PyResult<Funnel> {
    let side = side.cast::<PyMapping>()?;
    let field = |key: &str| -> PyResult<Decimal> {
        let arg = format!("{name}[{key:?}]");
        match side.get_item(key) {
            Ok(value) => decimal_arg(&arg, &value),
            Err(_) => Err(invalid(&arg, "is missing")),
        }
    };
    Ok(Funnel {
        leads: field("leads")?,
        won: field("won")?,
        revenue: field("revenue")?,
    })
}

/// Deals, opportunities and leads needed for a revenue target, rounded up.
#[pyfunction]
pub(crate) fn reverse_funnel_json(
    target: &Bound<'_, PyAny>,
    deal_size: &Bound<'_, PyAny>,
    win_rate: &Bound<'_, PyAny>,
    lead_to_opportunity: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let result = funnel::reverse_funnel(
        decimal_arg("target", target)?,
        decimal_arg("deal_size", deal_size)?,
        decimal_arg("win_rate", win_rate)?,
        decimal_arg("lead_to_opportunity", lead_to_opportunity)?,
    )
    .map_err(CoreError)?;
    serde_json::to_string(&result).map_err(crate::json_error)
}

/// Sales heads needed for a target, given quota, ramp and attrition.
#[pyfunction]
pub(crate) fn heads_needed(
    target: &Bound<'_, PyAny>,
    quota: &Bound<'_, PyAny>,
    ramp_months: u32,
    attrition: &Bound<'_, PyAny>,
    months: u32,
) -> PyResult<Decimal> {
    Ok(funnel::heads_needed(
        decimal_arg("target", target)?,
        decimal_arg("quota", quota)?,
        ramp_months,
        decimal_arg("attrition", attrition)?,
        months,
    )
    .map_err(CoreError)?)
}

/// CAC, LTV, LTV:CAC and payback months.
#[pyfunction]
pub(crate) fn unit_economics_json(
    acquisition_spend: &Bound<'_, PyAny>,
    new_customers: &Bound<'_, PyAny>,
    yearly_revenue_per_customer: &Bound<'_, PyAny>,
    gross_margin: &Bound<'_, PyAny>,
    yearly_churn: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let result = funnel::unit_economics(
        decimal_arg("acquisition_spend", acquisition_spend)?,
        decimal_arg("new_customers", new_customers)?,
        decimal_arg("yearly_revenue_per_customer", yearly_revenue_per_customer)?,
        decimal_arg("gross_margin", gross_margin)?,
        decimal_arg("yearly_churn", yearly_churn)?,
    )
    .map_err(CoreError)?;
    serde_json::to_string(&result).map_err(crate::json_error)
}
