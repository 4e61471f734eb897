//! What the conformance suites share: every `tests/<suite>/<case>/input.json`
//! is run and its normalised JSON compared with `expected.json`.

use std::path::{Path, PathBuf};

use salesplan::actuals::{Actuals, LoadMode};
use salesplan::Plan;
use serde_json::{json, Value};

/// Runs every case of a suite through `run` and compares the result, as
/// normalised JSON (two-space indentation, sorted keys, a final newline),
/// with the case's `expected.json`. `SALESPLAN_BLESS=1` rewrites the
/// expected files instead of failing.
pub fn check_cases(suite: &str, at_least: usize, run: impl Fn(&Path, &Value) -> Value) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests")
        .join(suite);
    let bless = std::env::var_os("SALESPLAN_BLESS").is_some();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|d| d.join("input.json").is_file())
        .collect();
    dirs.sort();
    let mut failures = Vec::new();
    for dir in &dirs {
        let input: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("input.json")).unwrap())
                .unwrap();
        let mut actual = serde_json::to_string_pretty(&run(dir, &input)).unwrap();
        actual.push('\n');
        let expected_path = dir.join("expected.json");
        if std::fs::read_to_string(&expected_path).unwrap_or_default() != actual {
            if bless {
                std::fs::write(&expected_path, &actual).unwrap();
            } else {
                failures.push(expected_path.display().to_string());
            }
        }
    }
    assert!(
        dirs.len() >= at_least,
        "expected at least {at_least} cases in tests/{suite}, found {}",
        dirs.len()
    );
    assert!(
        failures.is_empty(),
        "differ: {failures:?} (SALESPLAN_BLESS=1 rewrites them)"
    );
}

/// A case's expected JSON.
#[allow(dead_code)] // not every suite reads one back
pub fn expected(suite: &str, case: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests")
        .join(suite)
        .join(case)
        .join("expected.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A case's plan: its `plan.json`, or the embedded case study.
#[allow(dead_code)] // not every suite reads plans
pub fn plan(dir: &Path) -> Plan {
    match std::fs::read_to_string(dir.join("plan.json")) {
        Ok(text) => Plan::from_json(&text).expect("a readable plan"),
        Err(_) => salesplan::example_plan(),
    }
}

/// The actuals a case names (`"actuals"`: a CSV path relative to the
/// case), or none.
#[allow(dead_code)] // not every suite reads actuals
pub fn actuals(plan: &Plan, dir: &Path, input: &Value) -> Actuals {
    match input["actuals"].as_str() {
        Some(path) => {
            let csv = std::fs::read_to_string(dir.join(path)).expect("the actuals file");
            plan.actuals_from_csv(&csv, LoadMode::Strict)
                .expect("clean actuals")
                .actuals
        }
        None => Actuals::new(),
    }
}

/// `{"result": ...}` or `{"error": {"code", "message"}}`.
#[allow(dead_code)] // not every suite reports outcomes
pub fn outcome(result: salesplan::Result<Value>) -> Value {
    match result {
        Ok(v) => json!({ "result": v }),
        Err(e) => json!({ "error": { "code": e.code(), "message": e.to_string() } }),
    }
}
