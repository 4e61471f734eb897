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
//! lane.

use super::rng::{normal, threshold, unit, Lanes, LANES};

/// A deal with a fixed amount.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fixed {
    /// Won when a 32-bit draw, read as a signed number, is below this: the
    /// deal's threshold less 2³¹ (an exact f64).
    pub(crate) limit: f64,
    /// Its amount in cents (an exact f64).
    pub(crate) cents: f64,
}

impl Fixed {
    /// A deal won with probability `p`, worth `cents`.
    pub(crate) fn new(p: f64, cents: i64) -> Fixed {
        Fixed {
            limit: threshold(p) as f64 - 2_147_483_648.0,
            cents: cents as f64,
        }
    }
}

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

/// Deals not yet in the pipeline: a Poisson number of them, each of a
/// lognormal size (in cents).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Arrivals {
    pub(crate) expected: f64,
    pub(crate) mu: f64,
    pub(crate) sigma: f64,
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

/// Knuth's method needs e^-λ well inside f64; larger means are split into
/// chunks of this size (a sum of Poisson variables is Poisson).
const POISSON_CHUNK: f64 = 16.0;

impl Model {
    /// Outcomes of `trials` trials, in trial order.
    pub(crate) fn run(&self, trials: usize, seed: u64, threads: usize) -> Vec<i64> {
        let mut out = vec![0i64; trials];
        let groups = trials.div_ceil(LANES);
        let threads = threads.clamp(1, groups.max(1));
        if threads == 1 {
            self.run_groups(0, &mut out, seed);
            return out;
        }
        let per_thread = groups.div_ceil(threads) * LANES;
        // Where threads cannot be spawned (WebAssembly without threads),
        // the chunks a thread should have run are run here afterwards.
        let mut unspawned = Vec::new();
        std::thread::scope(|scope| {
            for (i, chunk) in out.chunks_mut(per_thread).enumerate() {
                let first = (i * per_thread / LANES) as u64;
                let spawned = std::thread::Builder::new()
                    .spawn_scoped(scope, move || self.run_groups(first, chunk, seed));
                if spawned.is_err() {
                    unspawned.push(i);
                }
            }
        });
        for i in unspawned {
            if let Some(chunk) = out.chunks_mut(per_thread).nth(i) {
                self.run_groups((i * per_thread / LANES) as u64, chunk, seed);
            }
        }
        out
    }

    /// Fills `out` with the trials of consecutive groups from `first`.
    fn run_groups(&self, first: u64, out: &mut [i64], seed: u64) {
        for (g, chunk) in out.chunks_mut(LANES).enumerate() {
            let mut lanes = Lanes::for_group(seed, first + g as u64);
            let totals = self.group(&mut lanes);
            chunk.copy_from_slice(&totals[..chunk.len()]);
        }
    }

    /// One group of [`LANES`] trials.
    fn group(&self, lanes: &mut Lanes) -> [i64; LANES] {
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
        if let Some(arrivals) = &self.arrivals {
            for (l, total) in acc.iter_mut().enumerate() {
                *total = total.saturating_add(arrivals.draw(&mut || lanes.next_in(l)));
            }
        }
        acc
    }
}

impl Arrivals {
    /// One trial's new business, in cents.
    fn draw(&self, next: &mut dyn FnMut() -> u32) -> i64 {
        let mut total = 0i64;
        for _ in 0..poisson(self.expected, next) {
            let z = normal(next(), next());
            let cents = libm::exp(self.mu + self.sigma * z).round();
            total = total.saturating_add(cents as i64);
        }
        total
    }
}

/// A Poisson number with mean `mean` (Knuth's product of uniforms, in
/// chunks of [`POISSON_CHUNK`]).
fn poisson(mean: f64, next: &mut dyn FnMut() -> u32) -> u64 {
    let mut count = 0;
    let mut rest = mean;
    while rest > 0.0 {
        let chunk = rest.min(POISSON_CHUNK);
        rest -= chunk;
        let limit = libm::exp(-chunk);
        let mut product = unit(next());
        while product > limit {
            count += 1;
            product *= unit(next());
        }
    }
    count
}

#[cfg(test)]
mod tests {
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
        let m = model();
        let one = m.run(1_001, 9, 1);
        assert_eq!(one, m.run(1_001, 9, 2));
        assert_eq!(one, m.run(1_001, 9, 7));
        assert_ne!(one, m.run(1_001, 10, 1));
        // A longer run starts with the same trials.
        assert_eq!(one[..1_000], m.run(2_000, 9, 3)[..1_000]);
    }

    #[test]
    fn the_mean_matches_the_model() {
        let m = model();
        let trials = 40_000;
        let out = m.run(trials, 5, 2);
        let mean = out.iter().map(|&c| c as f64).sum::<f64>() / trials as f64;
        let fixed: f64 = (1..=50)
            .map(|i| f64::from(i) / 60.0 * f64::from(i) * 100.0)
            .sum();
        let ranged = 0.5 * (100.0 + 200.0 + 400.0) / 3.0;
        let arrivals = 40.0 * (4.0f64 + 0.125).exp();
        let expected = 1_000.0 + fixed + ranged + arrivals;
        assert!(
            (mean / expected - 1.0).abs() < 0.005,
            "{mean} vs {expected}"
        );
    }

    #[test]
    fn poisson_means_and_variances() {
        for mean in [0.5, 3.0, 40.0, 250.0] {
            let mut lanes = Lanes::for_group(3, 0);
            let n = 20_000;
            let draws: Vec<f64> = (0..n)
                .map(|_| poisson(mean, &mut || lanes.next_in(0)) as f64)
                .collect();
            let m = draws.iter().sum::<f64>() / n as f64;
            let v = draws.iter().map(|d| (d - m) * (d - m)).sum::<f64>() / n as f64;
            assert!((m / mean - 1.0).abs() < 0.05, "{mean}: mean {m}");
            assert!((v / mean - 1.0).abs() < 0.08, "{mean}: variance {v}");
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
