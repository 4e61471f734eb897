//! Loaded rows settled against the plan: each converted to the plan's
//! currency and split by its credit.
//!
//! Two column names are reserved in every way actuals come in (a CSV or
//! Arrow column, a JSON row's key or tag): `currency` and `credit`. They
//! are not dimensions. The plan's loaders ([`Plan::actuals_from_csv`],
//! [`Plan::actuals_from_json`], and [`Plan::prepare_actuals`] for rows
//! built from columns or batches) read them as follows:
//!
//! - `currency`, empty or the plan's currency: the row is as given.
//!   Another currency: the value is converted at the rate in effect on
//!   the row's date and rounded to the cent ([`Rates`], whose docs give
//!   the rule). Every row that names another currency is converted,
//!   whatever its measure: a currency on a count is the statement that
//!   it is money. A row with no rate in effect on its date is a
//!   [`RowProblem`] in column `currency` naming the currency and the date.
//! - `credit` (`rep=a:0.6;rep=b:0.4`): the row becomes one row per share,
//!   the value split exactly ([`Credit`](super::Credit) gives the rule).
//!   A cell that does not read is a [`RowProblem`] in column `credit`.
//!
//! A row is converted first and then split. Problems join the load's
//! other problems by row number: a strict load refuses them all at once,
//! a lenient one skips those rows and lists them.

use super::credit::Credit;
use super::currency::Rates;
use super::load::{LoadMode, LoadReport, RowProblem};
use super::{Actuals, ABSENT};
use crate::error::{Error, Result};
use crate::plan::Plan;
use crate::units::Currency;

/// The reserved column naming a row's currency.
pub const CURRENCY: &str = "currency";
/// The reserved column sharing a row's credit.
pub const CREDIT: &str = "credit";

/// How actuals are read: what to do with bad rows, and the exchange rates
/// for rows in other currencies.
///
/// ```
/// use salesplan::actuals::{LoadMode, LoadOptions, Rates};
///
/// let plan = salesplan::example_plan();
/// let rates = Rates::from_csv("date,from,to,rate\n2026-01-01,USD,CNY,7.10\n").unwrap();
/// let csv = "date,measure,value,currency,credit\n\
///            2026-01-20,revenue,1000,USD,rep=li:0.6;rep=wang:0.4\n\
///            2026-01-21,revenue,500,,\n";
/// let options = LoadOptions { rates: Some(&rates), ..LoadOptions::new(LoadMode::Strict) };
/// let actuals = plan.actuals_from_csv_with(csv, &options).unwrap().actuals;
/// let values: Vec<String> = actuals.iter().map(|o| format!("{} {:?}", o.value, o.tags)).collect();
/// assert_eq!(values, [r#"4260.00 [("rep", "li")]"#, r#"2840.00 [("rep", "wang")]"#, "500 []"]);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions<'r> {
    /// Refuse the load for any bad row, or skip bad rows.
    pub mode: LoadMode,
    /// Rates for rows whose `currency` is not the plan's; without them
    /// such rows are bad rows.
    pub rates: Option<&'r Rates>,
}

impl LoadOptions<'_> {
    /// A load in `mode` without rates.
    pub fn new(mode: LoadMode) -> LoadOptions<'static> {
        LoadOptions { mode, rates: None }
    }
}

impl Plan {
    /// Reads actuals from CSV as [`Plan::actuals_from_csv`] does, with
    /// `options`' rates for rows in other currencies.
    ///
    /// # Errors
    /// As [`Plan::actuals_from_csv`] and [`Plan::prepare_actuals`].
    pub fn actuals_from_csv_with(
        &self,
        text: &str,
        options: &LoadOptions<'_>,
    ) -> Result<LoadReport> {
        let report = Actuals::from_csv(text, &|m| self.knows_measure(m), LoadMode::Lenient)?;
        self.prepare_actuals(report, options)
    }

    /// Reads actuals from JSON as [`Plan::actuals_from_json`] does, with
    /// `options`' rates for rows in other currencies.
    ///
    /// # Errors
    /// As [`Plan::actuals_from_json`] and [`Plan::prepare_actuals`].
    pub fn actuals_from_json_with(
        &self,
        text: &str,
        options: &LoadOptions<'_>,
    ) -> Result<LoadReport> {
        let report = Actuals::from_json(text, &|m| self.knows_measure(m), LoadMode::Lenient)?;
        self.prepare_actuals(report, options)
    }

    /// Settles rows read without the plan (by [`Actuals::from_columns`],
    /// an [`ActualsBuilder`](super::ActualsBuilder), or the plan-free
    /// readers, best in lenient mode so that every problem is reported
    /// at once): the `currency` and `credit` columns are applied as the
    /// [module docs](self) say and leave the tags, and `options.mode`
    /// decides what bad rows of either kind do.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the rate table converts to another
    /// currency than the plan's; [`Error::Actuals`] in strict mode when
    /// any row is bad, with every bad row.
    pub fn prepare_actuals(
        &self,
        report: LoadReport,
        options: &LoadOptions<'_>,
    ) -> Result<LoadReport> {
        let empty = Rates::new();
        let rates = options.rates.unwrap_or(&empty);
        rates.check_target(&self.currency)?;
        let report = settle(report, &self.currency, rates);
        if options.mode == LoadMode::Strict && !report.problems.is_empty() {
            return Err(Error::Actuals {
                problems: report.problems,
            });
        }
        Ok(report)
    }
}

/// Refuses actuals that still carry a `currency` or `credit` column (read
/// without the plan), which would otherwise be counted as a dimension.
///
/// # Errors
/// [`Error::InvalidArgument`] named `actuals`.
pub(crate) fn check_settled(actuals: &Actuals) -> Result<()> {
    match [CURRENCY, CREDIT]
        .into_iter()
        .find(|c| actuals.dimension(c).is_some())
    {
        None => Ok(()),
        Some(column) => Err(Error::InvalidArgument {
            name: "actuals".into(),
            message: format!(
                "the actuals carry a `{column}` column, which only the plan's loaders apply \
                 (Plan::actuals_from_csv_with, Plan::prepare_actuals); read without the plan, \
                 it is not a dimension to evaluate by"
            ),
        }),
    }
}

fn problem(row: usize, column: &str, message: String) -> RowProblem {
    RowProblem {
        row,
        column: column.to_owned(),
        message,
    }
}

/// The report with its rows converted and split; rows that cannot be are
/// left out and join the problems.
fn settle(report: LoadReport, plan: &Currency, rates: &Rates) -> LoadReport {
    let actuals = &report.actuals;
    let currency = actuals.dimension(CURRENCY);
    let credit = actuals.dimension(CREDIT);
    if currency.is_none() && credit.is_none() {
        return report;
    }
    let all: Vec<usize> = (0..actuals.len()).collect();
    let rows = report.input_rows(&all);
    // Each distinct cell is read once: `None` is the plan's currency.
    let currencies: Vec<Result<Option<Currency>, String>> = currency
        .map(|(_, values)| {
            values
                .iter()
                .map(|v| match Currency::new(v.trim()) {
                    Ok(c) if c == *plan => Ok(None),
                    Ok(c) => Ok(Some(c)),
                    Err(_) => Err(format!(
                        "{v:?} is not a currency code (three upper-case letters, such as USD)"
                    )),
                })
                .collect()
        })
        .unwrap_or_default();
    let credits: Vec<Result<Credit, String>> = credit
        .map(|(_, values)| values.iter().map(|v| v.parse()).collect())
        .unwrap_or_default();
    let code = |dim: Option<(&[u32], &[String])>, i: usize| {
        dim.map(|(codes, _)| codes[i])
            .filter(|&c| c != ABSENT)
            .map(|c| c as usize)
    };

    let mut out = Actuals::new();
    let mut origins = Vec::with_capacity(actuals.len());
    let mut problems = Vec::new();
    for (i, &row) in rows.iter().enumerate() {
        let Some(obs) = actuals.get(i) else { continue };
        let mut value = obs.value;
        let mut bad = false;
        if let Some(c) = code(currency, i) {
            match &currencies[c] {
                Ok(None) => {}
                Ok(Some(from)) => match rates.convert(value, from, plan, obs.date) {
                    Some(v) => value = v,
                    None => {
                        bad = true;
                        problems.push(problem(
                            row,
                            CURRENCY,
                            no_rate(rates, from, plan, obs.date, value),
                        ));
                    }
                },
                Err(m) => {
                    bad = true;
                    problems.push(problem(row, CURRENCY, m.clone()));
                }
            }
        }
        let share = match code(credit, i).map(|c| &credits[c]) {
            None => None,
            Some(Ok(c)) => Some(c),
            Some(Err(m)) => {
                problems.push(problem(row, CREDIT, m.clone()));
                continue;
            }
        };
        if bad {
            continue;
        }
        let tags: Vec<(&str, &str)> = obs
            .tags
            .iter()
            .filter(|(name, _)| *name != CURRENCY && *name != CREDIT)
            .copied()
            .collect();
        let Some(credit) = share else {
            out.push(obs.date, obs.measure, value, &tags);
            origins.push(row);
            continue;
        };
        let Some(parts) = credit.split(value) else {
            let message = format!("{value} cannot be split exactly by these shares");
            problems.push(problem(row, CREDIT, message));
            continue;
        };
        for (part, (name, _)) in parts.into_iter().zip(&credit.shares) {
            let mut tags = tags.clone();
            match tags.iter_mut().find(|(d, _)| *d == credit.dimension) {
                Some(tag) => tag.1 = name,
                None => tags.push((&credit.dimension, name)),
            }
            out.push(obs.date, obs.measure, part, &tags);
            origins.push(row);
        }
    }
    let mut all_problems = report.problems;
    all_problems.extend(problems);
    // Stable: a row's problems keep the order they were found in.
    all_problems.sort_by_key(|p| p.row);
    LoadReport {
        actuals: out,
        problems: all_problems,
        origins: Some(origins),
    }
}

/// Why a row in `from` has no converted value.
fn no_rate(
    rates: &Rates,
    from: &Currency,
    to: &Currency,
    date: chrono::NaiveDate,
    value: rust_decimal::Decimal,
) -> String {
    if rates.in_effect(from, to, date).is_some() {
        return format!("{value} {from} at the rate of {date} is beyond what a decimal holds");
    }
    match rates.first_date(from, to) {
        Some(first) => {
            format!("no {from} → {to} rate is in effect on {date}; the first is dated {first}")
        }
        None => format!(
            "no {from} → {to} rate is in effect on {date}; the rate table has none for {from}"
        ),
    }
}

#[cfg(test)]
mod tests {
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
}
