//! Goals: SMART-ness, growth over the baseline, the share of the market a
//! revenue target implies, and whether the sales team can carry it.

use rust_decimal::Decimal;

use super::{money, percent, Report};
use crate::plan::{Goal, Plan};

pub(super) fn check(plan: &Plan, out: &mut Report) {
    for (i, g) in plan.goals.iter().enumerate() {
        smart(plan, i, g, out);
        growth(plan, i, g, out);
        if !plan.strategies.iter().any(|s| s.goals.contains(&g.id)) {
            out.info(
                "goal_without_strategy",
                format!("/goals/{i}"),
                format!("no strategy serves goal {}", g.id),
            );
        }
    }
    for (i, s) in plan.strategies.iter().enumerate() {
        if s.goals.is_empty() {
            out.warning(
                "strategy_no_goal",
                format!("/strategies/{i}/goals"),
                format!("strategy {} serves no goal", s.id),
            );
        }
    }
    for (i, g) in plan.goals.iter().enumerate() {
        if is_revenue(g) {
            market_share(plan, i, g, out);
            if g.segment.is_none() {
                capacity(plan, i, g, out);
            }
        }
    }
}

fn is_revenue(g: &Goal) -> bool {
    g.metric.as_deref() == Some("revenue")
}

fn smart(plan: &Plan, i: usize, g: &Goal, out: &mut Report) {
    let path = format!("/goals/{i}");
    let has_kpi = plan.kpis.iter().any(|k| k.goal.as_ref() == Some(&g.id));
    if g.metric.is_none() && !has_kpi {
        out.error(
            "goal_no_metric",
            format!("{path}/metric"),
            format!(
                "goal {} is not measurable: it names no metric and no KPI measures it",
                g.id
            ),
        );
    }
    let growth_without_baseline = g.growth.is_some() && plan.goal_baseline(g).is_none();
    if g.target.is_none() && !growth_without_baseline && plan.goal_target(g).is_none() {
        out.error(
            "goal_no_target",
            format!("{path}/target"),
            format!(
                "goal {} has no numeric target (give a target, or growth over a baseline)",
                g.id
            ),
        );
    }
    match g.deadline {
        None => out.error(
            "goal_no_deadline",
            format!("{path}/deadline"),
            format!("goal {} has no deadline", g.id),
        ),
        Some(d) if !plan.covers(d) => out.error(
            "goal_deadline_outside_period",
            format!("{path}/deadline"),
            format!(
                "goal {} is due on {d}, outside the plan period {} – {}",
                g.id, plan.period.start, plan.period.end
            ),
        ),
        Some(_) => {}
    }
}

fn growth(plan: &Plan, i: usize, g: &Goal, out: &mut Report) {
    let Some(rate) = g.growth else { return };
    let path = format!("/goals/{i}");
    let Some(baseline) = plan.goal_baseline(g) else {
        let metric = g.metric.as_deref().unwrap_or("its metric");
        out.error(
            "goal_growth_no_baseline",
            format!("{path}/baseline"),
            format!(
                "goal {} grows by {} but has no baseline: give `baseline`, or a baseline value for {metric}",
                g.id,
                percent(rate)
            ),
        );
        return;
    };
    let Some(target) = g.target else { return };
    if target < baseline {
        out.warning(
            "goal_target_below_baseline",
            format!("{path}/target"),
            format!(
                "growth goal {} targets {}, below its baseline {}",
                g.id,
                money(plan, target),
                money(plan, baseline)
            ),
        );
    }
    let Some(implied) = baseline
        .checked_mul(Decimal::ONE + rate)
        .map(|v| v.round_dp(2))
    else {
        return;
    };
    if implied != target.round_dp(2) {
        out.warning(
            "goal_growth_mismatch",
            format!("{path}/target"),
            format!(
                "goal {} targets {} but baseline {} grown by {} is {}",
                g.id,
                money(plan, target),
                money(plan, baseline),
                percent(rate),
                money(plan, implied)
            ),
        );
    }
}

fn market_share(plan: &Plan, i: usize, g: &Goal, out: &mut Report) {
    let Some(target) = plan.goal_target(g) else {
        return;
    };
    let (market, what) = match &g.segment {
        Some(id) => match plan.market.segments.iter().find(|s| &s.id == id) {
            Some(seg) => (seg.size, format!("segment {id}")),
            None => return,
        },
        None => (plan.market.sam, "the serviceable market (SAM)".to_owned()),
    };
    let Some(market) = market.filter(|m| *m > Decimal::ZERO) else {
        return;
    };
    let Some(share) = target.checked_div(market) else {
        return;
    };
    let ceiling = plan.market.share_ceiling_or_default();
    let path = format!("/goals/{i}/target");
    if share > Decimal::ONE {
        out.error(
            "market_share_impossible",
            path,
            format!(
                "goal {} targets {}, {} of {what} ({}): more than the whole market",
                g.id,
                money(plan, target),
                percent(share),
                money(plan, market)
            ),
        );
    } else if share > ceiling {
        out.warning(
            "market_share_high",
            path,
            format!(
                "goal {} implies {} of {what}, above the {} ceiling",
                g.id,
                percent(share),
                percent(ceiling)
            ),
        );
    }
}

fn capacity(plan: &Plan, i: usize, g: &Goal, out: &mut Report) {
    let Some(target) = plan.goal_target(g) else {
        return;
    };
    let Some(capacity) = plan.sales_capacity() else {
        return;
    };
    if capacity < target {
        out.warning(
            "capacity_below_target",
            format!("/goals/{i}/target"),
            format!(
                "sales capacity {} (heads × quota after ramp and attrition) is {} short of goal {}'s target {}",
                money(plan, capacity),
                money(plan, target - capacity),
                g.id,
                money(plan, target)
            ),
        );
    }
}
