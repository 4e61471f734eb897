//! Decomposition conformance (`tests/decompositions/*/input.json`):
//! allocation by weights, goal phasing, cascades with bottom-up gaps and
//! gap decomposition, each compared as normalised JSON with
//! `expected.json`. A goal is phased over the case study or over the plan
//! named by `plan` (a path relative to the case folder). pytest and node
//! run the same files.
//! `SALESPLAN_BLESS=1` rewrites the expected files.

mod common;

use rust_decimal::Decimal;
use salesplan::evaluate::gap::{decompose, Funnel};
use serde_json::{json, Value};

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .expect("a decimal string")
        .parse()
        .expect("a decimal")
}

fn funnel(v: &Value) -> Funnel {
    Funnel {
        leads: dec(&v["leads"]),
        won: dec(&v["won"]),
        revenue: dec(&v["revenue"]),
    }
}

/// What every binding must produce for one input.
fn run(dir: &std::path::Path, input: &Value) -> Value {
    let result = match input["operation"].as_str().expect("an operation") {
        "allocate" => {
            let weights: Vec<Decimal> = input["weights"]
                .as_array()
                .unwrap()
                .iter()
                .map(dec)
                .collect();
            let scale = input["scale"].as_u64().unwrap_or(2) as u32;
            salesplan::decompose::allocate(dec(&input["total"]), &weights, scale)
                .map(|parts| json!(parts.iter().map(|p| p.to_string()).collect::<Vec<_>>()))
        }
        "phase_goal" => {
            let plan = match input["plan"].as_str() {
                Some(path) => {
                    let text = std::fs::read_to_string(dir.join(path)).expect("the case's plan");
                    salesplan::Plan::from_json(&text).expect("a readable plan")
                }
                None => salesplan::example_plan(),
            };
            let goal = plan
                .goal(input["goal"].as_str().unwrap())
                .expect("a goal of the plan");
            plan.phase_goal(goal)
                .map(|p| serde_json::to_value(p).unwrap())
        }
        "cascade" => {
            let tree = serde_json::from_value(input["tree"].clone()).expect("a cascade tree");
            salesplan::decompose::cascade(dec(&input["total"]), &tree)
                .map(|a| serde_json::to_value(a).unwrap())
        }
        "gap" => decompose(funnel(&input["planned"]), funnel(&input["actual"]))
            .map(|g| serde_json::to_value(g).unwrap()),
        other => panic!("unknown operation {other}"),
    };
    common::outcome(result)
}

#[test]
fn every_decomposition_matches_its_expected_output() {
    common::check_cases("decompositions", 8, run);
}
