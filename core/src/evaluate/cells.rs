//! The cells of a [`Partial`](super::Partial): per KPI filter, the nodes
//! reached, each with one exact fold per (period, measure), and where its
//! rows came from. [`columnar`](super::columnar) fills them from a batch;
//! [`partial`](super::partial) merges and finishes them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Where a row comes from: its batch, then its row in the batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(super) struct Position {
    pub(super) batch: u64,
    pub(super) row: u64,
}

/// One node of one filter's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Node {
    /// The node's tag values from the top of the hierarchy (empty for the
    /// company).
    pub(super) key: Vec<String>,
    /// Its first row that the filter passes in a period evaluated; `None`
    /// only for a company no row reached.
    pub(super) first: Option<Position>,
    /// Per period, per measure.
    pub(super) cells: Vec<Cell>,
}

/// The fold of one (node, period, measure).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Cell {
    /// The sum in units of `10^-scale`.
    pub(super) units: i128,
    /// The largest scale of the values.
    pub(super) scale: u8,
    pub(super) count: u64,
    pub(super) min: Option<Mark>,
    pub(super) max: Option<Mark>,
    pub(super) last: Option<Mark>,
}

/// One row's value, day and position: an extreme of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Mark {
    #[serde(with = "exact")]
    pub(super) value: Decimal,
    /// Days since 1970-01-01.
    pub(super) day: i32,
    pub(super) at: Position,
}

/// A decimal as its mantissa and scale, refused when out of range.
mod exact {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        (d.mantissa(), d.scale()).serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let (mantissa, scale) = <(i128, u32)>::deserialize(d)?;
        Decimal::try_from_i128_with_scale(mantissa, scale)
            .map_err(|_| serde::de::Error::custom("a value beyond what a decimal holds"))
    }
}
