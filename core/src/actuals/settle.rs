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
pub use super::load::{CREDIT, CURRENCY};
use super::{Actuals, ABSENT};
use crate::error::{Error, Result};
use crate::plan::Plan;
use crate::units::Currency;

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
mod tests;
