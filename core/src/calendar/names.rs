//! Reading period names: `2026-03`, `2026-Q1`, `FY2026`, `2026`,
//! `2026-W05`, `FY2026-P01` and `FY2026-Q1`, for [`Period`]'s `FromStr`
//! and `Deserialize`.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Unexpected, Visitor};
use serde::{Deserialize, Deserializer};

use super::period::Period;
use super::{week, MONTHS_PER_YEAR, QUARTERS_PER_YEAR};
use crate::error::{Error, Result};

/// What a period name must look like, for messages.
pub(super) const PERIOD_EXPECTED: &str =
    "a month such as \"2026-03\", a fiscal quarter such as \"2026-Q1\", a fiscal year such as \"FY2026\" or \"2026\", an ISO week such as \"2026-W05\" or a fiscal month such as \"FY2026-P01\"";

/// The most weeks an ISO year has.
const MAX_WEEKS: u32 = 53;

/// Reads a period name, with the reason for a refusal as a plain message.
pub(super) fn parse_period(name: &str) -> Result<Period, String> {
    let text = name.trim();
    if text.is_empty() {
        return Err(format!("the name is empty; expected {PERIOD_EXPECTED}"));
    }
    if let Some(rest) = strip_prefix_ignore_case(text, "FY") {
        return parse_fiscal(rest);
    }
    let Some((year, rest)) = text.split_once('-') else {
        return Ok(Period::FiscalYear {
            fiscal_year: parse_year(text)?,
        });
    };
    let year = parse_year(year)?;
    if let Some(quarter) = strip_prefix_ignore_case(rest, "Q") {
        return Ok(Period::Quarter {
            fiscal_year: year,
            quarter: parse_in_range(quarter, "quarter", 1, QUARTERS_PER_YEAR)?,
        });
    }
    if let Some(number) = strip_prefix_ignore_case(rest, "W") {
        let week = parse_in_range(number, "week", 1, MAX_WEEKS)?;
        let weeks = week::weeks_in_year(year);
        if week > weeks {
            return Err(format!(
                "week {week} is out of range 1 to {weeks}: the ISO year {year:04} has {weeks} weeks"
            ));
        }
        return Ok(Period::Week { year, week });
    }
    Ok(Period::Month {
        year,
        month: parse_in_range(rest, "month", 1, MONTHS_PER_YEAR)?,
    })
}

/// Reads what follows `FY`: a year, then optionally `-Q1` or `-P01`.
fn parse_fiscal(rest: &str) -> Result<Period, String> {
    let Some((year, part)) = rest.split_once('-') else {
        return Ok(Period::FiscalYear {
            fiscal_year: parse_year(rest)?,
        });
    };
    let fiscal_year = parse_year(year)?;
    if let Some(quarter) = strip_prefix_ignore_case(part, "Q") {
        return Ok(Period::Quarter {
            fiscal_year,
            quarter: parse_in_range(quarter, "quarter", 1, QUARTERS_PER_YEAR)?,
        });
    }
    match strip_prefix_ignore_case(part, "P") {
        Some(month) => Ok(Period::FiscalMonth {
            fiscal_year,
            month: parse_in_range(month, "fiscal month", 1, MONTHS_PER_YEAR)?,
        }),
        None => Err(format!(
            "{part:?} is neither a quarter (\"Q1\") nor a fiscal month (\"P01\"); expected {PERIOD_EXPECTED}"
        )),
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

/// Reads a one- or two-digit `what` (a month, quarter or week) from `low`
/// to `high`.
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

impl FromStr for Period {
    type Err = Error;

    /// Reads a period name; the same as
    /// [`Calendar::parse_period`](super::Calendar::parse_period), which does
    /// not depend on the calendar.
    fn from_str(name: &str) -> Result<Period> {
        parse_period(name).map_err(|message| Error::Period {
            input: name.to_owned(),
            message,
        })
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
