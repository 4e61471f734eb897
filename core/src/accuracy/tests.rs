use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::evaluate::{Evaluation, KpiResult};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn result(kpi: &str, node: &str, actual: Option<&str>, run_rate: Option<&str>) -> KpiResult {
    KpiResult {
        kpi: kpi.into(),
        node: node.into(),
        target: None,
        actual: actual.map(d),
        expected: None,
        variance: None,
        attainment: None,
        forecast_run_rate: run_rate.map(d),
        forecast_trend: None,
        forecast_pipeline: None,
        status: None,
        trend: None,
        periods: Vec::new(),
    }
}

fn evaluation(as_of: &str, kpis: Vec<KpiResult>) -> Evaluation {
    Evaluation {
        as_of: day(as_of),
        kpis,
        gaps: Vec::new(),
        monitoring: None,
    }
}

fn snapshot(as_of: &str, kpis: Vec<KpiResult>, sims: &[(&str, &str, &str, &str)]) -> Snapshot {
    Snapshot {
        as_of: day(as_of),
        evaluation: evaluation(as_of, kpis),
        simulations: sims
            .iter()
            .map(|(kpi, p10, p50, p90)| Percentiles {
                kpi: (*kpi).into(),
                node: String::new(),
                p10: d(p10),
                p50: d(p50),
                p90: d(p90),
            })
            .collect(),
    }
}

/// Run-rate forecasts of 80, 130 and 105 against an actual of 100; K-CONV
/// 0.3 against 0.25 once; K-SHARE forecast against an actual of zero.
fn worked() -> (History, Evaluation) {
    let history = History {
        snapshots: vec![
            snapshot(
                "2026-03-31",
                vec![
                    result("K-REV", "", Some("20"), Some("80")),
                    result("K-CONV", "", Some("0.3"), Some("0.3")),
                    result("K-SHARE", "", Some("0"), Some("0.1")),
                ],
                &[("K-REV", "90", "95", "110")],
            ),
            snapshot(
                "2026-06-30",
                vec![result("K-REV", "", Some("60"), Some("130"))],
                &[("K-REV", "101", "110", "120")],
            ),
            snapshot(
                "2026-09-30",
                vec![result("K-REV", "", Some("80"), Some("105"))],
                &[("K-REV", "50", "70", "100")],
            ),
        ],
    };
    let closing = evaluation(
        "2026-12-31",
        vec![
            result("K-SHARE", "", Some("0"), None),
            result("K-REV", "", Some("100"), Some("100")),
            result("K-CONV", "", Some("0.25"), None),
            result("K-CSAT", "", None, None),
        ],
    );
    (history, closing)
}

#[test]
fn wape_bias_and_mape_by_hand() {
    let (history, closing) = worked();
    let acc = crate::example_plan().accuracy(&history, &closing).unwrap();
    // Plan order: K-REV, K-CONV, K-SHARE; K-CSAT has no actual.
    let kpis: Vec<&str> = acc.series.iter().map(|s| s.kpi.as_str()).collect();
    assert_eq!(kpis, ["K-REV", "K-CONV", "K-SHARE"]);
    let rev = acc.series("K-REV", "").unwrap();
    let run = rev.method(Method::RunRate).unwrap();
    let errors: Vec<Decimal> = run.points.iter().map(|p| p.error).collect();
    assert_eq!(errors, [d("-20"), d("30"), d("5")]);
    // Σ|e| = 55 over Σ|a| = 300; Σe = 15; APEs 0.2, 0.3, 0.05.
    assert_eq!(run.summary.count, 3);
    assert_eq!(run.summary.wape, Some(d("0.1833")));
    assert_eq!(run.summary.bias, Some(d("0.05")));
    assert_eq!(run.summary.mape, Some(d("0.1833")));
    assert_eq!(run.points[2].ape, Some(d("0.05")));
    // Simulation medians 95, 110, 70: errors −5, 10, −30.
    let p50 = rev.method(Method::SimulationP50).unwrap();
    assert_eq!(p50.summary.wape, Some(d("0.15")));
    assert_eq!(p50.summary.bias, Some(d("-0.0833")));
    // 100 is inside 90–110 and 50–100 (bounds count), outside 101–120.
    let coverage = rev.coverage.as_ref().unwrap();
    assert_eq!((coverage.count, coverage.inside), (3, 2));
    assert_eq!(coverage.share, d("0.6667"));
    assert_eq!(acc.fact("K-REV", "", "bias"), Some(d("0.05")));
    assert_eq!(acc.fact("K-REV", "", "coverage"), Some(d("0.6667")));
    assert_eq!(acc.fact("K-REV", "", "nonsense"), None);
    assert_eq!(acc.fact("K-REV", "region=east", "wape"), None);
}

#[test]
fn a_zero_actual_has_no_ratios() {
    let (history, closing) = worked();
    let acc = crate::example_plan().accuracy(&history, &closing).unwrap();
    let share = acc.series("K-SHARE", "").unwrap();
    let run = share.method(Method::RunRate).unwrap();
    assert_eq!(run.points[0].error, d("0.1"));
    assert_eq!(run.points[0].ape, None);
    assert_eq!(
        (run.summary.mape, run.summary.wape, run.summary.bias),
        (None, None, None)
    );
    assert_eq!(acc.fact("K-SHARE", "", "wape"), None);
}

#[test]
fn the_waterfall_ends_at_the_actual() {
    let (history, closing) = worked();
    let acc = crate::example_plan().accuracy(&history, &closing).unwrap();
    let run = acc
        .series("K-REV", "")
        .unwrap()
        .method(Method::RunRate)
        .unwrap();
    let bars: Vec<(StepKind, Decimal, Option<Decimal>)> = run
        .waterfall
        .iter()
        .map(|s| (s.kind, s.value, s.change))
        .collect();
    assert_eq!(
        bars,
        [
            (StepKind::Forecast, d("80"), None),
            (StepKind::Forecast, d("130"), Some(d("50"))),
            (StepKind::Forecast, d("105"), Some(d("-25"))),
            (StepKind::Actual, d("100"), Some(d("-5"))),
        ]
    );
}

#[test]
fn owners_pool_their_company_kpis() {
    let (history, closing) = worked();
    let acc = crate::example_plan().accuracy(&history, &closing).unwrap();
    let owners: Vec<Option<&str>> = acc.owners.iter().map(|o| o.owner.as_deref()).collect();
    assert_eq!(owners, [Some("Sales VP Li Wei"), None]);
    let li = &acc.owners[0];
    assert_eq!(li.kpis, ["K-REV", "K-CONV"]);
    // Errors −20, 30, 5 and 0.05 over actuals 100 × 3 and 0.25.
    let run = &li.methods[0].summary;
    assert_eq!(run.count, 4);
    assert_eq!(run.wape, Some(d("0.1833"))); // 55.05 ÷ 300.25 = 0.18334…
    assert_eq!(run.bias, Some(d("0.0501"))); // 15.05 ÷ 300.25
}

#[test]
fn bad_histories_are_refused_with_their_path() {
    let plan = crate::example_plan();
    let (history, closing) = worked();
    let refuse = |h: &History| {
        let e = plan.accuracy(h, &closing).unwrap_err();
        (e.code(), e.path().map(str::to_owned))
    };
    let mut swapped = history.clone();
    swapped.snapshots.swap(0, 1);
    assert_eq!(
        refuse(&swapped),
        ("invalid_argument", Some("/snapshots/1/as_of".into()))
    );
    let mut twice = history.clone();
    twice.snapshots[1] = twice.snapshots[0].clone();
    assert_eq!(
        refuse(&twice),
        ("invalid_argument", Some("/snapshots/1/as_of".into()))
    );
    let mut unknown = history.clone();
    unknown.snapshots[2].evaluation.kpis[0].kpi = "K-NOPE".into();
    let path = Some("/snapshots/2/evaluation/kpis/0/kpi".into());
    assert_eq!(refuse(&unknown), ("invalid_argument", path));
    let mut late = history.clone();
    late.snapshots.push(snapshot("2027-01-31", vec![], &[]));
    assert_eq!(
        refuse(&late),
        ("invalid_argument", Some("/snapshots/3/as_of".into()))
    );
    let mut crossed = history;
    crossed.snapshots[0].simulations[0].p10 = d("96");
    assert_eq!(
        refuse(&crossed),
        (
            "invalid_argument",
            Some("/snapshots/0/simulations/0".into())
        )
    );
}

#[test]
fn json_lines_and_documents_read_alike() {
    let (history, _) = worked();
    let lines = history.to_json_lines();
    assert_eq!(History::from_text(&lines).unwrap(), history);
    assert_eq!(History::from_text(&history.to_json()).unwrap(), history);
    // The second line has a number where a date belongs.
    let mut broken: Vec<String> = lines.lines().map(str::to_owned).collect();
    broken[1] = broken[1].replacen("\"as_of\":\"2026-06-30\"", "\"as_of\":7", 1);
    let text = format!("{}\n\n{}\n{}\n", broken[0], broken[1], broken[2]);
    let e = History::from_text(&text).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("invalid_type", Some("/snapshots/1/as_of"))
    );
    assert!(e.to_string().contains("line 3: "), "{e}");
    let e = History::from_text(&format!("{}\n{{\"as_of\": \n", broken[0])).unwrap_err();
    assert!(matches!(e, crate::Error::Syntax { line: 2, .. }), "{e:?}");
}

#[test]
fn the_hierarchy_is_read_from_the_nodes() {
    let (mut history, _) = worked();
    assert!(history.hierarchy().is_empty());
    let kpis = &mut history.snapshots[2].evaluation.kpis;
    kpis.push(result("K-REV", "region=east/team=a", Some("1"), None));
    assert_eq!(history.hierarchy(), ["region", "team"]);
}

proptest! {
    #[test]
    fn waterfall_changes_add_up_and_bias_is_within_wape(
        forecasts in proptest::collection::vec(0i64..10_000_000_000, 1..12),
        actual in 1i64..10_000_000_000,
    ) {
        let actual = Decimal::new(actual, 2);
        let points: Vec<Point> = forecasts
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let as_of = day("2026-01-01") + chrono::Days::new(i as u64);
                score::point(as_of, Decimal::new(*f, 2), actual).unwrap()
            })
            .collect();
        let steps = score::waterfall(&points, day("2026-12-31"), actual).unwrap();
        let changes: Decimal = steps.iter().filter_map(|s| s.change).sum();
        prop_assert_eq!(steps[0].value + changes, actual);
        prop_assert_eq!(steps.len(), points.len() + 1);
        let summary = score::summarise(&points).unwrap();
        prop_assert!(summary.bias.unwrap().abs() <= summary.wape.unwrap());
        let errors: Decimal = points.iter().map(|p| p.error).sum();
        let forecast_total: Decimal = points.iter().map(|p| p.forecast).sum();
        prop_assert_eq!(errors, forecast_total - actual * Decimal::from(points.len()));
    }
}
