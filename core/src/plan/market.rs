//! Market analysis (市场分析): size, segments, competitors, personas, trends.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::dec::DecimalString;
use super::ids::{CompetitorId, PersonaId, SegmentId, TrendId};

/// The market the plan sells into. Sizes are yearly amounts in the plan
/// currency; shares and growth rates are fractions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Market {
    /// Total addressable market.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub tam: Option<Decimal>,
    /// Serviceable addressable market: the part the plan can reach.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub sam: Option<Decimal>,
    /// Serviceable obtainable market: the part the plan expects to win.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub som: Option<Decimal>,
    /// Largest believable share of the serviceable market (default 0.5); a
    /// revenue target implying more is flagged.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub share_ceiling: Option<Decimal>,
    /// Customer segments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<Segment>,
    /// Competitors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competitors: Vec<Competitor>,
    /// Customer personas.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<Persona>,
    /// Trends that move the market.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trends: Vec<Trend>,
}

impl Market {
    /// The share ceiling in force (stated, or 0.5).
    pub fn share_ceiling_or_default(&self) -> Decimal {
        self.share_ceiling.unwrap_or(Decimal::new(5, 1))
    }
}

/// A group of customers with a size, growth and our share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// Unique among the segments.
    pub id: SegmentId,
    /// Name, e.g. "High-end enterprise".
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Yearly spend of the segment.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub size: Option<Decimal>,
    /// Yearly growth of the segment as a fraction (negative when shrinking).
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub growth: Option<Decimal>,
    /// Our current share of the segment as a fraction.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub our_share: Option<Decimal>,
    /// How strongly price drives the segment's buying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_sensitivity: Option<Level>,
}

/// A competitor and where it competes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Competitor {
    /// Unique among the competitors.
    pub id: CompetitorId,
    /// Name.
    pub name: String,
    /// Market share as a fraction.
    #[serde(
        default,
        with = "super::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub share: Option<Decimal>,
    /// Segments where it competes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<SegmentId>,
    /// Its strengths.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strengths: Vec<String>,
    /// Its weaknesses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weaknesses: Vec<String>,
}

/// A typical buyer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// Unique among the personas.
    pub id: PersonaId,
    /// Name, e.g. "CIO of a mid-size manufacturer".
    pub name: String,
    /// The segment the persona belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<SegmentId>,
    /// What the persona needs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    /// What hurts today.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pain_points: Vec<String>,
    /// How the persona chooses a vendor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buying_criteria: Vec<String>,
}

/// A movement in the market.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trend {
    /// Unique among the trends.
    pub id: TrendId,
    /// Name, e.g. "Price-sensitive customers shrinking".
    pub name: String,
    /// Which way it moves.
    pub direction: TrendDirection,
    /// How much it matters to the plan.
    pub impact: Level,
    /// Segments it touches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<SegmentId>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Which way a trend moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrendDirection {
    /// Growing.
    Up,
    /// Shrinking.
    Down,
    /// Steady.
    Flat,
}

/// A three-step scale.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}
