//! The data that tracking a plan produces and an evaluation can carry:
//! [`Monitoring`] (execution, budget burn, capacity, strategy effects) and
//! the forecast [`Accuracy`](accuracy::Accuracy) it holds.
//!
//! Types only, below [`crate::evaluate`] so that
//! [`Evaluation::monitoring`](crate::evaluate::Evaluation::monitoring) can
//! hold them; the computations are in [`crate::monitor`] and
//! [`crate::accuracy`], which re-export these types where they have always
//! been.

pub mod accuracy;
pub mod budget;
pub mod capacity;
pub mod execution;
pub mod strategy;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use accuracy::Accuracy;
use budget::BudgetBurn;
use capacity::CapacityActuals;
use execution::ExecutionTracking;
use strategy::StrategyEffects;

/// The plan's execution, budget, capacity and strategies as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Monitoring {
    /// The day it describes (the evaluation's).
    pub as_of: NaiveDate,
    /// Tasks, the critical path and milestones.
    pub execution: ExecutionTracking,
    /// Budget lines' spend against their phasing, with resource actuals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetBurn>,
    /// Heads in seat against plan, with resource actuals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<CapacityActuals>,
    /// Strategy effects, assumed against realised.
    pub strategies: Vec<StrategyEffects>,
    /// The forecast accuracy given, for the `forecast(...)` facts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<Accuracy>,
}

impl Monitoring {
    /// The effects of a strategy.
    pub fn strategy(&self, id: &str) -> Option<&StrategyEffects> {
        self.strategies.iter().find(|s| s.strategy.as_str() == id)
    }
}
