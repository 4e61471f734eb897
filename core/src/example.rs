//! The case study every layer reproduces: a technology company targets
//! 1.2亿元 revenue in FY2026 (+20% on 1.0亿), launches a high-end line, and
//! adjusts when conversion lags.

use crate::plan::Plan;

/// The case-study plan as JSON text (the file `core/examples/case-study.json`).
pub const EXAMPLE_PLAN_JSON: &str = include_str!("../examples/case-study.json");

/// The case-study plan.
pub fn example_plan() -> Plan {
    // The embedded document is checked by the test suite; failing to read it
    // is a build defect, not an input error.
    Plan::from_json(EXAMPLE_PLAN_JSON).expect("the embedded case study is a valid plan document")
}
