//! The Rust side of the simulation benchmark (`benches/simulate/run.sh`
//! runs it).
//!
//! Reads the deals and the target that `benches/simulate/gen_data.py`
//! wrote, then times `Plan::simulate` (open pipeline only, no new business)
//! on the case-study plan, several times for each thread count, and prints
//! one JSON line with every run's seconds and the result. Runs of the
//! thread counts take turns, so a change in the machine's load touches
//! them alike. Each run's CPU seconds (all threads) are reported too, on
//! Linux, to tell whether two threads really had two cores.
//!
//! Usage: `simulate DIR [RUNS] [TRIALS] [THREADS,...]` (defaults: 3 runs,
//! 100,000 trials, threads 1 and 2).

use std::error::Error;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use salesplan::actuals::Actuals;
use salesplan::evaluate::{deals_from_json, Deal};
use salesplan::risk::simulate::{NewBusiness, Simulation, SimulationOptions};
use salesplan::Plan;
use salesplan_benches::median;
use serde_json::json;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The seed of the library's random streams.
const SEED: u64 = 1;

/// What one simulation needs.
struct Setup {
    plan: Plan,
    actuals: Actuals,
    deals: Vec<Deal>,
    as_of: NaiveDate,
    target: Decimal,
}

fn load(dir: &Path) -> Result<Setup> {
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("meta.json"))?)?;
    let text = |k: &str| meta[k].as_str().ok_or_else(|| format!("meta.json: no {k}"));
    let deals = deals_from_json(&std::fs::read_to_string(dir.join("deals.json"))?)?;
    if Some(deals.len() as u64) != meta["deals"].as_u64() {
        return Err("meta.json: deal count differs from deals.json".into());
    }
    Ok(Setup {
        plan: salesplan::example_plan(),
        actuals: Actuals::new(),
        deals,
        as_of: text("as_of")?.parse()?,
        target: text("target")?.parse()?,
    })
}

/// The timed work: one simulation, as a user calls it.
fn run(s: &Setup, trials: u32, threads: u32) -> Result<Simulation> {
    let options = SimulationOptions {
        trials,
        seed: SEED,
        threads,
        new_business: NewBusiness::None,
        target: Some(s.target),
        ..SimulationOptions::as_of(s.as_of)
    };
    Ok(s.plan.simulate(&s.actuals, &s.deals, &options)?)
}

/// CPU seconds this process has used on all its threads, where Linux
/// tells (`/proc/self/stat`, in ticks of 1/100 s); `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses; user and
    // system time are the 14th and 15th fields of the line.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) as f64 / 100.0)
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: simulate DIR [RUNS] [TRIALS] [THREADS,...]";
    let dir = args.next().ok_or(usage)?;
    let runs: usize = args.next().map_or(Ok(3), |r| r.parse())?;
    let trials: u32 = args.next().map_or(Ok(100_000), |t| t.parse())?;
    let threads: Vec<u32> = args
        .next()
        .map_or(Ok(vec![1, 2]), |t| t.split(',').map(str::parse).collect())?;
    if runs == 0 || threads.is_empty() {
        return Err(usage.into());
    }

    let t = Instant::now();
    let setup = load(Path::new(&dir))?;
    let load_s = t.elapsed().as_secs_f64();

    // One untimed warm-up run for each thread count, then the timed runs,
    // the thread counts taking turns.
    let mut results: Vec<Simulation> = Vec::with_capacity(threads.len());
    for &n in &threads {
        results.push(black_box(run(&setup, trials, n)?));
    }
    let mut times = vec![Vec::with_capacity(runs); threads.len()];
    let mut cpu = vec![Vec::with_capacity(runs); threads.len()];
    for _ in 0..runs {
        for (i, &n) in threads.iter().enumerate() {
            let c = cpu_seconds();
            let t = Instant::now();
            let sim = black_box(run(black_box(&setup), trials, n)?);
            times[i].push(t.elapsed().as_secs_f64());
            cpu[i].push(c.zip(cpu_seconds()).map(|(a, b)| b - a));
            if sim != results[i] {
                return Err(format!("threads {n}: a run gave a different result").into());
            }
        }
    }
    // The result does not depend on the thread count.
    let same = results.iter().all(|r| *r == results[0]);
    let sim = &results[0];
    let by_threads: serde_json::Map<String, serde_json::Value> = threads
        .iter()
        .zip(times.iter().zip(&cpu))
        .map(|(n, (t, c))| {
            let report = json!({"times_s": t, "median_s": median(t), "cpu_s": c});
            (n.to_string(), report)
        })
        .collect();
    let report = json!({
        "tool": "rust",
        "deals": sim.pipeline.deals,
        "trials": trials,
        "seed": SEED,
        "load_s": load_s,
        "threads": by_threads,
        "same_result_on_every_thread_count": same,
        "result": {
            "target": sim.target.to_string(),
            "probability": sim.probability.to_string(),
            "standard_error": sim.standard_error.to_string(),
            "mean": sim.mean.to_string(),
            "p10": sim.p10.to_string(),
            "p50": sim.p50.to_string(),
            "p90": sim.p90.to_string(),
            "min": sim.min.to_string(),
            "max": sim.max.to_string(),
        },
    });
    println!("{report}");
    Ok(())
}
