//! Tests of the calendars of whole months: names, dates, fiscal years.

use super::*;

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
fn parses_weeks_and_fiscal_months() {
    let calendar = Calendar::GREGORIAN;
    let week = |year, week| Period::Week { year, week };
    assert_eq!(calendar.parse_period("2026-W05"), Ok(week(2026, 5)));
    assert_eq!(calendar.parse_period(" 2026-w5 "), Ok(week(2026, 5)));
    assert_eq!(calendar.parse_period("2026-W53"), Ok(week(2026, 53)));
    assert_eq!(calendar.parse_period("FY2026-Q3"), Ok(quarter(2026, 3)));
    let p01 = Period::FiscalMonth {
        fiscal_year: 2026,
        month: 1,
    };
    assert_eq!(calendar.parse_period("FY2026-P01"), Ok(p01));
    assert_eq!(calendar.parse_period("fy2026-p1"), Ok(p01));
    assert_eq!(week(2026, 5).to_string(), "2026-W05");
    assert_eq!(p01.to_string(), "FY2026-P01");
    assert_eq!(
        refusal("2025-W53"),
        "week 53 is out of range 1 to 52: the ISO year 2025 has 52 weeks"
    );
    assert_eq!(refusal("2026-W54"), "week 54 is out of range 1 to 53");
    assert_eq!(refusal("2026-W00"), "week 0 is out of range 1 to 53");
    assert_eq!(
        refusal("FY2026-P13"),
        "fiscal month 13 is out of range 1 to 12"
    );
    assert!(refusal("FY2026-M01").contains("neither a quarter"));
    assert!(refusal("FY2026-").contains("neither a quarter"));
    assert!(refusal("2026-W").contains("not a week number"));
    // Under an April start, P01 is April; weeks ignore the fiscal year.
    assert_eq!(april().start(p01), date(2026, 4, 1));
    let p12 = Period::FiscalMonth {
        fiscal_year: 2026,
        month: 12,
    };
    assert_eq!(april().end(p12), date(2027, 3, 31));
    assert_eq!(april().start(week(2026, 1)), date(2025, 12, 29));
    assert_eq!(
        april().period_of(date(2027, 3, 1), PeriodKind::FiscalMonth),
        p12
    );
    assert_eq!(april().kind_of(Granularity::Month), PeriodKind::Month);
    assert_eq!(april().kind_of(Granularity::Week), PeriodKind::Week);
}

#[test]
fn weekly_periods_are_clipped_iso_weeks() {
    let cal = Calendar::GREGORIAN;
    let weeks = cal.periods(date(2026, 1, 1), date(2026, 12, 31), Granularity::Week);
    assert_eq!(weeks.len(), 53);
    assert_eq!(weeks[0].to_string(), "2026-W01");
    assert_eq!(weeks[52].to_string(), "2026-W53");
    let weeks = cal.periods(date(2027, 1, 1), date(2027, 12, 31), Granularity::Week);
    assert_eq!(weeks[0].to_string(), "2026-W53");
    assert_eq!(weeks.len(), 53);
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
    let first = Calendar::GREGORIAN.periods(NaiveDate::MIN, NaiveDate::MIN, Granularity::Quarter);
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
