//! The maths of one KPI's verdict: attainment, status against the
//! thresholds, and the trend forecast (a least-squares slope over the
//! completed periods).

use rust_decimal::Decimal;

use super::Status;
use crate::plan::{Direction, Kpi, ThresholdBasis};

/// Direction-aware attainment ([`Direction::attainment`]) when both
/// values are known.
pub(super) fn attain(
    direction: Direction,
    actual: Option<Decimal>,
    target: Option<Decimal>,
) -> Option<Decimal> {
    direction.attainment(actual?, target?)
}

pub(super) fn status(
    kpi: &Kpi,
    actual: Option<Decimal>,
    attainment: Option<Decimal>,
) -> Option<Status> {
    let (basis, on, off) = match &kpi.thresholds {
        Some(t) => (t.basis, t.on_track, t.off_track),
        None => (
            ThresholdBasis::Attainment,
            Decimal::new(95, 2),
            Decimal::new(85, 2),
        ),
    };
    let (v, higher) = match basis {
        ThresholdBasis::Attainment => (attainment?, true),
        ThresholdBasis::Value => (actual?, kpi.direction == Direction::HigherIsBetter),
    };
    let better_or_equal = |x: Decimal, y: Decimal| if higher { x >= y } else { x <= y };
    Some(if better_or_equal(v, on) {
        Status::OnTrack
    } else if better_or_equal(v, off) {
        Status::AtRisk
    } else {
        Status::OffTrack
    })
}

/// Least-squares slope of values at x = 0, 1, 2, …; `None` for fewer than two.
pub(super) fn slope(values: &[Decimal]) -> Option<Decimal> {
    let n = Decimal::from(values.len());
    if values.len() < 2 {
        return None;
    }
    let mean_x = (n - Decimal::ONE) / Decimal::TWO;
    let mean_y = values
        .iter()
        .try_fold(Decimal::ZERO, |a, v| a.checked_add(*v))?
        .checked_div(n)?;
    let (mut sxy, mut sxx) = (Decimal::ZERO, Decimal::ZERO);
    for (i, y) in values.iter().enumerate() {
        let dx = Decimal::from(i) - mean_x;
        sxy = sxy.checked_add(dx.checked_mul(y.checked_sub(mean_y)?)?)?;
        sxx += dx * dx;
    }
    Some(sxy.checked_div(sxx)?.round_dp(4))
}

/// Completed periods as they are, the rest on the least-squares line.
pub(super) fn trend_forecast(completed: &[Decimal], total_periods: usize) -> Option<Decimal> {
    let b = slope(completed)?;
    let n = Decimal::from(completed.len());
    let mean_x = (n - Decimal::ONE) / Decimal::TWO;
    let mean_y = completed.iter().sum::<Decimal>().checked_div(n)?;
    let mut total = completed.iter().sum::<Decimal>();
    for x in completed.len()..total_periods {
        let y = mean_y.checked_add(b.checked_mul(Decimal::from(x) - mean_x)?)?;
        total = total.checked_add(y.max(Decimal::ZERO))?;
    }
    Some(total.round_dp(2))
}
