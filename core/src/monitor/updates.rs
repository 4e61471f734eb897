//! Progress updates: dated reports of where tasks stand, given as data so
//! that reporting progress never edits the plan document.
//!
//! JSON is a list of `{"date", "task", "status", "progress", "note"}`
//! objects; CSV has a header naming the same columns (`date` and `task`
//! required, the others optional, an empty cell meaning absent). Both are
//! read by one path: a CSV row becomes the object of its cells, so an error
//! in either names its place with a JSON pointer (`/2/progress`: the third
//! update, or the third data row of the CSV).
//!
//! Every update must name a task of the plan and give a `progress` between
//! 0 and 1. As of a date, the latest update dated on or before it wins (of
//! two on the same day, the later in the list).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::plan::dec::DecimalString;
use crate::plan::parse;
use crate::plan::{Plan, TaskId, TaskStatus};
use crate::{DocumentErrorKind, Error, Result};

/// One report of where a task stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressUpdate {
    /// The day the report describes.
    pub date: NaiveDate,
    /// The task.
    pub task: TaskId,
    /// Where it stands; absent keeps the status of the previous report (or
    /// of the plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TaskStatus>,
    /// Fraction done, 0 to 1; absent keeps the previous report's.
    #[serde(
        default,
        with = "crate::plan::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub progress: Option<Decimal>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Reads progress updates from JSON text (a list of updates) and checks
/// them against the plan.
///
/// # Errors
/// [`Error::Syntax`] or [`Error::Document`] (with the JSON pointer of the
/// offending value) for text that is not a list of updates, an unknown
/// task, or a progress outside 0..=1.
pub fn updates_from_json(plan: &Plan, text: &str) -> Result<Vec<ProgressUpdate>> {
    let value = parse::parse_text(text)?;
    from_value(plan, &value)
}

/// Reads progress updates from CSV text with a header row (`date`, `task`
/// and optionally `status`, `progress`, `note`) and checks them against
/// the plan. An error's pointer counts data rows from 0 (`/0/task` is the
/// first row after the header).
///
/// # Errors
/// As [`updates_from_json`]; an unknown column is an `unknown_field` error
/// at `/0/<column>`, a row that cannot be read an `invalid_value` at its
/// index.
pub fn updates_from_csv(plan: &Plan, text: &str) -> Result<Vec<ProgressUpdate>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error("", &e))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| csv_error(&format!("/{i}"), &e))?;
        let mut object = Map::new();
        for (name, cell) in header.iter().zip(record.iter()) {
            if !cell.is_empty() {
                object.insert(name.clone(), Value::String(cell.to_owned()));
            }
        }
        rows.push(Value::Object(object));
    }
    from_value(plan, &Value::Array(rows))
}

/// Reads progress updates from a JSON value (as a binding receives it).
///
/// # Errors
/// As [`updates_from_json`].
pub fn updates_from_value(plan: &Plan, value: &Value) -> Result<Vec<ProgressUpdate>> {
    from_value(plan, value)
}

fn from_value(plan: &Plan, value: &Value) -> Result<Vec<ProgressUpdate>> {
    let updates: Vec<ProgressUpdate> = parse::deserialize(value)?;
    check(plan, &updates)?;
    Ok(updates)
}

/// Checks that every update names a task of the plan and a progress in
/// 0..=1.
///
/// # Errors
/// [`Error::Document`] of kind `InvalidValue` at `/<index>/task` or
/// `/<index>/progress`.
pub fn check(plan: &Plan, updates: &[ProgressUpdate]) -> Result<()> {
    for (i, u) in updates.iter().enumerate() {
        if !plan.execution.tasks.iter().any(|t| t.id == u.task) {
            return Err(invalid(
                format!("/{i}/task"),
                format!(
                    "unknown task {:?}; the plan has no such task",
                    u.task.as_str()
                ),
            ));
        }
        if let Some(p) = u.progress {
            if p < Decimal::ZERO || p > Decimal::ONE {
                return Err(invalid(
                    format!("/{i}/progress"),
                    format!("progress {p} is outside 0 to 1"),
                ));
            }
        }
    }
    Ok(())
}

/// Where one task stands as of a day: its status and progress from the
/// plan, overlaid by each update dated on or before the day, in date
/// order; also the day of the first report of `done`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Standing {
    pub(crate) status: TaskStatus,
    pub(crate) progress: Option<Decimal>,
    pub(crate) updated: Option<NaiveDate>,
    pub(crate) done_on: Option<NaiveDate>,
    pub(crate) started_on: Option<NaiveDate>,
}

/// The standing of `task` (whose plan values are given) as of `as_of`.
pub(crate) fn standing(
    task: &str,
    planned: (TaskStatus, Option<Decimal>),
    updates: &[ProgressUpdate],
    as_of: NaiveDate,
) -> Standing {
    let mut mine: Vec<&ProgressUpdate> = updates
        .iter()
        .filter(|u| u.task.as_str() == task && u.date <= as_of)
        .collect();
    // A stable sort keeps the list order of reports of the same day.
    mine.sort_by_key(|u| u.date);
    let mut s = Standing {
        status: planned.0,
        progress: planned.1,
        updated: None,
        done_on: None,
        started_on: None,
    };
    for u in mine {
        if let Some(status) = u.status {
            s.status = status;
        }
        if u.progress.is_some() {
            s.progress = u.progress;
        }
        s.updated = Some(u.date);
        let begun =
            s.status != TaskStatus::NotStarted || s.progress.is_some_and(|p| p > Decimal::ZERO);
        if begun && s.started_on.is_none() {
            s.started_on = Some(u.date);
        }
        if s.status == TaskStatus::Done && s.done_on.is_none() {
            s.done_on = Some(u.date);
        }
        if s.status != TaskStatus::Done {
            s.done_on = None;
        }
    }
    s
}

fn invalid(path: String, message: String) -> Error {
    Error::Document {
        kind: DocumentErrorKind::InvalidValue,
        path,
        message,
    }
}

fn csv_error(path: &str, e: &csv::Error) -> Error {
    invalid(path.to_owned(), format!("unreadable CSV: {e}"))
}
