//! Plan documents and actuals, as text.

use chrono::Days;
use salesplan::actuals::{LoadMode, LoadReport};
use salesplan::evaluate::EvaluationOptions;
use salesplan::{Error, Plan};
use serde_json::{json, Map, Value};

use crate::bytes::Bytes;
use crate::{case_study, check_error};

/// A plan document: it reads or is refused with a typed error; a plan that
/// reads validates, and writes out as a document that reads back as the
/// same plan (as text and as a JSON value) with the same diagnostics.
pub fn plan(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let plan = match Plan::from_json(&text) {
        Ok(plan) => plan,
        Err(e) => return check_error(&e),
    };
    let diagnostics = plan.validate();
    for d in &diagnostics {
        assert!(
            d.path.is_empty() || d.path.starts_with('/'),
            "diagnostic path {:?} is not a JSON pointer: {d:?}",
            d.path
        );
        assert!(!d.code.is_empty() && !d.message.is_empty(), "{d:?}");
    }
    let written = plan.to_json();
    let back = match Plan::from_json(&written) {
        Ok(back) => back,
        Err(e) => panic!("a written plan does not read back: {e}\n{written}"),
    };
    assert_eq!(back, plan, "the plan changed on its way through JSON text");
    assert_eq!(back.to_json(), written, "writing is not stable");
    assert_eq!(back.validate(), diagnostics);
    match Plan::from_value(plan.to_value()) {
        Ok(from_value) => assert_eq!(from_value, plan),
        Err(e) => panic!("a plan's JSON value does not read back: {e}"),
    }
}

/// Actuals as CSV or JSON against the case study, strict and lenient,
/// then an evaluation as of a day the input picks.
///
/// The first byte picks the format and options, the next two the day; the
/// rest is the text. Strict and lenient loads agree: when strict refuses
/// rows, lenient skips exactly those; when strict accepts, lenient reads the
/// same rows with no problems. CSV that loads reads the same when written
/// as JSON rows.
pub fn actuals(data: &[u8]) {
    let mut bytes = Bytes::new(data);
    let mode = bytes.byte();
    let day = u16::from_le_bytes([bytes.byte(), bytes.byte()]);
    let text = String::from_utf8_lossy(bytes.rest());
    let plan = case_study();
    let json = mode & 1 == 1;
    let load = |m| {
        if json {
            plan.actuals_from_json(&text, m)
        } else {
            plan.actuals_from_csv(&text, m)
        }
    };
    let strict = load(LoadMode::Strict);
    let lenient = load(LoadMode::Lenient);
    let report = match (strict, lenient) {
        (Ok(strict), Ok(lenient)) => {
            assert!(strict.problems.is_empty());
            assert_eq!(strict, lenient, "lenient read differs from strict");
            strict
        }
        (Err(e), Ok(lenient)) => {
            check_error(&e);
            match e {
                Error::Actuals { problems } => assert_eq!(
                    problems, lenient.problems,
                    "strict refused other rows than lenient skipped"
                ),
                other => panic!("strict refused with {other:?}, lenient read it"),
            }
            lenient
        }
        (Err(strict), Err(lenient)) => {
            check_error(&strict);
            check_error(&lenient);
            return;
        }
        (Ok(_), Err(e)) => panic!("lenient refused what strict read: {e:?}"),
    };
    for p in &report.problems {
        assert!(p.row > 0 || p.column.is_empty() || !json, "{p:?}");
    }
    if !json {
        same_as_json_rows(plan, &report);
    }

    // A day from 30 days before the plan to 60 after it.
    let start = plan.period.start - Days::new(30);
    let span = (plan.period.end - start).num_days() + 60;
    let offset = i64::from(day) % span.max(1);
    let as_of = start + Days::new(offset.unsigned_abs());
    let mut options = EvaluationOptions::as_of(as_of);
    options.hierarchy = report
        .actuals
        .dimensions()
        .take(usize::from(mode >> 1) % 3)
        .map(str::to_owned)
        .collect();
    options.trend_periods = usize::from(mode >> 3);
    match plan.evaluate(&report.actuals, &options) {
        Ok(evaluation) => {
            assert_eq!(evaluation.as_of, as_of);
            assert!(as_of >= plan.period.start);
        }
        Err(e) => {
            check_error(&e);
            // Before the plan starts, or amounts beyond what a decimal holds.
            assert!(
                as_of < plan.period.start || e.code() == "overflow",
                "evaluation as of {as_of} refused: {e}"
            );
        }
    }
}

/// Loaded rows written as JSON observations read back the same.
fn same_as_json_rows(plan: &Plan, report: &LoadReport) {
    let rows: Vec<Value> = report
        .actuals
        .iter()
        .map(|o| {
            let tags: Map<String, Value> = o
                .tags
                .iter()
                .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
                .collect();
            json!({
                "date": o.date.to_string(),
                "measure": o.measure,
                "value": o.value.to_string(),
                "tags": tags,
            })
        })
        .collect();
    let text = Value::Array(rows).to_string();
    let again = match plan.actuals_from_json(&text, LoadMode::Strict) {
        Ok(again) => again.actuals,
        Err(e) => panic!("loaded rows do not read back as JSON: {e}\n{text}"),
    };
    assert_eq!(again.len(), report.actuals.len());
    for (a, b) in report.actuals.iter().zip(again.iter()) {
        assert_eq!((a.date, a.measure, a.value), (b.date, b.measure, b.value));
        assert_eq!(a.value.scale(), b.value.scale());
        assert_eq!(sorted(a.tags), sorted(b.tags));
    }
}

fn sorted<'a>(mut tags: Vec<(&'a str, &'a str)>) -> Vec<(&'a str, &'a str)> {
    tags.sort_unstable();
    tags
}
