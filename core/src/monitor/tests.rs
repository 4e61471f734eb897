use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::actuals::LoadMode;
use crate::evaluate::EvaluationOptions;

const UPDATES: &str = include_str!("../../../tests/evaluations/case-study/updates.csv");
const ACTUALS: &str = include_str!("../../../tests/evaluations/case-study/actuals.csv");

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn midyear() -> (Plan, Evaluation, Vec<ProgressUpdate>) {
    let plan = crate::example_plan();
    let actuals = plan
        .actuals_from_csv(ACTUALS, LoadMode::Strict)
        .unwrap()
        .actuals;
    let evaluation = plan
        .evaluate(&actuals, &EvaluationOptions::as_of(day("2026-06-30")))
        .unwrap();
    let updates = updates_from_csv(&plan, UPDATES).unwrap();
    (plan, evaluation, updates)
}

#[test]
fn the_launch_slips_fifteen_days_and_its_milestone_is_reached_late() {
    let (plan, evaluation, updates) = midyear();
    let inputs = MonitorInputs {
        updates: &updates,
        resources: None,
        accuracy: None,
    };
    let m = plan.monitor(&evaluation, &inputs).unwrap();
    println!("{}", serde_json::to_string_pretty(&m).unwrap());
    let t5 = m.execution.task("T-05").unwrap();
    assert_eq!(t5.status, ScheduleStatus::Done);
    assert_eq!(t5.forecast_finish, day("2026-05-15"));
    assert_eq!(t5.slip_days, 15);
    let launch = m.execution.milestone("M-LAUNCH").unwrap();
    assert_eq!(launch.status, MilestoneStatus::ReachedLate);
    assert_eq!(
        m.execution.milestone("M-TEAM").unwrap().status,
        MilestoneStatus::Reached
    );
    // The promotion campaign: 45% after 91 days keeps pace for 112 more.
    let t6 = m.execution.task("T-06").unwrap();
    assert_eq!(t6.forecast_finish, day("2026-10-20"));
    assert_eq!(t6.slip_days, 20);
    assert_eq!(t6.status, ScheduleStatus::Behind);
    assert_eq!(t6.expected_progress, Decimal::new(4973, 4));
    // The mid-year review waits for the KPI reviews, done on 30 June.
    let t9 = m.execution.task("T-09").unwrap();
    assert_eq!(t9.status, ScheduleStatus::NotStarted);
    assert_eq!(t9.forecast_finish, day("2026-07-31"));
}

#[test]
fn without_updates_past_tasks_are_overdue_and_push_their_successors() {
    let (plan, evaluation, _) = midyear();
    let m = plan
        .monitor(&evaluation, &MonitorInputs::default())
        .unwrap();
    let t1 = m.execution.task("T-01").unwrap();
    assert_eq!(t1.status, ScheduleStatus::Overdue);
    // Not begun by 30 June: T-01 runs 1–19 July, T-02 20 July – 7 August.
    assert_eq!(t1.forecast_finish, day("2026-07-19"));
    assert_eq!(
        m.execution.task("T-02").unwrap().forecast_finish,
        day("2026-08-07")
    );
    assert!(m.execution.milestone("M-TEAM").unwrap().at_risk);
}

#[test]
fn updates_for_unknown_tasks_or_bad_progress_are_refused_with_their_path() {
    let plan = crate::example_plan();
    let e = updates_from_json(
        &plan,
        r#"[{"date":"2026-05-01","task":"T-99","progress":"0.5"}]"#,
    )
    .unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", Some("/0/task")));
    let e = updates_from_csv(
        &plan,
        "date,task,progress\n2026-05-01,T-05,0.5\n2026-05-02,T-05,1.5\n",
    )
    .unwrap_err();
    assert_eq!((e.code(), e.path()), ("invalid_value", Some("/1/progress")));
    let e = updates_from_csv(&plan, "date,task,percent\n2026-05-01,T-05,50\n").unwrap_err();
    assert_eq!(e.code(), "unknown_field");
    let e = updates_from_json(&plan, r#"[{"date":"2026-13-01","task":"T-05"}]"#).unwrap_err();
    assert_eq!(e.path(), Some("/0/date"));
}

#[test]
fn strategy_effects_compare_windows_around_the_start() {
    let (plan, evaluation, updates) = midyear();
    let inputs = MonitorInputs {
        updates: &updates,
        resources: None,
        accuracy: None,
    };
    let m = plan.monitor(&evaluation, &inputs).unwrap();
    let promo = m.strategy("S-PROMO").unwrap();
    let share = promo.effect("K-SHARE").unwrap();
    assert_eq!(share.before_periods, ["2026-01", "2026-02", "2026-03"]);
    assert_eq!(share.after_periods, ["2026-04", "2026-05", "2026-06"]);
    assert!(share.realised.is_some());
    // The high-end line starts in January: nothing complete before it.
    let high = m
        .strategy("S-HIGHEND")
        .unwrap()
        .effect("K-REV-HIGH")
        .unwrap();
    assert!(high.unmeasurable.is_some());
    assert_eq!(high.realised_share, None);
}

#[test]
fn monitoring_facts_compile_against_the_plan_and_read_the_monitoring() {
    use crate::adjust::RuleSet;
    let (plan, evaluation, updates) = midyear();
    let bad = |text: &str| RuleSet::compile_condition(&plan, text).unwrap_err().message;
    assert!(bad(r#"task("T-99").slip_days > 1"#).contains("no task \"T-99\""));
    assert!(bad(r#"budget("B-NONE").burn > 1"#).contains("no budget line"));
    assert!(bad(r#"task("T-05").slipdays > 1"#).contains("one of slip_days"));
    assert!(bad(r#"milestone("M-LAUNCH").at_risk + 1 > 0"#).contains("arithmetic takes numbers"));
    assert!(bad(r#"task("T-05", region="east").slip_days > 1"#).contains("takes only the id"));

    let holds = |e: &Evaluation, text: &str| {
        let set = RuleSet::compile_condition(&plan, text).unwrap();
        let facts = set.facts(&plan, e, None);
        set.holds(&set.rules()[0], &facts)
    };
    let resources = plan
        .resources_from_text(include_str!(
            "../../../tests/evaluations/case-study/resources.csv"
        ))
        .unwrap();
    let inputs = MonitorInputs {
        updates: &updates,
        resources: Some(&resources),
        accuracy: None,
    };
    let monitored = plan.evaluate_monitored(&evaluation, &inputs).unwrap();
    for (text, expected) in [
        (r#"task("T-05").slip_days == 15"#, true),
        (r#"task("T-06").status == "behind""#, true),
        (r#"task("T-07").critical"#, true),
        (r#"not task("T-02").critical"#, true),
        (r#"milestone("M-LAUNCH").status == "reached_late""#, true),
        (r#"milestone("M-TARGET").at_risk"#, false),
        (
            r#"budget("B-PROMO").burn > 1.1 and budget("B-PROMO").status == "over""#,
            true,
        ),
        (
            r#"budget("B-PROMO").forecast - 5000000 == budget("B-PROMO").overrun"#,
            true,
        ),
        (r#"capacity("H-HIGH").heads_gap == 1"#, true),
        (r#"strategy("S-ACQ").realised < 0.5"#, true),
        (r#"strategy("S-HIGHEND").realised < 0.5"#, false),
    ] {
        assert_eq!(holds(&monitored, text), expected, "{text}");
    }
    // Without monitoring no fact has a value: every comparison with one is
    // false, and so its negation true, as for KPI facts.
    assert!(!holds(&evaluation, r#"task("T-05").slip_days > 0"#));
    assert!(holds(&evaluation, r#"not milestone("M-TARGET").at_risk"#));
}

#[test]
fn a_task_spanning_the_whole_calendar_is_forecast_past_it() {
    let mut document = crate::example_plan().to_value();
    let tasks = document["execution"]["tasks"].as_array_mut().unwrap();
    tasks[0]["start"] = serde_json::json!("0001-01-01");
    tasks[0]["due"] = serde_json::json!("9999-12-31");
    let plan = Plan::from_json(&document.to_string()).unwrap();
    let evaluation = plan
        .evaluate(
            &crate::actuals::Actuals::new(),
            &EvaluationOptions::as_of(day("2026-06-30")),
        )
        .unwrap();
    let m = plan
        .monitor(&evaluation, &MonitorInputs::default())
        .unwrap();
    // Not begun by mid-2026, it takes its 3.65 million days from the next
    // day on: past the year 9999, still a date.
    let first = &m.execution.tasks[0];
    assert_eq!(first.status, ScheduleStatus::LateStart);
    assert_eq!(
        first.slip_days,
        (day("2026-07-01") - day("0001-01-01")).num_days()
    );
    assert!(first.forecast_finish > day("9999-12-31"));
}
