//! The embedded case study reads, round-trips and validates cleanly.

use salesplan::{example_plan, parse_amount, Plan, Severity, EXAMPLE_PLAN_JSON};

#[test]
fn case_study_has_no_errors_or_warnings() {
    let diagnostics = example_plan().validate();
    assert!(
        diagnostics.iter().all(|d| d.severity == Severity::Info),
        "{diagnostics:#?}"
    );
}

#[test]
fn case_study_is_stored_in_canonical_form() {
    // The file is exactly what the library writes, so a round trip through
    // any binding reproduces it.
    let plan = example_plan();
    let canonical = plan.to_json() + "\n";
    if std::env::var_os("SALESPLAN_BLESS").is_some() && canonical != EXAMPLE_PLAN_JSON {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/case-study.json");
        std::fs::write(path, &canonical).unwrap();
    }
    assert_eq!(
        canonical, EXAMPLE_PLAN_JSON,
        "run with SALESPLAN_BLESS=1 to rewrite the file"
    );
    assert_eq!(Plan::from_json(&canonical).unwrap(), plan);
}

#[test]
fn case_study_headline_numbers() {
    let plan = example_plan();
    let revenue = plan.goal("G-REV").unwrap();
    assert_eq!(
        plan.goal_target(revenue),
        Some(parse_amount("1.2亿").unwrap())
    );
    assert_eq!(
        plan.goal_baseline(revenue),
        Some(parse_amount("1亿").unwrap())
    );
    assert_eq!(revenue.growth, Some("0.20".parse().unwrap()));
    assert_eq!(plan.months(), 12);
    // 10 ramping high-end AEs and 40 core AEs can carry the target.
    assert_eq!(
        plan.sales_capacity(),
        Some(parse_amount("1亿2575万").unwrap())
    );
    let summary = plan.summary(&plan.validate());
    assert_eq!(summary.execution.phases, 6);
    assert_eq!(summary.risks.count, 4);
    let categories: Vec<_> = plan
        .risks
        .register
        .iter()
        .map(|r| format!("{:?}", r.category))
        .collect();
    assert_eq!(categories, ["Market", "Customer", "Execution", "Financial"]);
}
