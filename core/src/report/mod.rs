//! The periodic plan review (经营复盘) as a document people read: a
//! headline (target, actual to date, attainment, status, forecasts, the
//! chance of reaching the target), every KPI by node, the revenue gap
//! explained, the risk register, the simulation, the rules' proposals with
//! what accepting them would change, and the tasks and budget — as one
//! self-contained HTML file (inline CSS, no script, no link, laid out for A4
//! when printed) or as Markdown, in Chinese or English.
//!
//! The same inputs give the same bytes in every language binding: nothing
//! reads the clock, the machine or its fonts.

mod blocks;
mod content;
mod doc;
mod html;
mod lang;
mod markdown;
mod response;

use serde::{Deserialize, Serialize};

pub use lang::Lang;

use crate::actuals::Actuals;
use crate::adjust::Proposals;
use crate::evaluate::{Evaluation, EvaluationOptions};
use crate::risk::simulate::{Simulation, SimulationOptions};
use crate::risk::RiskRegister;
use crate::{Plan, Result};

/// What a review is made from: a plan, its evaluation as of the review's
/// day, the risk register scored against it, and optionally a simulation
/// and the rules' proposals.
#[derive(Debug, Clone, Copy)]
pub struct Review<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// Its evaluation; the review is as of its day.
    pub evaluation: &'a Evaluation,
    /// The risk register scored against the evaluation.
    pub register: &'a RiskRegister,
    /// The chance of reaching the revenue goal, when simulated.
    pub simulation: Option<&'a Simulation>,
    /// What the rules propose, when asked.
    pub proposals: Option<&'a Proposals>,
}

/// How a review is written.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One self-contained HTML file.
    #[default]
    Html,
    /// Markdown, with the pictures as inline SVG.
    Markdown,
}

impl std::str::FromStr for Format {
    type Err = crate::Error;

    fn from_str(text: &str) -> Result<Format> {
        match text.trim() {
            "html" => Ok(Format::Html),
            "md" | "markdown" => Ok(Format::Markdown),
            other => Err(crate::Error::InvalidArgument {
                name: "format".into(),
                message: format!("{other:?} is not a report format (html or md)"),
            }),
        }
    }
}

/// The language and format of a review.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct ReportOptions {
    /// `zh` or `en`.
    #[serde(default)]
    pub lang: Lang,
    /// `html` or `markdown`.
    #[serde(default)]
    pub format: Format,
}

/// Writes the review.
///
/// # Errors
/// Only what drawing its pictures can refuse; the text itself always
/// writes.
pub fn render(review: &Review<'_>, options: &ReportOptions) -> Result<String> {
    let doc = content::document(review, options.lang, crate::VERSION)?;
    Ok(match options.format {
        Format::Html => html::write(&doc),
        Format::Markdown => markdown::write(&doc),
    })
}

/// Everything [`Plan::review`] does: the evaluation's options (its day,
/// hierarchy and open deals), the simulation's when one is wanted, and the
/// report's language and format.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewOptions {
    /// How to evaluate; the review is as of `evaluation.as_of`.
    pub evaluation: EvaluationOptions,
    /// How to simulate the chance of reaching the revenue goal (with the
    /// evaluation's open deals); `None` leaves the simulation out.
    pub simulation: Option<SimulationOptions>,
    /// Language and format.
    pub report: ReportOptions,
}

impl Plan {
    /// The plan review as of a day, written whole: evaluates the actuals,
    /// scores the risk register against the evaluation, simulates when
    /// asked, lets the rules propose (no proposal accepted before), and
    /// renders it.
    ///
    /// # Errors
    /// What [`Plan::evaluate`], [`Plan::simulate`] and [`Plan::propose`]
    /// refuse.
    pub fn review(&self, actuals: &Actuals, options: &ReviewOptions) -> Result<String> {
        let evaluation = self.evaluate(actuals, &options.evaluation)?;
        let register = self.risk_register(Some(&evaluation));
        let simulation = match &options.simulation {
            Some(s) => Some(self.simulate(actuals, &options.evaluation.pipeline, s)?),
            None => None,
        };
        let proposals = self.propose(&evaluation, &[])?;
        let review = Review {
            plan: self,
            evaluation: &evaluation,
            register: &register,
            simulation: simulation.as_ref(),
            proposals: Some(&proposals),
        };
        render(&review, &options.report)
    }
}

#[cfg(test)]
mod tests;
