//! Scoring one series of forecasts against the actual at the close:
//! errors, MAPE, WAPE, bias, coverage and the waterfall.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use super::{Coverage, Point, Step, StepKind, Summary, RATIO_DECIMALS};
use crate::error::{Error, Result};

/// Rounds a ratio to [`RATIO_DECIMALS`], without trailing zeros.
pub(super) fn ratio(value: Decimal) -> Decimal {
    value
        .round_dp_with_strategy(RATIO_DECIMALS, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

fn overflow(what: &str) -> Error {
    Error::Overflow {
        what: what.to_owned(),
        message: "the forecasts and actuals are too large to score together".into(),
    }
}

/// A forecast scored against the actual.
pub(super) fn point(as_of: NaiveDate, forecast: Decimal, actual: Decimal) -> Result<Point> {
    let error = forecast
        .checked_sub(actual)
        .ok_or_else(|| overflow("forecast − actual"))?;
    let ape = error.abs().checked_div(actual.abs()).map(ratio);
    Ok(Point {
        as_of,
        forecast,
        actual,
        error,
        ape,
    })
}

/// MAPE, WAPE and bias of points (pooled).
pub(super) fn summarise<'a>(points: impl IntoIterator<Item = &'a Point>) -> Result<Summary> {
    let mut count = 0u32;
    let (mut abs_err, mut err, mut abs_act, mut act) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let (mut apes, mut ape_sum) = (0u32, Decimal::ZERO);
    let add = |sum: &mut Decimal, v: Decimal, what: &str| -> Result<()> {
        *sum = sum.checked_add(v).ok_or_else(|| overflow(what))?;
        Ok(())
    };
    for p in points {
        count += 1;
        add(&mut abs_err, p.error.abs(), "Σ|error|")?;
        add(&mut err, p.error, "Σ error")?;
        add(&mut abs_act, p.actual.abs(), "Σ|actual|")?;
        add(&mut act, p.actual, "Σ actual")?;
        if let Some(ape) = p.error.abs().checked_div(p.actual.abs()) {
            apes += 1;
            add(&mut ape_sum, ape, "Σ APE")?;
        }
    }
    Ok(Summary {
        count,
        mape: ape_sum.checked_div(Decimal::from(apes)).map(ratio),
        wape: abs_err.checked_div(abs_act).map(ratio),
        bias: err.checked_div(act).map(ratio),
    })
}

/// The waterfall of a method's forecasts, ending at the actual.
pub(super) fn waterfall(points: &[Point], close: NaiveDate, actual: Decimal) -> Result<Vec<Step>> {
    let mut steps: Vec<Step> = Vec::with_capacity(points.len() + 1);
    let bars = points
        .iter()
        .map(|p| (p.as_of, StepKind::Forecast, p.forecast))
        .chain(std::iter::once((close, StepKind::Actual, actual)));
    for (as_of, kind, value) in bars {
        let change = match steps.last() {
            Some(before) => Some(
                value
                    .checked_sub(before.value)
                    .ok_or_else(|| overflow("waterfall change"))?,
            ),
            None => None,
        };
        steps.push(Step {
            as_of,
            kind,
            value,
            change,
        });
    }
    Ok(steps)
}

/// Coverage of `(p10, p90)` ranges against the actual; `None` without any.
pub(super) fn coverage(ranges: &[(Decimal, Decimal, Decimal)]) -> Option<Coverage> {
    if ranges.is_empty() {
        return None;
    }
    let count = ranges.len() as u32;
    let inside = ranges
        .iter()
        .filter(|(lo, hi, actual)| lo <= actual && actual <= hi)
        .count() as u32;
    Some(Coverage {
        count,
        inside,
        share: ratio(Decimal::from(inside) / Decimal::from(count)),
    })
}
