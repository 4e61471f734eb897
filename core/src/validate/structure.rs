//! The plan period, empty sections, period-keyed maps and weights.

use std::collections::{BTreeMap, HashSet};

use rust_decimal::Decimal;

use super::{percent, Report};
use crate::calendar::Calendar;
use crate::plan::Plan;

pub(super) fn check(plan: &Plan, out: &mut Report) {
    if plan.period.end < plan.period.start {
        out.error(
            "plan_period_order",
            "/period/end",
            format!(
                "the plan ends on {} before it starts on {}",
                plan.period.end, plan.period.start
            ),
        );
    }
    if Calendar::new(plan.period.fiscal_year_start_month).is_err() {
        out.error(
            "plan_fiscal_start",
            "/period/fiscal_year_start_month",
            format!(
                "fiscal year start month {} is not a month (1–12)",
                plan.period.fiscal_year_start_month
            ),
        );
    }
    if let Some(label) = plan.baseline.as_ref().and_then(|b| b.period.as_deref()) {
        if let Err(e) = plan.calendar().parse_period(label) {
            out.error("unknown_period", "/baseline/period", e.to_string());
        }
    }
    empty_sections(plan, out);

    super::calendar::check(plan, out);
    let periods = plan.periods();
    let names: HashSet<String> = periods.iter().map(|p| p.to_string()).collect();
    let granularity = super::calendar::granularity_word(plan);
    let hint = super::calendar::names_hint(plan, &periods);
    let weights = |map: &BTreeMap<String, Decimal>, path: String, what: &str, out: &mut Report| {
        if map.is_empty() {
            return;
        }
        for key in map.keys() {
            if !names.contains(key) {
                out.error(
                    "unknown_period",
                    format!("{path}/{key}"),
                    format!(
                        "{key:?} is not a {granularity} of the plan period {} – {}{hint}",
                        plan.period.start, plan.period.end
                    ),
                );
            }
        }
        weights_total(map.values().copied(), &path, what, out);
    };
    for (i, g) in plan.goals.iter().enumerate() {
        weights(
            &g.seasonality,
            format!("/goals/{i}/seasonality"),
            "seasonality weights",
            out,
        );
    }
    for (i, b) in plan.resources.budget.iter().enumerate() {
        weights(
            &b.phasing,
            format!("/resources/budget/{i}/phasing"),
            "phasing weights",
            out,
        );
    }
    // A weekly or retail plan reads KPI targets by its own periods only; a
    // plan of calendar months or quarters also takes any period within it.
    let own_periods_only = !hint.is_empty();
    for (i, k) in plan.kpis.iter().enumerate() {
        for key in k.targets.keys() {
            let known = names.contains(key)
                || !own_periods_only
                    && plan.calendar().parse_period(key).is_ok_and(|p| {
                        let cal = plan.calendar();
                        cal.start(p) <= plan.period.end && cal.end(p) >= plan.period.start
                    });
            if !known {
                let message = if own_periods_only {
                    format!(
                        "{key:?} is not a {granularity} of the plan period {} – {}{hint}",
                        plan.period.start, plan.period.end
                    )
                } else {
                    format!(
                        "{key:?} is not a period within the plan ({} – {})",
                        plan.period.start, plan.period.end
                    )
                };
                out.error(
                    "unknown_period",
                    format!("/kpis/{i}/targets/{key}"),
                    message,
                );
            }
        }
    }

    let goal_weights: Vec<Decimal> = plan.goals.iter().filter_map(|g| g.weight).collect();
    if !goal_weights.is_empty() {
        weights_total(goal_weights, "/goals", "goal weights", out);
    }
    let kpi_weights: Vec<Decimal> = plan.kpis.iter().filter_map(|k| k.weight).collect();
    if !kpi_weights.is_empty() {
        weights_total(kpi_weights, "/kpis", "KPI weights", out);
    }
}

fn weights_total(
    weights: impl IntoIterator<Item = Decimal>,
    path: &str,
    what: &str,
    out: &mut Report,
) {
    let total: Decimal = weights.into_iter().sum();
    if total != Decimal::ONE {
        out.error(
            "weights_total",
            path,
            format!("{what} total {}, expected 100%", percent(total)),
        );
    }
}

fn empty_sections(plan: &Plan, out: &mut Report) {
    let m = &plan.market;
    let r = &plan.resources;
    // In the order of `SECTIONS`.
    let empty = [
        plan.goals.is_empty(),
        m.tam.is_none()
            && m.sam.is_none()
            && m.segments.is_empty()
            && m.competitors.is_empty()
            && m.trends.is_empty(),
        plan.strategies.is_empty(),
        r.total_budget.is_none() && r.headcount.is_empty() && r.budget.is_empty(),
        plan.execution.tasks.is_empty() && plan.execution.milestones.is_empty(),
        plan.risks.register.is_empty(),
        plan.kpis.is_empty(),
        plan.rules.is_empty(),
    ];
    for (section, empty) in crate::plan::SECTIONS.iter().zip(empty) {
        if empty {
            out.info(
                "section_empty",
                format!("/{}", section.key),
                format!("the {} ({}) section is empty", section.key, section.zh),
            );
        }
    }
}
