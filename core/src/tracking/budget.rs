//! The data of budget burn: each budget line's spending against its
//! phasing, and the totals (computed by [`crate::monitor::budget`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[cfg(doc)]
use crate::monitor::budget::budget_burn;
use crate::plan::{BudgetCategory, BudgetLineId, StrategyId};

/// How far a burn ratio may stray from 1 and still be on plan: 0.1, so a
/// burn above 1.1 is [`BurnStatus::Over`] and one below 0.9 is
/// [`BurnStatus::Under`].
pub const BURN_TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

/// Where spending stands against the phasing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BurnStatus {
    /// Burn below 1 − [`BURN_TOLERANCE`], or money refunded while
    /// nothing was due.
    Under,
    /// Burn within [`BURN_TOLERANCE`] of 1, or nothing spent while nothing
    /// was due.
    OnPlan,
    /// Burn above 1 + [`BURN_TOLERANCE`], or money spent while nothing
    /// was due.
    Over,
}

/// One budget line's spending as of a date. Money is rounded to cents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BudgetLineBurn {
    /// The budget line.
    pub id: BudgetLineId,
    /// Its name.
    pub name: String,
    /// What the money is for.
    pub category: BudgetCategory,
    /// The strategy it funds.
    pub strategy: Option<StrategyId>,
    /// The line's amount over the plan period, as planned.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub amount: Decimal,
    /// Spend dated from the plan start to `as_of` (and the plan end).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub spent: Decimal,
    /// What the phasing expects spent by `as_of` (see [`budget_burn`]).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub expected: Decimal,
    /// spent − expected.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub variance: Decimal,
    /// spent ÷ expected, to 4 places; `None` when nothing was expected.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub burn: Option<Decimal>,
    /// Spent per day of the plan period elapsed by `as_of`; `None` before
    /// the plan starts.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub burn_rate: Option<Decimal>,
    /// What the line will have spent at the plan end (see [`budget_burn`]).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub forecast_at_completion: Decimal,
    /// How far the forecast exceeds the amount; zero when it does not.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub overrun: Decimal,
    /// Burn against the tolerance.
    pub status: BurnStatus,
}

/// Every budget line's spending against its phasing as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BudgetBurn {
    /// The day it was made.
    pub as_of: NaiveDate,
    /// One per budget line, in plan order.
    pub lines: Vec<BudgetLineBurn>,
    /// By category, in order of first appearance among the lines.
    pub by_category: Vec<CategoryBurn>,
    /// By strategy, in order of first appearance among the lines, the
    /// lines tied to no strategy last.
    pub by_strategy: Vec<StrategyBurn>,
    /// All lines.
    pub total: BudgetTotals,
}

impl BudgetBurn {
    /// The burn of one budget line, by id.
    pub fn line(&self, id: &str) -> Option<&BudgetLineBurn> {
        self.lines.iter().find(|l| l.id.as_str() == id)
    }
}

/// The spending of a group of budget lines: sums of the lines' rounded
/// values, so they reconcile with the lines to the cent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BudgetTotals {
    /// Sum of the lines' amounts.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub amount: Decimal,
    /// Sum of the lines' spend.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub spent: Decimal,
    /// Sum of the lines' expected spend.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub expected: Decimal,
    /// Sum of the lines' variances (= spent − expected).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub variance: Decimal,
    /// spent ÷ expected of the group, to 4 places; `None` when nothing was
    /// expected.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub burn: Option<Decimal>,
    /// Sum of the lines' burn rates; `None` before the plan starts.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub burn_rate: Option<Decimal>,
    /// Sum of the lines' forecasts at completion.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub forecast_at_completion: Decimal,
    /// Sum of the lines' overruns: one line's underspend does not offset
    /// another's overrun.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub overrun: Decimal,
    /// The group's burn against the tolerance.
    pub status: BurnStatus,
}

/// The lines of one budget category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CategoryBurn {
    /// The category.
    pub category: BudgetCategory,
    /// Its lines' totals.
    #[serde(flatten)]
    pub totals: BudgetTotals,
}

/// The lines that fund one strategy, or that fund none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StrategyBurn {
    /// The strategy; `None` for the lines tied to no strategy.
    pub strategy: Option<StrategyId>,
    /// Its lines' totals.
    #[serde(flatten)]
    pub totals: BudgetTotals,
}
