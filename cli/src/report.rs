//! `salesplan report`: the plan review as of a day, as one HTML file or as
//! Markdown, in Chinese or English.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use salesplan::evaluate::EvaluationOptions;
use salesplan::report::{Format, Lang, ReportOptions, ReviewOptions};
use salesplan::risk::SimulationOptions;

use crate::{files, inputs};

/// What `report` is given.
pub(crate) struct Args<'a> {
    pub plan: &'a Path,
    pub actuals: &'a Path,
    pub as_of: NaiveDate,
    pub hierarchy: Vec<String>,
    pub pipeline: Option<&'a Path>,
    pub lang: Lang,
    pub format: Format,
    pub trials: u32,
    pub seed: u64,
    pub no_simulation: bool,
    pub lenient: bool,
    pub output: Option<&'a Path>,
}

/// Writes the review to the output file, or prints it.
pub(crate) fn run(args: &Args<'_>) -> ExitCode {
    match review(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("salesplan: {message}");
            ExitCode::from(2)
        }
    }
}

fn review(args: &Args<'_>) -> Result<ExitCode, String> {
    let plan = inputs::plan(args.plan)?;
    let actuals = inputs::actuals(&plan, args.actuals, args.lenient)?;
    let options = ReviewOptions {
        evaluation: EvaluationOptions {
            hierarchy: args.hierarchy.clone(),
            pipeline: inputs::pipeline(args.pipeline)?,
            ..EvaluationOptions::as_of(args.as_of)
        },
        simulation: (!args.no_simulation).then(|| SimulationOptions {
            trials: args.trials,
            seed: args.seed,
            ..SimulationOptions::as_of(args.as_of)
        }),
        report: ReportOptions {
            lang: args.lang,
            format: args.format,
        },
    };
    let text = plan.review(&actuals, &options).map_err(|e| e.to_string())?;
    match args.output {
        Some(path) => {
            files::replace_all(&[(path, &text)])?;
            eprintln!("salesplan: wrote {} ({} bytes)", path.display(), text.len());
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// `--lang` as clap reads it.
pub(crate) fn lang(text: &str) -> Result<Lang, String> {
    text.parse().map_err(|e: salesplan::Error| e.to_string())
}

/// `--format` as clap reads it.
pub(crate) fn format(text: &str) -> Result<Format, String> {
    text.parse().map_err(|e: salesplan::Error| e.to_string())
}
