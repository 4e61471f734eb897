use super::*;
use crate::evaluate::EvaluationOptions;
use crate::example_plan;
use crate::plan::{RiskIndicator, ThresholdBasis};

fn midyear(plan: &Plan) -> Evaluation {
    let actuals = crate::testing::case_study_actuals(plan);
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    plan.evaluate(&actuals, &EvaluationOptions::as_of(as_of))
        .unwrap()
}

#[test]
fn the_planned_register() {
    let plan = example_plan();
    let reg = plan.risk_register(None);
    assert_eq!(reg.as_of, None);
    assert!(reg.moves.is_empty());
    let churn = reg.risks.iter().find(|r| r.risk == "R-CHURN").unwrap();
    assert_eq!(churn.inherent, churn.planned);
    assert_eq!(
        (churn.inherent.score, churn.inherent.level),
        (12, Some(RiskLevel::High))
    );
    assert_eq!(
        (churn.residual.score, churn.residual.level),
        (9, Some(RiskLevel::Medium))
    );
    // 0.40 × 6,000,000
    assert_eq!(churn.exposure, Some(Decimal::from(2_400_000)));
    assert!(churn
        .indicators
        .iter()
        .all(|i| i.value.is_none() && !i.breached));
    // 2.4M + 2.4M + 1.5M + 0.4M
    assert_eq!(reg.totals.exposure, Decimal::from(6_700_000));
    let keys: Vec<&str> = reg
        .totals
        .by_category
        .iter()
        .map(|t| t.key.as_str())
        .collect();
    assert_eq!(keys, ["market", "customer", "execution", "financial"]);
    let cells: u32 = reg.heatmap.inherent.iter().flatten().sum();
    assert_eq!(cells, 4);
    assert_eq!(
        reg.heatmap.inherent[3][2], 1,
        "R-CHURN at likelihood 4, impact 3"
    );
    assert_eq!(reg.totals.by_level.iter().map(|t| t.count).sum::<u32>(), 4);
}

#[test]
fn the_conversion_indicator_raises_the_customer_risk_at_midyear() {
    let plan = example_plan();
    let evaluation = midyear(&plan);
    let reg = plan.risk_register(Some(&evaluation));
    let churn = reg.risks.iter().find(|r| r.risk == "R-CHURN").unwrap();
    let conv = churn.indicators.iter().find(|i| i.kpi == "K-CONV").unwrap();
    assert!(conv.breached, "{conv:?}");
    assert!(conv.value.unwrap() < Decimal::new(8, 1));
    assert_eq!(churn.inherent.likelihood, churn.planned.likelihood + 1);
    // 5 × 3 = 15: the top of the high band.
    assert_eq!(
        (churn.inherent.score, churn.inherent.level),
        (15, Some(RiskLevel::High))
    );
    assert_eq!(churn.residual.likelihood, 4);
    let mv = reg.moves.iter().find(|m| m.risk == "R-CHURN").unwrap();
    assert_eq!(mv.kpis, ["K-CONV"]);
    assert_eq!((mv.from_likelihood, mv.to_likelihood), (4, 5));
    assert!(mv.message.contains("→"), "{}", mv.message);
    assert_eq!(
        reg.heatmap.inherent[4][2], 1,
        "R-CHURN moved to likelihood 5"
    );
}

#[test]
fn raises_add_up_and_stay_on_the_matrix() {
    let mut plan = example_plan();
    let evaluation = midyear(&plan);
    let churn = plan
        .risks
        .register
        .iter_mut()
        .find(|r| r.id.as_str() == "R-CHURN")
        .unwrap();
    churn.likelihood = 2;
    churn.residual_likelihood = Some(1);
    churn.indicators.push(RiskIndicator {
        kpi: "K-CONV".into(),
        when: Crossing::Below,
        threshold: Decimal::ONE,
        basis: ThresholdBasis::Attainment,
        raise_likelihood: Some(2),
    });
    let reg = plan.risk_register(Some(&evaluation));
    let r = reg.risks.iter().find(|r| r.risk == "R-CHURN").unwrap();
    assert_eq!((r.inherent.likelihood, r.residual.likelihood), (5, 4));
    plan.risks.register[1].likelihood = 5;
    let reg = plan.risk_register(Some(&evaluation));
    assert_eq!(reg.risks[1].inherent.likelihood, 5);
}
