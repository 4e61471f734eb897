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
use super::nodes::{Nodes, NONE};
use crate::actuals::{date_of, Actuals, Raw};
use crate::error::{Error, Result};
use crate::formula::{Aggregate, Formula};

/// 10^k for k = 0..=28.
const POW10: [i128; 29] = {
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SumKind {
    /// Integers at this scale.
    Units(u32),
    /// Checked decimals.
    Decimal,
}

impl Slots {
    /// The measures read by `formulas` and the `extra` ones.
    pub(super) fn new(actuals: &Actuals, formulas: &[Formula], extra: &[&str]) -> Slots {
        let mut wanted: Vec<(String, bool)> = Vec::new();
        let mut want = |name: &str, extreme: bool| match wanted.iter_mut().find(|w| w.0 == name) {
            Some(w) => w.1 |= extreme,
            None => wanted.push((name.to_owned(), extreme)),
        };
        for f in formulas {
            visit(f, &mut want);
        }
        for m in extra {
            want(m, false);
        }
        let rows_bits = 64 - (actuals.len() as u64).leading_zeros();
        let mut slots = Slots {
            names: Vec::new(),
            slot_of: vec![NONE; actuals.measures().len()],
            sums: Vec::new(),
            extremes: Vec::new(),
        };
        for (name, extreme) in wanted {
            let slot = slots.names.len() as u32;
            let mut kind = SumKind::Units(0);
            if let Some(code) = actuals.measure_code(&name) {
                slots.slot_of[code as usize] = slot;
                let shape = actuals.shape(code);
                let spread = shape.max_scale.saturating_sub(shape.min_scale);
                // 10^k < 2^(10k/3 + 1).
                let bits = shape.max_bits + (10 * spread).div_ceil(3) + 1 + rows_bits;
                kind = if shape.max_scale <= 28 && bits <= 126 {
                    SumKind::Units(shape.max_scale)
                } else {
                    SumKind::Decimal
                };
            }
            slots.names.push(name);
            slots.sums.push(kind);
            slots.extremes.push(extreme);
        }
        slots
    }

    /// The slot of a measure.
    pub(super) fn slot(&self, measure: &str) -> Option<usize> {
        self.names.iter().position(|n| n == measure)
    }

    fn len(&self) -> usize {
        self.names.len()
    }
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

/// What one pass folds: the rows that pass `filter` (dimension codes that
/// must match), dated in a period up to the last day evaluated.
pub(super) struct Pass<'a> {
    pub(super) actuals: &'a Actuals,
    pub(super) days: &'a DayTable,
    pub(super) periods: usize,
    pub(super) slots: &'a Slots,
    pub(super) nodes: &'a Nodes,
    pub(super) hierarchy: &'a [String],
    /// `None` when a filter tag or value never occurs: no row passes.
    pub(super) filter: Option<Vec<(&'a [u32], u32)>>,
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

/// One cell, read out of its [`Acc`].
#[derive(Debug, Clone, Copy)]
struct Cell {
    sum: i128,
    decimal: Option<Decimal>,
    count: u64,
    scale: u8,
    ext: Option<Ext>,
}

impl Cell {
    fn read(acc: &Acc, at: usize) -> Cell {
        Cell {
            sum: acc.sums[at],
            decimal: acc.decimals.get(at).copied(),
            count: acc.counts[at],
            scale: acc.scales[at],
            ext: acc.ext.get(at).copied(),
        }
    }
}

/// The cells of a fold, by (node, period, slot).
struct Acc {
    sums: Vec<i128>,
    decimals: Vec<Decimal>,
    counts: Vec<u64>,
    scales: Vec<u8>,
    ext: Vec<Ext>,
    /// The first row of every node.
    first: Vec<u32>,
    /// A cell whose decimal sum overflowed.
    overflow: Option<usize>,
}

impl Pass<'_> {
    /// Folds the rows.
    pub(super) fn run(&self) -> Result<Table> {
        self.run_on(threads(self.actuals.len()))
    }

    /// Folds the rows on `threads` threads.
    fn run_on(&self, threads: usize) -> Result<Table> {
        let rows = self.actuals.len();
        if u32::try_from(rows).is_err() {
            return Err(Error::InvalidArgument {
                name: "actuals".into(),
                message: format!("{rows} rows; at most {} can be evaluated", u32::MAX - 1),
            });
        }
        let mut acc = match threads.clamp(1, rows.max(1)) {
            1 => self.fold(0..rows),
            n => {
                let size = rows.div_ceil(n);
                let parts = std::thread::scope(|scope| {
                    let handles: Vec<_> = (0..n)
                        .map(|i| {
                            let (from, to) = (i * size, ((i + 1) * size).min(rows));
                            std::thread::Builder::new()
                                .spawn_scoped(scope, move || self.fold(from..to))
                                .map_err(|_| from..to)
                        })
                        .collect();
                    handles
                        .into_iter()
                        .map(|h| match h {
                            Ok(h) => h.join().ok(),
                            Err(range) => Some(self.fold(range)),
                        })
                        .collect::<Option<Vec<Acc>>>()
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
        self.table(&acc)
    }

    fn cells(&self) -> usize {
        self.nodes.len() * self.periods * self.slots.len()
    }

    fn empty(&self) -> Acc {
        let cells = self.cells();
        let any = |k: fn(&SumKind) -> bool| self.slots.sums.iter().any(k);
        Acc {
            sums: vec![0; cells],
            decimals: if any(|k| *k == SumKind::Decimal) {
                vec![Decimal::ZERO; cells]
            } else {
                Vec::new()
            },
            counts: vec![0; cells],
            scales: vec![0; cells],
            ext: if self.slots.extremes.iter().any(|e| *e) {
                vec![NO_EXT; cells]
            } else {
                Vec::new()
            },
            first: vec![NONE; self.nodes.len()],
            overflow: None,
        }
    }

    /// Folds rows `range` into fresh cells.
    fn fold(&self, range: std::ops::Range<usize>) -> Acc {
        let mut acc = self.empty();
        let Some(filter) = &self.filter else {
            return acc;
        };
        let Raw {
            days,
            measures,
            values,
        } = self.actuals.raw();
        let (periods, width) = (self.periods, self.slots.len());
        for row in range {
            let p = self.days.of(days[row]);
            if p == NO_PERIOD || !filter.iter().all(|(codes, c)| codes[row] == *c) {
                continue;
            }
            let node = self.nodes.of_row(row);
            if acc.first[node] == NONE {
                acc.first[node] = row as u32;
            }
            let slot = self.slots.slot_of[measures[row] as usize];
            if slot == NONE {
                continue;
            }
            let slot = slot as usize;
            let cell = (node * periods + usize::from(p)) * width + slot;
            let value = &values[row];
            let scale = value.scale();
            match self.slots.sums[slot] {
                SumKind::Units(top) => {
                    let m = value.mantissa();
                    acc.sums[cell] += if scale == top {
                        m
                    } else {
                        m * POW10[(top - scale) as usize]
                    };
                }
                SumKind::Decimal => match acc.decimals[cell].checked_add(*value) {
                    Some(s) => acc.decimals[cell] = s,
                    None => acc.overflow = acc.overflow.or(Some(cell)),
                },
            }
            acc.counts[cell] += 1;
            acc.scales[cell] = acc.scales[cell].max(scale as u8);
            if self.slots.extremes[slot] {
                let e = &mut acc.ext[cell];
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
        acc
    }

    /// Adds the cells of `other` (any rows) to those of `into`.
    fn merge_all(&self, into: &mut Acc, other: &Acc) {
        for cell in 0..self.cells() {
            if other.counts[cell] > 0 {
                self.merge_cell(into, cell, Cell::read(other, cell));
            }
        }
        for (a, b) in into.first.iter_mut().zip(&other.first) {
            *a = (*a).min(*b);
        }
        into.overflow = into.overflow.or(other.overflow);
    }

    /// Adds a cell's rows (any rows) to cell `to`.
    fn merge_cell(&self, into: &mut Acc, to: usize, from: Cell) {
        into.sums[to] += from.sum;
        if let Some(d) = from.decimal {
            match into.decimals[to].checked_add(d) {
                Some(s) => into.decimals[to] = s,
                None => into.overflow = into.overflow.or(Some(to)),
            }
        }
        into.counts[to] += from.count;
        into.scales[to] = into.scales[to].max(from.scale);
        if let Some(b) = from.ext {
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
    fn roll_up(&self, acc: &mut Acc) {
        let block = self.periods * self.slots.len();
        for node in (1..self.nodes.len()).rev() {
            let parent = self.nodes.parent[node] as usize;
            for k in 0..block {
                let at = node * block + k;
                if acc.counts[at] > 0 {
                    let cell = Cell::read(acc, at);
                    self.merge_cell(acc, parent * block + k, cell);
                }
            }
            acc.first[parent] = acc.first[parent].min(acc.first[node]);
        }
    }

    /// The reached nodes' folds as decimals.
    fn table(&self, acc: &Acc) -> Result<Table> {
        let mut order: Vec<usize> = (1..self.nodes.len())
            .filter(|&n| acc.first[n] != NONE)
            .collect();
        order.sort_by_key(|&n| (acc.first[n], self.nodes.depth[n]));
        order.insert(0, 0);
        let (periods, width) = (self.periods, self.slots.len());
        let mut folds = Vec::with_capacity(order.len() * (periods + 1) * width);
        let mut paths = Vec::with_capacity(order.len());
        for &node in &order {
            let path = self.nodes.path(node, self.actuals, self.hierarchy);
            for p in 0..periods {
                for slot in 0..width {
                    let cell = (node * periods + p) * width + slot;
                    folds.push(self.cell(acc, cell, slot, &path)?);
                }
            }
            for slot in 0..width {
                let cells = (0..periods).map(|p| (node * periods + p) * width + slot);
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
    fn cell(&self, acc: &Acc, cell: usize, slot: usize, node: &str) -> Result<Fold> {
        if acc.counts[cell] == 0 {
            return Ok(Fold::default());
        }
        if acc.overflow == Some(cell) {
            return Err(self.overflow(slot, node));
        }
        let sum = match self.slots.sums[slot] {
            SumKind::Units(top) => {
                let scale = u32::from(acc.scales[cell]);
                let units = acc.sums[cell] / POW10[(top - scale) as usize];
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
            count: acc.counts[cell],
            last: value(ext.last).map(|v| (date_of(days[ext.last as usize]), v)),
            min: value(ext.min),
            max: value(ext.max),
        })
    }

    /// The fold of several periods' cells, as merging their folds in
    /// period order gives it.
    fn total(
        &self,
        acc: &Acc,
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
        let node = if node.is_empty() { "the company" } else { node };
        Error::Overflow {
            what: format!("sum({})", self.slots.names[slot]),
            message: format!(
                "the sum of `{}` for {node} is beyond what a decimal holds (±79,228,162,514,264,337,593,543,950,335 in units of its last place)",
                self.slots.names[slot]
            ),
        }
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
