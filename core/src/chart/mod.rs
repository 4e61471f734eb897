//! Charts of a plan and its evaluation, each one self-contained SVG
//! document of [`WIDTH`] × [`HEIGHT`] (720 × 360) pixels.
//!
//! The charts are drawn with the `plotters` library on its SVG backend.
//! Every document has a `<title>`, no script and no external reference,
//! and is the same bytes on every target: coordinates are whole pixels
//! computed with basic arithmetic only, ticks are chosen without
//! logarithms, and text is measured with a fixed table of advances (an
//! ideograph is one em, Latin letters and digits about half), never with
//! the fonts of the machine or of a browser. Text stays text, so a viewer
//! renders Chinese labels with its own fonts; only the measured widths,
//! which place the legend and size the label areas, come from the table.
//!
//! Words are in Chinese or English ([`Lang`]); amounts are written in 万
//! and 亿 in Chinese and with thousands separators and the currency code in
//! English; dates are ISO.
//!
//! ```
//! use salesplan::chart::{gantt, Lang};
//!
//! let plan = salesplan::example_plan();
//! let svg = gantt(&plan, "2026-06-30".parse().unwrap(), Lang::En).unwrap();
//! assert!(svg.starts_with("<svg") && svg.contains("<title>"));
//! ```

mod axis;
mod budget;
mod bullets;
mod burn_up;
mod canvas;
mod frame;
mod gantt;
mod heatmap;
mod histogram;
mod lang;
mod style;
mod timeline;
mod waterfall;

pub use budget::budget_burn;
pub use bullets::kpi_bullets;
pub use burn_up::burn_up;
pub use canvas::{HEIGHT, WIDTH};
pub use gantt::gantt;
pub use heatmap::risk_heatmap;
pub use histogram::outcome_histogram;
pub use lang::Lang;
pub use waterfall::gap_waterfall;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::evaluate::Evaluation;
use crate::risk::simulate::Simulation;
use crate::risk::RiskRegister;
use crate::Plan;

/// An [`Error::InvalidArgument`] for `name`.
fn invalid(name: &str, message: String) -> Error {
    Error::InvalidArgument {
        name: name.into(),
        message,
    }
}

/// Whether the evaluation has results for `node`.
fn has_node(evaluation: &Evaluation, node: &str) -> bool {
    evaluation.kpis.iter().any(|k| k.node == node)
}

/// A node as a chart names it: the company, or its path.
fn node_name(node: &str, lang: lang::Lang) -> String {
    if node.is_empty() {
        lang.pick("全公司", "company").to_owned()
    } else {
        node.to_owned()
    }
}

/// The pictures, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// [`burn_up`].
    BurnUp,
    /// [`kpi_bullets`].
    KpiBullets,
    /// [`gap_waterfall`].
    GapWaterfall,
    /// [`risk_heatmap`].
    RiskHeatmap,
    /// [`outcome_histogram`].
    OutcomeHistogram,
    /// [`gantt`].
    Gantt,
    /// [`budget_burn`].
    BudgetBurn,
}

impl Kind {
    /// Every picture, in the order of the plan review.
    pub const ALL: [Kind; 7] = [
        Kind::BurnUp,
        Kind::KpiBullets,
        Kind::GapWaterfall,
        Kind::RiskHeatmap,
        Kind::OutcomeHistogram,
        Kind::Gantt,
        Kind::BudgetBurn,
    ];

    /// Its name: `burn_up`, `kpi_bullets`, ...
    pub fn name(self) -> &'static str {
        match self {
            Kind::BurnUp => "burn_up",
            Kind::KpiBullets => "kpi_bullets",
            Kind::GapWaterfall => "gap_waterfall",
            Kind::RiskHeatmap => "risk_heatmap",
            Kind::OutcomeHistogram => "outcome_histogram",
            Kind::Gantt => "gantt",
            Kind::BudgetBurn => "budget_burn",
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = Error;

    fn from_str(text: &str) -> Result<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == text.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                invalid(
                    "kind",
                    format!(
                        "{text:?} is not a chart; the charts are {}",
                        names.join(", ")
                    ),
                )
            })
    }
}

/// What a picture may be drawn from; each kind reads what it needs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    /// The plan (every kind but the heat map and the histogram).
    pub plan: Option<&'a Plan>,
    /// An evaluation of it (burn-up, bullets, waterfall).
    pub evaluation: Option<&'a Evaluation>,
    /// A risk register (heat map).
    pub register: Option<&'a RiskRegister>,
    /// A simulation (histogram; the burn-up's band).
    pub simulation: Option<&'a Simulation>,
    /// The KPI of a burn-up (by default the plan's `sum(revenue)` KPI).
    pub kpi: Option<&'a str>,
    /// The node (`""`, the company, by default).
    pub node: &'a str,
    /// The day of a Gantt chart or a budget burn (by default the
    /// evaluation's).
    pub as_of: Option<NaiveDate>,
}

/// Draws a picture by its kind from the inputs it needs: one entry for the
/// bindings, which name pictures by text.
///
/// # Errors
/// [`Error::InvalidArgument`] naming an input the kind needs and was not
/// given; otherwise what the picture's own function refuses.
pub fn draw(kind: Kind, inputs: &Inputs<'_>, lang: Lang) -> Result<String> {
    let need = |what: &str| invalid(what, format!("the {} chart needs {what}", kind.name()));
    let plan = || inputs.plan.ok_or_else(|| need("plan"));
    let evaluation = || inputs.evaluation.ok_or_else(|| need("evaluation"));
    let as_of = || {
        inputs
            .as_of
            .or(inputs.evaluation.map(|e| e.as_of))
            .ok_or_else(|| need("as_of"))
    };
    match kind {
        Kind::BurnUp => {
            let plan = plan()?;
            let kpi = match inputs.kpi {
                Some(k) => k.to_owned(),
                None => revenue_kpi(plan).ok_or_else(|| need("kpi"))?,
            };
            burn_up(
                plan,
                evaluation()?,
                &kpi,
                inputs.node,
                inputs.simulation,
                lang,
            )
        }
        Kind::KpiBullets => kpi_bullets(plan()?, evaluation()?, inputs.node, lang),
        Kind::GapWaterfall => gap_waterfall(evaluation()?, inputs.node, lang),
        Kind::RiskHeatmap => risk_heatmap(inputs.register.ok_or_else(|| need("register"))?, lang),
        Kind::OutcomeHistogram => {
            outcome_histogram(inputs.simulation.ok_or_else(|| need("simulation"))?, lang)
        }
        Kind::Gantt => gantt(plan()?, as_of()?, lang),
        Kind::BudgetBurn => budget_burn(plan()?, as_of()?, lang),
    }
}

/// The plan's revenue KPI: `sum(revenue)` without a filter.
pub(crate) fn revenue_kpi(plan: &Plan) -> Option<String> {
    plan.kpis
        .iter()
        .find(|k| {
            k.filter.is_empty()
                && k.formula.split_whitespace().collect::<String>() == "sum(revenue)"
        })
        .map(|k| k.id.to_string())
}
