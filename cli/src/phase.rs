//! `salesplan phase`: a goal's target split over the plan's periods —
//! months, quarters, ISO weeks or the months of a retail calendar.

use std::path::Path;
use std::process::ExitCode;

use salesplan::decompose::PeriodTarget;
use salesplan::units::format_money;

use crate::evaluate::Output;
use crate::inputs;

/// Prints the goal's period targets, one line each with its days and a
/// total, or as JSON; exit status 2 when the plan cannot be read or the
/// goal cannot be phased.
pub(crate) fn run(plan: &Path, goal: &str, format: Output) -> ExitCode {
    match phase(plan, goal) {
        Ok((currency, targets)) => {
            if format == Output::Json {
                let json = serde_json::to_string_pretty(&targets).unwrap_or_default();
                println!("{json}");
            } else {
                print!("{}", table(&currency, &targets));
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("salesplan: {message}");
            ExitCode::from(2)
        }
    }
}

fn phase(path: &Path, goal_id: &str) -> Result<(String, Vec<PeriodTarget>), String> {
    let plan = inputs::plan(path)?;
    let goal = plan
        .goal(goal_id)
        .ok_or_else(|| format!("{}: the plan has no goal {goal_id:?}", path.display()))?;
    let targets = plan.phase_goal(goal).map_err(inputs::at(path))?;
    Ok((plan.currency.as_str().to_owned(), targets))
}

/// `period  start – end  days  target`, then the total.
fn table(currency: &str, targets: &[PeriodTarget]) -> String {
    let width = targets.iter().map(|t| t.period.len()).max().unwrap_or(6);
    let mut out = String::new();
    let mut total = rust_decimal::Decimal::ZERO;
    for t in targets {
        let days = (t.end - t.start).num_days() + 1;
        total += t.target;
        out.push_str(&format!(
            "{:<width$}  {} – {}  {days:>3} d  {:>22}\n",
            t.period,
            t.start,
            t.end,
            format_money(t.target, currency)
        ));
    }
    let count = format!("{} periods", targets.len());
    out.push_str(&format!(
        "{:<width$}  {count:<32}{:>22}\n",
        "total",
        format_money(total, currency)
    ));
    out
}
