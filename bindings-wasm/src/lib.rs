//! WebAssembly bindings for [`salesplan`]: the npm package `salesplan`.
//!
//! Every export converts between JavaScript values and the core's types and
//! calls the core; no rule of the domain lives here. Plain JSON-compatible
//! objects go in and out, amounts of money stay exact decimal strings, and
//! unreadable input throws a JavaScript `Error` named `SalesplanError` that
//! carries the core's `code` and `path` (see [`interop`]).
//!
//! The TypeScript declarations of the package come from the
//! `#[wasm_bindgen]` signatures and from `src/typings.d.ts`.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod accuracy;
mod actuals;
mod adjust;
mod amount;
mod analysis;
mod chart;
mod columns;
mod evaluate;
mod evaluation;
mod history;
pub mod interop;
mod lend;
mod monitor;
mod numbers;
mod panic;
mod partial;
mod plan;
mod report;
mod risk;
mod rules;
mod scorecard;
mod typings;

use wasm_bindgen::prelude::*;

pub use accuracy::{accuracy, snapshot};
pub use actuals::{load_actuals, Actuals};
pub use adjust::{
    apply_patch, apply_proposals, compare_scenarios, diff_plans, edit_plan, propose, replay,
};
pub use amount::{format_amount, format_money, parse_amount};
pub use analysis::{
    allocate, cascade, decompose_gap, heads_needed, reverse_funnel, unit_economics,
};
pub use chart::{
    chart_budget_burn, chart_burn_up, chart_gantt, chart_gap_waterfall, chart_kpi_bullets,
    chart_outcome_histogram, chart_risk_heatmap,
};
pub use evaluate::phase_goal;
pub use evaluation::{evaluate, EvaluationResult};
pub use history::History;
pub use partial::{evaluate_partial, fold, Partial};
pub use plan::{
    example_plan, example_plan_json, options_schema, outputs_schema, parse_plan, plan_schema,
    sections, summary, validate_plan,
};
pub use report::report;
pub use risk::{risk_register, simulate};
pub use rules::RuleSet;
pub use scorecard::scorecards;

/// Runs once when the module is instantiated: installs the panic hook.
#[wasm_bindgen(start, private)]
fn start() {
    panic::install_hook();
}

/// The version of the library, e.g. `"0.1.0"` (the core crate's version).
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    salesplan::VERSION.to_owned()
}

/// Panics on purpose, so that the tests can check what a panic looks like
/// from JavaScript. Only in builds with the `panic-probe` feature, never in
/// the package.
#[cfg(feature = "panic-probe")]
#[wasm_bindgen(js_name = __panicProbe, skip_typescript)]
pub fn panic_probe(message: &str) {
    panic!("{message}");
}
