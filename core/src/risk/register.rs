//! The risk register scored on the plan's matrix, and re-scored as of an
//! evaluation by its key risk indicators.
//!
//! * **Inherent** is the likelihood and impact as written; **residual** is
//!   after mitigation (`residual_likelihood` / `residual_impact`, each
//!   falling back to the inherent step).
//! * Given an [`Evaluation`], every indicator reads its KPI for the company:
//!   the value to date (`basis: value`) or the attainment (`basis:
//!   attainment`, which for additive KPIs is the pace). A breached
//!   indicator raises the likelihood by its `raise_likelihood` (default 1);
//!   raises add up and stop at the top of the matrix. The raise applies to
//!   the inherent and the residual likelihood alike, so a mitigated risk
//!   whose indicator fires still shows it. An indicator whose KPI has no
//!   value yet does not fire.
//! * A risk's `signals` are key risk indicators written as rule
//!   conditions over any fact — KPIs, and the execution, budget, capacity
//!   and strategy facts of an evaluation's monitoring. A signal that holds
//!   raises the likelihood by its `raise_likelihood` like an indicator; a
//!   signal whose facts have no value does not hold, and one that does not
//!   compile (which validation reports) never holds.
//! * Exposure is the expected monetary value, probability × impact amount,
//!   when the risk gives both.
//! * Totals and the heat map count each risk at its current (after
//!   indicators) inherent level and cell; the heat map for the residual
//!   scores is given too.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::evaluate::{Evaluation, EvaluationFacts};
use crate::plan::{Crossing, Plan, Risk, RiskCategory, RiskLevel, RiskMatrix, ThresholdBasis};
use crate::rules::RuleSet;

/// The scored register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RiskRegister {
    /// The evaluation's date, when indicators were read.
    pub as_of: Option<NaiveDate>,
    /// The matrix the scores are on, with its band labels.
    pub matrix: RiskMatrix,
    /// Every risk, in plan order.
    pub risks: Vec<ScoredRisk>,
    /// The risks that indicators moved, and which indicators did it.
    pub moves: Vec<RiskMove>,
    /// Counts and exposure by category, owner and level.
    pub totals: RiskTotals,
    /// Risks per cell of the matrix.
    pub heatmap: Heatmap,
}

/// A likelihood and an impact, their product and its band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Score {
    /// Likelihood step.
    pub likelihood: u32,
    /// Impact step.
    pub impact: u32,
    /// likelihood × impact.
    pub score: u32,
    /// The band of the score (`None` below every band).
    pub level: Option<RiskLevel>,
}

impl Score {
    fn new(matrix: &RiskMatrix, likelihood: u32, impact: u32) -> Score {
        let score = likelihood.saturating_mul(impact);
        Score {
            likelihood,
            impact,
            score,
            level: matrix.level(score),
        }
    }
}

/// One risk, scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ScoredRisk {
    /// The risk.
    pub risk: String,
    /// Its name.
    pub name: String,
    /// Its category.
    pub category: RiskCategory,
    /// Who watches it.
    pub owner: Option<String>,
    /// As written in the plan.
    pub planned: Score,
    /// Inherent score after the indicators' raises.
    pub inherent: Score,
    /// Residual (after mitigation) score after the indicators' raises.
    pub residual: Score,
    /// Probability of occurring, when given.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub probability: Option<Decimal>,
    /// Money lost if it occurs, when given.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub impact_amount: Option<Decimal>,
    /// probability × impact amount.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub exposure: Option<Decimal>,
    /// Number of mitigations.
    pub mitigations: u32,
    /// Every indicator and its reading.
    pub indicators: Vec<IndicatorReading>,
    /// Every signal and whether it held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<SignalReading>,
}

/// What an indicator read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IndicatorReading {
    /// The KPI watched.
    pub kpi: String,
    /// Which side of the threshold signals the risk.
    pub when: Crossing,
    /// The threshold.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub threshold: Decimal,
    /// Whether the threshold is a value or an attainment.
    pub basis: ThresholdBasis,
    /// The value read (`None` without an evaluation or without data).
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub value: Option<Decimal>,
    /// Whether the indicator fired.
    pub breached: bool,
    /// Likelihood steps it adds when it fires.
    pub raise: u32,
}

/// What a signal (a condition) read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SignalReading {
    /// The condition.
    pub when: String,
    /// Whether it held.
    pub breached: bool,
    /// Likelihood steps it adds when it holds.
    pub raise: u32,
}

/// A risk that indicators moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RiskMove {
    /// The risk.
    pub risk: String,
    /// The KPIs whose indicators fired.
    pub kpis: Vec<String>,
    /// The signals that held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<String>,
    /// Likelihood as planned.
    pub from_likelihood: u32,
    /// Likelihood now.
    pub to_likelihood: u32,
    /// Level as planned.
    pub from_level: Option<RiskLevel>,
    /// Level now.
    pub to_level: Option<RiskLevel>,
    /// A sentence for people.
    pub message: String,
}

/// Counts and exposure by group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RiskTotals {
    /// Σ exposure over every risk that states one.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub exposure: Decimal,
    /// By category, in the order market, customer, execution, financial, other.
    pub by_category: Vec<Total>,
    /// By owner, by name; `""` collects the risks without one.
    pub by_owner: Vec<Total>,
    /// By current inherent level, lowest first; `""` for a score below
    /// every band.
    pub by_level: Vec<Total>,
}

/// One group's total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Total {
    /// The category, owner or level.
    pub key: String,
    /// Risks in the group.
    pub count: u32,
    /// Σ exposure of those that state one.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub exposure: Decimal,
}

/// Risks per cell: `inherent[l - 1][i - 1]` counts the risks at
/// likelihood `l` and impact `i`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Heatmap {
    /// By current inherent score.
    pub inherent: Vec<Vec<u32>>,
    /// By current residual score.
    pub residual: Vec<Vec<u32>>,
}

impl Plan {
    /// Scores the risk register; with an evaluation, its key risk
    /// indicators are read and raise the risks they signal (see the
    /// [module documentation](crate::risk::register)).
    pub fn risk_register(&self, evaluation: Option<&Evaluation>) -> RiskRegister {
        let matrix = &self.risks.matrix;
        let top = matrix.likelihood_levels.max(1);
        let risks: Vec<ScoredRisk> = self
            .risks
            .register
            .iter()
            .map(|risk| score(self, risk, evaluation, top))
            .collect();
        let moves = risks.iter().filter_map(|r| moved(self, r)).collect();
        RiskRegister {
            as_of: evaluation.map(|e| e.as_of),
            matrix: matrix.clone(),
            totals: totals(&risks),
            heatmap: Heatmap {
                inherent: heat(matrix, risks.iter().map(|r| r.inherent)),
                residual: heat(matrix, risks.iter().map(|r| r.residual)),
            },
            risks,
            moves,
        }
    }
}

fn score(plan: &Plan, risk: &Risk, evaluation: Option<&Evaluation>, top: u32) -> ScoredRisk {
    let matrix = &plan.risks.matrix;
    let indicators: Vec<IndicatorReading> = risk
        .indicators
        .iter()
        .map(|ind| {
            let result = evaluation.and_then(|e| e.kpi(ind.kpi.as_str()));
            let value = result.and_then(|r| match ind.basis {
                ThresholdBasis::Value => r.actual,
                ThresholdBasis::Attainment => r.attainment,
            });
            let breached = value.is_some_and(|v| match ind.when {
                Crossing::Above => v > ind.threshold,
                Crossing::Below => v < ind.threshold,
            });
            IndicatorReading {
                kpi: ind.kpi.to_string(),
                when: ind.when,
                threshold: ind.threshold,
                basis: ind.basis,
                value,
                breached,
                raise: ind.raise(),
            }
        })
        .collect();
    let signals: Vec<SignalReading> = risk
        .signals
        .iter()
        .map(|s| SignalReading {
            when: s.when.clone(),
            breached: evaluation.is_some_and(|e| holds(plan, &s.when, e)),
            raise: s.raise(),
        })
        .collect();
    let raise: u32 = indicators
        .iter()
        .filter(|r| r.breached)
        .map(|r| r.raise)
        .chain(signals.iter().filter(|s| s.breached).map(|s| s.raise))
        .fold(0u32, |acc, r| acc.saturating_add(r));
    let lift = |l: u32| l.saturating_add(raise).min(top.max(l));
    let residual_l = risk.residual_likelihood.unwrap_or(risk.likelihood);
    let residual_i = risk.residual_impact.unwrap_or(risk.impact);
    ScoredRisk {
        risk: risk.id.to_string(),
        name: risk.name.clone(),
        category: risk.category,
        owner: risk.owner.clone(),
        planned: Score::new(matrix, risk.likelihood, risk.impact),
        inherent: Score::new(matrix, lift(risk.likelihood), risk.impact),
        residual: Score::new(matrix, lift(residual_l), residual_i),
        probability: risk.probability,
        impact_amount: risk.impact_amount,
        exposure: risk.exposure().map(|e| e.round_dp(2)),
        mitigations: risk.mitigations.len() as u32,
        indicators,
        signals,
    }
}

/// Whether a signal's condition holds for an evaluation (never when it
/// does not compile).
fn holds(plan: &Plan, condition: &str, evaluation: &Evaluation) -> bool {
    let Ok(set) = RuleSet::compile_condition(plan, condition) else {
        return false;
    };
    let facts = set.read(&EvaluationFacts::new(plan, evaluation));
    set.rules()
        .first()
        .is_some_and(|rule| set.holds(rule, &facts))
}

fn moved(plan: &Plan, r: &ScoredRisk) -> Option<RiskMove> {
    let kpis: Vec<String> = r
        .indicators
        .iter()
        .filter(|i| i.breached)
        .map(|i| i.kpi.clone())
        .collect();
    let signals: Vec<String> = r
        .signals
        .iter()
        .filter(|s| s.breached)
        .map(|s| s.when.clone())
        .collect();
    if kpis.is_empty() && signals.is_empty() {
        return None;
    }
    let mut readings: Vec<String> = r
        .indicators
        .iter()
        .filter(|i| i.breached)
        .map(|i| {
            let side = match i.when {
                Crossing::Above => "above",
                Crossing::Below => "below",
            };
            let what = match i.basis {
                ThresholdBasis::Value => "",
                ThresholdBasis::Attainment => " attainment",
            };
            let value = i
                .value
                .map(|v| v.round_dp(4).normalize().to_string())
                .unwrap_or_default();
            let name = plan.kpi(&i.kpi).map_or(i.kpi.as_str(), |k| k.name.as_str());
            format!("{name}{what} {value} is {side} {}", i.threshold.normalize())
        })
        .collect();
    readings.extend(signals.iter().map(|s| format!("{s} holds")));
    let level =
        |l: Option<RiskLevel>| l.map_or("none".to_owned(), |l| format!("{l:?}").to_lowercase());
    let levels = if r.planned.level == r.inherent.level {
        format!("level {}", level(r.inherent.level))
    } else {
        format!(
            "level {} → {}",
            level(r.planned.level),
            level(r.inherent.level)
        )
    };
    Some(RiskMove {
        message: format!(
            "{}: {}; likelihood {} → {}, score {} → {}, {levels}",
            r.name,
            readings.join("; "),
            r.planned.likelihood,
            r.inherent.likelihood,
            r.planned.score,
            r.inherent.score,
        ),
        risk: r.risk.clone(),
        kpis,
        signals,
        from_likelihood: r.planned.likelihood,
        to_likelihood: r.inherent.likelihood,
        from_level: r.planned.level,
        to_level: r.inherent.level,
    })
}

fn totals(risks: &[ScoredRisk]) -> RiskTotals {
    fn group<K: Ord + Clone>(
        risks: &[ScoredRisk],
        key: impl Fn(&ScoredRisk) -> K,
        name: impl Fn(&K) -> String,
    ) -> Vec<Total> {
        let mut map: std::collections::BTreeMap<K, Total> = Default::default();
        for r in risks {
            let k = key(r);
            let t = map.entry(k.clone()).or_insert_with(|| Total {
                key: name(&k),
                count: 0,
                exposure: Decimal::ZERO,
            });
            t.count += 1;
            t.exposure += r.exposure.unwrap_or_default();
        }
        map.into_values().collect()
    }
    let category_rank = |c: RiskCategory| match c {
        RiskCategory::Market => 0,
        RiskCategory::Customer => 1,
        RiskCategory::Execution => 2,
        RiskCategory::Financial => 3,
        RiskCategory::Other => 4,
    };
    let snake = |s: String| s.to_lowercase();
    RiskTotals {
        exposure: risks.iter().filter_map(|r| r.exposure).sum(),
        by_category: group(
            risks,
            |r| {
                (
                    category_rank(r.category),
                    snake(format!("{:?}", r.category)),
                )
            },
            |(_, c)| c.clone(),
        ),
        by_owner: group(risks, |r| r.owner.clone().unwrap_or_default(), Clone::clone),
        by_level: group(
            risks,
            |r| r.inherent.level,
            |l| l.map(|l| snake(format!("{l:?}"))).unwrap_or_default(),
        ),
    }
}

fn heat(matrix: &RiskMatrix, scores: impl Iterator<Item = Score>) -> Vec<Vec<u32>> {
    let mut cells =
        vec![vec![0u32; matrix.impact_levels as usize]; matrix.likelihood_levels as usize];
    for s in scores {
        if let Some(row) = cells.get_mut((s.likelihood as usize).wrapping_sub(1)) {
            if let Some(cell) = row.get_mut((s.impact as usize).wrapping_sub(1)) {
                *cell += 1;
            }
        }
    }
    cells
}

#[cfg(test)]
mod tests;
