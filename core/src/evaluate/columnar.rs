//! The columnar fold behind [`Plan::evaluate`](crate::Plan::evaluate): the
//! actuals' columns folded into dense per (node, period, measure) cells in
//! one pass per distinct KPI filter, keyed by integer codes.
//!
//! * A day → period table replaces date arithmetic per row; measures,
//!   filter tags and hierarchy nodes are compared as dictionary codes, and
//!   each row is added to its deepest node only; parents are folded from
//!   their children afterwards.
//! * Sums are integers in minor units at the measure's largest scale
//!   (`i128`, which cannot overflow for the measure's magnitudes — that is
//!   checked once per measure from the bits of its largest mantissa; where
//!   it could, the measure is summed as checked `Decimal`s instead). A cell
//!   becomes a `Decimal` only at the end, at the largest scale of its own
//!   values (`5` and `0.50` sum to `5.50`), whatever the order of the rows.
//!   Adding the `Decimal`s one by one gives the same value, and the same
//!   scale except where the running sum passes through zero or a value is
//!   zero (`rust_decimal` then keeps the other operand as it is). A sum
//!   beyond what a `Decimal` holds is [`Error::Overflow`].
//! * `min`, `max` and `last` keep the row they come from, and ties go the
//!   way adding rows in load order goes (the first of the smallest and of
//!   the largest, the last of the latest day), so the result does not
//!   depend on how the rows are split.
//! * Two threads fold halves of the rows where the machine has them (one on
//!   WebAssembly); the halves merge exactly, so the result is the same for
//!   any number of threads.

use rust_decimal::Decimal;

use super::aggregate::Fold;
use super::cells;
use super::nodes::{Nodes, NONE};
use crate::actuals::{date_of, Actuals, Raw};
use crate::error::{Error, Result};
use crate::formula::{Aggregate, Formula};

/// The measures the gap analysis reads, folded whatever the formulas.
const GAP_MEASURES: [&str; 3] = ["revenue", "won_deals", "opportunities"];

/// 10^k for k = 0..=28.
pub(super) const POW10: [i128; 29] = {
    let mut t = [1i128; 29];
    let mut k = 1;
    while k < 29 {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// No period for this day.
const NO_PERIOD: u16 = u16::MAX;

/// Rows below which one thread folds everything.
const PARALLEL_ROWS: usize = 1 << 15;

/// Which period each day from the plan's start to the last day evaluated
/// falls in.
pub(super) struct DayTable {
    first: i32,
    period: Vec<u16>,
}

impl DayTable {
    /// From the periods' first and last days (clipped to the plan), up to
    /// `last` inclusive.
    pub(super) fn new(
        starts: &[chrono::NaiveDate],
        ends: &[chrono::NaiveDate],
        last: chrono::NaiveDate,
    ) -> DayTable {
        let day = crate::actuals::day_number;
        let first = starts.first().map_or(0, |s| day(*s));
        let end = ends.last().map_or(first - 1, |e| day(*e).min(day(last)));
        let mut period = vec![NO_PERIOD; usize::try_from(end - first + 1).unwrap_or(0)];
        for (p, (s, e)) in starts.iter().zip(ends).enumerate() {
            let (s, e) = (day(*s) - first, (day(*e).min(end)) - first);
            for d in s.max(0)..=e {
                if let Some(slot) = period.get_mut(d as usize) {
                    *slot = u16::try_from(p).unwrap_or(NO_PERIOD);
                }
            }
        }
        DayTable { first, period }
    }

    #[inline]
    fn of(&self, day: i32) -> u16 {
        let d = day.wrapping_sub(self.first) as u32 as usize;
        self.period.get(d).copied().unwrap_or(NO_PERIOD)
    }
}

/// The measures the plan's formulas read, each a slot of the cells.
pub(super) struct Slots {
    names: Vec<String>,
    /// Measure code → slot ([`NONE`] for a measure no formula reads).
    slot_of: Vec<u32>,
    /// How each slot sums.
    sums: Vec<SumKind>,
    /// Whether a formula takes the min, max or last of the slot.
    extremes: Vec<bool>,
    /// Whether some slot's integer sums need more than 64 bits.
    wide: bool,
    /// Whether every value of each slot has the same scale.
    uniform: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SumKind {
    /// Integers at this scale.
    Units(u32),
    /// Checked decimals.
    Decimal,
}

impl Slots {
    /// The measures read by `formulas` and the gap analysis.
    pub(super) fn new(actuals: &Actuals, formulas: &[Formula]) -> Slots {
        let wanted = measures_read(formulas);
        let rows_bits = 64 - (actuals.len() as u64).leading_zeros();
        let mut slots = Slots {
            names: Vec::new(),
            slot_of: vec![NONE; actuals.measures().len()],
            sums: Vec::new(),
            extremes: Vec::new(),
            wide: false,
            uniform: true,
        };
        // A measure that never occurs gets no slot: its folds are empty.
        for (name, extreme) in wanted {
            let Some(code) = actuals.measure_code(&name) else {
                continue;
            };
            slots.slot_of[code as usize] = slots.names.len() as u32;
            let shape = actuals.shape(code);
            let spread = shape.max_scale.saturating_sub(shape.min_scale);
            // Bits of the largest sum: 10^k < 2^(10k/3 + 1).
            let bits = shape.max_bits + (10 * spread).div_ceil(3) + 1 + rows_bits;
            let kind = if shape.max_scale <= 28 && bits <= 126 {
                slots.wide |= bits > 62;
                slots.uniform &= spread == 0;
                SumKind::Units(shape.max_scale)
            } else {
                SumKind::Decimal
            };
            slots.names.push(name);
            slots.sums.push(kind);
            slots.extremes.push(extreme);
        }
        slots
    }

    /// The measure of each slot.
    pub(super) fn names(&self) -> &[String] {
        &self.names
    }

    fn len(&self) -> usize {
        self.names.len()
    }
}

/// The measures read by `formulas` and the gap analysis, in order of
/// first reading, each with whether a formula takes its min, max or last.
fn measures_read(formulas: &[Formula]) -> Vec<(String, bool)> {
    let mut wanted: Vec<(String, bool)> = Vec::new();
    let mut want = |name: &str, extreme: bool| match wanted.iter_mut().find(|w| w.0 == name) {
        Some(w) => w.1 |= extreme,
        None => wanted.push((name.to_owned(), extreme)),
    };
    for f in formulas {
        visit(f, &mut want);
    }
    for m in GAP_MEASURES {
        want(m, false);
    }
    wanted
}

/// The names of [`measures_read`], and whether each keeps its extremes.
pub(super) fn wanted(formulas: &[Formula]) -> (Vec<String>, Vec<bool>) {
    measures_read(formulas).into_iter().unzip()
}

fn visit(formula: &Formula, want: &mut dyn FnMut(&str, bool)) {
    match formula {
        Formula::Number(_) | Formula::Kpi { .. } => {}
        Formula::Measure {
            aggregate, measure, ..
        } => want(
            measure,
            matches!(aggregate, Aggregate::Min | Aggregate::Max | Aggregate::Last),
        ),
        Formula::Neg(inner) => visit(inner, want),
        Formula::Binary(_, l, r) => {
            visit(l, want);
            visit(r, want);
        }
    }
}

/// A filter as (codes by row, the code a row must have) per tag.
pub(super) type Filter<'a> = Vec<(&'a [u32], u32)>;

/// What one pass folds: the rows dated in a period up to the last day
/// evaluated, once for each filter (dimension codes that must match) that
/// they pass. Every row is read once, whatever the number of filters.
pub(super) struct Pass<'a> {
    pub(super) actuals: &'a Actuals,
    pub(super) days: &'a DayTable,
    pub(super) periods: usize,
    pub(super) slots: &'a Slots,
    pub(super) nodes: &'a Nodes,
    pub(super) hierarchy: &'a [String],
    /// The filters; `None` for one naming a tag or value that never
    /// occurs, which no row passes.
    pub(super) filters: Vec<Option<Filter<'a>>>,
}

/// The folds of every node that a pass reached, in order of first
/// appearance (the company first, always).
pub(super) struct Table {
    /// The nodes' paths.
    pub(super) paths: Vec<String>,
    periods: usize,
    slots: usize,
    /// Per node: a block of folds per period, then one for all of them.
    folds: Vec<Fold>,
}

impl Table {
    /// The table of nodes `paths` whose folds are, per node, a block of
    /// `slots` folds per period and one for all of them.
    pub(super) fn new(paths: Vec<String>, periods: usize, slots: usize, folds: Vec<Fold>) -> Table {
        Table {
            paths,
            periods,
            slots,
            folds,
        }
    }

    /// The folds of node `i` (by position in [`Table::paths`]) in period `p`.
    pub(super) fn period(&self, i: usize, p: usize) -> &[Fold] {
        let at = (i * (self.periods + 1) + p) * self.slots;
        &self.folds[at..at + self.slots]
    }

    /// The folds of node `i` over every period.
    pub(super) fn total(&self, i: usize) -> &[Fold] {
        self.period(i, self.periods)
    }
}

/// Rows of the extremes of a cell.
#[derive(Debug, Clone, Copy)]
struct Ext {
    min: u32,
    max: u32,
    last: u32,
}

const NO_EXT: Ext = Ext {
    min: NONE,
    max: NONE,
    last: NONE,
};

/// An integer sum in minor units: `i64` where every measure's sums fit
/// in 63 bits (half the memory traffic), else `i128`.
trait Units: Copy + Default + Send + Sync + std::ops::AddAssign + Into<i128> {
    /// The units of a mantissa scaled up by `10^k` (`k` ≤ 28), which
    /// [`Slots::new`] has checked to fit.
    fn scaled(mantissa: i128, k: u32) -> Self;
}

impl Units for i64 {
    #[inline]
    fn scaled(mantissa: i128, k: u32) -> i64 {
        let m = mantissa as i64;
        if k == 0 {
            m
        } else {
            m * POW10[k as usize] as i64
        }
    }
}

impl Units for i128 {
    #[inline]
    fn scaled(mantissa: i128, k: u32) -> i128 {
        if k == 0 {
            mantissa
        } else {
            mantissa * POW10[k as usize]
        }
    }
}

/// One (node, period, slot) cell: what one cache line access updates.
#[derive(Debug, Clone, Copy, Default)]
struct Cell<U> {
    sum: U,
    count: u32,
    /// The largest scale of the cell's values.
    scale: u8,
}

/// The cells of a fold, by (node, period, slot).
struct Acc<U> {
    cells: Vec<Cell<U>>,
    /// Sums of the slots summed as decimals (empty when there are none).
    decimals: Vec<Decimal>,
    /// Rows of the extremes (empty when no formula reads them).
    ext: Vec<Ext>,
    /// The first row of every node.
    first: Vec<u32>,
    /// A cell whose decimal sum overflowed.
    overflow: Option<usize>,
}

/// The sums of a fold as `i128`, whatever their width.
struct Folded {
    sums: Vec<i128>,
    counts: Vec<u32>,
    scales: Vec<u8>,
    decimals: Vec<Decimal>,
    ext: Vec<Ext>,
    first: Vec<u32>,
    overflow: Option<usize>,
}

impl Pass<'_> {
    /// Folds the rows: a table per filter.
    pub(super) fn run(&self) -> Result<Vec<Table>> {
        self.run_on(threads(self.actuals.len()))
    }

    /// Folds the rows on `threads` threads.
    fn run_on(&self, threads: usize) -> Result<Vec<Table>> {
        let rows = self.actuals.len();
        if u32::try_from(rows).map_or(true, |r| r == u32::MAX) {
            return Err(Error::InvalidArgument {
                name: "actuals".into(),
                message: format!("{rows} rows; at most {} can be evaluated", u32::MAX - 1),
            });
        }
        let folded = if self.slots.wide {
            self.run_typed::<i128>(threads)?
        } else {
            self.run_typed::<i64>(threads)?
        };
        (0..self.filters.len())
            .map(|g| self.table(&folded, g))
            .collect()
    }

    /// Folds the rows into the nodes of a partial evaluation (see
    /// [`super::partial`]): per filter, every node reached, sorted by key,
    /// its cells per period for each of `measures` (empty for a measure no
    /// row has), its rows placed in batch `batch`.
    pub(super) fn export(&self, measures: &[String], batch: u64) -> Result<Vec<Vec<cells::Node>>> {
        let folded = if self.slots.wide {
            self.run_typed::<i128>(threads(self.actuals.len()))?
        } else {
            self.run_typed::<i64>(threads(self.actuals.len()))?
        };
        let slot_of: Vec<Option<usize>> = measures
            .iter()
            .map(|m| self.slots.names.iter().position(|n| n == m))
            .collect();
        let (nodes, periods, width) = (self.nodes.len(), self.periods, self.slots.len());
        let groups = self.filters.len();
        let Raw { days, values, .. } = self.actuals.raw();
        let mark = |row: u32| {
            (row != NONE).then(|| cells::Mark {
                value: values[row as usize],
                day: days[row as usize],
                at: cells::Position {
                    batch,
                    row: u64::from(row),
                },
            })
        };
        let mut tables = Vec::with_capacity(groups);
        for g in 0..groups {
            let first = &folded.first[g * nodes..(g + 1) * nodes];
            let mut out = Vec::new();
            for node in 0..nodes {
                if node != 0 && first[node] == NONE {
                    continue;
                }
                let key = self.nodes.key(node, self.actuals, self.hierarchy);
                let path = || super::nodes::path_of(self.hierarchy, &key);
                let mut cells = Vec::with_capacity(periods * measures.len());
                for p in 0..periods {
                    for slot in &slot_of {
                        let Some(slot) = *slot else {
                            cells.push(cells::Cell::default());
                            continue;
                        };
                        let at = ((node * periods + p) * width + slot) * groups + g;
                        if folded.counts[at] == 0 {
                            cells.push(cells::Cell::default());
                            continue;
                        }
                        let scale = folded.scales[at];
                        let units = match self.slots.sums[slot] {
                            SumKind::Units(top) => {
                                folded.sums[at] / POW10[(top - u32::from(scale)) as usize]
                            }
                            SumKind::Decimal => {
                                let d = folded.decimals[at];
                                let up = u32::from(scale).checked_sub(d.scale());
                                up.and_then(|k| d.mantissa().checked_mul(POW10[k as usize]))
                                    .ok_or_else(|| self.overflow(slot, &path()))?
                            }
                        };
                        let ext = folded.ext.get(at).copied().unwrap_or(NO_EXT);
                        cells.push(cells::Cell {
                            units,
                            scale,
                            count: u64::from(folded.counts[at]),
                            min: mark(ext.min),
                            max: mark(ext.max),
                            last: mark(ext.last),
                        });
                    }
                }
                let first = (first[node] != NONE).then(|| cells::Position {
                    batch,
                    row: u64::from(first[node]),
                });
                out.push(cells::Node { key, first, cells });
            }
            out.sort_by(|a, b| a.key.cmp(&b.key));
            tables.push(out);
        }
        Ok(tables)
    }

    fn run_typed<U: Units>(&self, threads: usize) -> Result<Folded> {
        let rows = self.actuals.len();
        let mut acc = match threads.clamp(1, rows.max(1)) {
            1 => self.fold::<U>(0..rows),
            n => {
                let size = rows.div_ceil(n);
                let parts = std::thread::scope(|scope| {
                    let handles: Vec<_> = (0..n)
                        .map(|i| {
                            let (from, to) = (i * size, ((i + 1) * size).min(rows));
                            std::thread::Builder::new()
                                .spawn_scoped(scope, move || self.fold::<U>(from..to))
                                .map_err(|_| from..to)
                        })
                        .collect();
                    handles
                        .into_iter()
                        .map(|h| match h {
                            Ok(h) => h.join().ok(),
                            // No thread to be had (WebAssembly): fold here.
                            Err(range) => Some(self.fold::<U>(range)),
                        })
                        .collect::<Option<Vec<Acc<U>>>>()
                });
                let mut parts = parts
                    .ok_or_else(|| Error::InvalidArgument {
                        name: "actuals".into(),
                        message: "a thread folding the actuals stopped".into(),
                    })?
                    .into_iter();
                let mut first = parts.next().unwrap_or_else(|| self.empty());
                for part in parts {
                    self.merge_all(&mut first, &part);
                }
                first
            }
        };
        self.roll_up(&mut acc);
        Ok(Folded {
            sums: acc.cells.iter().map(|c| c.sum.into()).collect(),
            counts: acc.cells.iter().map(|c| c.count).collect(),
            scales: acc.cells.iter().map(|c| c.scale).collect(),
            decimals: acc.decimals,
            ext: acc.ext,
            first: acc.first,
            overflow: acc.overflow,
        })
    }

    fn cells(&self) -> usize {
        self.filters.len() * self.nodes.len() * self.periods * self.slots.len()
    }

    fn empty<U: Units>(&self) -> Acc<U> {
        let cells = self.cells();
        Acc {
            cells: vec![Cell::default(); cells],
            decimals: if self.slots.sums.contains(&SumKind::Decimal) {
                vec![Decimal::ZERO; cells]
            } else {
                Vec::new()
            },
            ext: if self.slots.extremes.contains(&true) {
                vec![NO_EXT; cells]
            } else {
                Vec::new()
            },
            first: vec![NONE; self.filters.len() * self.nodes.len()],
            overflow: None,
        }
    }

    /// Folds rows `range` into fresh cells.
    fn fold<U: Units>(&self, range: std::ops::Range<usize>) -> Acc<U> {
        let simple = self.filters.len() <= 8
            && !self.slots.sums.contains(&SumKind::Decimal)
            && !self.slots.extremes.contains(&true);
        if simple && self.slots.uniform {
            self.fold_sums::<U, true>(range)
        } else if simple {
            self.fold_sums::<U, false>(range)
        } else {
            self.fold_any(range)
        }
    }

    /// Which filters each row of `range` passes, a bit per filter (at
    /// most eight), one comparison loop per filter term.
    fn masks(&self, range: std::ops::Range<usize>) -> Vec<u8> {
        let mut masks = vec![0u8; range.len()];
        let mut pass = vec![0u8; range.len()];
        for (g, filter) in self.filters.iter().enumerate() {
            let Some(filter) = filter else { continue };
            pass.fill(1);
            for (codes, code) in filter {
                for (p, k) in pass.iter_mut().zip(&codes[range.clone()]) {
                    *p &= u8::from(*k == *code);
                }
            }
            for (m, p) in masks.iter_mut().zip(&pass) {
                *m |= p << g;
            }
        }
        masks
    }

    /// [`Pass::fold`] where every slot sums as integers and no formula
    /// reads an extreme: the loop that 10 million rows go through. With
    /// `UNIFORM` every value of a slot has the slot's scale, so mantissas
    /// add as they are.
    fn fold_sums<U: Units, const UNIFORM: bool>(&self, range: std::ops::Range<usize>) -> Acc<U> {
        let mut acc = self.empty::<U>();
        let masks = self.masks(range.clone());
        let Raw {
            days,
            measures,
            values,
        } = self.actuals.raw();
        let (nodes, periods, width) = (self.nodes.len(), self.periods, self.slots.len());
        let groups = self.filters.len();
        let tops: Vec<u32> = self
            .slots
            .sums
            .iter()
            .map(|k| match k {
                SumKind::Units(top) => *top,
                SumKind::Decimal => 0,
            })
            .collect();
        let (table, first_day) = (&self.days.period[..], self.days.first);
        let slot_of = &self.slots.slot_of[..];
        let leaf = &self.nodes.leaf[..];
        let (cells, first) = (&mut acc.cells[..], &mut acc.first[..]);
        for (&mask, row) in masks.iter().zip(range) {
            let d = days[row].wrapping_sub(first_day) as u32 as usize;
            let p = match table.get(d) {
                Some(&p) if p != NO_PERIOD && mask != 0 => usize::from(p),
                _ => continue,
            };
            let node = if leaf.is_empty() {
                0
            } else {
                leaf[row] as usize
            };
            let mut bits = mask;
            while bits != 0 {
                let g = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let f = &mut first[g * nodes + node];
                if *f == NONE {
                    *f = row as u32;
                }
            }
            let slot = slot_of[measures[row] as usize];
            if slot == NONE {
                continue;
            }
            let slot = slot as usize;
            let value = &values[row];
            let (units, scale) = if UNIFORM {
                (U::scaled(value.mantissa(), 0), 0)
            } else {
                let scale = value.scale();
                (U::scaled(value.mantissa(), tops[slot] - scale), scale as u8)
            };
            // The filters' cells of a (node, period, slot) are side by
            // side: one cache line for all of them.
            let base = ((node * periods + p) * width + slot) * groups;
            let mut bits = mask;
            while bits != 0 {
                let g = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let cell = &mut cells[base + g];
                cell.sum += units;
                cell.count += 1;
                if !UNIFORM {
                    cell.scale = cell.scale.max(scale);
                }
            }
        }
        if UNIFORM {
            // Every value of a slot has the slot's scale.
            for (at, cell) in cells.iter_mut().enumerate() {
                if cell.count > 0 {
                    cell.scale = tops[at / groups % width] as u8;
                }
            }
        }
        acc
    }

    /// [`Pass::fold`] for any slots.
    fn fold_any<U: Units>(&self, range: std::ops::Range<usize>) -> Acc<U> {
        let mut acc = self.empty::<U>();
        let Raw { days, measures, .. } = self.actuals.raw();
        let (nodes, periods, width) = (self.nodes.len(), self.periods, self.slots.len());
        let groups = self.filters.len();
        let filters: Vec<(usize, &Filter<'_>)> = self
            .filters
            .iter()
            .enumerate()
            .filter_map(|(g, f)| Some((g, f.as_ref()?)))
            .collect();
        for row in range {
            let p = self.days.of(days[row]);
            if p == NO_PERIOD {
                continue;
            }
            let leaf = self.nodes.of_row(row);
            let slot = self.slots.slot_of[measures[row] as usize];
            for &(g, filter) in &filters {
                if !filter.iter().all(|(codes, c)| codes[row] == *c) {
                    continue;
                }
                let first = &mut acc.first[g * nodes + leaf];
                if *first == NONE {
                    *first = row as u32;
                }
                if slot != NONE {
                    // The filters' cells of a (node, period, slot) are
                    // side by side: one cache line for all of them.
                    let at =
                        ((leaf * periods + usize::from(p)) * width + slot as usize) * groups + g;
                    self.add(&mut acc, row, at, slot as usize);
                }
            }
        }
        acc
    }

    /// Adds row `row` to cell `at`, of slot `slot`.
    #[inline]
    fn add<U: Units>(&self, acc: &mut Acc<U>, row: usize, at: usize, slot: usize) {
        let Raw { days, values, .. } = self.actuals.raw();
        let value = &values[row];
        let scale = value.scale();
        let cell = &mut acc.cells[at];
        match self.slots.sums[slot] {
            SumKind::Units(top) => cell.sum += U::scaled(value.mantissa(), top - scale),
            SumKind::Decimal => match acc.decimals[at].checked_add(*value) {
                Some(s) => acc.decimals[at] = s,
                None => acc.overflow = acc.overflow.or(Some(at)),
            },
        }
        cell.count += 1;
        cell.scale = cell.scale.max(scale as u8);
        if self.slots.extremes[slot] {
            let e = &mut acc.ext[at];
            let r = row as u32;
            if e.min == NONE || *value < values[e.min as usize] {
                e.min = r;
            }
            if e.max == NONE || *value > values[e.max as usize] {
                e.max = r;
            }
            if e.last == NONE || days[row] >= days[e.last as usize] {
                e.last = r;
            }
        }
    }

    /// Adds the cells of `other` (any rows) to those of `into`.
    fn merge_all<U: Units>(&self, into: &mut Acc<U>, other: &Acc<U>) {
        for at in 0..self.cells() {
            if other.cells[at].count > 0 {
                self.merge_cell(into, at, other, at);
            }
        }
        for (a, b) in into.first.iter_mut().zip(&other.first) {
            *a = (*a).min(*b);
        }
        into.overflow = into.overflow.or(other.overflow);
    }

    /// Adds cell `at` of `from` (any rows) to cell `to` of `into`.
    fn merge_cell<U: Units>(&self, into: &mut Acc<U>, to: usize, from: &Acc<U>, at: usize) {
        let (c, decimal, ext) = (
            from.cells[at],
            from.decimals.get(at).copied(),
            from.ext.get(at).copied(),
        );
        self.merge_values(into, to, c, decimal, ext);
    }

    fn merge_values<U: Units>(
        &self,
        into: &mut Acc<U>,
        to: usize,
        c: Cell<U>,
        decimal: Option<Decimal>,
        ext: Option<Ext>,
    ) {
        let cell = &mut into.cells[to];
        cell.sum += c.sum;
        cell.count += c.count;
        cell.scale = cell.scale.max(c.scale);
        if let Some(d) = decimal {
            match into.decimals[to].checked_add(d) {
                Some(s) => into.decimals[to] = s,
                None => into.overflow = into.overflow.or(Some(to)),
            }
        }
        if let Some(b) = ext {
            let Raw { days, values, .. } = self.actuals.raw();
            let a = &mut into.ext[to];
            let value = |r: u32| values[r as usize];
            let day = |r: u32| days[r as usize];
            // As adding rows one by one in load order: the first of the
            // smallest and of the largest, the last of the latest day.
            if b.min != NONE && (a.min == NONE || (value(b.min), b.min) < (value(a.min), a.min)) {
                a.min = b.min;
            }
            if b.max != NONE
                && (a.max == NONE
                    || value(b.max) > value(a.max)
                    || (value(b.max) == value(a.max) && b.max < a.max))
            {
                a.max = b.max;
            }
            if b.last != NONE && (a.last == NONE || (day(b.last), b.last) > (day(a.last), a.last)) {
                a.last = b.last;
            }
        }
    }

    /// Folds every node's cells into its parent's, deepest first.
    fn roll_up<U: Units>(&self, acc: &mut Acc<U>) {
        let (nodes, groups) = (self.nodes.len(), self.filters.len());
        let block = self.periods * self.slots.len() * groups;
        for node in (1..nodes).rev() {
            let parent = self.nodes.parent[node] as usize;
            for k in 0..block {
                let at = node * block + k;
                let c = acc.cells[at];
                if c.count > 0 {
                    let decimal = acc.decimals.get(at).copied();
                    let ext = acc.ext.get(at).copied();
                    self.merge_values(acc, parent * block + k, c, decimal, ext);
                }
            }
            for g in 0..groups {
                let (to, from) = (g * nodes + parent, g * nodes + node);
                acc.first[to] = acc.first[to].min(acc.first[from]);
            }
        }
    }

    /// The reached nodes' folds as decimals.
    /// The table of filter `g`.
    fn table(&self, acc: &Folded, g: usize) -> Result<Table> {
        let first = &acc.first[g * self.nodes.len()..(g + 1) * self.nodes.len()];
        let mut order: Vec<usize> = (1..self.nodes.len())
            .filter(|&n| first[n] != NONE)
            .collect();
        order.sort_by_key(|&n| (first[n], self.nodes.depth[n]));
        order.insert(0, 0);
        let (periods, width) = (self.periods, self.slots.len());
        let groups = self.filters.len();
        let at =
            |node: usize, p: usize, slot: usize| ((node * periods + p) * width + slot) * groups + g;
        let mut folds = Vec::with_capacity(order.len() * (periods + 1) * width);
        let mut paths = Vec::with_capacity(order.len());
        for &node in &order {
            let path = self.nodes.path(node, self.actuals, self.hierarchy);
            for p in 0..periods {
                for slot in 0..width {
                    let cell = at(node, p, slot);
                    folds.push(self.cell(acc, cell, slot, &path)?);
                }
            }
            for slot in 0..width {
                let cells = (0..periods).map(|p| at(node, p, slot));
                folds.push(self.total(acc, cells, slot, &path)?);
            }
            paths.push(path);
        }
        Ok(Table {
            paths,
            periods,
            slots: width,
            folds,
        })
    }

    /// The fold of one cell.
    fn cell(&self, acc: &Folded, cell: usize, slot: usize, node: &str) -> Result<Fold> {
        if acc.counts[cell] == 0 {
            return Ok(Fold::default());
        }
        if acc.overflow == Some(cell) {
            return Err(self.overflow(slot, node));
        }
        let sum = match self.slots.sums[slot] {
            SumKind::Units(top) => {
                let scale = u32::from(acc.scales[cell]);
                let units = match top - scale {
                    0 => acc.sums[cell],
                    k => acc.sums[cell] / POW10[k as usize],
                };
                Decimal::try_from_i128_with_scale(units, scale)
                    .map_err(|_| self.overflow(slot, node))?
            }
            SumKind::Decimal => acc.decimals[cell],
        };
        let Raw { days, values, .. } = self.actuals.raw();
        let ext = acc.ext.get(cell).copied().unwrap_or(NO_EXT);
        let value = |r: u32| (r != NONE).then(|| values[r as usize]);
        Ok(Fold {
            sum,
            count: u64::from(acc.counts[cell]),
            last: value(ext.last).map(|v| (date_of(days[ext.last as usize]), v)),
            min: value(ext.min),
            max: value(ext.max),
        })
    }

    /// The fold of several periods' cells, as merging their folds in
    /// period order gives it.
    fn total(
        &self,
        acc: &Folded,
        cells: impl Iterator<Item = usize>,
        slot: usize,
        node: &str,
    ) -> Result<Fold> {
        let mut total = Fold::default();
        let (mut units, mut scale) = (0i128, 0u8);
        for cell in cells {
            if acc.counts[cell] == 0 {
                continue;
            }
            let fold = self.cell(acc, cell, slot, node)?;
            if self.slots.sums[slot] == SumKind::Decimal {
                total.sum = total
                    .sum
                    .checked_add(fold.sum)
                    .ok_or_else(|| self.overflow(slot, node))?;
            }
            total.merge_extremes(&fold);
            total.count += fold.count;
            units += acc.sums[cell];
            scale = scale.max(acc.scales[cell]);
        }
        if let SumKind::Units(top) = self.slots.sums[slot] {
            // Exact even where adding the periods' decimals would round.
            let scale = u32::from(scale);
            total.sum =
                Decimal::try_from_i128_with_scale(units / POW10[(top - scale) as usize], scale)
                    .map_err(|_| self.overflow(slot, node))?;
        }
        Ok(total)
    }

    fn overflow(&self, slot: usize, node: &str) -> Error {
        overflow(&self.slots.names[slot], node)
    }
}

/// The sum of `measure` for `node` is beyond what a decimal holds.
pub(super) fn overflow(measure: &str, node: &str) -> Error {
    let node = if node.is_empty() { "the company" } else { node };
    Error::Overflow {
        what: format!("sum({measure})"),
        message: format!(
            "the sum of `{measure}` for {node} is beyond what a decimal holds (±79,228,162,514,264,337,593,543,950,335 in units of its last place)"
        ),
    }
}

/// Threads to fold `rows` with.
fn threads(rows: usize) -> usize {
    if cfg!(target_arch = "wasm32") || rows < PARALLEL_ROWS {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(2))
}

#[cfg(test)]
mod tests;
