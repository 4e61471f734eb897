//! The engine: every enabled rule against an evaluation and its risk
//! register, giving proposals a person can accept.
//!
//! A proposal carries the rule, the facts that made it fire and their
//! values, the actions and the rule's priority. A rule in its cooldown —
//! within `cooldown_periods` plan periods after the period of an accepted
//! proposal of the same rule — does not fire and is listed as suppressed.
//! Proposals that touch the same budget line, goal, KPI, risk, strategy or
//! task are reported as conflicts; both stay, for a person to choose.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::actions::touches;
use crate::error::{Error, Result};
use crate::evaluate::Evaluation;
use crate::plan::{Action, Plan};
use crate::rules::{FactValue, RuleSet};

/// A proposal once accepted, as cooldowns need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Accepted {
    /// The rule.
    pub rule: String,
    /// The day of the evaluation it came from.
    pub as_of: NaiveDate,
}

/// A fact a rule read, and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FactReading {
    /// The fact as written in the condition (`kpi("K-CONV").attainment`).
    pub fact: String,
    /// Its value: a decimal string, a text, or `None` without a value.
    #[schemars(schema_with = "fact_value_schema")]
    pub value: Option<String>,
}

/// A fact's value: `"format": "fact"` tells typed readers that a numeral
/// is a number and any other text a word (a status, a risk level).
fn fact_value_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": ["string", "null"], "format": "fact" })
}

/// A rule that fired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Proposal {
    /// `RULE@AS_OF`, unique in a set of proposals.
    pub id: String,
    /// The rule.
    pub rule: String,
    /// The rule's name.
    pub name: String,
    /// The day of the evaluation.
    pub as_of: NaiveDate,
    /// The rule's priority (higher first).
    pub priority: i32,
    /// The condition that held.
    pub condition: String,
    /// The facts it read.
    pub facts: Vec<FactReading>,
    /// The facts in one sentence.
    pub explanation: String,
    /// What it proposes.
    pub actions: Vec<Action>,
    /// What the actions touch (`budget:B-PROMO`, `goal:G-REV`).
    pub touches: Vec<String>,
}

/// Proposals that touch the same thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Conflict {
    /// What they touch.
    pub target: String,
    /// The proposals' ids.
    pub proposals: Vec<String>,
}

/// A rule that held but is in its cooldown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Suppressed {
    /// The rule.
    pub rule: String,
    /// Why.
    pub reason: String,
}

/// What the rules propose as of a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Proposals {
    /// The day of the evaluation.
    pub as_of: NaiveDate,
    /// Highest priority first, then plan order.
    pub proposals: Vec<Proposal>,
    /// Proposals touching the same thing.
    pub conflicts: Vec<Conflict>,
    /// Rules held back by their cooldown.
    pub suppressed: Vec<Suppressed>,
}

impl Plan {
    /// Runs every enabled rule against an evaluation and the risk register
    /// it moves (see the [module documentation](self)). `accepted` lists
    /// earlier accepted proposals, for cooldowns.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the first rule whose condition
    /// does not compile (validation reports them all).
    pub fn propose(&self, evaluation: &Evaluation, accepted: &[Accepted]) -> Result<Proposals> {
        let set = RuleSet::compile(self).map_err(|errors| Error::InvalidArgument {
            name: format!("/rules/{}/when", errors[0].index),
            message: errors[0].to_string(),
        })?;
        let register = self.risk_register(Some(evaluation));
        let facts = set.facts(self, evaluation, Some(&register));
        let as_of = evaluation.as_of;
        let mut proposals = Vec::new();
        let mut suppressed = Vec::new();
        for compiled in set.rules() {
            let rule = &self.rules[compiled.index];
            if !rule.enabled || !set.holds(compiled, &facts) {
                continue;
            }
            if let Some(reason) =
                self.cooling(rule.id.as_str(), rule.cooldown_periods, as_of, accepted)
            {
                suppressed.push(Suppressed {
                    rule: rule.id.to_string(),
                    reason,
                });
                continue;
            }
            let readings: Vec<FactReading> = compiled
                .reads()
                .iter()
                .map(|&slot| FactReading {
                    fact: set.slots()[slot as usize].to_string(),
                    value: match facts[slot as usize] {
                        FactValue::Num(n) => Some(n.normalize().to_string()),
                        FactValue::Text(t) => Some(t.to_owned()),
                        FactValue::Missing => None,
                    },
                })
                .collect();
            let explanation = readings
                .iter()
                .map(|r| format!("{} = {}", r.fact, r.value.as_deref().unwrap_or("no value")))
                .collect::<Vec<_>>()
                .join("; ");
            let mut touched: Vec<String> = rule.actions.iter().flat_map(touches).collect();
            touched.dedup();
            proposals.push(Proposal {
                id: format!("{}@{as_of}", rule.id),
                rule: rule.id.to_string(),
                name: rule.name.clone(),
                as_of,
                priority: rule.priority,
                condition: rule.when.clone(),
                facts: readings,
                explanation,
                actions: rule.actions.clone(),
                touches: touched,
            });
        }
        proposals.sort_by_key(|p| std::cmp::Reverse(p.priority));
        let mut by_target: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for p in &proposals {
            for t in &p.touches {
                let ids = by_target.entry(t.as_str()).or_default();
                if !ids.contains(&p.id) {
                    ids.push(p.id.clone());
                }
            }
        }
        let conflicts = by_target
            .into_iter()
            .filter(|(_, ids)| ids.len() > 1)
            .map(|(target, proposals)| Conflict {
                target: target.to_owned(),
                proposals,
            })
            .collect();
        Ok(Proposals {
            as_of,
            proposals,
            conflicts,
            suppressed,
        })
    }

    /// Why a rule is in its cooldown as of a day, if it is.
    fn cooling(
        &self,
        rule: &str,
        cooldown: u32,
        as_of: NaiveDate,
        accepted: &[Accepted],
    ) -> Option<String> {
        if cooldown == 0 {
            return None;
        }
        let index = |d: NaiveDate| self.period_index(d);
        let now = index(as_of)?;
        accepted
            .iter()
            .filter(|a| a.rule == rule)
            .filter_map(|a| Some((a, index(a.as_of)?)))
            .find(|(_, then)| *then <= now && now - then <= cooldown as usize)
            .map(|(a, then)| {
                format!(
                    "accepted as of {}; cooling down for {cooldown} period(s), {} elapsed",
                    a.as_of,
                    now - then
                )
            })
    }

    /// The position of the plan period containing a day.
    pub(crate) fn period_index(&self, day: NaiveDate) -> Option<usize> {
        let cal = self.calendar();
        self.periods()
            .iter()
            .position(|p| cal.start(*p) <= day && day <= cal.end(*p))
    }
}
