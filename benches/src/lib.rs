//! Benchmarks for salesplan live in `benches/`; see `README.md` here.
//!
//! [`rules`] holds the data of the rule-engine benchmark, shared by its
//! binary and tests.

pub mod rules;
