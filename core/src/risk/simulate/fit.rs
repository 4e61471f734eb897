//! New business fitted from the actuals (see the module documentation of
//! [`simulate`](super)).

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::arrivals::Arrivals;
use super::outcome::{decimal, invalid, too_large};
use super::NewBusinessFit;
use crate::actuals::{day_number, Actuals, ABSENT};
use crate::error::Result;
use crate::evaluate::Deal;
use crate::plan::{Goal, Plan};

/// What a simulation reads from the actuals, in one pass over them: the
/// goal's measure closed to date, and for each completed period the won
/// deals and the goal's measure, all within the goal's scope.
pub(super) struct History {
    /// The goal's measure from the plan's start to `as_of`.
    pub(super) closed: Decimal,
    /// Won deals per period.
    pub(super) won: Vec<Decimal>,
    /// The goal's measure per period.
    pub(super) amount: Vec<Decimal>,
}

impl History {
    /// Reads the actuals once, by column. `periods` are the completed
    /// periods of the fit (none when new business is not fitted). The
    /// measures and the scope's tags are looked up once as codes, and the
    /// bounds once as day numbers, so that each row costs a few integer
    /// comparisons before its value is added (exactly, in row order).
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
        // A tag or value that never occurs: no row is in scope.
        let Some(filter) = scope.filter(actuals) else {
            return Ok(history);
        };
        let fitting = !periods.is_empty();
        // A measure that never occurs has no code; ABSENT matches no row.
        let code = |name: &str| actuals.measure_code(name).unwrap_or(ABSENT);
        let measure_code = code(measure);
        let won_code = if fitting { code("won_deals") } else { ABSENT };
        if measure_code == ABSENT && won_code == ABSENT {
            return Ok(history);
        }
        let (start, as_of) = (day_number(start), day_number(as_of));
        let days: Vec<(i32, i32)> = periods
            .iter()
            .map(|&(s, e)| (day_number(s), day_number(e)))
            .collect();
        let period_of = PeriodOf::new(&days);
        let mut closed = Sum::default();
        let mut won = vec![Sum::default(); periods.len()];
        let mut amount = won.clone();
        let raw = actuals.raw();
        for (row, (&m, &day)) in raw.measures.iter().zip(raw.days).enumerate() {
            let is_measure = m == measure_code;
            let is_won = m == won_code;
            if !(is_measure || is_won) || !filter.iter().all(|&(codes, c)| codes[row] == c) {
                continue;
            }
            let value = raw.values[row];
            if is_measure && day >= start && day <= as_of {
                closed.add(value).ok_or_else(too_large)?;
            }
            let Some(i) = period_of.get(day) else {
                continue;
            };
            let sum = if is_won { &mut won[i] } else { &mut amount[i] };
            sum.add(value).ok_or_else(too_large)?;
        }
        history.closed = closed.value();
        history.won = won.iter().map(Sum::value).collect();
        history.amount = amount.iter().map(Sum::value).collect();
        Ok(history)
    }
}

/// A sum of decimals added one at a time, always equal — in value, scale
/// and sign — to what `Decimal::checked_add` gives step by step from zero.
/// While the sum is not zero it is kept as a mantissa and a scale, and a
/// value of the same scale whose addition leaves it neither zero nor
/// beyond 96 bits is added as an integer: `checked_add` adds such values
/// exactly at their common scale. Everything else (another scale, a sum
/// of zero with its sign and scale, a sum beyond 96 bits that `checked_add`
/// rounds or refuses) goes through `checked_add` itself.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Sum {
    /// The mantissa of a sum that is not zero; 0 while the sum is `zero`.
    units: i128,
    /// The scale of `units`.
    scale: u32,
    /// The sum when it is zero (of some sign and scale).
    zero: Decimal,
}

impl Sum {
    /// Adds `value`; `None` when `checked_add` would overflow (the sum is
    /// then unchanged).
    #[inline(always)]
    pub(super) fn add(&mut self, value: Decimal) -> Option<()> {
        if self.units != 0 && value.scale() == self.scale {
            // Both below 2⁹⁶ in magnitude: the i128 cannot overflow.
            let units = self.units + value.mantissa();
            if units != 0 && units.unsigned_abs() < 1 << 96 {
                self.units = units;
                return Some(());
            }
        }
        self.add_decimal(value)
    }

    /// Adds `value` with `checked_add`.
    #[cold]
    #[inline(never)]
    fn add_decimal(&mut self, value: Decimal) -> Option<()> {
        let sum = self.value().checked_add(value)?;
        if sum.is_zero() {
            self.units = 0;
            self.zero = sum;
        } else {
            self.units = sum.mantissa();
            self.scale = sum.scale();
        }
        Some(())
    }

    /// The sum as a decimal.
    pub(super) fn value(&self) -> Decimal {
        if self.units == 0 {
            self.zero
        } else {
            Decimal::from_i128_with_scale(self.units, self.scale)
        }
    }
}

/// The period of a day number: the first period (start, end) that holds
/// it, looked up in a table by day when the periods span few enough days.
struct PeriodOf<'a> {
    periods: &'a [(i32, i32)],
    /// Whether the periods are in order and apart, to be searched by halves.
    sorted: bool,
    /// The first day of the table.
    first: i32,
    /// The period of each day from `first` on; `NO_PERIOD` for none.
    table: Vec<u32>,
}

const NO_PERIOD: u32 = u32::MAX;

/// The most days a table of periods covers (about 180 years).
const TABLE_DAYS: i64 = 1 << 16;

impl<'a> PeriodOf<'a> {
    fn new(periods: &'a [(i32, i32)]) -> PeriodOf<'a> {
        let mut of = PeriodOf {
            periods,
            sorted: periods.windows(2).all(|w| w[0].1 < w[1].0),
            first: 0,
            table: Vec::new(),
        };
        let first = periods.iter().map(|p| p.0).min();
        let last = periods.iter().map(|p| p.1).max();
        if let (Some(first), Some(last)) = (first, last) {
            let span = i64::from(last) - i64::from(first) + 1;
            if (1..=TABLE_DAYS).contains(&span) {
                of.first = first;
                of.table = (first..=last)
                    .map(|d| of.search(d).map_or(NO_PERIOD, |i| i as u32))
                    .collect();
            }
        }
        of
    }

    fn get(&self, day: i32) -> Option<usize> {
        if self.table.is_empty() {
            return self.search(day);
        }
        let at = usize::try_from(i64::from(day) - i64::from(self.first)).ok()?;
        match *self.table.get(at)? {
            NO_PERIOD => None,
            i => Some(i as usize),
        }
    }

    fn search(&self, day: i32) -> Option<usize> {
        let periods = self.periods;
        if self.sorted {
            let i = periods.partition_point(|p| p.1 < day);
            (i < periods.len() && periods[i].0 <= day).then_some(i)
        } else {
            periods.iter().position(|&(s, e)| day >= s && day <= e)
        }
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
    /// The scope as (codes by row, the code a row must have) per tag of
    /// the actuals; `None` when a tag or value never occurs, so that no
    /// row is in scope.
    pub(super) fn filter<'a>(&self, actuals: &'a Actuals) -> Option<Vec<(&'a [u32], u32)>> {
        match self.segment {
            None => Some(Vec::new()),
            Some(s) => {
                let (codes, _) = actuals.dimension("segment")?;
                Some(vec![(codes, actuals.tag_code("segment", s)?)])
            }
        }
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
