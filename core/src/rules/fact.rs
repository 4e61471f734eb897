//! The facts a condition can name: KPI fields, risk fields and the fields
//! of the monitored parts of a plan, with the kind of value each holds.
//! This is the vocabulary a [`Facts`](super::Facts) source answers; the
//! grammar that writes them is in [`condition`](super::condition).

use std::fmt;

use rust_decimal::Decimal;

/// A field of a KPI result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KpiField {
    /// Value to date.
    Actual,
    /// Target for the plan period.
    Target,
    /// Expected to date.
    Expected,
    /// actual − expected.
    Variance,
    /// Direction-aware attainment against the expected value.
    Attainment,
    /// The same as attainment.
    Pace,
    /// Run-rate forecast.
    Forecast,
    /// Trend forecast.
    ForecastTrend,
    /// Pipeline forecast.
    ForecastPipeline,
    /// Run-rate forecast against the target.
    ForecastAttainment,
    /// Slope of the last periods.
    Trend,
    /// Status text.
    Status,
    /// Completed periods in a row below a threshold (the threshold as a
    /// decimal's bits are kept in the fact key).
    PeriodsBelow(Decimal),
}

impl KpiField {
    pub(super) fn named(name: &str) -> Option<KpiField> {
        Some(match name {
            "actual" => KpiField::Actual,
            "target" => KpiField::Target,
            "expected" => KpiField::Expected,
            "variance" => KpiField::Variance,
            "attainment" => KpiField::Attainment,
            "pace" => KpiField::Pace,
            "forecast" => KpiField::Forecast,
            "forecast_trend" => KpiField::ForecastTrend,
            "forecast_pipeline" => KpiField::ForecastPipeline,
            "forecast_attainment" => KpiField::ForecastAttainment,
            "trend" => KpiField::Trend,
            "status" => KpiField::Status,
            _ => return None,
        })
    }

    /// Whether the field is text.
    pub fn is_text(self) -> bool {
        self == KpiField::Status
    }
}

/// A field of a scored risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RiskField {
    /// Likelihood step.
    Likelihood,
    /// Impact step.
    Impact,
    /// likelihood × impact.
    Score,
    /// Level text.
    Level,
    /// Residual score.
    ResidualScore,
    /// Residual level text.
    ResidualLevel,
    /// Probability × impact amount.
    Exposure,
}

impl RiskField {
    pub(super) fn named(name: &str) -> Option<RiskField> {
        Some(match name {
            "likelihood" => RiskField::Likelihood,
            "impact" => RiskField::Impact,
            "score" => RiskField::Score,
            "level" => RiskField::Level,
            "residual_score" => RiskField::ResidualScore,
            "residual_level" => RiskField::ResidualLevel,
            "exposure" => RiskField::Exposure,
            _ => return None,
        })
    }

    /// Whether the field is text.
    pub fn is_text(self) -> bool {
        matches!(self, RiskField::Level | RiskField::ResidualLevel)
    }
}

/// A fact a condition reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Fact {
    /// A KPI's field for the company (`node` empty) or a node.
    Kpi {
        /// The KPI.
        kpi: String,
        /// Dimension filters, as written.
        node: Vec<(String, String)>,
        /// The field.
        field: KpiField,
    },
    /// A risk's field.
    Risk {
        /// The risk.
        risk: String,
        /// The field.
        field: RiskField,
    },
    /// A field of a monitored part of the plan: a task, a milestone, a
    /// budget line, a headcount line, a strategy, or a KPI's forecast
    /// accuracy.
    Part {
        /// Which kind of part.
        part: Part,
        /// Its id.
        id: String,
        /// The field, one of [`Part::fields`].
        field: &'static str,
    },
}

/// The kinds of a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// A number.
    Num,
    /// A word from [`crate::rules::FACT_WORDS`].
    Text,
    /// True or false: a condition by itself.
    Flag,
}

/// The monitored parts of a plan that conditions read (see
/// [`crate::monitor`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// `task("T-05")`: execution tracking of a task.
    Task,
    /// `milestone("M-LAUNCH")`: a milestone's forecast.
    Milestone,
    /// `budget("B-PROMO")`: a budget line's burn.
    Budget,
    /// `capacity("H-HIGH")`: a headcount line against plan.
    Capacity,
    /// `strategy("S-PROMO")`: a strategy's realised effect.
    Strategy,
    /// `forecast("K-REV")`: the accuracy of a KPI's forecasts.
    Forecast,
}

impl Part {
    /// Every part, in the order the grammar lists them.
    pub const ALL: [Part; 6] = [
        Part::Task,
        Part::Milestone,
        Part::Budget,
        Part::Capacity,
        Part::Strategy,
        Part::Forecast,
    ];

    /// The word that names the part in a condition.
    pub fn name(self) -> &'static str {
        match self {
            Part::Task => "task",
            Part::Milestone => "milestone",
            Part::Budget => "budget",
            Part::Capacity => "capacity",
            Part::Strategy => "strategy",
            Part::Forecast => "forecast",
        }
    }

    /// The fields of the part and the kind of each.
    pub fn fields(self) -> &'static [(&'static str, FieldType)] {
        use FieldType::{Flag, Num, Text};
        match self {
            Part::Task => &[
                ("slip_days", Num),
                ("progress", Num),
                ("expected_progress", Num),
                ("progress_gap", Num),
                ("float_days", Num),
                ("status", Text),
                ("critical", Flag),
                ("overdue", Flag),
            ],
            Part::Milestone => &[("slip_days", Num), ("status", Text), ("at_risk", Flag)],
            Part::Budget => &[
                ("spent", Num),
                ("expected", Num),
                ("variance", Num),
                ("burn", Num),
                ("burn_rate", Num),
                ("forecast", Num),
                ("overrun", Num),
                ("status", Text),
            ],
            Part::Capacity => &[
                ("heads", Num),
                ("planned", Num),
                ("heads_gap", Num),
                ("forecast_capacity", Num),
            ],
            Part::Strategy => &[("realised", Num)],
            Part::Forecast => &[
                ("bias", Num),
                ("wape", Num),
                ("mape", Num),
                ("coverage", Num),
            ],
        }
    }

    pub(super) fn named(word: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.name() == word)
    }
}

impl Fact {
    /// Whether the fact is text (else a number).
    pub fn is_text(&self) -> bool {
        match self {
            Fact::Kpi { field, .. } => field.is_text(),
            Fact::Risk { field, .. } => field.is_text(),
            Fact::Part { .. } => self.kind() == FieldType::Text,
        }
    }

    /// The kind of the fact's value.
    pub fn kind(&self) -> FieldType {
        match self {
            Fact::Part { part, field, .. } => part
                .fields()
                .iter()
                .find(|(name, _)| name == field)
                .map_or(FieldType::Num, |(_, kind)| *kind),
            other if other.is_text() => FieldType::Text,
            _ => FieldType::Num,
        }
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fact::Kpi { kpi, node, field } => {
                write!(f, "kpi({kpi:?}")?;
                for (d, v) in node {
                    write!(f, ", {d}={v:?}")?;
                }
                let name = match field {
                    KpiField::PeriodsBelow(x) => return write!(f, ").periods_below({x})"),
                    other => format!("{other:?}"),
                };
                write!(f, ").{}", snake(&name))
            }
            Fact::Risk { risk, field } => {
                write!(f, "risk({risk:?}).{}", snake(&format!("{field:?}")))
            }
            Fact::Part { part, id, field } => write!(f, "{}({id:?}).{field}", part.name()),
        }
    }
}

fn snake(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}
