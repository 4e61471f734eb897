//! Where a day falls on a chart whose horizontal axis counts the plan's
//! periods: the plan's start at 0, the end of period `i` (from 0) at
//! `i + 1`, a day inside a period at the share of the period done by its
//! end.

use chrono::NaiveDate;

use crate::calendar::Period;
use crate::plan::Plan;

/// Tick labels for the plan's periods along a time axis: the period names,
/// except that weeks and fiscal months all of one year drop the year they
/// share (`W05`, `P03`; the title and dates carry it), so that a year of 53
/// weekly ticks keeps more of its labels.
pub(crate) fn axis_names(periods: &[Period]) -> Vec<String> {
    let year = |p: &Period| match *p {
        Period::Week { year, .. } => Some(year),
        Period::FiscalMonth { fiscal_year, .. } => Some(fiscal_year),
        _ => None,
    };
    let first = periods.first().and_then(year);
    let shared = first.is_some() && periods.iter().all(|p| year(p) == first);
    periods
        .iter()
        .map(|p| match *p {
            Period::Week { week, .. } if shared => format!("W{week:02}"),
            Period::FiscalMonth { month, .. } if shared => format!("P{month:02}"),
            _ => p.to_string(),
        })
        .collect()
}

/// The position of the end of `day` among `periods` (the plan's).
pub(crate) fn position(plan: &Plan, periods: &[Period], day: NaiveDate) -> f64 {
    if day < plan.period.start {
        return 0.0;
    }
    if day > plan.period.end {
        return periods.len() as f64;
    }
    let cal = plan.calendar();
    let Some(i) = periods.iter().position(|p| cal.contains(*p, day)) else {
        return 0.0;
    };
    let start = cal.start(periods[i]).max(plan.period.start);
    let end = cal.end(periods[i]).min(plan.period.end);
    let total = (end - start).num_days() + 1;
    let done = (day - start).num_days() + 1;
    if total <= 0 {
        (i + 1) as f64
    } else {
        i as f64 + done.clamp(0, total) as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_fall_by_share_of_their_period() {
        let plan = crate::example_plan();
        let periods = plan.periods();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(position(&plan, &periods, d("2026-06-30")), 6.0);
        assert_eq!(position(&plan, &periods, d("2026-12-31")), 12.0);
        assert_eq!(position(&plan, &periods, d("2025-12-31")), 0.0);
        assert_eq!(position(&plan, &periods, d("2027-03-01")), 12.0);
        let mid_feb = position(&plan, &periods, d("2026-02-14"));
        assert_eq!(mid_feb, 1.5);
    }

    #[test]
    fn weeks_and_fiscal_months_of_one_year_drop_it() {
        let week = |year, week| Period::Week { year, week };
        assert_eq!(axis_names(&[week(2026, 1), week(2026, 53)]), ["W01", "W53"]);
        assert_eq!(
            axis_names(&[week(2026, 53), week(2027, 1)]),
            ["2026-W53", "2027-W01"]
        );
        let p = |month| Period::FiscalMonth {
            fiscal_year: 2026,
            month,
        };
        assert_eq!(axis_names(&[p(1), p(12)]), ["P01", "P12"]);
        let months = crate::example_plan().periods();
        assert_eq!(axis_names(&months)[0], "2026-01");
    }
}
