//! Performance evaluation as of a date: every KPI, for the whole company
//! and for every node of a dimension hierarchy, against its targets.
//!
//! For each KPI × node the evaluation gives the actual to date and per
//! period, and — where the node has targets (the company does) — the target,
//! the expected-to-date value by the phasing curve, variance, attainment,
//! pace, two forecasts and a status from the KPI's thresholds.
//!
//! * A KPI is *additive* when its formula is a single `sum(measure)`: its
//!   plan target is phased over the periods (by `targets` where given, else
//!   by its goal's seasonality, else evenly; see
//!   [`allocate`](crate::decompose::allocate)), and within the current
//!   period the target accrues linearly by days. Any other KPI (a ratio, an
//!   average) has the same target in every period and no pacing.
//! * Attainment is actual ÷ target for higher-is-better KPIs and target ÷
//!   actual for lower-is-better ones, so above 1 is always good. For
//!   additive KPIs it is measured against the expected-to-date value, which
//!   makes it the pace.
//! * Forecasts (additive KPIs): *run rate* extrapolates the actual to date
//!   over the plan's days (to two decimals); *trend* fits a least-squares line through the
//!   completed periods and extends it over the rest.
//! * The core never reads the clock: `as_of` is always an argument.
//! * The actuals are folded by column: one pass over the rows for all the
//!   KPIs' filters, integer sums in dense (node, period, measure) cells,
//!   on two threads where there are two (one on WebAssembly); the result is
//!   the same for any number of threads. A sum beyond what a decimal holds
//!   is [`Error::Overflow`](crate::Error::Overflow), never a panic.

mod aggregate;
mod cells;
mod columnar;
mod deal_currency;
mod engine;
mod facts;
mod forecast;
pub mod gap;
mod nodes;
mod output;
mod partial;
mod pipeline;
pub mod scorecard;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use aggregate::{compute, Fold, Source};
pub(crate) use deal_currency::check_currencies as check_deal_currencies;
pub use facts::EvaluationFacts;
pub use output::{Evaluation, KpiResult, NodeGap, PeriodResult, Status};
pub use partial::Partial;
pub use pipeline::{deals_from_json, deals_from_value, Deal};

use crate::error::Result;
use crate::formula::{Aggregate, Formula};

/// What to evaluate. As JSON, every field but `as_of` may be left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationOptions {
    /// The day the evaluation is made; actuals after it are ignored.
    pub as_of: NaiveDate,
    /// Dimensions from the top down (`["region", "team", "rep"]`); every
    /// combination found in the actuals becomes a node under the company.
    /// Each is named once and, once there are observations, is a tag they
    /// carry.
    #[serde(default)]
    pub hierarchy: Vec<String>,
    /// How many completed periods the trend looks back over (3 by default).
    #[serde(default = "default_trend_periods")]
    pub trend_periods: usize,
    /// Open deals, for the pipeline forecast of revenue KPIs.
    #[serde(default)]
    pub pipeline: Vec<Deal>,
    /// How targets cascade to the nodes: a tree whose root is the company
    /// and whose node ids are node paths (`region=east`,
    /// `region=east/team=a`). Additive KPIs' period targets are split down
    /// it exactly ([`cascade`](fn@crate::decompose::cascade)); other KPIs keep
    /// the company's targets. Without it, only the company has targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cascade: Option<crate::decompose::Node>,
}

fn default_trend_periods() -> usize {
    3
}

impl EvaluationOptions {
    /// Company-level evaluation as of a date, trend over three periods.
    pub fn as_of(as_of: NaiveDate) -> EvaluationOptions {
        EvaluationOptions {
            as_of,
            hierarchy: Vec::new(),
            trend_periods: default_trend_periods(),
            pipeline: Vec::new(),
            cascade: None,
        }
    }

    /// Reads options from JSON (`{"as_of": "2026-06-30", ...}`), with the
    /// path of any field that does not fit; the open deals are checked as
    /// [`deals_from_value`] checks them.
    ///
    /// # Errors
    /// [`Error::Document`](crate::Error::Document) for unknown fields and
    /// wrong types, [`Error::InvalidArgument`](crate::Error::InvalidArgument)
    /// for a deal that does not hold (`/pipeline/0/probability`).
    pub fn from_value(value: &serde_json::Value) -> Result<EvaluationOptions> {
        let options: EvaluationOptions = crate::plan::parse::deserialize(value)?;
        pipeline::check_deals(&options.pipeline, "/pipeline")?;
        Ok(options)
    }

    /// [`from_value`](Self::from_value) from JSON text.
    ///
    /// # Errors
    /// [`Error::Syntax`](crate::Error::Syntax) for malformed JSON; as
    /// [`from_value`](Self::from_value) otherwise.
    pub fn from_json(text: &str) -> Result<EvaluationOptions> {
        Self::from_value(&crate::plan::parse::parse_text(text)?)
    }
}

pub(crate) fn is_additive(formula: &Formula) -> bool {
    matches!(
        formula,
        Formula::Measure {
            aggregate: Aggregate::Sum,
            ..
        }
    )
}

#[cfg(test)]
mod tests;
