//! The zen-engine side: the decision table of [`super::jdm`], created and
//! precompiled once, and contexts as zen `Variable`s built from the same
//! decimals.

use std::sync::Arc;

use salesplan::adjust::FactValue;
use zen_engine::model::DecisionContent;
use zen_engine::{Decision, DecisionEngine, Variable};

use super::{FACTS, RULES};

/// The decision, created once with its expressions and table indexes
/// compiled.
pub struct Zen {
    decision: Decision,
}

impl Zen {
    /// Creates and compiles the decision of [`super::jdm`].
    ///
    /// # Errors
    /// If zen does not read the graph.
    pub fn new() -> Result<Zen, Box<dyn std::error::Error>> {
        let content: DecisionContent = serde_json::from_value(super::jdm())?;
        let engine = DecisionEngine::default();
        let mut decision = engine.create_decision(Arc::new(content))?;
        decision.compile();
        Ok(Zen { decision })
    }

    /// One evaluation: the context through the whole table, and the fired
    /// rules read off the result, bit `i` for rule `i`.
    ///
    /// # Errors
    /// If zen fails, or answers with something other than the collected
    /// rows.
    pub fn fired(&self, context: &Variable) -> Result<u64, String> {
        let response = futures_executor::block_on(self.decision.evaluate(context.clone()))
            .map_err(|e| e.to_string())?;
        mask(&response.result)
    }
}

/// The fired rules of a result (`[{"rule": "R-07"}, …]`) as a bit mask.
fn mask(result: &Variable) -> Result<u64, String> {
    let rows = result
        .as_array()
        .ok_or_else(|| format!("zen answered {result}, not the collected rows"))?;
    let mut mask = 0u64;
    for row in rows.borrow().iter() {
        let id = row
            .dot("rule")
            .and_then(|r| r.as_str().map(str::to_owned))
            .ok_or_else(|| format!("a row without a rule: {row}"))?;
        // Rule ids are R-01 … R-50, in table order.
        let i = RULES
            .iter()
            .position(|r| r.id == id)
            .ok_or_else(|| format!("unknown rule {id}"))?;
        mask |= 1 << i;
    }
    Ok(mask)
}

/// One context (values in [`FACTS`] order) as a zen object
/// (`{"k01": {"attainment": 0.9312, …}, …}`), numbers as the same
/// decimals.
pub fn context(values: &[FactValue]) -> Variable {
    let context = Variable::empty_object();
    for (fact, value) in FACTS.iter().zip(values) {
        let v = match value {
            FactValue::Num(d) => Variable::Number(*d),
            FactValue::Text(t) => Variable::String(Variable::key(t)),
            FactValue::Missing => Variable::Null,
        };
        context.dot_insert(&fact.zen_field(), v);
    }
    context
}
