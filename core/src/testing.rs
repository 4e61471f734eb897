//! Fixtures the unit tests share: the case study's FY2026 actuals and
//! mid-year pipeline from `tests/evaluations/case-study`.

use crate::actuals::{Actuals, LoadMode};
use crate::evaluate::{deals_from_json, Deal};
use crate::plan::Plan;

fn read(name: &str) -> String {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/evaluations/case-study/"
    );
    std::fs::read_to_string(format!("{dir}{name}")).expect("the case study's files")
}

/// The case study's actuals, read for `plan`.
pub(crate) fn case_study_actuals(plan: &Plan) -> Actuals {
    plan.actuals_from_csv(&read("actuals.csv"), LoadMode::Strict)
        .expect("clean actuals")
        .actuals
}

/// The case study's open pipeline at mid-year.
pub(crate) fn case_study_pipeline() -> Vec<Deal> {
    deals_from_json(&read("pipeline.json")).expect("a readable pipeline")
}
