//! Risk control (风险控制): a register scored on a likelihood × impact matrix.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dec::DecimalString;
use super::ids::{KpiId, RiskId};

/// The matrix and the register.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risks {
    /// How risks are scored; the default is 5 × 5.
    #[serde(default)]
    pub matrix: RiskMatrix,
    /// The risks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub register: Vec<Risk>,
}

/// A likelihood × impact matrix with score bands. A risk's score is
/// likelihood × impact; its level is the band with the highest `min_score`
/// not above the score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskMatrix {
    /// Number of likelihood steps (1 is rare).
    pub likelihood_levels: u32,
    /// Number of impact steps (1 is negligible).
    pub impact_levels: u32,
    /// Bands from the lowest score up.
    pub bands: Vec<RiskBand>,
}

impl Default for RiskMatrix {
    /// 5 × 5: low 1–4, medium 5–9, high 10–15, critical 16–25.
    fn default() -> Self {
        let band = |level, min_score, en: &str, zh: &str| RiskBand {
            level,
            min_score,
            label_en: Some(en.to_owned()),
            label_zh: Some(zh.to_owned()),
        };
        RiskMatrix {
            likelihood_levels: 5,
            impact_levels: 5,
            bands: vec![
                band(RiskLevel::Low, 1, "Low", "低"),
                band(RiskLevel::Medium, 5, "Medium", "中"),
                band(RiskLevel::High, 10, "High", "高"),
                band(RiskLevel::Critical, 16, "Critical", "极高"),
            ],
        }
    }
}

impl RiskMatrix {
    /// The level of a score, or `None` when the score is below every band.
    pub fn level(&self, score: u32) -> Option<RiskLevel> {
        self.bands
            .iter()
            .filter(|b| b.min_score <= score)
            .max_by_key(|b| b.min_score)
            .map(|b| b.level)
    }

    /// Whether a likelihood and an impact fall on the matrix.
    pub fn contains(&self, likelihood: u32, impact: u32) -> bool {
        (1..=self.likelihood_levels).contains(&likelihood)
            && (1..=self.impact_levels).contains(&impact)
    }
}

/// One band of scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskBand {
    /// The level the band stands for.
    pub level: RiskLevel,
    /// Lowest score in the band.
    pub min_score: u32,
    /// English label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    /// Chinese label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_zh: Option<String>,
}

/// Risk levels, lowest first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

/// Risk categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RiskCategory {
    /// Demand, competition, prices.
    Market,
    /// Churn, satisfaction.
    Customer,
    /// Delivery of the plan itself.
    Execution,
    /// Budget, cash, margins.
    Financial,
    /// Anything else.
    Other,
}

/// One entry of the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// Unique among the risks.
    pub id: RiskId,
    /// Name.
    pub name: String,
    /// Category.
    pub category: RiskCategory,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Likelihood step on the matrix.
    pub likelihood: u32,
    /// Impact step on the matrix.
    pub impact: u32,
    /// Probability of the risk occurring as a fraction, when known.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub probability: Option<Decimal>,
    /// Money lost if it occurs.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub impact_amount: Option<Decimal>,
    /// Who watches it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// What is done about it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mitigations: Vec<Mitigation>,
    /// Likelihood after mitigation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual_likelihood: Option<u32>,
    /// Impact after mitigation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual_impact: Option<u32>,
    /// Key risk indicators that signal it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<RiskIndicator>,
    /// Key risk indicators written as rule conditions over any fact, such
    /// as execution slips and budget burn.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<RiskSignal>,
}

impl Risk {
    /// Inherent score: likelihood × impact.
    pub fn score(&self) -> u32 {
        self.likelihood.saturating_mul(self.impact)
    }

    /// Expected monetary value: probability × impact amount, when both are known.
    pub fn exposure(&self) -> Option<Decimal> {
        self.probability?.checked_mul(self.impact_amount?)
    }
}

/// An action that lowers a risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mitigation {
    /// What is done.
    pub action: String,
    /// Who does it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// By when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// What it costs.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub cost: Option<Decimal>,
}

/// A key risk indicator: a KPI crossing a threshold signals the risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskIndicator {
    /// The KPI watched.
    pub kpi: KpiId,
    /// Which side of the threshold signals the risk.
    pub when: Crossing,
    /// The threshold, in the KPI's unit or as attainment (see `basis`).
    #[serde(with = "super::dec")]
    #[schemars(with = "DecimalString")]
    pub threshold: Decimal,
    /// Whether the threshold is a KPI value or a fraction of its target.
    #[serde(default)]
    pub basis: super::kpis::ThresholdBasis,
    /// Likelihood steps the risk rises by while the indicator is breached
    /// (default 1). Raises from several indicators add up; the likelihood
    /// stays on the matrix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raise_likelihood: Option<u32>,
}

impl RiskIndicator {
    /// Likelihood steps a breach adds.
    pub fn raise(&self) -> u32 {
        self.raise_likelihood.unwrap_or(1)
    }
}

/// A key risk indicator written as a condition in the rule language
/// (`task("T-05").slip_days > 10`, `budget("B-PROMO").burn > 1.1`; see
/// [`crate::adjust::condition`]): while it holds, the risk's likelihood
/// rises.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskSignal {
    /// The condition.
    pub when: String,
    /// What it watches, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Likelihood steps the risk rises by while the condition holds
    /// (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raise_likelihood: Option<u32>,
}

impl RiskSignal {
    /// Likelihood steps a signal that holds adds.
    pub fn raise(&self) -> u32 {
        self.raise_likelihood.unwrap_or(1)
    }
}

/// Which side of a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Crossing {
    /// Above the threshold.
    Above,
    /// Below the threshold.
    Below,
}
