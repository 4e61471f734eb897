//! New business at high volume: a trial's new deals drawn in a handful of
//! steps instead of one by one.
//!
//! Deal sizes are lognormal, `X = e^(μ + σZ)` with `Z` standard normal.
//! The sizes are cut at the point `e^(μ + σa)` above which [`TAIL_DEALS`]
//! deals are expected (`P(Z > a) = TAIL_DEALS ÷ λ`). Thinning a Poisson
//! process gives two independent Poisson counts: the deals above the cut
//! (mean `λ·P(Z > a)`) and the rest, the *bulk* (mean `λ·P(Z ≤ a)`).
//!
//! * Both counts are drawn exactly ([`ptrs`]).
//! * The large deals are drawn one by one, each exactly from the lognormal
//!   beyond the cut (the normal beyond `a` by Robert's exponential
//!   rejection, 1995) and rounded to cents, as deal-by-deal new business is.
//! * The sum of the `n` bulk deals is drawn at once from a shifted
//!   lognormal with the sum's exact mean, variance and third cumulant
//!   (`n·κ₁`, `n·κ₂`, `n·κ₃` of the lognormal cut at `a`, in closed form),
//!   and rounded to cents once. When that skewness is negative the shifted
//!   lognormal is reflected.
//!
//! Why this shape: a sum of lognormals is skewed, more so the heavier the
//! tail, and the sum converges to its normal limit slowly when a few large
//! deals dominate it. Matching two moments (Fenton–Wilkinson) misses the
//! skewness by `cv³/√n`; matching three with a shifted lognormal misses
//! only from the fourth cumulant on, and cutting off the largest deals
//! makes those cumulants small. Computed against the exact distribution of
//! the bulk sum (the n-fold convolution, by FFT on a grid of cv/50), the
//! largest gap between the two distribution functions (the Kolmogorov
//! distance) at 1,000 expected deals is:
//!
//! | size cv | 0.1 | 0.25 | 0.5 | 1 | 1.36 | 2 | 3 | 5 | 10 |
//! |---|---|---|---|---|---|---|---|---|---|
//! | gap | 1.0e-5 | 1.4e-5 | 2.1e-5 | 4.1e-5 | 5.5e-5 | 7.7e-5 | 1.0e-4 | 1.4e-4 | 1.8e-4 |
//!
//! and it falls as the count grows (at 2,000: 3.3e-5 for cv 1.36, 9.5e-5
//! for cv 5; at 20,000: 4.5e-6 for cv 1.36). For comparison, without the
//! cut the two-moment lognormal is off by 4.8e-3 at cv 1.36 and 1,000
//! deals (2.7e-2 at cv 3), and the three-moment one by 1.0e-3 (3.0e-2 at
//! cv 3). The figures do not move when the grid is halved or doubled.
//!
//! The large deals and both counts being exact, the gap bounds the error
//! of the whole new-business draw, and, everything else in a trial being
//! independent of it, the error of every probability the simulation
//! reports. Rounding the bulk sum once instead of each deal moves it by at
//! most half a cent per deal (about `√(n/12)` cents typically).
//!
//! Every step is f64 arithmetic and `libm` functions on the lane's own
//! stream, so the draws are the same on every thread count and in
//! WebAssembly.

use super::arrivals::Arrivals;
use super::poisson::ptrs;
use super::rng::{normal, unit};

/// New business is aggregated when at least this many deals are expected;
/// below, every deal is drawn (the conformance cases expect a few hundred,
/// and their outcomes stay those of the deal-by-deal draw).
pub(crate) const AGGREGATE_FROM: f64 = 1_000.0;

/// Deals expected beyond the cut, drawn one by one.
pub(crate) const TAIL_DEALS: f64 = 32.0;

/// A trial's new business in a few steps (see the module documentation).
/// Amounts in cents.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Aggregate {
    /// Expected deals in the bulk and beyond the cut.
    pub(crate) bulk_deals: f64,
    pub(crate) tail_deals: f64,
    /// The size distribution: `e^(μ + σZ)`.
    pub(crate) mu: f64,
    pub(crate) sigma: f64,
    /// The cut, on the scale of `Z`.
    pub(crate) cut: f64,
    /// Mean, variance and third cumulant of one bulk deal.
    pub(crate) mean: f64,
    pub(crate) variance: f64,
    pub(crate) third: f64,
}

impl Aggregate {
    pub(crate) fn new(a: &Arrivals) -> Aggregate {
        let Arrivals {
            expected,
            mu,
            sigma,
        } = *a;
        if sigma.is_nan() || sigma <= 0.0 {
            // Every deal is the same size: n of them, each rounded.
            let size = libm::exp(mu).round();
            return Aggregate {
                bulk_deals: expected,
                tail_deals: 0.0,
                mu,
                sigma: 0.0,
                cut: f64::INFINITY,
                mean: size,
                variance: 0.0,
                third: 0.0,
            };
        }
        let cut = upper_quantile(TAIL_DEALS / expected);
        let tail_share = upper_tail(cut);
        // ln E[X^k; Z ≤ a] − ln P(Z ≤ a) = kμ + k²σ²/2 + L(a − kσ) − L(a);
        // the ratios E[Xᵏ]/E[X]ᵏ − 1 below keep their digits for small σ.
        let l = |k: f64| log_below(cut - k * sigma);
        let (l0, l1) = (log_below(cut), l(1.0));
        let mean = libm::exp(mu + sigma * sigma / 2.0 + l1 - l0);
        let r2 = libm::expm1(sigma * sigma + l(2.0) + l0 - 2.0 * l1);
        let r3 = libm::expm1(3.0 * sigma * sigma + l(3.0) + 2.0 * l0 - 3.0 * l1);
        Aggregate {
            bulk_deals: expected * (1.0 - tail_share),
            tail_deals: expected * tail_share,
            mu,
            sigma,
            cut,
            mean,
            variance: (mean * mean * r2).max(0.0),
            third: mean * mean * mean * (r3 - 3.0 * r2),
        }
    }

    /// One trial's new business, in cents.
    pub(crate) fn draw(&self, next: &mut dyn FnMut() -> u32) -> i64 {
        let mut total = self.bulk(ptrs(self.bulk_deals, next), next);
        if self.tail_deals > 0.0 {
            for _ in 0..ptrs(self.tail_deals, next) {
                let z = normal_beyond(self.cut, next);
                let cents = libm::exp(self.mu + self.sigma * z).round();
                total = total.saturating_add(cents as i64);
            }
        }
        total
    }

    /// The sum of `n` bulk deals, in cents.
    fn bulk(&self, n: u64, next: &mut dyn FnMut() -> u32) -> i64 {
        if n == 0 {
            return 0;
        }
        let n = n as f64;
        if self.variance == 0.0 {
            return (n * self.mean).round() as i64;
        }
        let z = normal(next(), next());
        let (mean, sd) = (n * self.mean, (n * self.variance).sqrt());
        let skew = self.third / (self.variance * sd);
        // A lognormal with coefficient of variation y has skewness
        // y³ + 3y; with y = 2 sinh(t) that is 2 sinh(3t).
        let y = 2.0 * libm::sinh(libm::asinh(skew.abs() / 2.0) / 3.0);
        let sum = if y > 0.0 {
            // τ ± Y with E[Y] = sd/y and τ = mean ∓ E[Y], written so that
            // it tends to mean + sd·z as y tends to zero.
            let s2 = libm::log1p(y * y);
            let step = sd / y * libm::expm1(s2.sqrt() * z - s2 / 2.0);
            if skew > 0.0 {
                mean + step
            } else {
                mean - step
            }
        } else {
            mean + sd * z
        };
        sum.round().max(0.0) as i64
    }
}

/// P(Z > x) for a standard normal Z.
pub(crate) fn upper_tail(x: f64) -> f64 {
    0.5 * libm::erfc(x / std::f64::consts::SQRT_2)
}

/// ln P(Z ≤ x), keeping its digits where it is near zero.
fn log_below(x: f64) -> f64 {
    if x > 0.0 {
        libm::log1p(-upper_tail(x))
    } else {
        libm::log(upper_tail(-x))
    }
}

/// The x with P(Z > x) = p, for 0 < p ≤ ½: Newton's method on
/// ln P(Z > x), which is concave, from the root of the tail's asymptote
/// φ(x)/x; after the first step the iterates come down to the root. Any x
/// would do for the split, whose shares are computed from the x found, so
/// the iteration only makes the tail hold about [`TAIL_DEALS`] deals.
pub(crate) fn upper_quantile(p: f64) -> f64 {
    let p = p.clamp(1e-300, 0.5);
    let target = libm::log(p);
    let t = -2.0 * target;
    let mut x = (t - libm::log(t) - libm::log(2.0 * std::f64::consts::PI))
        .max(0.0)
        .sqrt();
    for _ in 0..100 {
        let tail = upper_tail(x);
        let density = libm::exp(-x * x / 2.0) / (2.0 * std::f64::consts::PI).sqrt();
        let step = (libm::log(tail) - target) * tail / density;
        if !step.is_finite() {
            break;
        }
        x += step;
        if step.abs() <= 1e-12 * x.abs().max(1.0) {
            break;
        }
    }
    x
}

/// A standard normal number conditioned to exceed `a` (a ≥ 0), by
/// rejection from the exponential `a + E/α` with the best rate
/// α = (a + √(a² + 4))/2: accepted with probability e^−(z−α)²/2, 94% of the
/// time or more for a ≥ 1.
pub(crate) fn normal_beyond(a: f64, next: &mut dyn FnMut() -> u32) -> f64 {
    let rate = (a + (a * a + 4.0).sqrt()) / 2.0;
    loop {
        let z = a - libm::log(unit(next())) / rate;
        let d = z - rate;
        if unit(next()) <= libm::exp(-d * d / 2.0) {
            return z;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::rng::Lanes;
    use super::*;

    #[test]
    fn quantiles_invert_the_tail() {
        for p in [0.3, 0.032, 1e-3, 3.2e-5, 1e-9, 1e-30] {
            let x = upper_quantile(p);
            assert!((upper_tail(x) / p - 1.0).abs() < 1e-9, "{p}: {x}");
        }
        assert!((upper_quantile(0.025) - 1.959_963_985).abs() < 1e-8);
    }

    #[test]
    fn draws_beyond_a_point_have_the_truncated_mean() {
        let mut lanes = Lanes::for_group(4, 0);
        for a in [0.0, 1.85, 4.0] {
            let n = 20_000;
            let z: Vec<f64> = (0..n)
                .map(|_| normal_beyond(a, &mut || lanes.next_in(1)))
                .collect();
            assert!(z.iter().all(|&x| x > a));
            // E[Z | Z > a] = φ(a)/P(Z > a); its sd is below 1.
            let density = libm::exp(-a * a / 2.0) / (2.0 * std::f64::consts::PI).sqrt();
            let expected = density / upper_tail(a);
            let mean = z.iter().sum::<f64>() / n as f64;
            assert!(
                (mean - expected).abs() < 4.0 / (n as f64).sqrt(),
                "{a}: {mean}"
            );
        }
    }

    /// The bulk's cumulants against a direct numerical integration over Z.
    #[test]
    fn bulk_cumulants_match_an_integral() {
        for (mu, sigma) in [(4.0, 0.1), (12.0, 1.0), (9.0, 2.2)] {
            let agg = Aggregate::new(&Arrivals {
                expected: 5_000.0,
                mu,
                sigma,
            });
            let (steps, lo) = (400_000, -12.0);
            let h = (agg.cut - lo) / f64::from(steps);
            let mut m = [0.0f64; 4];
            for i in 0..steps {
                let z = lo + (f64::from(i) + 0.5) * h;
                let w = libm::exp(-z * z / 2.0) * h;
                let x = libm::exp(mu + sigma * z);
                for (k, mk) in m.iter_mut().enumerate() {
                    *mk += w * x.powi(k as i32);
                }
            }
            let mean = m[1] / m[0];
            let var = m[2] / m[0] - mean * mean;
            let third = m[3] / m[0] - 3.0 * mean * m[2] / m[0] + 2.0 * mean.powi(3);
            assert!((agg.mean / mean - 1.0).abs() < 1e-9, "{sigma}: mean");
            assert!((agg.variance / var - 1.0).abs() < 1e-6, "{sigma}: variance");
            assert!(
                (agg.third - third).abs() < 1e-4 * var.powf(1.5),
                "{sigma}: third"
            );
            assert!((agg.tail_deals - TAIL_DEALS).abs() < 1e-6);
            assert!((agg.bulk_deals + agg.tail_deals - 5_000.0).abs() < 1e-9);
        }
    }

    /// Bulk sums have the mean, variance and skewness they are matched to,
    /// for positive and negative skewness, large and small.
    #[test]
    fn bulk_sums_have_their_moments() {
        for skew in [1.5, 0.3, -0.3, -1.5] {
            let (mean, variance): (f64, f64) = (1.0e6, 4.0e10);
            let agg = Aggregate {
                third: skew * variance * variance.sqrt(),
                ..Aggregate::new(&Arrivals {
                    expected: 5_000.0,
                    mu: 10.0,
                    sigma: 1.0,
                })
            };
            let agg = Aggregate {
                mean,
                variance,
                ..agg
            };
            let n = 40_000;
            let mut lanes = Lanes::for_group(8, 1);
            let s: Vec<f64> = (0..n)
                .map(|_| agg.bulk(1, &mut || lanes.next_in(2)) as f64)
                .collect();
            let m = s.iter().sum::<f64>() / n as f64;
            let central = |k: i32| s.iter().map(|x| (x - m).powi(k)).sum::<f64>() / n as f64;
            let (var, third) = (central(2), central(3));
            let sample_skew = third / var.powf(1.5);
            assert!(
                (m - mean).abs() < 4.0 * variance.sqrt() / (n as f64).sqrt(),
                "{skew}: {m}"
            );
            assert!((var / variance - 1.0).abs() < 0.05, "{skew}: {var}");
            assert!(
                (sample_skew - skew).abs() < 0.05 + 0.2 * skew.abs(),
                "{skew}: {sample_skew}"
            );
        }
        // A narrow size distribution cut near its middle has a negative
        // third cumulant; a wide one a positive.
        let third = |sigma: f64| {
            let a = Arrivals {
                expected: 1_000.0,
                mu: 10.0,
                sigma,
            };
            Aggregate::new(&a).third
        };
        assert!(third(0.05) < 0.0 && third(1.0) > 0.0);
    }

    #[test]
    fn equal_sizes_are_exact() {
        let agg = Aggregate::new(&Arrivals {
            expected: 2_500.0,
            mu: libm::log(12_345.4),
            sigma: 0.0,
        });
        assert_eq!(agg.bulk(3, &mut || 0), 3 * 12_345);
        let mut lanes = Lanes::for_group(2, 0);
        let total = agg.draw(&mut || lanes.next_in(0));
        assert_eq!(total % 12_345, 0);
    }
}
