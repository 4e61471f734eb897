//! Scorecards: weighted KPI attainment and qualitative rubrics, combined
//! into a score out of 100 and a grade, for the company, each goal owner and
//! each node that has results or reviews.
//!
//! * A KPI earns `min(max(attainment, 0), cap) × 100` points (cap 1 by
//!   default), weighted by the KPI's weight in the plan (equal weights when
//!   none is given); KPIs without an attainment are left out and the weights
//!   of the rest rescaled.
//! * A rubric score of 1–5 earns `(score − 1) ÷ 4 × 100` points, weighted by
//!   its own weight (1 by default).
//! * With both, the score is `(1 − rubric_share) × KPI points + rubric_share
//!   × rubric points`; with one, that one.
//! * Grades: A from 90, B from 80, C from 70, D from 60, E below.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Evaluation;
use crate::error::{Error, Result};
use crate::plan::dec::DecimalString;
use crate::plan::Plan;

/// A person's score on one qualitative criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RubricScore {
    /// What is judged ("coaching quality", "account planning").
    pub criterion: String,
    /// 1 (poor) to 5 (excellent).
    pub score: u8,
    /// Who judged.
    pub reviewer: String,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The period judged (`"2026-Q2"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The person judged (a goal owner); none for the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The node judged (`region=east`); none for the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// Weight among the subject's rubrics (1 by default).
    #[serde(
        default,
        with = "crate::plan::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub weight: Option<Decimal>,
}

/// How scores are combined. As JSON, either field may be left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ScorecardOptions {
    /// Share of the score that comes from rubrics when there are both
    /// (`"0.3"` by default).
    #[serde(with = "crate::plan::dec")]
    #[schemars(with = "crate::plan::dec::DecimalString")]
    pub rubric_share: Decimal,
    /// Highest attainment that earns points (`"1"` by default).
    #[serde(with = "crate::plan::dec")]
    #[schemars(with = "crate::plan::dec::DecimalString")]
    pub cap: Decimal,
}

/// A grade is one letter, A to E.
fn grade_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "enum": ["A", "B", "C", "D", "E"] })
}

impl ScorecardOptions {
    /// Reads options from JSON (`{"rubric_share": "0.3", "cap": "1"}`; a
    /// JSON number is read as the decimal it prints), with the path of any
    /// field that does not fit.
    ///
    /// # Errors
    /// [`Error::Document`](crate::Error::Document) for unknown fields and
    /// values that are not decimals.
    pub fn from_value(value: &serde_json::Value) -> crate::Result<ScorecardOptions> {
        let mut value = value.clone();
        if let Some(map) = value.as_object_mut() {
            for item in map.values_mut() {
                if let serde_json::Value::Number(n) = item {
                    *item = serde_json::Value::String(n.to_string());
                }
            }
        }
        crate::plan::parse::deserialize(&value)
    }
}

impl Default for ScorecardOptions {
    /// Rubrics 30%, attainment capped at 100%.
    fn default() -> Self {
        ScorecardOptions {
            rubric_share: Decimal::new(3, 1),
            cap: Decimal::ONE,
        }
    }
}

/// What a scorecard is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// The whole company.
    Company,
    /// A goal owner.
    Owner,
    /// A node of the hierarchy.
    Node,
}

/// One KPI's contribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ScoreLine {
    /// The KPI.
    pub kpi: String,
    /// Its weight before rescaling.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub weight: Decimal,
    /// Its attainment.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub attainment: Decimal,
    /// Points earned, out of 100.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub points: Decimal,
}

/// A scorecard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Scorecard {
    /// Company, owner or node.
    pub subject: Subject,
    /// The owner's name or the node (empty for the company).
    pub name: String,
    /// Weighted KPI points, when any KPI has an attainment.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub kpi_score: Option<Decimal>,
    /// Weighted rubric points, when there are reviews.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub rubric_score: Option<Decimal>,
    /// The combined score out of 100.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub score: Decimal,
    /// A to E.
    #[schemars(schema_with = "grade_schema")]
    pub grade: char,
    /// The KPIs that counted.
    pub lines: Vec<ScoreLine>,
}

/// A subject's KPI lines and (weight, points) of its reviews.
type Inputs = (Vec<ScoreLine>, Vec<(Decimal, Decimal)>);

fn weighted(items: &[(Decimal, Decimal)]) -> Option<Decimal> {
    let total: Decimal = items.iter().map(|(w, _)| *w).sum();
    if items.is_empty() || total.is_zero() {
        return None;
    }
    let points = items.iter().try_fold(Decimal::ZERO, |acc, (w, p)| {
        acc.checked_add(w.checked_mul(*p)?)
    })?;
    points.checked_div(total).map(|s| s.round_dp(2))
}

fn grade(score: Decimal) -> char {
    match score {
        s if s >= Decimal::from(90) => 'A',
        s if s >= Decimal::from(80) => 'B',
        s if s >= Decimal::from(70) => 'C',
        s if s >= Decimal::from(60) => 'D',
        _ => 'E',
    }
}

impl Plan {
    /// Scorecards for the company, every goal owner and every node with
    /// results or reviews, in that order (owners and nodes by name).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a rubric score outside 1–5, a negative
    /// weight, or a rubric share outside 0–1.
    pub fn scorecards(
        &self,
        evaluation: &Evaluation,
        rubrics: &[RubricScore],
        options: &ScorecardOptions,
    ) -> Result<Vec<Scorecard>> {
        if options.rubric_share < Decimal::ZERO || options.rubric_share > Decimal::ONE {
            return Err(Error::InvalidArgument {
                name: "rubric_share".into(),
                message: "must be from 0 to 1".into(),
            });
        }
        for (i, r) in rubrics.iter().enumerate() {
            if !(1..=5).contains(&r.score)
                || r.weight
                    .is_some_and(|w| w.is_sign_negative() && !w.is_zero())
            {
                return Err(Error::InvalidArgument {
                    name: format!("rubrics[{i}]"),
                    message: format!(
                        "{}: scores run from 1 to 5 and weights are not negative",
                        r.criterion
                    ),
                });
            }
        }
        let mut subjects: BTreeMap<(Subject, String), Inputs> = BTreeMap::new();
        let owner_of = |kpi: &str| {
            let goal = self.kpi(kpi)?.goal.as_ref()?;
            self.goal(goal.as_str())?.owner.clone()
        };
        for result in &evaluation.kpis {
            let Some(attainment) = result.attainment else {
                continue;
            };
            let weight = self
                .kpi(&result.kpi)
                .and_then(|k| k.weight)
                .unwrap_or(Decimal::ONE);
            let points = attainment.max(Decimal::ZERO).min(options.cap) * Decimal::ONE_HUNDRED;
            let line = ScoreLine {
                kpi: result.kpi.clone(),
                weight,
                attainment,
                points: points.round_dp(2),
            };
            if result.node.is_empty() {
                subjects
                    .entry((Subject::Company, String::new()))
                    .or_default()
                    .0
                    .push(line.clone());
                if let Some(owner) = owner_of(&result.kpi) {
                    subjects
                        .entry((Subject::Owner, owner))
                        .or_default()
                        .0
                        .push(line);
                }
            } else {
                subjects
                    .entry((Subject::Node, result.node.clone()))
                    .or_default()
                    .0
                    .push(line);
            }
        }
        for r in rubrics {
            let key = match (&r.owner, &r.node) {
                (Some(owner), _) => (Subject::Owner, owner.clone()),
                (None, Some(node)) => (Subject::Node, node.clone()),
                (None, None) => (Subject::Company, String::new()),
            };
            let points = Decimal::from(r.score - 1) * Decimal::from(25);
            subjects
                .entry(key)
                .or_default()
                .1
                .push((r.weight.unwrap_or(Decimal::ONE), points));
        }
        Ok(subjects
            .into_iter()
            .map(|((subject, name), (lines, reviews))| {
                let kpi_score = weighted(
                    &lines
                        .iter()
                        .map(|l| (l.weight, l.points))
                        .collect::<Vec<_>>(),
                );
                let rubric_score = weighted(&reviews);
                let score = match (kpi_score, rubric_score) {
                    (Some(k), Some(r)) => ((Decimal::ONE - options.rubric_share) * k
                        + options.rubric_share * r)
                        .round_dp(2),
                    (Some(s), None) | (None, Some(s)) => s,
                    (None, None) => Decimal::ZERO,
                };
                Scorecard {
                    subject,
                    name,
                    kpi_score,
                    rubric_score,
                    score,
                    grade: grade(score),
                    lines,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actuals::Actuals;
    use crate::evaluate::EvaluationOptions;
    use chrono::NaiveDate;

    fn rubric(criterion: &str, score: u8, owner: Option<&str>) -> RubricScore {
        RubricScore {
            criterion: criterion.into(),
            score,
            reviewer: "CEO".into(),
            comment: None,
            period: Some("2026-Q2".into()),
            owner: owner.map(str::to_owned),
            node: None,
            weight: None,
        }
    }

    #[test]
    fn company_and_owner_scorecards() {
        let plan = crate::example_plan();
        let mut a = Actuals::new();
        let day = NaiveDate::from_ymd_opt(2026, 1, 20).unwrap();
        a.push(day, "revenue", Decimal::from(7_200_000), &[]);
        a.push(day, "won_deals", Decimal::from(21), &[]);
        a.push(day, "opportunities", Decimal::from(100), &[]);
        let e = plan
            .evaluate(
                &a,
                &EvaluationOptions::as_of(NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()),
            )
            .unwrap();
        let rubrics = [
            rubric("Coaching", 4, Some("Sales VP Li Wei")),
            rubric("Planning discipline", 5, None),
        ];
        let cards = plan
            .scorecards(&e, &rubrics, &ScorecardOptions::default())
            .unwrap();
        let company = &cards[0];
        assert_eq!(company.subject, Subject::Company);
        // Revenue on plan (100 points, weight 0.35), conversion at 75%
        // (weight 0.2) and no high-end revenue yet (0 points, weight 0.15);
        // the ratio and average KPIs without data have no attainment.
        let kpi = (Decimal::new(35, 2) * Decimal::from(100)
            + Decimal::new(2, 1) * Decimal::from(75))
            / Decimal::new(7, 1);
        assert_eq!(company.kpi_score, Some(kpi.round_dp(2)));
        assert_eq!(company.rubric_score, Some(Decimal::from(100)));
        assert_eq!(
            company.score,
            (Decimal::new(7, 1) * kpi.round_dp(2) + Decimal::from(30)).round_dp(2)
        );
        assert_eq!(company.grade, 'B');
        let vp = cards.iter().find(|c| c.name == "Sales VP Li Wei").unwrap();
        assert_eq!(
            vp.lines.iter().map(|l| l.kpi.as_str()).collect::<Vec<_>>(),
            ["K-REV", "K-CONV"]
        );
        assert_eq!(vp.rubric_score, Some(Decimal::from(75)));
    }

    #[test]
    fn refuses_scores_off_the_scale() {
        let plan = crate::example_plan();
        let e = Evaluation {
            as_of: NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
            kpis: vec![],
            gaps: vec![],
            monitoring: None,
        };
        assert!(plan
            .scorecards(&e, &[rubric("x", 6, None)], &ScorecardOptions::default())
            .is_err());
        assert!(plan
            .scorecards(&e, &[rubric("x", 0, None)], &ScorecardOptions::default())
            .is_err());
    }
}
