//! Monitoring conformance (`tests/monitoring/*`, format in
//! tests/README.md): the case study evaluated as of a day, monitored with
//! progress updates and resource actuals; the monitoring, the risk moves it
//! causes and, for the case's extra rules, the facts they read. pytest and
//! node run the same files. `SALESPLAN_BLESS=1` rewrites the expected
//! files.

mod common;

use std::path::Path;

use salesplan::accuracy::Accuracy;
use salesplan::adjust::{FactValue, RuleSet};
use salesplan::evaluate::EvaluationOptions;
use salesplan::monitor::{updates_from_text, MonitorInputs};
use salesplan::Plan;
use serde_json::{json, Map, Value};

fn plan_with_rules(input: &Value) -> Plan {
    let mut document = salesplan::example_plan().to_value();
    if let Some(Value::Array(extra)) = input.get("rules") {
        let rules = document["rules"]
            .as_array_mut()
            .expect("the case study has rules");
        rules.extend(extra.iter().cloned());
    }
    Plan::from_json(&document.to_string()).expect("a readable plan")
}

fn read(dir: &Path, name: &Value) -> Option<String> {
    Some(std::fs::read_to_string(dir.join(name.as_str()?)).expect("a file the case names"))
}

fn run(dir: &Path, input: &Value) -> Value {
    let plan = plan_with_rules(input);
    let actuals = common::actuals(&plan, dir, input);
    let as_of = input["as_of"]
        .as_str()
        .expect("as_of")
        .parse()
        .expect("a day");
    let evaluation = plan
        .evaluate(&actuals, &EvaluationOptions::as_of(as_of))
        .expect("an evaluation");
    let monitored = (|| {
        let updates = match read(dir, &input["updates"]) {
            Some(text) => updates_from_text(&plan, &text)?,
            None => Vec::new(),
        };
        let resources = read(dir, &input["resources"])
            .map(|text| plan.resources_from_text(&text))
            .transpose()?;
        let accuracy = read(dir, &input["accuracy"])
            .map(|text| Accuracy::from_json(&text))
            .transpose()?;
        let inputs = MonitorInputs {
            updates: &updates,
            resources: resources.as_ref(),
            accuracy: accuracy.as_ref(),
        };
        plan.evaluate_monitored(&evaluation, &inputs)
    })();
    let monitored = match monitored {
        Ok(m) => m,
        Err(e) => {
            return json!({ "error": { "code": e.code(), "path": e.path(), "message": e.to_string() } })
        }
    };
    let register = plan.risk_register(Some(&monitored));
    let mut out = json!({
        "monitoring": monitored.monitoring,
        "moves": register.moves,
    });
    if input.get("rules").is_some() {
        let set = RuleSet::compile(&plan).expect("the rules compile");
        let values = set.facts(&plan, &monitored, Some(&register));
        let facts: Map<String, Value> = set
            .slots()
            .iter()
            .zip(values)
            .map(|(slot, value)| {
                let value = match value {
                    FactValue::Num(d) => Value::String(d.to_string()),
                    FactValue::Text(t) => Value::String(t.to_owned()),
                    FactValue::Missing => Value::Null,
                };
                (slot.to_string(), value)
            })
            .collect();
        out["facts"] = Value::Object(facts);
        let proposals = plan.propose(&monitored, &[]).expect("proposals");
        out["proposed"] = json!(proposals
            .proposals
            .iter()
            .map(|p| p.rule.as_str())
            .collect::<Vec<_>>());
    }
    out
}

#[test]
fn every_monitoring_case_matches_its_expected_output() {
    common::check_cases("monitoring", 5, run);
}

#[test]
fn the_case_study_story_fires_both_signals_at_mid_year() {
    let expected = common::expected("monitoring", "case-study-midyear");
    let moved: Vec<&str> = expected["moves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["risk"].as_str().unwrap())
        .collect();
    assert!(
        moved.contains(&"R-EXEC") && moved.contains(&"R-FIN"),
        "{moved:?}"
    );
    assert!(expected["proposed"]
        .as_array()
        .unwrap()
        .contains(&json!("R-WATCH")));
}
