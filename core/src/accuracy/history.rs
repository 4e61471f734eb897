//! The history of forecasts: snapshots of evaluations (and simulation
//! percentiles) kept over the year, read from one JSON document or from
//! JSON Lines.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::evaluate::Evaluation;
use crate::plan::dec::DecimalString;
use crate::plan::parse::{deserialize, parse_text};
use crate::plan::Plan;
use crate::risk::simulate::Simulation;

/// Snapshots in date order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// The snapshots, oldest first, one per date.
    pub snapshots: Vec<Snapshot>,
}

/// What was known and forecast on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// The day of the snapshot; the evaluation is as of this day.
    pub as_of: NaiveDate,
    /// The evaluation as the library writes it (`Plan::evaluate`).
    #[schemars(with = "serde_json::Map<String, Value>")]
    pub evaluation: Evaluation,
    /// Simulated percentiles of KPIs' outcomes for the plan period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub simulations: Vec<Percentiles>,
}

/// The simulated outcome of one KPI for one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Percentiles {
    /// The KPI simulated.
    pub kpi: String,
    /// The node: `""` (the default) for the company.
    #[serde(default)]
    pub node: String,
    /// 10th percentile of the outcome.
    #[serde(with = "crate::plan::dec")]
    #[schemars(with = "DecimalString")]
    pub p10: Decimal,
    /// Median outcome.
    #[serde(with = "crate::plan::dec")]
    #[schemars(with = "DecimalString")]
    pub p50: Decimal,
    /// 90th percentile of the outcome.
    #[serde(with = "crate::plan::dec")]
    #[schemars(with = "DecimalString")]
    pub p90: Decimal,
}

impl History {
    /// Reads a history from text, in either form:
    ///
    /// * a JSON document `{"snapshots": [...]}`;
    /// * JSON Lines: one snapshot object per line, blank lines skipped —
    ///   the form to append to (`salesplan snapshot ... >> history.jsonl`).
    ///
    /// The text is JSON Lines when its first non-blank line is a whole JSON
    /// object without a `snapshots` member, a document otherwise.
    ///
    /// # Errors
    /// [`Error::Syntax`] for text that is not JSON (in JSON Lines with the
    /// line of the file), [`Error::Document`] with a JSON pointer for a
    /// value that does not fit. In JSON Lines the pointer is the one the
    /// same snapshot has in a document (`/snapshots/2/evaluation/as_of` for
    /// the third snapshot) and the message starts with its line
    /// (`line 3: ...`). [`Error::LimitExceeded`] beyond [`crate::limits`].
    pub fn from_text(text: &str) -> Result<History> {
        if is_json_lines(text) {
            History::from_json_lines(text)
        } else {
            History::from_json(text)
        }
    }

    /// Reads a JSON document `{"snapshots": [...]}` (or a bare array of
    /// snapshots).
    ///
    /// # Errors
    /// As [`History::from_text`].
    pub fn from_json(text: &str) -> Result<History> {
        History::from_value(&parse_text(text)?)
    }

    /// Reads a JSON value: `{"snapshots": [...]}`, or an array of
    /// snapshots, which is read as `{"snapshots": array}` (paths and all).
    ///
    /// # Errors
    /// [`Error::Document`] with a JSON pointer.
    pub fn from_value(value: &Value) -> Result<History> {
        match value {
            Value::Array(_) => {
                let wrapped = serde_json::json!({ "snapshots": value });
                deserialize(&wrapped)
            }
            _ => deserialize(value),
        }
    }

    /// Reads JSON Lines: one snapshot per line, blank lines skipped.
    ///
    /// # Errors
    /// As [`History::from_text`].
    pub fn from_json_lines(text: &str) -> Result<History> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        crate::limits::Limits::DOCUMENT.check_size("the history", text.len(), Some(""))?;
        let mut snapshots = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let n = i + 1;
            let at = snapshots.len();
            let snapshot = parse_text(line)
                .and_then(|v| deserialize::<Snapshot>(&v))
                .map_err(|e| on_line(e, n, at))?;
            snapshots.push(snapshot);
        }
        Ok(History { snapshots })
    }

    /// The history as a JSON document (pretty-printed, final newline).
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The history as JSON Lines, one snapshot a line.
    pub fn to_json_lines(&self) -> String {
        self.snapshots.iter().map(Snapshot::to_json_line).collect()
    }

    /// The dimensions of the deepest node the latest snapshot evaluated
    /// (`["region", "team"]` for `region=east/team=a`): the hierarchy to
    /// evaluate the close by. Empty for a company-only history.
    pub fn hierarchy(&self) -> Vec<String> {
        let Some(last) = self.snapshots.last() else {
            return Vec::new();
        };
        let deepest = last
            .evaluation
            .kpis
            .iter()
            .map(|k| k.node.as_str())
            .filter(|n| !n.is_empty())
            .max_by_key(|n| n.split('/').count());
        deepest.map_or_else(Vec::new, |node| {
            node.split('/')
                .map(|part| part.split('=').next().unwrap_or(part).to_owned())
                .collect()
        })
    }
}

impl Snapshot {
    /// A snapshot of an evaluation, with the percentiles of simulations
    /// made as of the same day. A simulation is about a goal; its
    /// percentiles are the outcome of the goal's KPI for the company: the
    /// first of the plan's KPIs measuring the goal by `sum(metric)` of the
    /// goal's metric (any single `sum(...)` when the goal names none).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a simulation as of another day than
    /// the evaluation, or of a goal no KPI sums.
    pub fn new(
        plan: &Plan,
        evaluation: &Evaluation,
        simulations: &[Simulation],
    ) -> Result<Snapshot> {
        let mut out = Vec::new();
        for (i, sim) in simulations.iter().enumerate() {
            let name = format!("simulations[{i}]");
            if sim.as_of != evaluation.as_of {
                return Err(Error::InvalidArgument {
                    name,
                    message: format!(
                        "the simulation is as of {}, the evaluation as of {}",
                        sim.as_of, evaluation.as_of
                    ),
                });
            }
            let kpi = goal_kpi(plan, &sim.goal).ok_or_else(|| Error::InvalidArgument {
                name,
                message: format!("no KPI of the plan sums goal {}'s measure", sim.goal),
            })?;
            out.push(Percentiles {
                kpi,
                node: String::new(),
                p10: sim.p10,
                p50: sim.p50,
                p90: sim.p90,
            });
        }
        Ok(Snapshot {
            as_of: evaluation.as_of,
            evaluation: evaluation.clone(),
            simulations: out,
        })
    }

    /// The snapshot as one line of JSON Lines (with its newline).
    pub fn to_json_line(&self) -> String {
        let mut text = serde_json::to_string(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The KPI measuring a goal by a single sum of its metric.
fn goal_kpi(plan: &Plan, goal: &str) -> Option<String> {
    let metric = plan.goal(goal)?.metric.clone();
    plan.kpis
        .iter()
        .filter(|k| k.goal.as_ref().is_some_and(|g| g.as_str() == goal))
        .find(|k| {
            let text: String = k.formula.split_whitespace().collect();
            match &metric {
                Some(m) => text == format!("sum({m})"),
                None => {
                    text.starts_with("sum(")
                        && text.ends_with(')')
                        && text.matches('(').count() == 1
                }
            }
        })
        .map(|k| k.id.to_string())
}

/// Whether text is JSON Lines (see [`History::from_text`]).
fn is_json_lines(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    match serde_json::from_str::<Value>(first) {
        Ok(Value::Object(map)) => !map.contains_key("snapshots"),
        _ => false,
    }
}

/// An error of line `n` (the snapshot at index `at`) of JSON Lines.
fn on_line(error: Error, n: usize, at: usize) -> Error {
    let prefix = |path: &str| format!("/snapshots/{at}{path}");
    match error {
        Error::Syntax {
            column, message, ..
        } => Error::Syntax {
            line: n,
            column,
            message,
        },
        Error::Document {
            kind,
            path,
            message,
        } => Error::Document {
            kind,
            path: prefix(&path),
            message: format!("line {n}: {message}"),
        },
        Error::LimitExceeded { path, message } => Error::LimitExceeded {
            path: path.map(|p| prefix(&p)),
            message: format!("line {n}: {message}"),
        },
        other => other,
    }
}
