//! [`Period`]: a period by name only, how it is written and how it steps
//! on to the next one (reading a name is in `names`).

use std::borrow::Cow;
use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize, Serializer};

use super::{week, MONTHS_PER_YEAR, QUARTERS_PER_YEAR};

/// The kinds of [`Period`].
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A calendar month.
    Month,
    /// A fiscal quarter.
    Quarter,
    /// A fiscal year.
    FiscalYear,
    /// An ISO 8601 week.
    Week,
    /// A month of the fiscal year, numbered from its start (the months of a
    /// retail calendar).
    FiscalMonth,
}

/// A month, fiscal quarter, fiscal year, ISO week or fiscal month, by name
/// only; a [`Calendar`](super::Calendar) gives its dates.
///
/// Periods order by kind first (months, quarters, fiscal years, weeks,
/// fiscal months) and by time within a kind. Names read by
/// [`Calendar::parse_period`](super::Calendar::parse_period) have years from
/// 1 to 9999, months and fiscal months from 1 to 12, quarters from 1 to 4
/// and weeks from 1 to the 52 or 53 of their ISO year. A period built by
/// hand with a field out of range counts on like a clock
/// (`Month { year: 2026, month: 13 }` covers January 2027), and dates beyond
/// what [`NaiveDate`](chrono::NaiveDate) can hold are clamped to its `MIN`
/// and `MAX`.
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
    /// An ISO 8601 week, Monday to Sunday.
    Week {
        /// The ISO week-numbering year: the calendar year of the week's
        /// Thursday.
        year: i32,
        /// The week, 1 to 52 or 53.
        week: u32,
    },
    /// A month of a fiscal year, numbered from the fiscal year's start:
    /// under a retail calendar a run of 4 or 5 whole weeks, otherwise a
    /// calendar month.
    FiscalMonth {
        /// The fiscal year.
        fiscal_year: i32,
        /// The month within the fiscal year, 1 to 12.
        month: u32,
    },
}

impl Period {
    /// Whether this is a month, quarter, fiscal year, week or fiscal month.
    pub fn kind(&self) -> PeriodKind {
        match self {
            Period::Month { .. } => PeriodKind::Month,
            Period::Quarter { .. } => PeriodKind::Quarter,
            Period::FiscalYear { .. } => PeriodKind::FiscalYear,
            Period::Week { .. } => PeriodKind::Week,
            Period::FiscalMonth { .. } => PeriodKind::FiscalMonth,
        }
    }

    /// The period of the same kind that follows this one: `2026-12` is
    /// followed by `2027-01`, `2026-Q4` by `2027-Q1`, `FY2026` by `FY2027`,
    /// `2026-W53` by `2027-W01` and `FY2026-P12` by `FY2027-P01`.
    ///
    /// The result has its fields in range. At the last period an `i32` year
    /// (or a date) can name, the period itself is returned.
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
            Period::Week { year, week } => {
                let (year, week) = week::next(year, week);
                Period::Week { year, week }
            }
            Period::FiscalMonth { fiscal_year, month } => {
                let (fiscal_year, month) = step(fiscal_year, month, MONTHS_PER_YEAR);
                Period::FiscalMonth { fiscal_year, month }
            }
        }
    }
}

/// The (year, 1-based position) after `(year, position)` in years of
/// `per_year` positions, saturating at the ends of the `i32` years.
pub(super) fn step(year: i32, position: u32, per_year: u32) -> (i32, u32) {
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
    /// The canonical name: `"2026-03"`, `"2026-Q1"`, `"FY2026"`,
    /// `"2026-W05"` or `"FY2026-P01"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Month { year, month } => write!(f, "{}-{month:02}", Year(year)),
            Period::Quarter {
                fiscal_year,
                quarter,
            } => write!(f, "{}-Q{quarter}", Year(fiscal_year)),
            Period::FiscalYear { fiscal_year } => write!(f, "FY{}", Year(fiscal_year)),
            Period::Week { year, week } => write!(f, "{}-W{week:02}", Year(year)),
            Period::FiscalMonth { fiscal_year, month } => {
                write!(f, "FY{}-P{month:02}", Year(fiscal_year))
            }
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

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
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
            "pattern": "^([Ff][Yy])?[0-9]{4}$|^[0-9]{4}-([Qq][1-4]|0?[1-9]|1[0-2]|[Ww](0?[1-9]|[1-4][0-9]|5[0-3]))$|^[Ff][Yy][0-9]{4}-([Qq][1-4]|[Pp](0?[1-9]|1[0-2]))$",
            "description": "A calendar month (\"2026-03\"), a fiscal quarter (\"2026-Q1\" or \"FY2026-Q1\"), a fiscal year (\"FY2026\" or \"2026\"), an ISO week (\"2026-W05\") or a month of the fiscal year (\"FY2026-P01\"); a fiscal year is named by the calendar year in which it starts.",
            "examples": ["2026-03", "2026-Q1", "FY2026", "2026-W05", "FY2026-P01"]
        })
    }
}
