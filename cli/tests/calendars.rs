//! Weekly and 4-4-5 plans from the command line: `phase`, `evaluate`,
//! `report` and `check`, and what they make of bad calendars.

use std::process::{Command, Output};

fn salesplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_salesplan"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn tests(path: &str) -> String {
    format!("{}/../tests/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn plan(kind: &str) -> String {
    tests(&format!("evaluations/case-study-{kind}/plan.json"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn phase_prints_weeks_that_add_up_to_the_target() {
    let out = salesplan(&["phase", &plan("weekly"), "G-REV"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(
        table.starts_with("2026-W01  2026-01-01 – 2026-01-04    4 d"),
        "{table}"
    );
    assert!(table.contains("2026-W53  2026-12-28 – 2026-12-31    4 d"));
    let total = table.lines().last().unwrap();
    assert!(total.starts_with("total     53 periods"), "{total}");
    assert!(total.ends_with("CNY 120,000,000.00"), "{total}");
}

#[test]
fn phase_as_json_equals_the_conformance_case() {
    let out = salesplan(&["phase", &plan("445"), "G-HIGH", "--format", "json"]);
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(tests("decompositions/phase-445-high-end/expected.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(printed, expected["result"]);
}

#[test]
fn phase_refuses_an_unknown_goal_and_an_unreadable_calendar() {
    let out = salesplan(&["phase", &plan("weekly"), "G-NONE"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no goal \"G-NONE\""));
    let bad = tests("cases/error-unknown-calendar/input.json");
    let out = salesplan(&["phase", &bad, "G-REV"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("[invalid_value] /period/calendar"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn evaluate_and_report_name_weeks_and_fiscal_months() {
    let actuals = tests("evaluations/case-study/actuals.csv");
    for (kind, current) in [("weekly", "2026-W27"), ("445", "FY2026-P07")] {
        let out = salesplan(&[
            "evaluate",
            &plan(kind),
            &actuals,
            "--as-of",
            "2026-06-30",
            "--format",
            "json",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let periods = &json["evaluation"]["kpis"][0]["periods"];
        let last = periods.as_array().unwrap().last().unwrap();
        assert_eq!(last["period"], current);
        let out = salesplan(&[
            "report",
            &plan(kind),
            &actuals,
            "--as-of",
            "2026-06-30",
            "--lang",
            "en",
            "--format",
            "html",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains("<svg"));
    }
}

#[test]
fn check_reports_calendar_diagnostics_with_their_paths() {
    let out = salesplan(&["check", &tests("cases/retail-start-not-monday/input.json")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("error[retail_start_weekday] /period/start"));
    let out = salesplan(&["check", &tests("cases/weekly-month-phasing/input.json")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout)
        .contains("error[unknown_period] /goals/0/seasonality/2026-03: \"2026-03\" is not a week"));
    for kind in ["weekly", "445"] {
        assert!(salesplan(&["check", &plan(kind)]).status.success());
    }
}
