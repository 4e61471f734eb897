//! `salesplan evaluate`: KPIs against actuals as of a date.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use salesplan::evaluate::{EvaluationOptions, KpiResult, Status};
use salesplan::units::{format_amount, format_percent, AmountFormat};
use salesplan::Plan;

use crate::{inputs, monitor, risk, scorecard};

/// How `evaluate` prints.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Output {
    /// A table for people.
    Table,
    /// `{"evaluation", "register"}` as JSON, with `"scorecards"` when asked.
    Json,
}

pub(crate) struct Args<'a> {
    pub plan: &'a Path,
    pub actuals: &'a Path,
    pub as_of: NaiveDate,
    pub hierarchy: Vec<String>,
    pub pipeline: Option<&'a Path>,
    pub lenient: bool,
    pub format: Output,
    pub scorecard: bool,
    pub rubrics: Option<&'a Path>,
    pub updates: Option<&'a Path>,
    pub resources: Option<&'a Path>,
    pub accuracy: Option<&'a Path>,
}

pub(crate) fn run(args: &Args<'_>) -> ExitCode {
    match evaluate(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("salesplan: {message}");
            ExitCode::from(2)
        }
    }
}

fn evaluate(args: &Args<'_>) -> std::result::Result<ExitCode, String> {
    let plan = inputs::plan(args.plan)?;
    let actuals = inputs::actuals(&plan, args.actuals, args.lenient)?;
    let pipeline = inputs::pipeline(args.pipeline)?;
    let options = EvaluationOptions {
        pipeline,
        hierarchy: args.hierarchy.clone(),
        ..EvaluationOptions::as_of(args.as_of)
    };
    let evaluation = plan
        .evaluate(&actuals, &options)
        .map_err(|e| e.to_string())?;
    let evaluation = monitor::monitored(
        &plan,
        evaluation,
        args.updates,
        args.resources,
        args.accuracy,
    )?;
    let cards = if args.scorecard {
        let rubrics = scorecard::rubrics(args.rubrics)?;
        Some(scorecard::scorecards(&plan, &evaluation, &rubrics)?)
    } else {
        None
    };
    print(&plan, &evaluation, cards, args.format);
    Ok(ExitCode::SUCCESS)
}

/// Prints an evaluation, the risk register it scores and the scorecards
/// when there are any.
pub(crate) fn print(
    plan: &Plan,
    evaluation: &salesplan::evaluate::Evaluation,
    cards: Option<Vec<salesplan::evaluate::scorecard::Scorecard>>,
    format: Output,
) {
    let register = plan.risk_register(Some(evaluation));
    match format {
        Output::Json => {
            let mut out = serde_json::json!({
                "evaluation": evaluation,
                "register": register,
            });
            if let Some(cards) = cards {
                out["scorecards"] = serde_json::json!(cards);
            }
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Output::Table => {
            print!("{}", table(plan, &evaluation.kpis, evaluation.as_of));
            if let Some(m) = &evaluation.monitoring {
                print!("{}", monitor::table(m));
            }
            print!("{}", risk::table(&register));
            if let Some(cards) = cards {
                print!("{}", scorecard::table(&cards));
            }
        }
    }
}

fn show(plan: &Plan, kpi: &str, v: Option<Decimal>) -> String {
    let Some(v) = v else { return "—".into() };
    match plan.kpi(kpi).map(|k| k.unit) {
        Some(salesplan::plan::KpiUnit::Money) if v.abs() >= Decimal::from(10_000) => format_amount(
            v,
            &AmountFormat {
                max_decimals: 2,
                ..AmountFormat::default()
            },
        ),
        Some(salesplan::plan::KpiUnit::Ratio) => format_percent(v, 1),
        _ => v.round_dp(2).normalize().to_string(),
    }
}

fn table(plan: &Plan, results: &[KpiResult], as_of: NaiveDate) -> String {
    let mut out = format!("{} — evaluation as of {as_of}\n\n", plan.name);
    out.push_str(&format!(
        "{:<12} {:<16} {:>10} {:>10} {:>10} {:>8}  {:<9} {:>10} {:>10} {:>10}\n",
        "KPI",
        "node",
        "target",
        "expected",
        "actual",
        "attain.",
        "status",
        "run rate",
        "pipeline",
        "trend"
    ));
    for r in results {
        let status = match r.status {
            Some(Status::OnTrack) => "on track",
            Some(Status::AtRisk) => "at risk",
            Some(Status::OffTrack) => "off track",
            None => "—",
        };
        let node = if r.node.is_empty() {
            "company"
        } else {
            &r.node
        };
        out.push_str(&format!(
            "{:<12} {:<16} {:>10} {:>10} {:>10} {:>8}  {:<9} {:>10} {:>10} {:>10}\n",
            r.kpi,
            node,
            show(plan, &r.kpi, r.target),
            show(plan, &r.kpi, r.expected),
            show(plan, &r.kpi, r.actual),
            r.attainment.map_or("—".into(), |a| format_percent(a, 1)),
            status,
            show(plan, &r.kpi, r.forecast_run_rate),
            show(plan, &r.kpi, r.forecast_pipeline),
            show(plan, &r.kpi, r.trend),
        ));
    }
    out
}
