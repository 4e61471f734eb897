//! The Rust side of the end-to-end benchmark (`benches/e2e/run.sh` runs it).
//!
//! Reads the raw columns that `benches/e2e/gen_data.py` wrote beside the
//! Parquet file (the Arrow buffers: `date32` days, `int32` dictionary keys,
//! the cents of the `decimal128(20, 2)` values as `i64`; the dictionaries
//! from `meta.json`), untimed, then runs this library's user path several
//! times after one untimed warm-up, timing each step and the whole:
//!
//! 1. load: [`ActualsBuilder`] over the columns as one [`Batch`], as the
//!    Python and JavaScript loaders feed it (strict: every row checked);
//! 2. [`Plan::evaluate`] for the company, then with the hierarchy
//!    `region`, `rep`;
//! 3. [`Plan::propose`] and [`Plan::risk_register`] on the hierarchy's
//!    evaluation;
//! 4. [`Plan::simulate`], 10,000 trials, seed 1, new business fitted from
//!    the actuals beside the open deals of `deals.json`, on every core.
//!
//! Then, untimed in the whole: one KPI of one rep node looked up per call
//! (the evaluation holds a `Vec` of results, so this is a linear search,
//! as a user of the Rust API writes it today), and the peak RSS (`VmHWM`
//! of `/proc/self/status`). Prints one JSON line and writes the
//! hierarchy's evaluation to `DIR/out/rust.evaluation.json`.
//!
//! Usage: `e2e DIR [RUNS]`

use std::error::Error;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use salesplan::actuals::{Actuals, ActualsBuilder, Batch, BatchText, BatchValues, Keys, LoadMode};
use salesplan::adjust::Proposals;
use salesplan::evaluate::{deals_from_json, Deal, Evaluation, EvaluationOptions};
use salesplan::risk::simulate::{Simulation, SimulationOptions};
use salesplan::risk::RiskRegister;
use salesplan::Plan;
use salesplan_benches::median;
use serde_json::json;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const SEED: u64 = 1;
const TRIALS: u32 = 10_000;
const KPI_CALLS: usize = 2_000;
const STEPS: [&str; 7] = [
    "load_actuals",
    "evaluate company",
    "evaluate region/rep",
    "propose",
    "risk_register",
    "simulate",
    "whole path",
];

/// The columns and their dictionaries.
struct Data {
    days: Vec<i32>,
    measure: Vec<i32>,
    region: Vec<i32>,
    rep: Vec<i32>,
    segment: Vec<i32>,
    cents: Vec<i64>,
    measures: Vec<String>,
    regions: Vec<String>,
    reps: Vec<String>,
    segments: Vec<String>,
    deals: Vec<Deal>,
    as_of: NaiveDate,
}

fn column<T, const N: usize>(dir: &Path, name: &str, from: fn([u8; N]) -> T) -> Result<Vec<T>> {
    let bytes = std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() % N != 0 {
        return Err(format!(
            "{name}: {} bytes is not a whole number of values",
            bytes.len()
        )
        .into());
    }
    Ok(bytes
        .chunks_exact(N)
        .map(|c| from(c.try_into().expect("chunk of N bytes")))
        .collect())
}

fn strings(meta: &serde_json::Value, key: &str) -> Result<Vec<String>> {
    let list = meta[key]
        .as_array()
        .ok_or_else(|| format!("meta.json: no {key}"))?;
    list.iter()
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("meta.json: {key} holds a non-string").into())
        })
        .collect()
}

fn load(dir: &Path) -> Result<Data> {
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("meta.json"))?)?;
    let data = Data {
        days: column(dir, "day.i32", i32::from_le_bytes)?,
        measure: column(dir, "measure.i32", i32::from_le_bytes)?,
        region: column(dir, "region.i32", i32::from_le_bytes)?,
        rep: column(dir, "rep.i32", i32::from_le_bytes)?,
        segment: column(dir, "segment.i32", i32::from_le_bytes)?,
        cents: column(dir, "value_cents.i64", i64::from_le_bytes)?,
        measures: strings(&meta, "measures")?,
        regions: strings(&meta, "regions_dictionary")?,
        reps: strings(&meta, "reps_dictionary")?,
        segments: strings(&meta, "segments")?,
        deals: deals_from_json(&std::fs::read_to_string(dir.join("deals.json"))?)?,
        as_of: meta["end"].as_str().ok_or("meta.json: no end")?.parse()?,
    };
    if Some(data.days.len() as u64) != meta["rows"].as_u64() {
        return Err("meta.json: row count differs from the columns".into());
    }
    Ok(data)
}

/// What one pass of the path makes.
struct Outputs {
    actuals: Actuals,
    company: Evaluation,
    evaluation: Evaluation,
    proposals: Proposals,
    register: RiskRegister,
    simulation: Simulation,
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn text<'a>(keys: &'a [i32], values: &'a [&'a str]) -> BatchText<'a> {
    BatchText {
        keys: Keys::I32(keys),
        validity: None,
        values,
    }
}

/// The path, once; the seconds of each step and of the whole.
fn path(plan: &Plan, d: &Data) -> Result<(Vec<f64>, Outputs)> {
    let (measures, regions, reps, segments) = (
        strs(&d.measures),
        strs(&d.regions),
        strs(&d.reps),
        strs(&d.segments),
    );
    let mut seconds = Vec::with_capacity(STEPS.len());
    let start = Instant::now();
    let mut t = start;
    let mut lap = |seconds: &mut Vec<f64>| {
        let now = Instant::now();
        seconds.push((now - t).as_secs_f64());
        t = now;
    };

    let batch = Batch {
        days: &d.days,
        days_validity: None,
        measures: text(&d.measure, &measures),
        values: BatchValues::Units64 {
            units: &d.cents,
            scale: 2,
        },
        values_validity: None,
        tags: vec![
            ("region", text(&d.region, &regions)),
            ("rep", text(&d.rep, &reps)),
            ("segment", text(&d.segment, &segments)),
        ],
    };
    let known = |m: &str| plan.knows_measure(m);
    let mut builder = ActualsBuilder::new(&known, LoadMode::Strict);
    builder.append(&batch)?;
    let actuals = builder.finish()?.actuals;
    lap(&mut seconds);

    let company = plan.evaluate(&actuals, &EvaluationOptions::as_of(d.as_of))?;
    lap(&mut seconds);
    let options = EvaluationOptions {
        hierarchy: vec!["region".into(), "rep".into()],
        ..EvaluationOptions::as_of(d.as_of)
    };
    let evaluation = plan.evaluate(&actuals, &options)?;
    lap(&mut seconds);
    let proposals = plan.propose(&evaluation, &[])?;
    lap(&mut seconds);
    let register = plan.risk_register(Some(&evaluation));
    lap(&mut seconds);
    let simulation = plan.simulate(
        &actuals,
        &d.deals,
        &SimulationOptions {
            trials: TRIALS,
            seed: SEED,
            ..SimulationOptions::as_of(d.as_of)
        },
    )?;
    lap(&mut seconds);
    seconds.push(start.elapsed().as_secs_f64());
    Ok((
        seconds,
        Outputs {
            actuals,
            company,
            evaluation,
            proposals,
            register,
            simulation,
        },
    ))
}

/// The peak resident set of this process so far, in MiB (Linux).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: e2e DIR [RUNS]";
    let dir = args.next().ok_or(usage)?;
    let runs: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    if runs == 0 {
        return Err(usage.into());
    }
    let dir = Path::new(&dir);
    let plan = salesplan::example_plan();
    let t = Instant::now();
    let data = load(dir)?;
    let read_s = t.elapsed().as_secs_f64();
    let rss_read = peak_rss_mb();

    // One untimed warm-up, then the timed runs; each run's outputs are
    // dropped before the next, so the peak is that of one pass.
    let mut times = vec![Vec::with_capacity(runs); STEPS.len()];
    let mut last = None;
    for run in 0..=runs {
        drop(last.take());
        let (seconds, out) = path(&plan, black_box(&data))?;
        last = Some(black_box(out));
        if run > 0 {
            for (all, s) in times.iter_mut().zip(seconds) {
                all.push(s);
            }
        }
    }
    let out = last.expect("at least one run");

    // One KPI of one rep node per call, cycling through the rep nodes.
    let nodes: Vec<&str> = out
        .evaluation
        .kpis
        .iter()
        .filter(|k| k.kpi == "K-REV" && k.node.contains("/rep="))
        .map(|k| k.node.as_str())
        .collect();
    let mut per_call = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        for i in 0..KPI_CALLS {
            let node = nodes[i % nodes.len()];
            let found = out
                .evaluation
                .kpis
                .iter()
                .find(|k| k.kpi == "K-REV" && k.node == node);
            black_box(found.ok_or("a rep node has no K-REV")?);
        }
        per_call.push(t.elapsed().as_secs_f64() / KPI_CALLS as f64);
    }
    let rss_end = peak_rss_mb();

    let outdir = dir.join("out");
    std::fs::create_dir_all(&outdir)?;
    std::fs::write(
        outdir.join("rust.evaluation.json"),
        serde_json::to_string(&out.evaluation)?,
    )?;
    let company_actual = |id: &str| {
        out.company
            .kpi(id)
            .and_then(|k| k.actual)
            .map(|a| a.to_string())
    };
    let sim = &out.simulation;
    let new_business = sim.new_business.as_ref().ok_or("no new business fitted")?;
    let steps: serde_json::Map<String, serde_json::Value> = STEPS
        .iter()
        .zip(&times)
        .map(|(name, t)| (name.to_string(), json!(t)))
        .collect();
    let medians: serde_json::Map<String, serde_json::Value> = STEPS
        .iter()
        .zip(&times)
        .map(|(name, t)| (name.to_string(), json!(median(t))))
        .collect();
    let report = json!({
        "tool": "rust",
        "rows": out.actuals.len(),
        "read_columns_s": read_s,
        "times_s": steps,
        "median_s": medians,
        "kpi_call_s": median(&per_call),
        "kpi_calls": KPI_CALLS,
        "results": out.evaluation.kpis.len(),
        "peak_rss_mb": {"after_read": rss_read, "end": rss_end},
        "company": {
            "K-REV": company_actual("K-REV"),
            "K-REV-HIGH": company_actual("K-REV-HIGH"),
            "K-CONV": company_actual("K-CONV"),
        },
        "proposals": out.proposals.proposals.iter().map(|p| p.rule.as_str()).collect::<Vec<_>>(),
        "moves": out.register.moves.iter().map(|m| m.risk.as_str()).collect::<Vec<_>>(),
        "simulation": {
            "probability": sim.probability.to_string(),
            "mean": sim.mean.to_string(),
            "p10": sim.p10.to_string(),
            "p50": sim.p50.to_string(),
            "p90": sim.p90.to_string(),
            "closed": sim.closed.to_string(),
            "expected_new_deals": new_business.expected_deals.to_string(),
            "run_rate_deals": new_business.run_rate_deals.to_string(),
        },
    });
    println!("{report}");
    Ok(())
}
