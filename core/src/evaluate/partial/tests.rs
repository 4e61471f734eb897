//! Partial evaluations against the single-process evaluation: any split of
//! the rows into batches, merged in any order, gives the same evaluation;
//! the encoding reads back what it wrote and refuses what it did not.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;

/// The case study with a KPI reading the extremes, whose ties depend on
/// the order of the rows.
fn plan() -> Plan {
    let mut doc: serde_json::Value = serde_json::from_str(crate::EXAMPLE_PLAN_JSON).unwrap();
    let kpis = doc["kpis"].as_array_mut().unwrap();
    for (id, formula) in [
        ("K-MAX", "max(revenue)"),
        ("K-MIN", "min(revenue)"),
        ("K-LAST", "last(revenue)"),
    ] {
        let mut kpi = kpis[0].clone();
        kpi["id"] = id.into();
        kpi["name"] = id.into();
        kpi["formula"] = formula.into();
        kpis.push(kpi);
    }
    Plan::from_json(&doc.to_string()).unwrap()
}

type Row = (i64, usize, i64, u32, usize, usize, usize);

fn rows() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(
        (
            -20i64..400,
            0usize..6,
            -3i64..6,
            0u32..4,
            0usize..4,
            0usize..3,
            0usize..4,
        ),
        0..120,
    )
}

const MEASURES: [&str; 6] = [
    "revenue",
    "won_deals",
    "opportunities",
    "satisfaction_score",
    "market_size",
    "unread",
];
const REGIONS: [&str; 4] = ["east", "west", "", "-"];
const SEGMENTS: [&str; 3] = ["SEG-HIGH", "SEG-MID", "-"];
const REPS: [&str; 4] = ["r1", "r2", "r/3", "-"];

fn push(actuals: &mut Actuals, row: &Row) {
    let (day, measure, value, scale, region, segment, rep) = *row;
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(day);
    let mut tags = Vec::new();
    for (name, value) in [
        ("region", REGIONS[region]),
        ("segment", SEGMENTS[segment]),
        ("rep", REPS[rep]),
    ] {
        // `-` stands for a row without the tag.
        if value != "-" {
            tags.push((name, value));
        }
    }
    // Even values are whole numbers written with `scale` places, so equal
    // values of different scales tie and the tie decides which is kept.
    let value = if value % 2 == 0 {
        Decimal::new(value * 10i64.pow(scale), scale)
    } else {
        Decimal::new(value * 1000 + 7, scale)
    };
    actuals.push(date, MEASURES[measure], value, &tags);
}

fn actuals(rows: &[Row]) -> Actuals {
    let mut a = Actuals::new();
    for row in rows {
        push(&mut a, row);
    }
    a
}

fn options(as_of: i64, hierarchy: usize) -> EvaluationOptions {
    let hierarchy: &[&str] = match hierarchy {
        0 => &[],
        1 => &["region"],
        2 => &["region", "rep"],
        _ => &["segment", "region", "rep"],
    };
    let mut options = EvaluationOptions::as_of(
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(as_of),
    );
    options.hierarchy = hierarchy.iter().map(|s| (*s).to_owned()).collect();
    options
}

/// The rows cut at `cuts` (positions, any order), each batch folded.
fn folded(plan: &Plan, rows: &[Row], cuts: &[usize], options: &EvaluationOptions) -> Vec<Partial> {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (rows.len() + 1)).collect();
    cuts.push(0);
    cuts.push(rows.len());
    cuts.sort_unstable();
    cuts.windows(2)
        .enumerate()
        .map(|(i, w)| {
            // Batch numbers need only follow the order of the rows.
            plan.fold(&actuals(&rows[w[0]..w[1]]), options, (i as u64) * 7 + 3)
                .unwrap()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_split_merged_in_any_order_evaluates_as_the_whole(
        rows in rows(),
        cuts in prop::collection::vec(0usize..200, 0..6),
        order in Just((0..8usize).collect::<Vec<_>>()).prop_shuffle(),
        as_of in 0i64..365,
        hierarchy in 0usize..4,
    ) {
        let plan = plan();
        let options = options(as_of, hierarchy);
        let whole = plan.evaluate(&actuals(&rows), &options);
        let parts = folded(&plan, &rows, &cuts, &options);
        let mut merged = plan.empty_partial(&options).unwrap();
        for i in order.iter().filter(|&&i| i < parts.len()) {
            merged.merge(&parts[*i]).unwrap();
        }
        let mut in_order = plan.empty_partial(&options).unwrap();
        for p in &parts {
            in_order.merge(p).unwrap();
        }
        prop_assert_eq!(&merged, &in_order);
        let read = Partial::from_bytes(&merged.to_bytes()).unwrap();
        prop_assert_eq!(&read, &merged);
        let evaluated = plan.evaluate_partial(&read, &options);
        match (whole, evaluated) {
            (Ok(a), Ok(b)) => prop_assert_eq!(
                serde_json::to_string(&a).unwrap(),
                serde_json::to_string(&b).unwrap()
            ),
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            (a, b) => prop_assert!(false, "whole {:?}, partial {:?}", a.map(|_| ()), b.map(|_| ())),
        }
    }

    #[test]
    fn bytes_from_elsewhere_are_refused_not_a_panic(
        rows in rows(),
        flips in prop::collection::vec((0usize..4096, any::<u8>()), 1..8),
        cut in 0usize..4096,
    ) {
        let plan = plan();
        let options = options(200, 2);
        let partial = plan.fold(&actuals(&rows), &options, 0).unwrap();
        let mut bytes = partial.to_bytes();
        for (at, byte) in flips {
            let n = bytes.len();
            bytes[at % n] ^= byte;
        }
        bytes.truncate(cut.max(1));
        if let Ok(p) = Partial::from_bytes(&bytes) {
            // What reads is usable: evaluation answers or refuses.
            let _ = plan.evaluate_partial(&p, &options);
        }
    }
}

#[test]
fn the_case_study_split_in_three_is_the_whole() {
    let plan = crate::example_plan();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/evaluations/case-study/actuals.csv"
    ))
    .unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let (header, body) = (lines[0], &lines[1..]);
    let load = |rows: &[&str]| {
        let csv = std::iter::once(header)
            .chain(rows.iter().copied())
            .collect::<Vec<_>>()
            .join("\n");
        plan.actuals_from_csv(&csv, crate::actuals::LoadMode::Strict)
            .unwrap()
            .actuals
    };
    let mut options = EvaluationOptions::as_of(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
    options.hierarchy = vec!["region".into(), "segment".into()];
    let whole = plan.evaluate(&load(body), &options).unwrap();
    let parts: Vec<Partial> = [&body[..100], &body[100..101], &body[101..]]
        .iter()
        .enumerate()
        .map(|(i, rows)| plan.fold(&load(rows), &options, i as u64).unwrap())
        .collect();
    let mut merged = parts[2].clone();
    merged.merge(&parts[0]).unwrap();
    merged.merge(&parts[1]).unwrap();
    assert_eq!(merged.rows(), body.len() as u64);
    assert_eq!(plan.evaluate_partial(&merged, &options).unwrap(), whole);
}

#[test]
fn partials_of_other_dates_or_hierarchies_do_not_merge() {
    let plan = crate::example_plan();
    let a = options(100, 1);
    let b = options(101, 1);
    let c = options(100, 2);
    let mut p = plan.empty_partial(&a).unwrap();
    let e = p.merge(&plan.empty_partial(&b).unwrap()).unwrap_err();
    assert_eq!(e.code(), "invalid_argument");
    assert!(e.to_string().contains("as of 2026-04-11"), "{e}");
    let e = p.merge(&plan.empty_partial(&c).unwrap()).unwrap_err();
    assert!(
        e.to_string()
            .contains("by the hierarchy [region], the other by the hierarchy [region, rep]"),
        "{e}"
    );
    let e = plan.evaluate_partial(&p, &b).unwrap_err();
    assert!(e.to_string().contains("partial"), "{e}");
    // A plan whose formulas read other measures.
    let other = self::plan();
    let e = other.evaluate_partial(&p, &a).unwrap_err();
    assert!(
        e.to_string()
            .contains("min, max or last of [], the evaluation's options of [revenue]"),
        "{e}"
    );
}

#[test]
fn foreign_bytes_name_what_is_wrong() {
    let e = Partial::from_bytes(b"PK\x03\x04").unwrap_err();
    assert!(e.to_string().contains("not a partial evaluation"), "{e}");
    let e = Partial::from_bytes(b"SPPE\x09").unwrap_err();
    assert!(e.to_string().contains("format 9"), "{e}");
    let plan = crate::example_plan();
    let mut bytes = plan.empty_partial(&options(10, 0)).unwrap().to_bytes();
    bytes.push(0);
    let e = Partial::from_bytes(&bytes).unwrap_err();
    assert!(e.to_string().contains("1 bytes follow"), "{e}");
}

#[test]
fn a_hierarchy_tag_no_batch_carries_is_refused_when_evaluated() {
    let plan = crate::example_plan();
    let mut options = options(100, 0);
    options.hierarchy = vec!["team".into()];
    let rows = [(5, 0, 10, 2, 0, 0, 0)];
    let p = plan.fold(&actuals(&rows), &options, 0).unwrap();
    let whole = plan.evaluate(&actuals(&rows), &options).unwrap_err();
    let e = plan.evaluate_partial(&p, &options).unwrap_err();
    assert_eq!(e.to_string(), whole.to_string());
}
