//! `salesplan snapshot` (one line of a forecast history) and `salesplan
//! accuracy` (how good the history's forecasts were at the close).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use salesplan::accuracy::{History, Snapshot};
use salesplan::evaluate::EvaluationOptions;
use salesplan::risk::SimulationOptions;

use crate::inputs;

/// `salesplan accuracy`'s arguments.
#[derive(clap::Args)]
pub(crate) struct AccuracyArgs {
    /// The history: JSON Lines (one snapshot a line, as `snapshot` writes
    /// them) or a JSON document {"snapshots": [...]}.
    snapshots: PathBuf,
    /// The actuals to the close (CSV, or JSON by extension).
    actuals: PathBuf,
    /// The plan document (JSON); the case study by default.
    #[arg(long)]
    plan: Option<PathBuf>,
    /// The day of the close (YYYY-MM-DD); the plan's end by default.
    #[arg(long)]
    close: Option<NaiveDate>,
    /// Dimensions of the closing evaluation (region,team); by default
    /// those of the snapshots' nodes.
    #[arg(long, value_delimiter = ',')]
    hierarchy: Option<Vec<String>>,
    /// Skip bad rows of the actuals (reported on stderr) instead of refusing them.
    #[arg(long)]
    lenient: bool,
}

/// `salesplan snapshot`'s arguments.
#[derive(clap::Args)]
pub(crate) struct SnapshotArgs {
    /// The plan document (JSON).
    plan: PathBuf,
    /// The actuals (CSV, or JSON by extension).
    actuals: PathBuf,
    /// The day of the snapshot (YYYY-MM-DD).
    #[arg(long)]
    as_of: NaiveDate,
    /// Dimensions to break the company down by, top first (region,team,rep).
    #[arg(long, value_delimiter = ',')]
    hierarchy: Vec<String>,
    /// Open deals (JSON array) for the pipeline forecast and the simulation.
    #[arg(long)]
    pipeline: Option<PathBuf>,
    /// Also simulate the first revenue goal and keep its P10, P50 and P90.
    #[arg(long)]
    simulate: bool,
    /// Trials of the simulation.
    #[arg(long, default_value_t = 10_000)]
    trials: u32,
    /// Seed of the simulation.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Skip bad rows of the actuals (reported on stderr) instead of refusing them.
    #[arg(long)]
    lenient: bool,
}

/// Prints one snapshot as a line of JSON Lines, to append to a history.
pub(crate) fn snapshot(args: &SnapshotArgs) -> ExitCode {
    let run = || -> Result<String, String> {
        let plan = inputs::plan(&args.plan)?;
        let actuals = inputs::actuals(&plan, &args.actuals, args.lenient)?;
        let pipeline = inputs::pipeline(args.pipeline.as_deref())?;
        let options = EvaluationOptions {
            hierarchy: args.hierarchy.clone(),
            pipeline: pipeline.clone(),
            ..EvaluationOptions::as_of(args.as_of)
        };
        let evaluation = plan.evaluate(&actuals, &options).map_err(at)?;
        let simulations = if args.simulate {
            let options = SimulationOptions {
                trials: args.trials,
                seed: args.seed,
                ..SimulationOptions::as_of(args.as_of)
            };
            vec![plan.simulate(&actuals, &pipeline, &options).map_err(at)?]
        } else {
            Vec::new()
        };
        let snapshot = Snapshot::new(&plan, &evaluation, &simulations).map_err(at)?;
        Ok(snapshot.to_json_line())
    };
    finish(run().map(|line| print!("{line}")))
}

/// Evaluates the actuals as of the close and prints the accuracy as JSON.
pub(crate) fn accuracy(args: &AccuracyArgs) -> ExitCode {
    let run = || -> Result<String, String> {
        let plan = match &args.plan {
            Some(path) => inputs::plan(path)?,
            None => salesplan::example_plan(),
        };
        let history = History::from_text(&inputs::read(&args.snapshots)?)
            .map_err(inputs::at(&args.snapshots))?;
        let actuals = inputs::actuals(&plan, &args.actuals, args.lenient)?;
        let options = EvaluationOptions {
            hierarchy: args
                .hierarchy
                .clone()
                .unwrap_or_else(|| history.hierarchy()),
            ..EvaluationOptions::as_of(args.close.unwrap_or(plan.period.end))
        };
        let closing = plan.evaluate(&actuals, &options).map_err(at)?;
        let accuracy = plan
            .accuracy(&history, &closing)
            .map_err(inputs::at(&args.snapshots))?;
        Ok(serde_json::to_string_pretty(&accuracy).unwrap_or_default())
    };
    finish(run().map(|text| println!("{text}")))
}

fn at(e: salesplan::Error) -> String {
    format!("[{}] {e}", e.code())
}

fn finish(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("salesplan: {message}");
            ExitCode::from(2)
        }
    }
}
