//! The plan document and its eight sections.
//!
//! A [`Plan`] is read from JSON (`"schema": "salesplan/1"`) with every field
//! checked for shape: unknown fields, wrong types and bad dates are refused
//! with the JSON pointer of the offending value. Whether the plan makes
//! sense is a separate question answered by [`Plan::validate`].

pub(crate) mod dec;
pub mod execution;
pub mod goals;
pub mod ids;
pub mod kpis;
pub mod market;
pub(crate) mod parse;
pub mod resources;
pub mod risks;
pub mod rules;
pub mod strategies;
mod strict;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, Granularity, Period, RetailPattern};
use crate::units::Currency;
use dec::DecimalString;

pub use execution::{Execution, Milestone, Phase, Task, TaskStatus};
pub use goals::Goal;
pub use ids::*;
pub use kpis::{Direction, Kpi, KpiUnit, ThresholdBasis, Thresholds, ATTAINMENT_DECIMALS};
pub use market::{Competitor, Level, Market, Persona, Segment, Trend, TrendDirection};
pub use resources::{BudgetCategory, BudgetLine, Headcount, Resources, Tool, Training};
pub use risks::{
    Crossing, Mitigation, Risk, RiskBand, RiskCategory, RiskIndicator, RiskLevel, RiskMatrix,
    RiskSignal, Risks,
};
pub use rules::{Action, Rule};
pub use strategies::{Effect, Lever, Strategy};

/// The schema version this library reads and writes.
pub const SCHEMA_VERSION: &str = "salesplan/1";

/// One of the eight sections of a plan: its key in the document and its
/// names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// The key in the document (`"goals"`).
    pub key: &'static str,
    /// The Chinese name (`"目标设定"`).
    pub zh: &'static str,
    /// The English name (`"Goals"`).
    pub en: &'static str,
}

/// The eight sections of a plan, in document order: the one list every
/// face names them from.
pub const SECTIONS: [Section; 8] = [
    Section {
        key: "goals",
        zh: "目标设定",
        en: "Goals",
    },
    Section {
        key: "market",
        zh: "市场分析",
        en: "Market",
    },
    Section {
        key: "strategies",
        zh: "策略制定",
        en: "Strategies",
    },
    Section {
        key: "resources",
        zh: "资源分配",
        en: "Resources",
    },
    Section {
        key: "execution",
        zh: "执行计划",
        en: "Execution",
    },
    Section {
        key: "risks",
        zh: "风险控制",
        en: "Risks",
    },
    Section {
        key: "kpis",
        zh: "绩效评估",
        en: "KPIs",
    },
    Section {
        key: "rules",
        zh: "调整机制",
        en: "Rules",
    },
];

/// A whole sales action plan: goals, market, strategies, resources,
/// execution, risks, KPIs and rules, linked to each other by ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "salesplan/1 plan document")]
pub struct Plan {
    /// Always `"salesplan/1"`.
    pub schema: String,
    /// Identifies the plan.
    pub id: String,
    /// Name for people.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// ISO 4217 code of every amount in the plan.
    pub currency: Currency,
    /// The time the plan covers.
    pub period: PlanPeriod,
    /// What the prior period achieved; goals grow from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// Measures the plan uses beyond the standard ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<MeasureDef>,
    /// 目标设定.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// 市场分析.
    #[serde(default)]
    pub market: Market,
    /// 策略制定.
    #[serde(default)]
    pub strategies: Vec<Strategy>,
    /// 资源分配.
    #[serde(default)]
    pub resources: Resources,
    /// 执行计划.
    #[serde(default)]
    pub execution: Execution,
    /// 风险控制.
    #[serde(default)]
    pub risks: Risks,
    /// 绩效评估.
    #[serde(default)]
    pub kpis: Vec<Kpi>,
    /// 调整机制.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Where this version of the plan came from; absent in a first draft,
    /// which counts as revision 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<RevisionInfo>,
}

/// The revision a plan document is, and how it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RevisionInfo {
    /// Revision number, from 1.
    pub number: u32,
    /// The revision it was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<u32>,
    /// Who made it.
    pub author: String,
    /// When, as the caller gave it (RFC 3339).
    pub at: String,
    /// Why.
    pub reason: String,
    /// The proposals accepted into it (`RULE@AS_OF`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposals: Vec<String>,
}

/// The time a plan covers and how finely it is phased.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanPeriod {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Months, quarters or ISO weeks (`"week"`: periods such as
    /// `"2026-W05"`, the first and last clipped to the plan).
    pub granularity: Granularity,
    /// Month (1–12) in which the fiscal year starts; 1 by default. Not
    /// used with a retail `calendar`, whose fiscal year starts on `start`.
    #[serde(default = "january")]
    pub fiscal_year_start_month: u32,
    /// A retail calendar (`"4-4-5"`, `"4-5-4"` or `"5-4-4"`) of 52- and
    /// 53-week fiscal years, the first starting on `start`, which must be a
    /// Monday. Its months are `"FY2026-P01"` to `"FY2026-P12"`, its quarters
    /// 13 weeks; a 53rd week goes to the last month. Absent for calendar
    /// months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<RetailPattern>,
}

fn january() -> u32 {
    1
}

/// What the prior period achieved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The period the values are from (`"FY2025"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Values by measure (`{"revenue": "100000000.00"}`).
    #[serde(default, with = "dec::map")]
    #[schemars(with = "BTreeMap<String, DecimalString>")]
    pub measures: BTreeMap<String, Decimal>,
}

/// A measure declared by the plan, for use in KPI formulas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureDef {
    /// The name used in formulas (`demo_requests`).
    pub id: String,
    /// Name for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Unit of the observations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<KpiUnit>,
}

impl Plan {
    /// Reads a plan from JSON text.
    ///
    /// # Errors
    /// [`Error::Syntax`](crate::Error::Syntax) for malformed JSON,
    /// [`Error::UnsupportedSchema`](crate::Error::UnsupportedSchema) for
    /// another schema version and [`Error::Document`](crate::Error::Document),
    /// with the JSON pointer, for anything that does not fit the shape.
    pub fn from_json(text: &str) -> crate::Result<Plan> {
        parse::from_json(text)
    }

    /// Reads a plan from an already parsed JSON value.
    ///
    /// # Errors
    /// As [`Plan::from_json`], without syntax errors.
    pub fn from_value(value: serde_json::Value) -> crate::Result<Plan> {
        parse::from_value(value)
    }

    /// Writes the plan as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The plan as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    /// The plan's calendar: its retail calendar anchored on the plan's
    /// start, or its fiscal calendar of whole months (Gregorian when the
    /// start month is invalid, which validation reports). A retail plan
    /// that does not start on a Monday, which validation also reports, is
    /// anchored on the Monday before its start.
    pub fn calendar(&self) -> Calendar {
        match self.period.calendar {
            Some(pattern) => {
                let monday = crate::calendar::week::monday_on_or_before(self.period.start);
                Calendar::retail(pattern, monday).unwrap_or_default()
            }
            None => Calendar::new(self.period.fiscal_year_start_month).unwrap_or_default(),
        }
    }

    /// The periods of the plan at its granularity, in order.
    pub fn periods(&self) -> Vec<Period> {
        self.calendar()
            .periods(self.period.start, self.period.end, self.period.granularity)
    }

    /// Whether a date falls within the plan period.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.period.start <= date && date <= self.period.end
    }

    /// The baseline a goal grows from: its own, or the plan baseline's value
    /// for its metric.
    pub fn goal_baseline(&self, goal: &Goal) -> Option<Decimal> {
        goal.baseline.or_else(|| {
            let metric = goal.metric.as_deref()?;
            self.baseline.as_ref()?.measures.get(metric).copied()
        })
    }

    /// The target of a goal: stated, or baseline × (1 + growth).
    pub fn goal_target(&self, goal: &Goal) -> Option<Decimal> {
        goal.target.or_else(|| {
            self.goal_baseline(goal)?
                .checked_mul(Decimal::ONE + goal.growth?)
        })
    }

    /// Looks up a goal by id.
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id.as_str() == id)
    }

    /// Looks up a KPI by id.
    pub fn kpi(&self, id: &str) -> Option<&Kpi> {
        self.kpis.iter().find(|k| k.id.as_str() == id)
    }

    /// Whether a measure may be used in formulas: a standard one, a declared
    /// one, or one the baseline states.
    pub fn knows_measure(&self, name: &str) -> bool {
        crate::formula::STANDARD_MEASURES.contains(&name)
            || self.measures.iter().any(|m| m.id == name)
            || self
                .baseline
                .as_ref()
                .is_some_and(|b| b.measures.contains_key(name))
    }
}
