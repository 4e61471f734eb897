//! Fiscal arithmetic of a calendar of whole months: fiscal years that start
//! on the first day of a given month, quarters of three months, and months
//! counted by index (`year * 12 + month - 1`).

use chrono::{Datelike, NaiveDate};

use super::period::Period;
use super::{MONTHS_PER_QUARTER, MONTHS_PER_YEAR};

/// The fiscal year `date` lies in, and how many whole months of that
/// fiscal year come before `date`'s month (0 to 11), for fiscal years
/// starting in `start_month`.
pub(super) fn fiscal_position(start_month: u32, date: NaiveDate) -> (i32, u32) {
    if date.month() >= start_month {
        (date.year(), date.month() - start_month)
    } else {
        (
            date.year() - 1,
            date.month() + MONTHS_PER_YEAR - start_month,
        )
    }
}

/// The period as the index of its first month (`year * 12 + month - 1`)
/// and its number of months, for fiscal years starting in `start_month`.
/// A week has no span in months; it is given as the month of its Monday.
pub(super) fn month_span(start_month: u32, period: Period) -> (i64, i64) {
    let per_year = i64::from(MONTHS_PER_YEAR);
    let fiscal_start =
        |fiscal_year: i32| i64::from(fiscal_year) * per_year + i64::from(start_month) - 1;
    match period {
        Period::Month { year, month } => (i64::from(year) * per_year + i64::from(month) - 1, 1),
        Period::FiscalMonth { fiscal_year, month } => {
            (fiscal_start(fiscal_year) + i64::from(month) - 1, 1)
        }
        Period::Quarter {
            fiscal_year,
            quarter,
        } => {
            let per_quarter = i64::from(MONTHS_PER_QUARTER);
            let first = fiscal_start(fiscal_year) + (i64::from(quarter) - 1) * per_quarter;
            (first, per_quarter)
        }
        Period::FiscalYear { fiscal_year } => (fiscal_start(fiscal_year), per_year),
        Period::Week { year, week } => {
            let monday = super::week::start(year, week);
            (
                i64::from(monday.year()) * per_year + i64::from(monday.month()) - 1,
                1,
            )
        }
    }
}

/// The first day of the month with the given index (`year * 12 + month - 1`),
/// clamped to the dates [`NaiveDate`] can hold.
pub(super) fn first_day(month_index: i64) -> NaiveDate {
    month_start(month_index).unwrap_or_else(|| clamped(month_index))
}

/// The last day of the month with the given index, clamped to the dates
/// [`NaiveDate`] can hold.
pub(super) fn last_day(month_index: i64) -> NaiveDate {
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
