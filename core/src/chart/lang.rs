//! The language of a chart's words, and how its numbers are written.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::plan::KpiUnit;
use crate::units::{format_amount, format_percent, AmountFormat, AmountUnit};

/// The language of the words on a chart.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese: amounts in 万 and 亿.
    #[default]
    Zh,
    /// English: amounts with thousands separators and the currency code.
    En,
}

impl FromStr for Lang {
    type Err = Error;

    /// Reads `"zh"` or `"en"`.
    fn from_str(s: &str) -> Result<Lang> {
        match s {
            "zh" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            other => Err(Error::InvalidArgument {
                name: "lang".into(),
                message: format!("{other:?}: expected \"zh\" or \"en\""),
            }),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        })
    }
}

impl Lang {
    /// The Chinese or the English word.
    pub(crate) fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// An amount for an axis tick: `1.2亿` in Chinese, `120,000,000` in
    /// English (the axis names the currency).
    pub(crate) fn tick(self, amount: Decimal) -> String {
        match self {
            Lang::Zh => format_amount(
                amount,
                &AmountFormat {
                    unit: AmountUnit::Auto,
                    max_decimals: 2,
                    grouping: true,
                },
            ),
            Lang::En => format_amount(
                amount,
                &AmountFormat {
                    unit: AmountUnit::None,
                    max_decimals: 2,
                    grouping: true,
                },
            ),
        }
    }

    /// An amount with its currency: `5,121.6万元` or `CNY 51,216,000`.
    pub(crate) fn money(self, amount: Decimal, currency: &str) -> String {
        match self {
            Lang::Zh => {
                let unit = if currency == "CNY" { "元" } else { "" };
                let mut text = format_amount(
                    amount,
                    &AmountFormat {
                        unit: AmountUnit::Auto,
                        max_decimals: 2,
                        grouping: true,
                    },
                );
                if unit.is_empty() && !currency.is_empty() {
                    text.push(' ');
                    text.push_str(currency);
                } else {
                    text.push_str(unit);
                }
                text
            }
            Lang::En => format!("{currency} {}", self.tick(amount)),
        }
    }

    /// The currency as an axis names it: `元` for CNY in Chinese, else the
    /// code.
    pub(crate) fn currency(self, currency: &str) -> String {
        match (self, currency) {
            (Lang::Zh, "CNY") => "元".into(),
            _ => currency.into(),
        }
    }

    /// A KPI value in its unit.
    pub(crate) fn value(self, value: Decimal, unit: KpiUnit, currency: &str) -> String {
        match unit {
            KpiUnit::Money => self.money(value, currency),
            KpiUnit::Ratio => format_percent(value, 1),
            KpiUnit::Days => format!("{}{}", self.number(value), self.pick("天", " days")),
            KpiUnit::Count | KpiUnit::Score => self.number(value),
        }
    }

    /// A KPI value for an axis tick, without its currency.
    pub(crate) fn value_tick(self, value: Decimal, unit: KpiUnit) -> String {
        match unit {
            KpiUnit::Money => self.tick(value),
            KpiUnit::Ratio => format_percent(value, 1),
            _ => self.number(value),
        }
    }

    /// A plain number, grouped, at most two decimals.
    pub(crate) fn number(self, value: Decimal) -> String {
        format_amount(
            value,
            &AmountFormat {
                unit: AmountUnit::None,
                max_decimals: 2,
                grouping: true,
            },
        )
    }

    /// A share as a percentage with at most one decimal.
    pub(crate) fn percent(self, share: Decimal) -> String {
        format_percent(share, 1)
    }

    /// A date, ISO.
    pub(crate) fn date(self, date: NaiveDate) -> String {
        date.format("%Y-%m-%d").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_its_code() {
        assert_eq!("zh".parse::<Lang>().unwrap(), Lang::Zh);
        assert_eq!("en".parse::<Lang>().unwrap(), Lang::En);
        assert!(matches!(
            "fr".parse::<Lang>(),
            Err(Error::InvalidArgument { .. })
        ));
        assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
        assert_eq!(serde_json::from_str::<Lang>("\"zh\"").unwrap(), Lang::Zh);
        assert_eq!(Lang::Zh.to_string(), "zh");
    }

    #[test]
    fn amounts_in_each_language() {
        let a = Decimal::new(51_216_000, 0);
        assert_eq!(Lang::Zh.money(a, "CNY"), "5,121.6万元");
        assert_eq!(Lang::En.money(a, "CNY"), "CNY 51,216,000");
        assert_eq!(Lang::Zh.tick(Decimal::new(120_000_000, 0)), "1.2亿");
        assert_eq!(Lang::En.tick(Decimal::new(-2_500, 0)), "-2,500");
        assert_eq!(
            Lang::En.value(Decimal::new(28, 2), KpiUnit::Ratio, ""),
            "28%"
        );
    }
}
