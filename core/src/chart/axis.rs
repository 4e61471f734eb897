//! A linear axis whose tick marks the chart chooses: round steps (1, 2 or
//! 5 times a power of ten) found by multiplying and dividing by ten, or
//! given positions such as category centres, so that no logarithm (whose
//! last bit may differ between targets) decides where a line goes.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

/// A linear range of drawing coordinates with its tick positions.
#[derive(Debug, Clone)]
pub(crate) struct Axis {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl Axis {
    /// `lo..hi` widened to whole steps, with about `max_ticks` ticks. A
    /// range without width is widened around its value.
    pub(crate) fn nice(lo: f64, hi: f64, max_ticks: usize) -> Axis {
        let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() {
            (lo.min(hi), lo.max(hi))
        } else {
            (0.0, 1.0)
        };
        if hi - lo <= 0.0 {
            if lo >= 0.0 {
                lo = 0.0;
                hi = if hi == 0.0 { 1.0 } else { hi * 1.1 };
            } else {
                lo *= 1.1;
                hi = 0.0;
            }
        }
        let step = step(hi - lo, max_ticks);
        let first = (lo / step).floor();
        let last = (hi / step).ceil();
        if !(first.is_finite() && last.is_finite()) || last - first > 1000.0 {
            return Axis::fixed(lo, hi, vec![lo, hi]);
        }
        let ticks: Vec<f64> = (0..=((last - first) as i64))
            .map(|k| (first + k as f64) * step)
            .collect();
        Axis::fixed(first * step, last * step, ticks)
    }

    /// `lo..hi` with ticks at the given positions.
    pub(crate) fn fixed(lo: f64, hi: f64, ticks: Vec<f64>) -> Axis {
        let (lo, hi) = if lo.is_finite() && hi.is_finite() && hi > lo {
            (lo, hi)
        } else {
            (0.0, 1.0)
        };
        Axis { lo, hi, ticks }
    }

    /// The categories `0..n` with a tick in the middle of each.
    pub(crate) fn categories(n: usize) -> Axis {
        let ticks = (0..n).map(|i| i as f64 + 0.5).collect();
        Axis::fixed(0.0, n.max(1) as f64, ticks)
    }

    /// The lower end.
    pub(crate) fn lo(&self) -> f64 {
        self.lo
    }

    /// The upper end.
    pub(crate) fn hi(&self) -> f64 {
        self.hi
    }

    /// The ticks within the range.
    pub(crate) fn ticks(&self) -> impl Iterator<Item = f64> + '_ {
        self.ticks
            .iter()
            .copied()
            .filter(|t| *t >= self.lo && *t <= self.hi)
    }
}

/// The smallest of 1, 2, 5 × 10ⁿ that splits `span` into at most
/// `max_ticks` + 2 parts.
fn step(span: f64, max_ticks: usize) -> f64 {
    let raw = span / (max_ticks as f64 + 2.0);
    if !(raw.is_finite() && raw > f64::MIN_POSITIVE) {
        return 1.0;
    }
    let mut p = 1.0f64;
    while p * 10.0 <= raw {
        p *= 10.0;
    }
    while p > raw {
        p /= 10.0;
    }
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p);
    if step > 0.0 && step.is_finite() {
        step
    } else {
        1.0
    }
}

impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let share = ((value - self.lo) / (self.hi - self.lo)).clamp(-4.0, 5.0);
        let share = if share.is_nan() { 0.0 } else { share };
        limit.0 + (share * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() || hint.max_num_points() == 0 {
            return Vec::new();
        }
        self.ticks().collect()
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(step(120_000_000.0, 6), 20_000_000.0);
        assert_eq!(step(1.0, 5), 0.2);
        assert_eq!(step(7.0, 7), 1.0);
        assert_eq!(step(0.0, 5), 1.0);
    }

    #[test]
    fn nice_ranges_cover_the_data_in_whole_steps() {
        let a = Axis::nice(0.0, 123_000_000.0, 6);
        assert_eq!((a.lo(), a.hi()), (0.0, 140_000_000.0));
        assert_eq!(a.ticks.len(), 8);
        let flat = Axis::nice(0.0, 0.0, 5);
        assert!(flat.hi() > flat.lo());
        let negative = Axis::nice(-5.0, 3.0, 4);
        assert!(negative.lo() <= -5.0 && negative.hi() >= 3.0);
        let odd = Axis::nice(f64::NAN, 1.0, 4);
        assert!(odd.hi() > odd.lo());
    }

    #[test]
    fn values_map_to_pixels() {
        let a = Axis::fixed(0.0, 10.0, vec![]);
        assert_eq!(a.map(&5.0, (0, 100)), 50);
        assert_eq!(a.map(&5.0, (300, 100)), 200);
        assert_eq!(a.map(&f64::NAN, (0, 100)), 0);
    }
}
