//! The probability of reaching a goal's target, by Monte Carlo simulation.
//!
//! Each trial adds up, in whole cents:
//!
//! * **closed** — the goal's measure (within its segment) from the plan's
//!   start to `as_of`, exactly as in the actuals;
//! * **the open pipeline** — every deal expected to close after `as_of` and
//!   by the goal's deadline (the same deals as the evaluation's pipeline
//!   forecast) is won with its probability, independently of the others.
//!   A won deal brings its amount, or, when it gives `amount_low` and
//!   `amount_high`, a draw from the triangular distribution over that range
//!   with its mode at the amount;
//! * **new business** — deals not in the pipeline, closing after `as_of`
//!   (or `new_business_from`). Won deals arrive as a Poisson process that
//!   follows the goal's phasing curve. Its *run rate* is fitted from the
//!   periods completed by `as_of`: `Σ won_deals ÷ Σ phased target` per unit
//!   of target still to come. Deal sizes are lognormal with the history's
//!   mean size `Σ measure ÷ Σ won_deals` and a coefficient of variation
//!   from the spread of the periods' mean sizes (method of moments:
//!   `s² = Σ nᵢ (x̄ᵢ − x̄)² ÷ (k − 1)`, since a mean of `nᵢ` deals varies by
//!   `s² ÷ nᵢ`; none when fewer than two periods had deals). The history
//!   counts every won deal, including those that were once in the
//!   pipeline, so by default the open pipeline is taken to be part of the
//!   run rate: new business brings the run rate's expected amount less the
//!   weighted pipeline closing in the same window (never below zero).
//!   `net_of_pipeline: false` puts the pipeline on top instead.
//!
//! Draws are made in f64 and every amount is rounded to cents before it is
//! added, so outcomes, percentiles and the probability are exact over the
//! simulated trials and identical in every build for the same seed (see
//! `arithmetic` in the output). Percentiles are nearest-rank. For a small
//! pipeline without new business or amount ranges the exact probability is
//! computed as well.
//!
//! ## New business at high volume
//!
//! Below 1,000 expected new deals (`AGGREGATE_FROM`) a trial draws their
//! Poisson count (Knuth's product of uniforms, about one draw per deal)
//! and then every deal's size; the conformance cases expect a few hundred.
//! From 1,000 on, the cost of a trial does not grow with the count:
//!
//! * the deals above the size that 32 of them are expected to exceed are
//!   split off (a Poisson process thinned by size is two independent
//!   Poisson processes); their count is drawn exactly by Hörmann's
//!   transformed rejection (PTRS, about 2.3 draws per count at any mean)
//!   and each of them exactly from the lognormal beyond that size, rounded
//!   to cents;
//! * the count of the others is drawn by PTRS as well, and their sum at
//!   once from a shifted lognormal matched to the sum's exact mean,
//!   variance and third cumulant (those of the cut lognormal, in closed
//!   form, times the count), rounded to cents once.
//!
//! Only that sum is approximate. Against the exact distribution of the sum
//! (the n-fold convolution, computed numerically) the largest gap between
//! the distribution functions is below 6e-5 at 1,000 deals for a size cv
//! up to 1.36, below 2e-4 up to cv 10, and falls as the count grows (4.5e-6
//! at 20,000 deals, cv 1.36). Everything else in a trial is independent of
//! it, so the gap bounds the error it adds to the probability of reaching
//! the target and to any other probability reported; at 10,000 trials the
//! Monte Carlo standard error of a probability between 0.1 and 0.9 is 3e-3
//! to 5e-3. Rounding the sum once instead of each deal moves it by at most
//! half a cent per deal. The `aggregate` module (`aggregate.rs`) gives the
//! method and the figures in full; the output's `arithmetic` says when it
//! was used (the deal-by-deal wording is unchanged). A two-moment
//! (Fenton–Wilkinson) lognormal over all the deals was not used: it misses
//! the sum's skewness by cv³/√n and is off by 4.8e-3 at cv 1.36 and 1,000
//! deals.

mod aggregate;
mod arrivals;
mod exact;
mod fit;
mod kernel;
mod outcome;
mod poisson;
mod rng;

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use exact::EXACT_MAX_DEALS;

use crate::actuals::Actuals;
use crate::error::Result;
use crate::evaluate::Deal;
use crate::plan::dec::DecimalString;
use crate::plan::{Goal, Plan};
use aggregate::{AGGREGATE_FROM, TAIL_DEALS};
use fit::{History, Scope, Window};
use kernel::Model;
use outcome::{
    cents, decimal, histogram, invalid, mean_of, money, places, ranged, ratio, too_large,
    variance_shares, Open,
};
use rng::Fixed;

/// The most trials one simulation runs.
pub const MAX_TRIALS: u32 = 10_000_000;

/// The largest seed, so that it survives a JavaScript number (2⁵³ − 1).
pub const MAX_SEED: u64 = (1 << 53) - 1;

/// How to simulate. As JSON, every field but `as_of` may be left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulationOptions {
    /// The day of the simulation: actuals up to it are closed, deals after
    /// it are open.
    pub as_of: NaiveDate,
    /// The goal; by default the first revenue goal without a segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// The amount to reach; by default the goal's target.
    #[serde(
        default,
        with = "crate::plan::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub target: Option<Decimal>,
    /// Number of trials, 1 to [`MAX_TRIALS`].
    #[serde(default = "default_trials")]
    pub trials: u32,
    /// Seed of the random streams, 0 to [`MAX_SEED`].
    #[serde(default)]
    pub seed: u64,
    /// Whether deals not yet in the pipeline are simulated.
    #[serde(default)]
    pub new_business: NewBusiness,
    /// The day after which new business closes; by default `as_of`.
    /// A later day leaves the time between to the open pipeline alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_business_from: Option<NaiveDate>,
    /// Whether the open pipeline is part of the run rate (the default), so
    /// that new business only brings what the run rate expects beyond the
    /// weighted pipeline; off, the pipeline comes on top of the run rate.
    #[serde(default = "default_true")]
    pub net_of_pipeline: bool,
    /// Multiplies the fitted run rate, for what-if scenarios (`"1.1"` is
    /// 10% more new business); 1 by default.
    #[serde(
        default,
        with = "crate::plan::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub run_rate_factor: Option<Decimal>,
    /// Number of histogram bins, 1 to 1,000.
    #[serde(default = "default_bins")]
    pub bins: u32,
    /// How many deals to list by their share of the variance.
    #[serde(default = "default_drivers")]
    pub drivers: u32,
    /// Threads to run on; 0 means every available core. The result does
    /// not depend on it.
    #[serde(default)]
    pub threads: u32,
}

fn default_trials() -> u32 {
    10_000
}
fn default_true() -> bool {
    true
}
fn default_bins() -> u32 {
    20
}
fn default_drivers() -> u32 {
    10
}

impl SimulationOptions {
    /// 10,000 trials with seed 0 as of a date, new business fitted.
    pub fn as_of(as_of: NaiveDate) -> SimulationOptions {
        SimulationOptions {
            as_of,
            goal: None,
            target: None,
            trials: default_trials(),
            seed: 0,
            new_business: NewBusiness::Fit,
            new_business_from: None,
            net_of_pipeline: true,
            run_rate_factor: None,
            bins: default_bins(),
            drivers: default_drivers(),
            threads: 0,
        }
    }

    /// Reads options from JSON, with the path of any field that does not fit.
    ///
    /// # Errors
    /// [`Error::Document`](crate::error::Error::Document) for unknown
    /// fields and wrong types.
    pub fn from_value(value: &serde_json::Value) -> Result<SimulationOptions> {
        crate::plan::parse::deserialize(value)
    }
}

/// Whether to simulate new business.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NewBusiness {
    /// Fit an arrival rate and deal sizes from the actuals.
    #[default]
    Fit,
    /// The open pipeline is all there is.
    None,
}

/// The distribution of outcomes. Amounts are in the plan currency, rounded
/// to cents; see `arithmetic`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Simulation {
    /// The goal simulated.
    pub goal: String,
    /// The day of the simulation.
    pub as_of: NaiveDate,
    /// The last day that counts (the goal's deadline or the plan's end).
    pub end: NaiveDate,
    /// The amount to reach.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub target: Decimal,
    /// Trials run.
    pub trials: u32,
    /// The seed.
    pub seed: u64,
    /// How the numbers were made.
    pub arithmetic: String,
    /// Closed to date.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub closed: Decimal,
    /// The open pipeline that counts.
    pub pipeline: PipelineSummary,
    /// New business, when simulated.
    pub new_business: Option<NewBusinessFit>,
    /// Share of trials reaching the target (6 decimals).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub probability: Decimal,
    /// Standard error of that share, √(p(1−p)/n) (6 decimals).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub standard_error: Decimal,
    /// The exact probability (6 decimals), for a pipeline of at most
    /// [`EXACT_MAX_DEALS`] fixed-amount deals without new business.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub exact_probability: Option<Decimal>,
    /// Mean outcome.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub mean: Decimal,
    /// 10th percentile.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub p10: Decimal,
    /// Median.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub p50: Decimal,
    /// 90th percentile.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub p90: Decimal,
    /// Lowest outcome.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub min: Decimal,
    /// Highest outcome.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub max: Decimal,
    /// Mean shortfall below the target, counting trials that reach it as
    /// zero: E[max(target − outcome, 0)].
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub expected_shortfall: Decimal,
    /// Equal-width bins from the lowest to the highest outcome.
    pub histogram: Vec<Bin>,
    /// The deals with the largest share of the outcome's variance.
    pub drivers: Vec<Driver>,
}

/// The open pipeline as the simulation counts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PipelineSummary {
    /// Deals simulated.
    pub deals: u32,
    /// Σ amount × probability over them.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub weighted: Decimal,
    /// Deals left out because their expected close is on or before `as_of`.
    pub overdue: u32,
    /// Deals left out because they close after `end`.
    pub after_end: u32,
    /// Deals left out because they are outside the goal's segment.
    pub outside_goal: u32,
}

/// New business as fitted from the actuals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NewBusinessFit {
    /// New business closes after this day.
    pub from: NaiveDate,
    /// Completed periods the fit used.
    pub periods: u32,
    /// Won deals in them.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub won_deals: Decimal,
    /// Mean deal size.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub mean_size: Decimal,
    /// Coefficient of variation of deal size (4 decimals).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub size_cv: Decimal,
    /// What the run rate brings after `from`: deals won (4 decimals).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub run_rate_deals: Decimal,
    /// … and their amount.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub run_rate_amount: Decimal,
    /// The weighted pipeline closing after `from`, taken off the run rate
    /// (zero when `net_of_pipeline` is off).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub pipeline_offset: Decimal,
    /// Expected new deals simulated (4 decimals).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub expected_deals: Decimal,
    /// expected_deals × mean_size.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub expected_amount: Decimal,
    /// Share of the outcome's variance (4 decimals).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub variance_share: Decimal,
}

/// One histogram bin: outcomes in `[from, to)` (the last bin includes `to`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Bin {
    /// Lower edge.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub from: Decimal,
    /// Upper edge.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub to: Decimal,
    /// Trials in the bin.
    pub count: u32,
}

/// A deal and its share of the variance of the outcome. Deals are
/// independent, so each adds `p·E[A²] − (p·E[A])²` to the variance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Driver {
    /// The deal.
    pub deal: String,
    /// Its amount.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub amount: Decimal,
    /// Its win probability.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub probability: Decimal,
    /// Its expected contribution, p × E(A).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub expected: Decimal,
    /// Its standard deviation.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub std_dev: Decimal,
    /// Its share of the variance (4 decimals).
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub variance_share: Decimal,
}

impl Plan {
    /// Simulates the chance of reaching a goal's target: closed actuals to
    /// date, the open pipeline and new business (see the
    /// [module documentation](self)).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::error::Error::InvalidArgument) for
    /// options out of range, a goal that is unknown or has no target,
    /// `as_of` outside the plan, amounts too large for cents in 64 bits, or
    /// new business requested without won deals in the completed periods.
    pub fn simulate(
        &self,
        actuals: &Actuals,
        pipeline: &[Deal],
        options: &SimulationOptions,
    ) -> Result<Simulation> {
        check_options(options)?;
        crate::evaluate::check_deal_currencies(pipeline, &self.currency)?;
        let goal = self.simulated_goal(options.goal.as_deref())?;
        let target = match options.target {
            Some(t) => t,
            None => self.goal_target(goal).ok_or_else(|| {
                invalid(
                    "goal",
                    format!("goal {} has no target; pass a target", goal.id),
                )
            })?,
        };
        let end = goal
            .deadline
            .unwrap_or(self.period.end)
            .min(self.period.end);
        if options.as_of < self.period.start || options.as_of > end {
            return Err(invalid(
                "as_of",
                format!(
                    "{} is outside the plan ({} to {end})",
                    options.as_of, self.period.start
                ),
            ));
        }
        let measure = goal.metric.as_deref().ok_or_else(|| {
            invalid(
                "goal",
                format!("goal {} has no metric to simulate", goal.id),
            )
        })?;
        let scope = Scope {
            segment: goal.segment.as_ref().map(|s| s.as_str()),
        };

        // The goal's phasing and its periods completed by `as_of`, when
        // new business is fitted; one pass over the actuals reads what both
        // the closed amount and the fit need.
        let curve = match options.new_business {
            NewBusiness::Fit => Some(self.phasing_curve(goal)?),
            NewBusiness::None => None,
        };
        let done: Vec<(NaiveDate, NaiveDate)> = curve
            .iter()
            .flatten()
            .filter(|(_, e, _)| *e <= options.as_of)
            .map(|&(s, e, _)| (s, e))
            .collect();
        let history = History::read(
            actuals,
            measure,
            &scope,
            (self.period.start, options.as_of),
            &done,
        )?;
        let closed = history.closed;

        let (open, summary) = open_deals(pipeline, &scope, options.as_of, end)?;

        let mut model = build_model(closed, &open)?;

        let arrivals = match &curve {
            None => None,
            Some(curve) => {
                let from = options
                    .new_business_from
                    .unwrap_or(options.as_of)
                    .max(options.as_of);
                let offset: Decimal = if options.net_of_pipeline {
                    open.iter()
                        .filter(|d| d.deal.expected_close > from)
                        .filter_map(|d| d.deal.weighted())
                        .sum()
                } else {
                    Decimal::ZERO
                };
                let window = Window {
                    as_of: options.as_of,
                    from,
                    end,
                    offset,
                    factor: options.run_rate_factor,
                };
                Some(self.fit_arrivals(goal, curve, &history, measure, &window)?)
            }
        };
        model.arrivals = arrivals.as_ref().map(|(a, _)| *a);

        let threads = match options.threads {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            n => n as usize,
        };
        let mut outcomes = model.run(options.trials as usize, options.seed, threads);
        outcomes.sort_unstable();

        let target_cents = cents(target)?;
        let exact_probability = (arrivals.is_none()
            && model.ranged.is_empty()
            && open.len() <= EXACT_MAX_DEALS)
            .then(|| {
                let deals: Vec<(f64, i64)> = open.iter().map(|d| (d.p, d.cents)).collect();
                ratio(exact::probability(
                    cents(closed).unwrap_or(0),
                    &deals,
                    target_cents,
                ))
            });

        // Variance shares, analytically.
        let arrival_var = model.arrivals.map_or(0.0, |a| {
            a.expected * libm::exp(2.0 * a.mu + 2.0 * a.sigma * a.sigma)
        });
        let (drivers, arrival_share) =
            variance_shares(&open, arrival_var, options.drivers as usize);

        let n = outcomes.len();
        let reached = n - outcomes.partition_point(|&x| x < target_cents);
        let p = reached as f64 / n as f64;
        let sum: i128 = outcomes.iter().map(|&x| i128::from(x)).sum();
        let short: i128 = outcomes
            .iter()
            .map(|&x| i128::from(target_cents.saturating_sub(x).max(0)))
            .sum();
        let rank = |q: u32| outcomes[(n * q as usize).div_ceil(100).max(1) - 1];
        Ok(Simulation {
            goal: goal.id.to_string(),
            as_of: options.as_of,
            end,
            target: places(target, 2),
            trials: options.trials,
            seed: options.seed,
            arithmetic: arithmetic(&model),
            closed: places(closed, 2),
            pipeline: summary,
            new_business: arrivals.map(|(_, mut fit)| {
                fit.variance_share = arrival_share;
                fit
            }),
            probability: places(
                Decimal::from(reached as u64)
                    .checked_div(Decimal::from(n as u64))
                    .unwrap_or_default(),
                6,
            ),
            standard_error: decimal((p * (1.0 - p) / n as f64).sqrt(), 6),
            exact_probability,
            mean: mean_of(sum, n),
            p10: money(rank(10)),
            p50: money(rank(50)),
            p90: money(rank(90)),
            min: money(outcomes[0]),
            max: money(outcomes[n - 1]),
            expected_shortfall: mean_of(short, n),
            histogram: histogram(&outcomes, options.bins as usize),
            drivers,
        })
    }

    /// The goal named, or the first revenue goal without a segment, or
    /// the first revenue goal.
    fn simulated_goal(&self, id: Option<&str>) -> Result<&Goal> {
        let revenue = |g: &&Goal| g.metric.as_deref() == Some("revenue");
        match id {
            Some(id) => self
                .goal(id)
                .ok_or_else(|| invalid("goal", format!("the plan has no goal {id}"))),
            None => self
                .goals
                .iter()
                .filter(revenue)
                .find(|g| g.segment.is_none())
                .or_else(|| self.goals.iter().find(revenue))
                .ok_or_else(|| invalid("goal", "the plan has no revenue goal; name one".into())),
        }
    }
}

/// The deals that count — in the goal's scope, closing after `as_of` and
/// by `end` — and what was left out.
fn open_deals<'a>(
    pipeline: &'a [Deal],
    scope: &Scope<'_>,
    as_of: NaiveDate,
    end: NaiveDate,
) -> Result<(Vec<Open<'a>>, PipelineSummary)> {
    let mut summary = PipelineSummary {
        deals: 0,
        weighted: Decimal::ZERO,
        overdue: 0,
        after_end: 0,
        outside_goal: 0,
    };
    let mut open = Vec::new();
    for deal in pipeline {
        if !scope.deal(deal) {
            summary.outside_goal += 1;
        } else if deal.expected_close <= as_of {
            summary.overdue += 1;
        } else if deal.expected_close > end {
            summary.after_end += 1;
        } else {
            summary.deals += 1;
            summary.weighted += deal.weighted().ok_or_else(too_large)?;
            open.push(Open {
                deal,
                p: deal.probability.to_f64().unwrap_or(0.0),
                cents: cents(deal.amount)?,
                range: match (deal.amount_low, deal.amount_high) {
                    (Some(lo), Some(hi)) => Some((cents(lo)?, cents(hi)?)),
                    _ => None,
                },
            });
        }
    }
    summary.weighted = summary.weighted.round_dp(2);

    Ok((open, summary))
}

/// The trial model: closed plus certain deals as the base, then the fixed
/// and ranged deals.
fn build_model(closed: Decimal, open: &[Open<'_>]) -> Result<Model> {
    let mut model = Model {
        base: cents(closed)?,
        ..Model::default()
    };
    for d in open {
        let t = rng::threshold(d.p);
        match d.range {
            _ if t == 0 => {}
            None if t == 1 << 32 => {
                model.base = model.base.checked_add(d.cents).ok_or_else(too_large)?;
            }
            None => model.fixed.push(Fixed::new(d.p, d.cents)),
            Some((lo, hi)) => model.ranged.push(ranged(t, lo, d.cents, hi)),
        }
    }
    // The fixed deals are summed in f64, exact below 2⁵³ cents.
    let ceiling = open.iter().try_fold(model.base, |acc, d| {
        acc.checked_add(d.range.map_or(d.cents, |r| r.1))
    });
    if ceiling.is_none_or(|c| c >= 1 << 53) {
        return Err(too_large());
    }
    Ok(model)
}

/// How the numbers were made, as the output states it. Deal-by-deal new
/// business (and none) reads as it always has.
fn arithmetic(model: &Model) -> String {
    let exact = "f64 draws; every amount rounded to cents and summed exactly";
    match model.arrivals {
        Some(a) if model.aggregated() => format!(
            "{exact}; new business of {:.1} expected deals (at least {AGGREGATE_FROM}) \
             aggregated: Poisson counts drawn exactly (PTRS), the deals above the size \
             that {TAIL_DEALS} are expected to exceed drawn one by one, the sum of the \
             rest drawn from a shifted lognormal with its exact mean, variance and third \
             cumulant and rounded to cents once (Kolmogorov distance from the \
             deal-by-deal sum below 2e-4 for size cv up to 10)",
            a.expected
        ),
        _ => exact.into(),
    }
}

fn check_options(o: &SimulationOptions) -> Result<()> {
    if !(1..=MAX_TRIALS).contains(&o.trials) {
        return Err(invalid(
            "trials",
            format!("{} is not between 1 and {MAX_TRIALS}", o.trials),
        ));
    }
    if o.run_rate_factor
        .is_some_and(|f| f.is_sign_negative() || f > Decimal::from(100))
    {
        return Err(invalid("run_rate_factor", "not between 0 and 100".into()));
    }
    if o.seed > MAX_SEED {
        return Err(invalid("seed", format!("{} is above {MAX_SEED}", o.seed)));
    }
    if !(1..=1_000).contains(&o.bins) {
        return Err(invalid(
            "bins",
            format!("{} is not between 1 and 1000", o.bins),
        ));
    }
    if o.target.is_some_and(|t| t.is_sign_negative()) {
        return Err(invalid("target", "the target is negative".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
