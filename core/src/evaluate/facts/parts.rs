//! Facts of the monitored parts of a plan (`task("T-05").slip_days`), read
//! from an evaluation's [`Monitoring`].

use rust_decimal::Decimal;

use crate::rules::condition::Part;
use crate::rules::{FactValue, FACT_WORDS};
use crate::tracking::budget::BurnStatus;
use crate::tracking::execution::{MilestoneStatus, ScheduleStatus};
use crate::tracking::Monitoring;

/// Reads one fact; missing when the evaluation was not monitored or the
/// monitoring has no such section.
pub(super) fn read(
    monitoring: Option<&Monitoring>,
    part: Part,
    id: &str,
    field: &str,
) -> FactValue {
    let Some(m) = monitoring else {
        return FactValue::Missing;
    };
    let value = match part {
        Part::Task => task(m, id, field),
        Part::Milestone => milestone(m, id, field),
        Part::Budget => budget(m, id, field),
        Part::Capacity => capacity(m, id, field),
        Part::Strategy => m.strategy(id).and_then(|s| s.realised).map(FactValue::Num),
        Part::Forecast => m
            .accuracy
            .as_ref()
            .and_then(|a| a.fact(id, "", field))
            .map(FactValue::Num),
    };
    value.unwrap_or(FactValue::Missing)
}

fn word(w: &str) -> Option<FactValue> {
    FACT_WORDS
        .iter()
        .find(|x| **x == w)
        .map(|x| FactValue::Text(x))
}

fn flag(b: bool) -> FactValue {
    FactValue::Num(if b { Decimal::ONE } else { Decimal::ZERO })
}

fn task(m: &Monitoring, id: &str, field: &str) -> Option<FactValue> {
    let t = m.execution.task(id)?;
    Some(match field {
        "slip_days" => FactValue::Num(t.slip_days.into()),
        "progress" => FactValue::Num(t.progress),
        "expected_progress" => FactValue::Num(t.expected_progress),
        "progress_gap" => FactValue::Num(t.progress_gap),
        "float_days" => FactValue::Num(t.total_float_days.into()),
        "critical" => flag(t.critical),
        "overdue" => flag(t.status == ScheduleStatus::Overdue),
        "status" => word(match t.status {
            ScheduleStatus::NotStarted => "not_started",
            ScheduleStatus::OnSchedule => "on_schedule",
            ScheduleStatus::Behind => "behind",
            ScheduleStatus::LateStart => "late_start",
            ScheduleStatus::Overdue => "overdue",
            ScheduleStatus::Blocked => "blocked",
            ScheduleStatus::Done => "done",
            ScheduleStatus::Cancelled => "cancelled",
        })?,
        _ => return None,
    })
}

fn milestone(m: &Monitoring, id: &str, field: &str) -> Option<FactValue> {
    let ms = m.execution.milestone(id)?;
    Some(match field {
        "slip_days" => FactValue::Num(ms.slip_days.into()),
        "at_risk" => flag(ms.at_risk),
        "status" => word(match ms.status {
            MilestoneStatus::Reached => "reached",
            MilestoneStatus::ReachedLate => "reached_late",
            MilestoneStatus::OnTrack => "on_track",
            MilestoneStatus::AtRisk => "at_risk",
            MilestoneStatus::Missed => "missed",
        })?,
        _ => return None,
    })
}

fn budget(m: &Monitoring, id: &str, field: &str) -> Option<FactValue> {
    let b = m.budget.as_ref()?.line(id)?;
    let num = |d: Option<Decimal>| d.map(FactValue::Num);
    match field {
        "spent" => num(Some(b.spent)),
        "expected" => num(Some(b.expected)),
        "variance" => num(Some(b.variance)),
        "burn" => num(b.burn),
        "burn_rate" => num(b.burn_rate),
        "forecast" => num(Some(b.forecast_at_completion)),
        "overrun" => num(Some(b.overrun)),
        "status" => word(match b.status {
            BurnStatus::Under => "under",
            BurnStatus::OnPlan => "on_plan",
            BurnStatus::Over => "over",
        }),
        _ => None,
    }
}

fn capacity(m: &Monitoring, id: &str, field: &str) -> Option<FactValue> {
    let h = m.capacity.as_ref()?.line(id)?;
    let value = match field {
        "heads" => h.heads,
        "planned" => Some(h.planned),
        "heads_gap" => h.heads_gap,
        "forecast_capacity" => h.forecast_capacity,
        _ => None,
    };
    value.map(FactValue::Num)
}
