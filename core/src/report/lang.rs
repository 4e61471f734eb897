//! How the plan review writes numbers, amounts, percentages, dates and
//! the words of statuses and levels in each of the two languages
//! ([`Lang`], which the charts share).

use chrono::{Datelike, NaiveDate};

pub use crate::chart::Lang;
use crate::evaluate::Status;
use crate::plan::RiskLevel;

impl Lang {
    /// The `lang` attribute of an HTML document.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// A date in words: `2026年6月30日` or `30 Jun 2026`.
    pub(crate) fn long_date(self, day: NaiveDate) -> String {
        match self {
            Lang::Zh => format!("{}年{}月{}日", day.year(), day.month(), day.day()),
            Lang::En => day.format("%-d %b %Y").to_string(),
        }
    }

    /// A node's name: the company, or its path.
    pub(crate) fn node(self, node: &str) -> String {
        if node.is_empty() {
            self.pick("公司", "Company").to_owned()
        } else {
            node.to_owned()
        }
    }

    /// A KPI status.
    pub(crate) fn status(self, status: Option<Status>) -> &'static str {
        match status {
            Some(Status::OnTrack) => self.pick("正常", "On track"),
            Some(Status::AtRisk) => self.pick("关注", "At risk"),
            Some(Status::OffTrack) => self.pick("落后", "Off track"),
            None => "—",
        }
    }

    /// A risk level.
    pub(crate) fn level(self, level: Option<RiskLevel>) -> &'static str {
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
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        assert_eq!(Lang::Zh.money(d("120000000"), "CNY"), "1.2亿元");
        assert_eq!(Lang::En.money(d("51216000.5"), "CNY"), "CNY 51,216,000.5");
        let day = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        assert_eq!(Lang::Zh.long_date(day), "2026年6月30日");
        assert_eq!(Lang::En.long_date(day), "30 Jun 2026");
        assert_eq!(Lang::Zh.status(Some(Status::OffTrack)), "落后");
        assert_eq!(Lang::En.level(Some(RiskLevel::Critical)), "Critical");
    }
}
