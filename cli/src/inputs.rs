//! Reading the files the commands take: plan, actuals and pipeline.

use std::path::Path;

use salesplan::actuals::{Actuals, LoadMode};
use salesplan::evaluate::Deal;
use salesplan::{Plan, Result};

/// An error message naming the file it came from, with the error's stable
/// code (`[invalid_type]`); the core's message starts with the JSON pointer
/// where there is one.
pub(crate) fn at(path: &Path) -> impl Fn(salesplan::Error) -> String + '_ {
    move |e| format!("{}: [{}] {e}", path.display(), e.code())
}

/// A file's text, or a message naming it.
pub(crate) fn read(path: &Path) -> std::result::Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The plan document.
pub(crate) fn plan(path: &Path) -> std::result::Result<Plan, String> {
    Plan::from_json(&read(path)?).map_err(at(path))
}

/// Actuals from CSV, or JSON by extension; skipped rows (lenient) and rows
/// dated outside the plan period are reported on stderr.
pub(crate) fn actuals(
    plan: &Plan,
    path: &Path,
    lenient: bool,
) -> std::result::Result<Actuals, String> {
    let text = read(path)?;
    let mode = if lenient {
        LoadMode::Lenient
    } else {
        LoadMode::Strict
    };
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let loaded: Result<_> = if is_json {
        plan.actuals_from_json(&text, mode)
    } else {
        plan.actuals_from_csv(&text, mode)
    };
    let report = loaded.map_err(at(path))?;
    for p in &report.problems {
        eprintln!(
            "{}: skipped row {} ({}): {}",
            path.display(),
            p.row,
            p.column,
            p.message
        );
    }
    for w in report.warnings(plan) {
        eprintln!("{}: warning: {}", path.display(), w.message);
    }
    Ok(report.actuals)
}

/// Open deals, or none without a file.
pub(crate) fn pipeline(path: Option<&Path>) -> std::result::Result<Vec<Deal>, String> {
    match path {
        Some(path) => salesplan::evaluate::deals_from_json(&read(path)?).map_err(at(path)),
        None => Ok(Vec::new()),
    }
}
