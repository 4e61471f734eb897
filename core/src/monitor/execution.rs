//! Execution tracking as of a day: each task's schedule status, expected
//! against reported progress, slip and forecast finish; the critical path;
//! each milestone's forecast date.
//!
//! * **Expected progress** grows linearly over the task's days, both ends
//!   counted: 0 before the start, `(as_of − start + 1) ÷ (due − start + 1)`
//!   on the way, 1 from the due day on (four decimal places).
//! * **Status**: `done` (reported done), `cancelled`, `overdue` (past its
//!   due day and not done), `late_start` (past its start day with no
//!   progress and not reported as begun), `not_started` (its start day is
//!   still to come), `blocked` (reported blocked), `behind` (under way and
//!   forecast to finish after its due day), else `on_schedule`.
//! * **Forecast finish**: a done task finished on the day of its first
//!   report of `done` (its due day when no report says so). A task under
//!   way with progress `p` after `d` days (from its first report of work,
//!   or its start) keeps that pace: it needs `d × (1 − p) ÷ p` more days,
//!   rounded up, after `as_of`. A task not begun starts on the latest of
//!   its start day, the day after `as_of` when its start has passed, and
//!   the day after every task it depends on is forecast to finish; it then
//!   takes its planned days. A task under way with no progress is forecast
//!   as not begun. Cancelled tasks keep their plan dates.
//! * **Slip** is the forecast finish minus the due day, in days (negative
//!   when ahead).
//! * **Milestones**: the forecast date is the latest forecast finish of
//!   its tasks; `reached` when they are all done on or before its date,
//!   `reached_late` when they are all done after it, `missed` when its
//!   date has passed with a task not done, `at_risk` when the
//!   forecast is after its date, else `on_track`.
//!
//! The critical path and float are those of the plan's dates
//! ([`crate::schedule::critical_path`]).

use chrono::{Duration, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use super::updates::{standing, ProgressUpdate, Standing};
use crate::plan::{Plan, Task, TaskStatus};
use crate::schedule::{critical_path, TaskSlot};
pub use crate::tracking::execution::{
    ExecutionTracking, MilestoneStatus, MilestoneTracking, ScheduleStatus, TaskTracking,
};
use crate::Result;

/// Tracks the plan's tasks and milestones as of `as_of` with progress
/// `updates` (already checked against the plan).
///
/// # Errors
/// [`crate::Error::InvalidArgument`] when the tasks cannot be scheduled (a
/// dependency cycle, a task due before it starts: the plan's validation
/// reports these too).
pub fn track(
    plan: &Plan,
    updates: &[ProgressUpdate],
    as_of: NaiveDate,
) -> Result<ExecutionTracking> {
    let tasks = &plan.execution.tasks;
    let schedule = critical_path(tasks)?;
    // Earliest starts grow along every dependency, so this is a
    // topological order.
    let mut order: Vec<usize> = (0..tasks.len()).collect();
    order.sort_by_key(|&i| slot(&schedule.tasks, &tasks[i]).map(|s| s.earliest_start));
    let mut finish: Vec<Option<NaiveDate>> = vec![None; tasks.len()];
    let mut rows: Vec<Option<TaskTracking>> = vec![None; tasks.len()];
    for i in order {
        let t = &tasks[i];
        let s = standing(t.id.as_str(), (t.status, t.progress), updates, as_of);
        let after_deps = t
            .depends_on
            .iter()
            .filter_map(|d| tasks.iter().position(|x| x.id == *d))
            .filter_map(|p| finish[p])
            .max()
            .map(|f| plus_days(f, 1));
        let forecast = forecast_finish(t, &s, as_of, after_deps);
        finish[i] = Some(forecast);
        let Some(cpm) = slot(&schedule.tasks, t) else {
            continue;
        };
        rows[i] = Some(row(t, &s, cpm, as_of, forecast));
    }
    let tasks_out: Vec<TaskTracking> = rows.into_iter().flatten().collect();
    let milestones = plan
        .execution
        .milestones
        .iter()
        .map(|m| {
            let mine: Vec<&TaskTracking> = tasks_out
                .iter()
                .filter(|t| m.tasks.contains(&t.task))
                .collect();
            let forecast = mine
                .iter()
                .map(|t| t.forecast_finish)
                .max()
                .unwrap_or(m.date);
            let all_done = mine.iter().all(|t| t.status == ScheduleStatus::Done);
            let status = if all_done && forecast <= m.date {
                MilestoneStatus::Reached
            } else if all_done {
                MilestoneStatus::ReachedLate
            } else if m.date < as_of {
                MilestoneStatus::Missed
            } else if forecast > m.date {
                MilestoneStatus::AtRisk
            } else {
                MilestoneStatus::OnTrack
            };
            MilestoneTracking {
                milestone: m.id.clone(),
                name: m.name.clone(),
                date: m.date,
                forecast_date: forecast,
                slip_days: (forecast - m.date).num_days(),
                status,
                at_risk: matches!(status, MilestoneStatus::AtRisk | MilestoneStatus::Missed),
            }
        })
        .collect();
    Ok(ExecutionTracking {
        as_of,
        forecast_finish: tasks_out.iter().map(|t| t.forecast_finish).max(),
        planned_finish: tasks_out.iter().map(|t| t.due).max(),
        critical_path: schedule.critical_path,
        tasks: tasks_out,
        milestones,
    })
}

fn slot<'a>(slots: &'a [TaskSlot], t: &Task) -> Option<&'a TaskSlot> {
    slots.iter().find(|s| s.task == t.id)
}

/// `day` moved by `days`, held at the calendar's last day rather than
/// overflowing (a forecast far beyond any plan stays a date).
fn plus_days(day: NaiveDate, days: i64) -> NaiveDate {
    day.checked_add_signed(Duration::days(days))
        .unwrap_or(NaiveDate::MAX)
}

/// Days from `a` to `b`, both counted.
fn days_inclusive(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days() + 1
}

fn expected_progress(t: &Task, as_of: NaiveDate) -> Decimal {
    if as_of < t.start {
        return Decimal::ZERO;
    }
    if as_of >= t.due {
        return Decimal::ONE;
    }
    let done = Decimal::from(days_inclusive(t.start, as_of));
    let all = Decimal::from(days_inclusive(t.start, t.due));
    (done / all).round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
}

fn forecast_finish(
    t: &Task,
    s: &Standing,
    as_of: NaiveDate,
    after_deps: Option<NaiveDate>,
) -> NaiveDate {
    let planned_days = days_inclusive(t.start, t.due);
    match s.status {
        TaskStatus::Done => return s.done_on.unwrap_or(t.due),
        TaskStatus::Cancelled => return t.due,
        _ => {}
    }
    let progress = s.progress.unwrap_or_default();
    if progress > Decimal::ZERO && as_of >= t.start.min(s.started_on.unwrap_or(t.start)) {
        let began = s.started_on.map_or(t.start, |d| d.min(t.start));
        let spent = Decimal::from(days_inclusive(began, as_of).max(1));
        let remaining = (spent * (Decimal::ONE - progress) / progress).ceil();
        let remaining = i64::try_from(remaining).unwrap_or(i64::MAX / 4).min(36_500);
        return plus_days(as_of, remaining);
    }
    let mut start = t.start;
    if as_of >= t.start {
        start = plus_days(as_of, 1);
    }
    if let Some(d) = after_deps {
        start = start.max(d);
    }
    plus_days(start, planned_days - 1)
}

fn row(
    t: &Task,
    s: &Standing,
    cpm: &TaskSlot,
    as_of: NaiveDate,
    forecast: NaiveDate,
) -> TaskTracking {
    let done = s.status == TaskStatus::Done;
    let progress = if done {
        Decimal::ONE
    } else {
        s.progress.unwrap_or_default()
    };
    let begun = s.status != TaskStatus::NotStarted || progress > Decimal::ZERO;
    let status = match s.status {
        TaskStatus::Done => ScheduleStatus::Done,
        TaskStatus::Cancelled => ScheduleStatus::Cancelled,
        _ if as_of > t.due => ScheduleStatus::Overdue,
        TaskStatus::Blocked => ScheduleStatus::Blocked,
        _ if as_of < t.start && !begun => ScheduleStatus::NotStarted,
        _ if !begun => ScheduleStatus::LateStart,
        _ if forecast > t.due => ScheduleStatus::Behind,
        _ => ScheduleStatus::OnSchedule,
    };
    let expected = if s.status == TaskStatus::Cancelled {
        Decimal::ZERO
    } else {
        expected_progress(t, as_of)
    };
    TaskTracking {
        task: t.id.clone(),
        name: t.name.clone(),
        owner: t.owner.clone(),
        start: t.start,
        due: t.due,
        status,
        reported_status: s.status,
        updated: s.updated,
        expected_progress: expected,
        progress,
        progress_gap: progress - expected,
        forecast_finish: forecast,
        slip_days: (forecast - t.due).num_days(),
        earliest_start: cpm.earliest_start,
        latest_finish: cpm.latest_finish,
        total_float_days: cpm.total_float_days,
        critical: cpm.critical,
    }
}
