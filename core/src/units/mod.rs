//! Money: amounts written with Chinese units (`"1.2亿"`, `"3,500万"`) and ISO
//! 4217 currency codes.
//!
//! Amounts are exact [`rust_decimal::Decimal`]s; [`parse_amount`] reads them
//! and [`format_amount`] and [`format_money`] write them. [`Currency`] is a
//! checked three-letter currency code.
//!
//! ```
//! use salesplan::units::{format_amount_auto, format_money, parse_amount};
//!
//! let amount = parse_amount("1亿2000万").unwrap();
//! assert_eq!(amount.to_string(), "120000000");
//! assert_eq!(format_amount_auto(amount), "1.2亿");
//! assert_eq!(format_money(amount, "CNY"), "CNY 120,000,000.00");
//! ```

mod amount;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Unexpected, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

mod money;

pub use amount::{
    format_amount, format_amount_auto, format_money, parse_amount, parse_decimal, plain_decimal,
    AmountFormat, AmountUnit,
};
pub use money::{format_percent, parse_percent, Money};

/// What a currency code must look like, for messages.
const CURRENCY_EXPECTED: &str = "a three-letter ISO 4217 currency code such as \"CNY\"";

/// An ISO 4217 currency code: exactly three ASCII capital letters, such as
/// `CNY`, `USD` or `EUR`.
///
/// Only the form is checked, not whether ISO lists the code. In JSON it is a
/// plain string.
///
/// ```
/// use salesplan::units::Currency;
///
/// let cny = Currency::new("CNY").unwrap();
/// assert_eq!(cny.as_str(), "CNY");
/// assert_eq!(cny.to_string(), "CNY");
/// assert!(Currency::new("cny").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(String);

impl Currency {
    /// Checks and wraps a currency code.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] named `currency` unless `code` is exactly
    /// three ASCII capital letters. The code is not trimmed or upper-cased.
    pub fn new(code: &str) -> Result<Currency> {
        if is_currency_code(code) {
            Ok(Currency(code.to_owned()))
        } else {
            Err(Error::InvalidArgument {
                name: "currency".to_owned(),
                message: format!("{code:?} is not {CURRENCY_EXPECTED}"),
            })
        }
    }

    /// The three-letter code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `code` is exactly three ASCII capital letters.
fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Currency {
    type Err = Error;

    /// The same as [`Currency::new`].
    fn from_str(code: &str) -> Result<Currency> {
        Currency::new(code)
    }
}

impl AsRef<str> for Currency {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_str(CurrencyVisitor)
    }
}

/// Reads a [`Currency`] from a string, refusing anything else.
struct CurrencyVisitor;

impl Visitor<'_> for CurrencyVisitor {
    type Value = Currency;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(CURRENCY_EXPECTED)
    }

    fn visit_str<E: de::Error>(self, code: &str) -> std::result::Result<Currency, E> {
        if is_currency_code(code) {
            Ok(Currency(code.to_owned()))
        } else {
            Err(E::invalid_value(Unexpected::Str(code), &self))
        }
    }
}

impl JsonSchema for Currency {
    fn schema_name() -> Cow<'static, str> {
        "Currency".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::Currency").into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[A-Z]{3}$",
            "description": "An ISO 4217 currency code: three capital letters such as \"CNY\".",
            "examples": ["CNY", "USD"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_three_capital_letters() {
        for code in ["CNY", "USD", "EUR", "XXX"] {
            let currency = Currency::new(code).expect("valid code");
            assert_eq!(currency.as_str(), code);
            assert_eq!(currency.to_string(), code);
            assert_eq!(currency.as_ref(), code);
            assert_eq!(code.parse::<Currency>(), Ok(currency));
        }
    }

    #[test]
    fn refuses_anything_else() {
        for code in [
            "",
            "CN",
            "CNYY",
            "cny",
            "CnY",
            " CNY",
            "CN1",
            "ÄBC",
            "人民币",
        ] {
            match Currency::new(code) {
                Err(Error::InvalidArgument { name, message }) => {
                    assert_eq!(name, "currency");
                    assert!(message.contains("ISO 4217"), "{message}");
                }
                other => panic!("{code:?} should be refused, got {other:?}"),
            }
        }
    }

    #[test]
    fn serialises_as_a_string() {
        let currency = Currency::new("CNY").expect("valid code");
        assert_eq!(
            serde_json::to_string(&currency).expect("serialises"),
            "\"CNY\""
        );
        let back: Currency = serde_json::from_str("\"CNY\"").expect("deserialises");
        assert_eq!(back, currency);
    }

    #[test]
    fn deserialising_checks_the_code() {
        let expected = "expected a three-letter ISO 4217 currency code such as \"CNY\"";
        for json in ["\"cny\"", "\"RMB1\"", "\"\"", "42", "null", "[\"CNY\"]"] {
            let error = serde_json::from_str::<Currency>(json).expect_err(json);
            assert!(error.to_string().contains(expected), "{json}: {error}");
        }
    }

    #[test]
    fn schema_is_a_patterned_string() {
        let schema = schemars::schema_for!(Currency);
        let value = schema.as_value();
        assert_eq!(value["type"], "string");
        assert_eq!(value["pattern"], "^[A-Z]{3}$");
        assert_eq!(Currency::schema_name(), "Currency");
    }

    proptest! {
        #[test]
        fn valid_codes_round_trip_through_json(code in "[A-Z]{3}") {
            let currency = Currency::new(&code).expect("valid code");
            let json = serde_json::to_string(&currency).expect("serialises");
            prop_assert_eq!(serde_json::from_str::<Currency>(&json).ok(), Some(currency));
        }

        #[test]
        fn new_agrees_with_the_pattern(code in "[A-Ca-c1 Ä]{0,4}") {
            let matches = code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase());
            prop_assert_eq!(Currency::new(&code).is_ok(), matches);
        }
    }
}
