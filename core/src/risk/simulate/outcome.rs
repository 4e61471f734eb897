//! From the sorted outcomes and the deals to the figures a simulation
//! reports: percentiles, histogram, variance shares; and the rounding every
//! figure goes through.

use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;

use super::kernel::Ranged;
use super::{Bin, Driver};
use crate::error::{Error, Result};
use crate::evaluate::Deal;

/// One deal as the model sees it.
pub(super) struct Open<'a> {
    pub(super) deal: &'a Deal,
    pub(super) p: f64,
    pub(super) cents: i64,
    pub(super) range: Option<(i64, i64)>,
}

impl Open<'_> {
    /// (mean, variance) of the deal's contribution, in cents.
    pub(super) fn moments(&self) -> (f64, f64) {
        let c = self.cents as f64;
        let (mean_a, var_a) = match self.range {
            None => (c, 0.0),
            Some((lo, hi)) => {
                let (a, b) = (lo as f64, hi as f64);
                let mean = (a + b + c) / 3.0;
                (mean, (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0)
            }
        };
        let second = var_a + mean_a * mean_a;
        let mean = self.p * mean_a;
        (mean, self.p * second - mean * mean)
    }
}

pub(super) fn ranged(threshold: u64, low: i64, mode: i64, high: i64) -> Ranged {
    Ranged {
        threshold,
        low: low as f64,
        mode: mode as f64,
        high: high as f64,
    }
}

pub(super) fn invalid(name: &str, message: String) -> Error {
    Error::InvalidArgument {
        name: name.into(),
        message,
    }
}

pub(super) fn too_large() -> Error {
    invalid(
        "pipeline",
        "amounts too large to simulate exactly in cents (more than 9.0e13 in all)".into(),
    )
}

/// An amount in whole cents (rounded half away from zero).
pub(super) fn cents(amount: Decimal) -> Result<i64> {
    amount
        .checked_mul(Decimal::ONE_HUNDRED)
        .map(|c| c.round())
        .and_then(|c| c.to_i64())
        .ok_or_else(too_large)
}

pub(super) fn money(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

pub(super) fn mean_of(sum_cents: i128, n: usize) -> Decimal {
    Decimal::from_i128_with_scale(sum_cents, 2)
        .checked_div(Decimal::from(n as u64))
        .unwrap_or_default()
        .round_dp(2)
}

/// An f64 as a decimal showing exactly `dp` places.
pub(super) fn decimal(x: f64, dp: u32) -> Decimal {
    places(Decimal::from_f64(x).unwrap_or_default(), dp)
}

/// Rounded to, and showing exactly, `dp` places, so that equal values
/// print alike.
pub(super) fn places(d: Decimal, dp: u32) -> Decimal {
    let mut d = d.round_dp(dp);
    d.rescale(dp);
    d
}

pub(super) fn ratio(p: f64) -> Decimal {
    decimal(p, 6)
}

pub(super) fn histogram(sorted: &[i64], bins: usize) -> Vec<Bin> {
    let (lo, hi) = (sorted[0], sorted[sorted.len() - 1]);
    let width = i128::from(hi - lo).max(1);
    let edge = |i: usize| i128::from(lo) + width * i as i128 / bins as i128;
    let mut out: Vec<Bin> = (0..bins)
        .map(|i| Bin {
            from: Decimal::from_i128_with_scale(edge(i), 2),
            to: Decimal::from_i128_with_scale(edge(i + 1), 2),
            count: 0,
        })
        .collect();
    // The outcomes are sorted, so the bin only ever moves up.
    let mut bin = 0;
    for &x in sorted {
        while bin + 1 < bins && i128::from(x) >= edge(bin + 1) {
            bin += 1;
        }
        out[bin].count += 1;
    }
    out
}

/// The deals with the largest share of the outcome's variance (at most
/// `limit`, largest first, ties by id), and the share of new business whose
/// variance is `arrival_var` (cents²).
pub(super) fn variance_shares(
    open: &[Open<'_>],
    arrival_var: f64,
    limit: usize,
) -> (Vec<Driver>, Decimal) {
    let moments: Vec<(f64, f64)> = open.iter().map(Open::moments).collect();
    let total = moments.iter().map(|m| m.1).sum::<f64>() + arrival_var;
    let share = |v: f64| {
        if total > 0.0 {
            decimal(v / total, 4)
        } else {
            Decimal::ZERO
        }
    };
    let mut order: Vec<usize> = (0..open.len()).collect();
    order.sort_by(|&a, &b| {
        moments[b]
            .1
            .total_cmp(&moments[a].1)
            .then_with(|| open[a].deal.id.cmp(&open[b].deal.id))
    });
    let drivers = order
        .into_iter()
        .take(limit)
        .map(|i| Driver {
            deal: open[i].deal.id.clone(),
            amount: open[i].deal.amount,
            probability: open[i].deal.probability,
            expected: decimal(moments[i].0 / 100.0, 2),
            std_dev: decimal(moments[i].1.max(0.0).sqrt() / 100.0, 2),
            variance_share: share(moments[i].1),
        })
        .collect();
    (drivers, share(arrival_var))
}
