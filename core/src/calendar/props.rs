//! Properties of every calendar: names round-trip, periods tile time and
//! contain the dates they are found for.

use super::*;
use proptest::prelude::*;

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

/// Any period whose name [`Calendar::parse_period`] reads.
fn any_period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1_i32..=9999, 1_u32..=12).prop_map(|(year, m)| month(year, m)),
        (1_i32..=9999, 1_u32..=4).prop_map(|(year, q)| quarter(year, q)),
        (1_i32..=9999).prop_map(fy),
        (1_i32..=9999, 1_u32..=53).prop_map(|(year, w)| Period::Week {
            year,
            week: w.min(week::weeks_in_year(year)),
        }),
        (1_i32..=9999, 1_u32..=12)
            .prop_map(|(fiscal_year, month)| Period::FiscalMonth { fiscal_year, month }),
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
        Just(PeriodKind::FiscalYear),
        Just(PeriodKind::Week),
        Just(PeriodKind::FiscalMonth),
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
        which in 0_usize..3,
    ) {
        let end = start + chrono::Days::new(length);
        let granularity = [Granularity::Month, Granularity::Quarter, Granularity::Week][which];
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
    fn parse_never_panics_on_period_like_text(name in "[-0-9FYfyQqWwPp 年]{0,10}") {
        if let Ok(period) = name.parse::<Period>() {
            prop_assert_eq!(period.to_string().parse::<Period>(), Ok(period));
        }
    }
}
