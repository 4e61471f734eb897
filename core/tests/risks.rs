//! Risk conformance (`tests/risk/*/input.json`): the risk register, planned
//! or re-scored by an evaluation, and seeded simulations of the chance of
//! reaching a goal, each compared as normalised JSON with `expected.json`.
//! pytest and node run the same files. `SALESPLAN_BLESS=1` rewrites the
//! expected files.

mod common;

use std::path::Path;

use salesplan::evaluate::{deals_from_json, deals_from_value, EvaluationOptions};
use salesplan::risk::SimulationOptions;
use serde_json::{json, Value};

/// What every binding must produce for one case.
fn run(dir: &Path, input: &Value) -> Value {
    let plan = common::plan(dir);
    let actuals = common::actuals(&plan, dir, input);
    let result = match input["operation"].as_str().expect("an operation") {
        "register" => {
            let evaluation = input.get("evaluation").map(|o| {
                let as_of = o["as_of"].as_str().unwrap().parse().unwrap();
                plan.evaluate(&actuals, &EvaluationOptions::as_of(as_of))
                    .expect("an evaluation")
            });
            Ok(serde_json::to_value(plan.risk_register(evaluation.as_ref())).unwrap())
        }
        "simulate" => {
            let deals = match &input["pipeline"] {
                Value::String(path) => {
                    deals_from_json(&std::fs::read_to_string(dir.join(path)).unwrap())
                }
                other => deals_from_value(other),
            };
            deals
                .and_then(|deals| {
                    let options = SimulationOptions::from_value(&input["options"])?;
                    plan.simulate(&actuals, &deals, &options)
                })
                .map(|s| serde_json::to_value(s).unwrap())
        }
        other => panic!("unknown operation {other}"),
    };
    common::outcome(result)
}

#[test]
fn every_risk_case_matches_its_expected_output() {
    common::check_cases("risk", 7, run);
}

#[test]
fn the_case_study_story_holds() {
    // Mid-year: the conversion indicator raises the customer risk.
    let register = common::expected("risk", "register-midyear");
    let moves = register["result"]["moves"].as_array().unwrap();
    assert_eq!(moves.len(), 1, "{moves:?}");
    assert_eq!(moves[0]["risk"], "R-CHURN");
    assert_eq!(moves[0]["kpis"], json!(["K-CONV"]));
    // The simulation gives a probability with its percentiles in order.
    let sim = &common::expected("risk", "simulate-midyear")["result"];
    let num = |k: &str| sim[k].as_str().unwrap().parse::<f64>().unwrap();
    assert!(num("p10") < num("p50") && num("p50") < num("p90"));
    assert!(num("probability") > 0.0 && num("probability") < 1.0);
    // The exact case: the simulation is within four standard errors.
    let small = &common::expected("risk", "simulate-small-exact")["result"];
    let p = |k: &str| small[k].as_str().unwrap().parse::<f64>().unwrap();
    assert!((p("probability") - p("exact_probability")).abs() <= 4.0 * p("standard_error"));
}
