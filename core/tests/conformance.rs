//! The language-neutral conformance suite (`tests/cases/*`): read each
//! case's input, validate it, and compare the normalised JSON with the
//! expected file byte for byte. pytest and node run the same cases.
//!
//! `SALESPLAN_BLESS=1` rewrites expected files from the current output.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/cases")
}

/// What every binding must produce for one input.
fn outcome(input: &str) -> Value {
    match salesplan::Plan::from_json(input) {
        Ok(plan) => json!({ "diagnostics": plan.validate() }),
        Err(e) => {
            json!({ "error": { "code": e.code(), "path": e.path(), "message": e.to_string() } })
        }
    }
}

/// Sorted keys (serde_json's map is ordered), two-space indentation,
/// non-ASCII as is, final newline.
fn normalise(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("a JSON value always serialises");
    s.push('\n');
    s
}

#[test]
fn every_case_matches_its_expected_output() {
    let bless = std::env::var_os("SALESPLAN_BLESS").is_some();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/cases exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.join("input.json").is_file())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 13,
        "expected the case study and at least twelve broken plans, found {}",
        dirs.len()
    );
    let mut failures = Vec::new();
    for dir in &dirs {
        let input = std::fs::read_to_string(dir.join("input.json")).expect("readable input");
        let actual = normalise(&outcome(&input));
        let expected_path = dir.join("expected.json");
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            if bless {
                std::fs::write(&expected_path, &actual).expect("writable expected file");
            } else {
                failures.push(format!(
                    "{}:\n--- expected\n{expected}\n--- actual\n{actual}",
                    dir.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_case_study_case_is_the_embedded_example() {
    let input = std::fs::read_to_string(cases_dir().join("case-study/input.json")).unwrap();
    assert_eq!(input, salesplan::EXAMPLE_PLAN_JSON);
}

#[test]
fn every_broken_case_reports_something() {
    for entry in std::fs::read_dir(cases_dir()).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(input) = std::fs::read_to_string(dir.join("input.json")) else {
            continue;
        };
        let out = outcome(&input);
        let quiet = out["diagnostics"].as_array().is_some_and(|d| d.is_empty());
        assert_eq!(
            quiet,
            name == "case-study" || name.starts_with("clean-"),
            "case {name}"
        );
    }
}
