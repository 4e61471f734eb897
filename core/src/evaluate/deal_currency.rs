//! Open deals in other currencies than the plan's.
//!
//! A deal may carry a `currency`. Its amounts (`amount`, `amount_low`,
//! `amount_high`) are converted to the plan's currency at the rate of
//! `currency → plan currency` in effect on the evaluation's as-of date —
//! one rate for the whole pipeline, since the deals are open and what they
//! will be worth is judged on that day — and rounded to the cent, as rows
//! of actuals are (see [`Rates`]). The evaluation and the simulation refuse
//! a deal whose currency is not the plan's, so that no amount is summed in
//! the wrong currency.

use chrono::NaiveDate;

use super::Deal;
use crate::actuals::Rates;
use crate::error::{Error, Result};
use crate::plan::Plan;
use crate::units::Currency;

impl Plan {
    /// The deals with every amount in the plan's currency: a deal in
    /// another currency converted at the rate in effect on `as_of`, rounded
    /// to the cent; the others as they are.
    ///
    /// ```
    /// use salesplan::actuals::Rates;
    /// use salesplan::evaluate::deals_from_json;
    ///
    /// let plan = salesplan::example_plan();
    /// let rates = Rates::from_csv("date,from,to,rate\n2026-01-01,USD,CNY,7.10\n2026-07-01,USD,CNY,7.20\n").unwrap();
    /// let deals = deals_from_json(r#"[{"id": "D-1", "amount": "1000.005", "probability": "0.5",
    ///     "expected_close": "2026-09-30", "currency": "USD"}]"#).unwrap();
    /// let converted = plan.convert_deals(&deals, &rates, "2026-06-30".parse().unwrap()).unwrap();
    /// assert_eq!(converted[0].amount, "7100.04".parse().unwrap());
    /// assert_eq!(converted[0].currency, None);
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the rate table converts to another
    /// currency than the plan's, or, named by the deal's JSON pointer
    /// (`/0/currency`), when no rate of the deal's currency is in effect on
    /// `as_of` or a converted amount is beyond a decimal.
    pub fn convert_deals(
        &self,
        deals: &[Deal],
        rates: &Rates,
        as_of: NaiveDate,
    ) -> Result<Vec<Deal>> {
        rates.check_target(&self.currency)?;
        let plan = &self.currency;
        deals
            .iter()
            .enumerate()
            .map(|(i, deal)| {
                let Some(from) = deal.currency.as_ref().filter(|c| *c != plan) else {
                    return Ok(Deal { currency: None, ..deal.clone() });
                };
                let convert = |amount| {
                    rates.convert(amount, from, plan, as_of).ok_or_else(|| Error::InvalidArgument {
                        name: format!("/{i}/currency"),
                        message: match rates.in_effect(from, plan, as_of) {
                            None => format!(
                                "deal {} is in {from}, and no {from} → {plan} rate is in effect on {as_of}",
                                deal.id
                            ),
                            Some(_) => format!("deal {} converted to {plan} is beyond a decimal", deal.id),
                        },
                    })
                };
                Ok(Deal {
                    amount: convert(deal.amount)?,
                    amount_low: deal.amount_low.map(convert).transpose()?,
                    amount_high: deal.amount_high.map(convert).transpose()?,
                    currency: None,
                    ..deal.clone()
                })
            })
            .collect()
    }
}

/// Refuses deals in another currency than `plan`'s.
///
/// # Errors
/// [`Error::InvalidArgument`] named by the first such deal's JSON pointer.
pub(crate) fn check_currencies(deals: &[Deal], plan: &Currency) -> Result<()> {
    match deals
        .iter()
        .enumerate()
        .find(|(_, d)| d.currency.as_ref().is_some_and(|c| c != plan))
    {
        None => Ok(()),
        Some((i, deal)) => Err(Error::InvalidArgument {
            name: format!("/{i}/currency"),
            message: format!(
                "deal {} is in {}, not the plan's {plan}; convert the pipeline with a rate table first",
                deal.id,
                deal.currency.as_ref().map_or("", Currency::as_str)
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::{deals_from_json, EvaluationOptions};

    fn rates() -> Rates {
        Rates::from_csv("date,from,to,rate\n2026-01-01,USD,CNY,7.10\n2026-07-01,USD,CNY,7.20\n")
            .unwrap()
    }

    const DEALS: &str = r#"[
        {"id": "D-1", "amount": "1000", "amount_low": "500", "amount_high": "1500.005",
         "probability": "0.5", "expected_close": "2026-09-30", "currency": "USD"},
        {"id": "D-2", "amount": "2000.123", "probability": "0.5", "expected_close": "2026-09-30", "currency": "CNY"},
        {"id": "D-3", "amount": "3000", "probability": "0.5", "expected_close": "2026-09-30"}
    ]"#;

    #[test]
    fn deals_convert_at_the_rate_of_the_as_of_date() {
        let plan = crate::example_plan();
        let deals = deals_from_json(DEALS).unwrap();
        let day = |s: &str| s.parse().unwrap();
        let mid = plan
            .convert_deals(&deals, &rates(), day("2026-06-30"))
            .unwrap();
        let amounts: Vec<String> = mid.iter().map(|d| d.amount.to_string()).collect();
        assert_eq!(amounts, ["7100.00", "2000.123", "3000"]);
        assert_eq!(mid[0].amount_low, Some("3550.00".parse().unwrap()));
        assert_eq!(mid[0].amount_high, Some("10650.04".parse().unwrap()));
        assert!(mid.iter().all(|d| d.currency.is_none()));
        let late = plan
            .convert_deals(&deals, &rates(), day("2026-07-01"))
            .unwrap();
        assert_eq!(late[0].amount, "7200.00".parse().unwrap());
        let e = plan
            .convert_deals(&deals, &rates(), day("2025-12-31"))
            .unwrap_err();
        assert_eq!(e.path(), Some("/0/currency"));
        assert!(
            e.to_string()
                .contains("no USD → CNY rate is in effect on 2025-12-31"),
            "{e}"
        );
    }

    #[test]
    fn evaluation_and_simulation_refuse_unconverted_deals() {
        let plan = crate::example_plan();
        let deals = deals_from_json(DEALS).unwrap();
        let mut options = EvaluationOptions::as_of("2026-06-30".parse().unwrap());
        options.pipeline = deals.clone();
        let e = plan
            .evaluate(&crate::actuals::Actuals::new(), &options)
            .unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("invalid_argument", Some("/0/currency"))
        );
        let simulation = crate::risk::SimulationOptions::as_of("2026-06-30".parse().unwrap());
        let e = plan
            .simulate(&crate::actuals::Actuals::new(), &deals, &simulation)
            .unwrap_err();
        assert_eq!(e.path(), Some("/0/currency"));
        options.pipeline = plan.convert_deals(&deals, &rates(), options.as_of).unwrap();
        assert!(plan
            .evaluate(&crate::actuals::Actuals::new(), &options)
            .is_ok());
    }
}
