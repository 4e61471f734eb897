//! `salesplan`: check sales action plans from the command line.

mod check;
mod demo;
mod evaluate;
mod funnel;
mod scorecard;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Sales action plans (销售行动计划) as data: check them, see them.
#[derive(Parser)]
#[command(name = "salesplan", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show the embedded case study: sections, headline numbers, validation.
    Demo,
    /// Validate plan files and print every diagnostic.
    ///
    /// Exit status: 0 when no file has errors, 1 when any has, 2 when a file
    /// cannot be read or parsed.
    Check {
        /// Plan documents (JSON).
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Evaluate a plan's KPIs against actuals as of a date: target,
    /// expected to date, actual, attainment, status, forecast and trend.
    ///
    /// Actuals are CSV (date, measure, value, then tag columns) or, with a
    /// .json extension, a JSON array of observations. Exit status 2 when an
    /// input cannot be read.
    Evaluate {
        /// The plan document (JSON).
        plan: std::path::PathBuf,
        /// The actuals (CSV, or JSON by extension).
        actuals: std::path::PathBuf,
        /// The day of the evaluation (YYYY-MM-DD).
        #[arg(long)]
        as_of: chrono::NaiveDate,
        /// Dimensions to break the company down by, top first (region,team,rep).
        #[arg(long, value_delimiter = ',')]
        hierarchy: Vec<String>,
        /// Open deals (JSON array of {id, amount, probability, expected_close, tags}) for the pipeline forecast.
        #[arg(long)]
        pipeline: Option<std::path::PathBuf>,
        /// Skip bad rows of the actuals (reported on stderr) instead of refusing them.
        #[arg(long)]
        lenient: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = evaluate::Output::Table)]
        format: evaluate::Output,
        /// Also score the company, each goal owner and each node (a table
        /// after the KPIs; with --format json, {"evaluation", "scorecards"}).
        #[arg(long)]
        scorecard: bool,
        /// Rubric scores for the scorecards (JSON array of {criterion, score, reviewer, owner?, node?, weight?}).
        #[arg(long, requires = "scorecard")]
        rubrics: Option<std::path::PathBuf>,
    },
    /// Work back from a revenue target to the deals, opportunities and
    /// leads it takes. Amounts accept 万/亿 (1.2亿, 20万).
    Funnel {
        /// The revenue target.
        #[arg(long)]
        target: String,
        /// The average won deal.
        #[arg(long)]
        deal_size: String,
        /// Share of opportunities won (0.28).
        #[arg(long)]
        win_rate: String,
        /// Share of leads that become opportunities (0.1).
        #[arg(long)]
        lead_rate: String,
    },
    /// Print the JSON Schema of the plan document.
    Schema,
    /// Print the case-study plan document.
    Example,
    /// Read amounts written with 万/亿 or digit grouping and print them exactly.
    Amount {
        /// Amounts such as 1.2亿, 3,500万 or 1亿2000万.
        #[arg(required = true)]
        amounts: Vec<String>,
    },
}

/// How `check` prints.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// One line per diagnostic, then a count per file.
    Human,
    /// A JSON array of {file, severity, code, path, message}.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Demo => demo::run(),
        Command::Check { files, format } => check::run(&files, format),
        Command::Evaluate {
            plan,
            actuals,
            as_of,
            hierarchy,
            pipeline,
            lenient,
            format,
            scorecard,
            rubrics,
        } => evaluate::run(&evaluate::Args {
            plan: &plan,
            actuals: &actuals,
            as_of,
            hierarchy,
            pipeline: pipeline.as_deref(),
            lenient,
            format,
            scorecard,
            rubrics: rubrics.as_deref(),
        }),
        Command::Funnel {
            target,
            deal_size,
            win_rate,
            lead_rate,
        } => funnel::run(&target, &deal_size, &win_rate, &lead_rate),
        Command::Schema => {
            print!("{}", salesplan::plan_schema_json());
            ExitCode::SUCCESS
        }
        Command::Example => {
            print!("{}", salesplan::EXAMPLE_PLAN_JSON);
            ExitCode::SUCCESS
        }
        Command::Amount { amounts } => amount(&amounts),
    }
}

fn amount(inputs: &[String]) -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for input in inputs {
        match salesplan::parse_amount(input) {
            Ok(v) => println!("{input}\t{v}\t{}", salesplan::units::format_amount_auto(v)),
            Err(e) => {
                eprintln!("salesplan: {e}");
                status = ExitCode::from(2);
            }
        }
    }
    status
}
