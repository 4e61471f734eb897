//! Adjustment (调整机制): rules whose conditions over the evaluation and the
//! risk register propose structured changes to the plan.
//!
//! * [`condition`] — the condition language, parsed with columns in errors;
//! * [`program`] — conditions compiled once against a plan and evaluated
//!   over the facts of an evaluation.

pub mod condition;
pub mod patch;
pub mod program;

pub use condition::{ConditionError, Fact};
pub use patch::PatchOp;
pub use program::{FactValue, RuleError, RuleSet};
