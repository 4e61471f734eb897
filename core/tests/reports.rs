//! Plan-review conformance (`tests/reports/*`, format in tests/README.md):
//! the case study's review as of a day, in a language and a format, against
//! `expected.html` or `expected.md` byte for byte, with the version in the
//! footer written as `VERSION`. pytest and node run the same files.
//! `SALESPLAN_BLESS=1` rewrites the expected files.

use std::path::{Path, PathBuf};

use salesplan::actuals::LoadMode;
use salesplan::evaluate::EvaluationOptions;
use salesplan::report::{ReportOptions, ReviewOptions};
use salesplan::risk::SimulationOptions;
use serde_json::Value;

fn review(dir: &Path, input: &Value) -> String {
    let plan = salesplan::example_plan();
    let read = |key: &str| std::fs::read_to_string(dir.join(input[key].as_str().unwrap())).unwrap();
    let actuals = plan
        .actuals_from_csv(&read("actuals"), LoadMode::Strict)
        .unwrap()
        .actuals;
    let as_of = input["as_of"].as_str().unwrap().parse().unwrap();
    let mut simulation = input["simulation"].clone();
    simulation["as_of"] = input["as_of"].clone();
    let options = ReviewOptions {
        evaluation: EvaluationOptions {
            hierarchy: serde_json::from_value(input["hierarchy"].clone()).unwrap(),
            pipeline: salesplan::evaluate::deals_from_json(&read("pipeline")).unwrap(),
            ..EvaluationOptions::as_of(as_of)
        },
        simulation: Some(SimulationOptions::from_value(&simulation).unwrap()),
        report: ReportOptions {
            lang: input["lang"].as_str().unwrap().parse().unwrap(),
            format: input["format"].as_str().unwrap().parse().unwrap(),
        },
    };
    let text = plan.review(&actuals, &options).unwrap();
    text.replace(
        &format!("salesplan {}", salesplan::VERSION),
        "salesplan VERSION",
    )
}

#[test]
fn every_review_matches_its_expected_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/reports");
    let bless = std::env::var_os("SALESPLAN_BLESS").is_some();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 4,
        "expected the review cases in {}",
        root.display()
    );
    let mut failures = Vec::new();
    for dir in &dirs {
        let input: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("input.json")).unwrap())
                .unwrap();
        let text = review(dir, &input);
        let expected = dir.join(format!("expected.{}", input["format"].as_str().unwrap()));
        if bless {
            std::fs::write(&expected, &text).unwrap();
        } else if std::fs::read_to_string(&expected).ok().as_deref() != Some(text.as_str()) {
            failures.push(dir.display().to_string());
        }
    }
    assert!(
        failures.is_empty(),
        "differ from their expected text: {failures:?}"
    );
}
