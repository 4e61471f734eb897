//! The data of strategy effects: each effect a strategy assumes against
//! what was realised (computed by [`crate::monitor::strategy`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::plan::{KpiId, StrategyId};

/// One strategy's effects, assumed and realised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct StrategyEffects {
    /// The strategy.
    pub strategy: StrategyId,
    /// Its name.
    pub name: String,
    /// When it starts.
    pub start: Option<NaiveDate>,
    /// Each stated effect, in order.
    pub effects: Vec<EffectCheck>,
    /// The lowest realised share of its measurable effects.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub realised: Option<Decimal>,
}

/// One stated effect against what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EffectCheck {
    /// The KPI expected to move.
    pub kpi: KpiId,
    /// The change stated in the plan.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub assumed: Decimal,
    /// The periods of the before window.
    pub before_periods: Vec<String>,
    /// The periods of the after window.
    pub after_periods: Vec<String>,
    /// The mean KPI value before.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub before: Option<Decimal>,
    /// The mean KPI value after.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub after: Option<Decimal>,
    /// The realised change, comparable with `assumed`.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub realised: Option<Decimal>,
    /// realised ÷ assumed.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub realised_share: Option<Decimal>,
    /// Why the effect cannot be measured yet, when it cannot.
    pub unmeasurable: Option<String>,
}

impl StrategyEffects {
    /// The check of the effect on one KPI.
    pub fn effect(&self, kpi: &str) -> Option<&EffectCheck> {
        self.effects.iter().find(|e| e.kpi.as_str() == kpi)
    }
}
