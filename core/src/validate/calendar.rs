//! The plan's calendar: a retail calendar's first day, what it ignores, and
//! whether the plan's periods fit it.

use chrono::{Datelike, Days, NaiveDate};

use super::Report;
use crate::calendar::{Granularity, Period};
use crate::plan::Plan;

pub(super) fn check(plan: &Plan, out: &mut Report) {
    let Some(pattern) = plan.period.calendar else {
        return;
    };
    let start = plan.period.start;
    if start.weekday() != chrono::Weekday::Mon {
        let before = crate::calendar::week::monday_on_or_before(start);
        let after = before
            .checked_add_days(Days::new(7))
            .unwrap_or(NaiveDate::MAX);
        out.error(
            "retail_start_weekday",
            "/period/start",
            format!(
                "a {pattern} retail calendar starts its fiscal year on a Monday, and {start} is a {}; start on {before} or {after}",
                start.format("%A")
            ),
        );
        return;
    }
    if plan.period.fiscal_year_start_month != 1 {
        out.warning(
            "retail_fiscal_start",
            "/period/fiscal_year_start_month",
            format!(
                "fiscal year start month {} has no effect with a {pattern} retail calendar, whose fiscal year starts on {start}",
                plan.period.fiscal_year_start_month
            ),
        );
    }
    let cal = plan.calendar();
    let end = plan.period.end;
    if end < start {
        return;
    }
    if let Some(last) = plan.periods().last().copied() {
        let (first_day, last_day) = (cal.start(last), cal.end(last));
        if last_day != end {
            let kept = (end - first_day).num_days() + 1;
            out.warning(
                "period_fit",
                "/period/end",
                format!(
                    "the plan ends on {end}, inside {last} ({first_day} – {last_day}) of its {pattern} calendar, which is clipped to {kept} of its {} days; end on {} or {last_day}",
                    cal.days(last),
                    first_day.pred_opt().unwrap_or(first_day),
                ),
            );
        }
    }
}

/// What the plan's periods are called in messages: `month`, `quarter`,
/// `week`, or `month of the 4-4-5 calendar`.
pub(super) fn granularity_word(plan: &Plan) -> String {
    match (plan.period.granularity, plan.period.calendar) {
        (Granularity::Month, None) => "month".to_owned(),
        (Granularity::Quarter, None) => "quarter".to_owned(),
        (Granularity::Week, _) => "week".to_owned(),
        (Granularity::Month, Some(pattern)) => format!("month of the {pattern} calendar"),
        (Granularity::Quarter, Some(pattern)) => format!("quarter of the {pattern} calendar"),
    }
}

/// For weeks and retail periods, how the plan's periods are named (`; its
/// periods are "2026-W01" to "2026-W53"`); empty for calendar months and
/// quarters.
pub(super) fn names_hint(plan: &Plan, periods: &[Period]) -> String {
    let plain = plan.period.calendar.is_none() && plan.period.granularity != Granularity::Week;
    match (periods.first(), periods.last()) {
        (Some(first), Some(last)) if !plain => {
            format!("; its periods are \"{first}\" to \"{last}\"")
        }
        _ => String::new(),
    }
}
