//! Values near the largest decimal (about 7.9 × 10²⁸) fed to the evaluation
//! (sums, ratios, attainment, forecasts, the risk register) and to the
//! decompositions (phasing, cascade, allocation, the gap between funnels):
//! every call gives a result or a typed error — `overflow` where the
//! arithmetic cannot be held — and never panics.

use std::panic::{catch_unwind, AssertUnwindSafe};

use proptest::prelude::*;
use rust_decimal::Decimal;
use salesplan::actuals::LoadMode;
use salesplan::decompose::{allocate, cascade, Node};
use salesplan::evaluate::EvaluationOptions;
use salesplan::risk::simulate::SimulationOptions;
use salesplan::Plan;
use serde_json::json;

/// Decimals at the edge: the largest, near it, halves and thirds of it,
/// with a few decimal places, and their negatives; mixed with ordinary
/// amounts so that sums and ratios of both kinds meet.
fn edge() -> impl Strategy<Value = Decimal> {
    let max = Decimal::MAX;
    prop_oneof![
        (0u32..4, 0i64..1000).prop_map(move |(k, minus)| {
            let v = match k {
                0 => max,
                1 => max / Decimal::from(2),
                2 => max / Decimal::from(3),
                _ => max / Decimal::from(7),
            };
            v - Decimal::from(minus)
        }),
        (1i64..1_000_000_000, 0u32..28).prop_map(|(m, s)| Decimal::new(m, s)),
        (1u64..u64::MAX).prop_map(Decimal::from),
        Just(Decimal::ZERO),
        Just(Decimal::new(1, 28)),
    ]
    .prop_flat_map(|v| prop_oneof![Just(v), Just(-v)])
}

/// Runs `f`, failing the property when it panics.
fn no_panic<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, TestCaseError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        let message = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        TestCaseError::fail(format!("{what} panicked: {message}"))
    })
}

/// The codes an error near the edge may have.
fn typed(e: &salesplan::Error) -> bool {
    matches!(
        e.code(),
        "overflow" | "invalid_argument" | "invalid_actuals"
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn evaluation_near_the_largest_decimal(
        values in proptest::collection::vec(edge(), 1..8),
        target in edge(),
        baseline in edge(),
    ) {
        let mut doc = serde_json::to_value(salesplan::example_plan()).unwrap();
        doc["goals"][0]["target"] = json!(target.abs().to_string());
        doc["goals"][1]["target"] = json!(target.abs().to_string());
        doc["baseline"]["measures"]["revenue"] = json!(baseline.abs().to_string());
        let plan = match Plan::from_value(doc) {
            Ok(p) => p,
            Err(e) => { prop_assert!(typed(&e) || e.code() == "invalid_value", "{e}"); return Ok(()); }
        };
        let measures = ["revenue", "won_deals", "opportunities", "sales_spend", "new_customers", "leads"];
        let mut csv = String::from("date,measure,value,region,segment\n");
        for (i, v) in values.iter().enumerate() {
            let m = measures[i % measures.len()];
            csv.push_str(&format!("2026-0{}-15,{m},{v},east,SEG-HIGH\n", i % 6 + 1));
        }
        let loaded = no_panic("loading", || plan.actuals_from_csv(&csv, LoadMode::Lenient))?;
        let actuals = match loaded {
            Ok(r) => r.actuals,
            Err(e) => { prop_assert!(typed(&e), "{e}"); return Ok(()); }
        };
        // An open pipeline of deals as large: forecasts and coverage.
        let deals: Vec<serde_json::Value> = values
            .iter()
            .enumerate()
            .map(|(i, v)| json!({
                "id": format!("D-{i}"),
                "amount": v.abs().to_string(),
                "probability": "0.5",
                "expected_close": "2026-09-30",
            }))
            .collect();
        let pipeline = match salesplan::evaluate::deals_from_value(&json!(deals)) {
            Ok(p) => p,
            Err(e) => { prop_assert!(typed(&e) || e.code() == "invalid_value", "{e}"); Vec::new() }
        };
        for as_of in ["2026-03-31", "2026-06-30", "2026-12-31"] {
            let options = EvaluationOptions {
                hierarchy: vec!["region".into()],
                pipeline: pipeline.clone(),
                ..EvaluationOptions::as_of(as_of.parse().unwrap())
            };
            let simulation = SimulationOptions::from_value(&json!({
                "as_of": as_of, "trials": 50, "seed": 7
            }))
            .expect("simulation options");
            if let Err(e) = no_panic("simulate", || plan.simulate(&actuals, &pipeline, &simulation))? {
                prop_assert!(typed(&e), "{e}");
            }
            match no_panic("evaluate", || plan.evaluate(&actuals, &options))? {
                Ok(evaluation) => {
                    no_panic("risk register", || plan.risk_register(Some(&evaluation)))?;
                    no_panic("propose", || plan.propose(&evaluation, &[]))?.ok();
                }
                Err(e) => prop_assert!(typed(&e), "{e}"),
            }
        }
        for goal in &plan.goals {
            if let Err(e) = no_panic("phase_goal", || plan.phase_goal(goal))? {
                prop_assert!(typed(&e), "{e}");
            }
        }
    }

    #[test]
    fn decompositions_near_the_largest_decimal(
        total in edge(),
        weights in proptest::collection::vec(edge(), 1..6),
        scale in 0u32..6,
        funnel in proptest::collection::vec(edge(), 6),
    ) {
        let weights: Vec<Decimal> = weights.iter().map(|w| w.abs()).collect();
        match no_panic("allocate", || allocate(total, &weights, scale))? {
            Ok(parts) => {
                let sum = parts.iter().try_fold(Decimal::ZERO, |a, p| a.checked_add(*p));
                let rounded = total.round_dp_with_strategy(scale, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
                prop_assert_eq!(sum, Some(rounded));
            }
            Err(e) => prop_assert!(typed(&e), "{e}"),
        }
        let leaf = |id: &str, w: Decimal, submitted: Option<Decimal>| Node {
            id: id.into(),
            name: None,
            weight: w,
            submitted,
            children: vec![],
        };
        let tree = Node {
            id: "all".into(),
            name: None,
            weight: Decimal::ONE,
            submitted: None,
            children: weights
                .iter()
                .enumerate()
                .map(|(i, w)| leaf(&format!("n{i}"), *w, Some(funnel[i % funnel.len()])))
                .collect(),
        };
        if let Err(e) = no_panic("cascade", || cascade(total, &tree))? {
            prop_assert!(typed(&e), "{e}");
        }
        let side = |i: usize| salesplan::evaluate::gap::Funnel {
            leads: funnel[i].abs(),
            won: funnel[i + 1].abs(),
            revenue: funnel[i + 2].abs(),
        };
        if let Err(e) = no_panic("gap", || salesplan::evaluate::gap::decompose(side(0), side(3)))? {
            prop_assert!(typed(&e), "{e}");
        }
    }
}
