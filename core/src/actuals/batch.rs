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
        }
    }

    /// Adds a batch. Bad rows are kept as problems for
    /// [`finish`](ActualsBuilder::finish).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the columns differ in length, a
    /// bitmap is short or a key is outside its dictionary; nothing of the
    /// batch is added then.
    pub fn append(&mut self, batch: &Batch<'_>) -> Result<()> {
        let n = batch.days.len();
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
                .map(|v| {
                    if v.is_empty() {
                        ABSENT
                    } else {
                        intern(&mut dim.values, &mut dim.index, v)
                    }
                })
                .collect();
            tag_maps.push((d, map));
        }

        let dates = day_number(chrono::NaiveDate::MIN)..=day_number(chrono::NaiveDate::MAX);
        let start = actuals.values.len();
        actuals.days.reserve(n);
        actuals.measures.reserve(n);
        actuals.values.reserve(n);
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
            codes.reserve(kept);
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
        })
    }
}

/// Checks that every valid key of a text column is inside its
/// dictionary.
fn check_keys(name: &str, t: &BatchText<'_>) -> Result<()> {
    let size = t.values.len();
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
}
