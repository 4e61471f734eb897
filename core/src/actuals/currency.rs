//! Rate tables: exchange rates given as data, each in effect from its date
//! until the next rate of the same pair.
//!
//! A rate table is rows of `date, from, to, rate`: one unit of `from` is
//! worth `rate` units of `to` from `date` on. CSV with the header
//! `date,from,to,rate` and JSON `[{"date", "from", "to", "rate"}]` are
//! read ([`Rates::from_csv`], [`Rates::from_json`]); rates are exact
//! decimals (strings in JSON), currencies three upper-case letters.
//!
//! # The conversion rule
//!
//! An actuals row whose `currency` is another than the plan's is converted
//! to the plan's currency at the rate of `currency → plan currency` in
//! effect on the row's date: the latest rate of that pair dated on or
//! before it. The converted value is `value × rate` rounded to the cent,
//! half away from zero (as [`format_money`](crate::units::format_money)
//! rounds money), and sums are sums of these rounded values, so that a
//! converted report adds up to the cent.
//!
//! Only direct rates into the plan's currency are used: no inverse of a
//! `CNY → USD` rate and no path through a third currency. `1 / rate` and
//! products of rates are not exact decimals in general (1 / 7.1 has no
//! end), so every converted value would depend on where an intermediate
//! result was cut; with direct rates it is exactly `value × rate`, cut
//! once.

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::units::Currency;

/// One exchange rate: one unit of `from` is worth `rate` units of `to`
/// from `date` until the next rate of the same pair.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rate {
    /// The first day it is in effect.
    pub date: NaiveDate,
    /// The currency converted from.
    pub from: Currency,
    /// The currency converted to.
    pub to: Currency,
    /// Units of `to` per unit of `from`; above zero.
    pub rate: Decimal,
}

/// A table of dated exchange rates; see the [module docs](self) for the
/// rule that applies them.
///
/// ```
/// use salesplan::actuals::Rates;
/// use salesplan::units::Currency;
///
/// let rates = Rates::from_csv("date,from,to,rate\n2026-01-01,USD,CNY,7.10\n2026-07-01,USD,CNY,7.20\n").unwrap();
/// let (usd, cny) = (Currency::new("USD").unwrap(), Currency::new("CNY").unwrap());
/// let day = |s: &str| s.parse().unwrap();
/// assert_eq!(rates.in_effect(&usd, &cny, day("2026-06-30")), Some("7.10".parse().unwrap()));
/// assert_eq!(rates.in_effect(&usd, &cny, day("2026-07-01")), Some("7.20".parse().unwrap()));
/// assert_eq!(rates.in_effect(&usd, &cny, day("2025-12-31")), None);
/// // 100.005 USD at 7.10 is 710.0355 CNY, rounded to the cent.
/// assert_eq!(rates.convert("100.005".parse().unwrap(), &usd, &cny, day("2026-03-01")),
///            Some("710.04".parse().unwrap()));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rates {
    /// The rows, in the order given.
    rows: Vec<Rate>,
    /// Where each row was given, for messages (`row 3`, `/2`).
    places: Vec<String>,
    /// Each pair's rates by date.
    pairs: HashMap<(Currency, Currency), BTreeMap<NaiveDate, Decimal>>,
}

/// A rate table's column, in the order of the CSV header.
const COLUMNS: [&str; 4] = ["date", "from", "to", "rate"];

impl Rates {
    /// No rates.
    pub fn new() -> Rates {
        Rates::default()
    }

    /// A table of the given rows.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] named `rates` for a rate of zero or
    /// below, a pair converting a currency to itself, or two rows of one
    /// `date, from, to`.
    pub fn from_rows(rows: impl IntoIterator<Item = Rate>) -> Result<Rates> {
        let mut rates = Rates::new();
        for (i, rate) in rows.into_iter().enumerate() {
            rates
                .add(rate, format!("rate {}", i + 1))
                .map_err(|(_, message)| bad("rates", message))?;
        }
        Ok(rates)
    }

    /// Reads CSV with the header `date,from,to,rate` (in any order; no
    /// other column). Rows are numbered from 1 after the header.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] named `rates` whose message starts with
    /// the row and the column at fault: a bad date, currency or number, a
    /// rate of zero or below, a duplicate `date, from, to`; or a header
    /// without the four columns.
    pub fn from_csv(text: &str) -> Result<Rates> {
        Limits::DOCUMENT.check_size("the rate table", text.len(), None)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| bad("rates", format!("row 0: {e}")))?
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        let mut at = [0; 4];
        for (slot, name) in at.iter_mut().zip(COLUMNS) {
            *slot = header.iter().position(|h| h == name).ok_or_else(|| {
                bad(
                    "rates",
                    format!("row 0: the header needs the columns date,from,to,rate; `{name}` is missing"),
                )
            })?;
        }
        if let Some(extra) = header.iter().find(|h| !COLUMNS.contains(&h.as_str())) {
            return Err(bad(
                "rates",
                format!(
                    "row 0, column {extra}: a rate table has only the columns date,from,to,rate"
                ),
            ));
        }
        let mut rates = Rates::new();
        for (n, record) in reader.records().enumerate() {
            let row = n + 1;
            let record = record.map_err(|e| bad("rates", format!("row {row}: {e}")))?;
            let cells: Vec<&str> = at.iter().map(|&i| record.get(i).unwrap_or("")).collect();
            let rate = parse_row(&cells).map_err(|(column, message)| {
                bad("rates", format!("row {row}, column {column}: {message}"))
            })?;
            rates
                .add(rate, format!("row {row}"))
                .map_err(|(column, message)| {
                    bad("rates", format!("row {row}, column {column}: {message}"))
                })?;
        }
        Ok(rates)
    }

    /// Reads a rate table as JSON when the text starts with `[` (after
    /// blanks and a byte-order mark), as CSV otherwise.
    ///
    /// # Errors
    /// As [`Rates::from_json`] or [`Rates::from_csv`].
    pub fn from_text(text: &str) -> Result<Rates> {
        if text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('[')
        {
            Rates::from_json(text)
        } else {
            Rates::from_csv(text)
        }
    }

    /// Reads a JSON array of `{"date", "from", "to", "rate"}` objects, the
    /// rate a decimal string.
    ///
    /// # Errors
    /// [`Error::Syntax`] for malformed JSON; [`Error::InvalidArgument`]
    /// whose name is the JSON pointer of the value at fault (`/2/rate`)
    /// for the faults [`Rates::from_csv`] lists, a missing or unknown key,
    /// or a value that is not a string.
    pub fn from_json(text: &str) -> Result<Rates> {
        Rates::from_value(&crate::plan::parse::parse_text(text)?)
    }

    /// Reads rates from a JSON value; see [`Rates::from_json`].
    ///
    /// # Errors
    /// As [`Rates::from_json`], without syntax errors.
    pub fn from_value(value: &Value) -> Result<Rates> {
        let Value::Array(items) = value else {
            return Err(bad(
                "",
                "a rate table is an array of {date, from, to, rate}",
            ));
        };
        let mut rates = Rates::new();
        for (i, item) in items.iter().enumerate() {
            let Value::Object(object) = item else {
                return Err(bad(
                    &format!("/{i}"),
                    "expected an object {date, from, to, rate}",
                ));
            };
            if let Some(key) = object.keys().find(|k| !COLUMNS.contains(&k.as_str())) {
                return Err(bad(&format!("/{i}/{key}"), format!("unknown key `{key}`")));
            }
            let mut cells = Vec::with_capacity(4);
            for name in COLUMNS {
                match object.get(name) {
                    Some(Value::String(s)) => cells.push(s.as_str()),
                    Some(_) => {
                        return Err(bad(
                            &format!("/{i}/{name}"),
                            "expected a string (rates are decimal strings, such as \"7.10\")",
                        ))
                    }
                    None => {
                        return Err(bad(
                            &format!("/{i}/{name}"),
                            format!("missing key `{name}`"),
                        ))
                    }
                }
            }
            let at = |(column, message): (&str, String)| bad(&format!("/{i}/{column}"), message);
            let rate = parse_row(&cells).map_err(at)?;
            rates.add(rate, format!("/{i}")).map_err(at)?;
        }
        Ok(rates)
    }

    /// The rows, in the order given.
    pub fn rows(&self) -> &[Rate] {
        &self.rows
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The rate of `from → to` in effect on `date`: the latest of the pair
    /// dated on or before it.
    pub fn in_effect(&self, from: &Currency, to: &Currency, date: NaiveDate) -> Option<Decimal> {
        let dated = self.pairs.get(&(from.clone(), to.clone()))?;
        dated.range(..=date).next_back().map(|(_, r)| *r)
    }

    /// The first day a rate of `from → to` is in effect, when the table
    /// has one.
    pub fn first_date(&self, from: &Currency, to: &Currency) -> Option<NaiveDate> {
        let dated = self.pairs.get(&(from.clone(), to.clone()))?;
        dated.keys().next().copied()
    }

    /// `amount` in `from` converted to `to` at the rate in effect on
    /// `date`, rounded to the cent half away from zero; `None` when no
    /// rate is in effect or the product is beyond a decimal.
    pub fn convert(
        &self,
        amount: Decimal,
        from: &Currency,
        to: &Currency,
        date: NaiveDate,
    ) -> Option<Decimal> {
        let rate = self.in_effect(from, to, date)?;
        Some(to_cents(amount.checked_mul(rate)?))
    }

    /// Checks that every rate converts into `currency` (the plan's).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the first row whose `to` is
    /// another currency (its JSON pointer for a table read from JSON).
    pub fn check_target(&self, currency: &Currency) -> Result<()> {
        match self.rows.iter().position(|r| r.to != *currency) {
            None => Ok(()),
            Some(i) => {
                let place = &self.places[i];
                let message = format!(
                    "the rate table converts to {}, but the plan's currency is {currency}; \
                     only rates into the plan's currency are used",
                    self.rows[i].to
                );
                Err(if place.starts_with('/') {
                    bad(&format!("{place}/to"), message)
                } else {
                    bad("rates", format!("{place}, column to: {message}"))
                })
            }
        }
    }

    /// Adds a row, refusing a duplicate or a bad rate with the column and
    /// why.
    fn add(&mut self, rate: Rate, place: String) -> Result<(), (&'static str, String)> {
        if rate.rate <= Decimal::ZERO {
            return Err(("rate", format!("the rate {} is not above zero", rate.rate)));
        }
        if rate.from == rate.to {
            return Err(("to", format!("a rate from {} to itself", rate.from)));
        }
        let dated = self
            .pairs
            .entry((rate.from.clone(), rate.to.clone()))
            .or_default();
        if dated.insert(rate.date, rate.rate).is_some() {
            return Err((
                "date",
                format!(
                    "a second {} → {} rate dated {}",
                    rate.from, rate.to, rate.date
                ),
            ));
        }
        self.rows.push(rate);
        self.places.push(place);
        Ok(())
    }
}

/// An amount rounded to the cent, half away from zero.
pub(crate) fn to_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// One row from its four cells (date, from, to, rate), or the column at
/// fault and why.
fn parse_row(cells: &[&str]) -> Result<Rate, (&'static str, String)> {
    let date = NaiveDate::parse_from_str(cells[0].trim(), "%Y-%m-%d")
        .map_err(|_| ("date", format!("{:?} is not a date (YYYY-MM-DD)", cells[0])))?;
    let currency = |column: &'static str, text: &str| {
        Currency::new(text.trim()).map_err(|_| {
            (
                column,
                format!("{text:?} is not a currency code (three upper-case letters, such as USD)"),
            )
        })
    };
    let from = currency("from", cells[1])?;
    let to = currency("to", cells[2])?;
    let rate = Decimal::from_str(cells[3].trim())
        .map_err(|_| ("rate", format!("{:?} is not a decimal number", cells[3])))?;
    Ok(Rate {
        date,
        from,
        to,
        rate,
    })
}

fn bad(name: &str, message: impl Into<String>) -> Error {
    Error::InvalidArgument {
        name: name.to_owned(),
        message: message.into(),
    }
}

#[cfg(test)]
mod tests;
