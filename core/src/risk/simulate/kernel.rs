//! The trial loop: every trial's outcome in whole cents.
//!
//! Trials run in groups of [`LANES`], one random stream per lane, and each
//! group's streams are seeded from the seed and the group number alone. A
//! group therefore gives the same outcomes on any thread, and the result
//! does not depend on how many threads ran.
//!
//! Open deals with a fixed amount — the bulk of the work — are a 32-bit
//! threshold compare and a masked integer add per lane, which the compiler
//! vectorises. Deals with an amount range and new business follow, lane by
//! lane: new business deal by deal when fewer than [`AGGREGATE_FROM`]
//! deals are expected, otherwise in a few aggregated steps
//! ([`aggregate`](super::aggregate)). Which of the two is fixed by the
//! model, so every lane and every group makes the same choice.

use super::aggregate::{Aggregate, AGGREGATE_FROM};
use super::arrivals::Arrivals;
use super::rng::{unit, Fixed, Lanes, LANES};

/// A deal whose amount, when won, is triangular over `[low, high]` with
/// its mode at the quoted amount (all in cents).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ranged {
    pub(crate) threshold: u64,
    pub(crate) low: f64,
    pub(crate) mode: f64,
    pub(crate) high: f64,
}

impl Ranged {
    /// The amount at quantile `u` of the triangular distribution.
    fn amount(&self, u: f64) -> f64 {
        let Ranged {
            low, mode, high, ..
        } = *self;
        let width = high - low;
        if width <= 0.0 {
            return mode;
        }
        if u * width < mode - low {
            low + (u * width * (mode - low)).sqrt()
        } else {
            high - ((1.0 - u) * width * (high - mode)).sqrt()
        }
    }
}

/// What one trial adds up.
#[derive(Debug, Clone, Default)]
pub(crate) struct Model {
    /// Closed to date plus deals that are certain, in cents.
    pub(crate) base: i64,
    pub(crate) fixed: Vec<Fixed>,
    pub(crate) ranged: Vec<Ranged>,
    pub(crate) arrivals: Option<Arrivals>,
}

/// How a trial's new business is drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NewDeals {
    /// A Poisson count of deals, each drawn and rounded.
    OneByOne(Arrivals),
    /// Counts, the largest deals and the sum of the rest (see
    /// [`aggregate`](super::aggregate)).
    Aggregated(Aggregate),
}

impl NewDeals {
    /// Aggregated from [`AGGREGATE_FROM`] expected deals on.
    pub(crate) fn new(arrivals: Arrivals) -> NewDeals {
        if arrivals.expected >= AGGREGATE_FROM {
            NewDeals::Aggregated(Aggregate::new(&arrivals))
        } else {
            NewDeals::OneByOne(arrivals)
        }
    }

    /// One trial's new business, in cents.
    pub(crate) fn draw(&self, next: &mut dyn FnMut() -> u32) -> i64 {
        match self {
            NewDeals::OneByOne(a) => a.one_by_one(next),
            NewDeals::Aggregated(a) => a.draw(next),
        }
    }
}

impl Model {
    /// Whether new business is aggregated (see [`NewDeals`]).
    pub(crate) fn aggregated(&self) -> bool {
        self.arrivals.is_some_and(|a| a.expected >= AGGREGATE_FROM)
    }

    /// Outcomes of `trials` trials, in trial order.
    pub(crate) fn run(&self, trials: usize, seed: u64, threads: usize) -> Vec<i64> {
        let mut out = vec![0i64; trials];
        let groups = trials.div_ceil(LANES);
        let threads = threads.clamp(1, groups.max(1));
        let new_deals = self.arrivals.map(NewDeals::new);
        let new_deals = new_deals.as_ref();
        if threads == 1 {
            self.run_groups(0, &mut out, seed, new_deals);
            return out;
        }
        let per_thread = groups.div_ceil(threads) * LANES;
        // Where threads cannot be spawned (WebAssembly without threads),
        // the chunks a thread should have run are run here afterwards.
        let mut unspawned = Vec::new();
        std::thread::scope(|scope| {
            for (i, chunk) in out.chunks_mut(per_thread).enumerate() {
                let first = (i * per_thread / LANES) as u64;
                let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                    self.run_groups(first, chunk, seed, new_deals)
                });
                if spawned.is_err() {
                    unspawned.push(i);
                }
            }
        });
        for i in unspawned {
            if let Some(chunk) = out.chunks_mut(per_thread).nth(i) {
                self.run_groups((i * per_thread / LANES) as u64, chunk, seed, new_deals);
            }
        }
        out
    }

    /// Fills `out` with the trials of consecutive groups from `first`.
    fn run_groups(&self, first: u64, out: &mut [i64], seed: u64, new_deals: Option<&NewDeals>) {
        for (g, chunk) in out.chunks_mut(LANES).enumerate() {
            let mut lanes = Lanes::for_group(seed, first + g as u64);
            let totals = self.group(&mut lanes, new_deals);
            chunk.copy_from_slice(&totals[..chunk.len()]);
        }
    }

    /// One group of [`LANES`] trials.
    fn group(&self, lanes: &mut Lanes, new_deals: Option<&NewDeals>) -> [i64; LANES] {
        let mut acc = lanes.fixed_deals(self.base as f64, &self.fixed);
        for deal in &self.ranged {
            let won = lanes.next();
            let size = lanes.next();
            for l in 0..LANES {
                if u64::from(won[l]) < deal.threshold {
                    acc[l] = acc[l].saturating_add(deal.amount(unit(size[l])).round() as i64);
                }
            }
        }
        if let Some(new_deals) = new_deals {
            for (l, total) in acc.iter_mut().enumerate() {
                *total = total.saturating_add(new_deals.draw(&mut || lanes.next_in(l)));
            }
        }
        acc
    }
}

#[cfg(test)]
mod tests {
    use super::super::rng::threshold;
    use super::*;

    fn model() -> Model {
        Model {
            base: 1_000,
            fixed: (1..=50)
                .map(|i| Fixed::new(f64::from(i) / 60.0, i64::from(i) * 100))
                .collect(),
            ranged: vec![Ranged {
                threshold: threshold(0.5),
                low: 100.0,
                mode: 200.0,
                high: 400.0,
            }],
            arrivals: Some(Arrivals {
                expected: 40.0,
                mu: 4.0,
                sigma: 0.5,
            }),
        }
    }

    #[test]
    fn results_do_not_depend_on_threads() {
        for expected in [40.0, 5_000.0] {
            let mut m = model();
            m.arrivals = Some(Arrivals {
                expected,
                ..m.arrivals.unwrap()
            });
            assert_eq!(m.aggregated(), expected >= AGGREGATE_FROM);
            let one = m.run(1_001, 9, 1);
            assert_eq!(one, m.run(1_001, 9, 2));
            assert_eq!(one, m.run(1_001, 9, 7));
            assert_ne!(one, m.run(1_001, 10, 1));
            // A longer run starts with the same trials.
            assert_eq!(one[..1_000], m.run(2_000, 9, 3)[..1_000]);
        }
    }

    #[test]
    fn the_mean_matches_the_model() {
        for expected in [40.0, 5_000.0] {
            let mut m = model();
            m.arrivals = Some(Arrivals {
                expected,
                ..m.arrivals.unwrap()
            });
            let trials = 40_000;
            let out = m.run(trials, 5, 2);
            let mean = out.iter().map(|&c| c as f64).sum::<f64>() / trials as f64;
            let fixed: f64 = (1..=50)
                .map(|i| f64::from(i) / 60.0 * f64::from(i) * 100.0)
                .sum();
            let ranged = 0.5 * (100.0 + 200.0 + 400.0) / 3.0;
            let arrivals = expected * (4.0f64 + 0.125).exp();
            let expected = 1_000.0 + fixed + ranged + arrivals;
            assert!(
                (mean / expected - 1.0).abs() < 0.005,
                "{mean} vs {expected}"
            );
        }
    }

    /// The two-sample Kolmogorov–Smirnov statistic of two sorted samples:
    /// the largest gap between their empirical distribution functions.
    fn ks(a: &[i64], b: &[i64]) -> f64 {
        let (n, m) = (a.len() as f64, b.len() as f64);
        let (mut i, mut j, mut gap) = (0, 0, 0.0f64);
        while i < a.len() && j < b.len() {
            let x = a[i].min(b[j]);
            while i < a.len() && a[i] == x {
                i += 1;
            }
            while j < b.len() && b[j] == x {
                j += 1;
            }
            gap = gap.max((i as f64 / n - j as f64 / m).abs());
        }
        gap
    }

    /// Mean and variance of a sample.
    fn moments(s: &[i64]) -> (f64, f64) {
        let n = s.len() as f64;
        let mean = s.iter().map(|&x| x as f64).sum::<f64>() / n;
        let var = s.iter().map(|&x| (x as f64 - mean).powi(2)).sum::<f64>() / (n - 1.0);
        (mean, var)
    }

    /// The aggregated draw against the deal-by-deal draw at 2,000 expected
    /// deals of a mean size of 194,000 (the case study's), with size cv
    /// 1.36 (the case study's) and 3 (a heavy tail): `m` deal-by-deal
    /// trials (8,000 and 2,000; they are the slow ones) against n = 100,000
    /// aggregated trials. Tolerances, from the sample sizes:
    ///
    /// * the KS statistic of two independent samples of one distribution
    ///   exceeds 1.95·√(1/m + 1/n) with probability 0.001 (0.0227 for
    ///   m = 8,000; 0.0440 for m = 2,000); the aggregation's own distance,
    ///   about 5e-5 and 1e-4 here (see the `aggregate` module), is far
    ///   below either;
    /// * the shares of trials at or above the deal-by-deal 10th, 50th and
    ///   90th percentiles — P(attain) for those targets — may differ by
    ///   four standard errors, 4·√(p(1−p)(1/m + 1/n)) (0.014 at p = 0.1 or
    ///   0.9 and 0.023 at p = 0.5 for m = 8,000);
    /// * means by four standard errors; variances by four standard errors
    ///   of their ratio, 4·√((2 + k)(1/m + 1/n)), where k = (1 + cv²)⁴/λ is
    ///   the excess kurtosis of a compound Poisson sum of lognormals (0.066
    ///   for cv 1.36, 0.24 for cv 3).
    ///
    /// A wrong variance fails: with the bulk's variance taken 50% too
    /// large (13% more variance in the whole draw at cv 1.36) the variance
    /// ratio is about 1.13, twice the tolerance, which the last assertion
    /// checks.
    #[test]
    fn the_aggregated_draw_matches_the_deal_by_deal_draw() {
        let (n, expected) = (100_000, 2_000.0);
        for (cv, m) in [(1.36, 8_000), (3.0, 2_000)] {
            let inv = 1.0 / m as f64 + 1.0 / n as f64;
            let sigma2 = libm::log1p(cv * cv);
            let arrivals = Arrivals {
                expected,
                mu: libm::log(19_400_000.0) - sigma2 / 2.0,
                sigma: sigma2.sqrt(),
            };
            let agg = Aggregate::new(&arrivals);
            let sample =
                |seed: u64, trials: usize, draw: &dyn Fn(&mut dyn FnMut() -> u32) -> i64| {
                    let mut lanes = Lanes::for_group(seed, 0);
                    let mut out: Vec<i64> = (0..trials)
                        .map(|_| draw(&mut || lanes.next_in(0)))
                        .collect();
                    out.sort_unstable();
                    out
                };
            let exact = sample(1, m, &|next| arrivals.one_by_one(next));
            let fast = sample(2, n, &|next| agg.draw(next));

            let d = ks(&exact, &fast);
            let crit = 1.95 * inv.sqrt();
            assert!(d < crit, "cv {cv}: KS {d} ≥ {crit}");
            for q in [10, 50, 90] {
                let target = exact[m * q / 100];
                let share = |s: &[i64]| {
                    (s.len() - s.partition_point(|&x| x < target)) as f64 / s.len() as f64
                };
                let (p, p_fast) = (share(&exact), share(&fast));
                let se = (p * (1.0 - p) * inv).sqrt();
                assert!(
                    (p - p_fast).abs() <= 4.0 * se,
                    "cv {cv}, p{q}: {p} vs {p_fast}"
                );
            }
            let kurtosis = (1.0 + cv * cv).powi(4) / expected;
            let var_tolerance = 4.0 * ((2.0 + kurtosis) * inv).sqrt();
            let ((me, ve), (mf, vf)) = (moments(&exact), moments(&fast));
            assert!(
                (me - mf).abs() <= 4.0 * (ve * inv).sqrt(),
                "cv {cv}: mean {me} vs {mf}"
            );
            assert!(
                (vf / ve - 1.0).abs() <= var_tolerance,
                "cv {cv}: variance {ve} vs {vf}"
            );

            if cv < 2.0 {
                let wrong = Aggregate {
                    variance: agg.variance * 1.5,
                    ..agg
                };
                let (_, vw) = moments(&sample(2, n, &|next| wrong.draw(next)));
                assert!(
                    (vw / ve - 1.0).abs() > var_tolerance,
                    "cv {cv}: a wrong variance passes, {vw} vs {ve}"
                );
            }
        }
    }

    #[test]
    fn triangular_quantiles() {
        let r = Ranged {
            threshold: 0,
            low: 0.0,
            mode: 50.0,
            high: 100.0,
        };
        assert_eq!(r.amount(0.5), 50.0);
        assert!(r.amount(0.0) == 0.0 && r.amount(1.0) == 100.0);
        assert!(r.amount(0.125) < 50.0);
    }
}
