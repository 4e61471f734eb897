//! `RuleSet`: a plan's adjustment rules compiled once and run over one
//! context of facts or over many at once (the core's
//! `RuleSet::evaluate_many`, 64 contexts at a time), each fact a column:
//! numpy arrays read in place, an Arrow table's columns, or lists of
//! Python values. The Python class `salesplan.RuleSet` builds on it.

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyCapsule, PyString};
use salesplan::adjust::{Fact, FactValue, FiredSets, RuleSet};
use salesplan::Plan;

use crate::arrow::{invalid, Table};
use crate::errors::CoreError;
use crate::evaluation::PyEvaluation;
use crate::facts::{check_arrow, python_fact, Column, Reader};
use crate::outputs::Values;
use crate::plan::PyPlan;

/// Contexts converted and run at a time: the facts of a block stay small
/// whatever the number of rows.
const BLOCK: usize = 4096;

/// A plan's rules, compiled.
#[pyclass(frozen, module = "salesplan._native", name = "RuleSet")]
pub(crate) struct PyRuleSet {
    plan: Plan,
    set: RuleSet,
}

/// The rules that held: how many contexts, and a byte per context and rule
/// (row-major).
type Fired<'py> = (usize, Bound<'py, PyByteArray>);

#[pymethods]
impl PyRuleSet {
    /// Compiles every rule of the plan (disabled ones too); raises
    /// `InvalidArgumentError` with the path `/rules/<i>/when` of the first
    /// that does not compile.
    #[new]
    fn new(plan: &PyPlan) -> PyResult<Self> {
        crate::errors::catch_panic(|| -> Result<Self, CoreError> {
            let plan = plan.inner.clone();
            let set = RuleSet::compile(&plan).map_err(|errors| {
                CoreError(salesplan::Error::InvalidArgument {
                    name: format!("/rules/{}/when", errors[0].index),
                    message: errors[0].to_string(),
                })
            })?;
            Ok(PyRuleSet { plan, set })
        })?
        .map_err(PyErr::from)
    }

    /// The rules' ids, in plan order.
    #[getter]
    fn ids(&self) -> Vec<String> {
        self.set.rules().iter().map(|r| r.id.clone()).collect()
    }

    /// Whether each rule is enabled.
    #[getter]
    fn enabled(&self) -> Vec<bool> {
        let rules = &self.plan.rules;
        self.set
            .rules()
            .iter()
            .map(|r| rules[r.index].enabled)
            .collect()
    }

    /// Every fact a rule reads, as conditions write it.
    #[getter]
    fn facts(&self) -> Vec<String> {
        self.set.slots().iter().map(ToString::to_string).collect()
    }

    /// Whether each fact is a text (else a number).
    #[getter]
    fn text_facts(&self) -> Vec<bool> {
        self.set.slots().iter().map(Fact::is_text).collect()
    }

    /// The facts an evaluation gives the rules (with the risk register it
    /// moves, as `Plan.propose` reads them): `Decimal`, `str` or `None` per
    /// fact.
    fn facts_of<'py>(
        &self,
        py: Python<'py>,
        evaluation: &PyEvaluation,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let register = self.plan.risk_register(Some(&evaluation.inner));
        let facts = self
            .set
            .facts(&self.plan, &evaluation.inner, Some(&register));
        let mut v = Values::unshared(py)?;
        facts
            .iter()
            .map(|f| match f {
                FactValue::Num(d) => v.decimal(*d),
                FactValue::Text(t) => Ok(PyString::new(py, t).into_any()),
                FactValue::Missing => Ok(py.None().into_bound(py)),
            })
            .collect()
    }

    /// The positions of the rules whose condition holds for one context:
    /// a value per fact, in the order of `facts`.
    fn evaluate(&self, facts: Vec<Bound<'_, PyAny>>) -> PyResult<Vec<usize>> {
        let slots = self.set.slots();
        if facts.len() != slots.len() {
            let message = format!("{} facts for {} slots", facts.len(), slots.len());
            return Err(invalid("facts", message).into());
        }
        let context = slots
            .iter()
            .zip(&facts)
            .map(|(slot, value)| python_fact(&|| slot.to_string(), slot.is_text(), value))
            .collect::<PyResult<Vec<_>>>()?;
        let mut fired = Vec::new();
        self.set.evaluate(&context, &mut fired);
        Ok(fired)
    }

    /// Every rule over many contexts, a column per fact in the order of
    /// `facts`: a 1-D contiguous numpy array of float64 or int64 (read in
    /// place), or a sequence of Python values; `None` for a column that is
    /// not there (an error naming it).
    fn evaluate_columns<'py>(
        &self,
        py: Python<'py>,
        columns: Vec<Bound<'py, PyAny>>,
    ) -> PyResult<Fired<'py>> {
        let slots = self.set.slots();
        if columns.len() != slots.len() {
            let message = format!("{} columns for {} facts", columns.len(), slots.len());
            return Err(invalid("facts", message).into());
        }
        let read = columns
            .iter()
            .zip(slots)
            .map(|(column, slot)| Column::from_python(column, slot))
            .collect::<PyResult<Vec<_>>>()?;
        let rows = rows(read.iter().map(Column::len), slots)?;
        let out = self.run(rows, |row, block| {
            for (column, fact) in read.iter().zip(slots) {
                block.push(column.at(row, fact)?);
            }
            Ok(())
        })?;
        fired(py, &self.set, &out)
    }

    /// The same over an Arrow stream (`__arrow_c_stream__`'s capsule) whose
    /// columns are named as the facts; other columns are ignored.
    fn evaluate_arrow<'py>(
        &self,
        py: Python<'py>,
        stream: &Bound<'py, PyCapsule>,
    ) -> PyResult<Fired<'py>> {
        let table = Table::from_capsule(stream)?;
        let slots = self.set.slots();
        let positions = slots
            .iter()
            .map(|slot| table.position(&slot.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        for (&i, slot) in positions.iter().zip(slots) {
            let found = table.schema.field(i).data_type();
            check_arrow(&slot.to_string(), slot.is_text(), found)?;
        }
        let mut out = FiredSets::new(&self.set);
        let mut block = Vec::new();
        for batch in &table.batches {
            let readers: Vec<Reader<'_>> = positions
                .iter()
                .map(|&i| Reader::new(batch.column(i).as_ref()))
                .collect();
            for start in (0..batch.num_rows()).step_by(BLOCK) {
                let end = (start + BLOCK).min(batch.num_rows());
                block.clear();
                for row in start..end {
                    for (reader, slot) in readers.iter().zip(slots) {
                        block.push(reader.at(row, slot)?);
                    }
                }
                self.run_block(&block, end - start, &mut out);
            }
        }
        fired(py, &self.set, &out)
    }

    fn __repr__(&self) -> String {
        format!(
            "RuleSet(rules={}, facts={})",
            self.set.rules().len(),
            self.set.slots().len()
        )
    }
}

impl PyRuleSet {
    /// Runs `rows` contexts, block by block, each context's facts pushed
    /// by `context(row, block)`.
    fn run(
        &self,
        rows: usize,
        context: impl Fn(usize, &mut Vec<FactValue>) -> PyResult<()>,
    ) -> PyResult<FiredSets> {
        let slots = self.set.slots().len();
        let mut out = FiredSets::new(&self.set);
        let mut block = Vec::with_capacity(BLOCK * slots);
        for start in (0..rows).step_by(BLOCK) {
            let end = (start + BLOCK).min(rows);
            block.clear();
            for row in start..end {
                context(row, &mut block)?;
            }
            self.run_block(&block, end - start, &mut out);
        }
        Ok(out)
    }

    /// `contexts` contexts whose facts lie one after another in `block`.
    fn run_block(&self, block: &[FactValue], contexts: usize, out: &mut FiredSets) {
        let slots = self.set.slots().len();
        if slots == 0 {
            let empty: &[FactValue] = &[];
            self.set
                .evaluate_many(std::iter::repeat_n(empty, contexts), out);
        } else {
            self.set.evaluate_many(block.chunks_exact(slots), out);
        }
    }
}

/// A byte per context and rule, row-major, for `np.frombuffer(..., bool)`.
fn fired<'py>(py: Python<'py>, set: &RuleSet, out: &FiredSets) -> PyResult<Fired<'py>> {
    let rules = set.rules().len();
    let mut bytes = vec![0u8; out.len() * rules];
    if rules > 0 {
        for (context, row) in bytes.chunks_exact_mut(rules).enumerate() {
            for rule in out.fired(context) {
                row[rule] = 1;
            }
        }
    }
    Ok((out.len(), PyByteArray::new(py, &bytes)))
}

/// The number of contexts: the length every column shares.
fn rows(lengths: impl Iterator<Item = usize>, slots: &[Fact]) -> Result<usize, CoreError> {
    let mut rows = None;
    for (len, slot) in lengths.zip(slots) {
        match rows {
            None => rows = Some(len),
            Some(n) if n != len => {
                let message = format!("column {slot} has {len} values; the others {n}");
                return Err(invalid("facts", message));
            }
            Some(_) => {}
        }
    }
    Ok(rows.unwrap_or(0))
}
