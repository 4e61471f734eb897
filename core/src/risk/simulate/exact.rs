//! The exact probability of reaching a target with a small pipeline, by
//! walking every combination of won and lost deals.

/// The largest pipeline the exact computation takes (2²⁰ outcomes).
pub const EXACT_MAX_DEALS: usize = 20;

/// P(base + Σ won amounts ≥ target) for independent deals given as
/// (probability, cents). Branches that are already at the target, or can
/// no longer reach it, are summed without going further.
pub(crate) fn probability(base: i64, deals: &[(f64, i64)], target: i64) -> f64 {
    let mut sorted: Vec<(f64, i64)> = deals.to_vec();
    sorted.sort_by_key(|d| std::cmp::Reverse(d.1));
    let mut rest = vec![0i64; sorted.len() + 1];
    for i in (0..sorted.len()).rev() {
        rest[i] = rest[i + 1].saturating_add(sorted[i].1);
    }
    walk(&sorted, &rest, 0, base, 1.0, target)
}

fn walk(deals: &[(f64, i64)], rest: &[i64], i: usize, sum: i64, mass: f64, target: i64) -> f64 {
    if sum >= target {
        return mass;
    }
    if i == deals.len() || sum.saturating_add(rest[i]) < target || mass == 0.0 {
        return 0.0;
    }
    let (p, cents) = deals[i];
    walk(
        deals,
        rest,
        i + 1,
        sum.saturating_add(cents),
        mass * p,
        target,
    ) + walk(deals, rest, i + 1, sum, mass * (1.0 - p), target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_cases_by_hand() {
        // Two coins worth 1 each: P(sum ≥ 1) = 0.75, P(sum ≥ 2) = 0.25.
        let deals = [(0.5, 1), (0.5, 1)];
        assert_eq!(probability(0, &deals, 1), 0.75);
        assert_eq!(probability(0, &deals, 2), 0.25);
        assert_eq!(probability(2, &deals, 2), 1.0);
        assert_eq!(probability(0, &deals, 3), 0.0);
        // 0.9 × 0.2 + 0.9 × 0.8 × ... : P(a + b ≥ 150) with a=100@0.9, b=60@0.2.
        assert!((probability(0, &[(0.9, 100), (0.2, 60)], 150) - 0.18).abs() < 1e-15);
    }
}
