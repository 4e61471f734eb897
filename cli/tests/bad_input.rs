//! The bad-input suite (`tests/bad-input/`) through the `salesplan` binary:
//! every plan document, actuals file, pipeline and history file of the
//! suite that Rust runs is written to a file and given to the command that
//! reads it. Unreadable input exits with status 2 and prints the error's
//! code and path; a plan that reads but has errors exits with 1 and lists
//! them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn salesplan(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_salesplan"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn arg(text: &str) -> PathBuf {
    PathBuf::from(text)
}

/// The cases Rust runs, with their folders.
fn cases() -> Vec<(PathBuf, Value)> {
    let mut found: Vec<(PathBuf, Value)> = std::fs::read_dir(root().join("tests/bad-input"))
        .expect("tests/bad-input exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.join("case.json").is_file())
        .map(|dir| {
            let text = std::fs::read_to_string(dir.join("case.json")).expect("readable case");
            let case: Value = serde_json::from_str(&text).expect("a case is JSON");
            (dir, case)
        })
        .filter(|(_, case)| match case["languages"].as_array() {
            Some(languages) => languages.iter().any(|l| l == "rust"),
            None => true,
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// The case's input as a file: its own, or the inline input written out
/// (text as is, a value as JSON) with the extension given.
fn input_file(scratch: &Path, dir: &Path, case: &Value, extension: &str) -> PathBuf {
    if let Some(file) = case["input_file"].as_str() {
        return dir.join(file);
    }
    let text = match &case["input"] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let name = dir.file_name().expect("a case folder").to_string_lossy();
    let path = scratch.join(format!("{name}.{extension}"));
    std::fs::write(&path, text).expect("writable scratch file");
    path
}

fn plan_file(dir: &Path, case: &Value) -> PathBuf {
    match case["plan"].as_str() {
        Some(file) => dir.join(file),
        None => root().join("tests/cases/case-study/input.json"),
    }
}

/// A folder of its own for one test's files, removed by the test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("salesplan-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// What the binary printed on stderr must name the expected error: its code
/// in brackets and, where it has one, its path.
fn assert_reports(name: &str, out: &Output, error: &Value) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
    let code = error["code"].as_str().expect("a code");
    assert!(stderr.contains(&format!("[{code}] ")), "{name}: {stderr}");
    if let Some(path) = error["path"].as_str().filter(|p| !p.is_empty()) {
        assert!(stderr.contains(&format!("{path}: ")), "{name}: {stderr}");
    }
    if let Some(first) = error["problems"].as_array().and_then(|p| p.first()) {
        let row = format!("row {}", first["row"]);
        assert!(stderr.contains(&row), "{name}: {stderr}");
        let column = first["column"].as_str().unwrap_or_default();
        assert!(stderr.contains(column), "{name}: {stderr}");
    }
}

#[test]
fn unreadable_plans_exit_with_2_and_their_code_and_path() {
    let scratch = scratch("bad-plans");
    let mut ran = 0;
    for (dir, case) in cases().iter().filter(|(_, c)| c["entry"] == "plan") {
        let name = dir.display().to_string();
        let file = input_file(&scratch, dir, case, "json");
        let out = salesplan(&[&arg("check"), &arg("--format"), &arg("json"), &file]);
        let listed: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
        let listed = listed.as_array().expect("a list");
        let expected = &case["expected"];
        if let Some(error) = expected.get("error") {
            assert_eq!(out.status.code(), Some(2), "{name}");
            assert_eq!(listed.len(), 1, "{name}");
            assert_eq!(listed[0]["code"], error["code"], "{name}");
            assert_eq!(listed[0]["path"], error["path"], "{name}");
            // The human format says the same on stderr.
            let human = salesplan(&[&arg("check"), &file]);
            assert_reports(&name, &human, error);
        } else {
            let errors: Vec<Value> = (listed.iter())
                .filter(|d| d["severity"] == "error")
                .map(|d| serde_json::json!({ "code": d["code"], "path": d["path"] }))
                .collect();
            assert_eq!(&Value::from(errors), &expected["diagnostics"], "{name}");
            let status = if listed.iter().any(|d| d["severity"] == "error") {
                1
            } else {
                0
            };
            assert_eq!(out.status.code(), Some(status), "{name}");
        }
        ran += 1;
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(ran >= 30, "expected the suite's plan documents, ran {ran}");
}

#[test]
fn unreadable_actuals_exit_with_2_and_their_code_and_rows() {
    let scratch = scratch("bad-actuals");
    let mut ran = 0;
    let actuals = cases()
        .into_iter()
        .filter(|(_, c)| c["entry"] == "actuals_csv" || c["entry"] == "actuals_json");
    for (dir, case) in actuals {
        let name = dir.display().to_string();
        let extension = if case["entry"] == "actuals_json" {
            "json"
        } else {
            "csv"
        };
        let file = input_file(&scratch, &dir, &case, extension);
        let plan = plan_file(&dir, &case);
        let mut args = vec![
            arg("evaluate"),
            plan,
            file,
            arg("--as-of"),
            arg("2026-06-30"),
        ];
        if case["lenient"] == true {
            args.push(arg("--lenient"));
        }
        let refs: Vec<&Path> = args.iter().map(PathBuf::as_path).collect();
        let out = salesplan(&refs);
        let expected = &case["expected"];
        if let Some(error) = expected.get("error") {
            assert_reports(&name, &out, error);
        } else {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
            for p in expected["loaded"]["problems"].as_array().expect("problems") {
                let skipped = format!(
                    "skipped row {} ({})",
                    p["row"],
                    p["column"].as_str().unwrap_or("")
                );
                assert!(stderr.contains(&skipped), "{name}: {stderr}");
            }
        }
        ran += 1;
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(ran >= 20, "expected the suite's actuals files, ran {ran}");
}

#[test]
fn unreadable_pipelines_and_histories_exit_with_2_and_their_code_and_path() {
    let scratch = scratch("bad-deals");
    let plan = root().join("tests/cases/case-study/input.json");
    let actuals = root().join("tests/evaluations/case-study/actuals.csv");
    let mut ran = 0;
    for (dir, case) in cases() {
        let name = dir.display().to_string();
        let Some(error) = case["expected"].get("error") else {
            continue;
        };
        let file = input_file(&scratch, &dir, &case, "json");
        let out = match case["entry"].as_str() {
            Some("pipeline") => salesplan(&[
                &arg("evaluate"),
                &plan,
                &actuals,
                &arg("--as-of"),
                &arg("2026-06-30"),
                &arg("--pipeline"),
                &file,
            ]),
            Some("history") => salesplan(&[
                &arg("propose"),
                &plan,
                &actuals,
                &arg("--as-of"),
                &arg("2026-06-30"),
                &arg("--history"),
                &file,
            ]),
            _ => continue,
        };
        assert_reports(&name, &out, error);
        ran += 1;
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(
        ran >= 10,
        "expected the suite's pipelines and histories, ran {ran}"
    );
}
