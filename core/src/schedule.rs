//! The critical-path method over the plan's tasks.
//!
//! Each task lasts from its `start` to its `due` day, both counted. A task
//! without predecessors starts on its planned `start`; a task with
//! predecessors can start the day after the last of them finishes (its
//! planned start does not hold it back). That forward pass gives every
//! task's earliest start and finish; the plan finishes with the latest of
//! them. The backward pass from that day gives the latest finish and start
//! that do not delay it. The total float is latest minus earliest start, in
//! days; the tasks without float form the critical path.
//!
//! ```
//! let plan = salesplan::example_plan();
//! let schedule = salesplan::schedule::critical_path(&plan.execution.tasks).unwrap();
//! let path: Vec<&str> = schedule.critical_path.iter().map(|t| t.as_str()).collect();
//! assert_eq!(path, ["T-01", "T-04", "T-07"]);
//! ```

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::plan::{Task, TaskId};

/// When a task can run without delaying the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TaskSlot {
    /// The task.
    pub task: TaskId,
    /// Days from its start to its due day, both counted.
    pub duration_days: i64,
    /// The first day it can start.
    pub earliest_start: NaiveDate,
    /// The day it finishes when started on its earliest start.
    pub earliest_finish: NaiveDate,
    /// The last day it can start without delaying the plan.
    pub latest_start: NaiveDate,
    /// The last day it can finish without delaying the plan.
    pub latest_finish: NaiveDate,
    /// Days it can slip without delaying the plan.
    pub total_float_days: i64,
    /// Whether it has no float.
    pub critical: bool,
}

/// The critical-path schedule of a set of tasks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Schedule {
    /// The earliest start of any task; `None` without tasks.
    pub start: Option<NaiveDate>,
    /// The earliest finish of the whole; `None` without tasks.
    pub finish: Option<NaiveDate>,
    /// Every task, in the order given.
    pub tasks: Vec<TaskSlot>,
    /// The tasks without float, by earliest start.
    pub critical_path: Vec<TaskId>,
}

impl Schedule {
    /// The slot of a task.
    pub fn slot(&self, task: &str) -> Option<&TaskSlot> {
        self.tasks.iter().find(|s| s.task.as_str() == task)
    }
}

/// Schedules `tasks` by the critical-path method (see the
/// [module documentation](self)).
///
/// # Errors
/// [`Error::InvalidArgument`] when two tasks share an id, a task depends on
/// one that is not there, a task is due before it starts, the dependencies
/// form a cycle, or a date falls outside the calendar.
pub fn critical_path(tasks: &[Task]) -> Result<Schedule> {
    let bad = |message: String| Error::InvalidArgument {
        name: "tasks".into(),
        message,
    };
    let mut ids = std::collections::BTreeMap::new();
    for (i, t) in tasks.iter().enumerate() {
        if ids.insert(t.id.as_str(), i).is_some() {
            return Err(bad(format!("task {} appears twice", t.id)));
        }
    }
    let mut preds = vec![Vec::new(); tasks.len()];
    let mut succs = vec![Vec::new(); tasks.len()];
    for (i, t) in tasks.iter().enumerate() {
        for d in &t.depends_on {
            let &p = ids
                .get(d.as_str())
                .ok_or_else(|| bad(format!("task {} depends on unknown task {d}", t.id)))?;
            preds[i].push(p);
            succs[p].push(i);
        }
    }
    let day = |d: NaiveDate| i64::from(d.num_days_from_ce());
    let mut duration = Vec::with_capacity(tasks.len());
    for t in tasks {
        if t.due < t.start {
            return Err(bad(format!("task {} is due before it starts", t.id)));
        }
        duration.push(day(t.due) - day(t.start) + 1);
    }
    let order = topological(&preds, &succs).map_err(|left| {
        let names: Vec<&str> = left.iter().map(|&i| tasks[i].id.as_str()).collect();
        bad(format!(
            "the dependencies of {} form a cycle",
            names.join(", ")
        ))
    })?;

    let mut es = vec![0i64; tasks.len()];
    let mut ef = vec![0i64; tasks.len()];
    for &i in &order {
        es[i] = match preds[i].iter().map(|&p| ef[p]).max() {
            Some(last) => last + 1,
            None => day(tasks[i].start),
        };
        ef[i] = es[i] + duration[i] - 1;
    }
    let Some(finish) = ef.iter().copied().max() else {
        return Ok(Schedule {
            start: None,
            finish: None,
            tasks: Vec::new(),
            critical_path: Vec::new(),
        });
    };
    let mut ls = vec![0i64; tasks.len()];
    let mut lf = vec![0i64; tasks.len()];
    for &i in order.iter().rev() {
        lf[i] = match succs[i].iter().map(|&s| ls[s]).min() {
            Some(first) => first - 1,
            None => finish,
        };
        ls[i] = lf[i] - duration[i] + 1;
    }

    let date = |n: i64| {
        i32::try_from(n)
            .ok()
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .ok_or_else(|| bad("a scheduled date falls outside the calendar".into()))
    };
    let mut slots = Vec::with_capacity(tasks.len());
    for (i, t) in tasks.iter().enumerate() {
        slots.push(TaskSlot {
            task: t.id.clone(),
            duration_days: duration[i],
            earliest_start: date(es[i])?,
            earliest_finish: date(ef[i])?,
            latest_start: date(ls[i])?,
            latest_finish: date(lf[i])?,
            total_float_days: ls[i] - es[i],
            critical: ls[i] == es[i],
        });
    }
    let mut critical: Vec<usize> = (0..tasks.len()).filter(|&i| ls[i] == es[i]).collect();
    critical.sort_by_key(|&i| (es[i], i));
    Ok(Schedule {
        start: es.iter().copied().min().map(date).transpose()?,
        finish: Some(date(finish)?),
        critical_path: critical.into_iter().map(|i| tasks[i].id.clone()).collect(),
        tasks: slots,
    })
}

/// The tasks in an order where each comes after its predecessors, ties by
/// position; or, on a cycle, the tasks that could not be placed.
fn topological(
    preds: &[Vec<usize>],
    succs: &[Vec<usize>],
) -> std::result::Result<Vec<usize>, Vec<usize>> {
    let mut waiting: Vec<usize> = preds.iter().map(Vec::len).collect();
    let mut ready: BTreeSet<usize> = (0..preds.len()).filter(|&i| waiting[i] == 0).collect();
    let mut order = Vec::with_capacity(preds.len());
    while let Some(i) = ready.pop_first() {
        order.push(i);
        for &s in &succs[i] {
            waiting[s] -= 1;
            if waiting[s] == 0 {
                ready.insert(s);
            }
        }
    }
    if order.len() == preds.len() {
        Ok(order)
    } else {
        Err((0..preds.len()).filter(|&i| waiting[i] > 0).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str, start: &str, due: &str, deps: &[&str]) -> Task {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": id, "start": start, "due": due, "depends_on": deps
        }))
        .unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_chain_is_all_critical_and_runs_back_to_back() {
        let s = critical_path(&[
            task("A", "2026-01-01", "2026-01-10", &[]),
            task("B", "2026-02-01", "2026-02-05", &["A"]),
            task("C", "2026-03-01", "2026-03-03", &["B"]),
        ])
        .unwrap();
        let want: Vec<TaskId> = vec!["A".into(), "B".into(), "C".into()];
        assert_eq!(s.critical_path, want);
        let b = s.slot("B").unwrap();
        assert_eq!(b.duration_days, 5);
        assert_eq!(b.earliest_start, d("2026-01-11"));
        assert_eq!(b.earliest_finish, d("2026-01-15"));
        assert_eq!(s.finish, Some(d("2026-01-18")));
        assert!(s.tasks.iter().all(|t| t.total_float_days == 0));
    }

    #[test]
    fn a_diamond_floats_on_its_short_branch() {
        let s = critical_path(&[
            task("A", "2026-01-01", "2026-01-02", &[]),
            task("LONG", "2026-01-03", "2026-01-12", &["A"]),
            task("SHORT", "2026-01-03", "2026-01-05", &["A"]),
            task("Z", "2026-01-13", "2026-01-13", &["LONG", "SHORT"]),
        ])
        .unwrap();
        let want: Vec<TaskId> = vec!["A".into(), "LONG".into(), "Z".into()];
        assert_eq!(s.critical_path, want);
        let short = s.slot("SHORT").unwrap();
        assert_eq!(short.total_float_days, 7);
        assert_eq!(short.latest_start, d("2026-01-10"));
        assert_eq!(short.latest_finish, d("2026-01-12"));
        assert!(!short.critical);
        assert_eq!(s.slot("Z").unwrap().earliest_start, d("2026-01-13"));
    }

    #[test]
    fn independent_tasks_float_to_the_last_finish() {
        let s = critical_path(&[
            task("A", "2026-01-01", "2026-01-31", &[]),
            task("B", "2026-03-01", "2026-03-10", &[]),
        ])
        .unwrap();
        assert_eq!(s.start, Some(d("2026-01-01")));
        assert_eq!(s.finish, Some(d("2026-03-10")));
        assert_eq!(s.slot("A").unwrap().total_float_days, 38);
        assert_eq!(s.critical_path, vec![TaskId::from("B")]);
    }

    #[test]
    fn no_tasks_no_schedule() {
        let s = critical_path(&[]).unwrap();
        assert!(s.tasks.is_empty() && s.start.is_none() && s.finish.is_none());
    }

    #[test]
    fn cycles_and_bad_references_are_errors() {
        let cycle = critical_path(&[
            task("A", "2026-01-01", "2026-01-02", &["C"]),
            task("B", "2026-01-01", "2026-01-02", &["A"]),
            task("C", "2026-01-01", "2026-01-02", &["B"]),
            task("D", "2026-01-01", "2026-01-02", &[]),
        ]);
        match cycle {
            Err(Error::InvalidArgument { message, .. }) => {
                assert!(message.contains("A, B, C"), "{message}");
            }
            other => panic!("expected a cycle error, got {other:?}"),
        }
        let own = critical_path(&[task("A", "2026-01-01", "2026-01-02", &["A"])]);
        assert!(matches!(own, Err(Error::InvalidArgument { .. })));
        let unknown = critical_path(&[task("A", "2026-01-01", "2026-01-02", &["X"])]);
        assert!(matches!(unknown, Err(Error::InvalidArgument { .. })));
        let backwards = critical_path(&[task("A", "2026-01-02", "2026-01-01", &[])]);
        assert!(matches!(backwards, Err(Error::InvalidArgument { .. })));
        let twice = critical_path(&[
            task("A", "2026-01-01", "2026-01-02", &[]),
            task("A", "2026-01-01", "2026-01-02", &[]),
        ]);
        assert!(matches!(twice, Err(Error::InvalidArgument { .. })));
    }
}
