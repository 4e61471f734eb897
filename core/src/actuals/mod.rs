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
//! reported. Valid rows dated outside the plan period are kept and
//! reported as a [`LoadWarning`] ([`LoadReport::warnings`]): the evaluation
//! does not count them.
//!
//! Rows may be in other currencies than the plan's, converted at dated
//! rates ([`Rates`]), and may share their credit among several values of a
//! dimension ([`Credit`]); [`settle`] says how.

mod batch;
mod columns;
mod credit;
mod currency;
mod load;
pub mod rollup;
pub mod settle;

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

pub use batch::{ActualsBuilder, Batch, BatchText, BatchValues, Keys, Validity};
pub use columns::{Columns, TextColumn, ValueColumn};
pub use credit::Credit;
pub use currency::{Rate, Rates};
pub use load::{LoadMode, LoadReport, LoadWarning, RowProblem, WARNING_ROWS_SHOWN};
pub use settle::LoadOptions;

/// No tag value for this row.
pub(crate) const ABSENT: u32 = u32::MAX;

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
    /// Days since 1970-01-01.
    days: Vec<i32>,
    measures: Vec<u32>,
    values: Vec<Decimal>,
    measure_names: Vec<String>,
    measure_index: HashMap<String, u32>,
    /// What the values of each measure look like, by measure code.
    measure_shapes: Vec<Shape>,
    dims: Vec<Dimension>,
}

/// The range of scales and magnitudes of one measure's values, kept as rows
/// are added so that evaluation can choose integer sums without a pass of
/// its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    /// Fewest decimal places of any value.
    pub(crate) min_scale: u32,
    /// Most decimal places of any value.
    pub(crate) max_scale: u32,
    /// Bits of the largest mantissa (|value| × 10^scale).
    pub(crate) max_bits: u32,
}

impl Default for Shape {
    fn default() -> Shape {
        Shape {
            min_scale: u32::MAX,
            max_scale: 0,
            max_bits: 0,
        }
    }
}

impl Shape {
    fn add(&mut self, value: &Decimal) {
        let scale = value.scale();
        self.min_scale = self.min_scale.min(scale);
        self.max_scale = self.max_scale.max(scale);
        let bits = 128 - value.mantissa().unsigned_abs().leading_zeros();
        self.max_bits = self.max_bits.max(bits);
    }
}

/// The days since 1970-01-01 of a date.
pub(crate) fn day_number(date: NaiveDate) -> i32 {
    // Every NaiveDate is within ±262,143 years: the difference fits an i32.
    (date - epoch()).num_days() as i32
}

/// The date of a day number (see [`day_number`]).
pub(crate) fn date_of(day: i32) -> NaiveDate {
    epoch()
        .checked_add_signed(chrono::Duration::days(day.into()))
        .unwrap_or_default()
}

/// 1970-01-01.
pub(crate) fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// One observation, borrowed from [`Actuals`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Observation<'a> {
    /// When it happened.
    pub date: NaiveDate,
    /// What was measured.
    pub measure: &'a str,
    /// The value.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub value: Decimal,
    /// Dimension tags, by dimension name (written as a JSON object, in
    /// this order: the shape the loaders read).
    #[serde(serialize_with = "tags_as_object")]
    #[schemars(with = "std::collections::BTreeMap<String, String>")]
    pub tags: Vec<(&'a str, &'a str)>,
}

fn tags_as_object<S: serde::Serializer>(
    tags: &[(&str, &str)],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_map(tags.iter().copied())
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
        self.days.push(day_number(date));
        self.measures.push(m);
        self.add_shape(m, &value);
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

    /// Records a value of measure `m` in the measure's shape.
    fn add_shape(&mut self, m: u32, value: &Decimal) {
        self.shape_mut(m as usize).add(value);
    }

    /// The shape of measure `m`, made when it has none yet.
    fn shape_mut(&mut self, m: usize) -> &mut Shape {
        if self.measure_shapes.len() <= m {
            self.measure_shapes.resize(m + 1, Shape::default());
        }
        &mut self.measure_shapes[m]
    }

    /// The observation at `row`.
    pub fn get(&self, row: usize) -> Option<Observation<'_>> {
        Some(Observation {
            date: date_of(*self.days.get(row)?),
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
        Some((
            date_of(*self.days.iter().min()?),
            date_of(*self.days.iter().max()?),
        ))
    }

    /// The columns as they are stored, for the evaluation engine.
    pub(crate) fn raw(&self) -> Raw<'_> {
        Raw {
            days: &self.days,
            measures: &self.measures,
            values: &self.values,
        }
    }

    /// The code of a measure, when it occurs.
    pub(crate) fn measure_code(&self, name: &str) -> Option<u32> {
        self.measure_index.get(name).copied()
    }

    /// The shape of a measure's values, by code.
    pub(crate) fn shape(&self, code: u32) -> Shape {
        self.measure_shapes
            .get(code as usize)
            .copied()
            .unwrap_or_default()
    }

    /// A dimension's codes by row ([`ABSENT`] for none) and its values by
    /// code, when it occurs.
    pub(crate) fn dimension(&self, name: &str) -> Option<(&[u32], &[String])> {
        let d = self.dims.iter().find(|d| d.name == name)?;
        Some((&d.codes, &d.values))
    }

    /// The code of a dimension's value, when it occurs.
    pub(crate) fn tag_code(&self, dimension: &str, value: &str) -> Option<u32> {
        let d = self.dims.iter().find(|d| d.name == dimension)?;
        d.index.get(value).copied()
    }
}

/// The stored columns of [`Actuals`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Raw<'a> {
    /// Days since 1970-01-01.
    pub(crate) days: &'a [i32],
    /// Measure codes.
    pub(crate) measures: &'a [u32],
    /// Values.
    pub(crate) values: &'a [Decimal],
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
