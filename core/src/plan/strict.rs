//! Reading JSON text that loses nothing silently: a duplicated key in an
//! object is refused with its JSON pointer (the reader the rest of the
//! crate builds on would keep the last value), and a leading byte-order
//! mark is skipped, as the CSV reader skips one.
//!
//! Limits ([`crate::limits`]): nesting deeper than [`Limits::depth`]
//! arrays or objects and a string or key longer than [`Limits::string`]
//! bytes are refused where they are found, as is a number beyond what a
//! float holds.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::limits::Limits;

/// The message of a duplicated key starts with this.
pub(super) const DUPLICATE: &str = "duplicate key";

/// The message of a value beyond a limit starts with this.
pub(super) const LIMIT: &str = "limit exceeded: ";

/// The text without a leading byte-order mark.
pub(super) fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Reads a JSON value at nesting `depth` (the document itself is at 0),
/// with every object's keys checked to be distinct and the limits applied.
#[derive(Clone, Copy)]
pub(super) struct Strict {
    pub(super) depth: usize,
    pub(super) limits: Limits,
}

impl Strict {
    fn string<E: de::Error>(&self, v: &str) -> Result<(), E> {
        if v.len() > self.limits.string {
            return Err(E::custom(format!(
                "{LIMIT}a string of {} bytes is longer than the limit of {} bytes",
                v.len(),
                self.limits.string
            )));
        }
        Ok(())
    }

    /// The reader of a value one level down, or the error of one level too
    /// many.
    fn inner<E: de::Error>(&self) -> Result<Strict, E> {
        if self.depth >= self.limits.depth {
            return Err(E::custom(format!(
                "{LIMIT}arrays and objects nested deeper than {} levels",
                self.limits.depth
            )));
        }
        Ok(Strict {
            depth: self.depth + 1,
            limits: self.limits,
        })
    }
}

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a number beyond what a float holds"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.string(v)?;
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.string(&v)?;
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.inner()?;
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(inner)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.inner()?;
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.string(&key)?;
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "{DUPLICATE} `{key}`: a key may appear once in an object"
                )));
            }
            let v = map.next_value_seed(inner)?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}
