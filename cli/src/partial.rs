//! `salesplan fold` and `salesplan evaluate-partials`: actuals folded file
//! by file into partial evaluations, and partials merged and evaluated —
//! the evaluation of all their rows, without holding them all at once.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use salesplan::evaluate::{EvaluationOptions, Partial};

use crate::{evaluate, files, inputs};

/// What `fold` is given.
pub(crate) struct FoldArgs<'a> {
    pub plan: &'a Path,
    pub actuals: &'a Path,
    pub as_of: NaiveDate,
    pub hierarchy: Vec<String>,
    pub batch: u64,
    pub lenient: bool,
    pub output: &'a Path,
}

/// Folds one actuals file and writes the partial's bytes.
pub(crate) fn fold(args: &FoldArgs<'_>) -> ExitCode {
    finish((|| {
        let plan = inputs::plan(args.plan)?;
        let actuals = inputs::actuals(&plan, args.actuals, args.lenient)?;
        let options = EvaluationOptions {
            hierarchy: args.hierarchy.clone(),
            ..EvaluationOptions::as_of(args.as_of)
        };
        let partial = plan
            .fold(&actuals, &options, args.batch)
            .map_err(|e| e.to_string())?;
        let bytes = partial.to_bytes();
        files::replace_all(&[(args.output, &bytes)])?;
        eprintln!(
            "salesplan: folded {} rows into {} ({} bytes, {} nodes)",
            partial.rows(),
            args.output.display(),
            bytes.len(),
            partial.nodes()
        );
        Ok(ExitCode::SUCCESS)
    })())
}

/// What `evaluate-partials` is given.
pub(crate) struct EvaluateArgs<'a> {
    pub plan: &'a Path,
    pub partials: &'a [PathBuf],
    pub pipeline: Option<&'a Path>,
    pub format: evaluate::Output,
}

/// Merges the partials, evaluates the merge and prints it as `evaluate`
/// does.
pub(crate) fn evaluate(args: &EvaluateArgs<'_>) -> ExitCode {
    finish((|| {
        let plan = inputs::plan(args.plan)?;
        let mut merged: Option<Partial> = None;
        for path in args.partials {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let partial = Partial::from_bytes(&bytes).map_err(inputs::at(path))?;
            match &mut merged {
                Some(m) => m.merge(&partial).map_err(inputs::at(path))?,
                None => merged = Some(partial),
            }
        }
        let merged = merged.ok_or("no partial to evaluate")?;
        let options = EvaluationOptions {
            hierarchy: merged.hierarchy().to_vec(),
            pipeline: inputs::pipeline(args.pipeline)?,
            ..EvaluationOptions::as_of(merged.as_of())
        };
        let evaluation = plan
            .evaluate_partial(&merged, &options)
            .map_err(|e| e.to_string())?;
        evaluate::print(&plan, &evaluation, None, args.format);
        Ok(ExitCode::SUCCESS)
    })())
}

fn finish(result: Result<ExitCode, String>) -> ExitCode {
    result.unwrap_or_else(|message| {
        eprintln!("salesplan: {message}");
        ExitCode::from(2)
    })
}
