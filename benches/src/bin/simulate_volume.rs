//! Simulation at high deal volume: new business fitted from actuals with
//! about a million won deals a year.
//!
//! Builds, on the case-study plan, actuals for the six months completed by
//! 2026-06-30: `REPS` reps a month, each with a `revenue` and a `won_deals`
//! row, `DEALS` won deals a month in all (83,000 by default, about a
//! million a year) and a mean deal size that differs by rep and month, so
//! that the fitted size spread is not zero. Then times `Plan::simulate`
//! with new business fitted, the case-study pipeline and the plan's
//! target: once with a single trial (fitting and setup alone) and `RUNS`
//! times with `TRIALS` trials. Prints one JSON line with every run's
//! seconds, the fit and the result.
//!
//! Usage: `simulate_volume [RUNS] [TRIALS] [DEALS] [REPS] [THREADS]`
//! (defaults: 5 runs, 10,000 trials, 83,000 deals a month, 1,000 reps,
//! every core).
//!
//! Measured on a loaded 2-core machine with the defaults (12,000 rows,
//! about 469,000 new deals expected after June): 427 s for one run while
//! every new deal was drawn one by one; 0.02 to 0.05 s with new business
//! aggregated. With 833,334 reps (10 million rows) a run takes about
//! 0.9 s, nearly all of it the one pass over the actuals.

use std::error::Error;
use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use salesplan::actuals::Actuals;
use salesplan::evaluate::{deals_from_json, Deal};
use salesplan::risk::simulate::{Simulation, SimulationOptions};
use salesplan::Plan;
use salesplan_benches::median;
use serde_json::json;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The case study's open pipeline at mid-year.
const PIPELINE: &str = include_str!("../../../tests/evaluations/case-study/pipeline.json");

/// Actuals for January to June 2026: per month and rep, won deals and the
/// revenue they brought. Deal counts are spread evenly over reps; the mean
/// size of a rep's deals in a month follows a fixed pattern around 120
/// yuan (so a month's revenue is near the case study's ten million).
fn actuals(deals_per_month: u64, reps: u64) -> Actuals {
    let mut actuals = Actuals::new();
    let names: Vec<String> = (0..reps).map(|r| format!("rep-{r:05}")).collect();
    for month in 1..=6u32 {
        let day = NaiveDate::from_ymd_opt(2026, month, 20).unwrap_or_default();
        for (r, name) in names.iter().enumerate() {
            let r = r as u64;
            let won = deals_per_month / reps + u64::from(r < deals_per_month % reps);
            // 60 to 180 yuan, varying with the rep and the month.
            let size = 60 + (r * 37 + u64::from(month) * 11) % 121;
            let tags = [("rep", name.as_str())];
            actuals.push(day, "won_deals", Decimal::from(won), &tags);
            actuals.push(day, "revenue", Decimal::from(won * size), &tags);
        }
    }
    actuals
}

fn run(
    plan: &Plan,
    actuals: &Actuals,
    deals: &[Deal],
    trials: u32,
    threads: u32,
) -> Result<Simulation> {
    let options = SimulationOptions {
        trials,
        seed: 1,
        threads,
        ..SimulationOptions::as_of(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default())
    };
    Ok(plan.simulate(actuals, deals, &options)?)
}

fn arg<T: std::str::FromStr>(args: &[String], i: usize, default: T) -> Result<T>
where
    T::Err: Error + 'static,
{
    Ok(args.get(i).map_or(Ok(default), |a| a.parse())?)
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = arg(&args, 0, 5)?;
    let trials: u32 = arg(&args, 1, 10_000)?;
    let deals_per_month: u64 = arg(&args, 2, 83_000)?;
    let reps: u64 = arg(&args, 3, 1_000)?;
    let threads: u32 = arg(&args, 4, 0)?;
    if runs == 0 || reps == 0 {
        return Err("usage: simulate_volume [RUNS] [TRIALS] [DEALS] [REPS] [THREADS]".into());
    }

    let plan = salesplan::example_plan();
    let deals = deals_from_json(PIPELINE)?;
    let t = Instant::now();
    let actuals = actuals(deals_per_month, reps);
    let build_s = t.elapsed().as_secs_f64();

    // Fitting and setup alone: a single trial.
    let t = Instant::now();
    black_box(run(&plan, &actuals, &deals, 1, threads)?);
    let one_trial_s = t.elapsed().as_secs_f64();

    let mut times = Vec::with_capacity(runs);
    let mut first: Option<Simulation> = None;
    for _ in 0..runs {
        let t = Instant::now();
        let sim = black_box(run(&plan, black_box(&actuals), &deals, trials, threads)?);
        times.push(t.elapsed().as_secs_f64());
        match &first {
            None => first = Some(sim),
            Some(f) if *f != sim => return Err("a run gave a different result".into()),
            Some(_) => {}
        }
    }
    let sim = first.ok_or("no run")?;
    let fit = sim.new_business.as_ref().ok_or("no new business fitted")?;
    let report = json!({
        "trials": trials,
        "actual_rows": actuals.len(),
        "build_actuals_s": build_s,
        "one_trial_s": one_trial_s,
        "times_s": times,
        "median_s": median(&times),
        "fit": {
            "won_deals": fit.won_deals.to_string(),
            "mean_size": fit.mean_size.to_string(),
            "size_cv": fit.size_cv.to_string(),
            "expected_deals": fit.expected_deals.to_string(),
        },
        "result": {
            "arithmetic": sim.arithmetic,
            "probability": sim.probability.to_string(),
            "mean": sim.mean.to_string(),
            "p10": sim.p10.to_string(),
            "p50": sim.p50.to_string(),
            "p90": sim.p90.to_string(),
        },
    });
    println!("{report}");
    Ok(())
}
