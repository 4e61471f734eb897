//! `salesplan evaluate`: KPIs against actuals as of a date.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use salesplan::actuals::LoadMode;
use salesplan::evaluate::{EvaluationOptions, KpiResult, Status};
use salesplan::units::{format_amount, format_percent, AmountFormat};
use salesplan::{Plan, Result};

use crate::scorecard;

/// How `evaluate` prints.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Output {
    /// A table for people.
    Table,
    /// The whole evaluation as JSON.
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

fn at(path: &Path) -> impl Fn(salesplan::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

fn read(path: &Path) -> std::result::Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn evaluate(args: &Args<'_>) -> std::result::Result<ExitCode, String> {
    let plan = Plan::from_json(&read(args.plan)?).map_err(at(args.plan))?;
    let text = read(args.actuals)?;
    let mode = if args.lenient {
        LoadMode::Lenient
    } else {
        LoadMode::Strict
    };
    let is_json = args
        .actuals
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let loaded: Result<_> = if is_json {
        plan.actuals_from_json(&text, mode)
    } else {
        plan.actuals_from_csv(&text, mode)
    };
    let report = loaded.map_err(at(args.actuals))?;
    for p in &report.problems {
        eprintln!(
            "{}: skipped row {} ({}): {}",
            args.actuals.display(),
            p.row,
            p.column,
            p.message
        );
    }
    let pipeline = match args.pipeline {
        Some(path) => salesplan::evaluate::deals_from_json(&read(path)?).map_err(at(path))?,
        None => Vec::new(),
    };
    let options = EvaluationOptions {
        pipeline,
        hierarchy: args.hierarchy.clone(),
        ..EvaluationOptions::as_of(args.as_of)
    };
    let evaluation = plan
        .evaluate(&report.actuals, &options)
        .map_err(|e| e.to_string())?;
    let cards = if args.scorecard {
        let rubrics = scorecard::rubrics(args.rubrics)?;
        Some(scorecard::scorecards(&plan, &evaluation, &rubrics)?)
    } else {
        None
    };
    match (args.format, cards) {
        (Output::Json, None) => println!(
            "{}",
            serde_json::to_string_pretty(&evaluation).unwrap_or_default()
        ),
        (Output::Json, Some(cards)) => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "evaluation": evaluation,
                "scorecards": cards,
            }))
            .unwrap_or_default()
        ),
        (Output::Table, cards) => {
            print!("{}", table(&plan, &evaluation.kpis, args.as_of));
            if let Some(cards) = cards {
                print!("{}", scorecard::table(&cards));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
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
