//! New business not yet in the pipeline: a Poisson number of deals, each
//! of a lognormal size, and its deal-by-deal draw (the aggregated draw is
//! in [`aggregate`](super::aggregate)).

use super::poisson::knuth;
use super::rng::normal;

/// Deals not yet in the pipeline: a Poisson number of them, each of a
/// lognormal size (in cents).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Arrivals {
    pub(crate) expected: f64,
    pub(crate) mu: f64,
    pub(crate) sigma: f64,
}

impl Arrivals {
    /// One trial's new business deal by deal, in cents: a Poisson count
    /// (Knuth's method), then each deal's size, rounded.
    pub(crate) fn one_by_one(&self, next: &mut dyn FnMut() -> u32) -> i64 {
        let mut total = 0i64;
        for _ in 0..knuth(self.expected, next) {
            let z = normal(next(), next());
            let cents = libm::exp(self.mu + self.sigma * z).round();
            total = total.saturating_add(cents as i64);
        }
        total
    }
}
