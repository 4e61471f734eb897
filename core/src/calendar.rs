//! Periods of a plan — months, fiscal quarters and fiscal years — and the
//! dates they cover under a fiscal calendar.
//!
//! # Conventions
//!
//! A [`Calendar`] is fixed by the month in which its fiscal year starts
//! (January for the [Gregorian](Calendar::GREGORIAN) calendar).
//!
//! * **A fiscal year is named by the calendar year in which it starts.** With
//!   a fiscal year starting in April, `FY2026` runs from 2026-04-01 to
//!   2027-03-31.
//! * **Quarters are fiscal quarters**, numbered from the start of the fiscal
//!   year: with an April start, `2026-Q1` is April to June 2026 and
//!   `2026-Q4` is January to March 2027.
//! * **Months are calendar months**, named by their calendar year whatever
//!   the fiscal year: `2027-02` is February 2027, which lies in `FY2026`
//!   under an April start.
//! * End dates are inclusive: the last day that belongs to the period.
//!
//! Period names are `"2026-03"` (a month), `"2026-Q1"` (a fiscal quarter),
//! `"FY2026"` (a fiscal year) and `"2026"` (also a fiscal year). Years have
//! four digits, from 0001 to 9999. The names do not depend on the calendar;
//! the dates do.
//!
//! ```
//! use chrono::NaiveDate;
//! use salesplan::calendar::{Calendar, Period};
//!
//! let april = Calendar::new(4).unwrap();
//! let q4 = april.parse_period("2026-Q4").unwrap();
//! assert_eq!(q4, Period::Quarter { fiscal_year: 2026, quarter: 4 });
//! assert_eq!(april.start(q4), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
//! assert_eq!(april.end(q4), NaiveDate::from_ymd_opt(2027, 3, 31).unwrap());
//! ```
//!
//! No function here reads the clock.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Unexpected, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// Months in a year.
const MONTHS_PER_YEAR: u32 = 12;
/// Months in a quarter.
const MONTHS_PER_QUARTER: u32 = 3;
/// Quarters in a year.
const QUARTERS_PER_YEAR: u32 = 4;
/// What a period name must look like, for messages.
const PERIOD_EXPECTED: &str =
    "a month such as \"2026-03\", a fiscal quarter such as \"2026-Q1\" or a fiscal year such as \"FY2026\" or \"2026\"";

/// How finely the plan is phased.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// Calendar months.
    Month,
    /// Fiscal quarters.
    Quarter,
}

/// The kinds of [`Period`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A calendar month.
    Month,
    /// A fiscal quarter.
    Quarter,
    /// A fiscal year.
    FiscalYear,
}

impl From<Granularity> for PeriodKind {
    fn from(granularity: Granularity) -> PeriodKind {
        match granularity {
            Granularity::Month => PeriodKind::Month,
            Granularity::Quarter => PeriodKind::Quarter,
        }
    }
}

/// A month, fiscal quarter or fiscal year, by name only; a [`Calendar`]
/// gives its dates.
///
/// Periods order by kind first (months, then quarters, then fiscal years)
/// and by time within a kind. Names read by [`Calendar::parse_period`] have
/// years from 1 to 9999, months from 1 to 12 and quarters from 1 to 4. A
/// period built by hand with a month or quarter out of range counts on like
/// a clock (`Month { year: 2026, month: 13 }` covers January 2027), and dates
/// beyond what [`NaiveDate`] can hold are clamped to [`NaiveDate::MIN`] and
/// [`NaiveDate::MAX`].
///
/// In JSON a period is its name, such as `"2026-Q1"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// A calendar month.
    Month {
        /// The calendar year.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
    },
    /// A fiscal quarter.
    Quarter {
        /// The fiscal year, named by the calendar year in which it starts.
        fiscal_year: i32,
        /// The quarter within the fiscal year, 1 to 4.
        quarter: u32,
    },
    /// A fiscal year.
    FiscalYear {
        /// The fiscal year, named by the calendar year in which it starts.
        fiscal_year: i32,
    },
}

impl Period {
    /// Whether this is a month, quarter or fiscal year.
    pub fn kind(&self) -> PeriodKind {
        match self {
            Period::Month { .. } => PeriodKind::Month,
            Period::Quarter { .. } => PeriodKind::Quarter,
            Period::FiscalYear { .. } => PeriodKind::FiscalYear,
        }
    }

    /// The period of the same kind that follows this one: `2026-12` is
    /// followed by `2027-01`, `2026-Q4` by `2027-Q1`, `FY2026` by `FY2027`.
    ///
    /// The result has its month or quarter in range. At the last period an
    /// `i32` year can name, the period itself is returned.
    pub fn next(&self) -> Period {
        match *self {
            Period::Month { year, month } => {
                let (year, month) = step(year, month, MONTHS_PER_YEAR);
                Period::Month { year, month }
            }
            Period::Quarter {
                fiscal_year,
                quarter,
            } => {
                let (fiscal_year, quarter) = step(fiscal_year, quarter, QUARTERS_PER_YEAR);
                Period::Quarter {
                    fiscal_year,
                    quarter,
                }
            }
            Period::FiscalYear { fiscal_year } => Period::FiscalYear {
                fiscal_year: fiscal_year.saturating_add(1),
            },
        }
    }
}

/// The (year, 1-based position) after `(year, position)` in years of
/// `per_year` positions, saturating at the ends of the `i32` years.
fn step(year: i32, position: u32, per_year: u32) -> (i32, u32) {
    let per_year_wide = i64::from(per_year.max(1));
    // The 0-based index of the current position is `position - 1`, so the
    // next one is `position`.
    let next = i64::from(year) * per_year_wide + i64::from(position);
    let next_year = next.div_euclid(per_year_wide);
    let next_position = next.rem_euclid(per_year_wide) + 1;
    match (i32::try_from(next_year), u32::try_from(next_position)) {
        (Ok(year), Ok(position)) => (year, position),
        _ if next_year < 0 => (i32::MIN, 1),
        _ => (i32::MAX, per_year),
    }
}

impl fmt::Display for Period {
    /// The canonical name: `"2026-03"`, `"2026-Q1"` or `"FY2026"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Month { year, month } => write!(f, "{}-{month:02}", Year(year)),
            Period::Quarter {
                fiscal_year,
                quarter,
            } => write!(f, "{}-Q{quarter}", Year(fiscal_year)),
            Period::FiscalYear { fiscal_year } => write!(f, "FY{}", Year(fiscal_year)),
        }
    }
}

/// A year written with at least four digits.
struct Year(i32);

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 < 0 {
            write!(f, "-{:04}", self.0.unsigned_abs())
        } else {
            write!(f, "{:04}", self.0)
        }
    }
}

impl FromStr for Period {
    type Err = Error;

    /// Reads a period name; the same as [`Calendar::parse_period`], which
    /// does not depend on the calendar.
    fn from_str(name: &str) -> Result<Period> {
        parse_period(name).map_err(|message| Error::Period {
            input: name.to_owned(),
            message,
        })
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_str(PeriodVisitor)
    }
}

/// Reads a [`Period`] from its name.
struct PeriodVisitor;

impl Visitor<'_> for PeriodVisitor {
    type Value = Period;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(PERIOD_EXPECTED)
    }

    fn visit_str<E: de::Error>(self, name: &str) -> std::result::Result<Period, E> {
        parse_period(name).map_err(|_| E::invalid_value(Unexpected::Str(name), &self))
    }
}

impl JsonSchema for Period {
    fn schema_name() -> Cow<'static, str> {
        "Period".into()
    }

    fn schema_id() -> Cow<'static, str> {
        concat!(module_path!(), "::Period").into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^([Ff][Yy])?[0-9]{4}$|^[0-9]{4}-([Qq][1-4]|0?[1-9]|1[0-2])$",
            "description": "A calendar month (\"2026-03\"), a fiscal quarter (\"2026-Q1\") or a fiscal year (\"FY2026\" or \"2026\"); a fiscal year is named by the calendar year in which it starts.",
            "examples": ["2026-03", "2026-Q1", "FY2026"]
        })
    }
}

/// Reads a period name, with the reason for a refusal as a plain message.
fn parse_period(name: &str) -> Result<Period, String> {
    let text = name.trim();
    if text.is_empty() {
        return Err(format!("the name is empty; expected {PERIOD_EXPECTED}"));
    }
    if let Some(year) = strip_prefix_ignore_case(text, "FY") {
        return Ok(Period::FiscalYear {
            fiscal_year: parse_year(year)?,
        });
    }
    let Some((year, rest)) = text.split_once('-') else {
        return Ok(Period::FiscalYear {
            fiscal_year: parse_year(text)?,
        });
    };
    let year = parse_year(year)?;
    match strip_prefix_ignore_case(rest, "Q") {
        Some(quarter) => Ok(Period::Quarter {
            fiscal_year: year,
            quarter: parse_in_range(quarter, "quarter", 1, QUARTERS_PER_YEAR)?,
        }),
        None => Ok(Period::Month {
            year,
            month: parse_in_range(rest, "month", 1, MONTHS_PER_YEAR)?,
        }),
    }
}

/// `text` without `prefix`, compared without regard to ASCII case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

/// Reads a four-digit year from 0001 to 9999.
fn parse_year(text: &str) -> Result<i32, String> {
    let year = if text.len() == 4 {
        digits_value(text)
    } else {
        None
    };
    match year.and_then(|year| i32::try_from(year).ok()) {
        Some(year) if year >= 1 => Ok(year),
        _ => Err(format!(
            "{text:?} is not a year from 0001 to 9999; expected {PERIOD_EXPECTED}"
        )),
    }
}

/// Reads a one- or two-digit `what` (a month or quarter) from `low` to `high`.
fn parse_in_range(text: &str, what: &str, low: u32, high: u32) -> Result<u32, String> {
    let value = if text.len() <= 2 {
        digits_value(text)
    } else {
        None
    };
    match value {
        Some(value) if (low..=high).contains(&value) => Ok(value),
        Some(value) => Err(format!("{what} {value} is out of range {low} to {high}")),
        None => Err(format!(
            "{text:?} is not a {what} number; expected {PERIOD_EXPECTED}"
        )),
    }
}

/// The value of a short run of ASCII digits, or `None` for anything else.
fn digits_value(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A fiscal calendar: which month its fiscal years start in.
///
/// See the [module documentation](self) for how periods are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Calendar {
    /// 1 to 12.
    fiscal_year_start_month: u32,
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
            })
        } else {
            Err(Error::InvalidArgument {
                name: "fiscal_year_start_month".to_owned(),
                message: format!("{fiscal_year_start_month} is not a month from 1 to 12"),
            })
        }
    }

    /// The month in which fiscal years start, 1 to 12.
    pub fn fiscal_year_start_month(&self) -> u32 {
        self.fiscal_year_start_month
    }

    /// Reads a period name: `"2026-03"`, `"2026-Q1"`, `"FY2026"` or `"2026"`
    /// (the same as `"FY2026"`). Surrounding spaces are ignored, as is the
    /// case of `FY` and `Q`, and months may have one digit (`"2026-3"`).
    ///
    /// # Errors
    ///
    /// [`Error::Period`] for an empty or unknown name, a year that is not
    /// four digits from 0001 to 9999, a month outside 1 to 12 or a quarter
    /// outside 1 to 4.
    pub fn parse_period(&self, name: &str) -> Result<Period> {
        name.parse()
    }

    /// The first day of the period.
    pub fn start(&self, period: Period) -> NaiveDate {
        first_day(self.month_span(period).0)
    }

    /// The last day of the period (inclusive).
    pub fn end(&self, period: Period) -> NaiveDate {
        let (first, count) = self.month_span(period);
        last_day(first + count - 1)
    }

    /// How many days the period has.
    pub fn days(&self, period: Period) -> u32 {
        let span = self.end(period).signed_duration_since(self.start(period));
        u32::try_from(span.num_days() + 1).unwrap_or(0)
    }

    /// Whether `date` lies in the period.
    pub fn contains(&self, period: Period, date: NaiveDate) -> bool {
        self.start(period) <= date && date <= self.end(period)
    }

    /// The period of the given kind that contains `date`.
    pub fn period_of(&self, date: NaiveDate, kind: PeriodKind) -> Period {
        match kind {
            PeriodKind::Month => Period::Month {
                year: date.year(),
                month: date.month(),
            },
            PeriodKind::Quarter => {
                let (fiscal_year, months_in) = self.fiscal_position(date);
                Period::Quarter {
                    fiscal_year,
                    quarter: months_in / MONTHS_PER_QUARTER + 1,
                }
            }
            PeriodKind::FiscalYear => Period::FiscalYear {
                fiscal_year: self.fiscal_position(date).0,
            },
        }
    }

    /// Every month or fiscal quarter that overlaps `start..=end`, in order.
    /// Empty when `end` is before `start`.
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
        let mut period = self.period_of(start, granularity.into());
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
    /// `"2026-03"`, `"2026-Q1"` or `"FY2026"`.
    pub fn name(&self, period: Period) -> String {
        period.to_string()
    }

    /// The fiscal year `date` lies in, and how many whole months of that
    /// fiscal year come before `date`'s month (0 to 11).
    fn fiscal_position(&self, date: NaiveDate) -> (i32, u32) {
        let start = self.fiscal_year_start_month;
        if date.month() >= start {
            (date.year(), date.month() - start)
        } else {
            (date.year() - 1, date.month() + MONTHS_PER_YEAR - start)
        }
    }

    /// The period as the index of its first month (`year * 12 + month - 1`)
    /// and its number of months.
    fn month_span(&self, period: Period) -> (i64, i64) {
        let per_year = i64::from(MONTHS_PER_YEAR);
        let fiscal_start = |fiscal_year: i32| {
            i64::from(fiscal_year) * per_year + i64::from(self.fiscal_year_start_month) - 1
        };
        match period {
            Period::Month { year, month } => (i64::from(year) * per_year + i64::from(month) - 1, 1),
            Period::Quarter {
                fiscal_year,
                quarter,
            } => {
                let per_quarter = i64::from(MONTHS_PER_QUARTER);
                let first = fiscal_start(fiscal_year) + (i64::from(quarter) - 1) * per_quarter;
                (first, per_quarter)
            }
            Period::FiscalYear { fiscal_year } => (fiscal_start(fiscal_year), per_year),
        }
    }
}

/// The first day of the month with the given index (`year * 12 + month - 1`),
/// clamped to the dates [`NaiveDate`] can hold.
fn first_day(month_index: i64) -> NaiveDate {
    month_start(month_index).unwrap_or_else(|| clamped(month_index))
}

/// The last day of the month with the given index, clamped to the dates
/// [`NaiveDate`] can hold.
fn last_day(month_index: i64) -> NaiveDate {
    month_start(month_index.saturating_add(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or_else(|| clamped(month_index))
}

/// The first day of the month with the given index, if [`NaiveDate`] can
/// hold it.
fn month_start(month_index: i64) -> Option<NaiveDate> {
    let per_year = i64::from(MONTHS_PER_YEAR);
    let year = i32::try_from(month_index.div_euclid(per_year)).ok()?;
    let month = u32::try_from(month_index.rem_euclid(per_year) + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The date a month beyond [`NaiveDate`]'s range is clamped to.
fn clamped(month_index: i64) -> NaiveDate {
    if month_index < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date")
    }

    fn april() -> Calendar {
        Calendar::new(4).expect("April is a month")
    }

    fn month(year: i32, month: u32) -> Period {
        Period::Month { year, month }
    }

    fn quarter(fiscal_year: i32, quarter: u32) -> Period {
        Period::Quarter {
            fiscal_year,
            quarter,
        }
    }

    fn fy(fiscal_year: i32) -> Period {
        Period::FiscalYear { fiscal_year }
    }

    fn refusal(name: &str) -> String {
        match Calendar::GREGORIAN.parse_period(name) {
            Err(Error::Period { input, message }) => {
                assert_eq!(input, name);
                message
            }
            other => panic!("{name:?} should be refused, got {other:?}"),
        }
    }

    #[test]
    fn new_checks_the_month() {
        assert_eq!(Calendar::new(1), Ok(Calendar::GREGORIAN));
        assert_eq!(Calendar::default(), Calendar::GREGORIAN);
        assert_eq!(april().fiscal_year_start_month(), 4);
        assert_eq!(
            Calendar::new(12).map(|c| c.fiscal_year_start_month()),
            Ok(12)
        );
        for bad in [0, 13, u32::MAX] {
            match Calendar::new(bad) {
                Err(Error::InvalidArgument { name, .. }) => {
                    assert_eq!(name, "fiscal_year_start_month");
                }
                other => panic!("{bad} should be refused, got {other:?}"),
            }
        }
    }

    #[test]
    fn parses_the_four_forms() {
        let calendar = Calendar::GREGORIAN;
        assert_eq!(calendar.parse_period("2026-03"), Ok(month(2026, 3)));
        assert_eq!(calendar.parse_period("2026-Q1"), Ok(quarter(2026, 1)));
        assert_eq!(calendar.parse_period("FY2026"), Ok(fy(2026)));
        assert_eq!(calendar.parse_period("2026"), Ok(fy(2026)));
    }

    #[test]
    fn parses_leniently_where_harmless() {
        let calendar = Calendar::GREGORIAN;
        assert_eq!(calendar.parse_period(" 2026-3 "), Ok(month(2026, 3)));
        assert_eq!(calendar.parse_period("2026-q4"), Ok(quarter(2026, 4)));
        assert_eq!(calendar.parse_period("fy2026"), Ok(fy(2026)));
        assert_eq!(calendar.parse_period("0001-01"), Ok(month(1, 1)));
        assert_eq!(calendar.parse_period("9999-12"), Ok(month(9999, 12)));
    }

    #[test]
    fn refuses_bad_names() {
        assert!(refusal("").contains("empty"));
        assert_eq!(refusal("2026-13"), "month 13 is out of range 1 to 12");
        assert_eq!(refusal("2026-00"), "month 0 is out of range 1 to 12");
        assert_eq!(refusal("2026-Q5"), "quarter 5 is out of range 1 to 4");
        assert_eq!(refusal("2026-Q0"), "quarter 0 is out of range 1 to 4");
        assert!(refusal("hello").contains("is not a year"));
        assert!(refusal("0000").contains("from 0001 to 9999"));
        assert!(refusal("10000-01").contains("from 0001 to 9999"));
        assert!(refusal("262144-01").contains("is not a year"));
        assert!(refusal("-2026-01").contains("is not a year"));
        assert!(refusal("FY").contains("is not a year"));
        assert!(refusal("FY26").contains("is not a year"));
        assert!(refusal("2026-").contains("not a month number"));
        assert!(refusal("2026-003").contains("not a month number"));
        assert!(refusal("2026-Q").contains("not a quarter number"));
        assert!(refusal("2026-Q1x").contains("not a quarter number"));
        assert!(refusal("2026-03-01").contains("not a month number"));
        assert!(refusal("2026-+3").contains("not a month number"));
        assert!(refusal("２０２６").contains("is not a year"));
        assert!(refusal("F").contains("is not a year"));
        assert!(refusal("年2026").contains("is not a year"));
    }

    #[test]
    fn error_names_the_input() {
        let error = Calendar::GREGORIAN
            .parse_period("2026-13")
            .expect_err("month 13");
        assert_eq!(error.code(), "invalid_period");
        assert_eq!(
            error.to_string(),
            "invalid period \"2026-13\": month 13 is out of range 1 to 12"
        );
    }

    #[test]
    fn names_are_canonical() {
        let calendar = april();
        assert_eq!(calendar.name(month(2026, 3)), "2026-03");
        assert_eq!(calendar.name(quarter(2026, 1)), "2026-Q1");
        assert_eq!(calendar.name(fy(2026)), "FY2026");
        assert_eq!(month(5, 11).to_string(), "0005-11");
        assert_eq!(fy(-5).to_string(), "FY-0005");
    }

    #[test]
    fn gregorian_dates() {
        let calendar = Calendar::GREGORIAN;
        assert_eq!(calendar.start(month(2026, 3)), date(2026, 3, 1));
        assert_eq!(calendar.end(month(2026, 3)), date(2026, 3, 31));
        assert_eq!(calendar.start(quarter(2026, 2)), date(2026, 4, 1));
        assert_eq!(calendar.end(quarter(2026, 2)), date(2026, 6, 30));
        assert_eq!(calendar.start(fy(2026)), date(2026, 1, 1));
        assert_eq!(calendar.end(fy(2026)), date(2026, 12, 31));
        assert_eq!(calendar.end(month(2026, 12)), date(2026, 12, 31));
    }

    #[test]
    fn april_start_dates() {
        let calendar = april();
        assert_eq!(calendar.start(fy(2026)), date(2026, 4, 1));
        assert_eq!(calendar.end(fy(2026)), date(2027, 3, 31));
        assert_eq!(calendar.start(quarter(2026, 1)), date(2026, 4, 1));
        assert_eq!(calendar.end(quarter(2026, 1)), date(2026, 6, 30));
        assert_eq!(calendar.start(quarter(2026, 4)), date(2027, 1, 1));
        assert_eq!(calendar.end(quarter(2026, 4)), date(2027, 3, 31));
        assert_eq!(calendar.start(month(2027, 2)), date(2027, 2, 1));
        assert_eq!(
            calendar.period_of(date(2027, 2, 14), PeriodKind::FiscalYear),
            fy(2026)
        );
        assert_eq!(
            calendar.period_of(date(2027, 2, 14), PeriodKind::Quarter),
            quarter(2026, 4)
        );
        assert_eq!(
            calendar.period_of(date(2026, 4, 1), PeriodKind::Quarter),
            quarter(2026, 1)
        );
        assert_eq!(
            calendar.period_of(date(2026, 3, 31), PeriodKind::FiscalYear),
            fy(2025)
        );
    }

    #[test]
    fn leap_years() {
        let calendar = Calendar::GREGORIAN;
        assert_eq!(calendar.days(month(2028, 2)), 29);
        assert_eq!(calendar.days(month(2026, 2)), 28);
        assert_eq!(calendar.days(month(2000, 2)), 29);
        assert_eq!(calendar.days(month(2100, 2)), 28);
        assert_eq!(calendar.days(fy(2028)), 366);
        assert_eq!(calendar.days(fy(2026)), 365);
        assert_eq!(calendar.days(quarter(2028, 1)), 91);
        // With an April start the leap day of 2028 falls in FY2027.
        assert_eq!(april().days(fy(2027)), 366);
        assert_eq!(april().days(fy(2028)), 365);
    }

    #[test]
    fn contains_is_inclusive() {
        let calendar = april();
        let q1 = quarter(2026, 1);
        assert!(calendar.contains(q1, date(2026, 4, 1)));
        assert!(calendar.contains(q1, date(2026, 6, 30)));
        assert!(!calendar.contains(q1, date(2026, 3, 31)));
        assert!(!calendar.contains(q1, date(2026, 7, 1)));
    }

    #[test]
    fn periods_over_a_partial_month_range() {
        let calendar = Calendar::GREGORIAN;
        let months = calendar.periods(date(2026, 1, 15), date(2026, 4, 10), Granularity::Month);
        assert_eq!(
            months,
            vec![
                month(2026, 1),
                month(2026, 2),
                month(2026, 3),
                month(2026, 4)
            ]
        );
        let within = calendar.periods(date(2026, 5, 3), date(2026, 5, 20), Granularity::Month);
        assert_eq!(within, vec![month(2026, 5)]);
        let one_day = calendar.periods(date(2026, 5, 31), date(2026, 5, 31), Granularity::Month);
        assert_eq!(one_day, vec![month(2026, 5)]);
    }

    #[test]
    fn periods_in_fiscal_quarters() {
        let quarters = april().periods(date(2026, 3, 15), date(2027, 1, 2), Granularity::Quarter);
        assert_eq!(
            quarters,
            vec![
                quarter(2025, 4),
                quarter(2026, 1),
                quarter(2026, 2),
                quarter(2026, 3),
                quarter(2026, 4)
            ]
        );
        let year_end = april().periods(date(2026, 12, 1), date(2027, 1, 31), Granularity::Month);
        assert_eq!(year_end, vec![month(2026, 12), month(2027, 1)]);
    }

    #[test]
    fn periods_is_empty_when_end_is_before_start() {
        let periods =
            Calendar::GREGORIAN.periods(date(2026, 5, 2), date(2026, 5, 1), Granularity::Month);
        assert!(periods.is_empty());
    }

    #[test]
    fn periods_reaches_the_last_date() {
        let end = NaiveDate::MAX;
        let start = end - chrono::Days::new(100);
        for granularity in [Granularity::Month, Granularity::Quarter] {
            let periods = april().periods(start, end, granularity);
            let last = periods.last().copied().expect("some period");
            assert!(april().contains(last, end), "{last}");
        }
        let first =
            Calendar::GREGORIAN.periods(NaiveDate::MIN, NaiveDate::MIN, Granularity::Quarter);
        assert_eq!(first.len(), 1);
    }

    #[test]
    fn next_steps_over_year_ends() {
        assert_eq!(month(2026, 12).next(), month(2027, 1));
        assert_eq!(month(2026, 3).next(), month(2026, 4));
        assert_eq!(quarter(2026, 4).next(), quarter(2027, 1));
        assert_eq!(quarter(2026, 1).next(), quarter(2026, 2));
        assert_eq!(fy(2026).next(), fy(2027));
        assert_eq!(month(-1, 12).next(), month(0, 1));
    }

    #[test]
    fn next_saturates_at_the_last_year() {
        assert_eq!(month(i32::MAX, 12).next(), month(i32::MAX, 12));
        assert_eq!(quarter(i32::MAX, 4).next(), quarter(i32::MAX, 4));
        assert_eq!(fy(i32::MAX).next(), fy(i32::MAX));
    }

    #[test]
    fn out_of_range_fields_count_on_like_a_clock() {
        let calendar = Calendar::GREGORIAN;
        assert_eq!(calendar.start(month(2026, 13)), date(2027, 1, 1));
        assert_eq!(calendar.start(month(2026, 0)), date(2025, 12, 1));
        assert_eq!(calendar.start(quarter(2026, 5)), date(2027, 1, 1));
        assert_eq!(calendar.end(quarter(2026, 0)), date(2025, 12, 31));
        assert_eq!(month(2026, 13).next(), month(2027, 2));
        assert_eq!(quarter(2026, 0).next(), quarter(2026, 1));
    }

    #[test]
    fn extreme_periods_do_not_panic() {
        let calendar = april();
        for period in [
            month(i32::MAX, u32::MAX),
            month(i32::MIN, 0),
            quarter(i32::MAX, u32::MAX),
            quarter(i32::MIN, 0),
            fy(i32::MAX),
            fy(i32::MIN),
        ] {
            let start = calendar.start(period);
            let end = calendar.end(period);
            assert!(start <= end, "{period}");
            let _ = calendar.days(period);
            let _ = calendar.name(period);
        }
        assert_eq!(calendar.start(fy(i32::MAX)), NaiveDate::MAX);
        assert_eq!(calendar.end(fy(i32::MIN)), NaiveDate::MIN);
    }

    #[test]
    fn kinds_and_granularities() {
        assert_eq!(month(2026, 1).kind(), PeriodKind::Month);
        assert_eq!(quarter(2026, 1).kind(), PeriodKind::Quarter);
        assert_eq!(fy(2026).kind(), PeriodKind::FiscalYear);
        assert_eq!(PeriodKind::from(Granularity::Month), PeriodKind::Month);
        assert_eq!(PeriodKind::from(Granularity::Quarter), PeriodKind::Quarter);
    }

    #[test]
    fn serde_names() {
        assert_eq!(
            serde_json::to_string(&Granularity::Quarter).ok(),
            Some("\"quarter\"".into())
        );
        assert_eq!(
            serde_json::to_string(&PeriodKind::FiscalYear).ok(),
            Some("\"fiscal_year\"".into())
        );
        assert_eq!(
            serde_json::to_string(&quarter(2026, 1)).ok(),
            Some("\"2026-Q1\"".into())
        );
        let back: Period = serde_json::from_str("\"2026-03\"").expect("a month");
        assert_eq!(back, month(2026, 3));
        let error = serde_json::from_str::<Period>("\"2026-13\"").expect_err("month 13");
        assert!(
            error.to_string().contains("expected a month such as"),
            "{error}"
        );
        assert!(serde_json::from_str::<Period>("2026").is_err());
    }

    #[test]
    fn period_schema_is_a_string() {
        let schema = schemars::schema_for!(Period);
        assert_eq!(schema.as_value()["type"], "string");
        let granularity = schemars::schema_for!(Granularity);
        assert!(granularity.as_value().to_string().contains("quarter"));
    }

    /// Any period whose name [`Calendar::parse_period`] reads.
    fn any_period() -> impl Strategy<Value = Period> {
        prop_oneof![
            (1_i32..=9999, 1_u32..=12).prop_map(|(year, m)| month(year, m)),
            (1_i32..=9999, 1_u32..=4).prop_map(|(year, q)| quarter(year, q)),
            (1_i32..=9999).prop_map(fy),
        ]
    }

    fn any_calendar() -> impl Strategy<Value = Calendar> {
        (1_u32..=12).prop_map(|start| Calendar::new(start).expect("a month"))
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (1_i32..=9999, 1_u32..=366).prop_map(|(year, day)| {
            NaiveDate::from_yo_opt(year, day)
                .or_else(|| NaiveDate::from_yo_opt(year, 365))
                .expect("day of year")
        })
    }

    fn any_kind() -> impl Strategy<Value = PeriodKind> {
        prop_oneof![
            Just(PeriodKind::Month),
            Just(PeriodKind::Quarter),
            Just(PeriodKind::FiscalYear)
        ]
    }

    proptest! {
        #[test]
        fn names_round_trip(period in any_period(), calendar in any_calendar()) {
            let name = calendar.name(period);
            prop_assert_eq!(calendar.parse_period(&name), Ok(period));
            let json = serde_json::to_string(&period).expect("serialises");
            prop_assert_eq!(serde_json::from_str::<Period>(&json).ok(), Some(period));
        }

        #[test]
        fn period_of_contains_the_date(
            date in any_date(),
            calendar in any_calendar(),
            kind in any_kind(),
        ) {
            let period = calendar.period_of(date, kind);
            prop_assert_eq!(period.kind(), kind);
            prop_assert!(calendar.contains(period, date));
            prop_assert!(!calendar.contains(period.next(), date));
            prop_assert_eq!(calendar.period_of(calendar.start(period), kind), period);
            prop_assert_eq!(calendar.period_of(calendar.end(period), kind), period);
        }

        #[test]
        fn periods_follow_each_other(period in any_period(), calendar in any_calendar()) {
            let following = calendar.end(period).succ_opt().expect("within range");
            prop_assert_eq!(calendar.start(period.next()), following);
        }

        #[test]
        fn a_fiscal_year_is_four_quarters_and_twelve_months(
            fiscal_year in 1_i32..=9998,
            calendar in any_calendar(),
        ) {
            let year = fy(fiscal_year);
            let (start, end) = (calendar.start(year), calendar.end(year));
            let quarters = calendar.periods(start, end, Granularity::Quarter);
            prop_assert_eq!(
                quarters.clone(),
                (1..=4).map(|q| quarter(fiscal_year, q)).collect::<Vec<_>>()
            );
            let months = calendar.periods(start, end, Granularity::Month);
            prop_assert_eq!(months.len(), 12);
            let month_days: u32 = months.iter().map(|&m| calendar.days(m)).sum();
            let quarter_days: u32 = quarters.iter().map(|&q| calendar.days(q)).sum();
            prop_assert_eq!(month_days, calendar.days(year));
            prop_assert_eq!(quarter_days, calendar.days(year));
        }

        #[test]
        fn periods_cover_the_range(
            start in any_date(),
            length in 0_u64..800,
            calendar in any_calendar(),
            quarterly in any::<bool>(),
        ) {
            let end = start + chrono::Days::new(length);
            let granularity = if quarterly { Granularity::Quarter } else { Granularity::Month };
            let periods = calendar.periods(start, end, granularity);
            let first = periods.first().copied().expect("not empty");
            let last = periods.last().copied().expect("not empty");
            prop_assert!(calendar.contains(first, start));
            prop_assert!(calendar.contains(last, end));
            for pair in periods.windows(2) {
                prop_assert_eq!(pair[0].next(), pair[1]);
            }
        }

        #[test]
        fn parse_never_panics(name in any::<String>()) {
            let _ = name.parse::<Period>();
        }

        #[test]
        fn parse_never_panics_on_period_like_text(name in "[-0-9FYfyQq 年]{0,10}") {
            if let Ok(period) = name.parse::<Period>() {
                prop_assert_eq!(period.to_string().parse::<Period>(), Ok(period));
            }
        }
    }
}
