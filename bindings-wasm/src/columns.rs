//! `Actuals.fromColumns`: actuals from columns of typed arrays or string
//! arrays, converted to the core's dictionary-encoded [`Columns`] with one
//! copy per typed array and one crossing per string array (never a
//! `JsValue` per row).

use std::collections::HashMap;

use chrono::NaiveDate;
use js_sys::{Array, BigInt64Array, Float64Array, Int32Array, Object, Reflect, Uint32Array};
use rust_decimal::Decimal;
use salesplan::actuals::{Columns, TextColumn, ValueColumn};
use wasm_bindgen::prelude::*;

use crate::actuals::{lenient_option, mode, Actuals};
use crate::interop::{invalid_argument, json_text_from_js, plan_from_js, type_name, Thrown};

/// The keys a columns object may have.
const KEYS: [&str; 5] = ["date", "measure", "value", "scale", "tags"];

#[wasm_bindgen]
impl Actuals {
    /// Reads observations by column: `date` (an `Int32Array` of days since
    /// 1970-01-01, or ISO date strings), `measure` (strings, or
    /// `{codes, values}` with a `Uint32Array` or `Int32Array` of codes, a
    /// negative code meaning missing), `value` (a `Float64Array`, a
    /// `BigInt64Array` of minor units with `scale` decimal places, or
    /// decimal strings) and `tags` (dimension name → a text column like
    /// `measure`). Rows are checked as `fromCsv` checks them, numbered
    /// from 1; a missing (`null`, `NaN`) or unreadable date or value is a
    /// bad row.
    ///
    /// @throws {SalesplanError} `"invalid_actuals"` with `problems`, or
    /// `"invalid_argument"` for columns of different lengths, a code
    /// outside its values or a column of the wrong kind.
    #[wasm_bindgen(js_name = fromColumns)]
    pub fn from_columns(
        #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ActualsColumns")] columns: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LoadOptions")] options: Option<JsValue>,
    ) -> Result<Actuals, Thrown> {
        let lenient = lenient_option(options)?;
        let plan = plan_from_js(&plan)?;
        let owned = Owned::from_js(&columns)?;
        let measure_values = owned.measures.strs();
        let tag_values: Vec<Vec<&str>> = owned.tags.iter().map(|(_, t)| t.strs()).collect();
        let columns = Columns {
            days: &owned.days,
            measures: owned.measures.column(&measure_values),
            values: owned.values.column(),
            tags: (owned.tags.iter().zip(&tag_values))
                .map(|((name, t), values)| (name.as_str(), t.column(values)))
                .collect(),
        };
        let known = |m: &str| plan.knows_measure(m);
        let report = salesplan::actuals::Actuals::from_columns(&columns, &known, mode(lenient))?;
        Ok(report.into())
    }
}

/// The columns copied out of JavaScript, which [`Columns`] borrows.
struct Owned {
    days: Vec<Option<i32>>,
    measures: Text,
    values: Values,
    tags: Vec<(String, Text)>,
}

/// A dictionary-encoded text column: a code per row into distinct values.
struct Text {
    codes: Vec<Option<u32>>,
    values: Vec<String>,
}

/// The value column in one of the core's three forms.
enum Values {
    Decimal(Vec<Option<Decimal>>),
    Minor(Vec<Option<i128>>, u32),
    Float(Vec<Option<f64>>),
}

impl Owned {
    fn from_js(columns: &JsValue) -> Result<Owned, Thrown> {
        if !columns.is_object() || Array::is_array(columns) {
            let found = type_name(columns);
            let message = format!("expected an object of columns, found {found}");
            return Err(invalid_argument("columns", message).into());
        }
        for key in Object::keys(columns.unchecked_ref::<Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !KEYS.contains(&key.as_str()) {
                let message = format!("unknown column `{key}` (tag columns go in \"tags\")");
                return Err(invalid_argument("columns", message).into());
            }
        }
        let tags = match get(columns, "tags") {
            t if t.is_undefined() || t.is_null() => Vec::new(),
            t if t.is_object() && !Array::is_array(&t) => {
                let entries = Object::entries(t.unchecked_ref::<Object>());
                (entries.iter())
                    .map(|entry| {
                        let entry: Array = entry.unchecked_into();
                        let name = entry.get(0).as_string().unwrap_or_default();
                        let column = Text::from_js(&format!("columns.tags.{name}"), &entry.get(1))?;
                        Ok((name, column))
                    })
                    .collect::<Result<_, Thrown>>()?
            }
            t => {
                let message = format!("expected an object of tag columns, found {}", type_name(&t));
                return Err(invalid_argument("columns.tags", message).into());
            }
        };
        Ok(Owned {
            days: days(&required(columns, "date")?)?,
            measures: Text::from_js("columns.measure", &required(columns, "measure")?)?,
            values: Values::from_js(&required(columns, "value")?, &get(columns, "scale"))?,
            tags,
        })
    }
}

impl Text {
    /// Plain strings are dictionary-encoded here, once; `{codes, values}`
    /// is taken as it is (the core checks the codes).
    fn from_js(name: &str, value: &JsValue) -> Result<Text, Thrown> {
        if Array::is_array(value) {
            return Ok(Text::encode(strings(name, value)?));
        }
        let codes = get(value, "codes");
        let codes = if let Some(codes) = codes.dyn_ref::<Uint32Array>() {
            codes.to_vec().into_iter().map(Some).collect()
        } else if let Some(codes) = codes.dyn_ref::<Int32Array>() {
            let codes = codes.to_vec();
            codes.into_iter().map(|k| u32::try_from(k).ok()).collect()
        } else {
            let found = type_name(value);
            let message = format!(
                "expected an array of strings or {{codes: Uint32Array | Int32Array, values: string[]}}, found {found}"
            );
            return Err(invalid_argument(name, message).into());
        };
        let values = strings(&format!("{name}.values"), &get(value, "values"))?;
        let Some(values) = values.into_iter().collect::<Option<Vec<String>>>() else {
            let message = "the dictionary's values are strings, never null";
            return Err(invalid_argument(&format!("{name}.values"), message).into());
        };
        Ok(Text { codes, values })
    }

    fn encode(rows: Vec<Option<String>>) -> Text {
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut values = Vec::new();
        let codes = (rows.into_iter())
            .map(|row| {
                let row = row?;
                Some(*index.entry(row).or_insert_with_key(|v| {
                    values.push(v.clone());
                    (values.len() - 1) as u32
                }))
            })
            .collect();
        Text { codes, values }
    }

    fn strs(&self) -> Vec<&str> {
        self.values.iter().map(String::as_str).collect()
    }

    fn column<'a>(&'a self, values: &'a [&'a str]) -> TextColumn<'a> {
        TextColumn {
            codes: &self.codes,
            values,
        }
    }
}

impl Values {
    fn from_js(value: &JsValue, scale: &JsValue) -> Result<Values, Thrown> {
        let name = "columns.value";
        if let Some(units) = value.dyn_ref::<BigInt64Array>() {
            let scale = match scale.as_f64() {
                None if scale.is_undefined() => 0,
                Some(s) if s.fract() == 0.0 && (0.0..=28.0).contains(&s) => s as u32,
                _ => {
                    let message = "scale is a whole number of decimal places from 0 to 28";
                    return Err(invalid_argument("columns.scale", message).into());
                }
            };
            let units = units.to_vec().into_iter().map(|u| Some(u.into())).collect();
            return Ok(Values::Minor(units, scale));
        }
        if !scale.is_undefined() {
            let message = "scale goes with a BigInt64Array of minor units";
            return Err(invalid_argument("columns.scale", message).into());
        }
        if let Some(floats) = value.dyn_ref::<Float64Array>() {
            return Ok(Values::Float(
                floats.to_vec().into_iter().map(Some).collect(),
            ));
        }
        if Array::is_array(value) {
            let rows = strings(name, value)?;
            return Ok(Values::Decimal(
                (rows.iter())
                    .map(|text| {
                        text.as_deref()
                            .and_then(|t| salesplan::units::parse_decimal(t).ok())
                    })
                    .collect(),
            ));
        }
        let found = type_name(value);
        let message = format!(
            "expected a Float64Array, a BigInt64Array with scale, or decimal strings, found {found}"
        );
        Err(invalid_argument(name, message).into())
    }

    fn column(&self) -> ValueColumn<'_> {
        match self {
            Values::Decimal(v) => ValueColumn::Decimal(v),
            Values::Minor(units, scale) => ValueColumn::Minor {
                units,
                scale: *scale,
            },
            Values::Float(v) => ValueColumn::Float(v),
        }
    }
}

/// The date column as days since 1970-01-01.
fn days(value: &JsValue) -> Result<Vec<Option<i32>>, Thrown> {
    if let Some(days) = value.dyn_ref::<Int32Array>() {
        return Ok(days.to_vec().into_iter().map(Some).collect());
    }
    if !Array::is_array(value) {
        let found = type_name(value);
        let message = format!("expected an Int32Array of days or ISO date strings, found {found}");
        return Err(invalid_argument("columns.date", message).into());
    }
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    Ok((strings("columns.date", value)?.iter())
        .map(|text| {
            let date = NaiveDate::parse_from_str(text.as_deref()?.trim(), "%Y-%m-%d").ok()?;
            i32::try_from((date - epoch).num_days()).ok()
        })
        .collect())
}

/// An array of strings (or `null`s) in one crossing: `JSON.stringify` there,
/// one parse here.
fn strings(name: &str, value: &JsValue) -> Result<Vec<Option<String>>, Thrown> {
    if !Array::is_array(value) {
        let found = type_name(value);
        return Err(invalid_argument(name, format!("expected an array, found {found}")).into());
    }
    let json = json_text_from_js(name, value)?;
    serde_json::from_str(&json).map_err(|_| {
        invalid_argument(name, "expected an array of strings (or nulls)".to_owned()).into()
    })
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn required(object: &JsValue, key: &str) -> Result<JsValue, Thrown> {
    let value = get(object, key);
    if value.is_undefined() {
        let message = format!("the `{key}` column is required");
        return Err(invalid_argument("columns", message).into());
    }
    Ok(value)
}
