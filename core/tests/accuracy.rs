//! Accuracy conformance (`tests/accuracy/*/input.json`): a history of
//! snapshots scored against the case study's actuals evaluated as of the
//! close, compared as normalised JSON with `expected.json`. pytest and
//! node run the same files. `SALESPLAN_BLESS=1` rewrites the expected
//! files; it also rewrites `schema/history.schema.json`.

mod common;

use std::path::Path;

use salesplan::accuracy::{History, Method};
use salesplan::evaluate::EvaluationOptions;
use serde_json::{json, Value};

/// What every binding must produce for one case.
fn run(dir: &Path, input: &Value) -> Value {
    let plan = common::plan(dir);
    let actuals = common::actuals(&plan, dir, input);
    let text = std::fs::read_to_string(dir.join(input["history"].as_str().unwrap())).unwrap();
    let options = EvaluationOptions {
        hierarchy: serde_json::from_value(input["hierarchy"].clone()).unwrap(),
        ..EvaluationOptions::as_of(input["close"].as_str().unwrap().parse().unwrap())
    };
    let closing = plan
        .evaluate(&actuals, &options)
        .expect("the closing evaluation");
    let result = History::from_text(&text).and_then(|h| plan.accuracy(&h, &closing));
    let path = result.as_ref().err().map(|e| e.path().map(str::to_owned));
    let mut out = common::outcome(result.map(|a| serde_json::to_value(a).unwrap()));
    if let Some(path) = path {
        out["error"]["path"] = json!(path);
    }
    out
}

#[test]
fn every_accuracy_case_matches_its_expected_output() {
    common::check_cases("accuracy", 6, run);
}

#[test]
fn the_case_study_story_holds() {
    // Run rate under-forecast the year at every snapshot (the second half
    // is stronger than the first), less and less as the year went on.
    let result = &common::expected("accuracy", "case-study")["result"];
    let revenue = &result["series"][0];
    assert_eq!(
        (revenue["kpi"].as_str(), revenue["node"].as_str()),
        (Some("K-REV"), Some(""))
    );
    let run = &revenue["methods"][0];
    assert_eq!(run["method"], "run_rate");
    let errors: Vec<f64> = run["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["error"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(errors.iter().all(|e| *e < 0.0) && errors.windows(2).all(|w| w[0] < w[1]));
    // The simulated history carries coverage.
    let simulated = &common::expected("accuracy", "simulated")["result"];
    assert!(simulated["series"][0]["coverage"]["count"] == 3);
}

#[test]
fn facts_read_the_run_rate_summary() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/accuracy/simulated");
    let input: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("input.json")).unwrap()).unwrap();
    let result = run(&dir, &input);
    let plan = salesplan::example_plan();
    let history =
        History::from_text(&std::fs::read_to_string(dir.join("history.json")).unwrap()).unwrap();
    let actuals = common::actuals(&plan, &dir, &input);
    let closing = plan
        .evaluate(
            &actuals,
            &EvaluationOptions::as_of("2026-12-31".parse().unwrap()),
        )
        .unwrap();
    let accuracy = plan.accuracy(&history, &closing).unwrap();
    let series = accuracy.series("K-REV", "").unwrap();
    let bias = series.method(Method::RunRate).unwrap().summary.bias;
    assert_eq!(accuracy.fact("K-REV", "", "bias"), bias);
    assert_eq!(
        accuracy
            .fact("K-REV", "", "coverage")
            .map(|c| c.to_string()),
        result["result"]["series"][0]["coverage"]["share"]
            .as_str()
            .map(str::to_owned)
    );
}

const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/history.schema.json");

#[test]
fn committed_history_schema_is_current() {
    let generated = salesplan::accuracy::history_schema_json();
    let committed = std::fs::read_to_string(SCHEMA).unwrap_or_default();
    if std::env::var_os("SALESPLAN_BLESS").is_some() && committed != generated {
        std::fs::write(SCHEMA, &generated).unwrap();
        return;
    }
    assert!(
        committed == generated,
        "schema/history.schema.json is stale; run `SALESPLAN_BLESS=1 cargo test -p salesplan --test accuracy`"
    );
}
