//! Rule actions as JSON Patch operations on the plan document.
//!
//! Each action is turned into operations against the document as it stands
//! after the actions before it, so a proposal that adds a strategy and then
//! tasks under it applies in order.
//!
//! * `move_budget` takes `amount` (or `share` × the source line, to the
//!   cent) from one budget line to another.
//! * `set_goal_target` changes the target, keeps the phased targets of the
//!   periods completed by `as_of`, and spreads the rest over the remaining
//!   periods by their seasonality; a growth goal's growth follows the new
//!   target (or is dropped when no rate reproduces it to the cent).
//! * `rephase` keeps the target and catches up: completed periods weigh
//!   what they actually achieved (from the goal's additive KPI in the
//!   evaluation) and the remaining periods share the rest by seasonality.
//! * `set_kpi_target` changes the target; per-period targets of remaining
//!   periods are rescaled so they sum to the new target less the completed
//!   periods' targets.
//! * `set_risk` and `set_thresholds` replace those fields; `add_strategy`
//!   and `add_task` append; `recommend` changes nothing in the document.
//!
//! Seasonality weights are written with six decimals and total exactly 1
//! (largest-remainder rule).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::patch::{escape, PatchOp};
use crate::decompose::allocate;
use crate::error::{Error, Result};
use crate::evaluate::Evaluation;
use crate::formula::{Aggregate, Formula};
use crate::plan::{Action, Goal, Plan};

/// Decimals of rewritten seasonality weights.
const WEIGHT_SCALE: u32 = 6;

fn invalid(message: String) -> Error {
    Error::InvalidArgument {
        name: "action".into(),
        message,
    }
}

fn dec(d: Decimal) -> Value {
    Value::String(d.to_string())
}

/// The operations that carry out one action on `plan`.
pub(crate) fn ops(
    plan: &Plan,
    action: &Action,
    as_of: NaiveDate,
    evaluation: Option<&Evaluation>,
) -> Result<Vec<PatchOp>> {
    match action {
        Action::AddStrategy { strategy } => Ok(vec![PatchOp::Add {
            path: "/strategies/-".into(),
            value: serde_json::to_value(strategy).map_err(|e| invalid(e.to_string()))?,
        }]),
        Action::AddTask { task } => Ok(vec![PatchOp::Add {
            path: "/execution/tasks/-".into(),
            value: serde_json::to_value(task).map_err(|e| invalid(e.to_string()))?,
        }]),
        Action::MoveBudget {
            from,
            to,
            amount,
            share,
        } => {
            let line = |id: &str| {
                plan.resources
                    .budget
                    .iter()
                    .position(|l| l.id.as_str() == id)
                    .ok_or_else(|| invalid(format!("move_budget: no budget line {id}")))
            };
            let (i, j) = (line(from.as_str())?, line(to.as_str())?);
            let source = plan.resources.budget[i].amount;
            let moved = match (amount, share) {
                (Some(a), _) => *a,
                (None, Some(s)) => (source * s).round_dp(2),
                (None, None) => return Err(invalid("move_budget: no amount or share".into())),
            };
            if moved > source {
                return Err(invalid(format!(
                    "move_budget: {from} has {source}, less than the {moved} to move"
                )));
            }
            Ok(vec![
                PatchOp::Replace {
                    path: format!("/resources/budget/{i}/amount"),
                    value: dec(source - moved),
                },
                PatchOp::Replace {
                    path: format!("/resources/budget/{j}/amount"),
                    value: dec(plan.resources.budget[j].amount + moved),
                },
            ])
        }
        Action::SetGoalTarget { goal, target } => {
            let (i, g) = goal_at(plan, goal.as_str())?;
            let phased = plan.phase_goal(g)?;
            let done = completed(&phased.iter().map(|p| p.end).collect::<Vec<_>>(), as_of);
            let past: Decimal = phased[..done].iter().map(|p| p.target).sum();
            if *target < past {
                return Err(invalid(format!(
                    "set_goal_target: {target} is below the {past} already phased into the completed periods"
                )));
            }
            let mut raw: Vec<Decimal> = phased[..done].iter().map(|p| p.target).collect();
            raw.extend(spread(*target - past, &weights(plan, g)[done..]));
            let mut out = vec![PatchOp::Replace {
                path: format!("/goals/{i}/target"),
                value: dec(*target),
            }];
            if g.target.is_none() {
                out[0] = PatchOp::Add {
                    path: format!("/goals/{i}/target"),
                    value: dec(*target),
                };
            }
            out.extend(growth_ops(plan, i, g, *target));
            out.push(seasonality_op(plan, i, &raw)?);
            Ok(out)
        }
        Action::Rephase { goal } => {
            let (i, g) = goal_at(plan, goal.as_str())?;
            let target = plan
                .goal_target(g)
                .ok_or_else(|| invalid(format!("rephase: goal {goal} has no target")))?;
            let evaluation = evaluation.ok_or_else(|| {
                invalid("rephase needs the evaluation the proposal came from".into())
            })?;
            let kpi = goal_kpi(plan, g)
                .ok_or_else(|| invalid(format!("rephase: no additive KPI measures goal {goal}")))?;
            let result = evaluation
                .kpi(kpi)
                .ok_or_else(|| invalid(format!("rephase: the evaluation has no KPI {kpi}")))?;
            let phased = plan.phase_goal(g)?;
            let done = completed(&phased.iter().map(|p| p.end).collect::<Vec<_>>(), as_of);
            let actual: BTreeMap<&str, Decimal> = result
                .periods
                .iter()
                .map(|p| (p.period.as_str(), p.actual.unwrap_or_default()))
                .collect();
            let mut raw: Vec<Decimal> = phased[..done]
                .iter()
                .map(|p| actual.get(p.period.as_str()).copied().unwrap_or_default())
                .collect();
            let achieved: Decimal = raw.iter().sum();
            let rest = (target - achieved).max(Decimal::ZERO);
            raw.extend(spread(rest, &weights(plan, g)[done..]));
            Ok(vec![seasonality_op(plan, i, &raw)?])
        }
        Action::SetKpiTarget { kpi, target } => {
            let i = kpi_at(plan, kpi.as_str())?;
            let k = &plan.kpis[i];
            let op = if k.target.is_some() {
                PatchOp::Replace {
                    path: format!("/kpis/{i}/target"),
                    value: dec(*target),
                }
            } else {
                PatchOp::Add {
                    path: format!("/kpis/{i}/target"),
                    value: dec(*target),
                }
            };
            let mut out = vec![op];
            if !k.targets.is_empty() {
                let cal = plan.calendar();
                let (past, rest): (Vec<_>, Vec<_>) = k.targets.iter().partition(|(name, _)| {
                    cal.parse_period(name).is_ok_and(|p| cal.end(p) <= as_of)
                });
                let kept: Decimal = past.iter().map(|(_, v)| **v).sum();
                let olds: Vec<Decimal> = rest.iter().map(|(_, v)| **v).collect();
                let parts = if olds.iter().any(|v| !v.is_zero()) {
                    allocate((*target - kept).max(Decimal::ZERO), &olds, 2)?
                } else {
                    olds.clone()
                };
                for ((name, _), part) in rest.iter().zip(parts) {
                    out.push(PatchOp::Replace {
                        path: format!("/kpis/{i}/targets/{}", escape(name)),
                        value: dec(part),
                    });
                }
            }
            Ok(out)
        }
        Action::SetRisk {
            risk,
            likelihood,
            impact,
        } => {
            let i = plan
                .risks
                .register
                .iter()
                .position(|r| r.id == *risk)
                .ok_or_else(|| invalid(format!("set_risk: no risk {risk}")))?;
            let mut out = Vec::new();
            if let Some(l) = likelihood {
                out.push(PatchOp::Replace {
                    path: format!("/risks/register/{i}/likelihood"),
                    value: json!(l),
                });
            }
            if let Some(m) = impact {
                out.push(PatchOp::Replace {
                    path: format!("/risks/register/{i}/impact"),
                    value: json!(m),
                });
            }
            Ok(out)
        }
        Action::SetThresholds {
            kpi,
            on_track,
            off_track,
        } => {
            let i = kpi_at(plan, kpi.as_str())?;
            let basis = plan.kpis[i]
                .thresholds
                .as_ref()
                .map(|t| t.basis)
                .unwrap_or_default();
            Ok(vec![PatchOp::Add {
                path: format!("/kpis/{i}/thresholds"),
                value: json!({"basis": basis, "on_track": dec(*on_track), "off_track": dec(*off_track)}),
            }])
        }
        Action::Recommend { .. } => Ok(Vec::new()),
    }
}

/// What an action touches, for conflict detection (`budget:B-PROMO`).
pub(crate) fn touches(action: &Action) -> Vec<String> {
    match action {
        Action::AddStrategy { strategy } => vec![format!("strategy:{}", strategy.id)],
        Action::AddTask { task } => vec![format!("task:{}", task.id)],
        Action::MoveBudget { from, to, .. } => {
            vec![format!("budget:{from}"), format!("budget:{to}")]
        }
        Action::SetGoalTarget { goal, .. } | Action::Rephase { goal } => {
            vec![format!("goal:{goal}")]
        }
        Action::SetKpiTarget { kpi, .. } | Action::SetThresholds { kpi, .. } => {
            vec![format!("kpi:{kpi}")]
        }
        Action::SetRisk { risk, .. } => vec![format!("risk:{risk}")],
        Action::Recommend { .. } => Vec::new(),
    }
}

fn goal_at<'a>(plan: &'a Plan, id: &str) -> Result<(usize, &'a Goal)> {
    plan.goals
        .iter()
        .enumerate()
        .find(|(_, g)| g.id.as_str() == id)
        .ok_or_else(|| invalid(format!("no goal {id}")))
}

fn kpi_at(plan: &Plan, id: &str) -> Result<usize> {
    plan.kpis
        .iter()
        .position(|k| k.id.as_str() == id)
        .ok_or_else(|| invalid(format!("no KPI {id}")))
}

/// The additive KPI (`sum(metric)`) that measures a goal.
fn goal_kpi<'a>(plan: &'a Plan, goal: &Goal) -> Option<&'a str> {
    let metric = goal.metric.as_deref()?;
    plan.kpis
        .iter()
        .find(|k| {
            k.goal.as_ref().is_some_and(|g| *g == goal.id)
                && k.filter.is_empty() == goal.segment.is_none()
                && matches!(
                    Formula::parse(&k.formula),
                    Ok(Formula::Measure { aggregate: Aggregate::Sum, measure, .. }) if measure == metric
                )
        })
        .map(|k| k.id.as_str())
}

/// How many of the periods (by end date) are completed by `as_of`.
fn completed(ends: &[NaiveDate], as_of: NaiveDate) -> usize {
    ends.iter().take_while(|e| **e <= as_of).count()
}

/// The goal's seasonality weight per plan period (even without one).
fn weights(plan: &Plan, goal: &Goal) -> Vec<Decimal> {
    plan.phasing_weights(&goal.seasonality)
}

/// `amount` in proportion to `weights` (no rounding; these become weights).
fn spread(amount: Decimal, weights: &[Decimal]) -> Vec<Decimal> {
    let total: Decimal = weights.iter().sum();
    weights
        .iter()
        .map(|w| {
            if total.is_zero() {
                Decimal::ZERO
            } else {
                amount * *w / total
            }
        })
        .collect()
}

fn seasonality_op(plan: &Plan, goal: usize, raw: &[Decimal]) -> Result<PatchOp> {
    let names: Vec<String> = plan.periods().iter().map(ToString::to_string).collect();
    let parts = allocate(Decimal::ONE, raw, WEIGHT_SCALE)?;
    let map: serde_json::Map<String, Value> = names
        .into_iter()
        .zip(parts)
        .map(|(n, w)| (n, dec(w)))
        .collect();
    Ok(PatchOp::Add {
        path: format!("/goals/{goal}/seasonality"),
        value: Value::Object(map),
    })
}

/// A growth goal's rate for a new target, or its removal.
fn growth_ops(plan: &Plan, i: usize, g: &Goal, target: Decimal) -> Vec<PatchOp> {
    if g.growth.is_none() {
        return Vec::new();
    }
    let path = format!("/goals/{i}/growth");
    let rate = plan
        .goal_baseline(g)
        .filter(|b| !b.is_zero())
        .and_then(|b| {
            Some(
                (target.checked_div(b)? - Decimal::ONE)
                    .round_dp(6)
                    .normalize(),
            )
        })
        .filter(|r| {
            plan.goal_baseline(g)
                .and_then(|b| b.checked_mul(Decimal::ONE + r))
                .is_some_and(|v| v.round_dp(2) == target.round_dp(2))
        });
    match rate {
        Some(r) => vec![PatchOp::Replace {
            path,
            value: dec(r),
        }],
        None => vec![PatchOp::Remove { path }],
    }
}
