//! Typed identifiers for the items that other items refer to.
//!
//! Each is a string in the document; in Rust a distinct type, so a goal id
//! cannot be passed where a KPI id is expected.

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, schemars::JsonSchema,
        )]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written in the document.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    )*};
}

id_type! {
    /// Identifies a goal (`"G-REV"`).
    GoalId,
    /// Identifies a market segment (`"SEG-HIGH"`).
    SegmentId,
    /// Identifies a competitor.
    CompetitorId,
    /// Identifies a customer persona.
    PersonaId,
    /// Identifies a market trend.
    TrendId,
    /// Identifies a strategy (`"S-HIGHEND"`).
    StrategyId,
    /// Identifies a headcount line.
    HeadcountId,
    /// Identifies a budget line (`"B-PROMO"`).
    BudgetLineId,
    /// Identifies a tool.
    ToolId,
    /// Identifies a training programme.
    TrainingId,
    /// Identifies an execution task (`"T-01"`).
    TaskId,
    /// Identifies a milestone.
    MilestoneId,
    /// Identifies a risk (`"R-MKT"`).
    RiskId,
    /// Identifies a KPI (`"K-CONV"`).
    KpiId,
    /// Identifies an adjustment rule.
    RuleId,
}
