//! `salesplan`: check sales action plans from the command line.

mod accuracy;
mod adjust;
mod check;
mod demo;
mod evaluate;
mod files;
mod funnel;
mod inputs;
mod monitor;
mod partial;
mod phase;
mod report;
mod risk;
mod scorecard;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Sales action plans (销售行动计划) as data: check them, see them.
#[derive(Parser)]
#[command(name = "salesplan", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Exchange rates (CSV `date,from,to,rate`, or a JSON array by
    /// extension) for rows of the actuals in other currencies than the
    /// plan's; for the commands that read actuals.
    #[arg(long, global = true, value_name = "FILE")]
    rates: Option<std::path::PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Show the embedded case study: sections, headline numbers, validation.
    Demo,
    /// Validate plan files and print every diagnostic (`validate` is the
    /// same verb, named as the libraries name it).
    ///
    /// Exit status: 0 when no file has errors, 1 when any has, 2 when a file
    /// cannot be read or parsed.
    #[command(visible_alias = "validate")]
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
        /// Progress updates of the tasks (CSV date,task,status,progress,note; or JSON by extension):
        /// adds execution tracking, the critical path and milestone forecasts.
        #[arg(long)]
        updates: Option<std::path::PathBuf>,
        /// Resource actuals: `spend` rows tagged budget_line and `heads` rows tagged
        /// headcount (CSV, or JSON by extension): adds budget burn and capacity against plan.
        #[arg(long, visible_alias = "spend")]
        resources: Option<std::path::PathBuf>,
        /// A forecast accuracy (JSON, as `salesplan accuracy` prints it), for the
        /// forecast("K-REV").bias facts of rules and risk signals.
        #[arg(long)]
        accuracy: Option<std::path::PathBuf>,
    },
    /// Write the plan review (经营复盘) as of a day: headline, KPIs by
    /// node, the gap explained, risks, the simulation, the rules'
    /// proposals with what accepting them would change, tasks and budget —
    /// one self-contained HTML file or Markdown, in Chinese or English.
    ///
    /// Exit status 2 when an input cannot be read.
    Report {
        /// The plan document (JSON).
        plan: std::path::PathBuf,
        /// The actuals (CSV, or JSON by extension).
        actuals: std::path::PathBuf,
        /// The day of the review (YYYY-MM-DD).
        #[arg(long)]
        as_of: chrono::NaiveDate,
        /// Dimensions to break the company down by, top first (region,team,rep).
        #[arg(long, value_delimiter = ',')]
        hierarchy: Vec<String>,
        /// Open deals (JSON array) for the pipeline forecast and the simulation.
        #[arg(long)]
        pipeline: Option<std::path::PathBuf>,
        /// Language: zh or en.
        #[arg(long, default_value = "zh", value_parser = report::lang)]
        lang: salesplan::report::Lang,
        /// Format: html or md.
        #[arg(long, default_value = "html", value_parser = report::format)]
        format: salesplan::report::Format,
        /// Trials of the simulation.
        #[arg(long, default_value_t = 10_000)]
        trials: u32,
        /// Seed of the simulation.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Leave the simulation out.
        #[arg(long)]
        no_simulation: bool,
        /// Skip bad rows of the actuals (reported on stderr) instead of refusing them.
        #[arg(long)]
        lenient: bool,
        /// Where to write it (printed when not given).
        #[arg(short, long)]
        output: Option<std::path::PathBuf>,
    },
    /// Fold one actuals file into a partial evaluation (bytes), to merge
    /// and evaluate with others' by `evaluate-partials`: actuals split
    /// into many files evaluate as all their rows at once.
    ///
    /// Exit status 2 when an input cannot be read.
    Fold {
        /// The plan document (JSON).
        plan: std::path::PathBuf,
        /// The actuals (CSV, or JSON by extension).
        actuals: std::path::PathBuf,
        /// The day the evaluation will be made (YYYY-MM-DD).
        #[arg(long)]
        as_of: chrono::NaiveDate,
        /// Dimensions to break the company down by, top first (region,team,rep).
        #[arg(long, value_delimiter = ',')]
        hierarchy: Vec<String>,
        /// The file's place among the others (0, 1, 2, ... in the order of
        /// the rows): it decides the order of the nodes and of ties.
        #[arg(long, default_value_t = 0)]
        batch: u64,
        /// Skip bad rows of the actuals (reported on stderr) instead of refusing them.
        #[arg(long)]
        lenient: bool,
        /// Where to write the partial.
        #[arg(short, long)]
        output: std::path::PathBuf,
    },
    /// Merge partial evaluations (from `fold`) and evaluate them: the same
    /// output as `evaluate` over all their rows, as of their day, by their
    /// hierarchy.
    ///
    /// Exit status 2 when a partial cannot be read or the partials were
    /// folded for different plans, days or hierarchies.
    EvaluatePartials {
        /// The plan document (JSON).
        plan: std::path::PathBuf,
        /// The partials, in any order.
        #[arg(required = true)]
        partials: Vec<std::path::PathBuf>,
        /// Open deals (JSON array) for the pipeline forecast.
        #[arg(long)]
        pipeline: Option<std::path::PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = evaluate::Output::Table)]
        format: evaluate::Output,
    },
    /// Simulate the chance of reaching a goal's target: closed actuals to
    /// date, the open pipeline and new business fitted from the actuals.
    ///
    /// Seeded: the same seed gives the same numbers on any machine and in
    /// every language. Exit status 2 when an input cannot be read or an
    /// option is refused.
    Simulate {
        /// The plan document (JSON).
        plan: std::path::PathBuf,
        /// The actuals (CSV, or JSON by extension); without them nothing is
        /// closed and new business cannot be fitted.
        actuals: Option<std::path::PathBuf>,
        /// Open deals (JSON array of {id, amount, probability, expected_close, amount_low?, amount_high?, tags?}).
        #[arg(long)]
        pipeline: Option<std::path::PathBuf>,
        /// The day of the simulation (YYYY-MM-DD).
        #[arg(long)]
        as_of: chrono::NaiveDate,
        /// The goal; by default the first revenue goal without a segment.
        #[arg(long)]
        goal: Option<String>,
        /// The amount to reach instead of the goal's target (accepts 万/亿).
        #[arg(long)]
        target: Option<String>,
        /// Number of trials.
        #[arg(long, default_value_t = 10_000)]
        trials: u32,
        /// Seed of the random streams.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Leave out new business: the open pipeline is all there is.
        #[arg(long)]
        no_new_business: bool,
        /// New business closes only after this day (YYYY-MM-DD).
        #[arg(long)]
        new_business_from: Option<chrono::NaiveDate>,
        /// Put the pipeline on top of the run rate instead of inside it.
        #[arg(long)]
        pipeline_on_top: bool,
        /// Histogram bins.
        #[arg(long, default_value_t = 20)]
        bins: u32,
        /// Threads (0: every core); the result does not depend on it.
        #[arg(long, default_value_t = 0)]
        threads: u32,
        /// Skip bad rows of the actuals (reported on stderr) instead of refusing them.
        #[arg(long)]
        lenient: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = evaluate::Output::Table)]
        format: evaluate::Output,
    },
    /// Run the plan's rules against the evaluation as of a day and print
    /// what they propose, why, and any conflicts or cooldowns.
    Propose {
        /// The plan document (JSON).
        plan: std::path::PathBuf,
        /// The actuals (CSV, or JSON by extension).
        actuals: std::path::PathBuf,
        /// The day of the evaluation (YYYY-MM-DD).
        #[arg(long)]
        as_of: chrono::NaiveDate,
        /// A revision history (from `apply --history`) whose accepted
        /// proposals start cooldowns.
        #[arg(long)]
        history: Option<std::path::PathBuf>,
        /// Dimensions to break the company down by (region,team).
        #[arg(long, value_delimiter = ',')]
        hierarchy: Vec<String>,
        /// Open deals for the pipeline forecast.
        #[arg(long)]
        pipeline: Option<std::path::PathBuf>,
        /// Skip bad rows of the actuals instead of refusing them.
        #[arg(long)]
        lenient: bool,
        /// Output format (json is what `apply` reads).
        #[arg(long, value_enum, default_value_t = evaluate::Output::Table)]
        format: evaluate::Output,
    },
    /// Accept proposals (from `propose --format json`) into a new revision
    /// of the plan, written to --output or stdout.
    ///
    /// The new plan is validated first: if it would have errors, nothing is
    /// written and the diagnostics go to stderr (exit status 1).
    Apply {
        /// The plan document the proposals were made for.
        plan: std::path::PathBuf,
        /// The proposals (JSON from `propose --format json`).
        proposals: std::path::PathBuf,
        /// Proposal or rule ids to accept (default: all).
        #[arg(long, value_delimiter = ',')]
        accept: Vec<String>,
        /// Who accepts them.
        #[arg(long)]
        author: String,
        /// Why.
        #[arg(long)]
        reason: String,
        /// When (RFC 3339, 2026-07-03T09:00:00+08:00).
        #[arg(long)]
        at: String,
        /// The actuals the proposals were evaluated on (needed to re-phase).
        #[arg(long)]
        actuals: Option<std::path::PathBuf>,
        /// Where to write the new plan.
        #[arg(long, short)]
        output: Option<std::path::PathBuf>,
        /// A revision history to append to (created from PLAN if absent).
        #[arg(long)]
        history: Option<std::path::PathBuf>,
    },
    /// Print the JSON Patch (RFC 6902) from one plan to another.
    Diff {
        /// The plan before.
        from: std::path::PathBuf,
        /// The plan after.
        to: std::path::PathBuf,
    },
    /// Replay the rules over historical actuals period by period: when
    /// would each have fired, and what would it have proposed?
    Replay {
        /// The plan document (JSON).
        plan: std::path::PathBuf,
        /// The actuals (CSV, or JSON by extension).
        actuals: std::path::PathBuf,
        /// The last day to replay to (default: the plan's end).
        #[arg(long)]
        until: Option<chrono::NaiveDate>,
        /// Dimensions to break the company down by.
        #[arg(long, value_delimiter = ',')]
        hierarchy: Vec<String>,
        /// Skip bad rows of the actuals instead of refusing them.
        #[arg(long)]
        lenient: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = evaluate::Output::Table)]
        format: evaluate::Output,
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
    /// Print one snapshot of the evaluation (and, with --simulate, the
    /// simulation's percentiles) as a line of JSON Lines, to append to a
    /// forecast history: `salesplan snapshot ... >> history.jsonl`.
    Snapshot(accuracy::SnapshotArgs),
    /// Score a forecast history against the actuals at the close: per KPI,
    /// node and method the errors, MAPE, WAPE, bias, coverage and
    /// waterfall, as JSON. Exit status 2 when an input cannot be read or
    /// the history is refused.
    Accuracy(accuracy::AccuracyArgs),
    /// Split a goal's target over the plan's periods — months, quarters,
    /// ISO weeks or a retail calendar's months — to the cent: by its
    /// seasonality, else evenly (by days for weeks and retail periods).
    ///
    /// Exit status 2 when the plan cannot be read or the goal cannot be
    /// phased.
    Phase {
        /// The plan document (JSON).
        plan: std::path::PathBuf,
        /// The goal's id (G-REV).
        goal: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = evaluate::Output::Table)]
        format: evaluate::Output,
    },
    /// Print a JSON Schema: of the plan document (the default), of every
    /// output, or of every option object and input value.
    Schema {
        /// Which schema.
        #[arg(value_enum, default_value_t = SchemaKind::Plan)]
        kind: SchemaKind,
    },
    /// Print the case-study plan document.
    Example,
    /// Read amounts written with 万/亿 or digit grouping and print them exactly.
    Amount {
        /// Amounts such as 1.2亿, 3,500万 or 1亿2000万.
        #[arg(required = true)]
        amounts: Vec<String>,
    },
}

impl Command {
    /// Whether the command reads actuals (and so takes `--rates`).
    fn reads_actuals(&self) -> bool {
        matches!(
            self,
            Command::Evaluate { .. }
                | Command::Report { .. }
                | Command::Fold { .. }
                | Command::Simulate { .. }
                | Command::Propose { .. }
                | Command::Apply { .. }
                | Command::Replay { .. }
        )
    }
}

/// How `check` prints.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// One line per diagnostic, then a count per file.
    Human,
    /// A JSON array of {file, severity, code, path, message}.
    Json,
}

/// Which schema `schema` prints.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SchemaKind {
    /// The plan document (`schema/plan.schema.json`).
    Plan,
    /// Every output (`schema/outputs.schema.json`).
    Outputs,
    /// Every option object and input value (`schema/options.schema.json`).
    Options,
}

fn main() -> ExitCode {
    quiet_on_closed_output();
    let cli = Cli::parse();
    if let Some(rates) = cli.rates {
        if let Err(message) = inputs::use_rates(rates, cli.command.reads_actuals()) {
            eprintln!("salesplan: {message}");
            return ExitCode::from(2);
        }
    }
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
            updates,
            resources,
            accuracy,
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
            updates: updates.as_deref(),
            resources: resources.as_deref(),
            accuracy: accuracy.as_deref(),
        }),
        Command::Report {
            plan,
            actuals,
            as_of,
            hierarchy,
            pipeline,
            lang,
            format,
            trials,
            seed,
            no_simulation,
            lenient,
            output,
        } => report::run(&report::Args {
            plan: &plan,
            actuals: &actuals,
            as_of,
            hierarchy,
            pipeline: pipeline.as_deref(),
            lang,
            format,
            trials,
            seed,
            no_simulation,
            lenient,
            output: output.as_deref(),
        }),
        Command::Fold {
            plan,
            actuals,
            as_of,
            hierarchy,
            batch,
            lenient,
            output,
        } => partial::fold(&partial::FoldArgs {
            plan: &plan,
            actuals: &actuals,
            as_of,
            hierarchy,
            batch,
            lenient,
            output: &output,
        }),
        Command::EvaluatePartials {
            plan,
            partials,
            pipeline,
            format,
        } => partial::evaluate(&partial::EvaluateArgs {
            plan: &plan,
            partials: &partials,
            pipeline: pipeline.as_deref(),
            format,
        }),
        Command::Simulate {
            plan,
            actuals,
            pipeline,
            as_of,
            goal,
            target,
            trials,
            seed,
            no_new_business,
            new_business_from,
            pipeline_on_top,
            bins,
            threads,
            lenient,
            format,
        } => {
            let target = match target.as_deref().map(salesplan::parse_amount) {
                Some(Err(e)) => {
                    eprintln!("salesplan: --target: {e}");
                    return ExitCode::from(2);
                }
                Some(Ok(t)) => Some(t),
                None => None,
            };
            let options = salesplan::risk::SimulationOptions {
                goal,
                target,
                trials,
                seed,
                new_business: if no_new_business {
                    salesplan::risk::simulate::NewBusiness::None
                } else {
                    salesplan::risk::simulate::NewBusiness::Fit
                },
                new_business_from,
                net_of_pipeline: !pipeline_on_top,
                bins,
                threads,
                ..salesplan::risk::SimulationOptions::as_of(as_of)
            };
            risk::simulate(&risk::SimulateArgs {
                plan: &plan,
                actuals: actuals.as_deref(),
                pipeline: pipeline.as_deref(),
                options,
                lenient,
                json: format == evaluate::Output::Json,
            })
        }
        Command::Propose {
            plan,
            actuals,
            as_of,
            history,
            hierarchy,
            pipeline,
            lenient,
            format,
        } => adjust::propose(
            &adjust::Source {
                plan: &plan,
                actuals: &actuals,
                pipeline: pipeline.as_deref(),
                hierarchy,
                lenient,
            },
            as_of,
            history.as_deref(),
            format == evaluate::Output::Json,
        ),
        Command::Apply {
            plan,
            proposals,
            accept,
            author,
            reason,
            at,
            actuals,
            output,
            history,
        } => adjust::apply(&adjust::ApplyArgs {
            plan: &plan,
            proposals: &proposals,
            accept,
            change: salesplan::adjust::Change { author, at, reason },
            actuals: actuals.as_deref(),
            output: output.as_deref(),
            history: history.as_deref(),
        }),
        Command::Diff { from, to } => adjust::diff(&from, &to),
        Command::Replay {
            plan,
            actuals,
            until,
            hierarchy,
            lenient,
            format,
        } => adjust::replay(
            &adjust::Source {
                plan: &plan,
                actuals: &actuals,
                pipeline: None,
                hierarchy,
                lenient,
            },
            until,
            format == evaluate::Output::Json,
        ),
        Command::Funnel {
            target,
            deal_size,
            win_rate,
            lead_rate,
        } => funnel::run(&target, &deal_size, &win_rate, &lead_rate),
        Command::Snapshot(args) => accuracy::snapshot(&args),
        Command::Accuracy(args) => accuracy::accuracy(&args),
        Command::Phase { plan, goal, format } => phase::run(&plan, &goal, format),
        Command::Schema { kind } => {
            print!(
                "{}",
                match kind {
                    SchemaKind::Plan => salesplan::plan_schema_json(),
                    SchemaKind::Outputs => salesplan::outputs_schema_json(),
                    SchemaKind::Options => salesplan::options_schema_json(),
                }
            );
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

/// Output cut short by its reader (`salesplan report ... | head`) ends the
/// program quietly with success, as other command-line tools do, instead
/// of a panic's message: printing to a closed pipe panics in Rust.
fn quiet_on_closed_output() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}
