//! Rules: a condition, actions, and actions whose fields fit together.

use rust_decimal::Decimal;

use super::Report;
use crate::plan::{Action, Plan};
use crate::rules::RuleSet;

/// Risk signals: conditions in the rule language, checked as rules are.
pub(super) fn check_signals(plan: &Plan, out: &mut Report) {
    for (i, risk) in plan.risks.register.iter().enumerate() {
        for (j, signal) in risk.signals.iter().enumerate() {
            let path = format!("/risks/register/{i}/signals/{j}/when");
            if signal.when.trim().is_empty() {
                out.error(
                    "risk_signal_invalid",
                    path,
                    format!("a signal of risk {} has no condition", risk.id),
                );
            } else if let Err(e) = RuleSet::compile_condition(plan, &signal.when) {
                out.error("risk_signal_invalid", path, e.to_string());
            }
        }
    }
}

pub(super) fn check(plan: &Plan, out: &mut Report) {
    let matrix = &plan.risks.matrix;
    if let Err(errors) = RuleSet::compile(plan) {
        for e in errors {
            if plan.rules[e.index].when.trim().is_empty() {
                continue; // reported as rule_no_condition
            }
            out.error(
                "rule_condition_invalid",
                format!("/rules/{}/when", e.index),
                e.to_string(),
            );
        }
    }
    for (i, rule) in plan.rules.iter().enumerate() {
        let path = format!("/rules/{i}");
        if rule.when.trim().is_empty() {
            out.error(
                "rule_no_condition",
                format!("{path}/when"),
                format!("rule {} has no condition", rule.id),
            );
        }
        if rule.actions.is_empty() {
            out.warning(
                "rule_no_actions",
                format!("{path}/actions"),
                format!("rule {} proposes nothing", rule.id),
            );
        }
        for (j, action) in rule.actions.iter().enumerate() {
            let at = format!("{path}/actions/{j}");
            match action {
                Action::MoveBudget {
                    from,
                    to,
                    amount,
                    share,
                } => {
                    let problem = match (amount, share) {
                        (None, None) => Some("give either `amount` or `share`".to_owned()),
                        (Some(_), Some(_)) => Some("give `amount` or `share`, not both".to_owned()),
                        (Some(a), None) if *a <= Decimal::ZERO => {
                            Some(format!("amount {a} must be positive"))
                        }
                        (None, Some(s)) if *s <= Decimal::ZERO || *s > Decimal::ONE => {
                            Some(format!("share {s} must be above 0 and at most 1"))
                        }
                        _ if from == to => Some("moves money from a line to itself".to_owned()),
                        _ => None,
                    };
                    if let Some(p) = problem {
                        out.error(
                            "action_invalid",
                            at,
                            format!("rule {}: move_budget {from} → {to}: {p}", rule.id),
                        );
                    }
                }
                Action::SetRisk {
                    likelihood, impact, ..
                } => {
                    if likelihood.is_none() && impact.is_none() {
                        out.error(
                            "action_invalid",
                            at,
                            format!(
                                "rule {}: set_risk changes neither likelihood nor impact",
                                rule.id
                            ),
                        );
                    } else if likelihood
                        .is_some_and(|l| !(1..=matrix.likelihood_levels).contains(&l))
                        || impact.is_some_and(|v| !(1..=matrix.impact_levels).contains(&v))
                    {
                        out.error(
                            "risk_off_matrix",
                            at,
                            format!("rule {}: set_risk leaves the risk matrix", rule.id),
                        );
                    }
                }
                Action::SetGoalTarget { target, .. } | Action::SetKpiTarget { target, .. }
                    if target.is_sign_negative() =>
                {
                    out.error(
                        "negative_amount",
                        format!("{at}/target"),
                        format!("rule {}: the new target is negative", rule.id),
                    );
                }
                Action::Recommend { message, .. } if message.trim().is_empty() => {
                    out.error(
                        "action_invalid",
                        format!("{at}/message"),
                        format!("rule {}: the recommendation is empty", rule.id),
                    );
                }
                _ => {}
            }
        }
    }
}
