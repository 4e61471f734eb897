//! Amounts and fractions: nothing negative, shares within 0–1, budget lines
//! within the total budget, market sizes in order.

use rust_decimal::Decimal;

use super::{money, percent, Report};
use crate::plan::Plan;

/// Reports negative amounts and out-of-range fractions in one pass.
struct Amounts<'a> {
    plan: &'a Plan,
    out: &'a mut Report,
}

impl Amounts<'_> {
    fn amount(&mut self, value: Option<Decimal>, path: impl FnOnce() -> String, what: &str) {
        if let Some(v) = value.filter(|v| v.is_sign_negative() && !v.is_zero()) {
            let shown = money(self.plan, v);
            self.out.error(
                "negative_amount",
                path(),
                format!("{what} is negative ({shown})"),
            );
        }
    }

    fn count(&mut self, value: Option<Decimal>, path: impl FnOnce() -> String, what: &str) {
        if let Some(v) = value.filter(|v| v.is_sign_negative() && !v.is_zero()) {
            self.out.error(
                "negative_amount",
                path(),
                format!("{what} is negative ({v})"),
            );
        }
    }

    fn fraction(&mut self, value: Option<Decimal>, path: impl FnOnce() -> String, what: &str) {
        if let Some(v) = value.filter(|v| *v < Decimal::ZERO || *v > Decimal::ONE) {
            self.out.error(
                "fraction_out_of_range",
                path(),
                format!(
                    "{what} is {v} ({}); it must be a fraction from 0 to 1",
                    percent(v)
                ),
            );
        }
    }
}

pub(super) fn check(plan: &Plan, out: &mut Report) {
    let mut a = Amounts { plan, out };
    if let Some(b) = &plan.baseline {
        for (k, v) in &b.measures {
            a.count(
                Some(*v),
                || format!("/baseline/measures/{k}"),
                &format!("baseline {k}"),
            );
        }
    }
    for (i, g) in plan.goals.iter().enumerate() {
        a.count(
            g.target,
            || format!("/goals/{i}/target"),
            &format!("goal {} target", g.id),
        );
        a.count(
            g.baseline,
            || format!("/goals/{i}/baseline"),
            &format!("goal {} baseline", g.id),
        );
        a.fraction(
            g.weight,
            || format!("/goals/{i}/weight"),
            &format!("goal {} weight", g.id),
        );
        if let Some(r) = g.growth.filter(|r| *r < -Decimal::ONE) {
            a.out.error(
                "fraction_out_of_range",
                format!("/goals/{i}/growth"),
                format!("goal {} shrinks by more than 100% ({})", g.id, percent(r)),
            );
        }
    }
    let m = &plan.market;
    a.amount(m.tam, || "/market/tam".into(), "TAM");
    a.amount(m.sam, || "/market/sam".into(), "SAM");
    a.amount(m.som, || "/market/som".into(), "SOM");
    a.fraction(
        m.share_ceiling,
        || "/market/share_ceiling".into(),
        "the share ceiling",
    );
    for (i, s) in m.segments.iter().enumerate() {
        a.amount(
            s.size,
            || format!("/market/segments/{i}/size"),
            &format!("segment {} size", s.id),
        );
        a.fraction(
            s.our_share,
            || format!("/market/segments/{i}/our_share"),
            &format!("segment {} share", s.id),
        );
    }
    for (i, c) in m.competitors.iter().enumerate() {
        a.fraction(
            c.share,
            || format!("/market/competitors/{i}/share"),
            &format!("competitor {} share", c.id),
        );
    }
    for (i, s) in plan.strategies.iter().enumerate() {
        a.amount(
            s.cost,
            || format!("/strategies/{i}/cost"),
            &format!("strategy {} cost", s.id),
        );
    }
    let r = &plan.resources;
    a.amount(
        r.total_budget,
        || "/resources/total_budget".into(),
        "the total budget",
    );
    for (i, h) in r.headcount.iter().enumerate() {
        let p = format!("/resources/headcount/{i}");
        a.amount(
            h.quota,
            || format!("{p}/quota"),
            &format!("headcount {} quota", h.id),
        );
        a.amount(
            h.cost_per_head,
            || format!("{p}/cost_per_head"),
            &format!("headcount {} cost", h.id),
        );
        a.fraction(
            h.attrition,
            || format!("{p}/attrition"),
            &format!("headcount {} attrition", h.id),
        );
        if h.new_hires > h.heads {
            a.out.error(
                "headcount_new_hires",
                format!("{p}/new_hires"),
                format!(
                    "headcount {} has {} new hires among only {} heads",
                    h.id, h.new_hires, h.heads
                ),
            );
        }
    }
    for (i, b) in r.budget.iter().enumerate() {
        a.amount(
            Some(b.amount),
            || format!("/resources/budget/{i}/amount"),
            &format!("budget line {}", b.id),
        );
    }
    for (i, t) in r.tools.iter().enumerate() {
        a.amount(
            t.cost,
            || format!("/resources/tools/{i}/cost"),
            &format!("tool {} cost", t.id),
        );
    }
    for (i, t) in r.training.iter().enumerate() {
        a.amount(
            t.cost,
            || format!("/resources/training/{i}/cost"),
            &format!("training {} cost", t.id),
        );
    }
    for (i, t) in plan.execution.tasks.iter().enumerate() {
        a.fraction(
            t.progress,
            || format!("/execution/tasks/{i}/progress"),
            &format!("task {} progress", t.id),
        );
    }
    for (i, risk) in plan.risks.register.iter().enumerate() {
        let p = format!("/risks/register/{i}");
        a.amount(
            risk.impact_amount,
            || format!("{p}/impact_amount"),
            &format!("risk {} impact", risk.id),
        );
        a.fraction(
            risk.probability,
            || format!("{p}/probability"),
            &format!("risk {} probability", risk.id),
        );
        for (j, mt) in risk.mitigations.iter().enumerate() {
            a.amount(
                mt.cost,
                || format!("{p}/mitigations/{j}/cost"),
                &format!("risk {} mitigation cost", risk.id),
            );
        }
    }
    for (i, k) in plan.kpis.iter().enumerate() {
        a.fraction(
            k.weight,
            || format!("/kpis/{i}/weight"),
            &format!("KPI {} weight", k.id),
        );
    }
    budget_total(plan, a.out);
    market_sizes(plan, a.out);
}

fn budget_total(plan: &Plan, out: &mut Report) {
    let r = &plan.resources;
    let Some(total) = r.total_budget else { return };
    let allocated: Decimal = r.budget.iter().map(|b| b.amount).sum();
    if allocated > total {
        out.error(
            "budget_exceeded",
            "/resources/budget",
            format!(
                "budget lines total {}, exceeding the total budget {} by {}",
                money(plan, allocated),
                money(plan, total),
                money(plan, allocated - total)
            ),
        );
    }
}

fn market_sizes(plan: &Plan, out: &mut Report) {
    let m = &plan.market;
    let pairs = [
        ("SOM", m.som, "SAM", m.sam, "/market/som"),
        ("SAM", m.sam, "TAM", m.tam, "/market/sam"),
    ];
    for (small_name, small, big_name, big, path) in pairs {
        if let (Some(s), Some(b)) = (small, big) {
            if s > b {
                out.warning(
                    "market_size_order",
                    path,
                    format!(
                        "{small_name} {} is larger than {big_name} {}",
                        money(plan, s),
                        money(plan, b)
                    ),
                );
            }
        }
    }
}
