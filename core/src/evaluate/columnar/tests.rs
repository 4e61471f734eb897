//! The columnar fold against the row-by-row fold it replaced: the same
//! nodes in the same order and the same folds, digit for digit, for any
//! rows and any number of threads.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(offset)
}

/// Months of 2026 as (first, last) days.
fn months() -> (Vec<NaiveDate>, Vec<NaiveDate>) {
    (1..=12)
        .map(|m| {
            let first = NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
            let next = NaiveDate::from_ymd_opt(2026 + i32::from(m == 12), m % 12 + 1, 1).unwrap();
            (first, next.pred_opt().unwrap())
        })
        .unzip()
}

type Reference = Vec<(String, Vec<HashMap<String, Fold>>)>;

/// The row-by-row fold: every row visited as an observation, added to the
/// company and to each node down its tags.
fn reference(
    actuals: &Actuals,
    filter: &BTreeMap<String, String>,
    hierarchy: &[String],
    as_of: NaiveDate,
) -> Reference {
    let (starts, ends) = months();
    let mut table: Reference = vec![(String::new(), vec![HashMap::new(); 12])];
    let mut nodes: HashMap<String, usize> = HashMap::new();
    for obs in actuals.iter() {
        if obs.date > as_of {
            continue;
        }
        let Some(p) = (0..12).find(|&i| starts[i] <= obs.date && obs.date <= ends[i]) else {
            continue;
        };
        let tag = |name: &str| obs.tags.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
        if !filter.iter().all(|(k, v)| tag(k) == Some(v.as_str())) {
            continue;
        }
        let add = |t: &mut Vec<HashMap<String, Fold>>| {
            let fold = t[p].entry(obs.measure.to_owned()).or_default();
            let scale = fold.sum.scale().max(obs.value.scale());
            fold.add(obs.date, obs.value).unwrap();
            // A sum keeps the largest scale of its values (adding a zero
            // `Decimal` one at a time would not).
            fold.sum.rescale(scale);
        };
        add(&mut table[0].1);
        let mut path = String::new();
        for dim in hierarchy {
            let Some(value) = tag(dim) else { break };
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(&format!("{dim}={value}"));
            let len = table.len();
            let i = *nodes.entry(path.clone()).or_insert(len);
            if i == len {
                table.push((path.clone(), vec![HashMap::new(); 12]));
            }
            add(&mut table[i].1);
        }
    }
    table
}

/// A fold as text, with every decimal's scale showing; the extremes only
/// where a formula reads them (the columnar fold keeps them only there).
fn text(f: &Fold, extremes: bool) -> String {
    if extremes {
        format!("{f:?}")
    } else {
        format!("{:?} {}", f.sum, f.count)
    }
}

const MEASURES: [&str; 4] = ["revenue", "won_deals", "score", "unread"];

fn parse(formulas: &[&str]) -> Vec<Formula> {
    formulas
        .iter()
        .map(|f| Formula::parse(f).unwrap())
        .collect()
}

/// Formulas that read the extremes of `score` (the general fold).
fn formulas() -> Vec<Formula> {
    parse(&[
        "sum(revenue)",
        "min(score) + max(score) - last(score)",
        "avg(won_deals)",
    ])
}

/// Formulas that read only sums and counts (the fold most plans take).
fn sums() -> Vec<Formula> {
    parse(&["sum(revenue)", "sum(score) / count(won_deals)"])
}

#[derive(Debug, Clone)]
struct Row {
    offset: i64,
    measure: usize,
    mantissa: i64,
    scale: u32,
    region: Option<&'static str>,
    rep: Option<&'static str>,
    segment: Option<&'static str>,
}

fn row() -> impl Strategy<Value = Row> {
    let pick = |values: &'static [&'static str]| {
        prop_oneof![Just(None), proptest::sample::select(values).prop_map(Some)]
    };
    (
        -5i64..200,
        0usize..4,
        -3i64..50,
        0u32..4,
        pick(&["a", "b", "c"]),
        pick(&["r1", "r2", "r3", "r4"]),
        pick(&["x", "y"]),
    )
        .prop_map(
            |(offset, measure, mantissa, scale, region, rep, segment)| Row {
                offset,
                measure,
                mantissa,
                scale,
                region,
                rep,
                segment,
            },
        )
}

fn actuals(rows: &[Row]) -> Actuals {
    let mut a = Actuals::new();
    for r in rows {
        let mut tags = Vec::new();
        for (k, v) in [("region", r.region), ("rep", r.rep), ("segment", r.segment)] {
            if let Some(v) = v {
                tags.push((k, v));
            }
        }
        let value = Decimal::new(r.mantissa, r.scale);
        a.push(day(r.offset), MEASURES[r.measure], value, &tags);
    }
    a
}

/// Folds `filters` in one pass and each against the row-by-row fold.
fn check(
    a: &Actuals,
    filters: &[BTreeMap<String, String>],
    hierarchy: &[String],
    as_of: NaiveDate,
) {
    for formulas in [formulas(), sums()] {
        check_with(a, &formulas, filters, hierarchy, as_of);
    }
}

fn check_with(
    a: &Actuals,
    formulas: &[Formula],
    filters: &[BTreeMap<String, String>],
    hierarchy: &[String],
    as_of: NaiveDate,
) {
    let (starts, ends) = months();
    let days = DayTable::new(&starts, &ends, as_of);
    let slots = Slots::new(a, formulas);
    let nodes = Nodes::build(a, hierarchy);
    let codes = filters
        .iter()
        .map(|filter| {
            filter
                .iter()
                .map(|(k, v)| Some((a.dimension(k)?.0, a.tag_code(k, v)?)))
                .collect::<Option<Vec<(&[u32], u32)>>>()
        })
        .collect();
    let pass = Pass {
        actuals: a,
        days: &days,
        periods: 12,
        slots: &slots,
        nodes: &nodes,
        hierarchy,
        filters: codes,
    };
    for threads in [1, 2, 3] {
        let tables = pass.run_on(threads).unwrap();
        assert_eq!(tables.len(), filters.len());
        for (filter, got) in filters.iter().zip(&tables) {
            same(
                &reference(a, filter, hierarchy, as_of),
                got,
                &slots,
                threads,
            );
        }
    }
}

fn same(want: &Reference, got: &Table, slots: &Slots, threads: usize) {
    let paths: Vec<&str> = want.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(got.paths, paths, "{threads} threads");
    for (i, (_, periods)) in want.iter().enumerate() {
        for m in ["revenue", "won_deals", "score"] {
            // A measure that never occurs has no slot, and no rows.
            let Some(slot) = slots.names().iter().position(|n| n == m) else {
                assert!(periods.iter().all(|p| !p.contains_key(m)));
                continue;
            };
            let ext = slots.extremes[slot];
            let mut total = Fold::default();
            for (p, folds) in periods.iter().enumerate() {
                let expect = folds.get(m).copied().unwrap_or_default();
                assert_eq!(
                    text(&got.period(i, p)[slot], ext),
                    text(&expect, ext),
                    "{m} node {i} period {p}"
                );
                let scale = total.sum.scale().max(expect.sum.scale());
                total.merge(&expect).unwrap();
                total.sum.rescale(scale);
            }
            assert_eq!(
                text(&got.total(i)[slot], ext),
                text(&total, ext),
                "{m} node {i} total"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn folds_as_row_by_row(rows in proptest::collection::vec(row(), 0..120), as_of in 0i64..200) {
        let a = actuals(&rows);
        let region_rep = vec!["region".to_owned(), "rep".to_owned()];
        let filter = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
        };
        let all = filter(&[]);
        let segment = filter(&[("segment", "x")]);
        let both = filter(&[("segment", "y"), ("region", "a")]);
        let unknown = filter(&[("channel", "web")]);
        check(&a, std::slice::from_ref(&all), &[], day(as_of));
        // Every value of a measure at one scale: the loop that adds
        // mantissas as they are.
        let cents: Vec<Row> = rows.iter().map(|r| Row { scale: 2, ..r.clone() }).collect();
        check(&actuals(&cents), &[all.clone(), filter(&[("segment", "x")])], &region_rep, day(as_of));
        check(&a, &[all.clone(), segment.clone(), both, unknown], &region_rep, day(as_of));
        check(&a, &[segment, all], &["rep".to_owned()], day(as_of));
    }
}

#[test]
fn a_sum_beyond_a_decimal_is_an_overflow_error() {
    let mut a = Actuals::new();
    for _ in 0..3 {
        a.push(day(3), "revenue", Decimal::MAX, &[]);
    }
    let (starts, ends) = months();
    let days = DayTable::new(&starts, &ends, day(40));
    let slots = Slots::new(&a, &formulas());
    let nodes = Nodes::build(&a, &[]);
    let pass = Pass {
        actuals: &a,
        days: &days,
        periods: 12,
        slots: &slots,
        nodes: &nodes,
        hierarchy: &[],
        filters: vec![Some(Vec::new())],
    };
    let err = pass.run().err().unwrap();
    assert_eq!(err.code(), "overflow");
    assert!(err.to_string().contains("sum(revenue)"), "{err}");
}

#[test]
fn wide_scales_sum_as_decimals() {
    let mut a = Actuals::new();
    a.push(day(3), "revenue", Decimal::MAX, &[]);
    a.push(day(4), "revenue", Decimal::new(1, 28), &[]);
    a.push(day(5), "revenue", Decimal::MIN, &[]);
    let slots = Slots::new(&a, &formulas());
    assert_eq!(slots.sums[0], SumKind::Decimal);
    let mut cents = Actuals::new();
    cents.push(day(3), "revenue", Decimal::new(12345, 2), &[]);
    cents.push(day(3), "revenue", Decimal::new(7, 0), &[]);
    assert_eq!(Slots::new(&cents, &formulas()).sums[0], SumKind::Units(2));
}
