use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::forecast::{slope, trend_forecast};
use super::*;
use crate::actuals::Actuals;
use crate::example_plan;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// Six months on plan for revenue, with high-end revenue rising and
/// conversion at 22% against a 28% target.
fn half_year() -> Actuals {
    let plan = example_plan();
    let phased = plan.phase_goal(plan.goal("G-REV").unwrap()).unwrap();
    let mut a = Actuals::new();
    for m in 1..=6u32 {
        let total = phased[m as usize - 1].target;
        let high = Decimal::from(500_000 * m);
        a.push(
            day(m, 15),
            "revenue",
            total - high,
            &[("segment", "SEG-MID"), ("region", "east")],
        );
        a.push(
            day(m, 20),
            "revenue",
            high,
            &[("segment", "SEG-HIGH"), ("region", "west")],
        );
        a.push(
            day(m, 28),
            "won_deals",
            Decimal::from(22),
            &[("region", "east")],
        );
        a.push(
            day(m, 28),
            "opportunities",
            Decimal::from(100),
            &[("region", "east")],
        );
    }
    // After as_of: ignored.
    a.push(day(7, 1), "revenue", d("99999999"), &[]);
    a
}

#[test]
fn mid_year_revenue_on_pace_conversion_off_track() {
    let plan = example_plan();
    let e = plan
        .evaluate(&half_year(), &EvaluationOptions::as_of(day(6, 30)))
        .unwrap();
    let rev = e.kpi("K-REV").unwrap();
    assert_eq!(rev.target, Some(d("120000000")));
    assert_eq!(rev.expected, Some(d("52800000")), "Jan–Jun seasonality 44%");
    assert_eq!(rev.actual, Some(d("52800000")));
    assert_eq!(rev.attainment, Some(d("1")));
    assert_eq!(rev.status, Some(Status::OnTrack));
    assert_eq!(rev.periods.len(), 6);
    assert_eq!(rev.periods[1].target, Some(d("6000000")));

    let conv = e.kpi("K-CONV").unwrap();
    assert_eq!(conv.actual, Some(d("0.22")));
    assert_eq!(conv.attainment, Some(d("0.7857")));
    assert_eq!(conv.status, Some(Status::OffTrack));

    let high = e.kpi("K-REV-HIGH").unwrap();
    assert_eq!(high.actual, Some(d("10500000")));
    assert_eq!(
        high.trend,
        Some(d("500000")),
        "high-end revenue grows 50万 a month"
    );
    // The line launched in April: 24% of its 3,000万 is expected by June.
    assert_eq!(high.expected, Some(d("7200000")));
    assert_eq!(high.status, Some(Status::OnTrack));
}

#[test]
fn pacing_within_a_period_is_linear_by_days() {
    let plan = example_plan();
    let e = plan
        .evaluate(&half_year(), &EvaluationOptions::as_of(day(2, 14)))
        .unwrap();
    let rev = e.kpi("K-REV").unwrap();
    // January 7.2M plus half of February's 6M.
    assert_eq!(rev.expected, Some(d("10200000")));
    assert_eq!(rev.periods.len(), 2);
}

#[test]
fn forecasts_extend_run_rate_and_trend() {
    let plan = example_plan();
    let e = plan
        .evaluate(&half_year(), &EvaluationOptions::as_of(day(6, 30)))
        .unwrap();
    let rev = e.kpi("K-REV").unwrap();
    // 52.8M in 181 of 365 days.
    assert_eq!(
        rev.forecast_run_rate,
        Some((d("52800000") * Decimal::from(365) / Decimal::from(181)).round_dp(2))
    );
    assert!(rev.forecast_trend.unwrap() > d("52800000"));
}

#[test]
fn lower_is_better_attainment_inverts() {
    let plan = example_plan();
    let mut a = Actuals::new();
    a.push(day(1, 10), "marketing_spend", d("300000"), &[]);
    a.push(day(1, 10), "sales_spend", d("300000"), &[]);
    a.push(day(1, 10), "new_customers", d("10"), &[]);
    let e = plan
        .evaluate(&a, &EvaluationOptions::as_of(day(1, 31)))
        .unwrap();
    let cac = e.kpi("K-CAC").unwrap();
    assert_eq!(cac.actual, Some(d("60000")));
    assert_eq!(cac.attainment, Some(d("0.8333")));
    // Value thresholds 50,000 / 60,000: at 60,000 it is at risk, not off.
    assert_eq!(cac.status, Some(Status::AtRisk));
}

#[test]
fn hierarchy_nodes_roll_up_to_the_company() {
    let plan = example_plan();
    let options = EvaluationOptions {
        hierarchy: vec!["region".into()],
        ..EvaluationOptions::as_of(day(6, 30))
    };
    let e = plan.evaluate(&half_year(), &options).unwrap();
    let nodes: Vec<&KpiResult> = e.kpis.iter().filter(|k| k.kpi == "K-REV").collect();
    assert_eq!(
        nodes.iter().map(|k| k.node.as_str()).collect::<Vec<_>>(),
        ["", "region=east", "region=west"]
    );
    let leaves: Decimal = nodes[1..].iter().filter_map(|k| k.actual).sum();
    assert_eq!(Some(leaves), nodes[0].actual);
    assert_eq!(nodes[1].target, None);
}

#[test]
fn as_of_before_the_plan_is_refused() {
    let plan = example_plan();
    let early = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    assert!(plan
        .evaluate(&Actuals::new(), &EvaluationOptions::as_of(early))
        .is_err());
}

#[test]
fn slope_and_trend_forecast() {
    assert_eq!(slope(&[d("1"), d("2"), d("3")]), Some(d("1")));
    assert_eq!(slope(&[d("1")]), None);
    assert_eq!(trend_forecast(&[d("1"), d("2"), d("3")], 5), Some(d("15")));
}

#[test]
fn pipeline_forecast_adds_weighted_open_deals() {
    let plan = example_plan();
    let deal = |id: &str, amount: &str, p: &str, close: NaiveDate, segment: &str| Deal {
        id: id.into(),
        amount: d(amount),
        probability: d(p),
        amount_low: None,
        amount_high: None,
        expected_close: close,
        stage: None,
        tags: [("segment".to_owned(), segment.to_owned())].into(),
        currency: None,
    };
    let options = EvaluationOptions {
        pipeline: vec![
            deal("D-1", "10000000", "0.5", day(9, 30), "SEG-HIGH"),
            deal("D-2", "4000000", "0.25", day(11, 15), "SEG-MID"),
            deal("D-3", "9000000", "0.9", day(6, 1), "SEG-HIGH"),
            deal(
                "D-4",
                "9000000",
                "0.9",
                NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(),
                "SEG-HIGH",
            ),
        ],
        ..EvaluationOptions::as_of(day(6, 30))
    };
    let e = plan.evaluate(&half_year(), &options).unwrap();
    // D-3 closed before as_of and D-4 after the plan: neither counts.
    assert_eq!(
        e.kpi("K-REV").unwrap().forecast_pipeline,
        Some(d("52800000") + d("5000000") + d("1000000"))
    );
    assert_eq!(
        e.kpi("K-REV-HIGH").unwrap().forecast_pipeline,
        Some(d("10500000") + d("5000000"))
    );
    assert_eq!(e.kpi("K-CONV").unwrap().forecast_pipeline, None);
}

#[test]
fn cascade_gives_nodes_targets_that_sum_to_the_company() {
    let plan = example_plan();
    let tree: crate::decompose::Node = serde_json::from_value(serde_json::json!({
        "id": "company",
        "children": [
            {"id": "region=east", "weight": "0.6"},
            {"id": "region=west", "weight": "0.4"}
        ]
    }))
    .unwrap();
    let options = EvaluationOptions {
        hierarchy: vec!["region".into()],
        cascade: Some(tree),
        ..EvaluationOptions::as_of(day(6, 30))
    };
    let e = plan.evaluate(&half_year(), &options).unwrap();
    let rev: Vec<&KpiResult> = e.kpis.iter().filter(|k| k.kpi == "K-REV").collect();
    assert_eq!(rev[1].node, "region=east");
    assert_eq!(rev[1].target, Some(d("72000000")));
    assert_eq!(rev[2].target, Some(d("48000000")));
    for p in 0..6 {
        let sum: Decimal = rev[1..].iter().map(|k| k.periods[p].target.unwrap()).sum();
        assert_eq!(Some(sum), rev[0].periods[p].target);
    }
    // Ratios keep the company's target.
    let conv = e
        .kpis
        .iter()
        .find(|k| k.kpi == "K-CONV" && k.node == "region=east")
        .unwrap();
    assert_eq!(conv.target, Some(d("0.28")));
    assert!(conv.status.is_some());
}

#[test]
fn gaps_explain_each_node_and_sum_to_the_variance() {
    let plan = example_plan();
    let options = EvaluationOptions {
        hierarchy: vec!["region".into()],
        ..EvaluationOptions::as_of(day(6, 30))
    };
    let e = plan.evaluate(&half_year(), &options).unwrap();
    // Only the company has targets, so only it has a planned funnel.
    assert_eq!(e.gaps.len(), 1);
    let g = &e.gaps[0];
    assert_eq!(g.node, "");
    assert_eq!(
        g.effects.volume + g.effects.conversion + g.effects.deal_size,
        g.effects.variance
    );
    assert_eq!(g.effects.variance, d("0"), "revenue is exactly on plan");
    // Planned: 52.8M at the baseline's 200,000 a deal is 264 deals, from
    // 942.86 opportunities at 28%. Actual: 132 deals of 400,000 from 600
    // opportunities at 22% — fewer, bigger deals.
    assert_eq!(g.effects.volume, d("-19200000.00"));
    assert_eq!(g.effects.conversion, d("-7200000.00"));
    assert_eq!(g.effects.deal_size, d("26400000.00"));
    assert_eq!(g.biggest, "deal_size");
}

#[test]
fn growth_over_the_baseline_prorates_it_to_the_window() {
    let mut plan = example_plan();
    let mut growth = plan.kpi("K-REV").unwrap().clone();
    growth.id = "K-GROWTH".into();
    growth.formula = "sum(revenue) / baseline(revenue) - 1".into();
    growth.unit = crate::plan::KpiUnit::Ratio;
    growth.goal = None;
    growth.target = Some(d("0.2"));
    growth.weight = None;
    plan.kpis.push(growth);
    let e = plan
        .evaluate(&half_year(), &EvaluationOptions::as_of(day(6, 30)))
        .unwrap();
    let g = e.kpi("K-GROWTH").unwrap();
    // FY2025's 1亿 over 181 of its 365 days, against 5,280万 booked.
    let prorated = d("100000000") * Decimal::from(181) / Decimal::from(365);
    assert_eq!(g.actual, Some(d("52800000") / prorated - Decimal::ONE));
    // January alone: 720万 against 31 days of baseline.
    let january =
        d("7200000") / (d("100000000") * Decimal::from(31) / Decimal::from(365)) - Decimal::ONE;
    assert_eq!(g.periods[0].actual, Some(january));
}

#[test]
fn an_evaluation_reads_back_from_its_json() {
    let plan = example_plan();
    let e = plan
        .evaluate(&half_year(), &EvaluationOptions::as_of(day(6, 30)))
        .unwrap();
    let back: Evaluation = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    assert_eq!(back, e);
}
