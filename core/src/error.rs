//! The error type for input that cannot be read.
//!
//! A document that is not JSON, has a field of the wrong type, an unknown
//! field or a bad date is an [`Error`] that points at the offending place with
//! a JSON pointer. A plan that can be read but is wrong or weak is not an
//! error: it is a list of [`Diagnostic`](crate::Diagnostic)s.

/// Everything that can go wrong while reading input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not well-formed JSON.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line of the fault.
        line: usize,
        /// 1-based column of the fault.
        column: usize,
        /// What the JSON reader said.
        message: String,
    },
    /// The JSON is well formed but does not fit the document's shape.
    #[error("{path}: {message}")]
    Document {
        /// What kind of mismatch it is.
        kind: DocumentErrorKind,
        /// JSON pointer to the offending value (`""` for the whole document).
        path: String,
        /// A sentence for people.
        message: String,
    },
    /// The `schema` field names a version this library does not read.
    #[error("/schema: unsupported schema {found:?}, expected \"salesplan/1\"")]
    UnsupportedSchema {
        /// The value that was found.
        found: String,
    },
    /// An amount of money could not be read (`"1.2亿"`, `"3,500万"`).
    #[error("invalid amount {input:?}: {message}")]
    Amount {
        /// The text that was given.
        input: String,
        /// Why it was refused.
        message: String,
    },
    /// A period name could not be read (`"2026-03"`, `"2026-Q1"`, `"FY2026"`).
    #[error("invalid period {input:?}: {message}")]
    Period {
        /// The text that was given.
        input: String,
        /// Why it was refused.
        message: String,
    },
    /// Actuals that could not be loaded: every bad row, with its row number
    /// and column.
    #[error("{} bad row(s) in the actuals; first: {}", problems.len(), first_problem(problems))]
    Actuals {
        /// The rows at fault.
        problems: Vec<crate::diagnostic::RowProblem>,
    },
    /// An argument given to a function is out of its domain.
    #[error("invalid argument {name}: {message}")]
    InvalidArgument {
        /// Which argument.
        name: String,
        /// Why it was refused.
        message: String,
    },
    /// A sum, product or quotient of input values is beyond what a decimal
    /// holds (about ±7.9 × 10²⁸ in units of its last place).
    #[error("overflow in {what}: {message}")]
    Overflow {
        /// What was being computed (`sum(revenue)`).
        what: String,
        /// A sentence for people, naming the KPI, node or period.
        message: String,
    },
    /// Input beyond one of the limits of [`crate::limits`] (document size,
    /// nesting depth, string length, actuals rows); nothing was read.
    #[error("{}", at_path(path.as_deref(), message))]
    LimitExceeded {
        /// JSON pointer to the value at fault (`""` for the whole
        /// document), when the input is JSON.
        path: Option<String>,
        /// Which limit, its value and what was found.
        message: String,
    },
    /// A change (a revision, a scenario) would leave the plan with errors;
    /// nothing was changed.
    #[error("the change would make the plan invalid: {}", first_error(diagnostics))]
    Rejected {
        /// Every diagnostic of the changed plan, errors first.
        diagnostics: Vec<crate::diagnostic::Diagnostic>,
    },
}

fn at_path(path: Option<&str>, message: &str) -> String {
    match path {
        Some(p) if !p.is_empty() => format!("{p}: {message}"),
        _ => message.to_owned(),
    }
}

fn first_error(diagnostics: &[crate::diagnostic::Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
        .count();
    match diagnostics.first() {
        Some(d) => format!(
            "{errors} error(s); first: [{}] {}: {}",
            d.code, d.path, d.message
        ),
        None => "no diagnostics".to_owned(),
    }
}

/// The kinds of [`Error::Document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DocumentErrorKind {
    /// A field the document does not define.
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// A value of the wrong JSON type.
    InvalidType,
    /// A value of the right type but not allowed (a bad date, a bad decimal,
    /// an unknown enum variant).
    InvalidValue,
    /// A key that appears twice in one object.
    DuplicateKey,
}

impl Error {
    /// A stable, machine-readable code for the error, the same in every
    /// language binding.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Syntax { .. } => "syntax",
            Error::Document { kind, .. } => match kind {
                DocumentErrorKind::UnknownField => "unknown_field",
                DocumentErrorKind::MissingField => "missing_field",
                DocumentErrorKind::InvalidType => "invalid_type",
                DocumentErrorKind::InvalidValue => "invalid_value",
                DocumentErrorKind::DuplicateKey => "duplicate_key",
            },
            Error::UnsupportedSchema { .. } => "unsupported_schema",
            Error::Amount { .. } => "invalid_amount",
            Error::Period { .. } => "invalid_period",
            Error::Actuals { .. } => "invalid_actuals",
            Error::InvalidArgument { .. } => "invalid_argument",
            Error::Overflow { .. } => "overflow",
            Error::LimitExceeded { .. } => "limit_exceeded",
            Error::Rejected { .. } => "rejected",
        }
    }

    /// The JSON pointer to the offending value, when the error is about a
    /// place in a document: an argument named by a pointer into the
    /// document it came in (`/rules/0/when`, `/1/amount_low`) has it as
    /// its path.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::Document { path, .. } => Some(path),
            Error::UnsupportedSchema { .. } => Some("/schema"),
            Error::Syntax { .. } => Some(""),
            Error::LimitExceeded { path, .. } => path.as_deref(),
            Error::InvalidArgument { name, .. } if name.starts_with('/') => Some(name),
            _ => None,
        }
    }
}

fn first_problem(problems: &[crate::diagnostic::RowProblem]) -> String {
    match problems.first() {
        Some(p) if p.column.is_empty() => format!("row {}: {}", p.row, p.message),
        Some(p) => format!("row {}, column {}: {}", p.row, p.column, p.message),
        None => "none".to_owned(),
    }
}

impl Error {
    /// This error, about an options object given as the argument `name`,
    /// as the [`Error::InvalidArgument`] every language gives for a bad
    /// option: a document error's path becomes the option's name
    /// (`options.trend_periods`; with `name` empty, as for keyword
    /// arguments, just `trend_periods`); an unknown option is named by the
    /// object it is in. Other errors are left as they are.
    ///
    /// ```
    /// use salesplan::evaluate::EvaluationOptions;
    /// use salesplan::Error;
    ///
    /// let given = serde_json::json!({"as_of": "2026-06-30", "trend_periods": -1});
    /// let e = EvaluationOptions::from_value(&given).unwrap_err();
    /// assert!(matches!(e.in_options(""), Error::InvalidArgument { name, .. } if name == "trend_periods"));
    /// let e = EvaluationOptions::from_value(&given).unwrap_err().in_options("options");
    /// assert!(matches!(&e, Error::InvalidArgument { name, .. } if name == "options.trend_periods"));
    /// let unknown = serde_json::json!({"as_of": "2026-06-30", "colour": 1});
    /// let e = EvaluationOptions::from_value(&unknown).unwrap_err().in_options("options");
    /// assert!(matches!(&e, Error::InvalidArgument { name, .. } if name == "options"));
    /// ```
    pub fn in_options(self, name: &str) -> Error {
        let Error::Document {
            kind,
            path,
            message,
        } = self
        else {
            return self;
        };
        let path = match kind {
            DocumentErrorKind::UnknownField => {
                path.rsplit_once('/').map_or("", |(parent, _)| parent)
            }
            _ => path.as_str(),
        };
        let field = path.trim_start_matches('/').replace('/', ".");
        let name = match (name, field.as_str()) {
            ("", "") => "options".to_owned(),
            (name, "") => name.to_owned(),
            ("", field) => field.to_owned(),
            (name, field) => format!("{name}.{field}"),
        };
        Error::InvalidArgument { name, message }
    }

    /// This error with a document error's path put under `prefix` (a JSON
    /// pointer: `/simulation`), for a value read as part of a larger one.
    /// Other errors are left as they are.
    pub fn under(self, prefix: &str) -> Error {
        match self {
            Error::Document {
                kind,
                path,
                message,
            } => Error::Document {
                kind,
                path: format!("{prefix}{path}"),
                message,
            },
            other => other,
        }
    }
}

/// A specialised `Result` for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
