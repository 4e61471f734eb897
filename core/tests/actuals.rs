//! Actuals conformance (`tests/actuals/*`): `actuals.csv` read for the
//! embedded case study with the options of `input.json` (`{"lenient"}`),
//! and the rows, bad rows and warnings expected in `expected.json`. pytest
//! and node run the same files. `SALESPLAN_BLESS=1` rewrites the expected
//! files.

use std::path::Path;

use salesplan::actuals::LoadMode;
use serde_json::{json, Value};

fn normalise(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("a JSON value always serialises");
    s.push('\n');
    s
}

fn load(dir: &Path) -> Value {
    let plan = salesplan::example_plan();
    let input: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("input.json")).expect("input"))
            .expect("JSON");
    let mode = if input["lenient"] == json!(true) {
        LoadMode::Lenient
    } else {
        LoadMode::Strict
    };
    let csv = std::fs::read_to_string(dir.join("actuals.csv")).expect("actuals.csv");
    match plan.actuals_from_csv(&csv, mode) {
        Ok(report) => json!({
            "rows": report.actuals.len(),
            "problems": report.problems,
            "warnings": report.warnings(&plan),
        }),
        Err(e) => json!({"error": {"code": e.code(), "message": e.to_string()}}),
    }
}

#[test]
fn every_load_matches_its_expected_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/actuals");
    let bless = std::env::var_os("SALESPLAN_BLESS").is_some();
    let mut cases = 0;
    for entry in std::fs::read_dir(&root).expect("tests/actuals") {
        let dir = entry.expect("an entry").path();
        let got = normalise(&load(&dir));
        let expected_path = dir.join("expected.json");
        if bless {
            std::fs::write(&expected_path, &got).expect("written");
        }
        let expected = std::fs::read_to_string(&expected_path).expect("expected.json");
        assert_eq!(got, expected, "{}", dir.display());
        cases += 1;
    }
    assert!(cases > 0);
}
