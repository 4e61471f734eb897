use super::*;
use crate::actuals::Actuals;
use crate::evaluate::EvaluationOptions;
use crate::example_plan;
use crate::plan::Action;
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn actuals(plan: &Plan) -> Actuals {
    crate::testing::case_study_actuals(plan)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn evaluate(plan: &Plan, as_of: &str) -> Evaluation {
    plan.evaluate(&actuals(plan), &EvaluationOptions::as_of(day(as_of)))
        .unwrap()
}

fn change(reason: &str) -> Change {
    Change {
        author: "Sales VP Li Wei".into(),
        at: "2026-07-03T09:00:00+08:00".into(),
        reason: reason.into(),
    }
}

fn budget(plan: &Plan, id: &str) -> Decimal {
    plan.resources
        .budget
        .iter()
        .find(|l| l.id.as_str() == id)
        .unwrap()
        .amount
}

#[test]
fn the_case_study_loop() {
    let plan = example_plan();
    let midyear = evaluate(&plan, "2026-06-30");
    let proposals = plan.propose(&midyear, &[]).unwrap();
    let ids: Vec<&str> = proposals.proposals.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["R-CONV-SERVICE@2026-06-30"]);
    let p = &proposals.proposals[0];
    assert!(
        p.explanation
            .starts_with(r#"kpi("K-CONV").attainment = 0.7857; kpi("K-REV-HIGH").trend = "#),
        "{}",
        p.explanation
    );
    assert!(p.touches.contains(&"budget:B-PROMO".to_owned()));

    let revised = plan
        .apply(
            &proposals.proposals,
            &change("Conversion is 22% against 28%"),
            Some(&midyear),
        )
        .unwrap();
    let r2 = &revised.plan;
    assert_eq!(r2.revision_number(), 2);
    assert_eq!(revised.revision.parent, 1);
    assert!(r2.strategies.iter().any(|s| s.id.as_str() == "S-CARE"));
    assert!(r2.execution.tasks.iter().any(|t| t.id.as_str() == "T-11"));
    assert_eq!(budget(r2, "B-PROMO"), Decimal::from(3_500_000));
    assert_eq!(budget(r2, "B-TRAIN"), Decimal::from(2_500_000));
    assert!(r2.validate().iter().all(|d| d.severity != Severity::Error));
    // The patch takes revision 1 to revision 2's content.
    let rebuilt = patch::apply(&plan.content(), &revised.revision.patch).unwrap();
    assert_eq!(rebuilt, r2.content());
    let ops: Vec<&str> = revised
        .revision
        .patch
        .iter()
        .map(|op| match op {
            PatchOp::Add { path, .. }
            | PatchOp::Replace { path, .. }
            | PatchOp::Remove { path } => path.as_str(),
            _ => "",
        })
        .collect();
    assert!(ops.contains(&"/resources/budget/1/amount"), "{ops:?}");

    // Year end: revision 2 reaches the target.
    let yearend = evaluate(r2, "2026-12-31");
    let rev = yearend.kpi("K-REV").unwrap();
    assert!(
        rev.actual.unwrap() >= rev.target.unwrap(),
        "{:?}",
        rev.actual
    );
}

#[test]
fn cooldowns_hold_rules_back() {
    let plan = example_plan();
    let accepted = [Accepted {
        rule: "R-CONV-SERVICE".into(),
        as_of: day("2026-06-30"),
    }];
    let july = plan
        .propose(&evaluate(&plan, "2026-07-31"), &accepted)
        .unwrap();
    assert!(july.proposals.iter().all(|p| p.rule != "R-CONV-SERVICE"));
    assert_eq!(july.suppressed[0].rule, "R-CONV-SERVICE");
    assert!(
        july.suppressed[0].reason.contains("1 elapsed"),
        "{}",
        july.suppressed[0].reason
    );
    let sept = plan
        .propose(&evaluate(&plan, "2026-09-30"), &accepted)
        .unwrap();
    assert!(
        sept.proposals.iter().any(|p| p.rule == "R-CONV-SERVICE"),
        "{sept:?}"
    );
}

#[test]
fn conflicting_proposals_are_reported() {
    let mut plan = example_plan();
    let mut twin = plan.rules[0].clone();
    twin.id = "R-TWIN".into();
    twin.actions
        .retain(|a| matches!(a, Action::MoveBudget { .. }));
    plan.rules.push(twin);
    let proposals = plan.propose(&evaluate(&plan, "2026-06-30"), &[]).unwrap();
    let targets: Vec<&str> = proposals
        .conflicts
        .iter()
        .map(|c| c.target.as_str())
        .collect();
    assert_eq!(targets, ["budget:B-PROMO", "budget:B-TRAIN"]);
    assert_eq!(
        proposals.conflicts[0].proposals,
        ["R-CONV-SERVICE@2026-06-30", "R-TWIN@2026-06-30"]
    );
}

#[test]
fn a_proposal_that_breaks_the_plan_is_refused_and_changes_nothing() {
    let plan = example_plan();
    let midyear = evaluate(&plan, "2026-06-30");
    let mut proposals = plan.propose(&midyear, &[]).unwrap().proposals;
    let before = plan.clone();
    // A task depending on a task that does not exist.
    if let Action::AddTask { task } = &mut proposals[0].actions[1] {
        task.depends_on = vec!["T-404".into()];
    }
    let err = plan
        .apply(&proposals, &change("test"), Some(&midyear))
        .unwrap_err();
    assert_eq!(err.code(), "rejected");
    let Error::Rejected { diagnostics } = &err else {
        panic!()
    };
    assert_eq!(diagnostics[0].severity, Severity::Error);
    assert!(err.to_string().contains("T-404"), "{err}");
    assert_eq!(plan, before);
    // More budget than the line holds.
    if let Action::MoveBudget { amount, .. } = &mut proposals[0].actions[3] {
        *amount = Some(Decimal::from(90_000_000));
    }
    let err = plan
        .apply(&proposals, &change("test"), Some(&midyear))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_argument");
    // A change without a time.
    let bad = Change {
        at: "yesterday".into(),
        ..change("x")
    };
    assert_eq!(
        plan.apply(&[], &bad, None).unwrap_err().code(),
        "invalid_argument"
    );
}

#[test]
fn goal_targets_and_rephasing_keep_the_past_and_total_one() {
    let plan = example_plan();
    let midyear = evaluate(&plan, "2026-06-30");
    let goal = plan.goal("G-REV").unwrap();
    let before = plan.phase_goal(goal).unwrap();
    let set = Action::SetGoalTarget {
        goal: "G-REV".into(),
        target: Decimal::from(125_000_000),
    };
    let ops = actions::ops(&plan, &set, day("2026-06-30"), None).unwrap();
    let edited = plan.edit(&ops, &change("stretch")).unwrap().plan;
    let g = edited.goal("G-REV").unwrap();
    assert_eq!(g.seasonality.values().sum::<Decimal>(), Decimal::ONE);
    let after = edited.phase_goal(g).unwrap();
    assert_eq!(
        after.iter().map(|p| p.target).sum::<Decimal>(),
        Decimal::from(125_000_000)
    );
    for (a, b) in before.iter().zip(&after).take(6) {
        assert!(
            (a.target - b.target).abs() <= Decimal::from(130),
            "{} {} {}",
            a.period,
            a.target,
            b.target
        );
    }
    // 1.25亿 = 1亿 × 1.25: the growth follows.
    assert_eq!(g.growth, Some(Decimal::new(25, 2)));

    let rephase = Action::Rephase {
        goal: "G-REV".into(),
    };
    let ops = actions::ops(&plan, &rephase, day("2026-06-30"), Some(&midyear)).unwrap();
    let edited = plan.edit(&ops, &change("catch up")).unwrap().plan;
    let g = edited.goal("G-REV").unwrap();
    let after = edited.phase_goal(g).unwrap();
    let h1: Decimal = after[..6].iter().map(|p| p.target).sum();
    let actual_h1 = midyear.kpi("K-REV").unwrap().actual.unwrap();
    assert!(
        (h1 - actual_h1).abs() <= Decimal::from(130),
        "{h1} vs {actual_h1}"
    );
    assert_eq!(
        after.iter().map(|p| p.target).sum::<Decimal>(),
        plan.goal_target(goal).unwrap()
    );
    assert!(
        actions::ops(&plan, &rephase, day("2026-06-30"), None).is_err(),
        "rephase needs the evaluation"
    );
}

#[test]
fn the_history_rebuilds_diffs_and_undoes() {
    let plan = example_plan();
    let midyear = evaluate(&plan, "2026-06-30");
    let mut history = History::new(plan.clone());
    let proposals = plan
        .propose(&midyear, &history.accepted())
        .unwrap()
        .proposals;
    let r2 = plan
        .apply(&proposals, &change("conversion"), Some(&midyear))
        .unwrap();
    assert_eq!(history.commit(&r2).unwrap(), 2);
    assert_eq!(history.latest().unwrap(), r2.plan);
    assert_eq!(history.accepted()[0].rule, "R-CONV-SERVICE");
    assert_eq!(history.diff(1, 2).unwrap(), r2.revision.patch);
    // A stale revision is refused.
    assert!(history.commit(&r2).is_err());
    let undone = history.undo(&change("undo")).unwrap();
    assert_eq!(undone.revision.number, 3);
    assert_eq!(history.latest().unwrap().content(), plan.content());
    assert!(history.diff(1, 3).unwrap().is_empty());
    assert!(history.plan(9).is_err());
    // The log survives JSON.
    let text = serde_json::to_string(&history).unwrap();
    let back: History = serde_json::from_str(&text).unwrap();
    assert_eq!(back.latest().unwrap(), history.latest().unwrap());
}

#[test]
fn edits_cannot_touch_the_revision() {
    let plan = example_plan();
    let patch = vec![PatchOp::Add {
        path: "/revision".into(),
        value: serde_json::json!({}),
    }];
    let e = plan.edit(&patch, &change("x")).unwrap_err();
    assert_eq!(e.code(), "invalid_argument");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// An edit followed by its undo gives back the original document exactly.
    #[test]
    fn edit_then_undo_is_the_identity(
        // From 1: an amount of 0 would be written "000.00" and read back as "0.00".
        amounts in prop::collection::vec(1u32..5_000, 6),
        target in 100_000u32..200_000,
        drop_risk in any::<bool>(),
    ) {
        let plan = example_plan();
        let mut doc = plan.content();
        for (i, a) in amounts.iter().enumerate() {
            doc["resources"]["budget"][i]["amount"] = serde_json::json!(format!("{a}00.00"));
        }
        doc["goals"][1]["target"] = serde_json::json!(format!("{target}00.00"));
        if drop_risk {
            doc["risks"]["register"].as_array_mut().unwrap().remove(2);
        }
        let patch = patch::diff(&plan.content(), &doc);
        let mut history = History::new(plan.clone());
        let revised = plan.edit(&patch, &change("edit")).unwrap();
        history.commit(&revised).unwrap();
        prop_assert_eq!(revised.plan.content(), doc);
        history.undo(&change("undo")).unwrap();
        prop_assert_eq!(history.latest().unwrap().content(), plan.content());
    }
}
