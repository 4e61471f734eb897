//! Poisson counts from a stream of 32-bit draws.
//!
//! [`knuth`] multiplies uniforms until the product falls below e^-λ: exact,
//! but it takes about λ + 1 draws. It is what deal-by-deal new business has
//! always used, so its draws are kept as they are. [`ptrs`] is Hörmann's
//! transformed rejection with squeeze (PTRS, 1993): exact as well, with
//! about 2.3 draws per count whatever the mean, for means of 10 and more.

use super::rng::unit;

/// Knuth's method needs e^-λ well inside f64; larger means are split into
/// chunks of this size (a sum of Poisson variables is Poisson).
const KNUTH_CHUNK: f64 = 16.0;

/// The smallest mean [`ptrs`] takes.
pub(crate) const PTRS_FROM: f64 = 10.0;

/// The largest mean [`ptrs`] draws from (2⁵³, where f64 stops holding
/// every count); larger means are taken as this.
const PTRS_MAX: f64 = 9_007_199_254_740_992.0;

/// A Poisson number with mean `mean` (Knuth's product of uniforms, in
/// chunks of [`KNUTH_CHUNK`]).
pub(crate) fn knuth(mean: f64, next: &mut dyn FnMut() -> u32) -> u64 {
    let mut count = 0;
    let mut rest = mean;
    while rest > 0.0 {
        let chunk = rest.min(KNUTH_CHUNK);
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

/// A Poisson number with mean `mean`: [`knuth`] below [`PTRS_FROM`],
/// otherwise PTRS.
///
/// PTRS draws `u` uniform on (−½, ½) and `v` uniform on (0, 1) and
/// proposes `k = ⌊(2a/(½ − |u|) + b)·u + λ + 0.43⌋`, a transformed
/// rejection hat over the Poisson probabilities; a cheap squeeze accepts
/// most proposals, the rest are accepted when `v` is below the ratio of
/// the probability of `k` to the hat. The constants `a`, `b`, `1/α` and
/// `v_r` are those of the paper. The test uses `ln k!` from `lgamma`,
/// accurate to a few units in the last place, so the counts follow the
/// Poisson law up to that rounding and the 2⁻³² grid of the draws.
pub(crate) fn ptrs(mean: f64, next: &mut dyn FnMut() -> u32) -> u64 {
    if mean.is_nan() || mean < PTRS_FROM {
        return if mean > 0.0 { knuth(mean, next) } else { 0 };
    }
    let lambda = mean.min(PTRS_MAX);
    let root = lambda.sqrt();
    let log_lambda = libm::log(lambda);
    let b = 0.931 + 2.53 * root;
    let a = -0.059 + 0.02483 * b;
    let log_inv_alpha = libm::log(1.1239 + 1.1328 / (b - 3.4));
    let v_r = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = unit(next()) - 0.5;
        let v = unit(next());
        let us = 0.5 - u.abs();
        let k = libm::floor((2.0 * a / us + b) * u + lambda + 0.43);
        if us >= 0.07 && v <= v_r {
            return k as u64;
        }
        if k < 0.0 || (us < 0.013 && v > us) {
            continue;
        }
        let hat = libm::log(v) + log_inv_alpha - libm::log(a / (us * us) + b);
        if hat <= -lambda + k * log_lambda - libm::lgamma(k + 1.0) {
            return k as u64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::rng::Lanes;
    use super::*;

    fn draws(method: fn(f64, &mut dyn FnMut() -> u32) -> u64, mean: f64, n: usize) -> Vec<u64> {
        let mut lanes = Lanes::for_group(3, 0);
        (0..n)
            .map(|_| method(mean, &mut || lanes.next_in(0)))
            .collect()
    }

    #[test]
    fn means_and_variances() {
        let n = 20_000;
        for (method, mean) in [
            (knuth as fn(f64, &mut dyn FnMut() -> u32) -> u64, 0.5),
            (knuth, 3.0),
            (knuth, 40.0),
            (knuth, 250.0),
            (ptrs, 10.0),
            (ptrs, 31.7),
            (ptrs, 5_000.0),
            (ptrs, 4.0e8),
        ] {
            let d: Vec<f64> = draws(method, mean, n).iter().map(|&k| k as f64).collect();
            let m = d.iter().sum::<f64>() / n as f64;
            let v = d.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n as f64;
            // Four standard errors: the mean's is √(λ/n), the variance's
            // about λ·√(2/n).
            let se = (mean / n as f64).sqrt();
            assert!((m - mean).abs() < 4.0 * se, "{mean}: mean {m}");
            assert!(
                (v / mean - 1.0).abs() < 0.04 + 1.0 / mean,
                "{mean}: variance {v}"
            );
        }
    }

    /// The empirical distribution of PTRS counts against the Poisson
    /// distribution function summed from its probabilities: the largest
    /// gap stays below the Kolmogorov bound at α = 0.001 (1.95/√n; for a
    /// discrete law the test is conservative).
    #[test]
    fn ptrs_follows_the_poisson_law() {
        let n = 20_000;
        for mean in [10.0, 57.5, 2_400.0, 1.0e6] {
            let mut d = draws(ptrs, mean, n);
            d.sort_unstable();
            let log_p = |k: f64| -mean + k * libm::log(mean) - libm::lgamma(k + 1.0);
            let spread = 12.0 * mean.sqrt();
            let (lo, hi) = ((mean - spread).max(0.0) as u64, (mean + spread) as u64);
            let mut cdf: f64 = (0..lo).map(|k| libm::exp(log_p(k as f64))).sum();
            let mut gap: f64 = 0.0;
            for k in lo..=hi {
                cdf += libm::exp(log_p(k as f64));
                let below = d.partition_point(|&x| x <= k) as f64 / n as f64;
                gap = gap.max((below - cdf).abs());
            }
            assert!(gap < 1.95 / (n as f64).sqrt(), "{mean}: gap {gap}");
            assert!(d[0] >= lo && d[n - 1] <= hi, "{mean}: beyond 12 sd");
        }
    }

    #[test]
    fn small_and_empty_means() {
        let mut lanes = Lanes::for_group(1, 0);
        assert_eq!(ptrs(0.0, &mut || lanes.next_in(0)), 0);
        assert_eq!(ptrs(f64::NAN, &mut || lanes.next_in(0)), 0);
        // Below PTRS_FROM it is Knuth's count, draw for draw.
        let (mut a, mut b) = (Lanes::for_group(5, 2), Lanes::for_group(5, 2));
        for _ in 0..100 {
            assert_eq!(
                ptrs(7.5, &mut || a.next_in(3)),
                knuth(7.5, &mut || b.next_in(3))
            );
        }
    }
}
