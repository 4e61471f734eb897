//! Strategy effects, assumed against realised.
//!
//! A strategy states effects as `{kpi, change}` in the KPI's unit over the
//! plan period (`+0.03` of conversion, `+3,000万元` of revenue). Its
//! realised effect is read from the company's per-period KPI values:
//!
//! * the **before** window is the last [`BEFORE_PERIODS`] plan periods that
//!   end before the period holding the strategy's start;
//! * the **after** window is every plan period that starts on or after the
//!   strategy's start, ends by `as_of` (complete periods only) and starts
//!   by the strategy's end. The period holding the start, when the start is
//!   not its first day, is in neither: it is the changeover;
//! * each window's value is the mean of the periods' values that exist;
//! * the realised change is `after − before` for a KPI that is not a sum;
//!   for a sum (`sum(revenue)`) it is the change per period times the
//!   periods the strategy runs within the plan (from its start, or the
//!   first after-window period, to its end or the plan's), so that it is
//!   comparable with a change stated over the plan period;
//! * the realised share is realised ÷ assumed (1 is the effect in full;
//!   negative when the KPI moved the other way).
//!
//! An effect with no start date, no complete period on either side, or no
//! value in a window is reported as not measurable, with the reason. Money
//! is rounded to cents, other values and shares to four places.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::evaluate::{is_additive, Evaluation};
use crate::formula::Formula;
use crate::plan::{Effect, KpiUnit, Plan, Strategy};
pub use crate::tracking::strategy::{EffectCheck, StrategyEffects};

/// Plan periods in the before window, at most.
pub const BEFORE_PERIODS: usize = 3;

/// The effects of every strategy that states any, in plan order, against
/// an evaluation's per-period company values.
pub fn strategy_effects(plan: &Plan, evaluation: &Evaluation) -> Vec<StrategyEffects> {
    let calendar = plan.calendar();
    let periods: Vec<(String, NaiveDate, NaiveDate)> = plan
        .periods()
        .into_iter()
        .map(|p| (calendar.name(p), calendar.start(p), calendar.end(p)))
        .collect();
    plan.strategies
        .iter()
        .filter(|s| !s.effects.is_empty())
        .map(|s| {
            let effects: Vec<EffectCheck> = s
                .effects
                .iter()
                .map(|e| check(plan, evaluation, &periods, s, e))
                .collect();
            let realised = effects.iter().filter_map(|e| e.realised_share).min();
            StrategyEffects {
                strategy: s.id.clone(),
                name: s.name.clone(),
                start: s.start,
                effects,
                realised,
            }
        })
        .collect()
}

fn check(
    plan: &Plan,
    evaluation: &Evaluation,
    periods: &[(String, NaiveDate, NaiveDate)],
    s: &Strategy,
    e: &Effect,
) -> EffectCheck {
    let mut out = EffectCheck {
        kpi: e.kpi.clone(),
        assumed: e.change,
        before_periods: Vec::new(),
        after_periods: Vec::new(),
        before: None,
        after: None,
        realised: None,
        realised_share: None,
        unmeasurable: None,
    };
    let Some(start) = s.start else {
        out.unmeasurable = Some("the strategy has no start date".into());
        return out;
    };
    let end = s.end.unwrap_or(plan.period.end);
    let as_of = evaluation.as_of;
    let before: Vec<&(String, NaiveDate, NaiveDate)> = periods
        .iter()
        .filter(|p| p.2 < start && p.2 <= as_of)
        .collect();
    let before = &before[before.len().saturating_sub(BEFORE_PERIODS)..];
    let after: Vec<&(String, NaiveDate, NaiveDate)> = periods
        .iter()
        .filter(|p| p.1 >= start && p.1 <= end && p.2 <= as_of)
        .collect();
    out.before_periods = before.iter().map(|p| p.0.clone()).collect();
    out.after_periods = after.iter().map(|p| p.0.clone()).collect();
    let Some(result) = evaluation.kpi(e.kpi.as_str()) else {
        out.unmeasurable = Some("the evaluation has no result for the KPI".into());
        return out;
    };
    let mean = |window: &[&(String, NaiveDate, NaiveDate)]| {
        let values: Vec<Decimal> = window
            .iter()
            .filter_map(|p| result.periods.iter().find(|r| r.period == p.0)?.actual)
            .collect();
        let n = Decimal::from(values.len());
        let sum = values
            .iter()
            .try_fold(Decimal::ZERO, |a, v| a.checked_add(*v))?;
        (!values.is_empty()).then(|| sum / n)
    };
    let kpi = plan.kpi(e.kpi.as_str());
    let places = match kpi.map(|k| k.unit) {
        Some(KpiUnit::Money) => 2,
        _ => 4,
    };
    let round =
        |d: Decimal| d.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    let (before_mean, after_mean) = (mean(before), mean(&after));
    out.before = before_mean.map(round);
    out.after = after_mean.map(round);
    if before.is_empty() {
        out.unmeasurable = Some("no complete plan period before the strategy's start".into());
        return out;
    }
    if after.is_empty() {
        out.unmeasurable = Some("no complete plan period since the strategy's start".into());
        return out;
    }
    let (Some(b), Some(a)) = (before_mean, after_mean) else {
        out.unmeasurable = Some("no KPI value in the before or after window".into());
        return out;
    };
    let additive = kpi
        .and_then(|k| Formula::parse(&k.formula).ok())
        .is_some_and(|f| is_additive(&f));
    let running = periods
        .iter()
        .filter(|p| p.1 >= start && p.1 <= end)
        .count();
    let realised = match a.checked_sub(b) {
        Some(change) if additive => change.checked_mul(Decimal::from(running)),
        change => change,
    };
    let Some(realised) = realised else {
        out.unmeasurable = Some("the change is beyond what a decimal holds".into());
        return out;
    };
    out.realised = Some(round(realised));
    out.realised_share = realised
        .checked_div(e.change)
        .map(|s| s.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero));
    out
}
