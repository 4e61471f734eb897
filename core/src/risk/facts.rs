//! The facts a scored risk register holds for the rules engine, and the
//! facts of an evaluation with its register.

use rust_decimal::Decimal;

use super::RiskRegister;
use crate::evaluate::{Evaluation, EvaluationFacts};
use crate::plan::{Plan, RiskLevel};
use crate::rules::condition::RiskField;
use crate::rules::{Fact, FactValue, Facts, RuleSet, FACT_WORDS};

/// The risk facts of a scored register on top of the facts of another
/// source (an evaluation's), which answers every other fact.
#[derive(Debug, Clone, Copy)]
pub struct RegisterFacts<'a, F> {
    /// Where the facts other than risk facts come from.
    pub rest: F,
    /// The register; without one, every risk fact is missing.
    pub register: Option<&'a RiskRegister>,
}

impl<F: Facts> Facts for RegisterFacts<'_, F> {
    fn value(&self, fact: &Fact) -> FactValue {
        let Fact::Risk { risk, field } = fact else {
            return self.rest.value(fact);
        };
        let num = |d: Option<Decimal>| d.map_or(FactValue::Missing, FactValue::Num);
        let Some(r) = self
            .register
            .and_then(|reg| reg.risks.iter().find(|r| r.risk == *risk))
        else {
            return FactValue::Missing;
        };
        let level = |l: Option<RiskLevel>| match l {
            Some(RiskLevel::Low) => FactValue::Text(FACT_WORDS[3]),
            Some(RiskLevel::Medium) => FactValue::Text(FACT_WORDS[4]),
            Some(RiskLevel::High) => FactValue::Text(FACT_WORDS[5]),
            Some(RiskLevel::Critical) => FactValue::Text(FACT_WORDS[6]),
            None => FactValue::Missing,
        };
        match field {
            RiskField::Likelihood => FactValue::Num(r.inherent.likelihood.into()),
            RiskField::Impact => FactValue::Num(r.inherent.impact.into()),
            RiskField::Score => FactValue::Num(r.inherent.score.into()),
            RiskField::Level => level(r.inherent.level),
            RiskField::ResidualScore => FactValue::Num(r.residual.score.into()),
            RiskField::ResidualLevel => level(r.residual.level),
            RiskField::Exposure => num(r.exposure),
        }
    }
}

impl RuleSet {
    /// Reads every slot from an evaluation and, for risk facts, a register
    /// ([`EvaluationFacts`] with [`RegisterFacts`]).
    pub fn facts(
        &self,
        plan: &Plan,
        evaluation: &Evaluation,
        register: Option<&RiskRegister>,
    ) -> Vec<FactValue> {
        self.read(&RegisterFacts {
            rest: EvaluationFacts::new(plan, evaluation),
            register,
        })
    }
}
