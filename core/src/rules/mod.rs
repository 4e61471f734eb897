//! The rules engine: the condition language and the rule VM, behind a
//! [`Facts`] interface.
//!
//! * [`condition`] — the condition language, parsed with columns in errors,
//!   and the facts it names (`kpi("K-REV").pace`, `risk("R-1").level`,
//!   `task("T-05").slip_days`);
//! * [`program`] — conditions compiled once against a plan into a
//!   [`RuleSet`] and evaluated, one context or many at a time, over the
//!   values of the facts they read.
//!
//! The engine does not read evaluations, risk registers or monitoring
//! itself: it asks a [`Facts`] source for the value of each fact a rule
//! set reads ([`RuleSet::read`]). The sources live with the data they read:
//! [`EvaluationFacts`](crate::evaluate::EvaluationFacts) for KPI and
//! monitoring facts, [`RegisterFacts`](crate::risk::RegisterFacts) for
//! risk facts, and [`RuleSet::facts`] (defined beside the register) reads
//! both for an evaluation and its register.

pub mod condition;
mod fact;
pub mod program;

pub use condition::{ConditionError, Fact};
pub use program::{CompiledRule, FactValue, FiredSets, RuleError, RuleSet, FACT_WORDS};

/// A source of fact values for the rules engine.
pub trait Facts {
    /// The value of one fact; [`FactValue::Missing`] when the source has
    /// no value for it (no data yet, no such node, or a kind of fact the
    /// source does not hold).
    fn value(&self, fact: &Fact) -> FactValue;
}
