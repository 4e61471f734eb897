//! Weekly and retail (4-4-5) plans end to end: their charts against the
//! stored documents in `tests/charts/calendars/` (which pytest and node
//! compare too), phasing that reconciles to the cent for any plan period,
//! pattern and target, and odd calendars that never panic.
//! `SALESPLAN_BLESS=1` rewrites the stored charts.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use salesplan::actuals::LoadMode;
use salesplan::chart::{budget_burn, burn_up, Lang};
use salesplan::evaluate::EvaluationOptions;
use salesplan::Plan;
use serde_json::json;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

fn plan(kind: &str) -> Plan {
    let path = root().join(format!("evaluations/case-study-{kind}/plan.json"));
    Plan::from_json(&std::fs::read_to_string(path).unwrap()).expect("a readable plan")
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The burn-up of revenue and the budget burn of a plan at mid-year.
fn charts(plan: &Plan) -> [(&'static str, String); 2] {
    let csv = std::fs::read_to_string(root().join("evaluations/case-study/actuals.csv")).unwrap();
    let actuals = plan.actuals_from_csv(&csv, LoadMode::Strict).unwrap();
    let as_of = date("2026-06-30");
    let evaluation = plan
        .evaluate(&actuals.actuals, &EvaluationOptions::as_of(as_of))
        .unwrap();
    [
        (
            "burn-up",
            burn_up(plan, &evaluation, "K-REV", "", None, Lang::En).unwrap(),
        ),
        ("budget-burn", budget_burn(plan, as_of, Lang::En).unwrap()),
    ]
}

#[test]
fn weekly_and_retail_charts_match_their_stored_documents() {
    let dir = root().join("charts/calendars");
    let bless = std::env::var_os("SALESPLAN_BLESS").is_some();
    let mut failures = Vec::new();
    for kind in ["weekly", "445"] {
        for (name, svg) in charts(&plan(kind)) {
            let path = dir.join(format!("{kind}-{name}-midyear-en.svg"));
            if std::fs::read_to_string(&path).unwrap_or_default() != svg {
                if bless {
                    std::fs::create_dir_all(&dir).unwrap();
                    std::fs::write(&path, &svg).unwrap();
                } else {
                    failures.push(path.display().to_string());
                }
            }
        }
    }
    assert!(failures.is_empty(), "charts differ: {failures:?}");
}

#[test]
fn weekly_ticks_are_short_and_thinned() {
    let [(_, svg), _] = charts(&plan("weekly"));
    let ticks = |svg: &str, prefix: char| {
        svg.lines()
            .filter(|l| l.len() == 3 && l.starts_with(prefix))
            .count()
    };
    assert!(
        svg.contains("\nW53\n"),
        "week ticks drop the year, the last is labelled"
    );
    assert!(!svg.contains("2026-W"), "no long week names on the axis");
    let weeks = ticks(&svg, 'W');
    assert!((6..=27).contains(&weeks), "{weeks} week ticks");
    let [(_, svg), _] = charts(&plan("445"));
    assert_eq!(ticks(&svg, 'P'), 12, "every fiscal month labelled");
}

#[test]
fn a_retail_plan_off_a_monday_still_phases_and_evaluates() {
    let mut doc = plan("445").to_value();
    doc["period"]["start"] = json!("2026-01-01");
    let plan = Plan::from_value(doc).unwrap();
    let codes: Vec<&str> = plan.validate().iter().map(|d| d.code).collect();
    assert!(codes.contains(&"retail_start_weekday"), "{codes:?}");
    let goal = plan.goal("G-HIGH").unwrap();
    let phases = plan.phase_goal(goal).unwrap();
    assert_eq!(phases[0].start, date("2026-01-01"));
    let total: Decimal = phases.iter().map(|p| p.target).sum();
    assert_eq!(total, Decimal::from(30_000_000));
    let evaluation = plan
        .evaluate(
            &salesplan::actuals::Actuals::default(),
            &EvaluationOptions::as_of(date("2026-03-01")),
        )
        .unwrap();
    assert!(!evaluation.kpis.is_empty());
}

#[test]
fn weeks_at_the_ends_of_the_calendar_do_not_panic() {
    for (start, end, calendar) in [
        ("0001-01-01", "0001-03-01", None),
        ("9999-10-04", "9999-12-31", None),
        ("9999-10-04", "9999-12-31", Some("5-4-4")),
        ("0001-01-01", "0001-12-31", Some("4-5-4")),
    ] {
        let mut doc = plan("weekly").to_value();
        doc["period"] =
            json!({"start": start, "end": end, "granularity": "week", "calendar": calendar});
        let plan = Plan::from_value(doc).unwrap();
        let _ = plan.validate();
        let phases = plan.phase_goal(plan.goal("G-HIGH").unwrap()).unwrap();
        assert_eq!(phases.first().unwrap().start, date(start));
        assert_eq!(phases.last().unwrap().end, date(end));
    }
}

/// A weekly or retail plan over a random period, with a random target and,
/// sometimes, random weights keyed by its own period names.
fn phased(
    start: NaiveDate,
    days: u64,
    pattern: Option<&str>,
    granularity: &str,
    target: i64,
    weights: &[u32],
) -> (Plan, Vec<salesplan::decompose::PeriodTarget>) {
    let end = start + chrono::Days::new(days);
    let mut doc = plan("weekly").to_value();
    doc["period"] =
        json!({"start": start, "end": end, "granularity": granularity, "calendar": pattern});
    doc["goals"][1]["target"] = json!(Decimal::new(target, 2).to_string());
    doc["goals"][1]["deadline"] = json!(end);
    let plan = Plan::from_value(doc.clone()).unwrap();
    let names: Vec<String> = plan.periods().iter().map(|p| p.to_string()).collect();
    let used: Vec<(&String, &u32)> = names.iter().zip(weights.iter().cycle()).collect();
    if used.iter().any(|(_, w)| **w > 0) {
        let map: serde_json::Map<String, serde_json::Value> = used
            .into_iter()
            .map(|(n, w)| (n.clone(), json!(w.to_string())))
            .collect();
        doc["goals"][1]["seasonality"] = serde_json::Value::Object(map);
    }
    let plan = Plan::from_value(doc).unwrap();
    let phases = plan.phase_goal(plan.goal("G-HIGH").unwrap()).unwrap();
    (plan, phases)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn weekly_and_retail_phasing_reconciles_to_the_cent(
        year in 2000_i32..2100,
        week in 1_u32..52,
        shift in 0_u64..7,
        days in 0_u64..800,
        which in 0_usize..5,
        target in 0_i64..1_000_000_000_000,
        weights in proptest::collection::vec(0_u32..10, 0..6),
    ) {
        let monday = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon).unwrap();
        let (pattern, granularity, start) = [
            (None, "week", monday + chrono::Days::new(shift)),
            (Some("4-4-5"), "month", monday),
            (Some("4-5-4"), "quarter", monday),
            (Some("5-4-4"), "month", monday),
            (Some("4-4-5"), "week", monday),
        ][which];
        let (plan, phases) = phased(start, days, pattern, granularity, target, &weights);
        let total: Decimal = phases.iter().map(|p| p.target).sum();
        prop_assert_eq!(total, Decimal::new(target, 2));
        prop_assert_eq!(phases.len(), plan.periods().len());
        prop_assert_eq!(phases[0].start, start);
        prop_assert_eq!(phases.last().unwrap().end, plan.period.end);
        for pair in phases.windows(2) {
            prop_assert_eq!(pair[0].end.succ_opt().unwrap(), pair[1].start);
        }
        for p in &phases {
            prop_assert!(p.target >= Decimal::ZERO);
            prop_assert!(p.target.scale() <= 2);
        }
        if plan.goal("G-HIGH").unwrap().seasonality.is_empty() && target > 0 {
            // Even by days: each period within a cent of its days' share.
            let all = Decimal::from((plan.period.end - start).num_days() + 1);
            for p in &phases {
                let share = Decimal::new(target, 2)
                    * Decimal::from((p.end - p.start).num_days() + 1) / all;
                prop_assert!((p.target - share).abs() <= Decimal::new(1, 2));
            }
        }
    }
}
