//! The two languages of the plan review: every label, and how numbers,
//! amounts, percentages and dates are written in each.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::evaluate::Status;
use crate::plan::RiskLevel;
use crate::units::{format_amount, AmountFormat, AmountUnit};

/// The language of a report or a chart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese: amounts in 万 and 亿, dates as 2026年6月30日.
    #[default]
    Zh,
    /// English: amounts with thousands separators, dates as 30 Jun 2026.
    En,
}

impl std::str::FromStr for Lang {
    type Err = crate::Error;

    fn from_str(text: &str) -> crate::Result<Lang> {
        match text.trim() {
            "zh" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            other => Err(crate::Error::InvalidArgument {
                name: "lang".into(),
                message: format!("{other:?} is not a language of the report (zh or en)"),
            }),
        }
    }
}

impl Lang {
    /// The `lang` attribute of an HTML document.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// One of two texts.
    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// An amount of money: `5,121.6万` or `1.2亿` in Chinese,
    /// `51,216,000` in English (at most two decimals, trailing zeros
    /// dropped), with the currency code in English.
    pub fn money(self, amount: Decimal, currency: &str) -> String {
        match self {
            Lang::Zh => format_amount(
                amount,
                &AmountFormat {
                    max_decimals: 2,
                    ..AmountFormat::default()
                },
            ),
            Lang::En => {
                let number = format_amount(
                    amount,
                    &AmountFormat {
                        unit: AmountUnit::None,
                        max_decimals: 2,
                        grouping: true,
                    },
                );
                if currency.is_empty() {
                    number
                } else {
                    format!("{currency} {number}")
                }
            }
        }
    }

    /// A plain number, at most two decimals, grouped thousands.
    pub fn number(self, value: Decimal) -> String {
        format_amount(
            value,
            &AmountFormat {
                unit: AmountUnit::None,
                max_decimals: 2,
                grouping: true,
            },
        )
    }

    /// A ratio as a percentage with one decimal: `97.0%`.
    pub fn percent(self, ratio: Decimal) -> String {
        crate::units::format_percent(ratio, 1)
    }

    /// A date: `2026年6月30日` or `30 Jun 2026`.
    pub fn date(self, day: NaiveDate) -> String {
        match self {
            Lang::Zh => format!("{}年{}月{}日", day.year(), day.month(), day.day()),
            Lang::En => day.format("%-d %b %Y").to_string(),
        }
    }

    /// A node's name: the company, or its path.
    pub fn node(self, node: &str) -> String {
        if node.is_empty() {
            self.pick("公司", "Company").to_owned()
        } else {
            node.to_owned()
        }
    }

    /// A KPI status.
    pub fn status(self, status: Option<Status>) -> &'static str {
        match status {
            Some(Status::OnTrack) => self.pick("正常", "On track"),
            Some(Status::AtRisk) => self.pick("关注", "At risk"),
            Some(Status::OffTrack) => self.pick("落后", "Off track"),
            None => "—",
        }
    }

    /// A risk level.
    pub fn level(self, level: Option<RiskLevel>) -> &'static str {
        match level {
            Some(RiskLevel::Low) => self.pick("低", "Low"),
            Some(RiskLevel::Medium) => self.pick("中", "Medium"),
            Some(RiskLevel::High) => self.pick("高", "High"),
            Some(RiskLevel::Critical) => self.pick("极高", "Critical"),
            None => "—",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_dates_and_words_in_each_language() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Lang::Zh.money(d("120000000"), "CNY"), "1.2亿");
        assert_eq!(Lang::Zh.money(d("51216000"), "CNY"), "5,121.6万");
        assert_eq!(Lang::En.money(d("51216000.5"), "CNY"), "CNY 51,216,000.5");
        let day = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        assert_eq!(Lang::Zh.date(day), "2026年6月30日");
        assert_eq!(Lang::En.date(day), "30 Jun 2026");
        assert_eq!(Lang::Zh.status(Some(Status::OffTrack)), "落后");
        assert_eq!(Lang::En.level(Some(RiskLevel::Critical)), "Critical");
        assert_eq!("en".parse::<Lang>().unwrap(), Lang::En);
        assert_eq!("fr".parse::<Lang>().unwrap_err().code(), "invalid_argument");
    }
}
