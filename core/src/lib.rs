#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod accuracy;
pub mod actuals;
pub mod adjust;
pub mod calendar;
pub mod capacity;
pub mod chart;
pub mod decompose;
mod diagnostic;
mod error;
pub mod evaluate;
mod example;
pub mod formula;
pub mod funnel;
pub mod limits;
pub mod monitor;
pub mod plan;
pub mod report;
pub mod risk;
pub mod rules;
pub mod schedule;
mod schema;
pub mod summary;
#[cfg(test)]
mod testing;
mod tracking;
pub mod units;
pub mod validate;

pub use diagnostic::{Diagnostic, Severity};
pub use error::{DocumentErrorKind, Error, Result};
pub use example::{example_plan, EXAMPLE_PLAN_JSON};
pub use plan::{Plan, Section, SCHEMA_VERSION, SECTIONS};
pub use schema::{
    options_schema, options_schema_json, outputs_schema, outputs_schema_json, plan_schema,
    plan_schema_json,
};
pub use units::{format_amount, parse_amount, AmountFormat, AmountUnit, Currency};

/// The library version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The repository README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct RepositoryReadme;
