//! Duplicate ids and references that resolve to nothing.

use std::collections::{HashMap, HashSet};

use super::Report;
use crate::plan::{Action, Plan};

/// The ids of one section.
pub(super) struct Ids<'a>(HashSet<&'a str>);

impl<'a> Ids<'a> {
    /// Collects a section's ids, reporting any used twice.
    fn collect(
        items: impl IntoIterator<Item = &'a str>,
        section: &str,
        kind: &str,
        out: &mut Report,
    ) -> Ids<'a> {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, id) in items.into_iter().enumerate() {
            if let Some(j) = first.get(id) {
                out.error(
                    "duplicate_id",
                    format!("{section}/{i}/id"),
                    format!("{kind} id {id:?} is already used by {section}/{j}"),
                );
            } else {
                first.insert(id, i);
            }
        }
        Ids(first.into_keys().collect())
    }

    pub(super) fn contains(&self, id: &str) -> bool {
        self.0.contains(id)
    }
}

/// Reports a reference to an id that does not exist.
pub(super) fn reference(
    ids: &Ids,
    id: &str,
    path: String,
    from: &str,
    kind: &str,
    out: &mut Report,
) {
    if !ids.contains(id) {
        out.error(
            "unknown_reference",
            path,
            format!("{from} refers to {kind} {id:?}, which does not exist"),
        );
    }
}

pub(super) fn check(plan: &Plan, out: &mut Report) {
    let m = &plan.market;
    let r = &plan.resources;
    let x = &plan.execution;
    Ids::collect(
        plan.measures.iter().map(|v| v.id.as_str()),
        "/measures",
        "measure",
        out,
    );
    let goals = Ids::collect(
        plan.goals.iter().map(|v| v.id.as_str()),
        "/goals",
        "goal",
        out,
    );
    let segments = Ids::collect(
        m.segments.iter().map(|v| v.id.as_str()),
        "/market/segments",
        "segment",
        out,
    );
    Ids::collect(
        m.competitors.iter().map(|v| v.id.as_str()),
        "/market/competitors",
        "competitor",
        out,
    );
    Ids::collect(
        m.personas.iter().map(|v| v.id.as_str()),
        "/market/personas",
        "persona",
        out,
    );
    Ids::collect(
        m.trends.iter().map(|v| v.id.as_str()),
        "/market/trends",
        "trend",
        out,
    );
    let strategies = Ids::collect(
        plan.strategies.iter().map(|v| v.id.as_str()),
        "/strategies",
        "strategy",
        out,
    );
    Ids::collect(
        r.headcount.iter().map(|v| v.id.as_str()),
        "/resources/headcount",
        "headcount line",
        out,
    );
    let budget = Ids::collect(
        r.budget.iter().map(|v| v.id.as_str()),
        "/resources/budget",
        "budget line",
        out,
    );
    Ids::collect(
        r.tools.iter().map(|v| v.id.as_str()),
        "/resources/tools",
        "tool",
        out,
    );
    Ids::collect(
        r.training.iter().map(|v| v.id.as_str()),
        "/resources/training",
        "training",
        out,
    );
    let tasks = Ids::collect(
        x.tasks.iter().map(|v| v.id.as_str()),
        "/execution/tasks",
        "task",
        out,
    );
    Ids::collect(
        x.milestones.iter().map(|v| v.id.as_str()),
        "/execution/milestones",
        "milestone",
        out,
    );
    let risks = Ids::collect(
        plan.risks.register.iter().map(|v| v.id.as_str()),
        "/risks/register",
        "risk",
        out,
    );
    let kpis = Ids::collect(plan.kpis.iter().map(|v| v.id.as_str()), "/kpis", "KPI", out);
    Ids::collect(
        plan.rules.iter().map(|v| v.id.as_str()),
        "/rules",
        "rule",
        out,
    );

    for (i, g) in plan.goals.iter().enumerate() {
        if let Some(s) = &g.segment {
            reference(
                &segments,
                s.as_str(),
                format!("/goals/{i}/segment"),
                &format!("goal {}", g.id),
                "segment",
                out,
            );
        }
    }
    for (i, c) in m.competitors.iter().enumerate() {
        for (j, s) in c.segments.iter().enumerate() {
            let path = format!("/market/competitors/{i}/segments/{j}");
            reference(
                &segments,
                s.as_str(),
                path,
                &format!("competitor {}", c.id),
                "segment",
                out,
            );
        }
    }
    for (i, p) in m.personas.iter().enumerate() {
        if let Some(s) = &p.segment {
            let path = format!("/market/personas/{i}/segment");
            reference(
                &segments,
                s.as_str(),
                path,
                &format!("persona {}", p.id),
                "segment",
                out,
            );
        }
    }
    for (i, t) in m.trends.iter().enumerate() {
        for (j, s) in t.segments.iter().enumerate() {
            let path = format!("/market/trends/{i}/segments/{j}");
            reference(
                &segments,
                s.as_str(),
                path,
                &format!("trend {}", t.id),
                "segment",
                out,
            );
        }
    }
    for (i, s) in plan.strategies.iter().enumerate() {
        let base = format!("/strategies/{i}");
        strategy_refs(s, &base, &goals, &segments, &kpis, out);
    }
    for (i, h) in r.headcount.iter().enumerate() {
        if let Some(s) = &h.segment {
            let path = format!("/resources/headcount/{i}/segment");
            reference(
                &segments,
                s.as_str(),
                path,
                &format!("headcount line {}", h.id),
                "segment",
                out,
            );
        }
    }
    for (i, b) in r.budget.iter().enumerate() {
        if let Some(s) = &b.strategy {
            let path = format!("/resources/budget/{i}/strategy");
            reference(
                &strategies,
                s.as_str(),
                path,
                &format!("budget line {}", b.id),
                "strategy",
                out,
            );
        }
    }
    for (i, t) in r.tools.iter().enumerate() {
        let from = format!("tool {}", t.id);
        if let Some(b) = &t.budget_line {
            reference(
                &budget,
                b.as_str(),
                format!("/resources/tools/{i}/budget_line"),
                &from,
                "budget line",
                out,
            );
        }
        for (j, s) in t.strategies.iter().enumerate() {
            reference(
                &strategies,
                s.as_str(),
                format!("/resources/tools/{i}/strategies/{j}"),
                &from,
                "strategy",
                out,
            );
        }
    }
    for (i, t) in r.training.iter().enumerate() {
        if let Some(b) = &t.budget_line {
            let path = format!("/resources/training/{i}/budget_line");
            reference(
                &budget,
                b.as_str(),
                path,
                &format!("training {}", t.id),
                "budget line",
                out,
            );
        }
    }
    for (i, t) in x.tasks.iter().enumerate() {
        task_refs(
            t,
            &format!("/execution/tasks/{i}"),
            &tasks,
            &strategies,
            out,
        );
    }
    for (i, ms) in x.milestones.iter().enumerate() {
        for (j, t) in ms.tasks.iter().enumerate() {
            let path = format!("/execution/milestones/{i}/tasks/{j}");
            reference(
                &tasks,
                t.as_str(),
                path,
                &format!("milestone {}", ms.id),
                "task",
                out,
            );
        }
    }
    for (i, risk) in plan.risks.register.iter().enumerate() {
        for (j, kri) in risk.indicators.iter().enumerate() {
            let path = format!("/risks/register/{i}/indicators/{j}/kpi");
            reference(
                &kpis,
                kri.kpi.as_str(),
                path,
                &format!("risk {}", risk.id),
                "KPI",
                out,
            );
        }
    }
    for (i, k) in plan.kpis.iter().enumerate() {
        if let Some(g) = &k.goal {
            reference(
                &goals,
                g.as_str(),
                format!("/kpis/{i}/goal"),
                &format!("KPI {}", k.id),
                "goal",
                out,
            );
        }
    }
    for (i, rule) in plan.rules.iter().enumerate() {
        let from = format!("rule {}", rule.id);
        for (j, k) in rule.kpis.iter().enumerate() {
            reference(
                &kpis,
                k.as_str(),
                format!("/rules/{i}/kpis/{j}"),
                &from,
                "KPI",
                out,
            );
        }
        // Tasks and strategies a rule adds may refer to each other.
        let added_tasks: HashSet<&str> = rule
            .actions
            .iter()
            .filter_map(|a| match a {
                Action::AddTask { task } => Some(task.id.as_str()),
                _ => None,
            })
            .chain(tasks.0.iter().copied())
            .collect();
        let added_strategies: HashSet<&str> = rule
            .actions
            .iter()
            .filter_map(|a| match a {
                Action::AddStrategy { strategy } => Some(strategy.id.as_str()),
                _ => None,
            })
            .chain(strategies.0.iter().copied())
            .collect();
        let (tasks_here, strategies_here) = (Ids(added_tasks), Ids(added_strategies));
        for (j, action) in rule.actions.iter().enumerate() {
            let base = format!("/rules/{i}/actions/{j}");
            match action {
                Action::AddStrategy { strategy } => strategy_refs(
                    strategy,
                    &format!("{base}/strategy"),
                    &goals,
                    &segments,
                    &kpis,
                    out,
                ),
                Action::AddTask { task } => task_refs(
                    task,
                    &format!("{base}/task"),
                    &tasks_here,
                    &strategies_here,
                    out,
                ),
                Action::MoveBudget { from: a, to: b, .. } => {
                    reference(
                        &budget,
                        a.as_str(),
                        format!("{base}/from"),
                        &from,
                        "budget line",
                        out,
                    );
                    reference(
                        &budget,
                        b.as_str(),
                        format!("{base}/to"),
                        &from,
                        "budget line",
                        out,
                    );
                }
                Action::SetGoalTarget { goal, .. } | Action::Rephase { goal } => reference(
                    &goals,
                    goal.as_str(),
                    format!("{base}/goal"),
                    &from,
                    "goal",
                    out,
                ),
                Action::SetKpiTarget { kpi, .. } | Action::SetThresholds { kpi, .. } => reference(
                    &kpis,
                    kpi.as_str(),
                    format!("{base}/kpi"),
                    &from,
                    "KPI",
                    out,
                ),
                Action::SetRisk { risk, .. } => reference(
                    &risks,
                    risk.as_str(),
                    format!("{base}/risk"),
                    &from,
                    "risk",
                    out,
                ),
                Action::Recommend { .. } => {}
            }
        }
    }
}

fn strategy_refs(
    s: &crate::plan::Strategy,
    base: &str,
    goals: &Ids,
    segments: &Ids,
    kpis: &Ids,
    out: &mut Report,
) {
    let from = format!("strategy {}", s.id);
    for (j, g) in s.goals.iter().enumerate() {
        reference(
            goals,
            g.as_str(),
            format!("{base}/goals/{j}"),
            &from,
            "goal",
            out,
        );
    }
    for (j, seg) in s.segments.iter().enumerate() {
        reference(
            segments,
            seg.as_str(),
            format!("{base}/segments/{j}"),
            &from,
            "segment",
            out,
        );
    }
    for (j, e) in s.effects.iter().enumerate() {
        reference(
            kpis,
            e.kpi.as_str(),
            format!("{base}/effects/{j}/kpi"),
            &from,
            "KPI",
            out,
        );
    }
}

fn task_refs(t: &crate::plan::Task, base: &str, tasks: &Ids, strategies: &Ids, out: &mut Report) {
    let from = format!("task {}", t.id);
    for (j, d) in t.depends_on.iter().enumerate() {
        reference(
            tasks,
            d.as_str(),
            format!("{base}/depends_on/{j}"),
            &from,
            "task",
            out,
        );
    }
    if let Some(s) = &t.strategy {
        reference(
            strategies,
            s.as_str(),
            format!("{base}/strategy"),
            &from,
            "strategy",
            out,
        );
    }
}
