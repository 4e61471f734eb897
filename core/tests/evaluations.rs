//! Evaluation conformance (`tests/evaluations/*`): a plan (`plan.json`, or
//! the embedded case study), actuals (`actuals.csv`), optionally an open
//! pipeline (`pipeline.json`) and, for each
//! `NAME.options.json` (`{"as_of", "hierarchy"}`), the evaluation expected
//! in `NAME.expected.json`, compared as normalised JSON. pytest and node run
//! the same files. `SALESPLAN_BLESS=1` rewrites the expected files.

use std::path::{Path, PathBuf};

use salesplan::actuals::LoadMode;
use salesplan::evaluate::EvaluationOptions;
use salesplan::Plan;
use serde_json::Value;

fn normalise(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("a JSON value always serialises");
    s.push('\n');
    s
}

fn evaluate(dir: &Path, options: &Value) -> Value {
    let plan = match std::fs::read_to_string(dir.join("plan.json")) {
        Ok(text) => Plan::from_json(&text).expect("a readable plan"),
        Err(_) => salesplan::example_plan(),
    };
    let csv = std::fs::read_to_string(dir.join("actuals.csv")).expect("actuals.csv");
    let actuals = plan
        .actuals_from_csv(&csv, LoadMode::Strict)
        .expect("clean actuals")
        .actuals;
    let as_of = options["as_of"]
        .as_str()
        .expect("as_of")
        .parse()
        .expect("an ISO date");
    let hierarchy = options["hierarchy"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let pipeline = match std::fs::read_to_string(dir.join("pipeline.json")) {
        Ok(text) => salesplan::evaluate::deals_from_json(&text).expect("a readable pipeline"),
        Err(_) => Vec::new(),
    };
    let options = EvaluationOptions {
        hierarchy,
        pipeline,
        ..EvaluationOptions::as_of(as_of)
    };
    let evaluation = plan.evaluate(&actuals, &options).expect("an evaluation");
    serde_json::to_value(evaluation).expect("serialisable")
}

#[test]
fn every_evaluation_matches_its_expected_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/evaluations");
    let bless = std::env::var_os("SALESPLAN_BLESS").is_some();
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for options_path in files
            .iter()
            .filter(|f| f.to_string_lossy().ends_with(".options.json"))
        {
            let options: Value =
                serde_json::from_str(&std::fs::read_to_string(options_path).unwrap()).unwrap();
            let actual = normalise(&evaluate(dir, &options));
            let expected_path = PathBuf::from(
                options_path
                    .to_string_lossy()
                    .replace(".options.json", ".expected.json"),
            );
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            checked += 1;
            if actual != expected {
                if bless {
                    std::fs::write(&expected_path, &actual).unwrap();
                } else {
                    failures.push(expected_path.display().to_string());
                }
            }
        }
    }
    assert!(
        checked >= 2,
        "expected the mid-year and year-end evaluations"
    );
    assert!(
        failures.is_empty(),
        "differ: {failures:?} (SALESPLAN_BLESS=1 rewrites them)"
    );
}

#[test]
fn the_case_study_story_holds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/evaluations/case-study");
    let at = |date: &str| evaluate(&dir, &serde_json::json!({ "as_of": date }));
    let kpi = |e: &Value, id: &str| {
        e["kpis"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kpi"] == id)
            .unwrap()
            .clone()
    };
    let mid = at("2026-06-30");
    assert_eq!(
        kpi(&mid, "K-REV")["status"],
        "on_track",
        "revenue near pace"
    );
    assert_eq!(
        kpi(&mid, "K-CONV")["status"],
        "off_track",
        "conversion lags"
    );
    assert!(
        kpi(&mid, "K-REV-HIGH")["trend"]
            .as_str()
            .unwrap()
            .parse::<f64>()
            .unwrap()
            > 0.0
    );
    let end = at("2026-12-31");
    let revenue: f64 = kpi(&end, "K-REV")["actual"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        revenue >= 120_000_000.0,
        "the year reaches 1.2亿: {revenue}"
    );
}
