//! Partial-evaluation conformance (`tests/partials/*`, format in
//! tests/README.md): actuals cut into batches of CSV rows, each folded, the
//! partials merged in a stated order through their bytes, and the merge
//! evaluated. `expected.json` holds the rows, nodes and encoded size of
//! the merge and the evaluation; where the case names the single-process
//! evaluation (`whole`), the evaluation must equal it too. pytest and node
//! run the same files. `SALESPLAN_BLESS=1` rewrites the expected files.

use std::path::{Path, PathBuf};

use salesplan::actuals::LoadMode;
use salesplan::evaluate::{EvaluationOptions, Partial};
use serde_json::{json, Value};

fn normalise(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("a JSON value always serialises");
    s.push('\n');
    s
}

fn read(dir: &Path, name: &Value) -> Option<String> {
    let name = name.as_str()?;
    Some(std::fs::read_to_string(dir.join(name)).expect("a file the case names"))
}

fn run(dir: &Path, input: &Value) -> Value {
    let plan = salesplan::example_plan();
    let csv = read(dir, &input["actuals"]).expect("actuals");
    let mut lines = csv.lines();
    let header = lines.next().expect("a header");
    let body: Vec<&str> = lines.collect();
    let as_of = input["as_of"]
        .as_str()
        .expect("as_of")
        .parse()
        .expect("a date");
    let hierarchy: Vec<String> = serde_json::from_value(input["hierarchy"].clone()).expect("tags");
    let pipeline = read(dir, &input["pipeline"])
        .map(|text| salesplan::evaluate::deals_from_json(&text).expect("a pipeline"))
        .unwrap_or_default();
    let options = EvaluationOptions {
        hierarchy,
        pipeline,
        ..EvaluationOptions::as_of(as_of)
    };
    let sizes: Vec<usize> = serde_json::from_value(input["batches"].clone()).expect("sizes");
    assert_eq!(
        sizes.iter().sum::<usize>(),
        body.len(),
        "the batches cover every row"
    );
    let mut start = 0;
    let mut parts = Vec::new();
    for (i, size) in sizes.iter().enumerate() {
        let rows = &body[start..start + size];
        start += size;
        let text = std::iter::once(header)
            .chain(rows.iter().copied())
            .collect::<Vec<_>>()
            .join("\n");
        let actuals = plan
            .actuals_from_csv(&text, LoadMode::Strict)
            .expect("clean actuals")
            .actuals;
        parts.push(plan.fold(&actuals, &options, i as u64).expect("a fold"));
    }
    let order: Vec<usize> = serde_json::from_value(input["merge"].clone()).expect("an order");
    let mut merged = plan.empty_partial(&options).expect("an empty partial");
    for i in order {
        let sent = Partial::from_bytes(&parts[i].to_bytes()).expect("its own bytes");
        merged.merge(&sent).expect("a merge");
    }
    let whole = plan
        .actuals_from_csv(&csv, LoadMode::Strict)
        .expect("clean actuals")
        .actuals;
    let whole = plan.evaluate(&whole, &options).expect("an evaluation");
    let bytes = merged.to_bytes();
    let merged = Partial::from_bytes(&bytes).expect("its own bytes");
    let evaluation = plan
        .evaluate_partial(&merged, &options)
        .expect("an evaluation");
    assert_eq!(
        evaluation, whole,
        "the merge evaluates otherwise than the whole"
    );
    json!({
        "rows": merged.rows(),
        "nodes": merged.nodes(),
        "bytes": bytes.len(),
        "evaluation": evaluation,
    })
}

#[test]
fn every_partial_case_matches_its_expected_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/partials");
    let bless = std::env::var_os("SALESPLAN_BLESS").is_some();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/partials")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= 3,
        "expected the partial cases in {}",
        root.display()
    );
    let mut failures = Vec::new();
    for dir in &dirs {
        let input: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("input.json")).unwrap())
                .expect("input.json");
        let actual = run(dir, &input);
        if let Some(whole) = read(dir, &input["whole"]) {
            let whole: Value = serde_json::from_str(&whole).expect("the whole's evaluation");
            assert_eq!(
                normalise(&actual["evaluation"]),
                normalise(&whole),
                "{}: the merged partials evaluate otherwise than the whole",
                dir.display()
            );
        }
        let text = normalise(&actual);
        let expected_path = dir.join("expected.json");
        if bless {
            std::fs::write(&expected_path, &text).unwrap();
        } else if std::fs::read_to_string(&expected_path).ok().as_deref() != Some(text.as_str()) {
            failures.push(dir.display().to_string());
        }
    }
    assert!(
        failures.is_empty(),
        "differ from expected.json: {failures:?}"
    );
}
