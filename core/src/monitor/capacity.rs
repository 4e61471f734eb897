//! Capacity against plan: the heads actually in seat, month by month, and
//! what they can sell over the plan period beside what the plan counted on.
//!
//! Heads come from [`Actuals`] rows of measure [`HEADS`], each tagged
//! [`HEADCOUNT_TAG`]`=<headcount line id>`, a count observed on the row's
//! date; other measures are ignored.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::budget::{cents, places, rows_by_line};
use crate::actuals::{date_of, Actuals, RowProblem};
use crate::calendar::{Calendar, Granularity, Period, PeriodKind};
use crate::capacity::headcount_capacity;
use crate::error::{Error, Result};
use crate::plan::{Headcount, Plan};
pub use crate::tracking::capacity::{CapacityActuals, HeadcountActuals, MonthHeads};

#[cfg(test)]
mod tests;

/// The measure of heads rows: heads in seat on the row's date.
pub const HEADS: &str = "heads";

/// The tag that names a heads row's headcount line.
pub const HEADCOUNT_TAG: &str = "headcount";

/// Compares the heads in seat with the plan's headcount as of `as_of`.
///
/// A month's heads are the latest observation dated in it, within the plan
/// period and up to `as_of` (on one date, the later row); they may be
/// fractional (full-time equivalents). A month without
/// one keeps the heads of the month before; months before the first
/// observation take the first.
///
/// Capacity follows the rule of [`headcount_capacity`]: a fully ramped head
/// sells a twelfth of its quota a month, and a new hire ramps linearly
/// from zero over `ramp_months`, selling (2k + 1) ÷ (2 × ramp_months) of a
/// full month in its k-th month (from 0). The first month's heads are in
/// seat from the plan start, up to `new_hires` of them ramping from there
/// and the rest fully ramped; heads above the previous month's are new
/// hires ramping from their month; heads below it leave, the latest hires
/// first.
///
/// * `capacity_to_date` counts the months before the one holding `as_of`
///   in full and that month pro rata by its days up to `as_of`.
/// * `forecast_capacity` counts every month of the plan period: the actual
///   months, then the latest heads held flat to the end, carrying on
///   their ramp. The plan's attrition is not applied to the months to
///   come, as the heads to date already show who left.
///
/// Capacity is rounded to cents (half to even) line by line; the overall
/// figures are sums of the rounded line values.
///
/// # Errors
/// [`Error::Actuals`] listing every heads row (numbered from 1 in the order
/// of `actuals`) whose `headcount` tag is missing or names no headcount
/// line of the plan, or whose value is negative; [`Error::Overflow`] when a
/// capacity is beyond a decimal. Nothing is returned in part.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// use salesplan::actuals::Actuals;
/// use salesplan::monitor::capacity::{capacity_against_plan, HEADCOUNT_TAG, HEADS};
///
/// let plan = salesplan::example_plan();
/// let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// let mut actuals = Actuals::new();
/// // The high-end team starts with 8 of its 10 heads and is full in April.
/// actuals.push(day(1, 5), HEADS, Decimal::from(8), &[(HEADCOUNT_TAG, "H-HIGH")]);
/// actuals.push(day(4, 1), HEADS, Decimal::from(10), &[(HEADCOUNT_TAG, "H-HIGH")]);
/// let capacity = capacity_against_plan(&plan, &actuals, day(4, 30)).unwrap();
/// let high = capacity.line("H-HIGH").unwrap();
/// assert_eq!(high.heads, Some(Decimal::from(10)));
/// assert_eq!(high.heads_gap, Some(Decimal::ZERO));
/// // 99 ramped head-months of the year at 4,000,000 ÷ 12 each, held at 10 heads.
/// assert_eq!(high.forecast_capacity, Some(Decimal::from(33_000_000)));
/// assert_eq!(high.planned_capacity, Some(Decimal::from(33_250_000)));
/// // The core team has reported no heads: no data, not zero.
/// assert_eq!(capacity.line("H-CORE").unwrap().heads, None);
/// ```
pub fn capacity_against_plan(
    plan: &Plan,
    actuals: &Actuals,
    as_of: NaiveDate,
) -> Result<CapacityActuals> {
    let headcount = &plan.resources.headcount;
    let ids: Vec<&str> = headcount.iter().map(|h| h.id.as_str()).collect();
    let (rows, mut problems) = rows_by_line(actuals, HEADS, HEADCOUNT_TAG, &ids, "headcount lines");
    let (values, days) = (actuals.raw().values, actuals.raw().days);
    for &(row, _) in &rows {
        if values[row] < Decimal::ZERO {
            problems.push(RowProblem {
                row: row + 1,
                column: "value".to_owned(),
                message: format!("heads cannot be negative, found {}", values[row]),
            });
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.row);
        return Err(Error::Actuals { problems });
    }
    let months = Months::new(plan, as_of);
    // The latest observation of each line in each month: (date, value).
    let mut seen: Vec<Vec<Option<(NaiveDate, Decimal)>>> =
        vec![vec![None; months.reported]; headcount.len()];
    for (row, line) in rows {
        let date = date_of(days[row]);
        if date < plan.period.start || date > months.last_day {
            continue;
        }
        let Some(m) = months.index(date) else {
            continue;
        };
        let slot = &mut seen[line][m];
        if slot.is_none_or(|(earlier, _)| earlier <= date) {
            *slot = Some((date, values[row]));
        }
    }
    let lines = headcount
        .iter()
        .zip(seen)
        .map(|(h, seen)| {
            let actual: Vec<Option<Decimal>> = seen.into_iter().map(|s| s.map(|s| s.1)).collect();
            line_actuals(h, actual, &months)
        })
        .collect::<Result<Vec<_>>>()?;
    overall(plan, as_of, lines)
}

/// The plan's months as seen from `as_of`.
struct Months {
    /// The plan's calendar.
    calendar: Calendar,
    /// Every month of the plan period, in order.
    names: Vec<Period>,
    /// Position of each month in `names`.
    index: HashMap<Period, usize>,
    /// How many months are reported: up to the one holding `as_of`.
    reported: usize,
    /// The share of the last reported month elapsed by `as_of`.
    elapsed: Decimal,
    /// The last day counted: `as_of` or the plan end, when earlier.
    last_day: NaiveDate,
}

impl Months {
    fn new(plan: &Plan, as_of: NaiveDate) -> Months {
        let calendar = plan.calendar();
        let (start, end) = (plan.period.start, plan.period.end);
        let names = calendar.periods(start, end, Granularity::Month);
        let index = names.iter().enumerate().map(|(i, p)| (*p, i)).collect();
        let last_day = as_of.min(end);
        let days = |from: NaiveDate, to: NaiveDate| Decimal::from((to - from).num_days() + 1);
        let (reported, elapsed) = if last_day < start {
            (0, Decimal::ZERO)
        } else {
            let current = calendar.period_of(last_day, PeriodKind::Month);
            let from = calendar.start(current).max(start);
            let to = calendar.end(current).min(end);
            let at = names.iter().position(|p| *p == current).unwrap_or(0);
            (at + 1, days(from, last_day) / days(from, to))
        };
        Months {
            calendar,
            names,
            index,
            reported,
            elapsed,
            last_day,
        }
    }

    /// The position of the month holding `date`, among the reported ones.
    fn index(&self, date: NaiveDate) -> Option<usize> {
        let month = self.calendar.period_of(date, PeriodKind::Month);
        self.index
            .get(&month)
            .copied()
            .filter(|&m| m < self.reported)
    }
}

fn line_actuals(
    h: &Headcount,
    actual: Vec<Option<Decimal>>,
    months: &Months,
) -> Result<HeadcountActuals> {
    let planned = Decimal::from(h.heads);
    let latest = actual.iter().rev().find_map(|a| *a);
    let planned_capacity =
        headcount_capacity(h, u32::try_from(months.names.len()).unwrap_or(u32::MAX)).map(cents);
    let capacity = match (latest, h.quota) {
        (Some(_), Some(quota)) => {
            let (to_date, whole) = head_months(h, &actual, months).ok_or_else(|| overflow(h))?;
            let money = |head_months: Decimal| {
                quota
                    .checked_mul(head_months)
                    .map(|c| cents(c / Decimal::from(12)))
                    .ok_or_else(|| overflow(h))
            };
            Some((money(to_date)?, money(whole)?))
        }
        _ => None,
    };
    Ok(HeadcountActuals {
        id: h.id.clone(),
        role: h.role.clone(),
        planned,
        months: months.names[..months.reported]
            .iter()
            .zip(&actual)
            .map(|(p, a)| MonthHeads {
                period: p.to_string(),
                planned,
                actual: *a,
            })
            .collect(),
        heads: latest,
        heads_gap: latest
            .map(|l| planned.checked_sub(l).ok_or_else(|| overflow(h)))
            .transpose()?,
        capacity_to_date: capacity.map(|c| c.0),
        planned_capacity,
        forecast_capacity: capacity.map(|c| c.1),
    })
}

/// Ramped head-months from the plan start to `as_of` and over the whole
/// plan period, from the actual heads of the reported months (at least one
/// of which has data).
fn head_months(
    h: &Headcount,
    actual: &[Option<Decimal>],
    months: &Months,
) -> Option<(Decimal, Decimal)> {
    let first = actual.iter().find_map(|a| *a)?;
    let ramp = h.ramp_months;
    // Cohorts as (month they joined, heads); the fully ramped ones joined
    // `ramp` months before the plan start.
    let new = first.min(Decimal::from(h.new_hires));
    let mut cohorts: Vec<(i64, Decimal)> = vec![(-i64::from(ramp), first - new), (0, new)];
    let mut heads = first;
    let (mut to_date, mut whole) = (Decimal::ZERO, Decimal::ZERO);
    for m in 0..months.names.len() {
        let now = actual.get(m).copied().flatten().unwrap_or(heads);
        if now > heads {
            cohorts.push((m as i64, now.checked_sub(heads)?));
        } else {
            let mut leaving = heads.checked_sub(now)?;
            for (_, count) in cohorts.iter_mut().rev() {
                let gone = leaving.min(*count);
                *count -= gone;
                leaving -= gone;
            }
        }
        heads = now;
        let mut month = Decimal::ZERO;
        for &(joined, count) in &cohorts {
            let share = productivity(m as i64 - joined, ramp);
            month = month.checked_add(count.checked_mul(share)?)?;
        }
        whole = whole.checked_add(month)?;
        if m + 1 < months.reported {
            to_date = to_date.checked_add(month)?;
        } else if m + 1 == months.reported {
            to_date = to_date.checked_add(month.checked_mul(months.elapsed)?)?;
        }
    }
    Some((to_date, whole))
}

/// The share of a full month a head sells in its `k`-th month (from 0)
/// with a linear ramp over `ramp` months.
fn productivity(k: i64, ramp: u32) -> Decimal {
    let ramp = i64::from(ramp);
    if k >= ramp {
        Decimal::ONE
    } else {
        Decimal::from(2 * k + 1) / Decimal::from(2 * ramp)
    }
}

fn overall(plan: &Plan, as_of: NaiveDate, lines: Vec<HeadcountActuals>) -> Result<CapacityActuals> {
    let fail = || Error::Overflow {
        what: "capacity".to_owned(),
        message: "the headcount lines' total capacity is beyond a decimal".to_owned(),
    };
    let mut planned: Option<Decimal> = None;
    let mut forecast: Option<Decimal> = None;
    for l in &lines {
        if let Some(p) = l.planned_capacity {
            let f = if l.heads.is_some() {
                l.forecast_capacity.unwrap_or(p)
            } else {
                p
            };
            let add = |sum: Option<Decimal>, v: Decimal| sum.unwrap_or_default().checked_add(v);
            planned = Some(add(planned, p).ok_or_else(fail)?);
            forecast = Some(add(forecast, f).ok_or_else(fail)?);
        }
    }
    let target = plan
        .goals
        .iter()
        .find(|g| g.metric.as_deref() == Some("revenue") && g.segment.is_none())
        .and_then(|g| plan.goal_target(g));
    let coverage = match (forecast, target) {
        (Some(f), Some(t)) if !t.is_zero() => Some(places(f.checked_div(t).ok_or_else(fail)?, 4)),
        _ => None,
    };
    Ok(CapacityActuals {
        as_of,
        lines,
        planned_capacity: planned,
        forecast_capacity: forecast,
        target,
        coverage,
    })
}

fn overflow(h: &Headcount) -> Error {
    Error::Overflow {
        what: "capacity".to_owned(),
        message: format!("headcount line {} is beyond a decimal", h.id),
    }
}
