//! The exception hierarchy and the variant-by-variant mapping from
//! [`salesplan::Error`] to Python exceptions.
//!
//! ```text
//! SalesplanError(Exception)          any error from the core
//! ├── ParseError(.., ValueError)     a document that cannot be read
//! ├── AmountError(.., ValueError)    an amount that cannot be read
//! ├── PeriodError(.., ValueError)    a period name that cannot be read
//! ├── ActualsError(.., ValueError)   actuals with bad rows (`problems`)
//! ├── InvalidArgumentError(.., ValueError)
//! ├── LimitExceededError(.., ValueError)  input beyond a stated limit
//! ├── RejectedError(.., ValueError)  a change refused (`diagnostics`)
//! └── InternalError(.., RuntimeError)  a bug in salesplan (code `internal`)
//! ```
//!
//! Every instance carries `code` (the core's stable code) and `path` (a JSON
//! pointer or `None`); `str(e)` is the core's message. An `ActualsError` also
//! carries `problems`: every bad row as `{"row", "column", "message"}`; a
//! `RejectedError`, `diagnostics`: every finding about the plan the change
//! would have made, errors first, as `Diagnostic`s.
//!
//! `InternalError` never comes from the core's `Error`: it is a bug of
//! salesplan, a panic of the Rust code (turned into one by the package's
//! `_guard` module, which wraps every export of the native module) or a
//! value the core made that cannot be written out. Its `code` is
//! `"internal"` and its `path` is `None`.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

use crate::diagnostic::PyDiagnostic;

create_exception!(
    salesplan._native,
    SalesplanError,
    PyException,
    "Base class of every error raised by salesplan; has `code` and `path`."
);

/// The subclasses. Each has two bases (`SalesplanError` and `ValueError`,
/// or `RuntimeError` for `InternalError`), which `create_exception!` cannot
/// express, so they are made with `type()`.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Parse,
    Amount,
    Period,
    Actuals,
    InvalidArgument,
    LimitExceeded,
    Rejected,
    Internal,
}

impl Kind {
    pub(crate) const ALL: [Kind; 8] = [
        Kind::Parse,
        Kind::Amount,
        Kind::Period,
        Kind::Actuals,
        Kind::InvalidArgument,
        Kind::LimitExceeded,
        Kind::Rejected,
        Kind::Internal,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Parse => "ParseError",
            Kind::Amount => "AmountError",
            Kind::Period => "PeriodError",
            Kind::Actuals => "ActualsError",
            Kind::InvalidArgument => "InvalidArgumentError",
            Kind::LimitExceeded => "LimitExceededError",
            Kind::Rejected => "RejectedError",
            Kind::Internal => "InternalError",
        }
    }

    fn doc(self) -> &'static str {
        match self {
            Kind::Parse => "A plan document that cannot be read: malformed JSON, an unknown or missing field, a wrong type, a bad value or an unsupported schema version. `path` points at the offending value.",
            Kind::Amount => "An amount of money that cannot be read, such as \"1.2亿亿\".",
            Kind::Period => "A period name that cannot be read, such as \"2026-Q5\".",
            Kind::Actuals => "Actuals that cannot be loaded: `problems` lists every bad row as a dict {\"row\", \"column\", \"message\"} (row 1 is the first data row).",
            Kind::InvalidArgument => "An argument outside the domain of the function it was given to.",
            Kind::LimitExceeded => "Input beyond one of the library's stated limits: a document over 64 MiB, arrays or objects nested deeper than 64 levels, a string or CSV cell over 64 KiB, actuals text over 1 GiB or over 100,000,000 rows. `path` points at the offending value in a JSON document.",
            Kind::Rejected => "A change to a plan (a revision) refused because the plan it would make has errors; nothing was changed. `diagnostics` lists every finding about that plan, errors first, as `Diagnostic`s.",
            Kind::Internal => "A bug in salesplan, never bad input: please report it. A panic of the Rust code (its message in the error's message) or a value the library made and cannot write out. `code` is \"internal\", `path` is None.",
        }
    }

    fn cell(self) -> &'static PyOnceLock<Py<PyType>> {
        static PARSE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        static AMOUNT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        static PERIOD: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        static ACTUALS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        static INVALID_ARGUMENT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        static LIMIT_EXCEEDED: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        static REJECTED: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        static INTERNAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
        match self {
            Kind::Parse => &PARSE,
            Kind::Amount => &AMOUNT,
            Kind::Period => &PERIOD,
            Kind::Actuals => &ACTUALS,
            Kind::InvalidArgument => &INVALID_ARGUMENT,
            Kind::LimitExceeded => &LIMIT_EXCEEDED,
            Kind::Rejected => &REJECTED,
            Kind::Internal => &INTERNAL,
        }
    }

    /// The exception class, created on first use.
    pub(crate) fn type_object(self, py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
        let ty = self.cell().get_or_try_init(py, || {
            let second = match self {
                Kind::Internal => py.get_type::<PyRuntimeError>(),
                _ => py.get_type::<PyValueError>(),
            };
            let bases = PyTuple::new(py, [py.get_type::<SalesplanError>(), second])?;
            let namespace = PyDict::new(py);
            namespace.set_item("__module__", "salesplan._native")?;
            namespace.set_item("__doc__", self.doc())?;
            let class = py
                .get_type::<PyType>()
                .call1((self.name(), bases, namespace))?;
            Ok::<_, PyErr>(class.cast_into::<PyType>()?.unbind())
        })?;
        Ok(ty.bind(py).clone())
    }
}

/// A core error on its way to Python (the newtype the orphan rule asks for).
#[derive(Debug)]
pub(crate) struct CoreError(pub(crate) salesplan::Error);

impl From<salesplan::Error> for CoreError {
    fn from(error: salesplan::Error) -> Self {
        CoreError(error)
    }
}

impl From<CoreError> for PyErr {
    fn from(CoreError(error): CoreError) -> PyErr {
        use salesplan::Error;
        let kind = match &error {
            Error::Syntax { .. } | Error::Document { .. } | Error::UnsupportedSchema { .. } => {
                Some(Kind::Parse)
            }
            Error::Amount { .. } => Some(Kind::Amount),
            Error::Period { .. } => Some(Kind::Period),
            Error::Actuals { .. } => Some(Kind::Actuals),
            Error::InvalidArgument { .. } => Some(Kind::InvalidArgument),
            Error::LimitExceeded { .. } => Some(Kind::LimitExceeded),
            Error::Rejected { .. } => Some(Kind::Rejected),
            // `Error` is non-exhaustive: a variant added later is still a
            // `SalesplanError`, with its code and path.
            _ => None,
        };
        Python::attach(|py| build(py, kind, &error).unwrap_or_else(|failure| failure))
    }
}

/// Instantiates the exception and sets `code` and `path` on it.
fn build(py: Python<'_>, kind: Option<Kind>, error: &salesplan::Error) -> PyResult<PyErr> {
    let class = match kind {
        Some(kind) => kind.type_object(py)?,
        None => py.get_type::<SalesplanError>(),
    };
    let instance = class.call1((error.to_string(),))?;
    instance.setattr("code", error.code())?;
    instance.setattr("path", error.path())?;
    match error {
        salesplan::Error::Actuals { problems } => {
            instance.setattr("problems", crate::actuals::problems_to_py(py, problems)?)?;
        }
        salesplan::Error::Rejected { diagnostics } => {
            let found = diagnostics.iter().cloned().map(PyDiagnostic::from);
            instance.setattr("diagnostics", found.collect::<Vec<_>>())?;
        }
        _ => {}
    }
    Ok(PyErr::from_value(instance))
}

/// An `InternalError`: a bug in salesplan, with `message` saying what
/// went wrong.
pub(crate) fn internal(message: String) -> PyErr {
    Python::attach(|py| {
        let made = || -> PyResult<PyErr> {
            let instance = Kind::Internal.type_object(py)?.call1((message,))?;
            instance.setattr("code", "internal")?;
            instance.setattr("path", py.None())?;
            Ok(PyErr::from_value(instance))
        };
        made().unwrap_or_else(|failure| failure)
    })
}

/// Runs `body`, turning a panic into an `InternalError`. Only for the
/// constructors (`#[new]`): every other export is guarded by the package's
/// `_guard` module, which cannot wrap a class's `__new__` from Python
/// (`tests/test_panic.py` lists the classes that have one).
pub(crate) fn catch_panic<T>(body: impl FnOnce() -> T) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        internal(format!("a bug in salesplan (please report it): {message}"))
    })
}

/// Adds the exception classes to the module, and pyo3's `PanicException`
/// as `_PanicException` for the package's guard to catch.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("SalesplanError", py.get_type::<SalesplanError>())?;
    for kind in Kind::ALL {
        m.add(kind.name(), kind.type_object(py)?)?;
    }
    m.add(
        "_PanicException",
        py.get_type::<pyo3::panic::PanicException>(),
    )?;
    Ok(())
}
