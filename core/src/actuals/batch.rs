//! Actuals from record batches at buffer speed: the columns as Arrow lays
//! them out (dictionary keys, `date32` days, `decimal128` mantissas and
//! validity bitmaps), read in place, a batch at a time.
//!
//! [`ActualsBuilder`] takes batches one after another, each with its own
//! dictionaries; every distinct measure and tag value of a batch is checked
//! and interned once, and rows are numbered across batches. Nothing is
//! made per row but the stored value itself. In [`LoadMode::Strict`] the
//! load is refused at [`ActualsBuilder::finish`] if any row of any batch
//! was bad, with every bad row's number and column.

use rust_decimal::Decimal;

use super::load::{LoadMode, LoadReport, RowProblem};
use super::{day_number, intern, Actuals, Dimension, ABSENT};
use crate::error::{Error, Result};

/// Which entries of a column are valid: bit `offset + i` of `bits`, least
/// significant bit first, as in an Arrow validity buffer.
#[derive(Debug, Clone, Copy)]
pub struct Validity<'a> {
    bits: &'a [u8],
    offset: usize,
}

impl<'a> Validity<'a> {
    /// A bitmap covering `len` entries from bit `offset`; `None` when it is
    /// too short.
    pub fn new(bits: &'a [u8], offset: usize, len: usize) -> Option<Validity<'a>> {
        let needed = offset.checked_add(len)?.div_ceil(8);
        (bits.len() >= needed).then_some(Validity { bits, offset })
    }

    #[inline]
    fn get(&self, i: usize) -> bool {
        let i = self.offset + i;
        self.bits[i / 8] >> (i % 8) & 1 == 1
    }

    /// Whether the first `len` entries are all valid.
    fn all(&self, len: usize) -> bool {
        let (start, end) = (self.offset, self.offset + len);
        let mut i = start;
        // Bit by bit to a byte boundary, then whole bytes, then the tail.
        while i < end && i % 8 != 0 {
            if self.bits[i / 8] >> (i % 8) & 1 == 0 {
                return false;
            }
            i += 1;
        }
        let whole = (end - i) / 8;
        if self.bits[i / 8..i / 8 + whole].iter().any(|&b| b != 0xff) {
            return false;
        }
        i += whole * 8;
        (i..end).all(|i| self.bits[i / 8] >> (i % 8) & 1 == 1)
    }
}

#[inline]
fn valid(v: &Option<Validity<'_>>, i: usize) -> bool {
    v.as_ref().is_none_or(|v| v.get(i))
}

/// Dictionary keys, in the integer type the producer chose.
#[derive(Debug, Clone, Copy)]
pub enum Keys<'a> {
    /// 8-bit signed keys.
    I8(&'a [i8]),
    /// 16-bit signed keys.
    I16(&'a [i16]),
    /// 32-bit signed keys (Arrow's default).
    I32(&'a [i32]),
    /// 64-bit signed keys.
    I64(&'a [i64]),
    /// 8-bit unsigned keys.
    U8(&'a [u8]),
    /// 16-bit unsigned keys.
    U16(&'a [u16]),
    /// 32-bit unsigned keys (polars' categoricals).
    U32(&'a [u32]),
}

impl Keys<'_> {
    fn len(&self) -> usize {
        match self {
            Keys::I8(k) => k.len(),
            Keys::I16(k) => k.len(),
            Keys::I32(k) => k.len(),
            Keys::I64(k) => k.len(),
            Keys::U8(k) => k.len(),
            Keys::U16(k) => k.len(),
            Keys::U32(k) => k.len(),
        }
    }

    /// The key of a row as an index (`usize::MAX` for a negative one).
    #[inline]
    fn at(&self, row: usize) -> usize {
        let signed = |x: i64| usize::try_from(x).unwrap_or(usize::MAX);
        match self {
            Keys::I8(k) => signed(k[row].into()),
            Keys::I16(k) => signed(k[row].into()),
            Keys::I32(k) => signed(k[row].into()),
            Keys::I64(k) => signed(k[row]),
            Keys::U8(k) => usize::from(k[row]),
            Keys::U16(k) => usize::from(k[row]),
            Keys::U32(k) => k[row] as usize,
        }
    }
}

/// A dictionary-encoded text column of a batch.
#[derive(Debug, Clone, Copy)]
pub struct BatchText<'a> {
    /// One key per row into `values`.
    pub keys: Keys<'a>,
    /// Which rows have a value.
    pub validity: Option<Validity<'a>>,
    /// The batch's dictionary.
    pub values: &'a [&'a str],
}

/// The value column of a batch.
#[derive(Debug, Clone, Copy)]
pub enum BatchValues<'a> {
    /// Integers in minor units (Arrow `decimal128` with this scale).
    Units {
        /// One mantissa per row.
        units: &'a [i128],
        /// Decimal places.
        scale: u32,
    },
    /// 64-bit integers in minor units (a fixed-point money column).
    Units64 {
        /// One integer per row.
        units: &'a [i64],
        /// Decimal places.
        scale: u32,
    },
    /// Whole numbers.
    Integers(&'a [i64]),
    /// Exact decimals.
    Decimals(&'a [Decimal]),
    /// Floats, each read as the shortest decimal that prints it; not exact
    /// beyond that.
    Floats(&'a [f64]),
}

impl BatchValues<'_> {
    fn len(&self) -> usize {
        match self {
            BatchValues::Units { units, .. } => units.len(),
            BatchValues::Units64 { units, .. } => units.len(),
            BatchValues::Integers(v) => v.len(),
            BatchValues::Decimals(v) => v.len(),
            BatchValues::Floats(v) => v.len(),
        }
    }

    #[inline]
    fn get(&self, row: usize) -> Option<Decimal> {
        match self {
            BatchValues::Units { units, scale } => {
                Decimal::try_from_i128_with_scale(units[row], *scale).ok()
            }
            BatchValues::Units64 { units, scale } => {
                Decimal::try_from_i128_with_scale(units[row].into(), *scale).ok()
            }
            BatchValues::Integers(v) => Some(Decimal::from(v[row])),
            BatchValues::Decimals(v) => Some(v[row]),
            BatchValues::Floats(v) => {
                let f = Some(v[row]).filter(|f| f.is_finite())?;
                f.to_string().parse().ok()
            }
        }
    }
}

/// One record batch of observations.
#[derive(Debug, Clone)]
pub struct Batch<'a> {
    /// Dates as days since 1970-01-01 (Arrow `date32`).
    pub days: &'a [i32],
    /// Which rows have a date.
    pub days_validity: Option<Validity<'a>>,
    /// The measure of each row.
    pub measures: BatchText<'a>,
    /// The value of each row.
    pub values: BatchValues<'a>,
    /// Which rows have a value.
    pub values_validity: Option<Validity<'a>>,
    /// Tag columns by dimension name.
    pub tags: Vec<(&'a str, BatchText<'a>)>,
}

/// Builds [`Actuals`] from batches, checking every row as the CSV reader
/// does.
pub struct ActualsBuilder<'k> {
    actuals: Actuals,
    problems: Vec<RowProblem>,
    rows: usize,
    mode: LoadMode,
    known_measure: &'k dyn Fn(&str) -> bool,
    /// The rows the caller said are coming, in all.
    room: usize,
    /// The most rows the batches may have together.
    most_rows: usize,
}

impl<'k> ActualsBuilder<'k> {
    /// An empty load that accepts the measures `known_measure` knows.
    pub fn new(known_measure: &'k dyn Fn(&str) -> bool, mode: LoadMode) -> ActualsBuilder<'k> {
        ActualsBuilder {
            actuals: Actuals::new(),
            problems: Vec::new(),
            rows: 0,
            mode,
            known_measure,
            room: 0,
            most_rows: crate::limits::MAX_ACTUALS_ROWS,
        }
    }

    /// Makes room for `rows` more rows, for a caller that knows how many
    /// are coming (the batches of a table): every column then grows once,
    /// instead of again and again as batches arrive.
    pub fn reserve(&mut self, rows: usize) {
        let actuals = &mut self.actuals;
        self.room = actuals.values.len().saturating_add(rows);
        actuals.days.reserve(rows);
        actuals.measures.reserve(rows);
        actuals.values.reserve(rows);
        for dim in &mut actuals.dims {
            dim.codes.reserve(rows);
        }
    }

    /// Adds a batch. Bad rows are kept as problems for
    /// [`finish`](ActualsBuilder::finish).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the columns differ in length, a
    /// bitmap is short or a key is outside its dictionary;
    /// [`Error::LimitExceeded`] when the batches together have more rows
    /// than [`MAX_ACTUALS_ROWS`](crate::limits::MAX_ACTUALS_ROWS). Nothing
    /// of the batch is added then.
    pub fn append(&mut self, batch: &Batch<'_>) -> Result<()> {
        let n = batch.days.len();
        if self.rows.saturating_add(n) > self.most_rows {
            let limits = crate::limits::Limits {
                rows: self.most_rows,
                ..crate::limits::Limits::ACTUALS
            };
            return Err(super::load::too_many_rows(&limits, None));
        }
        let bad = |message: String| Error::InvalidArgument {
            name: "columns".into(),
            message,
        };
        if batch.measures.keys.len() != n
            || batch.values.len() != n
            || batch.tags.iter().any(|(_, t)| t.keys.len() != n)
        {
            return Err(bad("every column needs one entry per row".into()));
        }
        if let BatchValues::Units { scale, .. } | BatchValues::Units64 { scale, .. } = batch.values
        {
            if scale > Decimal::MAX_SCALE {
                return Err(bad(format!(
                    "column value: a scale of {scale} decimal places is beyond the {} a decimal holds",
                    Decimal::MAX_SCALE
                )));
            }
        }
        check_keys("measure", &batch.measures)?;
        for (name, t) in &batch.tags {
            check_keys(name, t)?;
        }

        // Each dictionary entry is checked and interned once.
        let actuals = &mut self.actuals;
        let known = self.known_measure;
        let measure_codes: Vec<Option<u32>> = batch
            .measures
            .values
            .iter()
            .map(|m| {
                let m = m.trim();
                (!m.is_empty() && known(m))
                    .then(|| intern(&mut actuals.measure_names, &mut actuals.measure_index, m))
            })
            .collect();
        let mut tag_maps: Vec<(usize, Vec<u32>)> = Vec::with_capacity(batch.tags.len());
        for (name, t) in &batch.tags {
            let d = match actuals.dims.iter().position(|d| d.name == *name) {
                Some(d) => d,
                None => {
                    actuals.dims.push(Dimension {
                        name: (*name).to_owned(),
                        codes: vec![ABSENT; actuals.values.len()],
                        ..Default::default()
                    });
                    actuals.dims.len() - 1
                }
            };
            let dim = &mut actuals.dims[d];
            let map = t
                .values
                .iter()
                .enumerate()
                .map(|(k, v)| {
                    if v.is_empty() {
                        ABSENT
                    } else if dim.values.get(k).is_some_and(|known| known == v) {
                        // Batches of one table often repeat one dictionary:
                        // the same value at the same place needs no lookup.
                        k as u32
                    } else {
                        intern(&mut dim.values, &mut dim.index, v)
                    }
                })
                .collect();
            tag_maps.push((d, map));
        }

        // Room for this batch, or for every row still to come.
        let room = n.max(self.room.saturating_sub(actuals.values.len()));
        if append_whole(actuals, batch, &measure_codes, &tag_maps, room) {
            self.rows += n;
            return Ok(());
        }

        let dates = day_number(chrono::NaiveDate::MIN)..=day_number(chrono::NaiveDate::MAX);
        let start = actuals.values.len();
        actuals.days.reserve(room);
        actuals.measures.reserve(room);
        actuals.values.reserve(room);
        let first_row = self.rows;
        let problem = |row: usize, column: &str, message: String| RowProblem {
            row: first_row + row + 1,
            column: column.into(),
            message,
        };
        // The bad rows, in order: the tags skip them.
        let mut skipped = Vec::new();
        for row in 0..n {
            let day = batch.days[row];
            if !valid(&batch.days_validity, row) || !dates.contains(&day) {
                let message = "the date is missing or out of range".into();
                self.problems.push(problem(row, "date", message));
                skipped.push(row);
                continue;
            }
            let measure = if valid(&batch.measures.validity, row) {
                measure_codes[batch.measures.keys.at(row)]
            } else {
                self.problems
                    .push(problem(row, "measure", "the measure is missing".into()));
                skipped.push(row);
                continue;
            };
            let Some(measure) = measure else {
                let name = batch.measures.values[batch.measures.keys.at(row)];
                self.problems.push(problem(
                    row,
                    "measure",
                    format!("unknown measure `{name}`; declare it in the plan's `measures`"),
                ));
                skipped.push(row);
                continue;
            };
            let value = if valid(&batch.values_validity, row) {
                batch.values.get(row)
            } else {
                None
            };
            let Some(value) = value else {
                let message = "the value is missing or not a number".into();
                self.problems.push(problem(row, "value", message));
                skipped.push(row);
                continue;
            };
            actuals.days.push(day);
            actuals.measures.push(measure);
            actuals.add_shape(measure, &value);
            actuals.values.push(value);
        }
        // Tags column by column, for the rows kept.
        let kept = n - skipped.len();
        let mut given = vec![false; actuals.dims.len()];
        for ((d, map), (_, t)) in tag_maps.iter().zip(&batch.tags) {
            given[*d] = true;
            let codes = &mut actuals.dims[*d].codes;
            codes.reserve(room);
            let code = |row: usize| {
                if valid(&t.validity, row) {
                    map[t.keys.at(row)]
                } else {
                    ABSENT
                }
            };
            let mut from = 0;
            for &bad in skipped.iter().chain(std::iter::once(&n)) {
                codes.extend((from..bad).map(code));
                from = bad + 1;
            }
        }
        let rows = actuals.values.len();
        for (dim, given) in actuals.dims.iter_mut().zip(given) {
            if !given {
                dim.codes.resize(rows, ABSENT);
            }
        }
        debug_assert!(actuals.dims.iter().all(|d| d.codes.len() == start + kept));
        self.rows += n;
        Ok(())
    }

    /// The load: every row read, and the bad ones.
    ///
    /// # Errors
    /// [`Error::Actuals`] in strict mode when any row was bad.
    pub fn finish(self) -> Result<LoadReport> {
        if self.mode == LoadMode::Strict && !self.problems.is_empty() {
            return Err(Error::Actuals {
                problems: self.problems,
            });
        }
        Ok(LoadReport {
            actuals: self.actuals,
            problems: self.problems,
            origins: None,
        })
    }
}

/// Adds a batch whose every row is good, column by column: the days
/// copied as they are, measure and tag keys mapped through their
/// dictionaries' codes, values made decimals, with no check or branch per
/// row but the ones that find a bad row. Returns `false`, with nothing
/// added, when the batch has a null, a date out of range, an unknown
/// measure, a value beyond a decimal or values that are not integers in
/// minor units; the row-by-row path then sorts the good rows from the bad.
/// Columns that grow make room for `room` rows.
fn append_whole(
    actuals: &mut Actuals,
    batch: &Batch<'_>,
    measure_codes: &[Option<u32>],
    tag_maps: &[(usize, Vec<u32>)],
    room: usize,
) -> bool {
    let n = batch.days.len();
    let has_nulls = |v: &Option<Validity<'_>>| v.as_ref().is_some_and(|v| !v.all(n));
    if has_nulls(&batch.days_validity)
        || has_nulls(&batch.measures.validity)
        || has_nulls(&batch.values_validity)
    {
        return false;
    }
    let (lowest, highest) = batch
        .days
        .iter()
        .fold((i32::MAX, i32::MIN), |(lo, hi), &d| (lo.min(d), hi.max(d)));
    let dates = day_number(chrono::NaiveDate::MIN)..=day_number(chrono::NaiveDate::MAX);
    if n > 0 && !(dates.contains(&lowest) && dates.contains(&highest)) {
        return false;
    }
    let start = actuals.values.len();
    // Measures: an unknown one is `ABSENT` in the table and found after.
    let table: Vec<u32> = measure_codes.iter().map(|c| c.unwrap_or(ABSENT)).collect();
    actuals.measures.reserve(room);
    map_keys(&batch.measures.keys, &table, &mut actuals.measures);
    let codes = &actuals.measures[start..];
    if codes.contains(&ABSENT) {
        actuals.measures.truncate(start);
        return false;
    }
    let scale = match batch.values {
        BatchValues::Units { scale, .. } | BatchValues::Units64 { scale, .. } => scale,
        _ => 0,
    };
    // Values, and the largest mantissa of each measure for its shape, plus
    // one, so that a measure with rows has a non-zero entry.
    let mut widest = vec![0u128; actuals.measure_names.len()];
    actuals.values.reserve(room);
    match batch.values {
        BatchValues::Units { units, .. } => {
            decimals(units, scale, codes, &mut widest, &mut actuals.values);
        }
        BatchValues::Units64 { units, .. } => {
            decimals(units, scale, codes, &mut widest, &mut actuals.values);
        }
        BatchValues::Integers(units) => {
            decimals(units, 0, codes, &mut widest, &mut actuals.values);
        }
        BatchValues::Decimals(_) | BatchValues::Floats(_) => {
            actuals.measures.truncate(start);
            return false;
        }
    }
    // A mantissa beyond 96 bits is no decimal: the row path reports it.
    if widest.iter().any(|w| w.saturating_sub(1) >> 96 != 0) {
        actuals.measures.truncate(start);
        actuals.values.truncate(start);
        return false;
    }
    for (m, w) in widest.iter().enumerate() {
        if let Some(magnitude) = w.checked_sub(1) {
            let shape = actuals.shape_mut(m);
            shape.min_scale = shape.min_scale.min(scale);
            shape.max_scale = shape.max_scale.max(scale);
            shape.max_bits = shape.max_bits.max(128 - magnitude.leading_zeros());
        }
    }
    actuals.days.reserve(room);
    actuals.days.extend_from_slice(batch.days);
    // Tags column by column; a dimension the batch lacks has none.
    let mut given = vec![false; actuals.dims.len()];
    for ((d, map), (_, t)) in tag_maps.iter().zip(&batch.tags) {
        given[*d] = true;
        let codes = &mut actuals.dims[*d].codes;
        codes.reserve(room);
        let from = codes.len();
        map_keys(&t.keys, map, codes);
        if let Some(validity) = &t.validity {
            for (i, code) in codes[from..].iter_mut().enumerate() {
                if !validity.get(i) {
                    *code = ABSENT;
                }
            }
        }
    }
    let rows = actuals.values.len();
    for (dim, given) in actuals.dims.iter_mut().zip(given) {
        if !given {
            dim.codes.resize(rows, ABSENT);
        }
    }
    true
}

/// Appends `table[key]` for every key (`ABSENT` for a key outside it),
/// one loop per key type.
fn map_keys(keys: &Keys<'_>, table: &[u32], out: &mut Vec<u32>) {
    fn each<K: Copy>(keys: &[K], table: &[u32], out: &mut Vec<u32>, index: impl Fn(K) -> usize) {
        out.extend(
            keys.iter()
                .map(|&k| table.get(index(k)).copied().unwrap_or(ABSENT)),
        );
    }
    fn signed(k: impl Into<i64>) -> usize {
        usize::try_from(k.into()).unwrap_or(usize::MAX)
    }
    match keys {
        Keys::I8(k) => each(k, table, out, signed),
        Keys::I16(k) => each(k, table, out, signed),
        Keys::I32(k) => each(k, table, out, signed),
        Keys::I64(k) => each(k, table, out, signed),
        Keys::U8(k) => each(k, table, out, usize::from),
        Keys::U16(k) => each(k, table, out, usize::from),
        Keys::U32(k) => each(k, table, out, |k| k as usize),
    }
}

/// Appends each mantissa as a decimal of `scale` places (at most
/// [`Decimal::MAX_SCALE`]), and keeps the largest magnitude plus one of
/// each measure in `widest`. A magnitude beyond 96 bits is kept too (its
/// decimal is then wrong and the caller drops the batch).
fn decimals<T: Copy + Into<i128>>(
    units: &[T],
    scale: u32,
    measures: &[u32],
    widest: &mut [u128],
    out: &mut Vec<Decimal>,
) {
    out.extend(units.iter().zip(measures).map(|(&u, &m)| {
        let u: i128 = u.into();
        let magnitude = u.unsigned_abs();
        if let Some(w) = widest.get_mut(m as usize) {
            *w = (*w).max(magnitude + 1);
        }
        // The low 96 bits; a wider mantissa is caught by the caller.
        Decimal::from_parts(
            magnitude as u32,
            (magnitude >> 32) as u32,
            (magnitude >> 64) as u32,
            u < 0,
            scale,
        )
    }));
}

/// Checks that every valid key of a text column is inside its
/// dictionary.
fn check_keys(name: &str, t: &BatchText<'_>) -> Result<()> {
    let size = t.values.len();
    // The smallest and largest key, in one branch-free pass in the keys'
    // own type; rows are searched one by one only when one is outside.
    fn range<K: Copy + Ord + Into<i64>>(keys: &[K]) -> (i64, i64) {
        let Some(&first) = keys.first() else {
            return (0, -1);
        };
        let (mut lo, mut hi) = (first, first);
        for &k in keys {
            lo = lo.min(k);
            hi = hi.max(k);
        }
        (lo.into(), hi.into())
    }
    let (lowest, highest) = match t.keys {
        Keys::I8(k) => range(k),
        Keys::I16(k) => range(k),
        Keys::I32(k) => range(k),
        Keys::I64(k) => range(k),
        Keys::U8(k) => range(k),
        Keys::U16(k) => range(k),
        Keys::U32(k) => range(k),
    };
    if lowest >= 0 && highest < i64::try_from(size).unwrap_or(i64::MAX) {
        return Ok(());
    }
    let outside = (0..t.keys.len()).find(|&row| t.keys.at(row) >= size && valid(&t.validity, row));
    match outside {
        Some(row) => Err(Error::InvalidArgument {
            name: "columns".into(),
            message: format!(
                "column {name}: the key of row {} is outside its {size} values",
                row + 1
            ),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn known(m: &str) -> bool {
        crate::formula::STANDARD_MEASURES.contains(&m)
    }

    #[test]
    fn batches_with_their_own_dictionaries_and_bitmaps() {
        let day = day_number(chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        // Rows 2 and 3 of the second batch have no region; bit 0 of the
        // bitmap is skipped by the offset.
        let region_bits = [0b0000_0011u8];
        let first = Batch {
            days: &[day, day],
            days_validity: None,
            measures: BatchText {
                keys: Keys::I32(&[0, 1]),
                validity: None,
                values: &["revenue", "won_deals"],
            },
            values: BatchValues::Units {
                units: &[120050, 300],
                scale: 2,
            },
            values_validity: None,
            tags: vec![(
                "region",
                BatchText {
                    keys: Keys::U8(&[1, 0]),
                    validity: None,
                    values: &["west", "east"],
                },
            )],
        };
        let day_bits = [0b0000_0101u8];
        let second = Batch {
            days: &[day, 0, day],
            days_validity: Validity::new(&day_bits, 0, 3),
            measures: BatchText {
                keys: Keys::U32(&[0, 0, 1]),
                validity: None,
                values: &["won_deals", "revnue"],
            },
            values: BatchValues::Integers(&[4, 5, 6]),
            values_validity: None,
            tags: vec![(
                "region",
                BatchText {
                    keys: Keys::I16(&[0, 0, 0]),
                    validity: Validity::new(&region_bits, 1, 3),
                    values: &["east"],
                },
            )],
        };
        let mut b = ActualsBuilder::new(&known, LoadMode::Lenient);
        b.append(&first).unwrap();
        b.append(&second).unwrap();
        let report = b.finish().unwrap();
        let rows: Vec<String> = report
            .actuals
            .iter()
            .map(|o| format!("{} {} {:?}", o.measure, o.value, o.tags))
            .collect();
        assert_eq!(
            rows,
            [
                r#"revenue 1200.50 [("region", "east")]"#,
                r#"won_deals 3.00 [("region", "west")]"#,
                r#"won_deals 4 [("region", "east")]"#,
            ]
        );
        let faults: Vec<(usize, &str)> = report
            .problems
            .iter()
            .map(|p| (p.row, p.column.as_str()))
            .collect();
        assert_eq!(faults, [(4, "date"), (5, "measure")]);
        // Interned in the order of the first dictionary.
        assert_eq!(report.actuals.dimension_values("region"), ["west", "east"]);

        let mut strict = ActualsBuilder::new(&known, LoadMode::Strict);
        strict.append(&first).unwrap();
        strict.append(&second).unwrap();
        match strict.finish() {
            Err(Error::Actuals { problems }) => assert_eq!(problems.len(), 2),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn keys_outside_the_dictionary_and_short_bitmaps_are_refused() {
        let text = |keys| BatchText {
            keys,
            validity: None,
            values: &["revenue"],
        };
        let batch = |measures| Batch {
            days: &[1],
            days_validity: None,
            measures,
            values: BatchValues::Decimals(&[Decimal::ONE]),
            values_validity: None,
            tags: vec![],
        };
        let mut b = ActualsBuilder::new(&known, LoadMode::Strict);
        let err = b.append(&batch(text(Keys::I8(&[-1])))).unwrap_err();
        assert!(err.to_string().contains("row 1"), "{err}");
        assert!(b.append(&batch(text(Keys::I64(&[1])))).is_err());
        // A null's key may be anything.
        let nothing = [0u8];
        let null = BatchText {
            validity: Validity::new(&nothing, 0, 1),
            ..text(Keys::I64(&[9]))
        };
        b.append(&batch(null)).unwrap();
        assert!(Validity::new(&nothing, 3, 6).is_none());
        assert_eq!(b.finish().unwrap_err().code(), "invalid_actuals");
    }

    /// One generated row: a day offset (or none), a measure key, a mantissa
    /// (or none), a region key (or none).
    type Row = (Option<i32>, u8, Option<i64>, Option<u8>);

    fn row(bad: bool) -> impl Strategy<Value = Row> {
        // Keys 0..3 name known measures; key 3 an unknown one.
        let measure = if bad { 0u8..4 } else { 0u8..3 };
        let day = if bad {
            prop_oneof![9 => (0i32..400).prop_map(Some), 1 => Just(None)].boxed()
        } else {
            (0i32..400).prop_map(Some).boxed()
        };
        let value = if bad {
            prop_oneof![9 => any::<i64>().prop_map(Some), 1 => Just(None)].boxed()
        } else {
            prop_oneof![any::<i64>(), -1000i64..1000]
                .prop_map(Some)
                .boxed()
        };
        (day, measure, value, proptest::option::of(0u8..3))
    }

    fn bits(valid: impl Iterator<Item = bool>) -> Vec<u8> {
        let mut out = Vec::new();
        for (i, v) in valid.enumerate() {
            if i % 8 == 0 {
                out.push(0);
            }
            out[i / 8] |= u8::from(v) << (i % 8);
        }
        out
    }

    /// The rows through the builder, as one batch per chunk.
    fn built(rows: &[Row], chunk: usize, scale: u32, wide: bool) -> LoadReport {
        let start = day_number(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let measures = ["revenue", "won_deals", "opportunities", "revnue"];
        // A dictionary with an empty and an unused value.
        let regions = ["east", "", "west", "north"];
        let mut b = ActualsBuilder::new(&known, LoadMode::Lenient);
        // Room made beforehand or not: the same actuals.
        if chunk % 2 == 0 {
            b.reserve(rows.len());
        }
        for part in rows.chunks(chunk.max(1)) {
            let days: Vec<i32> = part.iter().map(|r| start + r.0.unwrap_or(0)).collect();
            let day_bits = bits(part.iter().map(|r| r.0.is_some()));
            let keys: Vec<u16> = part.iter().map(|r| r.1.into()).collect();
            let values: Vec<i64> = part.iter().map(|r| r.2.unwrap_or(0)).collect();
            let wide_values: Vec<i128> = values.iter().map(|&v| i128::from(v) << 40).collect();
            let value_bits = bits(part.iter().map(|r| r.2.is_some()));
            let region: Vec<i8> = part.iter().map(|r| r.3.map_or(0, |k| k as i8)).collect();
            let region_bits = bits(part.iter().map(|r| r.3.is_some()));
            let n = part.len();
            let batch = Batch {
                days: &days,
                days_validity: Validity::new(&day_bits, 0, n),
                measures: BatchText {
                    keys: Keys::U16(&keys),
                    validity: None,
                    values: &measures,
                },
                values: if wide {
                    BatchValues::Units {
                        units: &wide_values,
                        scale,
                    }
                } else {
                    BatchValues::Units64 {
                        units: &values,
                        scale,
                    }
                },
                values_validity: Validity::new(&value_bits, 0, n),
                tags: vec![(
                    "region",
                    BatchText {
                        keys: Keys::I8(&region),
                        validity: Validity::new(&region_bits, 0, n),
                        values: &regions,
                    },
                )],
            };
            b.append(&batch).unwrap();
        }
        b.finish().unwrap()
    }

    proptest! {
        /// Batches read column by column (every row good) or row by row
        /// (some bad) give the actuals that pushing the good rows one at a
        /// time gives: the same observations and the same shapes.
        #[test]
        fn batches_equal_rows_pushed_one_by_one(
            rows in prop_oneof![
                proptest::collection::vec(row(false), 0..60),
                proptest::collection::vec(row(true), 0..60),
            ],
            chunk in 1usize..70,
            scale in 0u32..29,
            wide in any::<bool>(),
        ) {
            let report = built(&rows, chunk, scale, wide);
            let measures = ["revenue", "won_deals", "opportunities"];
            let regions = ["east", "", "west"];
            let mut expected = Actuals::new();
            let mut bad = 0;
            for r in &rows {
                let mantissa = r.2.map(|v| if wide { i128::from(v) << 40 } else { v.into() });
                let value = mantissa.and_then(|m| Decimal::try_from_i128_with_scale(m, scale).ok());
                match (r.0, measures.get(usize::from(r.1)), value) {
                    (Some(d), Some(m), Some(v)) => {
                        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                            + chrono::Duration::days(d.into());
                        let region = r.3.map_or("", |k| regions[usize::from(k)]);
                        expected.push(day, m, v, &[("region", region)]);
                    }
                    _ => bad += 1,
                }
            }
            prop_assert_eq!(report.problems.len(), bad);
            let got: Vec<_> = report.actuals.iter().collect();
            let want: Vec<_> = expected.iter().collect();
            prop_assert_eq!(got, want);
            for m in measures {
                // A measure of the dictionary with no rows has no shape.
                let shape = |a: &Actuals| {
                    a.measure_code(m)
                        .map(|c| a.shape(c))
                        .filter(|s| *s != super::super::Shape::default())
                };
                prop_assert_eq!(shape(&report.actuals), shape(&expected), "{}", m);
            }
        }
    }

    #[test]
    fn batches_beyond_the_row_limit_are_refused_and_add_nothing() {
        let batch = Batch {
            days: &[20454, 20455],
            days_validity: None,
            measures: BatchText {
                keys: Keys::U8(&[0, 0]),
                validity: None,
                values: &["revenue"],
            },
            values: BatchValues::Integers(&[1, 2]),
            values_validity: None,
            tags: vec![],
        };
        let mut b = ActualsBuilder::new(&known, LoadMode::Strict);
        b.most_rows = 3;
        b.append(&batch).unwrap();
        let err = b.append(&batch).unwrap_err();
        assert_eq!(err.code(), "limit_exceeded");
        assert!(err.to_string().contains("3 rows"), "{err}");
        assert_eq!(b.finish().unwrap().actuals.len(), 2);
    }

    #[test]
    fn a_batch_with_a_mantissa_beyond_a_decimal_reports_that_row() {
        let batch = Batch {
            days: &[20454, 20455],
            days_validity: None,
            measures: BatchText {
                keys: Keys::I32(&[0, 0]),
                validity: None,
                values: &["revenue"],
            },
            values: BatchValues::Units {
                units: &[5, 1 << 100],
                scale: 2,
            },
            values_validity: None,
            tags: vec![],
        };
        let mut b = ActualsBuilder::new(&known, LoadMode::Lenient);
        b.append(&batch).unwrap();
        let report = b.finish().unwrap();
        assert_eq!(report.actuals.len(), 1);
        assert_eq!(
            (report.problems[0].row, report.problems[0].column.as_str()),
            (2, "value")
        );
        let wide_scale = Batch {
            values: BatchValues::Units64 {
                units: &[5, 6],
                scale: 29,
            },
            ..batch
        };
        let mut b = ActualsBuilder::new(&known, LoadMode::Lenient);
        let err = b.append(&wide_scale).unwrap_err();
        assert_eq!(err.code(), "invalid_argument");
        assert!(err.to_string().contains("scale of 29"), "{err}");
        assert_eq!(b.finish().unwrap().actuals.len(), 0);
    }
}
