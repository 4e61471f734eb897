//! Replay: the rules run over historical actuals period by period, to see
//! when each would have fired and what it would have proposed.
//!
//! At the end of every plan period from the plan's start until the last
//! period the actuals reach (or `until`), the plan is evaluated and its
//! rules proposed against, as [`Plan::propose`] does. Every proposal is
//! taken as accepted the day it fires, so cooldowns play out as they would
//! have; the plan itself is not revised along the way.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::engine::{Accepted, Proposal, Suppressed};
use crate::actuals::Actuals;
use crate::error::Result;
use crate::evaluate::EvaluationOptions;
use crate::plan::Plan;

/// One period of a replay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReplayStep {
    /// The period.
    pub period: String,
    /// Its last day: the day of the evaluation.
    pub as_of: NaiveDate,
    /// What fired.
    pub proposals: Vec<Proposal>,
    /// What held but was cooling down.
    pub suppressed: Vec<Suppressed>,
}

/// The rules over the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Replay {
    /// Every period, in order.
    pub steps: Vec<ReplayStep>,
    /// Per rule (plan order), the first day it fired, if it did.
    pub first_fired: Vec<FirstFired>,
}

/// When a rule first fired in a replay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FirstFired {
    /// The rule.
    pub rule: String,
    /// The first day it fired, or `None`.
    pub as_of: Option<NaiveDate>,
    /// How many periods it fired in.
    pub times: u32,
}

impl Plan {
    /// Replays the rules over `actuals` (see the
    /// [module documentation](crate::adjust::replay)). `options` gives the
    /// hierarchy and pipeline for every evaluation; its `as_of` is the last
    /// day to replay to (periods ending after it are left out).
    ///
    /// # Errors
    /// As [`Plan::evaluate`] and [`Plan::propose`].
    pub fn replay(&self, actuals: &Actuals, options: &EvaluationOptions) -> Result<Replay> {
        let cal = self.calendar();
        let last_data = actuals.date_range().map(|(_, last)| last);
        let mut accepted: Vec<Accepted> = Vec::new();
        let mut steps = Vec::new();
        for period in self.periods() {
            let end = cal.end(period).min(self.period.end);
            let start = cal.start(period).max(self.period.start);
            if end > options.as_of || last_data.is_none_or(|d| d < start) {
                break;
            }
            let evaluation = self.evaluate(
                actuals,
                &EvaluationOptions {
                    as_of: end,
                    ..options.clone()
                },
            )?;
            let found = self.propose(&evaluation, &accepted)?;
            accepted.extend(found.proposals.iter().map(|p| Accepted {
                rule: p.rule.clone(),
                as_of: p.as_of,
            }));
            steps.push(ReplayStep {
                period: period.to_string(),
                as_of: end,
                proposals: found.proposals,
                suppressed: found.suppressed,
            });
        }
        let first_fired = self
            .rules
            .iter()
            .map(|r| {
                let fired: Vec<NaiveDate> = steps
                    .iter()
                    .filter(|s| s.proposals.iter().any(|p| p.rule == r.id.as_str()))
                    .map(|s| s.as_of)
                    .collect();
                FirstFired {
                    rule: r.id.to_string(),
                    as_of: fired.first().copied(),
                    times: fired.len() as u32,
                }
            })
            .collect();
        Ok(Replay { steps, first_fired })
    }
}

#[cfg(test)]
mod tests {
    use crate::evaluate::EvaluationOptions;
    use crate::example_plan;

    #[test]
    fn the_case_study_year_replayed() {
        let plan = example_plan();
        let actuals = crate::testing::case_study_actuals(&plan);
        let options = EvaluationOptions::as_of("2026-12-31".parse().unwrap());
        let replay = plan.replay(&actuals, &options).unwrap();
        assert_eq!(replay.steps.len(), 12);
        let conv = &replay.first_fired[0];
        assert_eq!(conv.rule, "R-CONV-SERVICE");
        let first = conv.as_of.unwrap();
        assert!(first <= "2026-06-30".parse().unwrap(), "{first}");
        // The cooldown of two periods shows: never two firings within it.
        let fired: Vec<usize> = replay
            .steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.proposals.iter().any(|p| p.rule == "R-CONV-SERVICE"))
            .map(|(i, _)| i)
            .collect();
        assert!(fired.windows(2).all(|w| w[1] - w[0] > 2), "{fired:?}");
        assert!(replay.steps.iter().any(|s| !s.suppressed.is_empty()));
        // Up to mid-year only.
        let half = plan
            .replay(
                &actuals,
                &EvaluationOptions::as_of("2026-06-30".parse().unwrap()),
            )
            .unwrap();
        assert_eq!(half.steps.len(), 6);
    }
}
