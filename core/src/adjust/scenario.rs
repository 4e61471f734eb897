//! What-if scenarios: named patches on a base plan, each evaluated,
//! forecast and simulated against the same actuals, side by side with the
//! base.
//!
//! A scenario changes the plan — a target, the headcount, a budget line —
//! not what happened, so its evaluation reads the same actuals; its
//! `run_rate_factor` scales the new business the simulation fits (a
//! conversion 3 points above today's 22% brings about 25/22 as many won
//! deals: `"1.136"`). A scenario whose plan has errors still gets a row,
//! with its error count, so a comparison shows what breaks.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::patch::{self, PatchOp};
use crate::actuals::Actuals;
use crate::error::{Error, Result};
use crate::evaluate::{EvaluationOptions, Status};
use crate::plan::Plan;
use crate::risk::SimulationOptions;
use crate::validate::Severity;

/// A named change to the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Its name, unique in a comparison (`"base"` is the plan as it is).
    pub name: String,
    /// What it assumes, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The change, as a JSON Patch on the plan's content.
    #[serde(default)]
    pub patch: Vec<PatchOp>,
    /// Multiplies the new business the simulation fits (1 by default).
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(
        default,
        with = "crate::plan::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub run_rate_factor: Option<Decimal>,
}

/// One scenario's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScenarioRow {
    /// The scenario (`"base"` first).
    pub scenario: String,
    /// Validation errors of its plan.
    pub errors: u32,
    /// Validation warnings of its plan.
    pub warnings: u32,
    /// The simulated goal's target.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub target: Option<Decimal>,
    /// Heads × quota after ramp and attrition.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub sales_capacity: Option<Decimal>,
    /// target − capacity (positive: short).
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub capacity_gap: Option<Decimal>,
    /// Σ budget lines.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub budget: Decimal,
    /// Attainment of the goal's revenue KPI to date.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub attainment: Option<Decimal>,
    /// Its run-rate forecast.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub forecast: Option<Decimal>,
    /// KPIs off track for the company.
    pub off_track: Vec<String>,
    /// Rules that would fire.
    pub proposals: Vec<String>,
    /// Chance of reaching the target (with a simulation).
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub probability: Option<Decimal>,
    /// Median outcome (with a simulation).
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub p50: Option<Decimal>,
}

/// Scenarios side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScenarioComparison {
    /// The day of the evaluations.
    pub as_of: chrono::NaiveDate,
    /// The base, then every scenario in order.
    pub rows: Vec<ScenarioRow>,
}

impl Plan {
    /// Evaluates the plan and each scenario against the same actuals as of
    /// `evaluation.as_of`; with `simulation`, simulates each too (the
    /// simulation's `as_of` is set to the evaluation's).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a duplicate name or a patch that
    /// cannot be applied; evaluation and simulation errors of the base.
    pub fn scenarios(
        &self,
        scenarios: &[Scenario],
        actuals: &Actuals,
        evaluation: &EvaluationOptions,
        simulation: Option<&SimulationOptions>,
    ) -> Result<ScenarioComparison> {
        let base = Scenario {
            name: "base".into(),
            description: None,
            patch: Vec::new(),
            run_rate_factor: None,
        };
        let mut rows = Vec::new();
        let mut content = self.to_value();
        if let serde_json::Value::Object(map) = &mut content {
            map.remove("revision");
        }
        for (i, s) in std::iter::once(&base).chain(scenarios).enumerate() {
            if rows.iter().any(|r: &ScenarioRow| r.scenario == s.name) {
                return Err(Error::InvalidArgument {
                    name: format!("scenarios/{}", i.saturating_sub(1)),
                    message: format!("two scenarios are named {:?}", s.name),
                });
            }
            let doc = patch::apply(&content, &s.patch).map_err(|e| Error::InvalidArgument {
                name: format!("scenarios/{}/patch", i - 1),
                message: format!("{}: {e}", s.name),
            })?;
            let plan = Plan::from_value(doc).map_err(|e| Error::InvalidArgument {
                name: format!("scenarios/{}/patch", i.saturating_sub(1)),
                message: format!("{}: the patched document is not a plan: {e}", s.name),
            })?;
            rows.push(plan.scenario_row(s, actuals, evaluation, simulation)?);
        }
        Ok(ScenarioComparison {
            as_of: evaluation.as_of,
            rows,
        })
    }

    fn scenario_row(
        &self,
        s: &Scenario,
        actuals: &Actuals,
        evaluation: &EvaluationOptions,
        simulation: Option<&SimulationOptions>,
    ) -> Result<ScenarioRow> {
        let diagnostics = self.validate();
        let count = |sev| diagnostics.iter().filter(|d| d.severity == sev).count() as u32;
        let goal = self
            .goals
            .iter()
            .find(|g| g.metric.as_deref() == Some("revenue") && g.segment.is_none());
        let target = goal.and_then(|g| self.goal_target(g));
        let capacity = self.sales_capacity();
        let e = self.evaluate(actuals, evaluation)?;
        let revenue = goal.and_then(|g| {
            self.kpis
                .iter()
                .find(|k| k.goal.as_ref() == Some(&g.id) && k.filter.is_empty())
                .and_then(|k| e.kpi(k.id.as_str()))
        });
        let proposals = match self.propose(&e, &[]) {
            Ok(p) => p.proposals.into_iter().map(|p| p.rule).collect(),
            Err(_) => Vec::new(),
        };
        let sim = match simulation {
            Some(o) => Some(self.simulate(
                actuals,
                &evaluation.pipeline,
                &SimulationOptions {
                    as_of: evaluation.as_of,
                    run_rate_factor: s.run_rate_factor.or(o.run_rate_factor),
                    ..o.clone()
                },
            )?),
            None => None,
        };
        Ok(ScenarioRow {
            scenario: s.name.clone(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            target,
            sales_capacity: capacity,
            capacity_gap: target.zip(capacity).map(|(t, c)| t - c),
            budget: self.resources.budget.iter().map(|l| l.amount).sum(),
            attainment: revenue.and_then(|r| r.attainment),
            forecast: revenue.and_then(|r| r.forecast_run_rate),
            off_track: e
                .kpis
                .iter()
                .filter(|r| r.node.is_empty() && r.status == Some(Status::OffTrack))
                .map(|r| r.kpi.clone())
                .collect(),
            proposals,
            probability: sim.as_ref().map(|s| s.probability),
            p50: sim.as_ref().map(|s| s.p50),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example_plan;

    #[test]
    fn three_what_ifs_beside_the_base() {
        let plan = example_plan();
        let actuals = crate::testing::case_study_actuals(&plan);
        let scenarios: Vec<Scenario> = serde_json::from_value(serde_json::json!([
            {"name": "conversion +3 pts", "run_rate_factor": "1.136",
             "patch": [{"op": "replace", "path": "/kpis/2/target", "value": "0.31"}]},
            {"name": "two more reps",
             "patch": [{"op": "replace", "path": "/resources/headcount/0/heads", "value": 12}]},
            {"name": "promotion +20%",
             "patch": [{"op": "replace", "path": "/resources/budget/1/amount", "value": "6000000.00"}]}
        ]))
        .unwrap();
        let as_of = "2026-06-30".parse().unwrap();
        let sim = SimulationOptions {
            trials: 2_000,
            seed: 1,
            ..SimulationOptions::as_of(as_of)
        };
        let table = plan
            .scenarios(
                &scenarios,
                &actuals,
                &EvaluationOptions::as_of(as_of),
                Some(&sim),
            )
            .unwrap();
        let names: Vec<&str> = table.rows.iter().map(|r| r.scenario.as_str()).collect();
        assert_eq!(
            names,
            [
                "base",
                "conversion +3 pts",
                "two more reps",
                "promotion +20%"
            ]
        );
        let (base, conv, reps, promo) = (
            &table.rows[0],
            &table.rows[1],
            &table.rows[2],
            &table.rows[3],
        );
        assert!(conv.probability > base.probability);
        assert!(reps.sales_capacity > base.sales_capacity);
        assert_eq!(promo.budget - base.budget, Decimal::from(1_000_000));
        assert_eq!(
            promo.errors, 0,
            "the extra promotion still fits the total budget"
        );
        assert_eq!(base.proposals, ["R-CONV-SERVICE"]);
        assert!(base.off_track.contains(&"K-CONV".to_owned()));

        let bad: Vec<Scenario> = serde_json::from_value(serde_json::json!([
            {"name": "x", "patch": [{"op": "remove", "path": "/nope"}]}
        ]))
        .unwrap();
        let e = plan
            .scenarios(&bad, &actuals, &EvaluationOptions::as_of(as_of), None)
            .unwrap_err();
        assert!(e.to_string().contains("scenarios/0/patch"), "{e}");
    }
}
