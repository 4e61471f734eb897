//! Tests of settling rows: conversion, split credit, problems and row numbers.

use super::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn rates() -> Rates {
    Rates::from_csv(
        "date,from,to,rate\n2026-01-01,USD,CNY,7.10\n2026-07-01,USD,CNY,7.20\n2026-01-01,EUR,CNY,7.80\n",
    )
    .unwrap()
}

fn rows(report: &LoadReport) -> Vec<String> {
    report
        .actuals
        .iter()
        .map(|o| format!("{} {} {:?}", o.date, o.value, o.tags))
        .collect()
}

fn load(csv: &str, mode: LoadMode, rates: Option<&Rates>) -> Result<LoadReport> {
    let plan = crate::example_plan();
    plan.actuals_from_csv_with(csv, &LoadOptions { mode, rates })
}

#[test]
fn each_row_at_the_rate_of_its_date() {
    let csv = "date,measure,value,region,currency\n\
        2026-06-30,revenue,100.005,east,USD\n\
        2026-07-01,revenue,100,east,USD\n\
        2026-03-01,revenue,10.10,west,EUR\n\
        2026-03-01,revenue,1.234,west,CNY\n\
        2026-03-01,revenue,7,west,\n";
    let rates = rates();
    let report = load(csv, LoadMode::Strict, Some(&rates)).unwrap();
    assert_eq!(
        rows(&report),
        [
            r#"2026-06-30 710.04 [("region", "east")]"#,
            r#"2026-07-01 720.00 [("region", "east")]"#,
            r#"2026-03-01 78.78 [("region", "west")]"#,
            // The plan's currency and none: as given, not rounded.
            r#"2026-03-01 1.234 [("region", "west")]"#,
            r#"2026-03-01 7 [("region", "west")]"#,
        ]
    );
    assert!(report.actuals.dimension("currency").is_none());
}

#[test]
fn rows_without_a_rate_are_all_listed_and_nothing_is_loaded() {
    let csv = "date,measure,value,currency\n\
        2025-12-31,revenue,1,USD\n\
        2026-02-01,revenue,1,USD\n\
        2026-02-01,revenue,x,USD\n\
        2026-02-01,revenue,1,JPY\n\
        2026-02-01,revenue,1,usd\n";
    let rates = rates();
    let Err(Error::Actuals { problems }) = load(csv, LoadMode::Strict, Some(&rates)) else {
        panic!("expected the load refused");
    };
    let found: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (1, "currency"),
            (3, "value"),
            (4, "currency"),
            (5, "currency")
        ]
    );
    assert_eq!(
        problems[0].message,
        "no USD → CNY rate is in effect on 2025-12-31; the first is dated 2026-01-01"
    );
    assert!(
        problems[2].message.contains("JPY"),
        "{}",
        problems[2].message
    );
    assert!(
        problems[2].message.contains("2026-02-01"),
        "{}",
        problems[2].message
    );
    // Without a table every foreign row is a problem.
    let lenient = load(csv, LoadMode::Lenient, None).unwrap();
    assert_eq!(lenient.actuals.len(), 0);
    assert_eq!(lenient.problems.len(), 5);
    // Leniently with rates: the good row stays.
    let lenient = load(csv, LoadMode::Lenient, Some(&rates)).unwrap();
    assert_eq!(rows(&lenient), ["2026-02-01 7.10 []"]);
}

#[test]
fn a_rate_table_into_another_currency_is_refused() {
    let eur = Rates::from_csv("date,from,to,rate\n2026-01-01,USD,EUR,0.9\n").unwrap();
    let e = load(
        "date,measure,value\n2026-01-01,revenue,1\n",
        LoadMode::Strict,
        Some(&eur),
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid_argument");
    assert!(
        e.to_string()
            .contains("converts to EUR, but the plan's currency is CNY"),
        "{e}"
    );
}

#[test]
fn credit_splits_rows_and_keeps_their_numbers() {
    let csv = "date,measure,value,region,rep,credit\n\
        2025-12-20,revenue,100,east,x,rep=a:0.5;rep=b:0.5\n\
        2026-01-05,revenue,10.01,east,x,rep=a:0.5;rep=b:0.5\n\
        2026-01-06,revenue,5,west,y,\n\
        2027-01-06,revenue,5,west,y,region=n:0.3;region=s:0.7\n";
    let report = load(csv, LoadMode::Strict, None).unwrap();
    assert_eq!(
        rows(&report),
        [
            r#"2025-12-20 50.00 [("region", "east"), ("rep", "a")]"#,
            r#"2025-12-20 50.00 [("region", "east"), ("rep", "b")]"#,
            r#"2026-01-05 5.01 [("region", "east"), ("rep", "a")]"#,
            r#"2026-01-05 5.00 [("region", "east"), ("rep", "b")]"#,
            r#"2026-01-06 5 [("region", "west"), ("rep", "y")]"#,
            r#"2027-01-06 1.50 [("region", "n"), ("rep", "y")]"#,
            r#"2027-01-06 3.50 [("region", "s"), ("rep", "y")]"#,
        ]
    );
    // Warnings name input rows, not split ones.
    let warning = &report.warnings(&crate::example_plan())[0];
    assert_eq!(
        (warning.rows, warning.first_rows.clone()),
        (4, vec![1, 1, 4, 4])
    );
}

#[test]
fn bad_credit_cells_are_row_problems_in_column_credit() {
    let csv = "date,measure,value,credit\n\
        2026-01-05,revenue,10,rep=a:0.6;rep=b:0.3\n\
        2026-01-05,revenue,10,rep=a:1;rep=b:0\n\
        2026-01-05,revenue,10,rep=a:0.5;region=b:0.5\n\
        2026-01-05,revenue,10,rep=a:0.5;rep=a:0.5\n\
        2026-01-05,revenue,10,rep a 1\n\
        2026-01-05,revenue,10,rep=a:1\n";
    let Err(Error::Actuals { problems }) = load(csv, LoadMode::Strict, None) else {
        panic!("expected the load refused");
    };
    let found: Vec<(usize, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (1, "credit"),
            (2, "credit"),
            (3, "credit"),
            (4, "credit"),
            (5, "credit")
        ]
    );
    let lenient = load(csv, LoadMode::Lenient, None).unwrap();
    assert_eq!(rows(&lenient), [r#"2026-01-05 10.00 [("rep", "a")]"#]);
}

#[test]
fn json_rows_take_currency_and_credit_keys() {
    let plan = crate::example_plan();
    let rates = rates();
    let json = r#"[
        {"date": "2026-02-01", "measure": "revenue", "value": "10", "currency": "USD",
         "credit": "rep=a:0.5;rep=b:0.5", "tags": {"region": "east"}},
        {"date": "2026-02-01", "measure": "revenue", "value": "1", "tags": {"currency": "EUR"}},
        {"date": "2026-02-01", "measure": "revenue", "value": "1", "currency": "EUR", "tags": {"currency": "EUR"}},
        {"date": "2026-02-01", "measure": "revenue", "value": "1", "currency": 5}
    ]"#;
    let options = LoadOptions {
        mode: LoadMode::Lenient,
        rates: Some(&rates),
    };
    let report = plan.actuals_from_json_with(json, &options).unwrap();
    assert_eq!(
        rows(&report),
        [
            r#"2026-02-01 35.50 [("region", "east"), ("rep", "a")]"#,
            r#"2026-02-01 35.50 [("region", "east"), ("rep", "b")]"#,
            "2026-02-01 7.80 []",
        ]
    );
    let found: Vec<(usize, &str)> = report
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(found, [(3, "currency"), (4, "currency")]);
}

#[test]
fn columns_settle_through_the_plan() {
    use crate::actuals::{Columns, TextColumn, ValueColumn};
    let day = crate::actuals::day_number("2026-03-01".parse().unwrap());
    let columns = Columns {
        days: &[Some(day), Some(day)],
        measures: TextColumn {
            codes: &[Some(0), Some(0)],
            values: &["revenue"],
        },
        values: ValueColumn::Minor {
            units: &[Some(1000), Some(500)],
            scale: 2,
        },
        tags: vec![
            (
                "currency",
                TextColumn {
                    codes: &[Some(0), None],
                    values: &["USD"],
                },
            ),
            (
                "credit",
                TextColumn {
                    codes: &[None, Some(0)],
                    values: &["rep=a:0.6;rep=b:0.4"],
                },
            ),
        ],
    };
    let plan = crate::example_plan();
    let rates = rates();
    let raw =
        Actuals::from_columns(&columns, &|m| plan.knows_measure(m), LoadMode::Lenient).unwrap();
    let options = LoadOptions {
        mode: LoadMode::Strict,
        rates: Some(&rates),
    };
    let report = plan.prepare_actuals(raw.clone(), &options).unwrap();
    assert_eq!(
        rows(&report),
        [
            "2026-03-01 71.00 []",
            r#"2026-03-01 3.00 [("rep", "a")]"#,
            r#"2026-03-01 2.00 [("rep", "b")]"#
        ]
    );
    let refused = plan
        .prepare_actuals(raw, &LoadOptions::new(LoadMode::Strict))
        .unwrap_err();
    assert_eq!(refused.code(), "invalid_actuals");
}

proptest! {
    /// Loaded with split credit, every measure's total is the total of
    /// the unsplit rows, and each rep's total is the sum of its parts.
    #[test]
    fn split_rows_keep_the_company_total(
        rows in proptest::collection::vec(
            (any::<i32>(), 0u32..4, proptest::collection::vec(1u32..50, 1..4)),
            1..30,
        ),
    ) {
        let mut csv = String::from("date,measure,value,credit\n");
        let mut plain = String::from("date,measure,value\n");
        for (mantissa, scale, weights) in &rows {
            let value = Decimal::new(i64::from(*mantissa), *scale);
            let total: u32 = weights.iter().sum();
            let mut shares: Vec<Decimal> = weights
                .iter()
                .map(|&w| (Decimal::from(w) / Decimal::from(total)).round_dp(4))
                .collect();
            let rest = Decimal::ONE - shares.iter().copied().sum::<Decimal>();
            shares[0] += rest;
            if shares.iter().any(|s| *s <= Decimal::ZERO) {
                continue;
            }
            let cell: Vec<String> = shares.iter().enumerate().map(|(i, s)| format!("rep=r{i}:{s}")).collect();
            csv.push_str(&format!("2026-02-01,revenue,{value},{}\n", cell.join(";")));
            plain.push_str(&format!("2026-02-01,revenue,{value}\n"));
        }
        let split = load(&csv, LoadMode::Strict, None).unwrap();
        let whole = load(&plain, LoadMode::Strict, None).unwrap();
        let sum = |r: &LoadReport| r.actuals.iter().map(|o| o.value).sum::<Decimal>();
        prop_assert_eq!(sum(&split), sum(&whole));
        prop_assert!(split.actuals.iter().all(|o| o.value.scale() >= 2 || o.value.is_zero()));
    }
}
