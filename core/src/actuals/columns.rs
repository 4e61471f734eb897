//! Building actuals from columns — Arrow tables, DataFrames, typed arrays —
//! without a string or an object per row.
//!
//! Text columns come dictionary-encoded: one code per row into a small list
//! of distinct values, the way Arrow dictionary arrays, pandas categoricals
//! and polars categoricals hold them. Each distinct value is checked and
//! interned once.

use rust_decimal::Decimal;

use super::batch::{ActualsBuilder, Batch, BatchText, BatchValues, Keys, Validity};
use super::load::{LoadMode, LoadReport};
use super::Actuals;
use crate::error::{Error, Result};

/// A dictionary-encoded text column: `codes[row]` indexes `values`; `None`
/// is a missing value.
#[derive(Debug, Clone, Copy)]
pub struct TextColumn<'a> {
    /// One code per row.
    pub codes: &'a [Option<u32>],
    /// The distinct values.
    pub values: &'a [&'a str],
}

/// The value column.
#[derive(Debug, Clone, Copy)]
pub enum ValueColumn<'a> {
    /// Exact decimals.
    Decimal(&'a [Option<Decimal>]),
    /// Integers in minor units (cents for `scale` 2), as Arrow decimal128
    /// and fixed-point money columns hold them.
    Minor {
        /// One integer per row.
        units: &'a [Option<i128>],
        /// Decimal places.
        scale: u32,
    },
    /// Floats, each read as the shortest decimal that prints it (as
    /// JavaScript shows numbers); not exact beyond that.
    Float(&'a [Option<f64>]),
}

impl ValueColumn<'_> {
    fn len(&self) -> usize {
        match self {
            ValueColumn::Decimal(v) => v.len(),
            ValueColumn::Minor { units, .. } => units.len(),
            ValueColumn::Float(v) => v.len(),
        }
    }
}

/// Observations by column.
#[derive(Debug, Clone)]
pub struct Columns<'a> {
    /// Dates as days since 1970-01-01 (Arrow `date32`); `None` is missing.
    pub days: &'a [Option<i32>],
    /// The measure of each row.
    pub measures: TextColumn<'a>,
    /// The value of each row.
    pub values: ValueColumn<'a>,
    /// Tag columns by dimension name.
    pub tags: Vec<(&'a str, TextColumn<'a>)>,
}

impl Actuals {
    /// Builds actuals from columns, checking every row as the CSV reader
    /// does (rows are numbered from 1): a missing date or value, an unknown
    /// measure. Distinct measure and tag values are checked once each.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the columns differ in length or a
    /// code is outside its dictionary; [`Error::Actuals`] in strict mode
    /// when any row is bad; [`Error::LimitExceeded`] for more rows than
    /// [`crate::limits::MAX_ACTUALS_ROWS`].
    pub fn from_columns(
        columns: &Columns<'_>,
        known_measure: &dyn Fn(&str) -> bool,
        mode: LoadMode,
    ) -> Result<LoadReport> {
        let n = columns.days.len();
        if n > crate::limits::MAX_ACTUALS_ROWS {
            return Err(super::load::too_many_rows(
                &crate::limits::Limits::ACTUALS,
                None,
            ));
        }
        let lengths_agree = columns.measures.codes.len() == n
            && columns.values.len() == n
            && columns.tags.iter().all(|(_, t)| t.codes.len() == n);
        if !lengths_agree {
            return Err(Error::InvalidArgument {
                name: "columns".into(),
                message: "every column needs one entry per row".into(),
            });
        }
        if let ValueColumn::Minor { scale, .. } = columns.values {
            if scale > Decimal::MAX_SCALE {
                return Err(Error::InvalidArgument {
                    name: "columns.value".into(),
                    message: format!(
                        "a scale of {scale} decimal places is beyond the {} a decimal holds",
                        Decimal::MAX_SCALE
                    ),
                });
            }
        }
        // The same rows as one batch: values and validity bitmaps.
        let days: Vec<i32> = columns.days.iter().map(|d| d.unwrap_or(0)).collect();
        let day_bits = bitmap(columns.days.iter().map(Option::is_some));
        let keys = |t: &TextColumn<'_>| -> (Vec<u32>, Vec<u8>) {
            let keys = t.codes.iter().map(|k| k.unwrap_or(0)).collect();
            (keys, bitmap(t.codes.iter().map(Option::is_some)))
        };
        let measures = keys(&columns.measures);
        let tags: Vec<(Vec<u32>, Vec<u8>)> = columns.tags.iter().map(|(_, t)| keys(t)).collect();
        fn text<'a>(k: &'a (Vec<u32>, Vec<u8>), values: &'a [&'a str]) -> BatchText<'a> {
            BatchText {
                keys: Keys::U32(&k.0),
                validity: Validity::new(&k.1, 0, k.0.len()),
                values,
            }
        }
        let (units, decimals, floats): (Vec<i128>, Vec<Decimal>, Vec<f64>);
        let (values, value_bits) = match columns.values {
            ValueColumn::Decimal(v) => {
                decimals = v.iter().map(|d| d.unwrap_or_default()).collect();
                let bits = bitmap(v.iter().map(Option::is_some));
                (BatchValues::Decimals(&decimals), bits)
            }
            ValueColumn::Minor { units: u, scale } => {
                units = u.iter().map(|d| d.unwrap_or_default()).collect();
                let bits = bitmap(u.iter().map(Option::is_some));
                (
                    BatchValues::Units {
                        units: &units,
                        scale,
                    },
                    bits,
                )
            }
            ValueColumn::Float(v) => {
                floats = v.iter().map(|f| f.unwrap_or(f64::NAN)).collect();
                (
                    BatchValues::Floats(&floats),
                    bitmap(v.iter().map(Option::is_some)),
                )
            }
        };
        let batch = Batch {
            days: &days,
            days_validity: Validity::new(&day_bits, 0, n),
            measures: text(&measures, columns.measures.values),
            values,
            values_validity: Validity::new(&value_bits, 0, n),
            tags: columns
                .tags
                .iter()
                .zip(&tags)
                .map(|((name, t), k)| (*name, text(k, t.values)))
                .collect(),
        };
        let mut builder = ActualsBuilder::new(known_measure, mode);
        builder.append(&batch)?;
        builder.finish()
    }
}

/// A validity bitmap, least significant bit first.
fn bitmap(valid: impl Iterator<Item = bool>) -> Vec<u8> {
    let mut bits = Vec::new();
    for (i, v) in valid.enumerate() {
        if i % 8 == 0 {
            bits.push(0);
        }
        if v {
            bits[i / 8] |= 1 << (i % 8);
        }
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::super::epoch;
    use super::*;
    use chrono::NaiveDate;

    fn known(m: &str) -> bool {
        crate::formula::STANDARD_MEASURES.contains(&m)
    }

    #[test]
    fn builds_the_same_actuals_as_rows() {
        let day = |y, m, d| (NaiveDate::from_ymd_opt(y, m, d).unwrap() - epoch()).num_days() as i32;
        let days = [
            Some(day(2026, 1, 5)),
            Some(day(2026, 1, 6)),
            None,
            Some(day(2026, 1, 7)),
        ];
        let measures = TextColumn {
            codes: &[Some(0), Some(1), Some(0), Some(2)],
            values: &["revenue", "won_deals", "revnue"],
        };
        let units = [Some(120050i128), Some(300), Some(1), Some(5)];
        let region = TextColumn {
            codes: &[Some(0), None, Some(1), Some(1)],
            values: &["east", "west"],
        };
        let columns = Columns {
            days: &days,
            measures,
            values: ValueColumn::Minor {
                units: &units,
                scale: 2,
            },
            tags: vec![("region", region)],
        };
        let report = Actuals::from_columns(&columns, &known, LoadMode::Lenient).unwrap();
        let mut rows = Actuals::new();
        rows.push(
            NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            "revenue",
            "1200.50".parse().unwrap(),
            &[("region", "east")],
        );
        rows.push(
            NaiveDate::from_ymd_opt(2026, 1, 6).unwrap(),
            "won_deals",
            Decimal::from(3),
            &[],
        );
        assert_eq!(
            report.actuals.iter().collect::<Vec<_>>(),
            rows.iter().collect::<Vec<_>>()
        );
        let faults: Vec<(usize, &str)> = report
            .problems
            .iter()
            .map(|p| (p.row, p.column.as_str()))
            .collect();
        assert_eq!(faults, [(3, "date"), (4, "measure")]);
        assert!(matches!(
            Actuals::from_columns(&columns, &known, LoadMode::Strict),
            Err(Error::Actuals { .. })
        ));
    }

    #[test]
    fn floats_read_as_their_shortest_decimal_and_lengths_must_agree() {
        let columns = Columns {
            days: &[Some(20454)],
            measures: TextColumn {
                codes: &[Some(0)],
                values: &["revenue"],
            },
            values: ValueColumn::Float(&[Some(0.1)]),
            tags: vec![],
        };
        let r = Actuals::from_columns(&columns, &known, LoadMode::Strict).unwrap();
        assert_eq!(
            r.actuals.get(0).unwrap().value,
            "0.1".parse::<Decimal>().unwrap()
        );
        let short = Columns {
            days: &[Some(1), Some(2)],
            ..columns.clone()
        };
        assert!(Actuals::from_columns(&short, &known, LoadMode::Strict).is_err());
        let bad_code = Columns {
            measures: TextColumn {
                codes: &[Some(3)],
                values: &["revenue"],
            },
            ..columns
        };
        assert!(Actuals::from_columns(&bad_code, &known, LoadMode::Strict).is_err());
    }
}
