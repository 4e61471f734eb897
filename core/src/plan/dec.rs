//! Serde glue that keeps decimals exact: they are written and read as JSON
//! strings (`"120000000.00"`), never as floats.
//!
//! Used through `#[serde(with = "...")]` on the model's fields; the schema
//! side is [`DecimalString`].

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// JSON Schema stand-in for a decimal written as a string.
pub(crate) struct DecimalString;

impl schemars::JsonSchema for DecimalString {
    fn schema_name() -> Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "decimal",
            "pattern": "^-?[0-9]{1,18}(\\.[0-9]+)?$",
            "description": "An exact decimal number written as a string, e.g. \"120000000.00\" or \"0.2\"."
        })
    }
}

/// Every decimal in a document is below this in magnitude, so sums over
/// whole plans cannot overflow.
const LIMIT: i64 = 1_000_000_000_000_000_000;

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal number written as a string, e.g. \"1200.50\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        let plain = v
            .bytes()
            .enumerate()
            .all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && b == b'-'));
        if !plain || v.is_empty() {
            return Err(E::invalid_value(de::Unexpected::Str(v), &self));
        }
        let d =
            Decimal::from_str(v).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))?;
        if d.abs() >= Decimal::from(LIMIT) {
            return Err(E::custom(format_args!(
                "decimal {v} is out of range: amounts must be below 10^18 in magnitude"
            )));
        }
        Ok(d)
    }
}

/// Writes a decimal as a string.
pub(crate) fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

/// Reads a decimal from a string.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_str(DecimalVisitor)
}

/// The same for `Option<Decimal>`.
pub(crate) mod opt {
    use super::*;

    /// Writes an optional decimal as a string or null.
    pub(crate) fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.collect_str(v),
            None => s.serialize_none(),
        }
    }

    /// Reads an optional decimal from a string or null.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Decimal>, D::Error> {
        struct OptVisitor;
        impl<'de> Visitor<'de> for OptVisitor {
            type Value = Option<Decimal>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                DecimalVisitor.expecting(f)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
                super::deserialize(d).map(Some)
            }
        }
        d.deserialize_option(OptVisitor)
    }
}

/// The same for a map from names (periods, measures) to decimals.
pub(crate) mod map {
    use super::*;
    use serde::de::MapAccess;
    use serde::ser::SerializeMap;

    pub(crate) fn serialize<S: Serializer>(
        value: &BTreeMap<String, Decimal>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(value.len()))?;
        for (k, v) in value {
            m.serialize_entry(k, &v.to_string())?;
        }
        m.end()
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<String, Decimal>, D::Error> {
        struct MapVisitor;
        struct Item(Decimal);
        impl<'de> serde::Deserialize<'de> for Item {
            fn deserialize<D2: Deserializer<'de>>(d: D2) -> Result<Self, D2::Error> {
                super::deserialize(d).map(Item)
            }
        }
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = BTreeMap<String, Decimal>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object whose values are decimals written as strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, Item(v))) = a.next_entry::<String, Item>()? {
                    if out.insert(k.clone(), v).is_some() {
                        return Err(de::Error::custom(format_args!("duplicate key {k:?}")));
                    }
                }
                Ok(out)
            }
        }
        d.deserialize_map(MapVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct One(#[serde(with = "super")] Decimal);

    #[test]
    fn reads_strings_only() {
        let ok: One = serde_json::from_str("\"120000000.50\"").unwrap();
        assert_eq!(ok.0.to_string(), "120000000.50");
        assert!(serde_json::from_str::<One>("0.1").is_err());
        assert!(serde_json::from_str::<One>("\"1e5\"").is_err());
        assert!(serde_json::from_str::<One>("\" 1\"").is_err());
        assert!(serde_json::from_str::<One>("\"\"").is_err());
        let neg: One = serde_json::from_str("\"-3.25\"").unwrap();
        assert_eq!(neg.0.to_string(), "-3.25");
    }
}
