//! The data of forecast accuracy: how good the forecasts of a history were,
//! by KPI × node, method and owner (computed by [`crate::accuracy`]).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// Ratios (APE, MAPE, WAPE, bias, coverage) are rounded to this many
/// decimal places, half away from zero, and written without trailing
/// zeros (`"0.05"`, `"1"`).
pub const RATIO_DECIMALS: u32 = 4;

/// How good the forecasts of a history were.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Accuracy {
    /// The day of the closing evaluation.
    pub close: NaiveDate,
    /// The snapshots' days, oldest first.
    pub snapshots: Vec<NaiveDate>,
    /// Decimal places of the ratios ([`RATIO_DECIMALS`]).
    pub decimals: u32,
    /// Every KPI × node scored.
    pub series: Vec<Series>,
    /// The company-level figures pooled by owner, in order of first
    /// appearance among the series.
    pub owners: Vec<OwnerAccuracy>,
}

/// One KPI for one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Series {
    /// The KPI.
    pub kpi: String,
    /// The node (`""` for the company).
    pub node: String,
    /// The KPI's goal.
    pub goal: Option<String>,
    /// The goal's owner.
    pub owner: Option<String>,
    /// The actual at the close.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub actual: Decimal,
    /// Per method with at least one forecast, in [`Method::ALL`] order.
    pub methods: Vec<MethodAccuracy>,
    /// Calibration of the simulations, when there are any.
    pub coverage: Option<Coverage>,
}

/// One method's forecasts of one KPI × node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MethodAccuracy {
    /// The method.
    pub method: Method,
    /// Over all its points.
    pub summary: Summary,
    /// Snapshot by snapshot.
    pub points: Vec<Point>,
    /// The forecasts with their changes, ending at the actual.
    pub waterfall: Vec<Step>,
}

impl Series {
    /// A method's accuracy, when it forecast this series.
    pub fn method(&self, method: Method) -> Option<&MethodAccuracy> {
        self.methods.iter().find(|m| m.method == method)
    }
}

impl Accuracy {
    /// Reads an accuracy back from its JSON (as [`accuracy`](crate::accuracy::accuracy) writes it),
    /// to give to monitoring ([`crate::monitor::MonitorInputs::accuracy`]).
    ///
    /// # Errors
    /// [`crate::Error::Syntax`] or [`crate::Error::Document`] with the JSON
    /// pointer of the offending value.
    pub fn from_json(text: &str) -> Result<Accuracy> {
        crate::plan::parse::deserialize(&crate::plan::parse::parse_text(text)?)
    }

    /// A KPI × node's series (`node` `""` for the company).
    pub fn series(&self, kpi: &str, node: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.kpi == kpi && s.node == node)
    }

    /// One figure, as rule facts read it: `field` is `bias`, `wape` or
    /// `mape` of the run-rate method, or `coverage` (the share) of the
    /// simulations. `None` for an unknown field, a series not scored, or
    /// a figure without a value (a zero denominator, no simulations).
    pub fn fact(&self, kpi: &str, node: &str, field: &str) -> Option<Decimal> {
        let series = self.series(kpi, node)?;
        if field == "coverage" {
            return series.coverage.as_ref().map(|c| c.share);
        }
        let summary = &series.method(Method::RunRate)?.summary;
        match field {
            "bias" => summary.bias,
            "wape" => summary.wape,
            "mape" => summary.mape,
            _ => None,
        }
    }
}

/// One owner's company-level forecasts, pooled over their KPIs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OwnerAccuracy {
    /// The owner of the KPIs' goal; `None` for KPIs without one.
    pub owner: Option<String>,
    /// The KPIs pooled, in plan order.
    pub kpis: Vec<String>,
    /// Per method with at least one point, in [`Method::ALL`] order.
    pub methods: Vec<OwnerMethod>,
    /// The simulations' calibration over the owner's KPIs.
    pub coverage: Option<Coverage>,
}

/// One method's pooled figures for an owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OwnerMethod {
    /// The method.
    pub method: Method,
    /// Over every point of the owner's KPIs.
    pub summary: Summary,
}

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
