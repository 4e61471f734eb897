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

use crate::error::Error;
use crate::evaluate::Evaluation;

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
