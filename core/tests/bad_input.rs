//! The bad-input suite (`tests/bad-input/*/case.json`, format in
//! `tests/README.md`): input that cannot be read, given to every entry point
//! of the library, must give a typed error with the expected code and path
//! (for actuals, the expected bad rows), never a panic. pytest and node run
//! the same cases.
//!
//! `SALESPLAN_BLESS=1` rewrites each case's `expected` member from the
//! current output.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use salesplan::actuals::{
    Actuals, Columns, LoadMode, LoadReport, RowProblem, TextColumn, ValueColumn,
};
use salesplan::adjust::{patch::patch_from_value, Change, History};
use salesplan::evaluate::{deals_from_json, EvaluationOptions};
use salesplan::risk::SimulationOptions;
use salesplan::{Error, Plan, Severity};
use serde_json::{json, Value};

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-input")
}

/// The normal form every case file is stored in: sorted keys, two-space
/// indentation, non-ASCII as is, a final newline.
fn normalise(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("a JSON value always serialises");
    s.push('\n');
    s
}

/// A case's input as text: `input_file` read as is, an `input` string as
/// is, any other `input` written as JSON.
fn input_text(dir: &Path, case: &Value) -> String {
    if let Some(file) = case["input_file"].as_str() {
        return std::fs::read_to_string(dir.join(file)).expect("readable input file");
    }
    match &case["input"] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn plan_of(dir: &Path, case: &Value) -> Plan {
    match case["plan"].as_str() {
        Some(file) => {
            Plan::from_json(&std::fs::read_to_string(dir.join(file)).expect("readable plan"))
                .expect("a case's plan reads")
        }
        None => salesplan::example_plan(),
    }
}

fn mode(case: &Value) -> LoadMode {
    if case["lenient"].as_bool() == Some(true) {
        LoadMode::Lenient
    } else {
        LoadMode::Strict
    }
}

fn rows(problems: &[RowProblem]) -> Value {
    problems
        .iter()
        .map(|p| json!({ "row": p.row, "column": p.column }))
        .collect()
}

/// What every binding reports for an error: code and path, the bad rows of
/// actuals, the errors of a rejected change.
fn error(e: &Error) -> Value {
    let mut out = json!({ "code": e.code(), "path": e.path() });
    match e {
        Error::Actuals { problems } => out["problems"] = rows(problems),
        Error::Rejected { diagnostics } => {
            out["diagnostics"] = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| json!({ "code": d.code, "path": d.path }))
                .collect();
        }
        _ => {}
    }
    json!({ "error": out })
}

fn loaded(report: LoadReport) -> Value {
    json!({ "loaded": { "rows": report.actuals.len(), "problems": rows(&report.problems) } })
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a case's date is a date")
}

/// A dictionary-encoded text column: a code per row, and the distinct
/// values.
type Encoded = (Vec<Option<u32>>, Vec<String>);

/// A text column from strings and nulls, dictionary-encoded.
fn text_column(values: &Value) -> Encoded {
    let mut dictionary: Vec<String> = Vec::new();
    let codes = values
        .as_array()
        .expect("a column is an array")
        .iter()
        .map(|v| {
            let s = v.as_str()?;
            let i = dictionary.iter().position(|d| d == s).unwrap_or_else(|| {
                dictionary.push(s.to_owned());
                dictionary.len() - 1
            });
            Some(u32::try_from(i).expect("a small dictionary"))
        })
        .collect();
    (codes, dictionary)
}

fn columns_outcome(plan: &Plan, case: &Value) -> salesplan::Result<LoadReport> {
    let spec = &case["columns"];
    let days: Vec<Option<i32>> = (spec["date"].as_array().expect("a date column"))
        .iter()
        .map(|d| {
            let date = day(d.as_str()?);
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
            i32::try_from((date - epoch).num_days()).ok()
        })
        .collect();
    let (measure_codes, measure_values) = text_column(&spec["measure"]);
    let measure_refs: Vec<&str> = measure_values.iter().map(String::as_str).collect();
    let value = &spec["value"];
    let entries = |key: &str| value[key].as_array().cloned().unwrap_or_default();
    let floats: Vec<Option<f64>> = entries("floats").iter().map(Value::as_f64).collect();
    let decimals: Vec<Option<Decimal>> = (entries("decimals").iter())
        .map(|v| v.as_str().map(|s| s.parse().expect("a decimal")))
        .collect();
    let units: Vec<Option<i128>> = (entries("units").iter())
        .map(|v| v.as_str().map(|s| s.parse().expect("an integer")))
        .collect();
    let values = if value.get("floats").is_some() {
        ValueColumn::Float(&floats)
    } else if value.get("decimals").is_some() {
        ValueColumn::Decimal(&decimals)
    } else {
        let scale = value["scale"].as_u64().expect("units have a scale");
        ValueColumn::Minor {
            units: &units,
            scale: u32::try_from(scale).expect("a small scale"),
        }
    };
    let tags: Vec<(String, Encoded)> = spec["tags"]
        .as_object()
        .map(|t| {
            t.iter()
                .map(|(name, column)| (name.clone(), text_column(column)))
                .collect()
        })
        .unwrap_or_default();
    let tag_refs: Vec<Vec<&str>> = (tags.iter())
        .map(|(_, (_, values))| values.iter().map(String::as_str).collect())
        .collect();
    let columns = Columns {
        days: &days,
        measures: TextColumn {
            codes: &measure_codes,
            values: &measure_refs,
        },
        values,
        tags: (tags.iter().zip(&tag_refs))
            .map(|((name, (codes, _)), values)| (name.as_str(), TextColumn { codes, values }))
            .collect(),
    };
    Actuals::from_columns(&columns, &|m| plan.knows_measure(m), mode(case))
}

fn change(case: &Value) -> Change {
    let given = &case["change"];
    let field = |name: &str, default: &str| given[name].as_str().unwrap_or(default).to_owned();
    Change {
        author: field("author", "Li Wei"),
        at: field("at", "2026-07-03T09:00:00+08:00"),
        reason: field("reason", "a test of bad input"),
    }
}

/// Runs one case through the core.
fn outcome(dir: &Path, case: &Value) -> Value {
    let entry = case["entry"]
        .as_str()
        .expect("a case names its entry point");
    let result: salesplan::Result<Value> = (|| match entry {
        "plan" => {
            let plan = Plan::from_json(&input_text(dir, case))?;
            let errors: Vec<Value> = (plan.validate().iter())
                .filter(|d| d.severity == Severity::Error)
                .map(|d| json!({ "code": d.code, "path": d.path }))
                .collect();
            Ok(json!({ "diagnostics": errors }))
        }
        "actuals_csv" => {
            let plan = plan_of(dir, case);
            Ok(loaded(
                plan.actuals_from_csv(&input_text(dir, case), mode(case))?,
            ))
        }
        "actuals_json" | "actuals_records" => {
            let plan = plan_of(dir, case);
            Ok(loaded(
                plan.actuals_from_json(&input_text(dir, case), mode(case))?,
            ))
        }
        "actuals_columns" => Ok(loaded(columns_outcome(&plan_of(dir, case), case)?)),
        "pipeline" => {
            deals_from_json(&input_text(dir, case))?;
            Ok(json!({ "ok": true }))
        }
        "rules" => {
            let plan = plan_of(dir, case);
            let as_of = day(case["as_of"].as_str().unwrap_or("2026-06-30"));
            let evaluation = plan.evaluate(&Actuals::new(), &EvaluationOptions::as_of(as_of))?;
            plan.propose(&evaluation, &[])?;
            Ok(json!({ "ok": true }))
        }
        "patch" => {
            let plan = plan_of(dir, case);
            let patch = patch_from_value(&case["input"])?;
            plan.edit(&patch, &change(case))?;
            Ok(json!({ "ok": true }))
        }
        "history" => {
            History::from_json(&input_text(dir, case))?;
            Ok(json!({ "ok": true }))
        }
        "evaluate" => {
            let plan = plan_of(dir, case);
            let given = &case["input"];
            let mut options =
                EvaluationOptions::as_of(day(given["as_of"].as_str().expect("as_of")));
            if let Some(h) = given["hierarchy"].as_array() {
                options.hierarchy = h
                    .iter()
                    .map(|n| n.as_str().unwrap_or("").to_owned())
                    .collect();
            }
            if let Some(n) = given["trend_periods"].as_u64() {
                options.trend_periods = usize::try_from(n).expect("a small number");
            }
            let actuals = match case["actuals"].as_str() {
                Some(file) => {
                    let text = std::fs::read_to_string(dir.join(file)).expect("readable actuals");
                    plan.actuals_from_csv(&text, LoadMode::Strict)?.actuals
                }
                None => Actuals::new(),
            };
            plan.evaluate(&actuals, &options)?;
            Ok(json!({ "ok": true }))
        }
        "simulate" => {
            let plan = plan_of(dir, case);
            let deals = match &case["pipeline"] {
                Value::Null => Vec::new(),
                deals => deals_from_json(&deals.to_string())?,
            };
            let options = SimulationOptions::from_value(&case["input"])?;
            plan.simulate(&Actuals::new(), &deals, &options)?;
            Ok(json!({ "ok": true }))
        }
        other => panic!("unknown entry point {other:?}"),
    })();
    result.unwrap_or_else(|e| error(&e))
}

fn runs_in_rust(case: &Value) -> bool {
    match case["languages"].as_array() {
        Some(languages) => languages.iter().any(|l| l == "rust"),
        None => true,
    }
}

fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(suite_dir())
        .expect("tests/bad-input exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.join("case.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_case_gives_its_expected_error() {
    let bless = std::env::var_os("SALESPLAN_BLESS").is_some();
    let dirs = case_dirs();
    assert!(
        dirs.len() >= 60,
        "expected at least 60 cases, found {}",
        dirs.len()
    );
    let mut failures = Vec::new();
    for dir in &dirs {
        let file = dir.join("case.json");
        let text = std::fs::read_to_string(&file).expect("readable case");
        let mut case: Value = serde_json::from_str(&text).expect("a case is JSON");
        if !runs_in_rust(&case) {
            continue;
        }
        let actual = outcome(dir, &case);
        if actual != case["expected"] {
            if bless {
                case["expected"] = actual;
                std::fs::write(&file, normalise(&case)).expect("writable case");
            } else {
                failures.push(format!(
                    "{}:\n  expected {}\n  actual   {actual}",
                    dir.display(),
                    case["expected"]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ (SALESPLAN_BLESS=1 rewrites them):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_case_is_stored_in_normal_form_and_says_what_it_tests() {
    let known = ["rust", "python", "js"];
    for dir in case_dirs() {
        let text = std::fs::read_to_string(dir.join("case.json")).unwrap();
        let case: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            text,
            normalise(&case),
            "{} is not in normal form",
            dir.display()
        );
        assert!(
            case["description"].is_string(),
            "{} has no description",
            dir.display()
        );
        assert!(
            case["expected"].is_object(),
            "{} has no expected outcome",
            dir.display()
        );
        if let Some(languages) = case["languages"].as_array() {
            assert!(!languages.is_empty(), "{}", dir.display());
            assert!(
                languages.iter().all(|l| known.iter().any(|k| l == k)),
                "{}: languages are {known:?}",
                dir.display()
            );
        }
    }
}
