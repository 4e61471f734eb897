//! The facts an evaluation holds for the rules engine: KPI facts from its
//! results and the facts of monitored parts from its monitoring.

use rust_decimal::Decimal;

use super::{Evaluation, KpiResult, Status};
use crate::plan::Plan;
use crate::rules::condition::KpiField;
use crate::rules::{Fact, FactValue, Facts, FACT_WORDS};

mod parts;

/// The KPI and monitoring facts of an evaluation of a plan; risk facts are
/// missing (see [`RegisterFacts`](crate::risk::RegisterFacts)).
#[derive(Debug, Clone, Copy)]
pub struct EvaluationFacts<'a> {
    /// The plan the evaluation is of.
    pub plan: &'a Plan,
    /// The evaluation.
    pub evaluation: &'a Evaluation,
}

impl<'a> EvaluationFacts<'a> {
    /// The facts of `evaluation`, an evaluation of `plan`.
    pub fn new(plan: &'a Plan, evaluation: &'a Evaluation) -> EvaluationFacts<'a> {
        EvaluationFacts { plan, evaluation }
    }
}

impl Facts for EvaluationFacts<'_> {
    fn value(&self, fact: &Fact) -> FactValue {
        let (plan, evaluation) = (self.plan, self.evaluation);
        let num = |d: Option<Decimal>| d.map_or(FactValue::Missing, FactValue::Num);
        match fact {
            Fact::Kpi { kpi, node, field } => {
                let Some(r) = evaluation
                    .kpis
                    .iter()
                    .find(|r| r.kpi == *kpi && same_node(&r.node, node))
                else {
                    return FactValue::Missing;
                };
                match field {
                    KpiField::Actual => num(r.actual),
                    KpiField::Target => num(r.target),
                    KpiField::Expected => num(r.expected),
                    KpiField::Variance => num(r.variance),
                    KpiField::Attainment | KpiField::Pace => num(r.attainment),
                    KpiField::Forecast => num(r.forecast_run_rate),
                    KpiField::ForecastTrend => num(r.forecast_trend),
                    KpiField::ForecastPipeline => num(r.forecast_pipeline),
                    KpiField::ForecastAttainment => num(forecast_attainment(plan, r)),
                    KpiField::Trend => num(r.trend),
                    KpiField::Status => match r.status {
                        Some(Status::OnTrack) => FactValue::Text(FACT_WORDS[0]),
                        Some(Status::AtRisk) => FactValue::Text(FACT_WORDS[1]),
                        Some(Status::OffTrack) => FactValue::Text(FACT_WORDS[2]),
                        None => FactValue::Missing,
                    },
                    KpiField::PeriodsBelow(x) => {
                        FactValue::Num(periods_below(plan, r, *x, evaluation.as_of).into())
                    }
                }
            }
            Fact::Risk { .. } => FactValue::Missing,
            Fact::Part { part, id, field } => {
                parts::read(evaluation.monitoring.as_deref(), *part, id, field)
            }
        }
    }
}

/// Whether an evaluation node (`region=east/team=a`) is the one the filters
/// name, in any order.
fn same_node(node: &str, filters: &[(String, String)]) -> bool {
    if filters.is_empty() {
        return node.is_empty();
    }
    let pairs: Vec<(&str, &str)> = node.split('/').filter_map(|p| p.split_once('=')).collect();
    pairs.len() == filters.len()
        && filters
            .iter()
            .all(|(d, v)| pairs.contains(&(d.as_str(), v.as_str())))
}

/// The run-rate forecast against the target, direction-aware
/// ([`Direction::attainment`](crate::plan::Direction::attainment)).
fn forecast_attainment(plan: &Plan, r: &KpiResult) -> Option<Decimal> {
    let (f, t) = (r.forecast_run_rate?, r.target?);
    plan.kpi(&r.kpi)?.direction.attainment(f, t)
}

/// Completed periods in a row, back from the latest, with an attainment
/// below `x`.
fn periods_below(plan: &Plan, r: &KpiResult, x: Decimal, as_of: chrono::NaiveDate) -> u32 {
    let cal = plan.calendar();
    let mut count = 0;
    for p in r.periods.iter().rev() {
        let done = cal
            .parse_period(&p.period)
            .is_ok_and(|period| cal.end(period) <= as_of);
        if !done {
            continue;
        }
        match p.attainment {
            Some(a) if a < x => count += 1,
            _ => break,
        }
    }
    count
}
