//! The data of capacity against plan: heads in seat and the capacity they
//! give, line by line (computed by [`crate::monitor::capacity`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[cfg(doc)]
use crate::capacity::headcount_capacity;
#[cfg(doc)]
use crate::monitor::capacity::capacity_against_plan;
use crate::plan::HeadcountId;

/// One month of one headcount line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MonthHeads {
    /// The month (`"2026-04"`).
    pub period: String,
    /// Heads the plan has in seat: all of the line's heads, new hires
    /// included from the plan start.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub planned: Decimal,
    /// The latest heads observed in the month up to `as_of`; `None`
    /// without an observation.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub actual: Option<Decimal>,
}

/// One headcount line against its plan. Capacity is money, to the cent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HeadcountActuals {
    /// The headcount line.
    pub id: HeadcountId,
    /// Its role.
    pub role: String,
    /// Planned heads.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub planned: Decimal,
    /// Every month from the plan start to the one holding `as_of`.
    pub months: Vec<MonthHeads>,
    /// The latest heads observed up to `as_of`; `None` when the line has
    /// no data, which is not the same as zero heads.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub heads: Option<Decimal>,
    /// planned − heads in the latest month with data: positive when
    /// behind plan.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub heads_gap: Option<Decimal>,
    /// What the heads actually in seat could sell from the plan start to
    /// `as_of` (see [`capacity_against_plan`]); `None` without data or
    /// quota.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub capacity_to_date: Option<Decimal>,
    /// The plan's capacity of the line over the plan period
    /// ([`headcount_capacity`]); `None` without quota.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub planned_capacity: Option<Decimal>,
    /// The capacity over the whole plan period from the actual heads to
    /// date and the latest heads held to the end; `None` without data or
    /// quota.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub forecast_capacity: Option<Decimal>,
}

/// The headcount against the plan as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CapacityActuals {
    /// The day it was made.
    pub as_of: NaiveDate,
    /// One per headcount line, in plan order.
    pub lines: Vec<HeadcountActuals>,
    /// Sum of the lines' planned capacity; `None` when no line has a quota.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub planned_capacity: Option<Decimal>,
    /// Sum of the lines' forecast capacity, a line without data counting
    /// at its planned capacity; `None` when no line has a quota.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub forecast_capacity: Option<Decimal>,
    /// The revenue target: that of the first goal on `revenue` without a
    /// segment.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub target: Option<Decimal>,
    /// forecast capacity ÷ target, to 4 places; `None` without either or
    /// with a zero target.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub coverage: Option<Decimal>,
}

impl CapacityActuals {
    /// The actuals of one headcount line, by id.
    pub fn line(&self, id: &str) -> Option<&HeadcountActuals> {
        self.lines.iter().find(|l| l.id.as_str() == id)
    }
}
