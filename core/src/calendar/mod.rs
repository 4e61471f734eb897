//! Periods of a plan — months, fiscal quarters, fiscal years, ISO weeks and
//! the months of retail calendars — and the dates they cover under a
//! calendar.
//!
//! # Conventions
//!
//! A [`Calendar`] is either a calendar of whole months, fixed by the month
//! in which its fiscal year starts (January for the
//! [Gregorian](Calendar::GREGORIAN) calendar), or a [retail
//! calendar](Calendar::retail) of 52- and 53-week fiscal years whose
//! quarters are split 4-4-5, 4-5-4 or 5-4-4 (see [`RetailPattern`] for its
//! rules, including the 53rd week).
//!
//! * **A fiscal year is named by the calendar year in which it starts.** With
//!   a fiscal year starting in April, `FY2026` runs from 2026-04-01 to
//!   2027-03-31. A retail fiscal year is named by the ISO year of its first
//!   week, so the one starting on Monday 2025-12-29 is `FY2026`.
//! * **Quarters are fiscal quarters**, numbered from the start of the fiscal
//!   year: with an April start, `2026-Q1` is April to June 2026 and
//!   `2026-Q4` is January to March 2027. Under a retail calendar a quarter
//!   is 13 weeks (14 for the fourth quarter of a 53-week year).
//! * **Months are calendar months**, named by their calendar year whatever
//!   the fiscal year: `2027-02` is February 2027, which lies in `FY2026`
//!   under an April start.
//! * **Fiscal months** are numbered from the start of the fiscal year:
//!   `FY2026-P01` to `FY2026-P12`. Under a retail calendar they are runs of
//!   4 or 5 whole weeks; otherwise `FY2026-P01` is the calendar month the
//!   fiscal year starts in.
//! * **Weeks are ISO 8601 weeks**, Monday to Sunday, named by their ISO
//!   year: `2026-W01` runs from 2025-12-29 to 2026-01-04. They do not
//!   depend on the calendar.
//! * End dates are inclusive: the last day that belongs to the period.
//!
//! Period names are `"2026-03"` (a month), `"2026-Q1"` (a fiscal quarter,
//! also read as `"FY2026-Q1"`), `"FY2026"` (a fiscal year), `"2026"` (also a
//! fiscal year), `"2026-W05"` (an ISO week) and `"FY2026-P01"` (a fiscal
//! month). Years have four digits, from 0001 to 9999. The names do not
//! depend on the calendar; the dates do.
//!
//! A plan's periods are those of its granularity that overlap the plan
//! period; the first and the last may be clipped to the plan (a weekly plan
//! from Thursday 2026-01-01 starts with the four days of `2026-W01` that
//! fall in it).
//!
//! ```
//! use chrono::NaiveDate;
//! use salesplan::calendar::{Calendar, Granularity, Period, RetailPattern};
//!
//! let april = Calendar::new(4).unwrap();
//! let q4 = april.parse_period("2026-Q4").unwrap();
//! assert_eq!(q4, Period::Quarter { fiscal_year: 2026, quarter: 4 });
//! assert_eq!(april.start(q4), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
//! assert_eq!(april.end(q4), NaiveDate::from_ymd_opt(2027, 3, 31).unwrap());
//!
//! let week = april.parse_period("2026-W05").unwrap();
//! assert_eq!(april.start(week), NaiveDate::from_ymd_opt(2026, 1, 26).unwrap());
//!
//! let monday = NaiveDate::from_ymd_opt(2025, 12, 29).unwrap();
//! let retail = Calendar::retail(RetailPattern::FourFourFive, monday).unwrap();
//! let march = retail.parse_period("FY2026-P03").unwrap();
//! assert_eq!(retail.start(march), NaiveDate::from_ymd_opt(2026, 2, 23).unwrap());
//! assert_eq!(retail.days(march), 35);
//! let sunday = NaiveDate::from_ymd_opt(2026, 12, 27).unwrap();
//! assert_eq!(retail.periods(monday, sunday, Granularity::Month).len(), 12);
//! ```
//!
//! No function here reads the clock.

mod fiscal;
mod names;
mod period;
mod retail;
pub(crate) mod week;

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use period::{Period, PeriodKind};
use retail::Retail;
pub use retail::RetailPattern;

/// Reads the day an argument called `name` gives (`YYYY-MM-DD`, surrounding
/// whitespace ignored): the one reading of dates every binding uses.
///
/// ```
/// use salesplan::calendar::parse_day;
/// assert_eq!(parse_day("as_of", " 2026-06-30 ").unwrap().to_string(), "2026-06-30");
/// assert_eq!(parse_day("as_of", "June").unwrap_err().code(), "invalid_argument");
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] naming the argument when the text is not a day.
pub fn parse_day(name: &str, text: &str) -> Result<NaiveDate> {
    text.trim().parse().map_err(|_| Error::InvalidArgument {
        name: name.into(),
        message: format!("{text:?} is not a date (YYYY-MM-DD)"),
    })
}

/// Months in a year.
const MONTHS_PER_YEAR: u32 = 12;
/// Months in a quarter.
const MONTHS_PER_QUARTER: u32 = 3;
/// Quarters in a year.
const QUARTERS_PER_YEAR: u32 = 4;

/// How finely the plan is phased.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// Months: calendar months, or a retail calendar's fiscal months.
    Month,
    /// Fiscal quarters.
    Quarter,
    /// ISO 8601 weeks, Monday to Sunday.
    Week,
}

impl From<Granularity> for PeriodKind {
    /// The kind of period a granularity means under a calendar of whole
    /// months; see [`Calendar::kind_of`] for any calendar.
    fn from(granularity: Granularity) -> PeriodKind {
        match granularity {
            Granularity::Month => PeriodKind::Month,
            Granularity::Quarter => PeriodKind::Quarter,
            Granularity::Week => PeriodKind::Week,
        }
    }
}

/// A calendar: fiscal years of whole months starting in a given month, or
/// a retail calendar of 52- and 53-week fiscal years.
///
/// See the [module documentation](self) for how periods are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Calendar {
    /// 1 to 12; for a retail calendar, the month its anchor year starts in.
    fiscal_year_start_month: u32,
    /// The retail calendar, when it is one.
    retail: Option<Retail>,
}

impl Default for Calendar {
    /// The [Gregorian](Calendar::GREGORIAN) calendar.
    fn default() -> Self {
        Calendar::GREGORIAN
    }
}

impl Calendar {
    /// Fiscal years that are calendar years.
    pub const GREGORIAN: Calendar = Calendar {
        fiscal_year_start_month: 1,
        retail: None,
    };

    /// A calendar whose fiscal years start on the first day of
    /// `fiscal_year_start_month` (1 for January to 12 for December).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when the month is not from 1 to 12.
    pub fn new(fiscal_year_start_month: u32) -> Result<Calendar> {
        if (1..=MONTHS_PER_YEAR).contains(&fiscal_year_start_month) {
            Ok(Calendar {
                fiscal_year_start_month,
                retail: None,
            })
        } else {
            Err(Error::InvalidArgument {
                name: "fiscal_year_start_month".to_owned(),
                message: format!("{fiscal_year_start_month} is not a month from 1 to 12"),
            })
        }
    }

    /// A retail calendar of `pattern` whose fiscal year starts on
    /// `first_day`, a Monday; see [`RetailPattern`] for the years before
    /// and after it and for the 53rd week.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] when `first_day` is not a Monday.
    pub fn retail(pattern: RetailPattern, first_day: NaiveDate) -> Result<Calendar> {
        let retail = Retail::new(pattern, first_day).ok_or_else(|| Error::InvalidArgument {
            name: "first_day".to_owned(),
            message: format!(
                "{first_day} is a {}; a retail fiscal year starts on a Monday",
                first_day.format("%A")
            ),
        })?;
        Ok(Calendar {
            fiscal_year_start_month: chrono::Datelike::month(&first_day),
            retail: Some(retail),
        })
    }

    /// The month in which fiscal years start, 1 to 12 (for a retail
    /// calendar, the month of the day it was anchored on).
    pub fn fiscal_year_start_month(&self) -> u32 {
        self.fiscal_year_start_month
    }

    /// The pattern of a retail calendar; `None` for a calendar of whole
    /// months.
    pub fn retail_pattern(&self) -> Option<RetailPattern> {
        self.retail.map(|r| r.pattern())
    }

    /// The kind of period a plan's granularity means under this calendar:
    /// weeks, quarters, and months — calendar months, or fiscal months
    /// under a retail calendar.
    pub fn kind_of(&self, granularity: Granularity) -> PeriodKind {
        match (granularity, self.retail) {
            (Granularity::Month, Some(_)) => PeriodKind::FiscalMonth,
            _ => granularity.into(),
        }
    }

    /// Reads a period name: `"2026-03"`, `"2026-Q1"` (or `"FY2026-Q1"`),
    /// `"FY2026"`, `"2026"` (the same as `"FY2026"`), `"2026-W05"` or
    /// `"FY2026-P01"`. Surrounding spaces are ignored, as is the case of
    /// `FY`, `Q`, `W` and `P`, and months and weeks may have one digit
    /// (`"2026-3"`).
    ///
    /// # Errors
    ///
    /// [`Error::Period`] for an empty or unknown name, a year that is not
    /// four digits from 0001 to 9999, a month or fiscal month outside 1 to
    /// 12, a quarter outside 1 to 4 or a week its ISO year does not have.
    pub fn parse_period(&self, name: &str) -> Result<Period> {
        name.parse()
    }

    /// The first day of the period.
    pub fn start(&self, period: Period) -> NaiveDate {
        self.span(period).0
    }

    /// The last day of the period (inclusive).
    pub fn end(&self, period: Period) -> NaiveDate {
        self.span(period).1
    }

    /// The first and last day of the period.
    fn span(&self, period: Period) -> (NaiveDate, NaiveDate) {
        match (period, self.retail) {
            (Period::Week { year, week }, _) => (week::start(year, week), week::end(year, week)),
            (Period::FiscalYear { fiscal_year }, Some(r)) => r.year_span(fiscal_year),
            (
                Period::Quarter {
                    fiscal_year,
                    quarter,
                },
                Some(r),
            ) => r.quarter_span(fiscal_year, quarter),
            (Period::FiscalMonth { fiscal_year, month }, Some(r)) => {
                r.month_span(fiscal_year, month)
            }
            _ => {
                let (first, count) = fiscal::month_span(self.fiscal_year_start_month, period);
                (
                    fiscal::first_day(first),
                    fiscal::last_day(first + count - 1),
                )
            }
        }
    }

    /// How many days the period has.
    pub fn days(&self, period: Period) -> u32 {
        let (start, end) = self.span(period);
        u32::try_from(end.signed_duration_since(start).num_days() + 1).unwrap_or(0)
    }

    /// Whether `date` lies in the period.
    pub fn contains(&self, period: Period, date: NaiveDate) -> bool {
        let (start, end) = self.span(period);
        start <= date && date <= end
    }

    /// The period of the given kind that contains `date`.
    pub fn period_of(&self, date: NaiveDate, kind: PeriodKind) -> Period {
        use chrono::Datelike;
        match (kind, self.retail) {
            (PeriodKind::Month, _) => Period::Month {
                year: date.year(),
                month: date.month(),
            },
            (PeriodKind::Week, _) => {
                let (year, week) = week::of(date);
                Period::Week { year, week }
            }
            (_, Some(r)) => r.period_of(date, kind),
            (PeriodKind::Quarter, None) => {
                let (fiscal_year, months_in) =
                    fiscal::fiscal_position(self.fiscal_year_start_month, date);
                Period::Quarter {
                    fiscal_year,
                    quarter: months_in / MONTHS_PER_QUARTER + 1,
                }
            }
            (PeriodKind::FiscalMonth, None) => {
                let (fiscal_year, months_in) =
                    fiscal::fiscal_position(self.fiscal_year_start_month, date);
                Period::FiscalMonth {
                    fiscal_year,
                    month: months_in + 1,
                }
            }
            (PeriodKind::FiscalYear, None) => Period::FiscalYear {
                fiscal_year: fiscal::fiscal_position(self.fiscal_year_start_month, date).0,
            },
        }
    }

    /// Every period of the granularity (as [`Calendar::kind_of`] reads it)
    /// that overlaps `start..=end`, in order. Empty when `end` is before
    /// `start`.
    pub fn periods(
        &self,
        start: NaiveDate,
        end: NaiveDate,
        granularity: Granularity,
    ) -> Vec<Period> {
        let mut periods = Vec::new();
        if end < start {
            return periods;
        }
        let mut period = self.period_of(start, self.kind_of(granularity));
        loop {
            periods.push(period);
            // Each step moves on by one whole period, and the period that
            // holds `NaiveDate::MAX` ends on it, so the loop ends.
            let next = period.next();
            if self.end(period) >= end || next == period {
                return periods;
            }
            period = next;
        }
    }

    /// The canonical name of the period, as [`Period`]'s `Display` writes it:
    /// `"2026-03"`, `"2026-Q1"`, `"FY2026"`, `"2026-W05"` or `"FY2026-P01"`.
    pub fn name(&self, period: Period) -> String {
        period.to_string()
    }
}
