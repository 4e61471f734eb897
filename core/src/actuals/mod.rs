//! Actuals: what really happened, as dated observations of measures.
//!
//! An observation has a date, a measure (`revenue`, `won_deals`,
//! `opportunities`, …), an exact value and dimension tags (`team`, `region`,
//! `rep`, `product`, `segment`, `channel` — an open set). [`Actuals`] stores
//! them column by column, with measures and tag values interned, so that
//! millions of rows roll up quickly.
//!
//! Loading from CSV or JSON checks every row against the plan: an
//! unparseable date or number or an unknown measure is a [`RowProblem`]
//! with the row and the column. In [`LoadMode::Strict`] any problem refuses
//! the whole load; in [`LoadMode::Lenient`] bad rows are skipped and
//! reported.

mod columns;
mod load;
pub mod rollup;

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

pub use columns::{Columns, TextColumn, ValueColumn};
pub use load::{LoadMode, LoadReport, RowProblem};

/// No tag value for this row.
const ABSENT: u32 = u32::MAX;

/// One dimension (`region`): a dictionary of values and a code per row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Dimension {
    name: String,
    values: Vec<String>,
    index: HashMap<String, u32>,
    codes: Vec<u32>,
}

/// Observations stored by column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actuals {
    dates: Vec<NaiveDate>,
    measures: Vec<u32>,
    values: Vec<Decimal>,
    measure_names: Vec<String>,
    measure_index: HashMap<String, u32>,
    dims: Vec<Dimension>,
}

/// One observation, borrowed from [`Actuals`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Observation<'a> {
    /// When it happened.
    pub date: NaiveDate,
    /// What was measured.
    pub measure: &'a str,
    /// The value.
    #[serde(with = "crate::plan::dec")]
    pub value: Decimal,
    /// Dimension tags, by dimension name.
    pub tags: Vec<(&'a str, &'a str)>,
}

fn intern(names: &mut Vec<String>, index: &mut HashMap<String, u32>, name: &str) -> u32 {
    if let Some(&i) = index.get(name) {
        return i;
    }
    let i = u32::try_from(names.len()).unwrap_or(ABSENT - 1);
    names.push(name.to_owned());
    index.insert(name.to_owned(), i);
    i
}

impl Actuals {
    /// No observations.
    pub fn new() -> Actuals {
        Actuals::default()
    }

    /// Number of observations.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Adds an observation. Tags with an empty value are treated as absent.
    pub fn push(&mut self, date: NaiveDate, measure: &str, value: Decimal, tags: &[(&str, &str)]) {
        let m = intern(&mut self.measure_names, &mut self.measure_index, measure);
        let row = self.values.len();
        self.dates.push(date);
        self.measures.push(m);
        self.values.push(value);
        for dim in &mut self.dims {
            dim.codes.push(ABSENT);
        }
        for (name, value) in tags {
            if value.is_empty() {
                continue;
            }
            let d = match self.dims.iter().position(|d| d.name == *name) {
                Some(d) => d,
                None => {
                    self.dims.push(Dimension {
                        name: (*name).to_owned(),
                        codes: vec![ABSENT; row + 1],
                        ..Default::default()
                    });
                    self.dims.len() - 1
                }
            };
            let dim = &mut self.dims[d];
            let code = intern(&mut dim.values, &mut dim.index, value);
            dim.codes[row] = code;
        }
    }

    /// The observation at `row`.
    pub fn get(&self, row: usize) -> Option<Observation<'_>> {
        Some(Observation {
            date: *self.dates.get(row)?,
            measure: &self.measure_names[self.measures[row] as usize],
            value: self.values[row],
            tags: self
                .dims
                .iter()
                .filter_map(|d| {
                    let code = d.codes[row];
                    (code != ABSENT).then(|| (d.name.as_str(), d.values[code as usize].as_str()))
                })
                .collect(),
        })
    }

    /// Every observation in load order.
    pub fn iter(&self) -> impl Iterator<Item = Observation<'_>> + '_ {
        (0..self.len()).filter_map(|r| self.get(r))
    }

    /// The measures that occur, in order of first appearance.
    pub fn measures(&self) -> &[String] {
        &self.measure_names
    }

    /// The dimensions that occur, in order of first appearance.
    pub fn dimensions(&self) -> impl Iterator<Item = &str> {
        self.dims.iter().map(|d| d.name.as_str())
    }

    /// The distinct values of a dimension, in order of first appearance.
    pub fn dimension_values(&self, dimension: &str) -> &[String] {
        self.dims
            .iter()
            .find(|d| d.name == dimension)
            .map_or(&[], |d| &d.values)
    }

    /// The earliest and latest dates.
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((*self.dates.iter().min()?, *self.dates.iter().max()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_and_returns_rows() {
        let mut a = Actuals::new();
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        a.push(
            day,
            "revenue",
            Decimal::new(120050, 2),
            &[("region", "east")],
        );
        a.push(
            day,
            "won_deals",
            Decimal::from(3),
            &[("rep", "r1"), ("region", "")],
        );
        assert_eq!(a.len(), 2);
        let first = a.get(0).unwrap();
        assert_eq!(first.tags, [("region", "east")]);
        let second = a.get(1).unwrap();
        assert_eq!(second.measure, "won_deals");
        assert_eq!(second.tags, [("rep", "r1")]);
        assert_eq!(a.dimension_values("region"), ["east"]);
        assert_eq!(a.measures(), ["revenue", "won_deals"]);
        assert!(a.get(2).is_none());
    }
}
