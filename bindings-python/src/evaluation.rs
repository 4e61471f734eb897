//! `Evaluation`: the plan's KPIs against actuals as of a date. The Python
//! class `salesplan.Evaluation` builds on it (typed dicts, DataFrames).
//!
//! The evaluation stays the core's value: one result is found through an
//! index made on first use, and results go to Python as typed values
//! (`Decimal`, `date`, `None`, `str`; see [`crate::outputs`]) or as
//! columns, never as JSON text to parse.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use chrono::{Datelike, NaiveDate};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyType};
use rust_decimal::Decimal;
use salesplan::evaluate::{Evaluation, KpiResult, NodeGap, PeriodResult, Status};

use crate::actuals::PyActuals;
use crate::errors::CoreError;
use crate::export::ArrowArray;
use crate::outputs::{floats, Values};

/// Positions of the results by KPI, then node.
type Index = HashMap<String, HashMap<String, usize>>;

/// A column of a table: its name and its values (a `list`, or `float64`
/// bytes).
type Column<'py> = (&'static str, Bound<'py, PyAny>);

/// The evaluation of a plan against actuals, as the core made it.
#[pyclass(frozen, module = "salesplan._native", name = "Evaluation")]
pub(crate) struct PyEvaluation {
    pub(crate) inner: Evaluation,
    index: OnceLock<Index>,
    /// Results looked up lately, by position, and the dicts of those
    /// looked up more than once: code that reads one field at a time
    /// (`kpi("K-REV")["actual"]`) asks for the same few results again and
    /// again, code that walks every node asks for each once. Kept dicts
    /// are handed out as copies.
    recent: Mutex<HashMap<usize, Option<Py<PyDict>>>>,
}

/// How many looked-up results [`PyEvaluation::recent`] keeps.
const RECENT: usize = 256;

impl PyEvaluation {
    pub(crate) fn new(inner: Evaluation) -> Self {
        PyEvaluation {
            inner,
            index: OnceLock::new(),
            recent: Mutex::new(HashMap::new()),
        }
    }

    /// The result at `i` as a dict of its own.
    fn result<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyDict>> {
        let lock = || self.recent.lock().unwrap_or_else(|e| e.into_inner());
        let kept = lock().get(&i).map(|d| d.as_ref().map(|d| d.clone_ref(py)));
        let seen = match kept {
            Some(Some(kept)) => return copy_result(kept.bind(py)),
            Some(None) => true,
            None => false,
        };
        let made = kpi_dict(&mut Values::unshared(py)?, &self.inner.kpis[i])?;
        let keep = if seen {
            Some(copy_result(&made)?.unbind())
        } else {
            None
        };
        let evicted = {
            let mut recent = lock();
            let evicted = (recent.len() >= RECENT).then(|| std::mem::take(&mut *recent));
            recent.insert(i, keep);
            evicted
        };
        drop(evicted);
        Ok(made)
    }

    /// The position of a KPI's result for a node (`""`: the company); the
    /// first when there are several, as a search from the start finds.
    fn position(&self, kpi: &str, node: &str) -> Option<usize> {
        let index = self.index.get_or_init(|| {
            let mut index = Index::new();
            for (i, r) in self.inner.kpis.iter().enumerate() {
                index
                    .entry(r.kpi.clone())
                    .or_default()
                    .entry(r.node.clone())
                    .or_insert(i);
            }
            index
        });
        index.get(kpi)?.get(node).copied()
    }
}

#[pymethods]
impl PyEvaluation {
    /// The day it was made, `YYYY-MM-DD`.
    #[getter]
    fn as_of(&self) -> String {
        self.inner.as_of.to_string()
    }

    /// The monitoring the evaluation carries as JSON text, or `None`.
    fn monitoring_json(&self) -> PyResult<Option<String>> {
        self.inner
            .monitoring
            .as_ref()
            .map(|m| serde_json::to_string(m).map_err(crate::json_error))
            .transpose()
    }

    /// Every KPI for every node as JSON text (decimals as strings).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(crate::json_error)
    }

    /// One KPI's result for one node (`""`: the company) as a dict, or
    /// `None` when there is none.
    fn kpi<'py>(
        &self,
        py: Python<'py>,
        kpi: &str,
        node: &str,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some(i) = self.position(kpi, node) else {
            return Ok(None);
        };
        self.result(py, i).map(Some)
    }

    /// Every KPI's result for one node, in order, as dicts.
    fn node_results<'py>(&self, py: Python<'py>, node: &str) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let v = &mut Values::unshared(py)?;
        self.inner
            .kpis
            .iter()
            .filter(|r| r.node == node)
            .map(|r| kpi_dict(v, r))
            .collect()
    }

    /// The whole evaluation as a dict, as `to_json` read back with its
    /// decimals as `Decimal` and its day as `date`; new every call.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let v = &mut Values::new(py)?;
        let e = &self.inner;
        let kpis = e
            .kpis
            .iter()
            .map(|r| kpi_dict(v, r))
            .collect::<PyResult<Vec<_>>>()?;
        let gaps = e
            .gaps
            .iter()
            .map(|g| gap_dict(v, g))
            .collect::<PyResult<Vec<_>>>()?;
        let d = PyDict::new(py);
        d.set_item(intern!(py, "as_of"), date(py, e.as_of)?)?;
        d.set_item(intern!(py, "kpis"), PyList::new(py, kpis)?)?;
        d.set_item(intern!(py, "gaps"), PyList::new(py, gaps)?)?;
        Ok(d)
    }

    /// The results without their periods as columns, in the order of the
    /// JSON's fields: `(name, values)`, values a list (`Decimal`, `str`,
    /// `None`) or, for decimals with `as_float`, `float64` bytes (`NaN` for
    /// none). The company's node is named `company`. Texts are lists of
    /// `str`, or with `arrow_text` an `ArrowArray` of `large_string` (but
    /// for a column without a single text).
    #[pyo3(signature = (company, as_float, arrow_text = false))]
    fn kpi_columns<'py>(
        &self,
        py: Python<'py>,
        company: &str,
        as_float: bool,
        arrow_text: bool,
    ) -> PyResult<Vec<Column<'py>>> {
        let rows = &self.inner.kpis;
        let mut t = Table::new(py, company, as_float, arrow_text)?;
        Ok(vec![
            t.text("kpi", rows.iter().map(|r| r.kpi.as_str()))?,
            t.node(rows.iter().map(|r| r.node.as_str()))?,
            t.decimals("target", rows.iter().map(|r| r.target))?,
            t.decimals("actual", rows.iter().map(|r| r.actual))?,
            t.decimals("expected", rows.iter().map(|r| r.expected))?,
            t.decimals("variance", rows.iter().map(|r| r.variance))?,
            t.decimals("attainment", rows.iter().map(|r| r.attainment))?,
            t.decimals(
                "forecast_run_rate",
                rows.iter().map(|r| r.forecast_run_rate),
            )?,
            t.decimals("forecast_trend", rows.iter().map(|r| r.forecast_trend))?,
            t.decimals(
                "forecast_pipeline",
                rows.iter().map(|r| r.forecast_pipeline),
            )?,
            t.texts("status", rows.iter().map(|r| r.status.map(status)))?,
            t.decimals("trend", rows.iter().map(|r| r.trend))?,
        ])
    }

    /// Every result's periods as columns: kpi, node, then the period's
    /// fields; as `kpi_columns`.
    #[pyo3(signature = (company, as_float, arrow_text = false))]
    fn period_columns<'py>(
        &self,
        py: Python<'py>,
        company: &str,
        as_float: bool,
        arrow_text: bool,
    ) -> PyResult<Vec<Column<'py>>> {
        let rows: Vec<(&KpiResult, &PeriodResult)> = self
            .inner
            .kpis
            .iter()
            .flat_map(|r| r.periods.iter().map(move |p| (r, p)))
            .collect();
        let rows = &rows;
        let mut t = Table::new(py, company, as_float, arrow_text)?;
        Ok(vec![
            t.text("kpi", rows.iter().map(|(r, _)| r.kpi.as_str()))?,
            t.node(rows.iter().map(|(r, _)| r.node.as_str()))?,
            t.text("period", rows.iter().map(|(_, p)| p.period.as_str()))?,
            t.decimals("target", rows.iter().map(|(_, p)| p.target))?,
            t.decimals("actual", rows.iter().map(|(_, p)| p.actual))?,
            t.decimals("attainment", rows.iter().map(|(_, p)| p.attainment))?,
        ])
    }

    /// The revenue gaps as columns: node, the effects, biggest; as
    /// `kpi_columns`.
    #[pyo3(signature = (company, as_float, arrow_text = false))]
    fn gap_columns<'py>(
        &self,
        py: Python<'py>,
        company: &str,
        as_float: bool,
        arrow_text: bool,
    ) -> PyResult<Vec<Column<'py>>> {
        let rows = &self.inner.gaps;
        let mut t = Table::new(py, company, as_float, arrow_text)?;
        Ok(vec![
            t.node(rows.iter().map(|g| g.node.as_str()))?,
            t.decimals("variance", rows.iter().map(|g| Some(g.effects.variance)))?,
            t.decimals("volume", rows.iter().map(|g| Some(g.effects.volume)))?,
            t.decimals(
                "conversion",
                rows.iter().map(|g| Some(g.effects.conversion)),
            )?,
            t.decimals("deal_size", rows.iter().map(|g| Some(g.effects.deal_size)))?,
            t.text("biggest", rows.iter().map(|g| g.biggest.as_str()))?,
        ])
    }

    fn __len__(&self) -> usize {
        self.inner.kpis.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Evaluation(as_of={}, results={})",
            self.inner.as_of,
            self.inner.kpis.len()
        )
    }
}

/// A status as the JSON writes it.
fn status(s: Status) -> &'static str {
    match s {
        Status::OnTrack => "on_track",
        Status::AtRisk => "at_risk",
        Status::OffTrack => "off_track",
    }
}

static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A `datetime.date`.
pub(crate) fn date(py: Python<'_>, day: NaiveDate) -> PyResult<Bound<'_, PyAny>> {
    DATE.import(py, "datetime", "date")?
        .call1((day.year(), day.month(), day.day()))
}

/// A result's dict with its own copies of the containers in it (the
/// periods' list and dicts); the values are immutable and shared.
fn copy_result<'py>(result: &Bound<'py, PyDict>) -> PyResult<Bound<'py, PyDict>> {
    let py = result.py();
    let copy = result.copy()?;
    if let Some(periods) = result.get_item(intern!(py, "periods"))? {
        let periods = periods.cast_into::<PyList>()?;
        let copies = periods
            .iter()
            .map(|p| p.cast_into::<PyDict>()?.copy())
            .collect::<PyResult<Vec<_>>>()?;
        copy.set_item(intern!(py, "periods"), PyList::new(py, copies)?)?;
    }
    Ok(copy)
}

/// One result as a dict, its fields in the JSON's order.
fn kpi_dict<'py, 'a>(v: &mut Values<'py, 'a>, r: &'a KpiResult) -> PyResult<Bound<'py, PyDict>> {
    let py = v.py();
    let d = PyDict::new(py);
    d.set_item(intern!(py, "kpi"), v.str(&r.kpi))?;
    d.set_item(intern!(py, "node"), v.str(&r.node))?;
    let fields: [(&Bound<'py, _>, Option<Decimal>); 8] = [
        (intern!(py, "target"), r.target),
        (intern!(py, "actual"), r.actual),
        (intern!(py, "expected"), r.expected),
        (intern!(py, "variance"), r.variance),
        (intern!(py, "attainment"), r.attainment),
        (intern!(py, "forecast_run_rate"), r.forecast_run_rate),
        (intern!(py, "forecast_trend"), r.forecast_trend),
        (intern!(py, "forecast_pipeline"), r.forecast_pipeline),
    ];
    for (key, value) in fields {
        d.set_item(key, v.opt(value)?)?;
    }
    d.set_item(intern!(py, "status"), r.status.map(status))?;
    d.set_item(intern!(py, "trend"), v.opt(r.trend)?)?;
    let periods = r
        .periods
        .iter()
        .map(|p| period_dict(v, p))
        .collect::<PyResult<Vec<_>>>()?;
    d.set_item(intern!(py, "periods"), PyList::new(py, periods)?)?;
    Ok(d)
}

fn period_dict<'py, 'a>(
    v: &mut Values<'py, 'a>,
    p: &'a PeriodResult,
) -> PyResult<Bound<'py, PyDict>> {
    let py = v.py();
    let d = PyDict::new(py);
    d.set_item(intern!(py, "period"), v.str(&p.period))?;
    d.set_item(intern!(py, "target"), v.opt(p.target)?)?;
    d.set_item(intern!(py, "actual"), v.opt(p.actual)?)?;
    d.set_item(intern!(py, "attainment"), v.opt(p.attainment)?)?;
    Ok(d)
}

fn gap_dict<'py, 'a>(v: &mut Values<'py, 'a>, g: &'a NodeGap) -> PyResult<Bound<'py, PyDict>> {
    let py = v.py();
    let d = PyDict::new(py);
    let e = &g.effects;
    d.set_item(intern!(py, "node"), v.str(&g.node))?;
    d.set_item(intern!(py, "variance"), v.decimal(e.variance)?)?;
    d.set_item(intern!(py, "volume"), v.decimal(e.volume)?)?;
    d.set_item(intern!(py, "conversion"), v.decimal(e.conversion)?)?;
    d.set_item(intern!(py, "deal_size"), v.decimal(e.deal_size)?)?;
    d.set_item(intern!(py, "biggest"), v.str(&g.biggest))?;
    Ok(d)
}

/// Builds the columns of one table.
struct Table<'py, 'a> {
    values: Values<'py, 'a>,
    company: &'a str,
    as_float: bool,
    arrow_text: bool,
}

impl<'py, 'a> Table<'py, 'a> {
    fn new(py: Python<'py>, company: &'a str, as_float: bool, arrow_text: bool) -> PyResult<Self> {
        Ok(Table {
            values: Values::new(py)?,
            company,
            as_float,
            arrow_text,
        })
    }

    fn list(&self, items: Vec<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyList::new(self.values.py(), items)?.into_any())
    }

    fn text(
        &mut self,
        name: &'static str,
        rows: impl Iterator<Item = &'a str>,
    ) -> PyResult<Column<'py>> {
        self.texts(name, rows.map(Some))
    }

    /// The node column, the company's empty name replaced.
    fn node(&mut self, rows: impl Iterator<Item = &'a str>) -> PyResult<Column<'py>> {
        let company = self.company;
        self.text("node", rows.map(|n| if n.is_empty() { company } else { n }))
    }

    fn texts(
        &mut self,
        name: &'static str,
        rows: impl Iterator<Item = Option<&'a str>>,
    ) -> PyResult<Column<'py>> {
        let py = self.values.py();
        let rows: Vec<Option<&'a str>> = rows.collect();
        // pandas infers `str` only where there is a text; else objects.
        if self.arrow_text && rows.iter().any(Option::is_some) {
            let array = ArrowArray::texts(rows.into_iter());
            return Ok((name, Bound::new(py, array)?.into_any()));
        }
        let items = rows
            .into_iter()
            .map(|s| match s {
                Some(s) => self.values.str(s).into_any(),
                None => py.None().into_bound(py),
            })
            .collect();
        Ok((name, self.list(items)?))
    }

    fn decimals(
        &mut self,
        name: &'static str,
        rows: impl ExactSizeIterator<Item = Option<Decimal>>,
    ) -> PyResult<Column<'py>> {
        if self.as_float {
            return Ok((name, floats(self.values.py(), rows)?.into_any()));
        }
        let items = rows
            .map(|d| self.values.opt(d))
            .collect::<PyResult<Vec<_>>>()?;
        Ok((name, self.list(items)?))
    }
}

/// Evaluates `plan` against `actuals`, without holding the GIL.
pub(crate) fn evaluate(
    py: Python<'_>,
    plan: &salesplan::Plan,
    actuals: &PyActuals,
    request: crate::options::Request<'_>,
) -> PyResult<PyEvaluation> {
    let options = crate::options::options(request)?;
    let inner = py
        .detach(|| plan.evaluate(&actuals.inner, &options))
        .map_err(CoreError)?;
    Ok(PyEvaluation::new(inner))
}

/// Scorecards of an evaluation as JSON text (see
/// `salesplan::evaluate::scorecard`).
pub(crate) fn scorecards_json(
    plan: &salesplan::Plan,
    evaluation: &PyEvaluation,
    rubrics: &str,
    rubric_share: &str,
    cap: &str,
) -> PyResult<String> {
    use salesplan::evaluate::scorecard::{RubricScore, ScorecardOptions};
    let rubrics: Vec<RubricScore> = serde_json::from_str(rubrics).map_err(|e| {
        CoreError(salesplan::Error::InvalidArgument {
            name: "rubrics".into(),
            message: e.to_string(),
        })
    })?;
    let given = serde_json::json!({ "rubric_share": rubric_share.trim(), "cap": cap.trim() });
    let options = ScorecardOptions::from_value(&given).map_err(|e| CoreError(e.in_options("")))?;
    let cards = plan
        .scorecards(&evaluation.inner, &rubrics, &options)
        .map_err(CoreError)?;
    serde_json::to_string(&cards).map_err(crate::json_error)
}
