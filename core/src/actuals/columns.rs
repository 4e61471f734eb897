//! Building actuals from columns — Arrow tables, DataFrames, typed arrays —
//! without a string or an object per row.
//!
//! Text columns come dictionary-encoded: one code per row into a small list
//! of distinct values, the way Arrow dictionary arrays, pandas categoricals
//! and polars categoricals hold them. Each distinct value is checked and
//! interned once.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::load::{LoadMode, LoadReport, RowProblem};
use super::{intern, Actuals, Dimension, ABSENT};
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

    fn get(&self, row: usize) -> Option<Decimal> {
        match self {
            ValueColumn::Decimal(v) => v[row],
            ValueColumn::Minor { units, scale } => {
                Decimal::try_from_i128_with_scale(units[row]?, *scale).ok()
            }
            ValueColumn::Float(v) => {
                let f = v[row].filter(|f| f.is_finite())?;
                f.to_string().parse().ok()
            }
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
    /// when any row is bad.
    pub fn from_columns(
        columns: &Columns<'_>,
        known_measure: &dyn Fn(&str) -> bool,
        mode: LoadMode,
    ) -> Result<LoadReport> {
        let n = columns.days.len();
        let bad = |message: String| Error::InvalidArgument {
            name: "columns".into(),
            message,
        };
        let lengths_agree = columns.measures.codes.len() == n
            && columns.values.len() == n
            && columns.tags.iter().all(|(_, t)| t.codes.len() == n);
        if !lengths_agree {
            return Err(bad("every column needs one entry per row".into()));
        }
        let check_codes = |name: &str, c: &TextColumn<'_>| match c
            .codes
            .iter()
            .flatten()
            .find(|&&k| k as usize >= c.values.len())
        {
            Some(k) => Err(bad(format!(
                "column {name}: code {k} is outside its {} values",
                c.values.len()
            ))),
            None => Ok(()),
        };
        check_codes("measure", &columns.measures)?;
        for (name, t) in &columns.tags {
            check_codes(name, t)?;
        }

        let mut actuals = Actuals::new();
        // Dictionary index → interned code, once per distinct value.
        let measure_codes: Vec<Option<u32>> = columns
            .measures
            .values
            .iter()
            .map(|m| {
                let m = m.trim();
                (!m.is_empty() && known_measure(m))
                    .then(|| intern(&mut actuals.measure_names, &mut actuals.measure_index, m))
            })
            .collect();
        let mut tag_maps = Vec::with_capacity(columns.tags.len());
        for (name, t) in &columns.tags {
            let mut dim = Dimension {
                name: (*name).to_owned(),
                ..Default::default()
            };
            let map: Vec<u32> = t
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
            actuals.dims.push(dim);
            tag_maps.push(map);
        }

        let mut problems = Vec::new();
        let problem = |row: usize, column: &str, message: String| RowProblem {
            row: row + 1,
            column: column.into(),
            message,
        };
        // Days that chrono can represent as dates.
        let days = super::day_number(NaiveDate::MIN)..=super::day_number(NaiveDate::MAX);
        actuals.days.reserve(n);
        actuals.measures.reserve(n);
        actuals.values.reserve(n);
        for dim in &mut actuals.dims {
            dim.codes.reserve(n);
        }
        for row in 0..n {
            let Some(day) = columns.days[row].filter(|d| days.contains(d)) else {
                problems.push(problem(
                    row,
                    "date",
                    "the date is missing or out of range".into(),
                ));
                continue;
            };
            let measure = match columns.measures.codes[row] {
                Some(k) => match measure_codes[k as usize] {
                    Some(code) => code,
                    None => {
                        let name = columns.measures.values[k as usize];
                        problems.push(problem(
                            row,
                            "measure",
                            format!(
                                "unknown measure `{name}`; declare it in the plan's `measures`"
                            ),
                        ));
                        continue;
                    }
                },
                None => {
                    problems.push(problem(row, "measure", "the measure is missing".into()));
                    continue;
                }
            };
            let Some(value) = columns.values.get(row) else {
                problems.push(problem(
                    row,
                    "value",
                    "the value is missing or not a number".into(),
                ));
                continue;
            };
            actuals.days.push(day);
            actuals.measures.push(measure);
            actuals.add_shape(measure, &value);
            actuals.values.push(value);
            for (d, ((_, t), map)) in columns.tags.iter().zip(&tag_maps).enumerate() {
                let code = t.codes[row].map_or(ABSENT, |k| map[k as usize]);
                actuals.dims[d].codes.push(code);
            }
        }
        if mode == LoadMode::Strict && !problems.is_empty() {
            return Err(Error::Actuals { problems });
        }
        Ok(LoadReport { actuals, problems })
    }
}

#[cfg(test)]
mod tests {
    use super::super::epoch;
    use super::*;

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
