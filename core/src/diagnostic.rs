//! Findings about input that can be read: a [`Diagnostic`] about a plan
//! (with its [`Severity`]) and a [`RowProblem`] about one row of actuals.
//!
//! These are plain data at the bottom of the crate, so that the error type
//! can carry them without depending on the checks that produce them
//! ([`crate::validate`], [`crate::actuals`]).

use std::fmt;

use serde::Serialize;

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A hint.
    Info,
    /// Readable but weak or risky.
    Warning,
    /// Wrong: the plan cannot be trusted as written.
    Error,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about a plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// Stable machine-readable code (see the table in [`crate::validate`]).
    pub code: &'static str,
    /// JSON pointer to the place in the document (`/goals/1/id`).
    pub path: String,
    /// A sentence for people.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity, self.code, self.path, self.message
        )
    }
}

/// A row that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
pub struct RowProblem {
    /// 1-based number of the data row (the CSV header is row 0; in JSON,
    /// row 1 is the array's first element).
    pub row: usize,
    /// The column (or JSON key) at fault.
    pub column: String,
    /// What is wrong.
    pub message: String,
}
