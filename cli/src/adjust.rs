//! `salesplan propose`, `apply`, `diff` and `replay`: the adjustment loop
//! from the command line.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use salesplan::adjust::engine::Proposals;
use salesplan::adjust::{Change, History, Replay};
use salesplan::evaluate::EvaluationOptions;
use salesplan::Plan;

use crate::inputs;

/// Runs a command body: its error goes to stderr with exit status 2.
fn exit(result: Result<ExitCode, String>) -> ExitCode {
    result.unwrap_or_else(|message| {
        eprintln!("salesplan: {message}");
        ExitCode::from(2)
    })
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// What `propose` and `replay` evaluate.
pub(crate) struct Source<'a> {
    pub plan: &'a Path,
    pub actuals: &'a Path,
    pub pipeline: Option<&'a Path>,
    pub hierarchy: Vec<String>,
    pub lenient: bool,
}

impl Source<'_> {
    fn load(
        &self,
        as_of: NaiveDate,
    ) -> Result<(Plan, salesplan::actuals::Actuals, EvaluationOptions), String> {
        let plan = inputs::plan(self.plan)?;
        let actuals = inputs::actuals(&plan, self.actuals, self.lenient)?;
        let options = EvaluationOptions {
            hierarchy: self.hierarchy.clone(),
            pipeline: inputs::pipeline(self.pipeline)?,
            ..EvaluationOptions::as_of(as_of)
        };
        Ok((plan, actuals, options))
    }
}

/// `salesplan propose`: the rules against the evaluation as of a day.
pub(crate) fn propose(
    source: &Source<'_>,
    as_of: NaiveDate,
    history: Option<&Path>,
    as_json: bool,
) -> ExitCode {
    exit((|| {
        let (plan, actuals, options) = source.load(as_of)?;
        let accepted = match history {
            Some(path) => read_history(path)?.accepted(),
            None => Vec::new(),
        };
        let evaluation = plan
            .evaluate(&actuals, &options)
            .map_err(|e| e.to_string())?;
        let proposals = plan
            .propose(&evaluation, &accepted)
            .map_err(|e| e.to_string())?;
        if as_json {
            println!("{}", json(&proposals));
        } else {
            print!("{}", proposals_table(&proposals));
        }
        Ok(ExitCode::SUCCESS)
    })())
}

fn proposals_table(p: &Proposals) -> String {
    let mut out = format!("Proposals as of {}\n", p.as_of);
    if p.proposals.is_empty() {
        out.push_str("  none\n");
    }
    for proposal in &p.proposals {
        out.push_str(&format!(
            "\n{} (priority {})\n  {}\n  because {}\n",
            proposal.id, proposal.priority, proposal.name, proposal.explanation
        ));
        for action in &proposal.actions {
            out.push_str(&format!("  - {}: {}\n", action.kind(), action.summary()));
        }
    }
    for c in &p.conflicts {
        out.push_str(&format!(
            "\nconflict on {}: {}\n",
            c.target,
            c.proposals.join(", ")
        ));
    }
    for s in &p.suppressed {
        out.push_str(&format!("\nheld back {}: {}\n", s.rule, s.reason));
    }
    out
}

fn read_history(path: &Path) -> Result<History, String> {
    History::from_json(&inputs::read(path)?).map_err(inputs::at(path))
}

/// What `apply` was given.
pub(crate) struct ApplyArgs<'a> {
    pub plan: &'a Path,
    pub proposals: &'a Path,
    pub accept: Vec<String>,
    pub change: Change,
    pub actuals: Option<&'a Path>,
    pub output: Option<&'a Path>,
    pub history: Option<&'a Path>,
}

/// `salesplan apply`: accepted proposals into a new revision.
pub(crate) fn apply(args: &ApplyArgs<'_>) -> ExitCode {
    exit((|| {
        let plan = inputs::plan(args.plan)?;
        let text = inputs::read(args.proposals)?;
        let mut found: Proposals = serde_json::from_str(&text)
            .map_err(|e| format!("{}: {e}", args.proposals.display()))?;
        if !args.accept.is_empty() {
            for id in &args.accept {
                if !found.proposals.iter().any(|p| p.id == *id || p.rule == *id) {
                    return Err(format!("{}: no proposal {id}", args.proposals.display()));
                }
            }
            found
                .proposals
                .retain(|p| args.accept.iter().any(|id| *id == p.id || *id == p.rule));
        }
        // Re-phasing needs the evaluation the proposals came from.
        let evaluation = match args.actuals {
            Some(path) => {
                let actuals = inputs::actuals(&plan, path, false)?;
                Some(
                    plan.evaluate(&actuals, &EvaluationOptions::as_of(found.as_of))
                        .map_err(|e| e.to_string())?,
                )
            }
            None => None,
        };
        let revised = match plan.apply(&found.proposals, &args.change, evaluation.as_ref()) {
            Ok(r) => r,
            Err(salesplan::Error::Rejected { diagnostics }) => {
                eprintln!("salesplan: refused: the revision would make the plan invalid; nothing was written");
                for d in &diagnostics {
                    eprintln!("  {}[{}] {}: {}", d.severity, d.code, d.path, d.message);
                }
                return Ok(ExitCode::from(1));
            }
            Err(e) => return Err(e.to_string()),
        };
        // Everything is made in memory first; then each file is written
        // beside itself and renamed over the old one, so a refused or
        // failed step leaves every file as it was.
        let mut files: Vec<(&Path, String)> = Vec::new();
        if let Some(path) = args.history {
            let mut history = if path.exists() {
                read_history(path)?
            } else {
                History::new(plan.clone())
            };
            history.commit(&revised).map_err(|e| e.to_string())?;
            files.push((path, json(&history)));
        }
        let text = revised.plan.to_json();
        match args.output {
            Some(path) => files.push((path, text)),
            None => print!("{text}"),
        }
        crate::files::replace_all(&files)?;
        eprintln!(
            "revision {} (from {}): {} operation(s), {} proposal(s) by {}",
            revised.revision.number,
            revised.revision.parent,
            revised.revision.patch.len(),
            found.proposals.len(),
            revised.revision.author
        );
        Ok(ExitCode::SUCCESS)
    })())
}

/// `salesplan diff A B`: the JSON Patch from one plan to another.
pub(crate) fn diff(a: &Path, b: &Path) -> ExitCode {
    exit((|| {
        let (x, y) = (inputs::plan(a)?, inputs::plan(b)?);
        println!("{}", json(&Plan::diff(&x, &y)));
        Ok(ExitCode::SUCCESS)
    })())
}

/// `salesplan replay`: when each rule would have fired.
pub(crate) fn replay(source: &Source<'_>, until: Option<NaiveDate>, as_json: bool) -> ExitCode {
    exit((|| {
        let plan = inputs::plan(source.plan)?;
        let until = until.unwrap_or(plan.period.end);
        let (plan, actuals, options) = source.load(until)?;
        let replay = plan.replay(&actuals, &options).map_err(|e| e.to_string())?;
        if as_json {
            println!("{}", json(&replay));
        } else {
            print!("{}", replay_table(&replay));
        }
        Ok(ExitCode::SUCCESS)
    })())
}

fn replay_table(r: &Replay) -> String {
    let mut out = String::from("period    fired                          held back\n");
    for s in &r.steps {
        let fired: Vec<&str> = s.proposals.iter().map(|p| p.rule.as_str()).collect();
        let held: Vec<&str> = s.suppressed.iter().map(|p| p.rule.as_str()).collect();
        out.push_str(&format!(
            "{:<9} {:<30} {}\n",
            s.period,
            if fired.is_empty() {
                "—".to_owned()
            } else {
                fired.join(", ")
            },
            held.join(", ")
        ));
    }
    out.push('\n');
    for f in &r.first_fired {
        match f.as_of {
            Some(d) => out.push_str(&format!(
                "{} first fired as of {d}, {} time(s)\n",
                f.rule, f.times
            )),
            None => out.push_str(&format!("{} never fired\n", f.rule)),
        }
    }
    out
}
