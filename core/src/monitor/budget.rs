//! Budget burn: what each budget line has spent by a date against what its
//! phasing expected by then, and where its spending is heading.
//!
//! Spend comes from [`Actuals`] rows of measure [`SPEND`], each tagged
//! [`BUDGET_LINE_TAG`]`=<budget line id>`; other measures are ignored.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::actuals::{day_number, Actuals};
use crate::error::{Error, Result};
use crate::plan::{BudgetLine, Plan};

mod rows;
#[cfg(test)]
mod tests;
mod totals;

pub use crate::tracking::budget::{
    BudgetBurn, BudgetLineBurn, BudgetTotals, BurnStatus, CategoryBurn, StrategyBurn,
    BURN_TOLERANCE,
};
pub(super) use rows::rows_by_line;

/// The measure of spend rows: money spent on the row's date.
pub const SPEND: &str = "spend";

/// The tag that names a spend row's budget line.
pub const BUDGET_LINE_TAG: &str = "budget_line";

/// Compares every budget line's spend with its phasing as of `as_of`.
///
/// * `spent` sums the line's spend rows dated from the plan start to
///   `as_of` (or the plan end, when earlier), both inclusive.
/// * `expected` follows the line's `phasing`: each period of the plan (at
///   its granularity, cut to the plan period) that ends by `as_of` counts
///   its whole share of the amount; the period holding `as_of` counts its
///   share pro rata by its days up to and including `as_of`; later periods
///   count nothing. A line without phasing is spread evenly over the days
///   of the plan period. Shares named by periods that are not the plan's
///   never come due (validation reports them).
/// * `burn_rate` is spent ÷ the days of the plan period up to `as_of`.
/// * `forecast_at_completion` is spent plus what the phasing still plans
///   after `as_of`, scaled by the burn ratio (clamped at zero): a line
///   spending 20% over its phasing keeps doing so to the end. When nothing
///   was expected yet, what is still planned is added unscaled, so money
///   spent ahead of the phasing counts on top of the whole amount.
/// * `overrun` is the forecast above the amount, or zero.
/// * `status` compares the burn with [`BURN_TOLERANCE`].
///
/// Money is rounded to cents (half to even) line by line, and each line's
/// derived values come from its rounded `spent` and `expected`; the totals
/// by category, by strategy and overall are sums of the rounded line
/// values, and their burn is their spent ÷ their expected.
///
/// # Errors
/// [`Error::Actuals`] listing every spend row (numbered from 1 in the order
/// of `actuals`, column `budget_line`) whose tag is missing or names no
/// budget line of the plan; [`Error::Overflow`] when a sum or product is
/// beyond a decimal. Nothing is returned in part.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// use salesplan::actuals::Actuals;
/// use salesplan::monitor::budget::{budget_burn, BurnStatus, BUDGET_LINE_TAG, SPEND};
///
/// let plan = salesplan::example_plan();
/// let mut actuals = Actuals::new();
/// // B-PROMO plans 20% of 5,000,000 in each of April, May and June.
/// let june = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let spent = Decimal::from(3_600_000);
/// actuals.push(june, SPEND, spent, &[(BUDGET_LINE_TAG, "B-PROMO")]);
/// let burn = budget_burn(&plan, &actuals, june).unwrap();
/// let promo = burn.line("B-PROMO").unwrap();
/// assert_eq!(promo.expected, Decimal::from(3_000_000));
/// assert_eq!(promo.burn, Some(Decimal::new(12, 1)));
/// assert_eq!(promo.overrun, Decimal::from(1_000_000));
/// assert_eq!(promo.status, BurnStatus::Over);
/// ```
pub fn budget_burn(plan: &Plan, actuals: &Actuals, as_of: NaiveDate) -> Result<BudgetBurn> {
    let budget = &plan.resources.budget;
    let ids: Vec<&str> = budget.iter().map(|l| l.id.as_str()).collect();
    let (rows, problems) = rows_by_line(actuals, SPEND, BUDGET_LINE_TAG, &ids, "budget lines");
    if !problems.is_empty() {
        return Err(Error::Actuals { problems });
    }
    let clock = Clock::new(plan, as_of);
    let values = actuals.raw().values;
    let days = actuals.raw().days;
    let mut spent = vec![Decimal::ZERO; budget.len()];
    for (row, line) in rows {
        if clock.counts(days[row]) {
            spent[line] = spent[line]
                .checked_add(values[row])
                .ok_or_else(|| overflow("sum(spend)", &budget[line]))?;
        }
    }
    let lines = budget
        .iter()
        .zip(spent)
        .map(|(line, spent)| line_burn(line, spent, &clock))
        .collect::<Result<Vec<_>>>()?;
    let (by_category, by_strategy, total) = totals::group(&lines, !clock.elapsed.is_zero())?;
    Ok(BudgetBurn {
        as_of,
        lines,
        by_category,
        by_strategy,
        total,
    })
}

/// The plan period's days and periods as seen from `as_of`.
struct Clock {
    /// First and last day counted (day numbers); `last < first` before
    /// the plan starts.
    first: i32,
    last: i32,
    /// Days of the plan period.
    days: Decimal,
    /// Days of the plan period up to and including `as_of`.
    elapsed: Decimal,
    /// Each plan period's name, its days within the plan period and its
    /// days up to and including `as_of`.
    periods: BTreeMap<String, (Decimal, Decimal)>,
}

impl Clock {
    fn new(plan: &Plan, as_of: NaiveDate) -> Clock {
        let (start, end) = (plan.period.start, plan.period.end);
        let calendar = plan.calendar();
        let span = |from: NaiveDate, to: NaiveDate| {
            Decimal::from((to - from).num_days().saturating_add(1).max(0))
        };
        let upto = as_of.min(end);
        let periods = plan
            .periods()
            .into_iter()
            .map(|p| {
                let from = calendar.start(p).max(start);
                let to = calendar.end(p).min(end);
                (p.to_string(), (span(from, to), span(from, to.min(upto))))
            })
            .collect();
        Clock {
            first: day_number(start),
            last: day_number(upto),
            days: span(start, end),
            elapsed: span(start, upto),
            periods,
        }
    }

    /// Whether a row on this day number counts.
    fn counts(&self, day: i32) -> bool {
        self.first <= day && day <= self.last
    }
}

/// `amount × part ÷ whole`, zero when `whole` is zero.
fn pro_rata(amount: Decimal, part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() || part.is_zero() {
        return Some(Decimal::ZERO);
    }
    if part == whole {
        return Some(amount);
    }
    amount.checked_mul(part)?.checked_div(whole)
}

/// What the line expects spent by `as_of` and over the whole plan period.
fn phased(line: &BudgetLine, clock: &Clock) -> Option<(Decimal, Decimal)> {
    if line.phasing.is_empty() {
        let expected = pro_rata(line.amount, clock.elapsed, clock.days)?;
        return Some((expected, line.amount));
    }
    let (mut expected, mut planned) = (Decimal::ZERO, Decimal::ZERO);
    for (period, share) in &line.phasing {
        let Some(&(days, elapsed)) = clock.periods.get(period) else {
            continue;
        };
        let part = line.amount.checked_mul(*share)?;
        planned = planned.checked_add(part)?;
        expected = expected.checked_add(pro_rata(part, elapsed, days)?)?;
    }
    Some((expected, planned))
}

fn line_burn(line: &BudgetLine, spent: Decimal, clock: &Clock) -> Result<BudgetLineBurn> {
    let (expected, planned) = phased(line, clock).ok_or_else(|| overflow("phasing", line))?;
    let fail = || overflow("burn", line);
    let (spent, expected, planned) = (cents(spent), cents(expected), cents(planned));
    let variance = spent.checked_sub(expected).ok_or_else(fail)?;
    let ratio = if expected.is_zero() {
        None
    } else {
        Some(spent.checked_div(expected).ok_or_else(fail)?)
    };
    let still_planned = planned.checked_sub(expected).ok_or_else(fail)?;
    let scale = ratio.map_or(Decimal::ONE, |r| r.max(Decimal::ZERO));
    let forecast = still_planned
        .checked_mul(scale)
        .and_then(|rest| spent.checked_add(rest))
        .ok_or_else(fail)?;
    let forecast = cents(forecast);
    let overrun = forecast
        .checked_sub(line.amount)
        .ok_or_else(fail)?
        .max(Decimal::ZERO);
    let overrun = cents(overrun);
    let burn = ratio.map(|r| places(r, 4));
    Ok(BudgetLineBurn {
        id: line.id.clone(),
        name: line.name.clone(),
        category: line.category,
        strategy: line.strategy.clone(),
        amount: line.amount,
        spent,
        expected,
        variance,
        burn,
        burn_rate: rate(spent, clock),
        forecast_at_completion: forecast,
        overrun,
        status: status(burn, spent),
    })
}

/// Spent per elapsed day, to the cent.
fn rate(spent: Decimal, clock: &Clock) -> Option<Decimal> {
    if clock.elapsed.is_zero() {
        return None;
    }
    spent.checked_div(clock.elapsed).map(cents)
}

pub(super) fn status(burn: Option<Decimal>, spent: Decimal) -> BurnStatus {
    let (low, high) = (Decimal::ONE - BURN_TOLERANCE, Decimal::ONE + BURN_TOLERANCE);
    match burn {
        Some(b) if b > high => BurnStatus::Over,
        Some(b) if b < low => BurnStatus::Under,
        Some(_) => BurnStatus::OnPlan,
        None if spent > Decimal::ZERO => BurnStatus::Over,
        None if spent < Decimal::ZERO => BurnStatus::Under,
        None => BurnStatus::OnPlan,
    }
}

/// Rounded (half to even) and written to `dp` places.
pub(super) fn places(value: Decimal, dp: u32) -> Decimal {
    let mut d = value.round_dp(dp);
    d.rescale(dp);
    d
}

/// Money to the cent, written with two places.
pub(super) fn cents(value: Decimal) -> Decimal {
    places(value, 2)
}

fn overflow(what: &str, line: &BudgetLine) -> Error {
    Error::Overflow {
        what: what.to_owned(),
        message: format!("budget line {} is beyond a decimal", line.id),
    }
}
