//! Partial evaluations: the folds of one batch of actuals, merged with
//! other batches' and evaluated once, with the answer the whole actuals
//! give in one process, byte for byte.
//!
//! [`Plan::fold`] folds a batch (a file, an Arrow record batch, a Spark
//! partition) against the plan, `as_of` and the hierarchy into a
//! [`Partial`]: for every filter of the plan's KPIs and every node the
//! batch reaches, each period's cell of each measure the formulas read —
//! the exact sum in minor units at the largest scale of its values, the
//! count, and the smallest, largest and latest value with where it came
//! from. [`Partial::merge`] adds another batch's partial; it is exact,
//! associative and commutative. [`Plan::evaluate_partial`] turns the merged
//! partial into the [`Evaluation`].
//!
//! * **Where a row comes from** is its batch number (given by the caller:
//!   the order of the batches in the whole) and its row in the batch. The
//!   node order of the evaluation (first appearance) and the ties of
//!   `min`, `max` and `last` are decided by it, so batches numbered in the
//!   order the whole would read them give the whole's answer, merged in any
//!   order. Batch numbers need not be consecutive (a Spark partition `p`'s
//!   `k`-th batch can be `p << 32 | k`).
//! * **Bytes.** [`Partial::to_bytes`] writes a versioned compact encoding
//!   (the magic `SPPE`, a format byte, then postcard);
//!   [`Partial::from_bytes`] refuses anything else with
//!   [`Error::InvalidArgument`] named `partial`, and checks every count,
//!   scale and date, so bytes from elsewhere cannot make evaluation panic.
//! * **Exactness.** Sums are `i128` minor units; a merge whose sum leaves
//!   `i128` is [`Error::Overflow`], as is a final sum beyond what a
//!   `Decimal` holds. Where the single-process path sums a measure as
//!   checked decimals (magnitudes near `Decimal::MAX`), a sum that passes
//!   through zero may keep a different number of decimal places there.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::aggregate::Fold;
use super::cells::{Cell, Mark, Node, Position};
use super::columnar::{overflow, Table, POW10};
use super::engine::{check_hierarchy, Engine, Tables};
use super::{Evaluation, EvaluationOptions};
use crate::actuals::{date_of, Actuals};
use crate::error::{Error, Result};
use crate::Plan;

/// The first bytes of an encoded partial.
const MAGIC: &[u8; 4] = b"SPPE";
/// The version of the encoding after [`MAGIC`].
const FORMAT: u8 = 1;

/// The folds of some batches of actuals against a plan, as of a date, by
/// the nodes of a hierarchy: what [`Plan::fold`] makes of a batch and
/// [`Partial::merge`] makes of two partials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partial {
    as_of: NaiveDate,
    hierarchy: Vec<String>,
    /// The plan's period names.
    periods: Vec<String>,
    /// The measures the KPI formulas read (and the gap analysis), a slot
    /// each.
    measures: Vec<String>,
    /// Whether a formula takes the min, max or last of each measure (the
    /// cells keep their extremes).
    extremes: Vec<bool>,
    /// The distinct KPI filters, in the plan's order.
    filters: Vec<Vec<(String, String)>>,
    /// Rows folded, whatever their date.
    rows: u64,
    /// The tags the rows carry, sorted, each with where it was first seen
    /// (its batch, and its place among the batch's tags).
    dimensions: Vec<(String, Position)>,
    /// Per filter, the nodes reached, sorted by key (the company first).
    tables: Vec<Vec<Node>>,
}

impl Plan {
    /// Folds one batch of actuals into a [`Partial`] for evaluation as of
    /// `options.as_of` by `options.hierarchy` (the pipeline, cascade and
    /// trend periods are the evaluation's, not the fold's). `batch` places
    /// the batch among the others: see [the module](self).
    ///
    /// # Errors
    /// As [`Plan::evaluate`]: `as_of` before the plan, a formula that does
    /// not parse, a sum beyond `i128` units. A hierarchy tag that no row of
    /// this batch carries is not an error here; the merged partial is
    /// checked when it is evaluated.
    pub fn fold(
        &self,
        actuals: &Actuals,
        options: &EvaluationOptions,
        batch: u64,
    ) -> Result<Partial> {
        crate::actuals::settle::check_settled(actuals)?;
        let (frame, formulas) = self.prepare(options)?;
        let engine = Engine::new(actuals, &frame, &formulas, options);
        let filters = self.filters();
        let (measures, extremes) = super::columnar::wanted(&formulas);
        let tables = engine.pass(&filters).export(&measures, batch)?;
        let mut dimensions: Vec<(String, Position)> = actuals
            .dimensions()
            .enumerate()
            .map(|(i, d)| {
                (
                    d.to_owned(),
                    Position {
                        batch,
                        row: i as u64,
                    },
                )
            })
            .collect();
        dimensions.sort();
        Ok(Partial {
            as_of: options.as_of,
            hierarchy: options.hierarchy.clone(),
            periods: frame.names,
            measures,
            extremes,
            filters: filters.into_iter().map(pairs).collect(),
            rows: actuals.len() as u64,
            dimensions,
            tables,
        })
    }

    /// A partial of no rows: what merging no batch gives.
    ///
    /// # Errors
    /// As [`Plan::fold`].
    pub fn empty_partial(&self, options: &EvaluationOptions) -> Result<Partial> {
        self.fold(&Actuals::new(), options, 0)
    }

    /// The evaluation of the merged batches of `partial`: the same as
    /// [`Plan::evaluate`] over all their rows in batch order, byte for
    /// byte.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] named `partial` when it was folded for
    /// another plan, date or hierarchy than `options` and this plan give;
    /// otherwise as [`Plan::evaluate`].
    pub fn evaluate_partial(
        &self,
        partial: &Partial,
        options: &EvaluationOptions,
    ) -> Result<Evaluation> {
        super::check_deal_currencies(&options.pipeline, &self.currency)?;
        let (frame, formulas) = self.prepare(options)?;
        let (measures, extremes) = super::columnar::wanted(&formulas);
        let expected = Partial {
            as_of: options.as_of,
            hierarchy: options.hierarchy.clone(),
            periods: frame.names.clone(),
            measures,
            extremes,
            filters: self.filters().into_iter().map(pairs).collect(),
            rows: 0,
            dimensions: Vec::new(),
            tables: Vec::new(),
        };
        partial.same_kind(&expected, ("the partial", "the evaluation's options"))?;
        let mut seen: Vec<&(String, Position)> = partial.dimensions.iter().collect();
        seen.sort_by_key(|(_, at)| *at);
        let dimensions: Vec<&str> = seen.iter().map(|(d, _)| d.as_str()).collect();
        check_hierarchy(partial.rows == 0, &dimensions, &options.hierarchy)?;
        let tables = partial.tables()?;
        self.finish(&frame, &formulas, &tables, &partial.measures, options)
    }
}

impl Partial {
    /// Adds the batches of `other`, which must have been folded for the
    /// same plan, date and hierarchy. The result does not depend on the
    /// order of merging.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] named `partial` for partials of different
    /// plans, dates or hierarchies; [`Error::Overflow`] for a sum beyond
    /// `i128` units (nothing is changed then).
    pub fn merge(&mut self, other: &Partial) -> Result<()> {
        self.same_kind(other, ("this partial", "the other"))?;
        let mut tables = Vec::with_capacity(self.tables.len());
        for (mine, theirs) in self.tables.iter().zip(&other.tables) {
            tables.push(merge_nodes(mine, theirs, &self.measures, &self.hierarchy)?);
        }
        self.tables = tables;
        self.rows = self.rows.saturating_add(other.rows);
        for (d, seen) in &other.dimensions {
            match self.dimensions.binary_search_by(|(mine, _)| mine.cmp(d)) {
                Ok(i) => self.dimensions[i].1 = self.dimensions[i].1.min(*seen),
                Err(i) => self.dimensions.insert(i, (d.clone(), *seen)),
            }
        }
        Ok(())
    }

    /// Rows folded into it, whatever their date.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The day it evaluates as of.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The hierarchy it was folded by.
    pub fn hierarchy(&self) -> &[String] {
        &self.hierarchy
    }

    /// Nodes reached (the company included), over every KPI filter.
    pub fn nodes(&self) -> usize {
        self.tables.iter().map(Vec::len).sum()
    }

    /// The compact encoding: `SPPE`, a format byte, then the fields.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.push(FORMAT);
        // Encoding into a vector fails only for types serde cannot
        // describe, and every field here is plain data.
        out.extend(postcard::to_allocvec(self).unwrap_or_default());
        out
    }

    /// Reads [`Partial::to_bytes`] and checks it.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] named `partial` for bytes that are not a
    /// partial of this format or that contradict themselves.
    pub fn from_bytes(bytes: &[u8]) -> Result<Partial> {
        let body = match bytes.strip_prefix(MAGIC.as_slice()) {
            Some([FORMAT, body @ ..]) => body,
            Some([version, ..]) => {
                return Err(refused(format!(
                    "format {version} is not one this version reads (it reads {FORMAT})"
                )))
            }
            _ => {
                return Err(refused(
                    "the bytes are not a partial evaluation (no `SPPE` at the start)".into(),
                ))
            }
        };
        let (partial, rest): (Partial, &[u8]) = postcard::take_from_bytes(body)
            .map_err(|e| refused(format!("the bytes cannot be read: {e}")))?;
        if !rest.is_empty() {
            return Err(refused(format!("{} bytes follow the partial", rest.len())));
        }
        partial.check()?;
        Ok(partial)
    }

    /// Refuses a partial of another plan, date or hierarchy than `other`;
    /// the message calls them `names`.
    fn same_kind(&self, other: &Partial, names: (&str, &str)) -> Result<()> {
        let (mine, theirs) = names;
        let list = |h: &[String]| format!("the hierarchy [{}]", h.join(", "));
        let differs = if self.as_of != other.as_of {
            Some(format!(
                "as of {}, {theirs} as of {}",
                self.as_of, other.as_of
            ))
        } else if self.hierarchy != other.hierarchy {
            Some(format!(
                "by {}, {theirs} by {}",
                list(&self.hierarchy),
                list(&other.hierarchy)
            ))
        } else if self.periods != other.periods {
            Some(format!("for a plan of other periods than {theirs}"))
        } else if self.measures != other.measures {
            Some(format!(
                "for formulas reading [{}], {theirs} for formulas reading [{}]",
                self.measures.join(", "),
                other.measures.join(", ")
            ))
        } else if self.extremes != other.extremes {
            let which = |p: &Partial| {
                let m: Vec<&str> = p
                    .measures
                    .iter()
                    .zip(&p.extremes)
                    .filter(|(_, e)| **e)
                    .map(|(m, _)| m.as_str())
                    .collect();
                format!("[{}]", m.join(", "))
            };
            Some(format!(
                "for formulas taking the min, max or last of {}, {theirs} of {}",
                which(self),
                which(other)
            ))
        } else if self.filters != other.filters {
            Some(format!("for KPIs of other filters than {theirs}"))
        } else {
            None
        };
        match differs {
            Some(d) => Err(refused(format!("{mine} was folded {d}"))),
            None => Ok(()),
        }
    }

    /// Checks what the encoding cannot: counts and lengths that agree, keys
    /// in order, scales a decimal has.
    fn check(&self) -> Result<()> {
        if self.extremes.len() != self.measures.len() {
            return Err(refused(format!(
                "{} measures, {} of them with extremes",
                self.measures.len(),
                self.extremes.len()
            )));
        }
        if self.tables.len() != self.filters.len() {
            return Err(refused(format!(
                "{} tables for {} filters",
                self.tables.len(),
                self.filters.len()
            )));
        }
        if self.periods.len() >= usize::from(u16::MAX) {
            return Err(refused(format!("{} periods", self.periods.len())));
        }
        if !self.dimensions.windows(2).all(|w| w[0].0 < w[1].0) {
            return Err(refused("the tags are not sorted and distinct".into()));
        }
        let width = self.periods.len() * self.measures.len();
        for (t, nodes) in self.tables.iter().enumerate() {
            let here = |message: String| refused(format!("table {t}: {message}"));
            match nodes.first() {
                Some(n) if n.key.is_empty() => {}
                _ => return Err(here("the company is not its first node".into())),
            }
            if !nodes.windows(2).all(|w| w[0].key < w[1].key) {
                return Err(here("the nodes are not sorted and distinct".into()));
            }
            for node in nodes {
                if node.key.len() > self.hierarchy.len() {
                    return Err(here(format!("a node {} levels deep", node.key.len())));
                }
                if node.first.is_none() && !node.key.is_empty() {
                    return Err(here("a node that no row reached".into()));
                }
                if node.cells.len() != width {
                    return Err(here(format!(
                        "a node of {} cells, not {width}",
                        node.cells.len()
                    )));
                }
                for cell in &node.cells {
                    // An empty cell is the default one, whatever its fields
                    // could hold, so that merging with it changes nothing.
                    let empty = cell.count == 0;
                    let marks = [cell.min, cell.max, cell.last];
                    if cell.scale > 28
                        || (empty && *cell != Cell::default())
                        || marks
                            .iter()
                            .flatten()
                            .any(|m| u32::from(cell.scale) < m.value.scale())
                    {
                        return Err(here("a cell that contradicts itself".into()));
                    }
                }
            }
        }
        Ok(())
    }

    /// The tables the evaluation reads: per filter, the nodes in order of
    /// first appearance (the company first), with their period and total
    /// folds.
    fn tables(&self) -> Result<Tables> {
        let mut done = Vec::with_capacity(self.filters.len());
        for (filter, nodes) in self.filters.iter().zip(&self.tables) {
            let mut order: Vec<&Node> = nodes.iter().filter(|n| !n.key.is_empty()).collect();
            order.sort_by_key(|n| (n.first, n.key.len()));
            order.splice(0..0, nodes.iter().filter(|n| n.key.is_empty()));
            let (periods, width) = (self.periods.len(), self.measures.len());
            let mut folds = Vec::with_capacity(order.len() * (periods + 1) * width);
            let mut paths = Vec::with_capacity(order.len());
            for node in order {
                let path = super::nodes::path_of(&self.hierarchy, &node.key);
                for p in 0..periods {
                    for slot in 0..width {
                        let cell = &node.cells[p * width + slot];
                        folds.push(
                            fold_of(cell).ok_or_else(|| overflow(&self.measures[slot], &path))?,
                        );
                    }
                }
                for slot in 0..width {
                    let cells = (0..periods).map(|p| &node.cells[p * width + slot]);
                    folds.push(total(cells).ok_or_else(|| overflow(&self.measures[slot], &path))?);
                }
                paths.push(path);
            }
            let filter: BTreeMap<String, String> = filter.iter().cloned().collect();
            done.push((filter, Table::new(paths, periods, width, folds)));
        }
        Ok(Tables { done })
    }
}

/// A filter as sorted (tag, value) pairs.
fn pairs(filter: BTreeMap<String, String>) -> Vec<(String, String)> {
    filter.into_iter().collect()
}

fn refused(message: String) -> Error {
    Error::InvalidArgument {
        name: "partial".into(),
        message,
    }
}

/// Two tables' nodes, merged by key.
fn merge_nodes(
    a: &[Node],
    b: &[Node],
    measures: &[String],
    hierarchy: &[String],
) -> Result<Vec<Node>> {
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let order = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => x.key.cmp(&y.key),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        match order {
            Ordering::Less => {
                out.push(a[i].clone());
                i += 1;
            }
            Ordering::Greater => {
                out.push(b[j].clone());
                j += 1;
            }
            Ordering::Equal => {
                let (x, y) = (&a[i], &b[j]);
                let width = measures.len().max(1);
                let cells = x
                    .cells
                    .iter()
                    .zip(&y.cells)
                    .enumerate()
                    .map(|(k, (c, d))| {
                        merge_cell(c, d).ok_or_else(|| {
                            let path = super::nodes::path_of(hierarchy, &x.key);
                            overflow(&measures[k % width], &path)
                        })
                    })
                    .collect::<Result<Vec<Cell>>>()?;
                let first = match (x.first, y.first) {
                    (Some(p), Some(q)) => Some(p.min(q)),
                    (p, q) => p.or(q),
                };
                out.push(Node {
                    key: x.key.clone(),
                    first,
                    cells,
                });
                i += 1;
                j += 1;
            }
        }
    }
    Ok(out)
}

/// `units` at a larger scale.
fn rescale(units: i128, from: u8, to: u8) -> Option<i128> {
    units.checked_mul(*POW10.get(usize::from(to.checked_sub(from)?))?)
}

/// The cell of both cells' rows; `None` when the sum leaves `i128`.
fn merge_cell(a: &Cell, b: &Cell) -> Option<Cell> {
    if b.count == 0 {
        return Some(*a);
    }
    if a.count == 0 {
        return Some(*b);
    }
    let scale = a.scale.max(b.scale);
    let units = rescale(a.units, a.scale, scale)?.checked_add(rescale(b.units, b.scale, scale)?)?;
    // As adding rows one by one in position order: the first of the
    // smallest and of the largest, the last of the latest day.
    let min = pick(a.min, b.min, |x, y| (x.value, x.at) < (y.value, y.at));
    let max = pick(a.max, b.max, |x, y| {
        x.value > y.value || (x.value == y.value && x.at < y.at)
    });
    let last = pick(a.last, b.last, |x, y| (x.day, x.at) > (y.day, y.at));
    Some(Cell {
        units,
        scale,
        count: a.count.checked_add(b.count)?,
        min,
        max,
        last,
    })
}

/// `a` or `b`, whichever `wins` over the other.
fn pick(a: Option<Mark>, b: Option<Mark>, wins: impl Fn(&Mark, &Mark) -> bool) -> Option<Mark> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if wins(&y, &x) { y } else { x }),
        (x, y) => x.or(y),
    }
}

/// The fold of one cell; `None` when its sum is beyond a decimal.
fn fold_of(cell: &Cell) -> Option<Fold> {
    if cell.count == 0 {
        return Some(Fold::default());
    }
    Some(Fold {
        sum: Decimal::try_from_i128_with_scale(cell.units, u32::from(cell.scale)).ok()?,
        count: cell.count,
        last: cell.last.map(|m| (date_of(m.day), m.value)),
        min: cell.min.map(|m| m.value),
        max: cell.max.map(|m| m.value),
    })
}

/// The fold of several periods' cells, as merging their folds in period
/// order gives it, with the sum exact at the largest scale.
fn total<'a>(cells: impl Iterator<Item = &'a Cell> + Clone) -> Option<Fold> {
    let Some(scale) = cells.clone().filter(|c| c.count > 0).map(|c| c.scale).max() else {
        return Some(Fold::default());
    };
    let mut total = Fold::default();
    let mut units = 0i128;
    for cell in cells.filter(|c| c.count > 0) {
        total.merge_extremes(&fold_of(cell)?);
        total.count = total.count.checked_add(cell.count)?;
        units = units.checked_add(rescale(cell.units, cell.scale, scale)?)?;
    }
    total.sum = Decimal::try_from_i128_with_scale(units, u32::from(scale)).ok()?;
    Some(total)
}

#[cfg(test)]
mod tests;
