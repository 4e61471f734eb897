//! Amounts of money: read with Chinese units, written in a chosen unit.
//! Amounts cross the boundary as exact decimal strings, never as floats.

use rust_decimal::Decimal;
use salesplan::{AmountFormat, AmountUnit};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::interop::{invalid_argument, options_from_js, type_name, Thrown};

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
    #[wasm_bindgen(unchecked_optional_param_type = "AmountFormatOptions")] options: Option<JsValue>,
) -> Result<String, Thrown> {
    let amount = decimal_from_js("amount", &amount)?;
    let options: FormatOptions =
        options_from_js("options", &options.unwrap_or(JsValue::UNDEFINED))?;
    Ok(salesplan::format_amount(amount, &options.into_format()?))
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

/// The JavaScript options of [`format_amount`]; absent fields take the
/// core's defaults.
#[derive(Debug, Default, Deserialize)]
#[serde(
    rename_all = "camelCase",
    deny_unknown_fields,
    expecting = "an options object such as {\"unit\": \"wan\"}"
)]
struct FormatOptions {
    unit: Option<String>,
    max_decimals: Option<u32>,
    grouping: Option<bool>,
}

impl FormatOptions {
    fn into_format(self) -> Result<AmountFormat, Thrown> {
        let default = AmountFormat::default();
        Ok(AmountFormat {
            unit: match self.unit {
                Some(name) => name.parse::<AmountUnit>()?,
                None => default.unit,
            },
            max_decimals: self.max_decimals.unwrap_or(default.max_decimals),
            grouping: self.grouping.unwrap_or(default.grouping),
        })
    }
}
