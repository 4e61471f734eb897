//! Reading the files the commands take: plan, actuals and pipeline.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use salesplan::actuals::{Actuals, LoadMode, LoadOptions, Rates};
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

/// The rate table of `--rates`, read once.
static RATES: OnceLock<Rates> = OnceLock::new();

/// Reads the rate table of `--rates` for every actuals file the command
/// reads; refused for a command that reads none.
pub(crate) fn use_rates(path: PathBuf, reads_actuals: bool) -> std::result::Result<(), String> {
    if !reads_actuals {
        return Err("--rates is for the commands that read actuals".into());
    }
    let text = read(&path)?;
    let rates = if is_json(&path) {
        Rates::from_json(&text)
    } else {
        Rates::from_csv(&text)
    }
    .map_err(at(&path))?;
    // Set once, from `main`, before any command runs.
    let _ = RATES.set(rates);
    Ok(())
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Actuals from CSV, or JSON by extension, with the rates of `--rates`;
/// skipped rows (lenient) and rows dated outside the plan period are
/// reported on stderr.
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
    let options = LoadOptions {
        mode,
        rates: RATES.get(),
    };
    let loaded: Result<_> = if is_json(path) {
        plan.actuals_from_json_with(&text, &options)
    } else {
        plan.actuals_from_csv_with(&text, &options)
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
