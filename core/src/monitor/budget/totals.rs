//! The budget lines' spending summed by category, by strategy and overall.

use rust_decimal::Decimal;

use super::{places, status, BudgetLineBurn, BudgetTotals, BurnStatus, CategoryBurn, StrategyBurn};
use crate::error::{Error, Result};
use crate::plan::{BudgetCategory, StrategyId};

/// The totals by category and by strategy, in order of first appearance
/// (the lines tied to no strategy last), and overall; `started` when some
/// of the plan period has elapsed, so that burn rates exist.
pub(super) fn group(
    lines: &[BudgetLineBurn],
    started: bool,
) -> Result<(Vec<CategoryBurn>, Vec<StrategyBurn>, BudgetTotals)> {
    let mut categories: Vec<BudgetCategory> = Vec::new();
    let mut strategies: Vec<Option<StrategyId>> = Vec::new();
    for l in lines {
        if !categories.contains(&l.category) {
            categories.push(l.category);
        }
        if l.strategy.is_some() && !strategies.contains(&l.strategy) {
            strategies.push(l.strategy.clone());
        }
    }
    if lines.iter().any(|l| l.strategy.is_none()) {
        strategies.push(None);
    }
    let by_category = categories
        .into_iter()
        .map(|category| {
            let totals = totals(lines.iter().filter(|l| l.category == category), started)?;
            Ok(CategoryBurn { category, totals })
        })
        .collect::<Result<Vec<_>>>()?;
    let by_strategy = strategies
        .into_iter()
        .map(|strategy| {
            let totals = totals(lines.iter().filter(|l| l.strategy == strategy), started)?;
            Ok(StrategyBurn { strategy, totals })
        })
        .collect::<Result<Vec<_>>>()?;
    let total = totals(lines.iter(), started)?;
    Ok((by_category, by_strategy, total))
}

fn totals<'a>(
    lines: impl Iterator<Item = &'a BudgetLineBurn>,
    started: bool,
) -> Result<BudgetTotals> {
    let fail = || Error::Overflow {
        what: "budget totals".to_owned(),
        message: "the budget lines' totals are beyond a decimal".to_owned(),
    };
    let add = |a: Decimal, b: Decimal| a.checked_add(b).ok_or_else(fail);
    let zero = Decimal::ZERO;
    let mut t = BudgetTotals {
        amount: zero,
        spent: zero,
        expected: zero,
        variance: zero,
        burn: None,
        burn_rate: started.then_some(zero),
        forecast_at_completion: zero,
        overrun: zero,
        status: BurnStatus::OnPlan,
    };
    for l in lines {
        t.amount = add(t.amount, l.amount)?;
        t.spent = add(t.spent, l.spent)?;
        t.expected = add(t.expected, l.expected)?;
        t.variance = add(t.variance, l.variance)?;
        t.forecast_at_completion = add(t.forecast_at_completion, l.forecast_at_completion)?;
        t.overrun = add(t.overrun, l.overrun)?;
        if let (Some(sum), Some(r)) = (t.burn_rate, l.burn_rate) {
            t.burn_rate = Some(add(sum, r)?);
        }
    }
    if !t.expected.is_zero() {
        let ratio = t.spent.checked_div(t.expected).ok_or_else(fail)?;
        t.burn = Some(places(ratio, 4));
    }
    t.status = status(t.burn, t.spent);
    Ok(t)
}
