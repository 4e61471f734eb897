//! `Actuals.fromColumns`: actuals from columns of typed arrays or string
//! arrays, read as one record [`Batch`] of the core's with one copy per
//! typed array and one crossing per string array (never a `JsValue` per
//! row, never an object per row).

use std::collections::HashMap;

use chrono::NaiveDate;
use js_sys::{Array, BigInt64Array, Float64Array, Int32Array, Object, Reflect, Uint32Array};
use rust_decimal::Decimal;
use salesplan::actuals::{ActualsBuilder, Batch, BatchText, BatchValues, Keys, LoadMode, Validity};
use wasm_bindgen::prelude::*;

use crate::actuals::{load_options, Actuals};
use crate::interop::{invalid_argument, plain_json_text_from_js, plan_from_js, type_name, Thrown};

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
    /// `measure`; `tags.currency` and `tags.credit` convert and split rows
    /// as the `currency` and `credit` columns of `fromCsv` do). Rows are checked as `fromCsv` checks them, numbered
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
        let load = load_options(options)?;
        let plan = plan_from_js(&plan)?;
        let owned = Owned::from_js(&columns)?;
        let measure_values = owned.measures.strs();
        let tag_values: Vec<Vec<&str>> = owned.tags.iter().map(|(_, t)| t.strs()).collect();
        let n = owned.days.0.len();
        let batch = Batch {
            days: &owned.days.0,
            days_validity: owned.days.1.as_deref().and_then(|b| Validity::new(b, 0, n)),
            measures: owned.measures.column(&measure_values),
            values: owned.values.column(),
            values_validity: owned.values.validity(),
            tags: (owned.tags.iter().zip(&tag_values))
                .map(|((name, t), values)| (name.as_str(), t.column(values)))
                .collect(),
        };
        let known = |m: &str| plan.knows_measure(m);
        // Every bad row of either kind at once: the mode is applied when
        // the `currency` and `credit` tags are settled.
        let mut builder = ActualsBuilder::new(&known, LoadMode::Lenient);
        builder.append(&batch)?;
        let report = plan.prepare_actuals(builder.finish()?, &load.options())?;
        Ok(Actuals::loaded(report, &plan))
    }
}

/// The columns copied out of JavaScript, which a [`Batch`] borrows; each
/// with a validity bitmap where some rows have no value.
struct Owned {
    days: (Vec<i32>, Option<Vec<u8>>),
    measures: Text,
    values: Values,
    tags: Vec<(String, Text)>,
}

/// A dictionary-encoded text column: a code per row into distinct values.
struct Text {
    codes: Vec<u32>,
    valid: Option<Vec<u8>>,
    values: Vec<String>,
}

/// The value column in one of the core's forms.
enum Values {
    Decimal(Vec<Decimal>, Vec<u8>),
    Minor(Vec<i64>, u32),
    Float(Vec<f64>),
}

/// A validity bitmap, least significant bit first; `None` when every row
/// is valid.
fn bitmap(valid: impl ExactSizeIterator<Item = bool>) -> Option<Vec<u8>> {
    let mut bits = vec![0u8; valid.len().div_ceil(8)];
    let mut all = true;
    for (i, v) in valid.enumerate() {
        bits[i / 8] |= u8::from(v) << (i % 8);
        all &= v;
    }
    (!all).then_some(bits)
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
        let (codes, valid) = if let Some(codes) = codes.dyn_ref::<Uint32Array>() {
            (codes.to_vec(), None)
        } else if let Some(codes) = codes.dyn_ref::<Int32Array>() {
            // A negative code is a missing value.
            let codes = codes.to_vec();
            let valid = bitmap(codes.iter().map(|k| *k >= 0));
            (codes.into_iter().map(|k| k.max(0) as u32).collect(), valid)
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
        Ok(Text {
            codes,
            valid,
            values,
        })
    }

    fn encode(rows: Vec<Option<String>>) -> Text {
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut values = Vec::new();
        let valid = bitmap(rows.iter().map(Option::is_some));
        let codes = (rows.into_iter())
            .map(|row| {
                let Some(row) = row else { return 0 };
                *index.entry(row).or_insert_with_key(|v| {
                    values.push(v.clone());
                    (values.len() - 1) as u32
                })
            })
            .collect();
        Text {
            codes,
            valid,
            values,
        }
    }

    fn strs(&self) -> Vec<&str> {
        self.values.iter().map(String::as_str).collect()
    }

    fn column<'a>(&'a self, values: &'a [&'a str]) -> BatchText<'a> {
        BatchText {
            keys: Keys::U32(&self.codes),
            validity: (self.valid.as_deref()).and_then(|b| Validity::new(b, 0, self.codes.len())),
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
            return Ok(Values::Minor(units.to_vec(), scale));
        }
        if !scale.is_undefined() {
            let message = "scale goes with a BigInt64Array of minor units";
            return Err(invalid_argument("columns.scale", message).into());
        }
        if let Some(floats) = value.dyn_ref::<Float64Array>() {
            return Ok(Values::Float(floats.to_vec()));
        }
        if Array::is_array(value) {
            let rows: Vec<Option<Decimal>> = (strings(name, value)?.iter())
                .map(|text| (text.as_deref()).and_then(|t| salesplan::units::parse_decimal(t).ok()))
                .collect();
            let valid = bitmap(rows.iter().map(Option::is_some)).unwrap_or_default();
            let decimals = rows.into_iter().map(Option::unwrap_or_default).collect();
            return Ok(Values::Decimal(decimals, valid));
        }
        let found = type_name(value);
        let message = format!(
            "expected a Float64Array, a BigInt64Array with scale, or decimal strings, found {found}"
        );
        Err(invalid_argument(name, message).into())
    }

    fn column(&self) -> BatchValues<'_> {
        match self {
            Values::Decimal(v, _) => BatchValues::Decimals(v),
            Values::Minor(units, scale) => BatchValues::Units64 {
                units,
                scale: *scale,
            },
            // NaN and the infinities read as no value.
            Values::Float(v) => BatchValues::Floats(v),
        }
    }

    fn validity(&self) -> Option<Validity<'_>> {
        match self {
            Values::Decimal(v, bits) if !bits.is_empty() => Validity::new(bits, 0, v.len()),
            _ => None,
        }
    }
}

/// The date column as days since 1970-01-01, and which rows have one.
fn days(value: &JsValue) -> Result<(Vec<i32>, Option<Vec<u8>>), Thrown> {
    if let Some(days) = value.dyn_ref::<Int32Array>() {
        return Ok((days.to_vec(), None));
    }
    if !Array::is_array(value) {
        let found = type_name(value);
        let message = format!("expected an Int32Array of days or ISO date strings, found {found}");
        return Err(invalid_argument("columns.date", message).into());
    }
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let days: Vec<Option<i32>> = (strings("columns.date", value)?.iter())
        .map(|text| {
            let date = NaiveDate::parse_from_str(text.as_deref()?.trim(), "%Y-%m-%d").ok()?;
            i32::try_from((date - epoch).num_days()).ok()
        })
        .collect();
    let valid = bitmap(days.iter().map(Option::is_some));
    Ok((days.into_iter().map(|d| d.unwrap_or(0)).collect(), valid))
}

/// An array of strings (or `null`s) in one crossing: `JSON.stringify` there,
/// one parse here.
fn strings(name: &str, value: &JsValue) -> Result<Vec<Option<String>>, Thrown> {
    if !Array::is_array(value) {
        let found = type_name(value);
        return Err(invalid_argument(name, format!("expected an array, found {found}")).into());
    }
    let json = plain_json_text_from_js(name, value)?;
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
