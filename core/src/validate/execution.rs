//! Execution: owners, dates, dependency cycles and order, milestones.

use std::collections::HashMap;

use super::{graph, Report};
use crate::plan::Plan;

pub(super) fn check(plan: &Plan, out: &mut Report) {
    let tasks = &plan.execution.tasks;
    let by_id: HashMap<&str, usize> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    for (i, t) in tasks.iter().enumerate() {
        let path = format!("/execution/tasks/{i}");
        if t.owner.as_deref().is_none_or(|o| o.trim().is_empty()) {
            out.warning(
                "task_no_owner",
                format!("{path}/owner"),
                format!("task {} has no owner", t.id),
            );
        }
        if t.due < t.start {
            out.error(
                "task_due_before_start",
                format!("{path}/due"),
                format!(
                    "task {} is due on {}, before it starts on {}",
                    t.id, t.due, t.start
                ),
            );
        }
        if !plan.covers(t.start) || !plan.covers(t.due) {
            out.warning(
                "task_outside_period",
                format!(
                    "{path}/{}",
                    if plan.covers(t.start) { "due" } else { "start" }
                ),
                format!(
                    "task {} runs {} – {}, outside the plan period {} – {}",
                    t.id, t.start, t.due, plan.period.start, plan.period.end
                ),
            );
        }
        for (j, dep) in t.depends_on.iter().enumerate() {
            let Some(&k) = by_id.get(dep.as_str()) else {
                continue;
            };
            let pre = &tasks[k];
            if k != i && t.start < pre.due {
                out.warning(
                    "task_starts_before_prerequisite",
                    format!("{path}/depends_on/{j}"),
                    format!(
                        "task {} starts on {}, before its prerequisite {} is due on {}",
                        t.id, t.start, pre.id, pre.due
                    ),
                );
            }
        }
    }
    let edges: Vec<Vec<usize>> = tasks
        .iter()
        .map(|t| {
            t.depends_on
                .iter()
                .filter_map(|d| by_id.get(d.as_str()).copied())
                .collect()
        })
        .collect();
    for ring in graph::cycles(&edges) {
        let mut names: Vec<&str> = ring.iter().map(|&k| tasks[k].id.as_str()).collect();
        names.push(names[0]);
        out.error(
            "task_dependency_cycle",
            format!("/execution/tasks/{}/depends_on", ring[0]),
            format!(
                "tasks depend on each other in a cycle: {}",
                names.join(" → ")
            ),
        );
    }
    for (i, m) in plan.execution.milestones.iter().enumerate() {
        let path = format!("/execution/milestones/{i}");
        if !plan.covers(m.date) {
            out.warning(
                "milestone_outside_period",
                format!("{path}/date"),
                format!(
                    "milestone {} on {} is outside the plan period {} – {}",
                    m.id, m.date, plan.period.start, plan.period.end
                ),
            );
        }
        for (j, id) in m.tasks.iter().enumerate() {
            let Some(&k) = by_id.get(id.as_str()) else {
                continue;
            };
            if tasks[k].due > m.date {
                out.warning(
                    "milestone_before_tasks",
                    format!("{path}/tasks/{j}"),
                    format!(
                        "milestone {} on {} comes before its task {} is due on {}",
                        m.id, m.date, id, tasks[k].due
                    ),
                );
            }
        }
    }
}
