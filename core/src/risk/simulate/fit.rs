//! New business fitted from the actuals (see the module documentation of
//! [`simulate`](super)).

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::kernel::Arrivals;
use super::outcome::{decimal, invalid, too_large};
use super::NewBusinessFit;
use crate::actuals::{Actuals, Observation};
use crate::error::Result;
use crate::evaluate::Deal;
use crate::plan::{Goal, Plan};

/// What a simulation reads from the actuals, in one pass over them: the
/// goal's measure closed to date, and for each completed period the won
/// deals and the goal's measure, all within the goal's scope.
pub(super) struct History {
    /// The goal's measure from the plan's start to `as_of`.
    pub(super) closed: Decimal,
    won: Vec<Decimal>,
    amount: Vec<Decimal>,
}

impl History {
    /// Reads the actuals once. `periods` are the completed periods of the
    /// fit (none when new business is not fitted). Rows of other measures
    /// are passed over before anything else is looked at.
    pub(super) fn read(
        actuals: &Actuals,
        measure: &str,
        scope: &Scope<'_>,
        (start, as_of): (NaiveDate, NaiveDate),
        periods: &[(NaiveDate, NaiveDate)],
    ) -> Result<History> {
        let mut history = History {
            closed: Decimal::ZERO,
            won: vec![Decimal::ZERO; periods.len()],
            amount: vec![Decimal::ZERO; periods.len()],
        };
        let fitting = !periods.is_empty();
        // Periods in order and apart are searched by halves.
        let sorted = periods.windows(2).all(|w| w[0].1 < w[1].0);
        let period_of = |date: NaiveDate| {
            if sorted {
                let i = periods.partition_point(|p| p.1 < date);
                (i < periods.len() && periods[i].0 <= date).then_some(i)
            } else {
                periods.iter().position(|(s, e)| date >= *s && date <= *e)
            }
        };
        for o in actuals.iter() {
            let is_measure = o.measure == measure;
            let is_won = fitting && o.measure == "won_deals";
            if !(is_measure || is_won) || !scope.observation(&o) {
                continue;
            }
            if is_measure && o.date >= start && o.date <= as_of {
                history.closed = history.closed.checked_add(o.value).ok_or_else(too_large)?;
            }
            let Some(i) = period_of(o.date) else {
                continue;
            };
            let sum = if is_won {
                &mut history.won[i]
            } else {
                &mut history.amount[i]
            };
            *sum = sum.checked_add(o.value).ok_or_else(too_large)?;
        }
        Ok(history)
    }
}

impl Plan {
    /// Fits new-business arrivals from the periods completed by `as_of`
    /// (see the module documentation): `curve` is the goal's
    /// [phasing](Plan::phasing_curve), `history` read for its periods that
    /// end by `as_of`.
    pub(super) fn fit_arrivals(
        &self,
        goal: &Goal,
        curve: &[(NaiveDate, NaiveDate, f64)],
        history: &History,
        measure: &str,
        window: &Window,
    ) -> Result<(Arrivals, NewBusinessFit)> {
        let Window {
            as_of,
            from,
            end,
            offset,
            ..
        } = *window;
        let done: Vec<&(NaiveDate, NaiveDate, f64)> =
            curve.iter().filter(|(_, e, _)| *e <= as_of).collect();
        let (won, amount) = (&history.won, &history.amount);
        let won_total: Decimal = won.iter().sum();
        let amount_total: Decimal = amount.iter().sum();
        if won_total <= Decimal::ZERO || amount_total <= Decimal::ZERO {
            return Err(invalid(
                "new_business",
                format!(
                    "no won_deals and {measure}{} in the {} period(s) completed by {as_of} to fit new business from; pass new_business \"none\"",
                    goal.segment.as_ref().map(|s| format!(" tagged segment {s}")).unwrap_or_default(),
                    done.len()
                ),
            ));
        }
        let f = |d: Decimal| d.to_f64().unwrap_or(0.0);
        let weight_done: f64 = done.iter().map(|(_, _, w)| w).sum();
        let weight_left = weight_between(curve, from, end);
        let factor = window.factor.map_or(1.0, f);
        let run_rate = if weight_done > 0.0 {
            f(won_total) * weight_left / weight_done * factor
        } else {
            0.0
        };
        let mean = f(amount_total) * 100.0 / f(won_total);
        let (mut spread, mut months) = (0.0, 0u32);
        for (w, a) in won.iter().zip(amount) {
            if *w > Decimal::ZERO {
                let d = f(*a) * 100.0 / f(*w) - mean;
                spread += f(*w) * d * d;
                months += 1;
            }
        }
        let cv = if months >= 2 {
            (spread / f64::from(months - 1)).sqrt() / mean
        } else {
            0.0
        };
        let expected = (run_rate - f(offset) * 100.0 / mean).max(0.0);
        let sigma2 = libm::log1p(cv * cv);
        let arrivals = Arrivals {
            expected,
            mu: libm::log(mean) - sigma2 / 2.0,
            sigma: sigma2.sqrt(),
        };
        let fit = NewBusinessFit {
            from,
            periods: done.len() as u32,
            won_deals: won_total,
            mean_size: decimal(mean / 100.0, 2),
            size_cv: decimal(cv, 4),
            run_rate_deals: decimal(run_rate, 4),
            run_rate_amount: decimal(run_rate * mean / 100.0, 2),
            pipeline_offset: offset.round_dp(2),
            expected_deals: decimal(expected, 4),
            expected_amount: decimal(expected * mean / 100.0, 2),
            variance_share: Decimal::ZERO,
        };
        Ok((arrivals, fit))
    }

    /// The goal's phasing as (start, end, target) per period, the target in
    /// f64; an even curve when the goal has no target.
    pub(super) fn phasing_curve(&self, goal: &Goal) -> Result<Vec<(NaiveDate, NaiveDate, f64)>> {
        if self.goal_target(goal).is_some() {
            return Ok(self
                .phase_goal(goal)?
                .into_iter()
                .map(|p| (p.start, p.end, p.target.to_f64().unwrap_or(0.0)))
                .collect());
        }
        let cal = self.calendar();
        Ok(self
            .periods()
            .into_iter()
            .map(|p| {
                let (s, e) = (
                    cal.start(p).max(self.period.start),
                    cal.end(p).min(self.period.end),
                );
                (s, e, ((e - s).num_days() + 1) as f64)
            })
            .collect())
    }
}

/// What belongs to the goal: everything, or its segment (the `segment`
/// tag of observations and deals).
pub(super) struct Scope<'a> {
    pub(super) segment: Option<&'a str>,
}

impl Scope<'_> {
    pub(super) fn observation(&self, o: &Observation<'_>) -> bool {
        self.segment
            .is_none_or(|s| o.tags.iter().any(|(d, v)| *d == "segment" && *v == s))
    }

    pub(super) fn deal(&self, deal: &Deal) -> bool {
        self.segment
            .is_none_or(|s| deal.tags.get("segment").map(String::as_str) == Some(s))
    }
}

/// Where new business is fitted and simulated.
pub(super) struct Window {
    pub(super) as_of: NaiveDate,
    pub(super) from: NaiveDate,
    pub(super) end: NaiveDate,
    /// Weighted pipeline to take off the run rate.
    pub(super) offset: Decimal,
    /// Multiplies the run rate.
    pub(super) factor: Option<Decimal>,
}

/// The weight of the curve on the days after `from` up to `end`, each
/// period's weight spread evenly over its days.
fn weight_between(curve: &[(NaiveDate, NaiveDate, f64)], from: NaiveDate, end: NaiveDate) -> f64 {
    curve
        .iter()
        .map(|&(s, e, w)| {
            let lo = s.max(from.succ_opt().unwrap_or(from));
            let hi = e.min(end);
            if hi < lo {
                return 0.0;
            }
            let days = ((e - s).num_days() + 1) as f64;
            w * ((hi - lo).num_days() + 1) as f64 / days
        })
        .sum()
}
