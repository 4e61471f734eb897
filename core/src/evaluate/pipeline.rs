//! The open pipeline: deals not yet won, each with an amount, a win
//! probability and an expected close date.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::plan::dec::DecimalString;

/// An open deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deal {
    /// Identifies the deal.
    pub id: String,
    /// What it is worth if won.
    #[serde(with = "crate::plan::dec")]
    #[schemars(with = "DecimalString")]
    pub amount: Decimal,
    /// Chance of winning it, 0 to 1 (usually from its stage).
    #[serde(with = "crate::plan::dec")]
    #[schemars(with = "DecimalString")]
    pub probability: Decimal,
    /// The lowest amount it may close at, for simulations with amount
    /// uncertainty (with `amount_high`).
    #[serde(
        default,
        with = "crate::plan::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub amount_low: Option<Decimal>,
    /// The highest amount it may close at (with `amount_low`).
    #[serde(
        default,
        with = "crate::plan::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub amount_high: Option<Decimal>,
    /// When it is expected to close.
    pub expected_close: NaiveDate,
    /// Sales stage, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Dimension tags, as on actuals (`{"region": "east"}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// The currency of the amounts when it is not the plan's; such a deal
    /// is converted with [`Plan::convert_deals`](crate::Plan::convert_deals)
    /// before it is evaluated or simulated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<crate::units::Currency>,
}

impl Deal {
    /// amount × probability.
    pub fn weighted(&self) -> Option<Decimal> {
        self.amount.checked_mul(self.probability)
    }
}

/// The weighted amount of the open deals of every node: a deal counts for
/// the company and for each node down its own tags.
#[derive(Debug, Default)]
pub(super) struct OpenByNode {
    /// `None` where a deal's weighted amount or the sum overflowed.
    sums: HashMap<String, Option<Decimal>>,
}

impl OpenByNode {
    /// The deals that pass `filter` and close after `after` and by `end`.
    pub(super) fn new(
        deals: &[Deal],
        filter: &BTreeMap<String, String>,
        hierarchy: &[String],
        after: NaiveDate,
        end: NaiveDate,
    ) -> OpenByNode {
        let mut sums: HashMap<String, Option<Decimal>> = HashMap::new();
        let mut path = String::new();
        for deal in deals {
            let tag = |k: &str| deal.tags.get(k).map(String::as_str);
            let passes = filter.iter().all(|(k, v)| tag(k) == Some(v.as_str()));
            if !passes || deal.expected_close <= after || deal.expected_close > end {
                continue;
            }
            let weighted = deal.weighted();
            let mut add = |node: &str| {
                let sum = sums.entry(node.to_owned()).or_insert(Some(Decimal::ZERO));
                *sum = sum.zip(weighted).and_then(|(s, w)| s.checked_add(w));
            };
            path.clear();
            add("");
            for dim in hierarchy {
                let Some(value) = tag(dim).filter(|v| !v.is_empty()) else {
                    break;
                };
                if !path.is_empty() {
                    path.push('/');
                }
                path.push_str(dim);
                path.push('=');
                path.push_str(value);
                add(&path);
            }
        }
        OpenByNode { sums }
    }

    /// The node's weighted open deals (zero for none); `None` when
    /// undefined.
    pub(super) fn get(&self, node: &str) -> Option<Decimal> {
        self.sums.get(node).copied().unwrap_or(Some(Decimal::ZERO))
    }
}

/// Reads a JSON array of deals.
///
/// # Errors
/// [`Error::Syntax`] for malformed JSON, [`Error::Document`] with the JSON
/// pointer for a deal that does not fit, and [`Error::InvalidArgument`] for
/// a probability outside 0–1, a negative amount or an amount range that
/// does not hold the amount.
pub fn deals_from_json(text: &str) -> Result<Vec<Deal>> {
    deals_from_value(&crate::plan::parse::parse_text(text)?)
}

/// Reads deals from a JSON value; see [`deals_from_json`].
///
/// # Errors
/// As [`deals_from_json`], without syntax errors.
pub fn deals_from_value(value: &serde_json::Value) -> Result<Vec<Deal>> {
    let deals: Vec<Deal> = crate::plan::parse::deserialize(value)?;
    check_deals(&deals, "")?;
    Ok(deals)
}

/// Checks what a deal's types cannot say: a probability within 0–1, an
/// amount not below zero, and an amount range (both ends or neither) that
/// holds the amount. Errors name the deal at `at/i/field`.
///
/// # Errors
/// [`Error::InvalidArgument`] for the first deal that does not hold.
pub(crate) fn check_deals(deals: &[Deal], at: &str) -> Result<()> {
    for (i, d) in deals.iter().enumerate() {
        let name = |field: &str| format!("{at}/{i}/{field}");
        match (d.amount_low, d.amount_high) {
            (None, None) => {}
            (Some(lo), Some(hi)) if lo >= Decimal::ZERO && lo <= d.amount && d.amount <= hi => {}
            (Some(_), Some(_)) => {
                return Err(Error::InvalidArgument {
                    name: name("amount_low"),
                    message: format!("deal {} needs 0 ≤ amount_low ≤ amount ≤ amount_high", d.id),
                })
            }
            _ => {
                return Err(Error::InvalidArgument {
                    name: name("amount_low"),
                    message: format!("deal {} gives only one end of its amount range", d.id),
                })
            }
        }
        if d.probability < Decimal::ZERO || d.probability > Decimal::ONE {
            return Err(Error::InvalidArgument {
                name: name("probability"),
                message: format!(
                    "deal {} has probability {}, outside 0–1",
                    d.id, d.probability
                ),
            });
        }
        if d.amount.is_sign_negative() && !d.amount.is_zero() {
            return Err(Error::InvalidArgument {
                name: name("amount"),
                message: format!("deal {} has a negative amount", d.id),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_deals_with_paths_in_errors() {
        let deals = deals_from_json(
            r#"[{"id": "D-1", "amount": "800000.00", "probability": "0.5", "expected_close": "2026-09-30",
                 "tags": {"region": "east"}}]"#,
        )
        .unwrap();
        assert_eq!(deals[0].weighted(), Some(Decimal::from(400_000)));
        let e = deals_from_json(
            r#"[{"id": "D-1", "amount": 5, "probability": "0.5", "expected_close": "2026-09-30"}]"#,
        )
        .unwrap_err();
        assert_eq!(e.path(), Some("/0/amount"));
        let e = deals_from_json(r#"[{"id": "D-1", "amount": "5", "probability": "1.5", "expected_close": "2026-09-30"}]"#)
            .unwrap_err();
        assert_eq!(e.code(), "invalid_argument");
    }
}
