use super::*;
use crate::evaluate::{Evaluation, EvaluationOptions};
use crate::example_plan;

fn evaluation(plan: &Plan, as_of: &str) -> Evaluation {
    let actuals = crate::testing::case_study_actuals(plan);
    let options = EvaluationOptions {
        hierarchy: vec!["region".into()],
        ..EvaluationOptions::as_of(as_of.parse().unwrap())
    };
    plan.evaluate(&actuals, &options).unwrap()
}

fn holds(plan: &Plan, text: &str, e: &Evaluation) -> bool {
    let set = RuleSet::compile_condition(plan, text).unwrap();
    let register = plan.risk_register(Some(e));
    let facts = set.facts(plan, e, Some(&register));
    set.holds(&set.rules()[0], &facts)
}

fn error(text: &str) -> ConditionError {
    RuleSet::compile_condition(&example_plan(), text).unwrap_err()
}

/// Found by fuzzing: a condition that reads no fact (`2 > 5`) indexed the
/// constant 1 of its arithmetic past the end of a thread's fresh scratch.
#[test]
fn conditions_without_facts_evaluate_on_a_fresh_thread() {
    let run = || {
        let plan = example_plan();
        for (text, expected) in [("2 > 5", false), ("2 < 5", true), ("1 + 1 == 2 * 1", true)] {
            let set = RuleSet::compile_condition(&plan, text).unwrap();
            assert!(set.slots().is_empty());
            let mut fired = Vec::new();
            set.evaluate(&[], &mut fired);
            assert_eq!(!fired.is_empty(), expected, "{text}");
            assert_eq!(set.holds(&set.rules()[0], &[]), expected, "{text}");
        }
    };
    // Each thread has its own scratch; a new one starts empty.
    std::thread::spawn(run).join().unwrap();
    run();
}

#[test]
fn the_case_study_rules_at_midyear() {
    let plan = example_plan();
    let set = RuleSet::compile(&plan).unwrap();
    assert_eq!(set.rules().len(), 2);
    let e = evaluation(&plan, "2026-06-30");
    let facts = set.facts(&plan, &e, None);
    let fired: Vec<&str> = set
        .rules()
        .iter()
        .filter(|r| set.holds(r, &facts))
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(fired, ["R-CONV-SERVICE"]);
    // The conversion rule reads two facts.
    let conv = &set.rules()[0];
    let read: Vec<String> = conv
        .reads()
        .iter()
        .map(|&i| set.slots()[i as usize].to_string())
        .collect();
    assert_eq!(
        read,
        [r#"kpi("K-CONV").attainment"#, r#"kpi("K-REV-HIGH").trend"#]
    );
}

#[test]
fn facts_of_every_kind() {
    let plan = example_plan();
    let e = evaluation(&plan, "2026-06-30");
    assert!(holds(&plan, r#"kpi("K-CONV").status == "off_track""#, &e));
    assert!(holds(
        &plan,
        r#"kpi("K-CONV").status in ["off_track", "at_risk"]"#,
        &e
    ));
    assert!(holds(
        &plan,
        r#"kpi("K-REV").pace >= 0.9 and kpi("K-REV").pace == kpi("K-REV").attainment"#,
        &e
    ));
    assert!(holds(
        &plan,
        r#"kpi("K-REV").actual - kpi("K-REV").expected == kpi("K-REV").variance"#,
        &e
    ));
    assert!(holds(
        &plan,
        r#"kpi("K-REV", region="east").actual > 0"#,
        &e
    ));
    assert!(!holds(
        &plan,
        r#"kpi("K-REV", region="mars").actual > 0"#,
        &e
    ));
    assert!(
        !holds(&plan, r#"kpi("K-REV", region="mars").actual <= 0"#, &e),
        "missing is never compared"
    );
    assert!(holds(
        &plan,
        r#"not (kpi("K-REV", region="mars").actual > 0)"#,
        &e
    ));
    assert!(holds(
        &plan,
        r#"risk("R-CHURN").likelihood == 5 and risk("R-CHURN").level == "high""#,
        &e
    ));
    assert!(holds(&plan, r#"risk("R-CHURN").exposure == 2400000"#, &e));
    assert!(holds(&plan, r#"kpi("K-CONV").periods_below(0.9) >= 3"#, &e));
    assert!(holds(
        &plan,
        r#"kpi("K-REV").forecast_attainment > 0.8"#,
        &e
    ));
    assert!(
        holds(&plan, "1 / 0 != 1 or true", &e),
        "division by zero is no value"
    );
    assert!(holds(&plan, "-(2 - 3) * 2 == 2", &e));
}

#[test]
fn reference_and_type_errors_have_columns() {
    let e = error(r#"kpi("K-NOPE").pace < 1"#);
    assert_eq!(
        (e.column, e.message.as_str()),
        (1, r#"the plan has no KPI "K-NOPE""#)
    );
    let e = error(r#"kpi("K-REV").pace < 1 and risk("R-NOPE").score > 3"#);
    assert_eq!(e.column, 27);
    let e = error(r#"kpi("K-CONV").status > 1"#);
    assert_eq!(e.column, 22);
    assert!(
        e.message.contains("compares a text with a number"),
        "{}",
        e.message
    );
    let e = error(r#"kpi("K-CONV").status < "on_track""#);
    assert!(
        e.message.contains("only numbers are ordered"),
        "{}",
        e.message
    );
    let e = error(r#"kpi("K-REV").pace + 1"#);
    assert!(e.message.contains("not a condition"), "{}", e.message);
    let e = error(r#"kpi("K-REV").pace and true"#);
    assert!(e.message.contains("joins conditions"), "{}", e.message);
}

#[test]
fn every_rule_error_is_reported() {
    let mut plan = example_plan();
    plan.rules[0].when = r#"kpi("K-CONV").attainment <"#.into();
    plan.rules[1].when = r#"kpi("K-X").pace < 0.9"#.into();
    let errors = RuleSet::compile(&plan).unwrap_err();
    assert_eq!(errors.len(), 2);
    assert_eq!(
        errors[0].to_string(),
        "rule R-CONV-SERVICE, column 27: expected a value, found the end"
    );
    assert_eq!(errors[1].rule, "R-REV-PACE");
}

proptest::proptest! {
    /// The integer fast path orders a fact and a constant exactly as
    /// decimal comparison does.
    #[test]
    fn the_fast_comparison_is_exact(
        fm in -10_000_000_000i64..10_000_000_000, fs in 0u32..=28,
        cm in -10_000_000_000i64..10_000_000_000, cs in 0u32..=28,
    ) {
        let (fact, constant) = (Decimal::new(fm, fs), Decimal::new(cm, cs));
        proptest::prop_assert_eq!(Scaled::new(constant).order(&fact), fact.cmp(&constant));
        proptest::prop_assert_eq!(Scaled::new(fact).order(&fact), std::cmp::Ordering::Equal);
    }
}
