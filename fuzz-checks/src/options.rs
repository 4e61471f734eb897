//! Evaluation and simulation options from JSON, run against the case study.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use salesplan::adjust::Scenario;
use salesplan::decompose::Node;
use salesplan::evaluate::scorecard::ScorecardOptions;
use salesplan::evaluate::{deals_from_value, EvaluationOptions};
use salesplan::risk::SimulationOptions;
use serde_json::Value;

use crate::{case_actuals, case_study, check_error};

/// The most trials one fuzzed simulation runs, to keep executions short.
const TRIALS: u32 = 200;

/// Options as one JSON object:
/// `{"as_of", "hierarchy", "trend_periods", "pipeline", "cascade",
/// "simulation", "scenarios", "scorecard", "replay", "register"}`, every
/// member optional (`as_of` is mid-year by default).
///
/// Every entry point answers or refuses with a typed error; an evaluation
/// is as of the day asked; a simulation's probability is between 0 and 1,
/// its percentiles in order within its range, and it gives the same result
/// on one thread as on two.
pub fn options(data: &[u8]) {
    let Ok(Value::Object(options)) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let plan = case_study();
    let actuals = case_actuals();
    let as_of = match options.get("as_of") {
        None => NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default(),
        Some(Value::String(s)) => match s.parse() {
            Ok(day) => day,
            Err(_) => return,
        },
        Some(_) => return,
    };
    let mut evaluation = EvaluationOptions::as_of(as_of);
    match options.get("hierarchy") {
        None => {}
        Some(Value::Array(names)) => {
            for name in names.iter().take(4) {
                let Value::String(name) = name else { return };
                evaluation.hierarchy.push(name.clone());
            }
        }
        Some(_) => return,
    }
    if let Some(n) = options.get("trend_periods") {
        let Some(n) = n.as_u64() else { return };
        evaluation.trend_periods = usize::try_from(n).unwrap_or(usize::MAX);
    }
    if let Some(deals) = options.get("pipeline") {
        match deals_from_value(deals) {
            Ok(deals) => evaluation.pipeline = deals,
            Err(e) => return check_error(&e),
        }
    }
    if let Some(tree) = options.get("cascade") {
        match serde_json::from_value::<Node>(tree.clone()) {
            Ok(tree) => evaluation.cascade = Some(tree),
            Err(_) => return,
        }
    }

    let evaluated = plan.evaluate(actuals, &evaluation);
    match &evaluated {
        Ok(e) => assert_eq!(e.as_of, as_of),
        Err(e) => check_error(e),
    }

    let simulation = match options.get("simulation") {
        None => None,
        Some(value) => match SimulationOptions::from_value(value) {
            Ok(mut o) => {
                // Out-of-range counts are refused before any trial runs;
                // within range, only a few trials run.
                if o.trials > TRIALS && o.trials <= salesplan::risk::simulate::MAX_TRIALS {
                    o.trials = TRIALS;
                }
                o.threads = o.threads.min(2);
                Some(o)
            }
            Err(e) => return check_error(&e),
        },
    };
    if let Some(o) = &simulation {
        simulate(o, &evaluation);
    }

    if let Some(value) = options.get("scenarios") {
        let Ok(scenarios) = serde_json::from_value::<Vec<Scenario>>(value.clone()) else {
            return;
        };
        let scenarios = &scenarios[..scenarios.len().min(3)];
        match plan.scenarios(scenarios, actuals, &evaluation, simulation.as_ref()) {
            Ok(comparison) => {
                let _ = serde_json::to_string(&comparison);
            }
            Err(e) => check_error(&e),
        }
    }

    let Ok(result) = &evaluated else { return };
    if let Some(Value::Object(card)) = options.get("scorecard") {
        let mut o = ScorecardOptions::default();
        for (key, field) in [("rubric_share", &mut o.rubric_share), ("cap", &mut o.cap)] {
            match card.get(key).map(decimal) {
                None => {}
                Some(Some(d)) => *field = d,
                Some(None) => return,
            }
        }
        match plan.scorecards(result, &[], &o) {
            Ok(cards) => {
                let _ = serde_json::to_string(&cards);
            }
            Err(e) => check_error(&e),
        }
    }
    if options.get("register") == Some(&Value::Bool(true)) {
        let register = plan.risk_register(Some(result));
        let _ = serde_json::to_string(&register);
    }
    if options.get("replay") == Some(&Value::Bool(true)) {
        match plan.replay(actuals, &evaluation) {
            Ok(replay) => {
                for step in &replay.steps {
                    assert!(step.as_of <= as_of, "{} after {as_of}", step.as_of);
                }
            }
            Err(e) => check_error(&e),
        }
    }
}

fn decimal(value: &Value) -> Option<Decimal> {
    match value {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.to_string().parse().ok(),
        _ => None,
    }
}

/// A simulation answers or refuses; its figures are consistent and do not
/// depend on the number of threads.
fn simulate(options: &SimulationOptions, evaluation: &EvaluationOptions) {
    let plan = case_study();
    let run = |threads| {
        let mut o = options.clone();
        o.threads = threads;
        plan.simulate(case_actuals(), &evaluation.pipeline, &o)
    };
    match run(1) {
        Ok(s) => {
            assert!(
                s.probability >= Decimal::ZERO && s.probability <= Decimal::ONE,
                "probability {}",
                s.probability
            );
            assert!(
                s.min <= s.p10 && s.p10 <= s.p50 && s.p50 <= s.p90 && s.p90 <= s.max,
                "percentiles out of order: {} {} {} {} {}",
                s.min,
                s.p10,
                s.p50,
                s.p90,
                s.max
            );
            assert_eq!(s.trials, options.trials);
            match run(2) {
                Ok(again) => assert_eq!(again, s, "two threads give another result"),
                Err(e) => panic!("two threads refuse what one ran: {e}"),
            }
        }
        Err(e) => check_error(&e),
    }
}
