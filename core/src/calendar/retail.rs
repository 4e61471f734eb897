//! Retail calendars of 52- and 53-week fiscal years (4-4-5, 4-5-4, 5-4-4).
//!
//! A retail fiscal year is made of whole weeks, Monday to Sunday. It has
//! four quarters of 13 weeks, each of three months of 4, 4 and 5 weeks (in
//! the order of the [pattern](RetailPattern)): months `FY2026-P01` to
//! `FY2026-P12`, quarters `2026-Q1` to `2026-Q4` (also read as `FY2026-Q1`).
//!
//! # The first fiscal year and the ones after it
//!
//! The calendar is anchored on the first day of one fiscal year, a Monday
//! (a plan's `period.start`). That fiscal year is named by the ISO year of
//! its first week — the calendar year holding most of that week — so a year
//! starting on Monday 2025-12-29 is `FY2026`; the years after and before it
//! count on and back from there.
//!
//! Every fiscal year starts on the Monday nearest to the anniversary of the
//! anchor (at most three days either side; 29 February counts as 28
//! February). So the years do not drift away from the season: most have
//! 52 weeks (364 days), and about one in six has **53 weeks** (371 days),
//! when the Monday nearest the next anniversary is 371 days away. The 53rd
//! week is added to the year's **last month**, `P12`, and so to `Q4`
//! (which then has 14 weeks).

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::period::Period;
use super::week::{shift, DAYS_PER_WEEK};
use super::{MONTHS_PER_QUARTER, MONTHS_PER_YEAR, QUARTERS_PER_YEAR};
use crate::calendar::PeriodKind;

/// Weeks in a retail quarter.
const WEEKS_PER_QUARTER: i64 = 13;

/// How the 13 weeks of a retail quarter fall into its three months.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum RetailPattern {
    /// Months of 4, 4 and 5 weeks.
    #[serde(rename = "4-4-5")]
    FourFourFive,
    /// Months of 4, 5 and 4 weeks.
    #[serde(rename = "4-5-4")]
    FourFiveFour,
    /// Months of 5, 4 and 4 weeks.
    #[serde(rename = "5-4-4")]
    FiveFourFour,
}

impl RetailPattern {
    /// The weeks of the first, second and third month of a quarter.
    pub fn weeks(&self) -> [u32; 3] {
        match self {
            RetailPattern::FourFourFive => [4, 4, 5],
            RetailPattern::FourFiveFour => [4, 5, 4],
            RetailPattern::FiveFourFour => [5, 4, 4],
        }
    }
}

impl fmt::Display for RetailPattern {
    /// `"4-4-5"`, `"4-5-4"` or `"5-4-4"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c] = self.weeks();
        write!(f, "{a}-{b}-{c}")
    }
}

/// A retail calendar: its pattern and the first day of one fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Retail {
    pattern: RetailPattern,
    /// A Monday that starts the fiscal year `anchor_year`.
    anchor: NaiveDate,
    /// The name of the fiscal year that starts on `anchor`.
    anchor_year: i32,
}

impl Retail {
    /// The calendar whose fiscal year starts on `first_day`; `None` when
    /// that is not a Monday.
    pub(super) fn new(pattern: RetailPattern, first_day: NaiveDate) -> Option<Retail> {
        (first_day.weekday() == Weekday::Mon).then(|| Retail {
            pattern,
            anchor: first_day,
            anchor_year: first_day.iso_week().year(),
        })
    }

    /// The pattern of its quarters.
    pub(super) fn pattern(&self) -> RetailPattern {
        self.pattern
    }

    /// The first day of `fiscal_year`, clamped to the dates [`NaiveDate`]
    /// can hold.
    fn year_start(&self, fiscal_year: i64) -> NaiveDate {
        let year = i64::from(self.anchor.year()) + fiscal_year - i64::from(self.anchor_year);
        let nominal = i32::try_from(year).ok().and_then(|year| {
            let (month, day) = (self.anchor.month(), self.anchor.day());
            NaiveDate::from_ymd_opt(year, month, day)
                .or_else(|| NaiveDate::from_ymd_opt(year, month, day - 1))
        });
        let Some(nominal) = nominal else {
            return if year < 0 {
                NaiveDate::MIN
            } else {
                NaiveDate::MAX
            };
        };
        let weekday = i64::from(nominal.weekday().num_days_from_monday());
        let offset = if weekday <= 3 { -weekday } else { 7 - weekday };
        shift(nominal, offset)
    }

    /// The first and last day (inclusive) of fiscal year `fiscal_year`.
    pub(super) fn year_span(&self, fiscal_year: i32) -> (NaiveDate, NaiveDate) {
        self.span(i64::from(fiscal_year), 0, 0, true)
    }

    /// The first and last day of quarter `quarter` (from 1) of a fiscal
    /// year; a quarter out of range counts on like a clock.
    pub(super) fn quarter_span(&self, fiscal_year: i32, quarter: u32) -> (NaiveDate, NaiveDate) {
        let (year, q) = normalise(fiscal_year, quarter, QUARTERS_PER_YEAR);
        let last = q + 1 == i64::from(QUARTERS_PER_YEAR);
        self.span(year, q * WEEKS_PER_QUARTER, WEEKS_PER_QUARTER, last)
    }

    /// The first and last day of month `month` (from 1) of a fiscal year;
    /// a month out of range counts on like a clock.
    pub(super) fn month_span(&self, fiscal_year: i32, month: u32) -> (NaiveDate, NaiveDate) {
        let (year, m) = normalise(fiscal_year, month, MONTHS_PER_YEAR);
        let (first, weeks) = self.month_weeks(m);
        self.span(year, first, weeks, m + 1 == i64::from(MONTHS_PER_YEAR))
    }

    /// The days of `weeks` weeks from week `first_week` (from 0) of a
    /// fiscal year, or to the year's end when `last`.
    fn span(
        &self,
        fiscal_year: i64,
        first_week: i64,
        weeks: i64,
        last: bool,
    ) -> (NaiveDate, NaiveDate) {
        let start = shift(self.year_start(fiscal_year), first_week * DAYS_PER_WEEK);
        let end = if last {
            shift(self.year_start(fiscal_year + 1), -1)
        } else {
            shift(start, weeks * DAYS_PER_WEEK - 1)
        };
        (start, end.max(start))
    }

    /// The weeks before month `month` (from 0) of a fiscal year and its
    /// own weeks (without a 53rd).
    fn month_weeks(&self, month: i64) -> (i64, i64) {
        let per_quarter = i64::from(MONTHS_PER_QUARTER);
        let pattern = self.pattern.weeks().map(i64::from);
        let position = usize::try_from(month.rem_euclid(per_quarter)).unwrap_or(0);
        let before: i64 = pattern[..position].iter().sum();
        let quarter = month.div_euclid(per_quarter);
        (quarter * WEEKS_PER_QUARTER + before, pattern[position])
    }

    /// The fiscal month, quarter or year that holds `date`.
    pub(super) fn period_of(&self, date: NaiveDate, kind: PeriodKind) -> Period {
        let guess =
            i64::from(self.anchor_year) + i64::from(date.year()) - i64::from(self.anchor.year());
        let mut fiscal_year = guess;
        // Each year starts within three days of the anniversary, so the
        // guess is at most one year out; the bound guards the clamped ends.
        for _ in 0..3 {
            if date < self.year_start(fiscal_year) {
                fiscal_year -= 1;
            } else if date >= self.year_start(fiscal_year + 1) && fiscal_year < guess + 2 {
                fiscal_year += 1;
            } else {
                break;
            }
        }
        let weeks_in = (date - self.year_start(fiscal_year)).num_days() / DAYS_PER_WEEK;
        let name =
            i32::try_from(fiscal_year).unwrap_or(if fiscal_year < 0 { i32::MIN } else { i32::MAX });
        match kind {
            PeriodKind::Quarter => Period::Quarter {
                fiscal_year: name,
                quarter: clamp_index(weeks_in / WEEKS_PER_QUARTER, QUARTERS_PER_YEAR),
            },
            PeriodKind::FiscalYear => Period::FiscalYear { fiscal_year: name },
            _ => {
                let month = (0..i64::from(MONTHS_PER_YEAR))
                    .take_while(|m| self.month_weeks(*m).0 <= weeks_in)
                    .last()
                    .unwrap_or(0);
                Period::FiscalMonth {
                    fiscal_year: name,
                    month: clamp_index(month, MONTHS_PER_YEAR),
                }
            }
        }
    }
}

/// `(year, position)` with the 1-based position brought into
/// `1..=per_year`, as a year and a 0-based position.
fn normalise(year: i32, position: u32, per_year: u32) -> (i64, i64) {
    let per_year = i64::from(per_year);
    let index = i64::from(year) * per_year + i64::from(position) - 1;
    (index.div_euclid(per_year), index.rem_euclid(per_year))
}

/// The 1-based position of a 0-based index, at most `count`.
fn clamp_index(index: i64, count: u32) -> u32 {
    u32::try_from(index.clamp(0, i64::from(count) - 1) + 1).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::super::{Calendar, Granularity};
    use super::*;
    use proptest::prelude::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test date")
    }

    fn calendar(pattern: RetailPattern, first_day: NaiveDate) -> Calendar {
        Calendar::retail(pattern, first_day).expect("a Monday")
    }

    fn fiscal_month(fiscal_year: i32, month: u32) -> Period {
        Period::FiscalMonth { fiscal_year, month }
    }

    #[test]
    fn a_445_year_from_monday_29_december_2025() {
        let cal = calendar(RetailPattern::FourFourFive, date(2025, 12, 29));
        let year = Period::FiscalYear { fiscal_year: 2026 };
        assert_eq!(cal.start(year), date(2025, 12, 29));
        assert_eq!(cal.end(year), date(2026, 12, 27));
        assert_eq!(cal.days(year), 364);
        let months = cal.periods(cal.start(year), cal.end(year), Granularity::Month);
        let weeks: Vec<u32> = months.iter().map(|m| cal.days(*m) / 7).collect();
        assert_eq!(weeks, [4, 4, 5, 4, 4, 5, 4, 4, 5, 4, 4, 5]);
        assert_eq!(months[0].to_string(), "FY2026-P01");
        assert_eq!(cal.end(fiscal_month(2026, 1)), date(2026, 1, 25));
        assert_eq!(cal.start(fiscal_month(2026, 3)), date(2026, 2, 23));
        let q2 = Period::Quarter {
            fiscal_year: 2026,
            quarter: 2,
        };
        assert_eq!(
            (cal.start(q2), cal.end(q2)),
            (date(2026, 3, 30), date(2026, 6, 28))
        );
        assert_eq!(
            cal.period_of(date(2026, 6, 30), PeriodKind::FiscalMonth),
            fiscal_month(2026, 7)
        );
        assert_eq!(cal.retail_pattern(), Some(RetailPattern::FourFourFive));
        assert_eq!(cal.kind_of(Granularity::Month), PeriodKind::FiscalMonth);
    }

    #[test]
    fn the_53rd_week_goes_to_the_last_month() {
        // From Monday 2 January 2023: FY2025 starts on Monday 30 December
        // 2024 (nearest Thursday 2 January 2025) and FY2026 on Monday
        // 5 January 2026 (nearest Friday 2 January 2026), 371 days later.
        let cal = calendar(RetailPattern::FiveFourFour, date(2023, 1, 2));
        let weeks = |fiscal_year| cal.days(Period::FiscalYear { fiscal_year }) / 7;
        let long: Vec<i32> = (2023..2035).filter(|y| weeks(*y) == 53).collect();
        assert_eq!(long, [2025, 2031]);
        assert_eq!(cal.days(fiscal_month(2025, 12)), 35);
        assert_eq!(cal.days(fiscal_month(2025, 11)), 28);
        let q4 = Period::Quarter {
            fiscal_year: 2025,
            quarter: 4,
        };
        assert_eq!(cal.days(q4), 98);
    }

    #[test]
    fn a_start_that_is_not_a_monday_is_refused() {
        let error = Calendar::retail(RetailPattern::FourFiveFour, date(2026, 1, 1))
            .expect_err("a Thursday");
        assert_eq!(error.code(), "invalid_argument");
        assert!(
            error.to_string().contains("2026-01-01 is a Thursday"),
            "{error}"
        );
        assert_eq!(RetailPattern::FourFiveFour.to_string(), "4-5-4");
        assert_eq!(
            serde_json::to_string(&RetailPattern::FiveFourFour).ok(),
            Some("\"5-4-4\"".to_owned())
        );
    }

    #[test]
    fn extreme_retail_periods_do_not_panic() {
        let cal = calendar(RetailPattern::FourFourFive, date(2025, 12, 29));
        for period in [
            fiscal_month(i32::MAX, u32::MAX),
            fiscal_month(i32::MIN, 0),
            Period::Quarter {
                fiscal_year: i32::MAX,
                quarter: u32::MAX,
            },
            Period::Quarter {
                fiscal_year: i32::MIN,
                quarter: 0,
            },
            Period::FiscalYear {
                fiscal_year: i32::MAX,
            },
            Period::FiscalYear {
                fiscal_year: i32::MIN,
            },
        ] {
            assert!(cal.start(period) <= cal.end(period), "{period}");
        }
        for day in [NaiveDate::MIN, NaiveDate::MAX] {
            for kind in [
                PeriodKind::FiscalMonth,
                PeriodKind::Quarter,
                PeriodKind::FiscalYear,
            ] {
                let _ = cal.period_of(day, kind);
            }
            let _ = cal.periods(day, day, Granularity::Month);
        }
    }

    fn any_pattern() -> impl Strategy<Value = RetailPattern> {
        prop_oneof![
            Just(RetailPattern::FourFourFive),
            Just(RetailPattern::FourFiveFour),
            Just(RetailPattern::FiveFourFour),
        ]
    }

    fn any_monday() -> impl Strategy<Value = NaiveDate> {
        (1_i32..=9990, 0_u32..53).prop_map(|(year, week)| {
            let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January");
            crate::calendar::week::monday_on_or_before(first)
                + chrono::Days::new(7 * u64::from(week))
        })
    }

    proptest! {
        #[test]
        fn retail_years_tile_into_months_and_quarters(
            pattern in any_pattern(),
            anchor in any_monday(),
            offset in -3_i32..30,
        ) {
            let cal = calendar(pattern, anchor);
            let first = cal.period_of(anchor, PeriodKind::FiscalYear);
            let Period::FiscalYear { fiscal_year } = first else {
                return Err(TestCaseError::fail("a fiscal year"));
            };
            prop_assert_eq!(cal.start(first), anchor);
            let year = Period::FiscalYear { fiscal_year: fiscal_year + offset };
            let (start, end) = (cal.start(year), cal.end(year));
            prop_assert_eq!(start.weekday(), Weekday::Mon);
            prop_assert!(cal.days(year) == 364 || cal.days(year) == 371);
            prop_assert_eq!(cal.start(year.next()), end.succ_opt().expect("a day"));
            for granularity in [Granularity::Month, Granularity::Quarter, Granularity::Week] {
                let periods = cal.periods(start, end, granularity);
                let days: u32 = periods.iter().map(|p| cal.days(*p)).sum();
                prop_assert_eq!(days, cal.days(year));
                prop_assert_eq!(cal.start(periods[0]), start);
                prop_assert_eq!(cal.end(*periods.last().expect("some")), end);
                for pair in periods.windows(2) {
                    prop_assert_eq!(pair[0].next(), pair[1]);
                    prop_assert_eq!(cal.start(pair[1]), cal.end(pair[0]).succ_opt().expect("a day"));
                }
                for p in &periods {
                    prop_assert_eq!(cal.days(*p) % 7, 0);
                    prop_assert_eq!(cal.period_of(cal.start(*p), cal.kind_of(granularity)), *p);
                    prop_assert_eq!(cal.period_of(cal.end(*p), cal.kind_of(granularity)), *p);
                }
            }
        }
    }
}
