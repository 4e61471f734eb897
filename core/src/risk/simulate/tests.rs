use super::*;
use crate::error::Error;
use crate::example_plan;
use proptest::prelude::*;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn case_study() -> (Plan, Actuals, Vec<Deal>) {
    let plan = example_plan();
    let actuals = crate::testing::case_study_actuals(&plan);
    (plan, actuals, crate::testing::case_study_pipeline())
}

fn deal(id: &str, amount: &str, p: &str, close: NaiveDate) -> Deal {
    Deal {
        id: id.into(),
        amount: dec(amount),
        probability: dec(p),
        amount_low: None,
        amount_high: None,
        expected_close: close,
        stage: None,
        tags: Default::default(),
        currency: None,
    }
}

fn pipeline_only(as_of: NaiveDate, trials: u32, seed: u64) -> SimulationOptions {
    SimulationOptions {
        trials,
        seed,
        new_business: NewBusiness::None,
        ..SimulationOptions::as_of(as_of)
    }
}

#[test]
fn case_study_at_midyear() {
    let (plan, actuals, deals) = case_study();
    let options = SimulationOptions {
        trials: 20_000,
        seed: 7,
        ..SimulationOptions::as_of(day(6, 30))
    };
    let sim = plan.simulate(&actuals, &deals, &options).unwrap();
    assert_eq!(sim.goal, "G-REV");
    assert_eq!(sim.target, dec("120000000.00"));
    // Closed is the first half's revenue; D-111 closes in 2027.
    assert_eq!(sim.closed, dec("51216000.00"));
    assert_eq!((sim.pipeline.deals, sim.pipeline.after_end), (10, 1));
    let fit = sim.new_business.as_ref().unwrap();
    assert_eq!(fit.periods, 6);
    assert_eq!(fit.pipeline_offset, sim.pipeline.weighted);
    // The run rate net of the pipeline, plus the pipeline, plus closed, is
    // what the mean should be near.
    let expected = sim.closed + sim.pipeline.weighted + fit.expected_amount;
    let off = (sim.mean - expected).abs() / expected;
    assert!(off < dec("0.005"), "mean {} vs {expected}", sim.mean);
    assert!(sim.p10 < sim.p50 && sim.p50 < sim.p90);
    assert!(
        sim.probability > dec("0.2") && sim.probability < dec("0.5"),
        "{}",
        sim.probability
    );
    assert_eq!(sim.histogram.iter().map(|b| b.count).sum::<u32>(), 20_000);
    assert_eq!(sim.drivers[0].deal, "D-104");
    // Same seed, same answer, whatever the threads.
    let again = plan
        .simulate(
            &actuals,
            &deals,
            &SimulationOptions {
                threads: 1,
                ..options.clone()
            },
        )
        .unwrap();
    assert_eq!(sim, again);
    let other = plan
        .simulate(&actuals, &deals, &SimulationOptions { seed: 8, ..options })
        .unwrap();
    assert_ne!(sim.p50, other.p50);
}

#[test]
fn pipeline_on_top_of_the_run_rate() {
    let (plan, actuals, deals) = case_study();
    let options = SimulationOptions {
        trials: 2_000,
        net_of_pipeline: false,
        ..SimulationOptions::as_of(day(6, 30))
    };
    let sim = plan.simulate(&actuals, &deals, &options).unwrap();
    let fit = sim.new_business.unwrap();
    assert_eq!(fit.pipeline_offset, Decimal::ZERO);
    assert_eq!(fit.expected_amount, fit.run_rate_amount);
}

#[test]
fn new_business_from_a_later_day_expects_less() {
    let (plan, actuals, deals) = case_study();
    let base = SimulationOptions {
        trials: 100,
        net_of_pipeline: false,
        ..SimulationOptions::as_of(day(6, 30))
    };
    let later = SimulationOptions {
        new_business_from: Some(day(9, 30)),
        ..base.clone()
    };
    let a = plan
        .simulate(&actuals, &deals, &base)
        .unwrap()
        .new_business
        .unwrap();
    let b = plan
        .simulate(&actuals, &deals, &later)
        .unwrap()
        .new_business
        .unwrap();
    assert!(b.run_rate_deals < a.run_rate_deals);
    assert_eq!(b.from, day(9, 30));
}

#[test]
fn a_small_pipeline_matches_the_exact_probability() {
    let (plan, actuals, _) = case_study();
    let deals = vec![
        deal("A", "30000000", "0.5", day(9, 1)),
        deal("B", "25000000", "0.6", day(10, 1)),
        deal("C", "15000000", "0.9", day(11, 1)),
        deal("D", "8000000", "0.3", day(12, 1)),
    ];
    let sim = plan
        .simulate(&actuals, &deals, &pipeline_only(day(6, 30), 100_000, 3))
        .unwrap();
    // Closed 51,216,000; 120,000,000 needs 68,784,000 from the deals,
    // which only A + B + C (70,000,000, with or without D) brings:
    // 0.5 × 0.6 × 0.9 = 0.27.
    assert_eq!(sim.exact_probability, Some(dec("0.270000")));
    let se = sim.standard_error;
    assert!(
        (sim.probability - dec("0.27")).abs() <= se * dec("4"),
        "{} ± {se}",
        sim.probability
    );
}

#[test]
fn certain_and_impossible_deals() {
    let (plan, actuals, _) = case_study();
    let deals = vec![
        deal("SURE", "70000000", "1", day(9, 1)),
        deal("NEVER", "90000000", "0", day(9, 1)),
    ];
    let sim = plan
        .simulate(&actuals, &deals, &pipeline_only(day(6, 30), 1_000, 0))
        .unwrap();
    assert_eq!(sim.probability, Decimal::ONE);
    assert_eq!(sim.min, dec("121216000.00"));
    assert_eq!(sim.max, sim.min);
    assert_eq!(sim.exact_probability, Some(dec("1.000000")));
    assert_eq!(sim.expected_shortfall, Decimal::ZERO);
    assert_eq!(sim.histogram.iter().map(|b| b.count).sum::<u32>(), 1_000);
}

#[test]
fn amount_ranges_are_triangular() {
    let (plan, actuals, _) = case_study();
    let mut d = deal("R", "9000000", "1", day(9, 1));
    d.amount_low = Some(dec("6000000"));
    d.amount_high = Some(dec("15000000"));
    let sim = plan
        .simulate(&actuals, &[d], &pipeline_only(day(6, 30), 50_000, 11))
        .unwrap();
    assert_eq!(sim.exact_probability, None);
    // Mean of a triangular (6, 9, 15) million is 10 million.
    let mean = sim.mean - sim.closed;
    assert!((mean - dec("10000000")).abs() < dec("50000"), "{mean}");
    assert!(sim.min - sim.closed >= dec("6000000"));
    assert!(sim.max - sim.closed <= dec("15000000"));
}

#[test]
fn bad_options_are_refused() {
    let (plan, actuals, deals) = case_study();
    let run = |o: SimulationOptions| match plan.simulate(&actuals, &deals, &o).unwrap_err() {
        Error::InvalidArgument { name, message } => (name, message),
        e => panic!("{e}"),
    };
    let base = SimulationOptions::as_of(day(6, 30));
    assert_eq!(
        run(SimulationOptions {
            trials: 0,
            ..base.clone()
        })
        .0,
        "trials"
    );
    assert_eq!(
        run(SimulationOptions {
            seed: MAX_SEED + 1,
            ..base.clone()
        })
        .0,
        "seed"
    );
    assert_eq!(
        run(SimulationOptions {
            goal: Some("G-NONE".into()),
            ..base.clone()
        })
        .0,
        "goal"
    );
    let (name, message) = run(SimulationOptions {
        goal: Some("G-CONV".into()),
        ..base.clone()
    });
    assert!(name == "goal" && message.contains("no metric"), "{message}");
    assert_eq!(
        run(SimulationOptions::as_of(day(12, 31).succ_opt().unwrap())).0,
        "as_of"
    );
    assert_eq!(
        run(SimulationOptions {
            bins: 0,
            ..base.clone()
        })
        .0,
        "bins"
    );
    // New business needs history: none is complete on the first day.
    assert_eq!(run(SimulationOptions::as_of(day(1, 1))).0, "new_business");
    assert!(plan
        .simulate(&actuals, &deals, &pipeline_only(day(1, 1), 10, 0))
        .is_ok());
}

#[test]
fn options_read_from_json_with_paths() {
    let o = SimulationOptions::from_value(&serde_json::json!({
        "as_of": "2026-06-30", "trials": 500, "seed": 42, "new_business": "none",
        "target": "100000000"
    }))
    .unwrap();
    assert_eq!(
        (o.trials, o.seed, o.new_business),
        (500, 42, NewBusiness::None)
    );
    assert_eq!(o.target, Some(dec("100000000")));
    let e = SimulationOptions::from_value(&serde_json::json!({"as_of": "2026-06-30", "trails": 5}))
        .unwrap_err();
    assert_eq!((e.code(), e.path()), ("unknown_field", Some("/trails")));
    let e = SimulationOptions::from_value(&serde_json::json!({"as_of": "30/06/2026"})).unwrap_err();
    assert_eq!(e.path(), Some("/as_of"));
}

#[test]
fn a_segment_goal_counts_its_segment_only() {
    let (plan, actuals, deals) = case_study();
    let options = SimulationOptions {
        goal: Some("G-HIGH".into()),
        ..pipeline_only(day(6, 30), 1_000, 0)
    };
    let sim = plan.simulate(&actuals, &deals, &options).unwrap();
    // Won deals are not recorded by segment, so new business cannot be
    // fitted for it.
    let fitted = SimulationOptions {
        new_business: NewBusiness::Fit,
        ..options.clone()
    };
    assert!(plan.simulate(&actuals, &deals, &fitted).is_err());
    assert_eq!(sim.target, dec("30000000.00"));
    assert!(sim.pipeline.outside_goal > 0);
    assert!(sim.closed < dec("51216000.00"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// On pipelines of up to twelve deals the simulated probability is
    /// within four standard errors of the exact one.
    #[test]
    fn simulation_agrees_with_the_exact_probability(
        deals in prop::collection::vec((1u32..=50, 1u32..=99), 1..=12),
        share in 0u32..=100,
        seed in 0u64..1_000,
    ) {
        let (plan, actuals, _) = case_study();
        let pipeline: Vec<Deal> = deals
            .iter()
            .enumerate()
            .map(|(i, (m, p))| deal(&format!("D{i}"), &format!("{m}000000"), &format!("0.{p:02}"), day(9, 1)))
            .collect();
        let total: u32 = deals.iter().map(|d| d.0).sum();
        let target = dec("51216000") + Decimal::from(total * share / 100) * dec("1000000");
        let options = SimulationOptions {
            target: Some(target),
            ..pipeline_only(day(6, 30), 20_000, seed)
        };
        let sim = plan.simulate(&actuals, &pipeline, &options).unwrap();
        let exact = sim.exact_probability.unwrap();
        let p: f64 = exact.to_f64().unwrap();
        let se = (p * (1.0 - p) / 20_000.0).sqrt();
        let diff = (sim.probability - exact).abs().to_f64().unwrap();
        prop_assert!(diff <= 4.0 * se + 1e-6, "simulated {} exact {exact} se {se}", sim.probability);
    }
}

#[test]
fn histogram_edges_hold_every_outcome() {
    let sorted = [0i64, 3, 3, 6, 9, 10];
    let bins = histogram(&sorted, 3);
    assert_eq!(bins.iter().map(|b| b.count).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(bins[1].from, Decimal::new(3, 2));
    assert_eq!(bins[2].to, Decimal::new(10, 2));
}

/// A decimal from a mantissa pattern, a scale and a sign: zero, small
/// enough to cancel out, or near the 96-bit limit, so that sums come to
/// zero, overflow or change scale.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    let max = (1i128 << 96) - 1;
    (
        prop_oneof![
            2 => Just(0i128),
            8 => 1i128..=3,
            4 => 1i128..1_000,
            1 => (max - 1_000)..=max,
            1 => (max / 2 - 1_000)..=(max / 2 + 1_000),
        ],
        prop_oneof![Just(0u32), Just(2u32), 0u32..=28],
        any::<bool>(),
    )
        .prop_map(|(m, scale, negative)| {
            let mut d = Decimal::from_i128_with_scale(m, scale);
            d.set_sign_negative(negative);
            d
        })
}

/// The History::read of before the column accessors: row by row, through
/// observations.
fn history_by_rows(
    actuals: &Actuals,
    measure: &str,
    segment: Option<&str>,
    (start, as_of): (NaiveDate, NaiveDate),
    periods: &[(NaiveDate, NaiveDate)],
) -> Option<(Decimal, Vec<Decimal>, Vec<Decimal>)> {
    let (mut closed, mut won, mut amount) = (
        Decimal::ZERO,
        vec![Decimal::ZERO; periods.len()],
        vec![Decimal::ZERO; periods.len()],
    );
    let fitting = !periods.is_empty();
    for o in actuals.iter() {
        let is_measure = o.measure == measure;
        let is_won = fitting && o.measure == "won_deals";
        let in_scope =
            segment.is_none_or(|s| o.tags.iter().any(|(d, v)| *d == "segment" && *v == s));
        if !(is_measure || is_won) || !in_scope {
            continue;
        }
        if is_measure && o.date >= start && o.date <= as_of {
            closed = closed.checked_add(o.value)?;
        }
        let Some(i) = periods
            .iter()
            .position(|(s, e)| o.date >= *s && o.date <= *e)
        else {
            continue;
        };
        let sum = if is_won { &mut won[i] } else { &mut amount[i] };
        *sum = sum.checked_add(o.value)?;
    }
    Some((closed, won, amount))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A sum equals `checked_add` step by step, to the scale and the sign
    /// of zero, and overflows where it does.
    #[test]
    fn sums_match_checked_add_step_by_step(values in prop::collection::vec(any_decimal(), 0..40)) {
        let mut sum = fit::Sum::default();
        let mut expected = Some(Decimal::ZERO);
        for v in &values {
            let next = expected.and_then(|e| e.checked_add(*v));
            match next {
                Some(n) => {
                    prop_assert!(sum.add(*v).is_some());
                    prop_assert_eq!(sum.value().serialize(), n.serialize());
                }
                None => {
                    prop_assert!(sum.add(*v).is_none());
                    break;
                }
            }
            expected = next;
        }
    }

    /// Reading the actuals by column gives what reading them row by row
    /// gave, value for value and scale for scale.
    #[test]
    fn history_reads_as_row_by_row(
        rows in prop::collection::vec(
            (0u32..3, -20i64..200, 0u32..4, prop_oneof![-3i64..=3, -100_000i64..100_000], 0u32..4),
            0..120,
        ),
        measure in 0usize..3,
        segment in 0usize..4,
        overlapping in any::<bool>(),
        fitting in any::<bool>(),
    ) {
        let base = day(1, 1);
        let mut actuals = Actuals::new();
        let measures = ["revenue", "won_deals", "pipeline"];
        let segments = ["", "a", "b", "c"];
        for &(m, d, s, v, scale) in &rows {
            actuals.push(
                base + chrono::Duration::days(d),
                measures[m as usize],
                Decimal::new(v, scale),
                &[("rep", "r1"), ("segment", segments[s as usize])],
            );
        }
        let months: Vec<(NaiveDate, NaiveDate)> = if !fitting {
            Vec::new()
        } else if overlapping {
            vec![(day(2, 1), day(3, 31)), (day(1, 1), day(2, 15)), (day(3, 1), day(5, 31))]
        } else {
            vec![(day(1, 1), day(1, 31)), (day(2, 1), day(2, 28)), (day(4, 1), day(4, 30))]
        };
        // "d" never occurs; "" is no segment at all.
        let segment = [None, Some("a"), Some("b"), Some("d")][segment];
        let bounds = (day(1, 10), day(4, 15));
        let measure = ["revenue", "won_deals", "nothing"][measure];
        let read = fit::History::read(
            &actuals,
            measure,
            &fit::Scope { segment },
            bounds,
            &months,
        );
        let expected = history_by_rows(&actuals, measure, segment, bounds, &months);
        match (read, expected) {
            (Ok(h), Some((closed, won, amount))) => {
                let bytes = |v: &[Decimal]| v.iter().map(Decimal::serialize).collect::<Vec<_>>();
                prop_assert_eq!(h.closed.serialize(), closed.serialize());
                prop_assert_eq!(bytes(&h.won), bytes(&won));
                prop_assert_eq!(bytes(&h.amount), bytes(&amount));
            }
            (Err(_), None) => {}
            (r, e) => prop_assert!(false, "read {:?}, rows {:?}", r.map(|h| h.closed), e),
        }
    }
}

#[test]
fn sums_keep_the_scale_and_sign_of_zero() {
    let steps = |values: &[&str]| {
        let mut sum = fit::Sum::default();
        let mut expected = Decimal::ZERO;
        for v in values {
            let v = dec(v);
            sum.add(v).unwrap();
            expected = expected.checked_add(v).unwrap();
            assert_eq!(sum.value().serialize(), expected.serialize(), "{values:?}");
        }
        sum.value()
    };
    assert_eq!(steps(&["0.01", "-0.01"]).to_string(), "0.00");
    assert_eq!(steps(&["-0.01", "0.01", "3"]).to_string(), "3");
    assert_eq!(steps(&["1.5", "0.00", "2.5"]).to_string(), "4.0");
    assert_eq!(steps(&["-2", "2", "0.000"]).to_string(), "0.000");
    // Beyond 96 bits checked_add gives up a decimal place, rounding.
    assert_eq!(
        steps(&["79228162514264337593543950.335", "1"]).to_string(),
        "79228162514264337593543951.34"
    );
}
