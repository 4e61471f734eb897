//! Adjustment conformance (`tests/adjust/*/input.json`): proposals, the
//! case study's loop from the mid-year proposal to revision 2 and its
//! year-end evaluation, replay, and manual edits (accepted or refused),
//! each compared as normalised JSON with `expected.json`. pytest and node
//! run the same files. `SALESPLAN_BLESS=1` rewrites the expected files.

mod common;

use std::path::Path;

use salesplan::adjust::engine::Accepted;
use salesplan::adjust::patch::patch_from_value;
use salesplan::adjust::{Change, Scenario};
use salesplan::evaluate::{deals_from_json, EvaluationOptions};
use salesplan::risk::SimulationOptions;
use salesplan::Result;
use serde_json::{json, Value};

fn day(v: &Value) -> chrono::NaiveDate {
    v.as_str().expect("a date").parse().expect("an ISO date")
}

/// What every binding must produce for one case.
fn run(dir: &Path, input: &Value) -> Value {
    let plan = common::plan(dir);
    let actuals = common::actuals(&plan, dir, input);
    let change = |v: &Value| -> Change { serde_json::from_value(v.clone()).expect("a change") };
    let result: Result<Value> = match input["operation"].as_str().expect("an operation") {
        "propose" => {
            let accepted: Vec<Accepted> =
                serde_json::from_value(input.get("accepted").cloned().unwrap_or(json!([])))
                    .expect("accepted proposals");
            plan.evaluate(&actuals, &EvaluationOptions::as_of(day(&input["as_of"])))
                .and_then(|e| plan.propose(&e, &accepted))
                .map(|p| serde_json::to_value(p).unwrap())
        }
        "loop" => (|| {
            let midyear = plan.evaluate(
                &actuals,
                &EvaluationOptions::as_of(day(&input["propose_as_of"])),
            )?;
            let proposals = plan.propose(&midyear, &[])?;
            let revised = plan.apply(
                &proposals.proposals,
                &change(&input["change"]),
                Some(&midyear),
            )?;
            let yearend = revised.plan.evaluate(
                &actuals,
                &EvaluationOptions::as_of(day(&input["final_as_of"])),
            )?;
            let revenue = yearend.kpi("K-REV").expect("the revenue KPI");
            Ok(json!({
                "proposals": proposals,
                "revision": revised.revision,
                "plan_revision": revised.plan.revision,
                "final": {
                    "as_of": yearend.as_of,
                    "kpi": revenue.kpi,
                    "target": revenue.target,
                    "actual": revenue.actual,
                    "attainment": revenue.attainment,
                    "status": revenue.status,
                },
            }))
        })(),
        "replay" => plan
            .replay(&actuals, &EvaluationOptions::as_of(day(&input["as_of"])))
            .map(|r| serde_json::to_value(r).unwrap()),
        "scenarios" => (|| {
            let scenarios: Vec<Scenario> =
                serde_json::from_value(input["scenarios"].clone()).expect("scenarios");
            let pipeline = match input["pipeline"].as_str() {
                Some(path) => deals_from_json(&std::fs::read_to_string(dir.join(path)).unwrap())?,
                None => Vec::new(),
            };
            let options = EvaluationOptions {
                pipeline,
                ..EvaluationOptions::as_of(day(&input["as_of"]))
            };
            let simulation = match input.get("simulation") {
                Some(v) => Some(SimulationOptions::from_value(v)?),
                None => None,
            };
            plan.scenarios(&scenarios, &actuals, &options, simulation.as_ref())
                .map(|t| serde_json::to_value(t).unwrap())
        })(),
        "edit" => patch_from_value(&input["patch"])
            .and_then(|patch| plan.edit(&patch, &change(&input["change"])))
            .map(|r| json!({ "revision": r.revision, "plan_revision": r.plan.revision })),
        other => panic!("unknown operation {other}"),
    };
    common::outcome(result)
}

#[test]
fn every_adjustment_case_matches_its_expected_output() {
    common::check_cases("adjust", 7, run);
}

#[test]
fn the_case_study_loop_reaches_the_target() {
    let result = &common::expected("adjust", "case-study-loop")["result"];
    let ids: Vec<&str> = result["proposals"]["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["R-CONV-SERVICE@2026-06-30"]);
    assert_eq!(result["plan_revision"]["number"], 2);
    let num = |v: &Value| v.as_str().unwrap().parse::<f64>().unwrap();
    assert!(num(&result["final"]["actual"]) >= num(&result["final"]["target"]));
    // Refused edits say why; a bad condition names the rule and column.
    let rejected = &common::expected("adjust", "edit-rejected")["error"];
    assert_eq!(rejected["code"], "rejected");
    assert!(rejected["message"].as_str().unwrap().contains("T-404"));
    let bad = &common::expected("adjust", "condition-error")["error"];
    assert!(
        bad["message"]
            .as_str()
            .unwrap()
            .contains("rule R-REV-PACE, column"),
        "{bad}"
    );
}
