use chrono::Datelike;
use proptest::prelude::*;

use super::*;
use crate::example_plan;
use crate::plan::HeadcountId;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn heads(a: &mut Actuals, day: NaiveDate, line: &str, value: &str) {
    a.push(day, HEADS, dec(value), &[(HEADCOUNT_TAG, line)]);
}

/// H-HIGH hired 6, then 2 in February and 2 in March; one left in June.
fn high_end_hiring() -> Actuals {
    let mut a = Actuals::new();
    heads(&mut a, date(2026, 1, 5), "H-HIGH", "6");
    heads(&mut a, date(2026, 2, 2), "H-HIGH", "7");
    heads(&mut a, date(2026, 2, 20), "H-HIGH", "8");
    heads(&mut a, date(2026, 3, 2), "H-HIGH", "10");
    heads(&mut a, date(2026, 6, 10), "H-HIGH", "9");
    a
}

#[test]
fn high_end_team_hired_late_forecasts_below_plan() {
    let plan = example_plan();
    let c = capacity_against_plan(&plan, &high_end_hiring(), date(2026, 6, 30)).unwrap();
    let high = c.line("H-HIGH").unwrap();
    assert_eq!(high.planned, Decimal::from(10));
    assert_eq!(high.heads, Some(Decimal::from(9)));
    assert_eq!(high.heads_gap, Some(Decimal::ONE));
    let actual: Vec<Option<Decimal>> = high.months.iter().map(|m| m.actual).collect();
    let n = |v: i64| Some(Decimal::from(v));
    assert_eq!(actual, [n(6), n(8), n(10), None, None, n(9)]);
    assert_eq!(high.months[3].period, "2026-04");
    assert_eq!(high.months[3].planned, Decimal::from(10));
    // Ramped head-months, a month of a new hire being 1/6, 3/6, 5/6, then 1:
    // Jan 6 × 1/6 = 1; Feb 6 × 3/6 + 2 × 1/6; Mar 6 × 5/6 + 2 × 3/6 + 2 × 1/6;
    // Apr 6 + 2 × 5/6 + 2 × 3/6; May 6 + 2 + 2 × 5/6; Jun 9 (the latest
    // hire left): 38 in all, at 4,000,000 ÷ 12 a head-month.
    assert_eq!(high.capacity_to_date, Some(dec("12666666.67")));
    // Then 9 heads for six more months: 38 + 54 = 92 head-months.
    assert_eq!(high.forecast_capacity, Some(dec("30666666.67")));
    // 10 heads, 1.5 months of ramp each, 5% attrition on average.
    assert_eq!(high.planned_capacity, Some(dec("33250000.00")));
    // H-CORE has no data: it counts at its plan, 92,500,000.
    let core = c.line("H-CORE").unwrap();
    assert_eq!(core.heads, None);
    assert_eq!(core.heads_gap, None);
    assert_eq!(core.forecast_capacity, None);
    assert_eq!(core.months.len(), 6);
    assert!(core.months.iter().all(|m| m.actual.is_none()));
    assert_eq!(c.planned_capacity, Some(dec("125750000.00")));
    assert_eq!(c.forecast_capacity, Some(dec("123166666.67")));
    assert_eq!(c.target, Some(dec("120000000.00")));
    // 123,166,666.67 ÷ 120,000,000.
    assert_eq!(c.coverage, Some(dec("1.0264")));
}

#[test]
fn the_current_month_counts_pro_rata_by_days() {
    let plan = example_plan();
    let c = capacity_against_plan(&plan, &high_end_hiring(), date(2026, 6, 15)).unwrap();
    let high = c.line("H-HIGH").unwrap();
    // 29 head-months to May, and 9 × 15 ÷ 30 in June: 33.5.
    assert_eq!(high.capacity_to_date, Some(dec("11166666.67")));
    assert_eq!(high.forecast_capacity, Some(dec("30666666.67")));
}

#[test]
fn heads_on_plan_without_attrition_match_the_planned_formula() {
    let mut plan = example_plan();
    plan.resources.headcount[0].attrition = None;
    let mut a = Actuals::new();
    for month in 1..=12 {
        heads(&mut a, date(2026, month, 1), "H-HIGH", "10");
    }
    let c = capacity_against_plan(&plan, &a, date(2026, 12, 31)).unwrap();
    let high = c.line("H-HIGH").unwrap();
    assert_eq!(high.forecast_capacity, high.planned_capacity);
    assert_eq!(high.forecast_capacity, Some(dec("35000000.00")));
    assert_eq!(high.capacity_to_date, high.forecast_capacity);
    assert_eq!(high.heads_gap, Some(Decimal::ZERO));
}

#[test]
fn months_before_the_first_observation_take_it_and_gaps_carry_forward() {
    let plan = example_plan();
    let mut a = Actuals::new();
    heads(&mut a, date(2026, 3, 31), "H-CORE", "38");
    let c = capacity_against_plan(&plan, &a, date(2026, 4, 30)).unwrap();
    let core = c.line("H-CORE").unwrap();
    assert_eq!(core.heads, Some(Decimal::from(38)));
    assert_eq!(core.heads_gap, Some(Decimal::from(2)));
    // No new hires, no ramp: 38 heads for 4 months at 2,500,000 ÷ 12.
    assert_eq!(core.capacity_to_date, Some(dec("31666666.67")));
    // And 12 months.
    assert_eq!(core.forecast_capacity, Some(dec("95000000.00")));
    assert_eq!(core.planned_capacity, Some(dec("92500000.00")));
}

#[test]
fn rows_outside_the_period_or_after_as_of_are_ignored() {
    let plan = example_plan();
    let mut a = Actuals::new();
    heads(&mut a, date(2025, 12, 31), "H-CORE", "1");
    heads(&mut a, date(2026, 1, 15), "H-CORE", "40");
    heads(&mut a, date(2026, 2, 15), "H-CORE", "20");
    heads(&mut a, date(2027, 1, 1), "H-CORE", "2");
    a.push(
        date(2026, 1, 15),
        "revenue",
        dec("5"),
        &[(HEADCOUNT_TAG, "H-NOPE")],
    );
    let c = capacity_against_plan(&plan, &a, date(2026, 1, 31)).unwrap();
    let core = c.line("H-CORE").unwrap();
    assert_eq!(core.heads, Some(Decimal::from(40)));
    assert_eq!(core.months.len(), 1);
    let end = capacity_against_plan(&plan, &a, date(2030, 1, 1)).unwrap();
    let core = end.line("H-CORE").unwrap();
    assert_eq!(core.heads, Some(Decimal::from(20)));
    assert_eq!(core.months.len(), 12);
    // 40 in January, 20 thereafter: 260 head-months.
    assert_eq!(core.forecast_capacity, Some(dec("54166666.67")));
    assert_eq!(core.capacity_to_date, core.forecast_capacity);
}

#[test]
fn before_the_plan_starts_there_is_no_data_and_the_plan_stands() {
    let plan = example_plan();
    let c = capacity_against_plan(&plan, &high_end_hiring(), date(2025, 12, 31)).unwrap();
    assert!(c
        .lines
        .iter()
        .all(|l| l.heads.is_none() && l.months.is_empty()));
    assert_eq!(c.forecast_capacity, c.planned_capacity);
    let none = capacity_against_plan(&plan, &Actuals::new(), date(2026, 6, 30)).unwrap();
    assert_eq!(none.forecast_capacity, Some(dec("125750000.00")));
    assert_eq!(none.coverage, Some(dec("1.0479")));
}

#[test]
fn zero_heads_are_data_and_a_line_without_quota_has_no_capacity() {
    let mut plan = example_plan();
    plan.resources.headcount[1].quota = None;
    let mut a = Actuals::new();
    heads(&mut a, date(2026, 1, 1), "H-HIGH", "0");
    heads(&mut a, date(2026, 1, 1), "H-CORE", "12");
    let c = capacity_against_plan(&plan, &a, date(2026, 3, 31)).unwrap();
    let high = c.line("H-HIGH").unwrap();
    assert_eq!(high.heads, Some(Decimal::ZERO));
    assert_eq!(high.heads_gap, Some(Decimal::from(10)));
    assert_eq!(high.forecast_capacity, Some(dec("0.00")));
    let core = c.line("H-CORE").unwrap();
    assert_eq!(core.heads, Some(Decimal::from(12)));
    assert_eq!(core.planned_capacity, None);
    assert_eq!(core.forecast_capacity, None);
    assert_eq!(c.planned_capacity, Some(dec("33250000.00")));
    assert_eq!(c.forecast_capacity, Some(dec("0.00")));
    assert_eq!(c.coverage, Some(dec("0.0000")));
}

#[test]
fn every_bad_heads_row_is_reported_and_nothing_is_computed() {
    let plan = example_plan();
    let mut a = Actuals::new();
    heads(&mut a, date(2026, 1, 1), "H-HIGH", "3");
    heads(&mut a, date(2026, 1, 1), "H-NOPE", "3");
    heads(&mut a, date(2026, 1, 2), "H-CORE", "-1");
    a.push(date(2026, 1, 1), HEADS, dec("2"), &[("team", "Core")]);
    heads(&mut a, date(2031, 1, 1), "H-GONE", "1");
    let Err(Error::Actuals { problems }) = capacity_against_plan(&plan, &a, date(2026, 6, 30))
    else {
        panic!("bad heads rows must be refused");
    };
    let found: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (2, HEADCOUNT_TAG),
            (3, "value"),
            (4, HEADCOUNT_TAG),
            (5, HEADCOUNT_TAG)
        ]
    );
    assert!(problems[0].message.contains("\"H-NOPE\""));
    assert!(problems[0].message.contains("H-HIGH, H-CORE"));
    assert!(problems[2].message.contains("needs a headcount tag"));
}

#[test]
fn heads_beyond_a_decimal_are_an_overflow() {
    let plan = example_plan();
    let mut a = Actuals::new();
    a.push(
        date(2026, 2, 1),
        HEADS,
        Decimal::MAX,
        &[(HEADCOUNT_TAG, "H-CORE")],
    );
    let err = capacity_against_plan(&plan, &a, date(2026, 6, 30)).unwrap_err();
    assert_eq!(err.code(), "overflow");
    assert!(err.to_string().contains("H-CORE"), "{err}");
}

#[test]
fn serialises_with_decimal_strings_and_reads_back() {
    let plan = example_plan();
    let c = capacity_against_plan(&plan, &high_end_hiring(), date(2026, 6, 30)).unwrap();
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["lines"][0]["heads"], "9");
    assert_eq!(
        json["lines"][0]["months"][3]["actual"],
        serde_json::Value::Null
    );
    assert_eq!(json["lines"][1]["heads"], serde_json::Value::Null);
    assert_eq!(json["coverage"], "1.0264");
    let back: CapacityActuals = serde_json::from_value(json).unwrap();
    assert_eq!(back, c);
}

fn arb_line() -> impl Strategy<Value = (u32, u32, u32, Option<i64>, u32)> {
    (
        0u32..50,
        0u32..60,
        0u32..7,
        proptest::option::of(0i64..100_000_000_000),
        0u32..30,
    )
}

fn headcount_line(
    i: usize,
    (heads, hires, ramp, quota, attrition): (u32, u32, u32, Option<i64>, u32),
) -> Headcount {
    Headcount {
        id: HeadcountId(format!("H{i}")),
        role: format!("role {i}"),
        team: None,
        segment: None,
        heads,
        new_hires: hires.min(heads),
        quota: quota.map(|q| Decimal::new(q, 2)),
        ramp_months: ramp,
        attrition: Some(Decimal::new(i64::from(attrition), 2)),
        cost_per_head: None,
    }
}

proptest! {
    #[test]
    fn overall_capacity_reconciles_with_the_lines(
        lines in proptest::collection::vec(arb_line(), 1..5),
        rows in proptest::collection::vec((0usize..5, -40i64..420, 0i64..600, 0u32..2), 0..30),
        as_of in -20i64..400,
    ) {
        let mut plan = example_plan();
        plan.resources.headcount = lines.into_iter().enumerate().map(|(i, l)| headcount_line(i, l)).collect();
        let n = plan.resources.headcount.len();
        let start = date(2026, 1, 1);
        let mut a = Actuals::new();
        for (line, day, value, scale) in rows {
            let id = format!("H{}", line % n);
            a.push(start + chrono::Duration::days(day), HEADS, Decimal::new(value, scale), &[(HEADCOUNT_TAG, &id)]);
        }
        let as_of = start + chrono::Duration::days(as_of);
        let c = capacity_against_plan(&plan, &a, as_of).unwrap();
        let reported = if as_of < start { 0 } else { as_of.min(date(2026, 12, 31)).month() as usize };
        let (mut planned, mut forecast) = (None::<Decimal>, None::<Decimal>);
        for l in &c.lines {
            prop_assert_eq!(l.months.len(), reported);
            prop_assert_eq!(l.heads_gap, l.heads.map(|h| l.planned - h));
            prop_assert_eq!(l.heads.is_some(), l.months.iter().any(|m| m.actual.is_some()));
            if let (Some(to_date), Some(whole)) = (l.capacity_to_date, l.forecast_capacity) {
                prop_assert!(Decimal::ZERO <= to_date && to_date <= whole);
                prop_assert_eq!(whole.scale(), 2);
            }
            if let Some(p) = l.planned_capacity {
                let f = if l.heads.is_some() { l.forecast_capacity.unwrap() } else { p };
                planned = Some(planned.unwrap_or_default() + p);
                forecast = Some(forecast.unwrap_or_default() + f);
            }
        }
        prop_assert_eq!(c.planned_capacity, planned);
        prop_assert_eq!(c.forecast_capacity, forecast);
    }
}
