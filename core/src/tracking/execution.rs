//! The data of execution tracking: where each task and milestone stands.
//! The statuses, progress, forecasts and slips are computed, and their
//! rules described, in [`crate::monitor::execution`].

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::plan::{MilestoneId, TaskId, TaskStatus};

/// Where the plan's execution stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExecutionTracking {
    /// The day it describes.
    pub as_of: NaiveDate,
    /// Every task, in plan order.
    pub tasks: Vec<TaskTracking>,
    /// The tasks with no float under the plan's dates, in schedule order.
    pub critical_path: Vec<TaskId>,
    /// The last planned finish of any task.
    pub planned_finish: Option<NaiveDate>,
    /// The last forecast finish of any task.
    pub forecast_finish: Option<NaiveDate>,
    /// Every milestone, in plan order.
    pub milestones: Vec<MilestoneTracking>,
}

/// Where one task stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TaskTracking {
    /// The task.
    pub task: TaskId,
    /// Its name.
    pub name: String,
    /// Who does it.
    pub owner: Option<String>,
    /// Planned first day.
    pub start: NaiveDate,
    /// Planned last day.
    pub due: NaiveDate,
    /// Schedule status (see the [module documentation](self)).
    pub status: ScheduleStatus,
    /// The status last reported (or the plan's).
    pub reported_status: TaskStatus,
    /// The day of the latest update taken into account.
    pub updated: Option<NaiveDate>,
    /// Progress the plan expects by now.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub expected_progress: Decimal,
    /// Progress reported (1 when done, 0 when nothing was reported).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub progress: Decimal,
    /// progress − expected progress.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub progress_gap: Decimal,
    /// When it is forecast to finish.
    pub forecast_finish: NaiveDate,
    /// Forecast finish − due, in days.
    pub slip_days: i64,
    /// Earliest start under the plan's dates and dependencies.
    pub earliest_start: NaiveDate,
    /// Latest finish that does not delay the plan's last task.
    pub latest_finish: NaiveDate,
    /// Days the task can slip without delaying the plan's last task.
    pub total_float_days: i64,
    /// Whether it is on the critical path.
    pub critical: bool,
}

/// Schedule statuses of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleStatus {
    /// Its start day is still to come.
    NotStarted,
    /// Under way, or begun, and forecast to finish by its due day.
    OnSchedule,
    /// Under way and forecast to finish after its due day.
    Behind,
    /// Past its start day with nothing begun.
    LateStart,
    /// Past its due day and not done.
    Overdue,
    /// Reported blocked.
    Blocked,
    /// Done.
    Done,
    /// Dropped.
    Cancelled,
}

/// Where one milestone stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MilestoneTracking {
    /// The milestone.
    pub milestone: MilestoneId,
    /// Its name.
    pub name: String,
    /// When it is due.
    pub date: NaiveDate,
    /// The latest forecast finish of its tasks (its date when it has none).
    pub forecast_date: NaiveDate,
    /// Forecast − date, in days.
    pub slip_days: i64,
    /// Its status.
    pub status: MilestoneStatus,
    /// Whether it is forecast late or missed (not once it is reached,
    /// even late).
    pub at_risk: bool,
}

/// Milestone statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneStatus {
    /// Every task done by its date.
    Reached,
    /// Every task done, after its date.
    ReachedLate,
    /// Forecast on or before its date.
    OnTrack,
    /// Forecast after its date.
    AtRisk,
    /// Its date has passed without every task done.
    Missed,
}

impl ExecutionTracking {
    /// The tracking of a task.
    pub fn task(&self, id: &str) -> Option<&TaskTracking> {
        self.tasks.iter().find(|t| t.task.as_str() == id)
    }

    /// The tracking of a milestone.
    pub fn milestone(&self, id: &str) -> Option<&MilestoneTracking> {
        self.milestones.iter().find(|m| m.milestone.as_str() == id)
    }
}
