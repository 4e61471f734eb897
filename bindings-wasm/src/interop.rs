//! Conversion between JavaScript values and the core's types.
//!
//! Errors cross the boundary as real JavaScript `Error`s: `name` is
//! `"SalesplanError"`, `message` is the core's message, and the properties
//! `code` (the core's stable code) and `path` (a JSON pointer or `null`) are
//! set on the object; for `"invalid_actuals"` also `problems`, every bad row
//! as `{row, column, message}`, and for `"rejected"` (a change that would
//! make the plan invalid) `diagnostics`, every finding of the changed plan
//! as `validate` gives them. The conversion lives here, never in the
//! core.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The `name` of every error this package throws for bad input.
pub const ERROR_NAME: &str = "SalesplanError";

/// A value about to be thrown to JavaScript.
///
/// Exports return `Result<_, Thrown>` so that `?` works on the core's
/// [`salesplan::Error`]; wasm-bindgen throws the wrapped value.
#[derive(Debug)]
pub struct Thrown(JsValue);

impl From<salesplan::Error> for Thrown {
    fn from(error: salesplan::Error) -> Self {
        Thrown(error_to_js(&error).into())
    }
}

impl Thrown {
    /// Throws again what a JavaScript call threw.
    pub fn rethrow(value: JsValue) -> Thrown {
        Thrown(value)
    }
}

impl From<Thrown> for JsValue {
    fn from(thrown: Thrown) -> JsValue {
        thrown.0
    }
}

/// Builds the `SalesplanError` for a core error.
pub fn error_to_js(error: &salesplan::Error) -> js_sys::Error {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name(ERROR_NAME);
    let path = error.path().map_or(JsValue::NULL, JsValue::from_str);
    // Setting a property on a fresh, extensible Error object cannot fail.
    let _ = js_sys::Reflect::set(&js, &"code".into(), &error.code().into());
    let _ = js_sys::Reflect::set(&js, &"path".into(), &path);
    match error {
        salesplan::Error::Actuals { problems } => {
            if let Ok(problems) = to_js(problems) {
                let _ = js_sys::Reflect::set(&js, &"problems".into(), &problems);
            }
        }
        salesplan::Error::Rejected { diagnostics } => {
            if let Ok(diagnostics) = to_js(diagnostics) {
                let _ = js_sys::Reflect::set(&js, &"diagnostics".into(), &diagnostics);
            }
        }
        _ => {}
    }
    js
}

/// An [`salesplan::Error::InvalidArgument`] for an argument of the binding.
pub fn invalid_argument(name: &str, message: impl Into<String>) -> salesplan::Error {
    salesplan::Error::InvalidArgument {
        name: name.to_owned(),
        message: message.into(),
    }
}

/// Converts a Rust value to a plain, JSON-compatible JavaScript value:
/// objects rather than `Map`s, `null` rather than `undefined`.
///
/// # Errors
/// Only if the value cannot be represented in JavaScript, which the core's
/// types never do (they are plain data with string keys).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Thrown> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Thrown(e.into()))
}

/// Reads a plan document given either as JSON text or as a JavaScript value.
///
/// Text goes to the core as is, so syntax errors keep their line and column.
/// Any other value is written out with `JSON.stringify` first, so it means
/// exactly what it would mean as JSON (`undefined` properties are left out,
/// `Date`s become strings) and the core sees the same document either way,
/// with the same paths in its errors. A number that is `NaN` or infinite is
/// written as its name, which the core refuses where a number or an amount
/// belongs, never read as an absent value.
///
/// # Errors
/// A `SalesplanError` when the document cannot be read, or when the value
/// cannot be written as JSON at all (`invalid_argument`).
pub fn plan_from_js(input: &JsValue) -> Result<salesplan::Plan, Thrown> {
    if let Some(text) = input.as_string() {
        return Ok(salesplan::Plan::from_json(&text)?);
    }
    let Some(json) = stringify("input", input)? else {
        return Err(salesplan::Error::Document {
            kind: salesplan::DocumentErrorKind::InvalidType,
            path: String::new(),
            message: format!(
                "a plan document must be a JSON object, found {}",
                type_name(input)
            ),
        }
        .into());
    };
    Ok(salesplan::Plan::from_json(&json)?)
}

/// Reads an optional options object the same way: as JSON, so unknown
/// options are refused. `undefined` and `null` give the default.
///
/// # Errors
/// `invalid_argument` named `name` when the value does not fit `T`.
pub fn options_from_js<T: DeserializeOwned + Default>(
    name: &str,
    value: &JsValue,
) -> Result<T, Thrown> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let json = stringify(name, value)?.unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(&json).map_err(|_| {
        invalid_argument(
            name,
            format!("expected an object, found {}", type_name(value)),
        )
    })?;
    T::deserialize(snake_case_keys(value)).map_err(|e| invalid_argument(name, e.to_string()).into())
}

/// The one spelling rule of keys: snake_case, as the core and the other
/// languages name them (`as_of`, `trend_periods`). An options object may
/// still spell its own keys in camelCase (`asOf`), as earlier releases of
/// this package did: they are read as the same keys. Only the object's own
/// keys are respelled, never the data inside it (tags, node names).
pub fn snake_case_keys(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => serde_json::Value::Object(snake_case_map(map)),
        other => other,
    }
}

/// [`snake_case_keys`] of an object.
pub fn snake_case_map(
    map: serde_json::Map<String, serde_json::Value>,
) -> serde_json::Map<String, serde_json::Value> {
    map.into_iter()
        .map(|(key, value)| (snake_case(&key), value))
        .collect()
}

/// `asOf` → `as_of`; a name without capitals is left as it is.
fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A core error about an options object given as `name`, as the
/// `invalid_argument` every language gives for a bad option
/// ([`salesplan::Error::in_options`]).
pub fn option_error(name: &str, error: salesplan::Error) -> Thrown {
    error.in_options(name).into()
}

/// Reads an optional options object as a JSON object with snake_case keys
/// ([`snake_case_keys`]); `undefined` and `null` give an empty one.
///
/// # Errors
/// `invalid_argument` named `name` for anything but an object.
pub fn options_object(
    name: &str,
    value: &JsValue,
) -> Result<serde_json::Map<String, serde_json::Value>, Thrown> {
    if value.is_undefined() || value.is_null() {
        return Ok(serde_json::Map::new());
    }
    match snake_case_keys(json_from_js(name, value)?) {
        serde_json::Value::Object(map) => Ok(map),
        _ => Err(invalid_argument(
            name,
            format!("expected an object, found {}", type_name(value)),
        )
        .into()),
    }
}

/// Reads a required argument as JSON into `T` (a cascade tree).
///
/// # Errors
/// `invalid_argument` named `name` when the value does not fit `T`.
pub fn value_from_js<T: DeserializeOwned>(name: &str, value: &JsValue) -> Result<T, Thrown> {
    let json = json_from_js(name, value)?;
    T::deserialize(json).map_err(|e| invalid_argument(name, e.to_string()).into())
}

/// A JavaScript value as JSON, as `JSON.stringify` writes it.
///
/// # Errors
/// `invalid_argument` named `name` when JSON cannot hold it (`undefined`, a
/// cycle, a bigint).
pub fn json_from_js(name: &str, value: &JsValue) -> Result<serde_json::Value, Thrown> {
    let json = json_text_from_js(name, value)?;
    serde_json::from_str(&json).map_err(|e| invalid_argument(name, e.to_string()).into())
}

/// `JSON.stringify(value)`, refused with its name where JavaScript gives
/// `undefined`.
///
/// # Errors
/// `invalid_argument` named `name` when JSON cannot hold the value.
pub fn json_text_from_js(name: &str, value: &JsValue) -> Result<String, Thrown> {
    stringify(name, value)?.ok_or_else(|| {
        let found = type_name(value);
        invalid_argument(name, format!("expected a JSON value, found {found}")).into()
    })
}

/// The library's own output given back (an evaluation) as JSON into `T`,
/// written by plain `JSON.stringify`: it holds no number that is not
/// finite, and its many nulls need no second look.
///
/// # Errors
/// `invalid_argument` named `name` when the value does not fit `T`.
pub fn output_from_js<T: DeserializeOwned>(name: &str, value: &JsValue) -> Result<T, Thrown> {
    let text = plain_json_text_from_js(name, value)?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| invalid_argument(name, e.to_string()))?;
    T::deserialize(json).map_err(|e| invalid_argument(name, e.to_string()).into())
}

/// `JSON.stringify(value)` exactly, `NaN` and the infinities written
/// `null`: for columns and records of observations, where null is a
/// missing value the reader reports by row, and for the library's outputs.
///
/// # Errors
/// `invalid_argument` named `name` when JSON cannot hold the value.
pub fn plain_json_text_from_js(name: &str, value: &JsValue) -> Result<String, Thrown> {
    let json = js_sys::JSON::stringify(value).map_err(|e| cannot_write(name, &e))?;
    json.as_string().ok_or_else(|| {
        let found = type_name(value);
        invalid_argument(name, format!("expected a JSON value, found {found}")).into()
    })
}

fn cannot_write(name: &str, e: &JsValue) -> salesplan::Error {
    let reason = e
        .dyn_ref::<js_sys::Error>()
        .map_or_else(|| format!("{e:?}"), |e| String::from(e.message()));
    invalid_argument(name, format!("cannot be written as JSON: {reason}"))
}

/// A string argument, refused with its name when it is anything else.
///
/// # Errors
/// `invalid_argument` named `name`.
pub fn text_from_js(name: &str, value: &JsValue) -> Result<String, Thrown> {
    value.as_string().ok_or_else(|| {
        let found = type_name(value);
        invalid_argument(name, format!("expected a string, found {found}")).into()
    })
}

/// A whole number from 0 to 2³² − 1, refused with its name otherwise
/// (wasm-bindgen would wrap `-1` to 4294967295 without a word).
///
/// # Errors
/// `invalid_argument` named `name`.
pub fn count_from_js(name: &str, value: &JsValue) -> Result<u32, Thrown> {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => Ok(n as u32),
        Some(n) => Err(invalid_argument(name, format!("{n} is not a whole number from 0")).into()),
        None => {
            let found = type_name(value);
            Err(invalid_argument(name, format!("expected a number, found {found}")).into())
        }
    }
}

/// `JSON.stringify(value)`: `None` where JavaScript gives `undefined`
/// (for `undefined`, functions and symbols).
///
/// A number that is `NaN` or infinite is written as its name (`"NaN"`,
/// `"Infinity"`), not `null` as `JSON.stringify` writes it, so that the
/// core refuses it with its path instead of reading an absent value.
fn stringify(name: &str, value: &JsValue) -> Result<Option<String>, Thrown> {
    let failed = |e: JsValue| cannot_write(name, &e);
    let json = js_sys::JSON::stringify(value).map_err(failed)?;
    let Some(text) = json.as_string() else {
        return Ok(None);
    };
    // Only text with a null can hide a number that was not finite.
    if !text.contains("null") {
        return Ok(Some(text));
    }
    let named = NON_FINITE.with(|replacer| {
        js_sys::JSON::stringify_with_replacer(value, replacer.as_ref().unchecked_ref())
    });
    Ok(named.map_err(failed)?.as_string())
}

thread_local! {
    /// A `JSON.stringify` replacer that names numbers JSON cannot hold.
    static NON_FINITE: Closure<dyn Fn(JsValue, JsValue) -> JsValue> =
        Closure::new(|_key: JsValue, value: JsValue| match value.as_f64() {
            Some(n) if n.is_nan() => JsValue::from_str("NaN"),
            Some(n) if n.is_infinite() => {
                JsValue::from_str(if n > 0.0 { "Infinity" } else { "-Infinity" })
            }
            _ => value,
        });
}

/// JavaScript's `typeof`, for messages.
pub fn type_name(value: &JsValue) -> String {
    value.js_typeof().as_string().unwrap_or_default()
}
