//! Amounts of money: read with Chinese units, written in a chosen unit.
//! Amounts cross the boundary as exact decimal strings, never as floats.

use rust_decimal::Decimal;
use salesplan::{AmountFormat, AmountUnit};
use wasm_bindgen::prelude::*;

use crate::interop::{invalid_argument, options_object, type_name, Thrown};

/// Reads an amount such as `"1.2亿"`, `"3,500万"` or `"1亿2000万"` and returns
/// the exact value as a decimal string (`"120000000"`), never a float.
///
/// @throws {SalesplanError} with code `"invalid_amount"`.
#[wasm_bindgen(js_name = parseAmount)]
pub fn parse_amount(text: &str) -> Result<String, Thrown> {
    Ok(salesplan::parse_amount(text)?.to_string())
}

/// Writes an amount in 亿, 万 or single units (`"1.2亿"`, `"3,500万"`).
///
/// The amount may be a string (anything `parseAmount` reads), a finite
/// number (taken as the shortest decimal that JavaScript prints for it) or a
/// bigint. Without options: automatic unit, at most 4 decimals, grouped
/// thousands.
///
/// @throws {SalesplanError} `"invalid_amount"` for an unreadable string,
/// `"invalid_argument"` for any other unusable amount or option.
#[wasm_bindgen(js_name = formatAmount)]
pub fn format_amount(
    #[wasm_bindgen(unchecked_param_type = "string | number | bigint")] amount: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AmountFormat")] options: Option<JsValue>,
) -> Result<String, Thrown> {
    let amount = decimal_from_js("amount", &amount)?;
    let mut options = options_object("options", &options.unwrap_or(JsValue::UNDEFINED))?;
    // The unit is read by its own reader, which names the units it knows.
    let unit = match options.remove("unit") {
        Some(serde_json::Value::String(unit)) => Some(unit.parse::<AmountUnit>()?),
        None | Some(serde_json::Value::Null) => None,
        Some(other) => {
            let message = format!("expected a unit name, found {other}");
            return Err(invalid_argument("unit", message).into());
        }
    };
    let format: AmountFormat = serde_json::from_value(serde_json::Value::Object(options))
        .map_err(|e| invalid_argument("options", e.to_string()))?;
    Ok(salesplan::format_amount(
        amount,
        &AmountFormat {
            unit: unit.unwrap_or(format.unit),
            ..format
        },
    ))
}

/// Writes an amount with two decimals and the currency code in front
/// (`"CNY 120,000,000.00"`), as reports and charts write money.
///
/// @throws {SalesplanError} as `formatAmount` for an unusable amount.
#[wasm_bindgen(js_name = formatMoney)]
pub fn format_money(
    #[wasm_bindgen(unchecked_param_type = "string | number | bigint")] amount: JsValue,
    currency: &str,
) -> Result<String, Thrown> {
    let amount = decimal_from_js("amount", &amount)?;
    Ok(salesplan::units::format_money(amount, currency))
}

/// Turns the argument `name`, a JavaScript string, number or bigint, into an
/// exact decimal. A plain numeral string keeps its scale (`"0.50"`); any
/// other string is read as `parseAmount` reads it (`"1.2亿"`).
pub(crate) fn decimal_from_js(name: &str, value: &JsValue) -> Result<Decimal, Thrown> {
    if let Some(text) = value.as_string() {
        return Ok(salesplan::units::parse_decimal(&text)?);
    }
    if let Some(number) = value.as_f64() {
        if !number.is_finite() {
            return Err(invalid_argument(name, format!("{number} is not a finite number")).into());
        }
        // Rust prints the shortest decimal that reads back as the same f64,
        // without an exponent: the digits JavaScript shows for the number.
        return exact(name, &number.to_string(), &format!("{number:?}"));
    }
    if let Some(bigint) = value.dyn_ref::<js_sys::BigInt>() {
        let text = bigint.to_string(10).map(String::from).unwrap_or_default();
        return exact(name, &text, &text);
    }
    Err(invalid_argument(
        name,
        format!(
            "expected a string, number or bigint, found {}",
            type_name(value)
        ),
    )
    .into())
}

/// A plain decimal numeral as an exact [`Decimal`]; `shown` is the number as
/// the message names it.
fn exact(name: &str, text: &str, shown: &str) -> Result<Decimal, Thrown> {
    Decimal::from_str_exact(text).map_err(|e| {
        invalid_argument(
            name,
            format!("{shown} cannot be held exactly as a decimal: {e}"),
        )
        .into()
    })
}
