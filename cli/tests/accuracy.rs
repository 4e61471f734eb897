//! `salesplan snapshot` and `salesplan accuracy` end to end: snapshots
//! appended to a JSON Lines file score as the conformance case expects,
//! and a bad history exits with status 2 and its code and path.

use std::process::{Command, Output};

fn salesplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_salesplan"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn repo(path: &str) -> String {
    format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn snapshots_written_by_the_cli_score_like_the_conformance_case() {
    let plan = repo("core/examples/case-study.json");
    let actuals = repo("tests/evaluations/case-study/actuals.csv");
    let pipeline = repo("tests/evaluations/case-study/pipeline.json");
    let mut lines = String::new();
    for day in ["2026-03-31", "2026-06-30", "2026-09-30"] {
        let args = [
            "snapshot",
            &plan,
            &actuals,
            "--as-of",
            day,
            "--hierarchy",
            "region",
            "--pipeline",
            &pipeline,
        ];
        let out = salesplan(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = String::from_utf8(out.stdout).unwrap();
        assert_eq!(line.matches('\n').count(), 1, "one line a snapshot");
        lines.push_str(&line);
    }
    let committed =
        std::fs::read_to_string(repo("tests/accuracy/case-study/history.jsonl")).unwrap();
    assert_eq!(lines, committed);
    let dir = std::env::temp_dir().join(format!("salesplan-accuracy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let history = dir.join("history.jsonl");
    std::fs::write(&history, &lines).unwrap();
    // The hierarchy comes from the snapshots, the close from the plan.
    let out = salesplan(&[
        "accuracy",
        history.to_str().unwrap(),
        &actuals,
        "--plan",
        &plan,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo("tests/accuracy/case-study/expected.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(printed, expected["result"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_bad_history_exits_2_with_its_code_and_path() {
    let actuals = repo("tests/evaluations/case-study/actuals.csv");
    let out = salesplan(&[
        "accuracy",
        &repo("tests/accuracy/bad-order/history.jsonl"),
        &actuals,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[invalid_argument]") && err.contains("/snapshots/1/as_of"),
        "{err}"
    );
    let out = salesplan(&[
        "accuracy",
        &repo("tests/accuracy/bad-line/history.jsonl"),
        &actuals,
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("[missing_field]") && err.contains("line 3"),
        "{err}"
    );
}
