//! `RuleSet`: a plan's adjustment rules compiled once and run over one
//! context of facts or over many at once (the core's
//! `RuleSet::evaluate_many`, 64 contexts at a time), each fact a column.

use rust_decimal::Decimal;
use salesplan::adjust::{FactValue, FiredSets, RuleSet as Compiled, FACT_WORDS};
use salesplan::units::plain_decimal;
use salesplan::Plan;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::evaluation::EvaluationResult;
use crate::interop::{
    invalid_argument, plain_json_text_from_js, plan_from_js, to_js, type_name, Thrown,
};
use crate::numbers::from_f64;

/// Contexts converted and run at a time: the facts of a block stay small
/// whatever the number of rows.
const BLOCK: usize = 4096;

/// A plan's rules, compiled: every rule's condition (disabled rules too,
/// see `enabled`), over the facts listed in `facts`. `evaluate` runs them
/// on one context, `evaluateMany` on a column per fact, 64 contexts at a
/// time, with the same answers.
///
/// A number fact is exact: a decimal string is read as it is; a JavaScript
/// number (alone or in a `Float64Array`) as the shortest decimal that turns
/// back into the same number, the digits `String(x)` prints (`0.7` is
/// `0.7`, not the binary fraction the double holds). `NaN`, the
/// infinities, `null` and `undefined` are no value: every comparison with
/// it is false. A text
/// fact (a status, a risk level) is one of its words or `null`.
#[wasm_bindgen]
pub struct RuleSet {
    plan: Plan,
    set: Compiled,
}

#[wasm_bindgen]
impl RuleSet {
    /// Compiles the rules of a plan (a document or its JSON text).
    ///
    /// @throws {SalesplanError} when the plan cannot be read;
    /// `"invalid_argument"` with the path `/rules/<i>/when` of the first
    /// rule whose condition does not compile.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] plan: JsValue,
    ) -> Result<RuleSet, Thrown> {
        let plan = plan_from_js(&plan)?;
        let set = Compiled::compile(&plan).map_err(|errors| salesplan::Error::InvalidArgument {
            name: format!("/rules/{}/when", errors[0].index),
            message: errors[0].to_string(),
        })?;
        Ok(RuleSet { plan, set })
    }

    /// The rules' ids, in plan order: the columns of `FiredRules.fired`.
    #[wasm_bindgen(getter, unchecked_return_type = "string[]")]
    pub fn ids(&self) -> Result<JsValue, Thrown> {
        let ids: Vec<&str> = self.set.rules().iter().map(|r| r.id.as_str()).collect();
        to_js(&ids)
    }

    /// Whether each rule is enabled (`propose` skips the others).
    #[wasm_bindgen(getter, unchecked_return_type = "boolean[]")]
    pub fn enabled(&self) -> Result<JsValue, Thrown> {
        let enabled: Vec<bool> = self
            .set
            .rules()
            .iter()
            .map(|r| self.plan.rules[r.index].enabled)
            .collect();
        to_js(&enabled)
    }

    /// Every fact a rule reads, as written in conditions
    /// (`kpi("K-CONV").attainment`): the keys of a context and of the
    /// columns.
    #[wasm_bindgen(getter, unchecked_return_type = "string[]")]
    pub fn facts(&self) -> Result<JsValue, Thrown> {
        let names: Vec<String> = self.set.slots().iter().map(ToString::to_string).collect();
        to_js(&names)
    }

    /// What each fact is: `"number"` or `"text"`.
    #[wasm_bindgen(getter, js_name = factKinds, unchecked_return_type = "FactKind[]")]
    pub fn fact_kinds(&self) -> Result<JsValue, Thrown> {
        let kinds: Vec<&str> = self
            .set
            .slots()
            .iter()
            .map(|f| if f.is_text() { "text" } else { "number" })
            .collect();
        to_js(&kinds)
    }

    /// The facts an evaluation gives the rules (with the risk register it
    /// moves, as `propose` reads them): numbers as exact decimal strings,
    /// `null` for no value.
    #[wasm_bindgen(js_name = factsOf, unchecked_return_type = "Record<string, string | null>")]
    pub fn facts_of(&self, evaluation: &EvaluationResult) -> Result<JsValue, Thrown> {
        let register = self.plan.risk_register(Some(evaluation.inner()));
        let facts = self
            .set
            .facts(&self.plan, evaluation.inner(), Some(&register));
        let map: serde_json::Map<String, serde_json::Value> = self
            .set
            .slots()
            .iter()
            .zip(&facts)
            .map(|(slot, value)| {
                let value = match value {
                    FactValue::Num(d) => serde_json::Value::String(d.to_string()),
                    FactValue::Text(t) => serde_json::Value::String((*t).to_owned()),
                    FactValue::Missing => serde_json::Value::Null,
                };
                (slot.to_string(), value)
            })
            .collect();
        to_js(&map)
    }

    /// The ids of the rules whose condition holds for one context: an
    /// object with a value per fact (a missing key is no value).
    ///
    /// @throws {SalesplanError} `"invalid_argument"` for a value that is
    /// not a fact's kind.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FactContext")] facts: JsValue,
    ) -> Result<JsValue, Thrown> {
        let context = self
            .set
            .slots()
            .iter()
            .map(|slot| {
                let name = slot.to_string();
                let value = js_sys::Reflect::get(&facts, &JsValue::from_str(&name))
                    .map_err(Thrown::rethrow)?;
                fact(&name, slot.is_text(), &value)
            })
            .collect::<Result<Vec<_>, Thrown>>()?;
        let mut fired = Vec::new();
        self.set.evaluate(&context, &mut fired);
        let ids: Vec<&str> = fired
            .iter()
            .map(|&i| self.set.rules()[i].id.as_str())
            .collect();
        to_js(&ids)
    }

    /// Every rule over many contexts, a column per fact (`facts` names
    /// them; other keys are ignored): a `Float64Array` or an array of
    /// numbers, decimal strings and `null`s for a number, an array of
    /// words and `null`s for a text. Every column has one value per
    /// context.
    ///
    /// @throws {SalesplanError} `"invalid_argument"` naming a missing
    /// column, one of another length, or a value not of its fact's kind.
    #[wasm_bindgen(js_name = evaluateMany, unchecked_return_type = "FiredRules")]
    pub fn evaluate_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FactColumns")] columns: JsValue,
    ) -> Result<JsValue, Thrown> {
        let slots = self.set.slots();
        let mut read = Vec::with_capacity(slots.len());
        for slot in slots {
            let name = slot.to_string();
            let value = js_sys::Reflect::get(&columns, &JsValue::from_str(&name))
                .map_err(Thrown::rethrow)?;
            read.push(Column::from_js(&name, slot.is_text(), value)?);
        }
        let rows = rows(&read, slots)?;
        let mut out = FiredSets::new(&self.set);
        let mut block: Vec<FactValue> = Vec::with_capacity(BLOCK * slots.len());
        for start in (0..rows).step_by(BLOCK) {
            let end = (start + BLOCK).min(rows);
            block.clear();
            for row in start..end {
                for (column, slot) in read.iter().zip(slots) {
                    block.push(column.at(row, slot)?);
                }
            }
            if slots.is_empty() {
                let empty: &[FactValue] = &[];
                self.set
                    .evaluate_many(std::iter::repeat_n(empty, end - start), &mut out);
            } else {
                self.set
                    .evaluate_many(block.chunks_exact(slots.len()), &mut out);
            }
        }
        fired_rules(&self.set, &out)
    }
}

/// The plain object `evaluateMany` returns: the rule ids, the number of
/// contexts, and a byte per context and rule (row-major).
fn fired_rules(set: &Compiled, out: &FiredSets) -> Result<JsValue, Thrown> {
    let rules = set.rules().len();
    let mut bytes = vec![0u8; out.len() * rules];
    for (context, row) in bytes
        .chunks_exact_mut(rules.max(1))
        .enumerate()
        .take(out.len())
    {
        for rule in out.fired(context) {
            row[rule] = 1;
        }
    }
    let ids: Vec<&str> = set.rules().iter().map(|r| r.id.as_str()).collect();
    let object = js_sys::Object::new();
    let set_field = |key: &str, value: &JsValue| {
        js_sys::Reflect::set(&object, &JsValue::from_str(key), value).map_err(Thrown::rethrow)
    };
    set_field("rules", &to_js(&ids)?)?;
    set_field("contexts", &JsValue::from(out.len() as f64))?;
    set_field("fired", &js_sys::Uint8Array::from(&bytes[..]).into())?;
    Ok(object.into())
}

/// The number of contexts: the length every column shares.
fn rows(columns: &[Column], slots: &[salesplan::adjust::Fact]) -> Result<usize, Thrown> {
    let mut rows = None;
    for (column, slot) in columns.iter().zip(slots) {
        let len = column.len();
        match rows {
            None => rows = Some(len),
            Some(n) if n != len => {
                let message = format!("column {slot} has {len} values; the others {n}");
                return Err(invalid_argument("columns", message).into());
            }
            Some(_) => {}
        }
    }
    Ok(rows.unwrap_or(0))
}

/// One fact's column as it came from JavaScript: a `Float64Array`'s
/// numbers, or an array read through its JSON text (one crossing of the
/// boundary for the whole array instead of one per value; numbers keep
/// their value, `NaN` and the infinities become `null`).
enum Column {
    Floats(Vec<f64>),
    Values(Vec<Scalar>),
}

/// A value of an array read through its JSON text.
enum Scalar {
    Null,
    Number(f64),
    /// A text fact's word.
    Word(&'static str),
    /// A number fact's decimal string.
    Decimal(Decimal),
    /// A string that is neither (kept for the error).
    Text(String),
    /// Anything else, by its JSON type.
    Other(&'static str),
}

impl Column {
    fn from_js(name: &str, text_fact: bool, value: JsValue) -> Result<Column, Thrown> {
        if let Some(floats) = value.dyn_ref::<js_sys::Float64Array>() {
            if text_fact {
                let message = format!("column {name} is a text fact; expected an array of words");
                return Err(invalid_argument("columns", message).into());
            }
            return Ok(Column::Floats(floats.to_vec()));
        }
        if js_sys::Array::is_array(&value) {
            let text = plain_json_text_from_js("columns", &value)?;
            let values = scalars(&text, text_fact).ok_or_else(|| {
                invalid_argument("columns", format!("column {name} cannot be read"))
            })?;
            return Ok(Column::Values(values));
        }
        let message = if value.is_undefined() {
            format!("no column {name}")
        } else {
            let found = type_name(&value);
            format!("column {name} must be a Float64Array or an array, not {found}")
        };
        Err(invalid_argument("columns", message).into())
    }

    fn len(&self) -> usize {
        match self {
            Column::Floats(v) => v.len(),
            Column::Values(v) => v.len(),
        }
    }

    fn at(&self, row: usize, slot: &salesplan::adjust::Fact) -> Result<FactValue, Thrown> {
        match self {
            Column::Floats(v) => Ok(from_f64(v[row]).map_or(FactValue::Missing, FactValue::Num)),
            Column::Values(v) => json_fact(&|| format!("{slot}[{row}]"), slot.is_text(), &v[row]),
        }
    }
}

/// One fact's value from JavaScript (`name` for errors).
fn fact(name: &str, text: bool, value: &JsValue) -> Result<FactValue, Thrown> {
    if value.is_null() || value.is_undefined() {
        return Ok(FactValue::Missing);
    }
    let wrong = |expected: &str| -> Thrown {
        let found = type_name(value);
        invalid_argument(
            "facts",
            format!("{name}: expected {expected}, found {found}"),
        )
        .into()
    };
    if text {
        let word = value.as_string().ok_or_else(|| wrong("a word or null"))?;
        return word_fact(name, &word);
    }
    if let Some(x) = value.as_f64() {
        return Ok(from_f64(x).map_or(FactValue::Missing, FactValue::Num));
    }
    let text = value
        .as_string()
        .ok_or_else(|| wrong("a number, a decimal string or null"))?;
    plain_decimal(&text).map(FactValue::Num).ok_or_else(|| {
        let message = format!("{name}: {text:?} is not a decimal number");
        invalid_argument("facts", message).into()
    })
}

/// The values of a JSON array of scalars, as `JSON.stringify` writes one;
/// numbers read with Rust's correctly rounded parser (serde_json's own may
/// be a unit in the last place off), so they are the doubles JavaScript
/// held.
fn scalars(text: &str, words: bool) -> Option<Vec<Scalar>> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    let bytes = inner.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let value = match bytes[i] {
            b'"' => {
                i += 1;
                while bytes.get(i)? != &b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                let quoted = &inner[start..i];
                let string = if quoted.contains('\\') {
                    std::borrow::Cow::Owned(serde_json::from_str::<String>(quoted).ok()?)
                } else {
                    std::borrow::Cow::Borrowed(&quoted[1..quoted.len() - 1])
                };
                let found = if words {
                    FACT_WORDS
                        .iter()
                        .find(|w| **w == string)
                        .map(|w| Scalar::Word(w))
                } else {
                    plain_decimal(&string).map(Scalar::Decimal)
                };
                found.unwrap_or_else(|| Scalar::Text(string.into_owned()))
            }
            b'[' | b'{' => {
                // A nested value: skip it whole.
                let kind = if bytes[i] == b'[' { "array" } else { "object" };
                let mut depth = 0usize;
                let mut quoted = false;
                loop {
                    match (bytes.get(i)?, quoted) {
                        (b'\\', true) => i += 1,
                        (b'"', _) => quoted = !quoted,
                        (b'[' | b'{', false) => depth += 1,
                        (b']' | b'}', false) => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                    if depth == 0 && !quoted {
                        break;
                    }
                }
                Scalar::Other(kind)
            }
            _ => {
                while i < bytes.len() && bytes[i] != b',' {
                    i += 1;
                }
                match &inner[start..i] {
                    "null" => Scalar::Null,
                    "true" | "false" => Scalar::Other("boolean"),
                    number => Scalar::Number(number.parse().ok()?),
                }
            }
        };
        out.push(value);
        match bytes.get(i) {
            None => {}
            Some(b',') => i += 1,
            Some(_) => return None,
        }
    }
    Some(out)
}

/// One fact's value from an array's JSON (`name` for errors, made only
/// for one): as [`fact`] reads the JavaScript value.
fn json_fact(name: &dyn Fn() -> String, text: bool, value: &Scalar) -> Result<FactValue, Thrown> {
    let wrong = |expected: &str, found: &str| -> Thrown {
        invalid_argument(
            "facts",
            format!("{}: expected {expected}, found {found}", name()),
        )
        .into()
    };
    let not_decimal = |t: &str| -> Thrown {
        let message = format!("{}: {t:?} is not a decimal number", name());
        invalid_argument("facts", message).into()
    };
    match value {
        Scalar::Null => Ok(FactValue::Missing),
        Scalar::Word(word) if text => Ok(FactValue::Text(word)),
        Scalar::Text(word) if text => word_fact(&name(), word),
        Scalar::Number(_) if text => Err(wrong("a word or null", "number")),
        Scalar::Decimal(d) if text => word_fact(&name(), &d.to_string()),
        Scalar::Other(found) if text => Err(wrong("a word or null", found)),
        Scalar::Number(x) => Ok(from_f64(*x).map_or(FactValue::Missing, FactValue::Num)),
        Scalar::Decimal(d) => Ok(FactValue::Num(*d)),
        Scalar::Word(t) => Err(not_decimal(t)),
        Scalar::Text(t) => Err(not_decimal(t)),
        Scalar::Other(found) => Err(wrong("a number, a decimal string or null", found)),
    }
}

/// A text fact's word.
fn word_fact(name: &str, word: &str) -> Result<FactValue, Thrown> {
    FactValue::word(word).ok_or_else(|| {
        let message = format!("{name}: {word:?} is not one of {}", FACT_WORDS.join(", "));
        invalid_argument("facts", message).into()
    })
}
