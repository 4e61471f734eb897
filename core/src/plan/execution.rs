//! Execution (执行计划): tasks with owners, dates and dependencies; milestones.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dec::DecimalString;
use super::ids::{MilestoneId, StrategyId, TaskId};

/// Tasks and milestones.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Execution {
    /// The work to do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<Task>,
    /// Dated checkpoints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
}

/// A piece of work with an owner and dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Unique among the tasks.
    pub id: TaskId,
    /// Name.
    pub name: String,
    /// The execution step the task belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Phase>,
    /// Who does it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// First day of work.
    pub start: NaiveDate,
    /// Last day of work.
    pub due: NaiveDate,
    /// Where it stands.
    #[serde(default)]
    pub status: TaskStatus,
    /// Fraction done, 0 to 1.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub progress: Option<Decimal>,
    /// Tasks that must be done first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<TaskId>,
    /// The strategy the task carries out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<StrategyId>,
}

/// The six execution steps of a sales action plan.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// 准备: research, baseline.
    Preparation,
    /// 策略: choosing the levers.
    Strategy,
    /// 资源: hiring, budgets, tools.
    Resourcing,
    /// 执行: selling.
    Execution,
    /// 监控与反馈: tracking and reviews.
    Monitoring,
    /// 优化: adjusting the plan.
    Optimisation,
}

/// Where a task stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Not begun.
    #[default]
    NotStarted,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Stuck.
    Blocked,
    /// Dropped.
    Cancelled,
}

/// A dated checkpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Unique among the milestones.
    pub id: MilestoneId,
    /// Name.
    pub name: String,
    /// When it is due.
    pub date: NaiveDate,
    /// What must be true to call it reached.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<String>,
    /// Tasks that must be done by then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskId>,
}
