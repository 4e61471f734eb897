//! Benchmarks for salesplan live in `benches/`; see `README.md` here.
//!
//! [`rules`] holds the data of the rule-engine benchmark, shared by its
//! binary and tests; [`median`] is how the binaries summarise their runs.

pub mod rules;

/// The median of some timings (the mean of the middle two for an even
/// count; NaN for none).
pub fn median(times: &[f64]) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn median_of_odd_even_and_none() {
        assert_eq!(super::median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(super::median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(super::median(&[]).is_nan());
    }
}
