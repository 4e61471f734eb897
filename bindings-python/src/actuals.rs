//! `Actuals`: observations read against a plan, with the rows that were
//! skipped. The Python class `salesplan.Actuals` builds on it (paths,
//! records, DataFrames).

use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList};
use salesplan::actuals::{LoadMode, LoadOptions, LoadReport, LoadWarning, Rates, RowProblem};

use crate::errors::CoreError;
use crate::plan::PyPlan;

/// Observations of the plan's measures: date, measure, exact value, tags.
#[pyclass(frozen, module = "salesplan._native", name = "Actuals")]
pub(crate) struct PyActuals {
    pub(crate) inner: salesplan::actuals::Actuals,
    problems: Vec<RowProblem>,
    warnings: Vec<LoadWarning>,
}

impl PyActuals {
    /// The rows of a load for `plan`, with its warnings.
    fn loaded(report: LoadReport, plan: &salesplan::Plan) -> Self {
        let warnings = report.warnings(plan);
        PyActuals {
            inner: report.actuals,
            problems: report.problems,
            warnings,
        }
    }
}

fn mode(lenient: bool) -> LoadMode {
    if lenient {
        LoadMode::Lenient
    } else {
        LoadMode::Strict
    }
}

/// The rate table given as text (CSV, or JSON starting with `[`).
fn rates(text: Option<&str>) -> Result<Option<Rates>, CoreError> {
    Ok(text.map(Rates::from_text).transpose()?)
}

#[pymethods]
impl PyActuals {
    /// Reads CSV with a header (`date,measure,value`, other columns are
    /// tags but `currency` and `credit`); raises `ActualsError` for bad
    /// rows unless `lenient`. `rates` is a rate table as text.
    #[staticmethod]
    #[pyo3(signature = (plan, text, lenient = false, rates = None))]
    fn from_csv(
        py: Python<'_>,
        plan: &PyPlan,
        text: &str,
        lenient: bool,
        rates: Option<&str>,
    ) -> Result<Self, CoreError> {
        let plan = &plan.inner;
        py.detach(|| {
            let rates = self::rates(rates)?;
            let options = LoadOptions {
                mode: mode(lenient),
                rates: rates.as_ref(),
            };
            let report = plan.actuals_from_csv_with(text, &options)?;
            Ok(PyActuals::loaded(report, plan))
        })
    }

    /// Reads a JSON array of `{"date", "measure", "value", "tags",
    /// "currency", "credit"}`.
    #[staticmethod]
    #[pyo3(signature = (plan, text, lenient = false, rates = None))]
    fn from_json(
        py: Python<'_>,
        plan: &PyPlan,
        text: &str,
        lenient: bool,
        rates: Option<&str>,
    ) -> Result<Self, CoreError> {
        let plan = &plan.inner;
        py.detach(|| {
            let rates = self::rates(rates)?;
            let options = LoadOptions {
                mode: mode(lenient),
                rates: rates.as_ref(),
            };
            let report = plan.actuals_from_json_with(text, &options)?;
            Ok(PyActuals::loaded(report, plan))
        })
    }

    /// Reads the Arrow stream in the capsule of `__arrow_c_stream__()`:
    /// columns `date`, `measure`, `value`, and one tag per other column
    /// but `currency` and `credit`, which the core applies.
    #[staticmethod]
    #[pyo3(signature = (plan, stream, lenient = false, rates = None))]
    fn from_arrow(
        py: Python<'_>,
        plan: &PyPlan,
        stream: &Bound<'_, PyCapsule>,
        lenient: bool,
        rates: Option<&str>,
    ) -> Result<Self, CoreError> {
        let rates = self::rates(rates)?;
        let table = crate::arrow::Table::from_capsule(stream)?;
        let plan = &plan.inner;
        let known = |m: &str| plan.knows_measure(m);
        // Every bad row of either kind at once: the mode is applied when
        // the rows are settled.
        let report = crate::columns::actuals_from_table(py, &table, &known, LoadMode::Lenient)?;
        py.detach(|| {
            let options = LoadOptions {
                mode: mode(lenient),
                rates: rates.as_ref(),
            };
            let report = plan.prepare_actuals(report, &options)?;
            Ok(PyActuals::loaded(report, plan))
        })
    }

    /// The rows skipped by a lenient load, as `{"row", "column", "message"}`.
    #[getter]
    fn problems<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        problems_to_py(py, &self.problems)
    }

    /// Valid rows the evaluation will not count (dated outside the plan
    /// period), as `{"code", "rows", "first_rows", "earliest", "latest",
    /// "message"}` with `datetime.date`s.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for w in &self.warnings {
            let dict = PyDict::new(py);
            dict.set_item("code", w.code)?;
            dict.set_item("rows", w.rows)?;
            dict.set_item("first_rows", &w.first_rows)?;
            dict.set_item("earliest", crate::evaluation::date(py, w.earliest)?)?;
            dict.set_item("latest", crate::evaluation::date(py, w.latest)?)?;
            dict.set_item("message", &w.message)?;
            list.append(dict)?;
        }
        Ok(list)
    }

    /// Every observation as JSON: `[{"date", "measure", "value", "tags":
    /// [[name, value], ...]}, ...]` in load order.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| serde_json::to_string(&self.inner.iter().collect::<Vec<_>>()))
            .map_err(crate::json_error)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Actuals(rows={}, problems={}, warnings={})",
            self.inner.len(),
            self.problems.len(),
            self.warnings.len()
        )
    }
}

/// Row problems as a list of dicts, for `Actuals.problems` and
/// `ActualsError.problems`.
pub(crate) fn problems_to_py<'py>(
    py: Python<'py>,
    problems: &[RowProblem],
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for p in problems {
        let dict = PyDict::new(py);
        dict.set_item("row", p.row)?;
        dict.set_item("column", &p.column)?;
        dict.set_item("message", &p.message)?;
        list.append(dict)?;
    }
    Ok(list)
}
