//! Scoring one series of forecasts against the actual at the close:
//! errors, MAPE, WAPE, bias, coverage and the waterfall.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Ratios (APE, MAPE, WAPE, bias, coverage) are rounded to this many
/// decimal places, half away from zero, and written without trailing
/// zeros (`"0.05"`, `"1"`).
pub const RATIO_DECIMALS: u32 = 4;

/// A forecast method.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The evaluation's `forecast_run_rate`.
    RunRate,
    /// The evaluation's `forecast_trend`.
    Trend,
    /// The evaluation's `forecast_pipeline`.
    Pipeline,
    /// The median of the snapshot's simulation.
    SimulationP50,
}

impl Method {
    /// Every method, in the order results list them.
    pub const ALL: [Method; 4] = [
        Method::RunRate,
        Method::Trend,
        Method::Pipeline,
        Method::SimulationP50,
    ];
}

/// One snapshot's forecast against the actual at the close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Point {
    /// The snapshot's day.
    pub as_of: NaiveDate,
    /// The forecast for the whole plan period.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub forecast: Decimal,
    /// The actual at the close.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub actual: Decimal,
    /// forecast − actual: positive is an over-forecast.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub error: Decimal,
    /// |error| ÷ |actual|; `None` when the actual is zero.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub ape: Option<Decimal>,
}

/// Accuracy over a set of points.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(rename = "AccuracySummary")]
pub struct Summary {
    /// Points scored.
    pub count: u32,
    /// Mean of the points' APEs (those with a non-zero actual).
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub mape: Option<Decimal>,
    /// Σ|error| ÷ Σ|actual|.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub wape: Option<Decimal>,
    /// Σ error ÷ Σ actual: positive means over-forecast.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub bias: Option<Decimal>,
}

/// One bar of a forecast waterfall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Step {
    /// The snapshot's day, or the close for the last bar.
    pub as_of: NaiveDate,
    /// A forecast, or the actual for the last bar.
    pub kind: StepKind,
    /// The forecast, or the actual.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub value: Decimal,
    /// The change from the bar before; `None` for the first.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub change: Option<Decimal>,
}

/// What a bar of a waterfall shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// A snapshot's forecast.
    Forecast,
    /// The actual at the close.
    Actual,
}

/// Share of simulated snapshots whose actual fell within P10–P90.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Coverage {
    /// Snapshots with a simulation.
    pub count: u32,
    /// Of those, how many had the actual within P10–P90 (bounds included).
    pub inside: u32,
    /// inside ÷ count; about 0.8 when the simulation is well calibrated.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub share: Decimal,
}

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
