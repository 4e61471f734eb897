//! Amounts of money: `parse_amount`, `format_amount`, `format_money`.
//!
//! Amounts cross the boundary as text, never as floats: `decimal.Decimal`
//! goes through `format(d, "f")`, `int` through `str`, and both are then read
//! by the core's `parse_amount`, so every refusal is the core's.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyInt, PyString, PyType};
use rust_decimal::Decimal;
use salesplan::{AmountFormat, AmountUnit};

use crate::errors::CoreError;

/// Reads an amount such as `"1.2亿"`, `"3,500万"` or `"1亿2000万"` into an
/// exact `decimal.Decimal`; raises `AmountError` otherwise.
#[pyfunction]
pub(crate) fn parse_amount(text: &str) -> Result<Decimal, CoreError> {
    Ok(salesplan::parse_amount(text)?)
}

/// Writes an amount for people in 亿 or 万 (`"1.2亿"`).
#[pyfunction]
#[pyo3(signature = (amount, unit = "auto", max_decimals = 4, grouping = true))]
pub(crate) fn format_amount(
    amount: &Bound<'_, PyAny>,
    unit: &str,
    max_decimals: u32,
    grouping: bool,
) -> PyResult<String> {
    let unit = amount_unit(unit)?;
    let amount = to_decimal(amount)?;
    Ok(salesplan::format_amount(
        amount,
        &AmountFormat {
            unit,
            max_decimals,
            grouping,
        },
    ))
}

/// Writes an amount with two decimals and the currency code in front
/// (`"CNY 120,000,000.00"`).
#[pyfunction]
pub(crate) fn format_money(amount: &Bound<'_, PyAny>, currency: &str) -> PyResult<String> {
    Ok(salesplan::units::format_money(
        to_decimal(amount)?,
        currency,
    ))
}

fn amount_unit(unit: &str) -> Result<AmountUnit, CoreError> {
    unit.parse().map_err(CoreError)
}

/// A `Decimal`, `int` or `str` as an exact Rust decimal.
fn to_decimal(amount: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    decimal_arg("amount", amount)
}

/// The argument `name` (a `Decimal`, `int` or `str`) as an exact decimal.
/// A plain numeral keeps its scale (`Decimal("0.50")` stays `0.50`); any
/// other string is read as `parse_amount` reads it (`"1.2亿"`).
pub(crate) fn decimal_arg(name: &str, amount: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    let text = if let Ok(text) = amount.cast::<PyString>() {
        text.to_cow()?.into_owned()
    } else if amount.is_instance_of::<PyInt>() && !amount.is_instance_of::<PyBool>() {
        amount.str()?.to_cow()?.into_owned()
    } else if amount.is_instance(decimal_class(amount.py())?)? {
        amount.call_method1("__format__", ("f",))?.extract()?
    } else {
        let kind = amount.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "{name} must be a decimal.Decimal, an int or a str, not {kind} (floats are not exact)"
        )));
    };
    Ok(salesplan::units::parse_decimal(&text).map_err(CoreError)?)
}

fn decimal_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}
