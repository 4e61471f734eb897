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

/// A million good rows and one bad row at the very end: a strict load
/// refuses all of them and names the last row; a lenient one keeps the
/// million.
#[test]
fn one_bad_row_at_the_end_of_a_million_refuses_the_whole_strict_load() {
    use salesplan::actuals::{Actuals, Columns, TextColumn, ValueColumn};
    use salesplan::Error;

    const N: usize = 1_000_000;
    let plan = salesplan::example_plan();
    let known = |m: &str| plan.knows_measure(m);
    let day = 20_454; // 2026-01-01
    let mut days: Vec<Option<i32>> = (0..N as i32).map(|i| Some(day + i % 365)).collect();
    let mut codes: Vec<Option<u32>> = vec![Some(0); N];
    let units: Vec<Option<i128>> = (0..N as i128 + 1).map(|i| Some(i % 10_000)).collect();
    // The bad row: an unknown measure.
    days.push(Some(day));
    codes.push(Some(1));
    let columns = Columns {
        days: &days,
        measures: TextColumn {
            codes: &codes,
            values: &["revenue", "revnue"],
        },
        values: ValueColumn::Minor {
            units: &units,
            scale: 2,
        },
        tags: vec![],
    };
    match Actuals::from_columns(&columns, &known, LoadMode::Strict) {
        Err(Error::Actuals { problems }) => {
            assert_eq!(problems.len(), 1);
            assert_eq!(
                (problems[0].row, problems[0].column.as_str()),
                (N + 1, "measure")
            );
        }
        Ok(report) => panic!("loaded {} rows", report.actuals.len()),
        Err(e) => panic!("{e}"),
    }
    let lenient = Actuals::from_columns(&columns, &known, LoadMode::Lenient).expect("lenient");
    assert_eq!(lenient.actuals.len(), N);

    // The same through the CSV reader.
    let mut csv = String::with_capacity(30 * N);
    csv.push_str("date,measure,value\n");
    for i in 0..N {
        csv.push_str(&format!(
            "2026-01-{:02},revenue,{}\n",
            i % 28 + 1,
            i % 10_000
        ));
    }
    csv.push_str("2026-01-01,revenue,not-a-number\n");
    match plan.actuals_from_csv(&csv, LoadMode::Strict) {
        Err(Error::Actuals { problems }) => {
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].row, N + 1);
        }
        Ok(report) => panic!("loaded {} rows", report.actuals.len()),
        Err(e) => panic!("{e}"),
    }
}
