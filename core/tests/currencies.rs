//! Currency and split-credit conformance (`tests/currencies/*`,
//! `tests/credit/*`): actuals read for the embedded case study with the
//! rate table and the options of `input.json`, and the rows, bad rows and
//! revenue by node expected in `expected.json`. pytest and node run the
//! same files. `SALESPLAN_BLESS=1` rewrites the expected files.

use std::path::Path;

use salesplan::actuals::{LoadMode, LoadOptions, LoadReport, Rates};
use salesplan::evaluate::EvaluationOptions;
use salesplan::Error;
use serde_json::{json, Map, Value};

fn normalise(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("a JSON value always serialises");
    s.push('\n');
    s
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("a case file")
}

fn error(e: &Error) -> Value {
    let mut out = json!({"code": e.code(), "path": e.path(), "message": e.to_string()});
    if let Error::Actuals { problems } = e {
        out["problems"] = json!(problems);
    }
    json!({ "error": out })
}

fn rows(report: &LoadReport) -> Value {
    let rows: Vec<Value> = report
        .actuals
        .iter()
        .map(|o| {
            let tags: Map<String, Value> = o
                .tags
                .iter()
                .map(|(k, v)| ((*k).to_owned(), json!(v)))
                .collect();
            json!({"date": o.date.to_string(), "measure": o.measure, "value": o.value.to_string(), "tags": tags})
        })
        .collect();
    json!(rows)
}

/// The case's result, and the company's revenue when it was evaluated.
fn run(dir: &Path) -> (Value, Option<String>) {
    let plan = salesplan::example_plan();
    let input: Value = serde_json::from_str(&read(dir, "input.json")).expect("input.json");
    let rates = match input["rates"].as_str() {
        None => None,
        Some(name) if name.ends_with(".json") => Some(Rates::from_json(&read(dir, name))),
        Some(name) => Some(Rates::from_csv(&read(dir, name))),
    };
    let rates = match rates.transpose() {
        Ok(r) => r,
        Err(e) => return (error(&e), None),
    };
    let mode = if input["lenient"] == json!(true) {
        LoadMode::Lenient
    } else {
        LoadMode::Strict
    };
    let options = LoadOptions {
        mode,
        rates: rates.as_ref(),
    };
    let name = input["actuals"].as_str().expect("actuals");
    let text = read(dir, name);
    let loaded = if name.ends_with(".json") {
        plan.actuals_from_json_with(&text, &options)
    } else {
        plan.actuals_from_csv_with(&text, &options)
    };
    let report = match loaded {
        Ok(r) => r,
        Err(e) => return (error(&e), None),
    };
    let mut out = json!({"rows": rows(&report), "problems": report.problems});
    let mut company = None;
    if let Some(evaluate) = input.get("evaluate") {
        let mut options = EvaluationOptions::as_of(
            evaluate["as_of"]
                .as_str()
                .expect("as_of")
                .parse()
                .expect("a date"),
        );
        options.hierarchy =
            serde_json::from_value(evaluate["hierarchy"].clone()).expect("hierarchy");
        let evaluation = plan.evaluate(&report.actuals, &options).expect("evaluated");
        let revenue: Vec<Value> = evaluation
            .kpis
            .iter()
            .filter(|k| k.kpi == "K-REV")
            .map(|k| json!({"node": k.node, "actual": k.actual.map(|a| a.to_string())}))
            .collect();
        company = evaluation
            .kpi("K-REV")
            .and_then(|k| k.actual)
            .map(|a| a.to_string());
        out["revenue"] = json!(revenue);
    }
    (out, company)
}

#[test]
fn every_case_matches_its_expected_output() {
    let bless = std::env::var_os("SALESPLAN_BLESS").is_some();
    let mut cases = 0;
    for family in ["currencies", "credit"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests")
            .join(family);
        let mut dirs: Vec<_> = std::fs::read_dir(&root)
            .expect("the family's folder")
            .map(|e| e.expect("an entry").path())
            .collect();
        dirs.sort();
        for dir in dirs {
            let (got, company) = run(&dir);
            let input: Value = serde_json::from_str(&read(&dir, "input.json")).expect("input.json");
            if let Some(total) = input["company_total"].as_str() {
                assert_eq!(company.as_deref(), Some(total), "{}", dir.display());
            }
            let got = normalise(&got);
            let expected_path = dir.join("expected.json");
            if bless {
                std::fs::write(&expected_path, &got).expect("written");
            }
            let expected = std::fs::read_to_string(&expected_path).expect("expected.json");
            assert_eq!(got, expected, "{}", dir.display());
            cases += 1;
        }
    }
    assert!(cases >= 10, "{cases} cases");
}
