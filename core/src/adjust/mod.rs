//! Adjustment (调整机制): rules whose conditions over the evaluation and the
//! risk register propose structured changes to the plan.
//!
//! The condition language and the rule VM are the rules engine,
//! [`crate::rules`]; [`condition`] and [`program`] are its modules, and
//! its types are re-exported here.
//!
//! * [`engine`] — every rule against an evaluation: proposals with their
//!   explanation, cooldowns and conflicts;
//! * [`revision`] — accepted proposals or manual edits as revisions with a
//!   JSON Patch ([`patch`]), refused when they would break the plan; the
//!   log, diffs and undo;
//! * [`replay`] — the rules over historical actuals, period by period;
//! * [`scenario`] — what-if patches evaluated and simulated beside the base.

pub mod actions;
pub mod engine;
pub mod patch;
pub mod replay;
pub mod revision;
pub mod scenario;

pub use crate::rules::{condition, program};
pub use crate::rules::{ConditionError, Fact};
pub use crate::rules::{FactValue, FiredSets, RuleError, RuleSet, FACT_WORDS};
pub use engine::{Accepted, Proposal, Proposals};
pub use patch::PatchOp;
pub use replay::Replay;
pub use revision::{Change, History, Revised, Revision};
pub use scenario::{Scenario, ScenarioComparison};
