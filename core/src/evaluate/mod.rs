//! Performance evaluation as of a date: every KPI, for the whole company
//! and for every node of a dimension hierarchy, against its targets.
//!
//! For each KPI × node the evaluation gives the actual to date and per
//! period, and — where the node has targets (the company does) — the target,
//! the expected-to-date value by the phasing curve, variance, attainment,
//! pace, two forecasts and a status from the KPI's thresholds.
//!
//! * A KPI is *additive* when its formula is a single `sum(measure)`: its
//!   plan target is phased over the periods (by `targets` where given, else
//!   by its goal's seasonality, else evenly; see
//!   [`allocate`]), and within the current
//!   period the target accrues linearly by days. Any other KPI (a ratio, an
//!   average) has the same target in every period and no pacing.
//! * Attainment is actual ÷ target for higher-is-better KPIs and target ÷
//!   actual for lower-is-better ones, so above 1 is always good. For
//!   additive KPIs it is measured against the expected-to-date value, which
//!   makes it the pace.
//! * Forecasts (additive KPIs): *run rate* extrapolates the actual to date
//!   over the plan's days (to two decimals); *trend* fits a least-squares line through the
//!   completed periods and extends it over the rest.
//! * The core never reads the clock: `as_of` is always an argument.
//! * The actuals are folded by column: one pass over the rows for all the
//!   KPIs' filters, integer sums in dense (node, period, measure) cells,
//!   on two threads where there are two (one on WebAssembly); the result is
//!   the same for any number of threads. A sum beyond what a decimal holds
//!   is [`Error::Overflow`], never a panic.

mod aggregate;
mod columnar;
mod deal_currency;
pub mod gap;
mod nodes;
mod partial;
mod pipeline;
pub mod scorecard;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use aggregate::{compute, Fold, Source};
pub(crate) use deal_currency::check_currencies as check_deal_currencies;
pub use partial::Partial;
pub use pipeline::{deals_from_json, deals_from_value, Deal};

use crate::actuals::Actuals;
use crate::calendar::Period;
use crate::decompose::allocate;
use crate::error::{Error, Result};
use crate::formula::{Aggregate, Formula};
use crate::plan::{Direction, Kpi, Plan, ThresholdBasis};
use columnar::{DayTable, Pass, Slots, Table};
use nodes::Nodes;
use pipeline::OpenByNode;

/// What to evaluate. As JSON, every field but `as_of` may be left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationOptions {
    /// The day the evaluation is made; actuals after it are ignored.
    pub as_of: NaiveDate,
    /// Dimensions from the top down (`["region", "team", "rep"]`); every
    /// combination found in the actuals becomes a node under the company.
    /// Each is named once and, once there are observations, is a tag they
    /// carry.
    #[serde(default)]
    pub hierarchy: Vec<String>,
    /// How many completed periods the trend looks back over (3 by default).
    #[serde(default = "default_trend_periods")]
    pub trend_periods: usize,
    /// Open deals, for the pipeline forecast of revenue KPIs.
    #[serde(default)]
    pub pipeline: Vec<Deal>,
    /// How targets cascade to the nodes: a tree whose root is the company
    /// and whose node ids are node paths (`region=east`,
    /// `region=east/team=a`). Additive KPIs' period targets are split down
    /// it exactly ([`cascade`](fn@crate::decompose::cascade)); other KPIs keep
    /// the company's targets. Without it, only the company has targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cascade: Option<crate::decompose::Node>,
}

fn default_trend_periods() -> usize {
    3
}

impl EvaluationOptions {
    /// Company-level evaluation as of a date, trend over three periods.
    pub fn as_of(as_of: NaiveDate) -> EvaluationOptions {
        EvaluationOptions {
            as_of,
            hierarchy: Vec::new(),
            trend_periods: default_trend_periods(),
            pipeline: Vec::new(),
            cascade: None,
        }
    }

    /// Reads options from JSON (`{"as_of": "2026-06-30", ...}`), with the
    /// path of any field that does not fit; the open deals are checked as
    /// [`deals_from_value`] checks them.
    ///
    /// # Errors
    /// [`Error::Document`] for unknown fields and wrong types,
    /// [`Error::InvalidArgument`] for a deal that does not hold
    /// (`/pipeline/0/probability`).
    pub fn from_value(value: &serde_json::Value) -> Result<EvaluationOptions> {
        let options: EvaluationOptions = crate::plan::parse::deserialize(value)?;
        pipeline::check_deals(&options.pipeline, "/pipeline")?;
        Ok(options)
    }

    /// [`from_value`](Self::from_value) from JSON text.
    ///
    /// # Errors
    /// [`Error::Syntax`] for malformed JSON; as
    /// [`from_value`](Self::from_value) otherwise.
    pub fn from_json(text: &str) -> Result<EvaluationOptions> {
        Self::from_value(&crate::plan::parse::parse_text(text)?)
    }
}

/// Where a KPI stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// At or past the on-track threshold.
    OnTrack,
    /// Between the thresholds.
    AtRisk,
    /// Short of the off-track threshold.
    OffTrack,
}

/// One KPI for one node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct KpiResult {
    /// The KPI.
    pub kpi: String,
    /// The node: `""` for the company, else `region=east/rep=r1`.
    pub node: String,
    /// Target for the whole plan period.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub target: Option<Decimal>,
    /// Value from the plan start to `as_of`.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub actual: Option<Decimal>,
    /// What the target curve expects by `as_of`.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub expected: Option<Decimal>,
    /// actual − expected.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub variance: Option<Decimal>,
    /// Direction-aware attainment against the expected value.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub attainment: Option<Decimal>,
    /// Forecast for the whole plan period by run rate.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub forecast_run_rate: Option<Decimal>,
    /// Forecast for the whole plan period by the linear trend of periods.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub forecast_trend: Option<Decimal>,
    /// Forecast for revenue KPIs: the actual plus the weighted open deals
    /// (amount × probability) expected to close after `as_of` and by the
    /// plan's end, within the KPI's filter and the node. `None` without a
    /// pipeline.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub forecast_pipeline: Option<Decimal>,
    /// Status from the KPI's thresholds (0.95 / 0.85 of attainment when it
    /// has none).
    pub status: Option<Status>,
    /// Least-squares slope of the per-period values over the last completed
    /// periods, per period.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub trend: Option<Decimal>,
    /// Per period up to the one containing `as_of`.
    pub periods: Vec<PeriodResult>,
}

/// One KPI for one node in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PeriodResult {
    /// Period name.
    pub period: String,
    /// Target for the period.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub target: Option<Decimal>,
    /// Value in the period (up to `as_of`).
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub actual: Option<Decimal>,
    /// Direction-aware attainment of the period's target.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub attainment: Option<Decimal>,
}

/// The evaluation of a plan against actuals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evaluation {
    /// The day it was made.
    pub as_of: NaiveDate,
    /// Every KPI for every node: the company first, then the nodes in
    /// order of first appearance in the actuals.
    pub kpis: Vec<KpiResult>,
    /// The revenue variance to date of every node split into lead-volume,
    /// conversion and deal-size effects (see [`gap`]), largest shortfall
    /// first; empty when the plan cannot state a planned funnel.
    pub gaps: Vec<NodeGap>,
    /// Execution, budget, capacity and strategy effects, when the
    /// evaluation was monitored ([`Plan::monitor`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<Box<crate::monitor::Monitoring>>,
}

/// One node's revenue gap, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NodeGap {
    /// The node (`""` for the company).
    pub node: String,
    /// The effects, which sum to the variance.
    #[serde(flatten)]
    pub effects: gap::GapEffects,
    /// The effect with the largest magnitude.
    #[schemars(schema_with = "gap::effect_name_schema")]
    pub biggest: String,
}

impl Evaluation {
    /// The company-level result of a KPI.
    pub fn kpi(&self, id: &str) -> Option<&KpiResult> {
        self.kpis.iter().find(|k| k.kpi == id && k.node.is_empty())
    }
}

impl Plan {
    /// Evaluates the plan's KPIs against actuals as of a date.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `as_of` is before the plan starts,
    /// the hierarchy names a tag twice or one that no observation carries,
    /// or a KPI formula does not parse (validation reports that too), or
    /// the actuals still carry a `currency` or `credit` column (read
    /// without the plan; see [`crate::actuals::settle`]).
    pub fn evaluate(&self, actuals: &Actuals, options: &EvaluationOptions) -> Result<Evaluation> {
        crate::actuals::settle::check_settled(actuals)?;
        deal_currency::check_currencies(&options.pipeline, &self.currency)?;
        let (frame, formulas) = self.prepare(options)?;
        let dimensions: Vec<&str> = actuals.dimensions().collect();
        check_hierarchy(actuals.is_empty(), &dimensions, &options.hierarchy)?;
        let engine = Engine::new(actuals, &frame, &formulas, options);
        let tables = engine.fold(self)?;
        self.finish(&frame, &formulas, &tables, engine.slots.names(), options)
    }

    /// The plan's periods as of `options.as_of` and its KPIs' formulas,
    /// once `as_of` is known to be within reach and every formula parses.
    fn prepare(&self, options: &EvaluationOptions) -> Result<(Frame, Vec<Formula>)> {
        if options.as_of < self.period.start {
            return Err(Error::InvalidArgument {
                name: "as_of".into(),
                message: format!(
                    "{} is before the plan starts on {}",
                    options.as_of, self.period.start
                ),
            });
        }
        let frame = Frame::new(self, options.as_of);
        // Every formula is read first (the slots are the measures they
        // read); the first that does not parse is reported with its KPI.
        let parsed: Vec<_> = self
            .kpis
            .iter()
            .map(|k| Formula::parse(&k.formula))
            .collect();
        if let Some((kpi, Err(e))) = self.kpis.iter().zip(&parsed).find(|(_, f)| f.is_err()) {
            return Err(Error::InvalidArgument {
                name: format!("KPI {}", kpi.id),
                message: e.to_string(),
            });
        }
        Ok((frame, parsed.into_iter().flatten().collect()))
    }

    /// The distinct filters of the plan's KPIs, in order of first use.
    fn filters(&self) -> Vec<BTreeMap<String, String>> {
        let mut filters: Vec<BTreeMap<String, String>> = Vec::new();
        for kpi in &self.kpis {
            if !filters.contains(&kpi.filter) {
                filters.push(kpi.filter.clone());
            }
        }
        filters
    }

    /// The evaluation from the folded tables, whose slots hold `measures`.
    fn finish(
        &self,
        frame: &Frame,
        formulas: &[Formula],
        tables: &Tables,
        measures: &[String],
        options: &EvaluationOptions,
    ) -> Result<Evaluation> {
        let mut kpis = Vec::new();
        for (kpi, formula) in self.kpis.iter().zip(formulas) {
            // Every KPI's filter was folded.
            let Some(table) = tables.get(&kpi.filter) else {
                continue;
            };
            let targets = self.period_targets(kpi, formula, frame)?;
            let node_targets = match (&targets, &options.cascade) {
                (Some(t), Some(tree)) => node_targets(t, tree, is_additive(formula))?,
                _ => HashMap::new(),
            };
            let pipeline = frame.pipeline(kpi, formula, options);
            for (i, node) in table.paths.iter().enumerate() {
                let mine = if node.is_empty() {
                    targets.as_deref()
                } else {
                    node_targets.get(node).map(Vec::as_slice)
                };
                let folds = NodeFolds {
                    table,
                    node: i,
                    measures,
                };
                let open = pipeline.as_ref().map(|p| p.get(node));
                kpis.push(frame.result(self, kpi, formula, node, folds, mine, open, options)?);
            }
        }
        let gaps = match tables.get(&BTreeMap::new()) {
            Some(table) => self.gaps(table, measures, &kpis),
            None => Vec::new(),
        };
        Ok(Evaluation {
            as_of: options.as_of,
            kpis,
            gaps,
            monitoring: None,
        })
    }

    /// Explains every node's revenue variance to date against a planned
    /// funnel: planned revenue is the node's expected-to-date target of the
    /// plan's revenue KPI (a `sum(revenue)` KPI without a filter), planned
    /// deal size is the baseline's revenue ÷ won deals, and planned
    /// conversion is the target of a `sum(won_deals) / sum(opportunities)`
    /// KPI, else the baseline's won deals ÷ opportunities.
    fn gaps(&self, table: &Table, measures: &[String], kpis: &[KpiResult]) -> Vec<NodeGap> {
        let is = |k: &&Kpi, text: &str| {
            k.filter.is_empty() && k.formula.split_whitespace().collect::<String>() == text
        };
        let Some(revenue_kpi) = self.kpis.iter().find(|k| is(k, "sum(revenue)")) else {
            return Vec::new();
        };
        let baseline = |m: &str| {
            self.baseline
                .as_ref()
                .and_then(|b| b.measures.get(m).copied())
        };
        let conversion = self
            .kpis
            .iter()
            .find(|k| is(k, "sum(won_deals)/sum(opportunities)"))
            .and_then(|k| k.target)
            .or_else(|| baseline("won_deals")?.checked_div(baseline("opportunities")?));
        let deal_size = baseline("revenue")
            .zip(baseline("won_deals"))
            .and_then(|(r, w)| r.checked_div(w));
        let (Some(c0), Some(s0)) = (conversion, deal_size) else {
            return Vec::new();
        };
        let expected: HashMap<&str, Decimal> = kpis
            .iter()
            .filter(|k| k.kpi == revenue_kpi.id.as_str())
            .filter_map(|k| Some((k.node.as_str(), k.expected?)))
            .collect();
        let mut out: Vec<NodeGap> = table
            .paths
            .iter()
            .enumerate()
            .filter_map(|(i, node)| {
                let expected = *expected.get(node.as_str())?;
                let total = table.total(i);
                let sum = |m: &str| slot(measures, m).map_or(Decimal::ZERO, |s| total[s].sum);
                let planned_won = expected.checked_div(s0)?;
                let planned = gap::Funnel {
                    leads: planned_won.checked_div(c0)?,
                    won: planned_won,
                    revenue: expected,
                };
                let actual = gap::Funnel {
                    leads: sum("opportunities"),
                    won: sum("won_deals"),
                    revenue: sum("revenue"),
                };
                let effects = gap::decompose(planned, actual).ok()?;
                Some(NodeGap {
                    node: node.clone(),
                    biggest: effects.biggest().to_owned(),
                    effects,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            a.effects
                .variance
                .cmp(&b.effects.variance)
                .then_with(|| a.node.cmp(&b.node))
        });
        out
    }

    /// Per-period targets of a KPI, when it has a target.
    fn period_targets(
        &self,
        kpi: &Kpi,
        formula: &Formula,
        frame: &Frame,
    ) -> Result<Option<Vec<Decimal>>> {
        let Some(total) = kpi.target else {
            if kpi.targets.is_empty() {
                return Ok(None);
            }
            return Ok(Some(
                frame
                    .names
                    .iter()
                    .map(|n| kpi.targets.get(n).copied().unwrap_or_default())
                    .collect(),
            ));
        };
        if !is_additive(formula) {
            return Ok(Some(
                frame
                    .names
                    .iter()
                    .map(|n| kpi.targets.get(n).copied().unwrap_or(total))
                    .collect(),
            ));
        }
        if !kpi.targets.is_empty() {
            return Ok(Some(
                frame
                    .names
                    .iter()
                    .map(|n| kpi.targets.get(n).copied().unwrap_or_default())
                    .collect(),
            ));
        }
        let seasonality = kpi
            .goal
            .as_ref()
            .and_then(|g| self.goal(g.as_str()))
            .map(|g| &g.seasonality);
        let weights: Vec<Decimal> = match seasonality {
            Some(s) if !s.is_empty() => frame
                .names
                .iter()
                .map(|n| s.get(n).copied().unwrap_or_default())
                .collect(),
            _ => self.even_weights(),
        };
        allocate(total, &weights, 2).map(Some)
    }
}

/// Period targets of every node of a cascade tree, by node id.
fn node_targets(
    company: &[Decimal],
    tree: &crate::decompose::Node,
    additive: bool,
) -> Result<HashMap<String, Vec<Decimal>>> {
    let mut out: HashMap<String, Vec<Decimal>> = HashMap::new();
    for target in company {
        let allocation = crate::decompose::cascade(*target, tree)?;
        let mut stack = vec![&allocation];
        while let Some(a) = stack.pop() {
            let value = if additive { a.target } else { *target };
            out.entry(a.id.clone()).or_default().push(value);
            stack.extend(a.children.iter());
        }
    }
    Ok(out)
}

pub(crate) fn is_additive(formula: &Formula) -> bool {
    matches!(
        formula,
        Formula::Measure {
            aggregate: Aggregate::Sum,
            ..
        }
    )
}

/// The plan's periods, as evaluation sees them.
struct Frame {
    as_of: NaiveDate,
    names: Vec<String>,
    starts: Vec<NaiveDate>,
    ends: Vec<NaiveDate>,
    plan_start: NaiveDate,
    plan_days: i64,
    /// Days the plan baseline covers (the plan's when it names no period).
    baseline_days: i64,
}

impl Frame {
    fn new(plan: &Plan, as_of: NaiveDate) -> Frame {
        let cal = plan.calendar();
        let periods: Vec<Period> = plan.periods();
        let plan_days = (plan.period.end - plan.period.start).num_days() + 1;
        Frame {
            as_of,
            names: periods.iter().map(Period::to_string).collect(),
            starts: periods
                .iter()
                .map(|p| cal.start(*p).max(plan.period.start))
                .collect(),
            ends: periods
                .iter()
                .map(|p| cal.end(*p).min(plan.period.end))
                .collect(),
            plan_start: plan.period.start,
            plan_days,
            baseline_days: plan
                .baseline
                .as_ref()
                .and_then(|b| cal.parse_period(b.period.as_deref()?).ok())
                .map_or(plan_days, |p| i64::from(cal.days(p))),
        }
    }

    /// Periods that have begun by `as_of`.
    fn open_periods(&self) -> usize {
        self.starts.partition_point(|s| *s <= self.as_of)
    }

    /// The open deals of every node for a KPI that reads revenue, when
    /// there is a pipeline.
    fn pipeline(
        &self,
        kpi: &Kpi,
        formula: &Formula,
        options: &EvaluationOptions,
    ) -> Option<OpenByNode> {
        let reads_revenue = matches!(formula, Formula::Measure { aggregate: Aggregate::Sum, measure, .. } if measure == "revenue");
        if !reads_revenue || options.pipeline.is_empty() {
            return None;
        }
        Some(OpenByNode::new(
            &options.pipeline,
            &kpi.filter,
            &options.hierarchy,
            self.as_of,
            *self.ends.last()?,
        ))
    }

    /// One KPI for one node. `open_deals` is the node's weighted open
    /// deals, for a KPI with a pipeline forecast.
    #[allow(clippy::too_many_arguments)]
    fn result(
        &self,
        plan: &Plan,
        kpi: &Kpi,
        formula: &Formula,
        node: &str,
        folds: NodeFolds<'_>,
        targets: Option<&[Decimal]>,
        open_deals: Option<Option<Decimal>>,
        options: &EvaluationOptions,
    ) -> Result<KpiResult> {
        let open = self.open_periods();
        // The formula over periods `first..=last`, whose folds are given.
        let value = |window: &[Fold], first: usize, last: usize| {
            let last_day = self.ends[last].min(self.as_of);
            let window = Window {
                plan,
                folds: window,
                measures: folds.measures,
                days: (last_day - self.starts[first]).num_days() + 1,
                baseline_days: self.baseline_days,
                depth: 0,
            };
            compute(formula, &window)
        };
        let direction = kpi.direction;
        let periods: Vec<PeriodResult> = (0..open)
            .map(|p| {
                let actual = value(folds.period(p), p, p);
                let target = targets.map(|t| t[p]);
                PeriodResult {
                    period: self.names[p].clone(),
                    target,
                    actual,
                    attainment: attain(direction, actual, target),
                }
            })
            .collect();
        let actual = value(folds.total(), 0, open - 1);
        let additive = is_additive(formula);
        let overflow = |what: &str| Error::Overflow {
            what: format!("KPI {}", kpi.id),
            message: format!(
                "the {what} of KPI {} is beyond what a decimal holds",
                kpi.id
            ),
        };
        let target = match targets {
            Some(t) if additive => Some(
                t.iter()
                    .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))
                    .ok_or_else(|| overflow("total of the period targets"))?,
            ),
            Some(_) => Some(kpi.target.unwrap_or_default()),
            None => None,
        };
        let expected = match targets {
            Some(t) if additive => Some(
                self.expected(t)
                    .ok_or_else(|| overflow("expected-to-date target"))?,
            ),
            _ => target,
        };
        let attainment = attain(direction, actual, expected);
        let elapsed = (self
            .as_of
            .min(self.ends.last().copied().unwrap_or(self.as_of))
            - self.plan_start)
            .num_days()
            + 1;
        let forecast_run_rate = if additive {
            actual.and_then(|a| {
                Some(
                    a.checked_mul(Decimal::from(self.plan_days))?
                        .checked_div(Decimal::from(elapsed))?
                        .round_dp(2),
                )
            })
        } else {
            actual
        };
        let completed: Vec<Decimal> = periods
            .iter()
            .enumerate()
            .filter(|(i, _)| self.ends[*i] <= self.as_of)
            .filter_map(|(_, p)| p.actual)
            .collect();
        let forecast_trend = if additive {
            trend_forecast(&completed, self.names.len())
        } else {
            None
        };
        let recent = &completed[completed.len().saturating_sub(options.trend_periods)..];
        // The actual plus the weighted deals of the node and the KPI's
        // filter that close after `as_of` and by the end of the plan.
        let forecast_pipeline = open_deals
            .and_then(|deals| Some(actual.unwrap_or_default().checked_add(deals?)?.round_dp(2)));
        Ok(KpiResult {
            kpi: kpi.id.to_string(),
            node: node.to_owned(),
            target,
            actual,
            expected,
            variance: actual.zip(expected).and_then(|(a, e)| a.checked_sub(e)),
            attainment,
            forecast_run_rate,
            forecast_trend,
            forecast_pipeline,
            status: status(kpi, actual, attainment),
            trend: slope(recent),
            periods,
        })
    }

    /// Σ targets of periods ended by `as_of`, plus the current period's
    /// target in proportion to its days elapsed.
    fn expected(&self, targets: &[Decimal]) -> Option<Decimal> {
        let mut sum = Decimal::ZERO;
        for (i, t) in targets.iter().enumerate() {
            if self.ends[i] <= self.as_of {
                sum = sum.checked_add(*t)?;
            } else if self.starts[i] <= self.as_of {
                let days = (self.ends[i] - self.starts[i]).num_days() + 1;
                let done = (self.as_of - self.starts[i]).num_days() + 1;
                sum = sum.checked_add(
                    t.checked_mul(Decimal::from(done))?
                        .checked_div(Decimal::from(days))?,
                )?;
            }
        }
        Some(sum.round_dp(2))
    }
}

/// A hierarchy names each tag once, and only tags the observations carry:
/// a misspelt tag would otherwise break nothing down without a word. With
/// no observations yet, any tags may be named.
fn check_hierarchy(empty: bool, dimensions: &[&str], hierarchy: &[String]) -> Result<()> {
    if empty {
        return Ok(());
    }
    for (i, name) in hierarchy.iter().enumerate() {
        let refused = |message: String| Error::InvalidArgument {
            name: "hierarchy".into(),
            message,
        };
        if hierarchy[..i].contains(name) {
            return Err(refused(format!("the tag `{name}` is named twice")));
        }
        if !dimensions.contains(&name.as_str()) {
            let known = if dimensions.is_empty() {
                "the observations have no tags".to_owned()
            } else {
                format!("their tags are {}", dimensions.join(", "))
            };
            return Err(refused(format!(
                "no observation is tagged `{name}`; {known}"
            )));
        }
    }
    Ok(())
}

/// The measures the gap analysis reads, folded whatever the formulas.
const GAP_MEASURES: [&str; 3] = ["revenue", "won_deals", "opportunities"];

/// What every pass over the actuals shares: the hierarchy's nodes, the
/// day → period table and the measures the formulas read.
struct Engine<'a> {
    actuals: &'a Actuals,
    hierarchy: &'a [String],
    periods: usize,
    nodes: Nodes,
    days: DayTable,
    slots: Slots,
}

impl<'a> Engine<'a> {
    fn new(
        actuals: &'a Actuals,
        frame: &Frame,
        formulas: &[Formula],
        options: &'a EvaluationOptions,
    ) -> Engine<'a> {
        Engine {
            actuals,
            hierarchy: &options.hierarchy,
            periods: frame.names.len(),
            nodes: Nodes::build(actuals, &options.hierarchy),
            days: DayTable::new(&frame.starts, &frame.ends, frame.as_of),
            slots: Slots::new(actuals, formulas),
        }
    }

    /// Folds the rows once for every distinct filter of `kpis`.
    fn fold(&self, plan: &Plan) -> Result<Tables> {
        let filters = plan.filters();
        let tables = self.pass(&filters).run()?;
        Ok(Tables {
            done: filters.into_iter().zip(tables).collect(),
        })
    }

    /// The pass folding the rows once for all of `filters`.
    fn pass(&self, filters: &[BTreeMap<String, String>]) -> Pass<'_> {
        let codes = filters
            .iter()
            .map(|filter| {
                filter
                    .iter()
                    .map(|(k, v)| {
                        Some((self.actuals.dimension(k)?.0, self.actuals.tag_code(k, v)?))
                    })
                    .collect::<Option<Vec<(&[u32], u32)>>>()
            })
            .collect();
        Pass {
            actuals: self.actuals,
            days: &self.days,
            periods: self.periods,
            slots: &self.slots,
            nodes: &self.nodes,
            hierarchy: self.hierarchy,
            filters: codes,
        }
    }
}

/// The folded tables, one per distinct KPI filter.
struct Tables {
    done: Vec<(BTreeMap<String, String>, Table)>,
}

impl Tables {
    /// The table of a filter that [`Engine::fold`] was given.
    fn get(&self, filter: &BTreeMap<String, String>) -> Option<&Table> {
        self.done.iter().find(|(f, _)| f == filter).map(|(_, t)| t)
    }
}

/// One node's folds in a table.
#[derive(Clone, Copy)]
struct NodeFolds<'a> {
    table: &'a Table,
    node: usize,
    measures: &'a [String],
}

impl<'a> NodeFolds<'a> {
    fn period(&self, p: usize) -> &'a [Fold] {
        self.table.period(self.node, p)
    }

    fn total(&self) -> &'a [Fold] {
        self.table.total(self.node)
    }
}

/// The observations of one node over a run of periods, as a formula sees
/// them.
struct Window<'a> {
    plan: &'a Plan,
    /// The folds of the run, by slot.
    folds: &'a [Fold],
    /// The measure of each slot.
    measures: &'a [String],
    /// Days the window covers (up to `as_of`).
    days: i64,
    /// Days the plan baseline covers.
    baseline_days: i64,
    /// How deep in `kpi(...)` references this computation is.
    depth: u8,
}

impl Source for Window<'_> {
    fn fold(&self, measure: &str) -> Fold {
        slot(self.measures, measure).map_or_else(Fold::default, |s| self.folds[s])
    }

    /// Another KPI on the same window; references deeper than eight (only
    /// possible in a plan with a formula cycle, which validation reports)
    /// are undefined.
    fn kpi(&self, id: &str) -> Option<Decimal> {
        if self.depth >= 8 {
            return None;
        }
        let formula = Formula::parse(&self.plan.kpi(id)?.formula).ok()?;
        compute(
            &formula,
            &Window {
                depth: self.depth + 1,
                ..*self
            },
        )
    }

    fn baseline(&self, measure: &str) -> Option<Decimal> {
        let value = *self.plan.baseline.as_ref()?.measures.get(measure)?;
        value
            .checked_mul(Decimal::from(self.days))?
            .checked_div(Decimal::from(self.baseline_days))
    }
}

/// The slot of a measure among the folded ones.
fn slot(measures: &[String], measure: &str) -> Option<usize> {
    measures.iter().position(|m| m == measure)
}

/// Direction-aware attainment: above 1 is good.
fn attain(
    direction: Direction,
    actual: Option<Decimal>,
    target: Option<Decimal>,
) -> Option<Decimal> {
    let (a, t) = (actual?, target?);
    let r = match direction {
        Direction::HigherIsBetter => a.checked_div(t)?,
        Direction::LowerIsBetter => t.checked_div(a)?,
    };
    Some(r.round_dp(4))
}

fn status(kpi: &Kpi, actual: Option<Decimal>, attainment: Option<Decimal>) -> Option<Status> {
    let (basis, on, off) = match &kpi.thresholds {
        Some(t) => (t.basis, t.on_track, t.off_track),
        None => (
            ThresholdBasis::Attainment,
            Decimal::new(95, 2),
            Decimal::new(85, 2),
        ),
    };
    let (v, higher) = match basis {
        ThresholdBasis::Attainment => (attainment?, true),
        ThresholdBasis::Value => (actual?, kpi.direction == Direction::HigherIsBetter),
    };
    let better_or_equal = |x: Decimal, y: Decimal| if higher { x >= y } else { x <= y };
    Some(if better_or_equal(v, on) {
        Status::OnTrack
    } else if better_or_equal(v, off) {
        Status::AtRisk
    } else {
        Status::OffTrack
    })
}

/// Least-squares slope of values at x = 0, 1, 2, …; `None` for fewer than two.
fn slope(values: &[Decimal]) -> Option<Decimal> {
    let n = Decimal::from(values.len());
    if values.len() < 2 {
        return None;
    }
    let mean_x = (n - Decimal::ONE) / Decimal::TWO;
    let mean_y = values
        .iter()
        .try_fold(Decimal::ZERO, |a, v| a.checked_add(*v))?
        .checked_div(n)?;
    let (mut sxy, mut sxx) = (Decimal::ZERO, Decimal::ZERO);
    for (i, y) in values.iter().enumerate() {
        let dx = Decimal::from(i) - mean_x;
        sxy = sxy.checked_add(dx.checked_mul(y.checked_sub(mean_y)?)?)?;
        sxx += dx * dx;
    }
    Some(sxy.checked_div(sxx)?.round_dp(4))
}

/// Completed periods as they are, the rest on the least-squares line.
fn trend_forecast(completed: &[Decimal], total_periods: usize) -> Option<Decimal> {
    let b = slope(completed)?;
    let n = Decimal::from(completed.len());
    let mean_x = (n - Decimal::ONE) / Decimal::TWO;
    let mean_y = completed.iter().sum::<Decimal>().checked_div(n)?;
    let mut total = completed.iter().sum::<Decimal>();
    for x in completed.len()..total_periods {
        let y = mean_y.checked_add(b.checked_mul(Decimal::from(x) - mean_x)?)?;
        total = total.checked_add(y.max(Decimal::ZERO))?;
    }
    Some(total.round_dp(2))
}

#[cfg(test)]
mod tests;
