//! ISO 8601 weeks: Monday to Sunday, numbered 1 to 52 or 53 within their
//! ISO year, whose week 1 is the week holding the year's first Thursday.
//! `2026-W01` runs from Monday 2025-12-29 to Sunday 2026-01-04, and 2026 has
//! 53 weeks (`2026-W53` ends on 2027-01-03).

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Days in a week.
pub(super) const DAYS_PER_WEEK: i64 = 7;

/// How many ISO weeks `year` has: 53 when 28 December falls in week 53,
/// else 52.
pub(crate) fn weeks_in_year(year: i32) -> u32 {
    NaiveDate::from_ymd_opt(year, 12, 28).map_or(52, |d| d.iso_week().week())
}

/// The week that holds `date`, as its ISO year and number.
pub(super) fn of(date: NaiveDate) -> (i32, u32) {
    let week = date.iso_week();
    (week.year(), week.week())
}

/// The Monday that starts week `week` of `year`, counting on from week 1
/// like a clock for a week outside the year, clamped to the dates
/// [`NaiveDate`] can hold.
pub(super) fn start(year: i32, week: u32) -> NaiveDate {
    match first_monday(year) {
        Some(first) => shift(first, (i64::from(week) - 1) * DAYS_PER_WEEK),
        None if year < 0 => NaiveDate::MIN,
        None => NaiveDate::MAX,
    }
}

/// The Sunday that ends week `week` of `year`, clamped likewise.
pub(super) fn end(year: i32, week: u32) -> NaiveDate {
    if first_monday(year).is_none() && year < 0 {
        return NaiveDate::MIN;
    }
    shift(start(year, week), DAYS_PER_WEEK - 1)
}

/// The Monday of week 1 of `year`, if [`NaiveDate`] can hold it. (Years
/// beyond its range are not passed to chrono, whose arithmetic on them
/// overflows.)
fn first_monday(year: i32) -> Option<NaiveDate> {
    let range = NaiveDate::MIN.year()..=NaiveDate::MAX.year();
    if range.contains(&year) {
        NaiveDate::from_isoywd_opt(year, 1, Weekday::Mon)
    } else {
        None
    }
}

/// The week after week `week` of `year`, as its ISO year and number; the
/// week itself at the end of the dates [`NaiveDate`] can hold.
pub(super) fn next(year: i32, week: u32) -> (i32, u32) {
    let current = (year, week);
    let first = start(year, week);
    match first.checked_add_days(Days::new(7)) {
        Some(following) if first != NaiveDate::MAX => of(following),
        _ => current,
    }
}

/// `date` moved by `days` (negative for earlier), clamped to the dates
/// [`NaiveDate`] can hold.
pub(super) fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
            .unwrap_or(NaiveDate::MAX)
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap_or(NaiveDate::MIN)
    }
}

/// The Monday on or before `date` (clamped at the first date).
pub(crate) fn monday_on_or_before(date: NaiveDate) -> NaiveDate {
    shift(date, -i64::from(date.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date")
    }

    #[test]
    fn iso_weeks_of_2026() {
        assert_eq!(weeks_in_year(2026), 53);
        assert_eq!(weeks_in_year(2025), 52);
        assert_eq!(weeks_in_year(2020), 53);
        assert_eq!(start(2026, 1), date(2025, 12, 29));
        assert_eq!(end(2026, 1), date(2026, 1, 4));
        assert_eq!(start(2026, 5), date(2026, 1, 26));
        assert_eq!(end(2026, 53), date(2027, 1, 3));
        assert_eq!(of(date(2027, 1, 1)), (2026, 53));
        assert_eq!(next(2026, 53), (2027, 1));
        assert_eq!(next(2025, 52), (2026, 1));
        assert_eq!(next(2026, 5), (2026, 6));
    }

    #[test]
    fn weeks_out_of_range_count_on() {
        assert_eq!(start(2025, 53), start(2026, 1));
        assert_eq!(start(2026, 0), start(2025, 52));
        assert_eq!(next(2026, 0), (2026, 1));
    }

    #[test]
    fn extreme_weeks_are_clamped() {
        assert_eq!(start(i32::MAX, 1), NaiveDate::MAX);
        assert_eq!(end(i32::MIN, 1), NaiveDate::MIN);
        assert_eq!(next(i32::MAX, u32::MAX), (i32::MAX, u32::MAX));
        let (year, week) = of(NaiveDate::MAX);
        let last = crate::calendar::Period::Week { year, week };
        assert_eq!(last.next(), last);
        assert_eq!(monday_on_or_before(date(2026, 1, 1)), date(2025, 12, 29));
        assert_eq!(monday_on_or_before(date(2025, 12, 29)), date(2025, 12, 29));
    }
}
