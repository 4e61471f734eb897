//! The rule-engine benchmark (`benches/rules/run.sh` runs it): the 50 rules
//! of `salesplan_benches::rules` over 20 KPI facts, evaluated against
//! generated contexts by this library (`RuleSet::evaluate` context by
//! context, `RuleSet::evaluate_many` over all of them) and, with the
//! `zen` feature, by zen-engine on the equivalent decision table, in one
//! process, one thread.
//!
//! One **evaluation** is one context run through the whole 50-rule table,
//! giving the set of rules that fire; a rule-evaluation is one rule on one
//! context (50 per evaluation).
//!
//! What is timed: for the library, the loop over every context calling
//! `RuleSet::evaluate` (every rule over one context; the positions of the
//! fired rules into a reused buffer) and keeping the fired set as a bit
//! mask; `RuleSet::evaluate_many` over all the contexts (64 at a time
//! inside) and copying each context's bit row out; and `RuleSet::holds`
//! (the decimal tree walk) called for each of the 50 compiled rules; for
//! zen, `Decision::evaluate` (driven by
//! `futures_executor::block_on`) on each context (a precompiled decision,
//! the context a prebuilt `Variable`) and reading the fired rule ids off
//! its result. Generating the contexts, building the zen `Variable`s and
//! compiling either side are not timed. Afterwards the fired sets of both
//! engines are compared context by context.
//!
//! Usage: `rules [--contexts N] [--runs N] [--zen-contexts N] [--zen-runs N]
//! [--seed N] [--jdm FILE] [--json FILE]` (defaults: 1,000,000 contexts, 7
//! library runs after a warm-up, zen on every context once after a warm-up
//! of 1,000, seed 2026). `--zen-contexts N` times zen on the first N
//! contexts only, and 0 skips it.

use std::error::Error;
use std::hint::black_box;
use std::time::Instant;

use salesplan::adjust::{FactValue, FiredSets, RuleSet};
use salesplan_benches::median;
use salesplan_benches::rules::{self, FACTS, RULES};
use serde_json::json;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Command-line options.
struct Options {
    contexts: usize,
    runs: usize,
    zen_contexts: usize,
    zen_runs: usize,
    seed: u64,
    jdm: Option<String>,
    json: Option<String>,
}

fn options() -> Result<Options> {
    let usage = "usage: rules [--contexts N] [--runs N] [--zen-contexts N] [--zen-runs N] [--seed N] [--jdm FILE] [--json FILE]";
    let mut o = Options {
        contexts: 1_000_000,
        runs: 7,
        zen_contexts: usize::MAX,
        zen_runs: 1,
        seed: 2026,
        jdm: None,
        json: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(usage)?;
        let number = || value.replace('_', "").parse::<usize>();
        match flag.as_str() {
            "--contexts" => o.contexts = number()?,
            "--runs" => o.runs = number()?,
            "--zen-contexts" => o.zen_contexts = number()?,
            "--zen-runs" => o.zen_runs = number()?,
            "--seed" => o.seed = value.parse()?,
            "--jdm" => o.jdm = Some(value),
            "--json" => o.json = Some(value),
            _ => return Err(usage.into()),
        }
    }
    if o.contexts == 0 || o.runs == 0 || o.zen_runs == 0 {
        return Err(usage.into());
    }
    o.zen_contexts = o.zen_contexts.min(o.contexts);
    Ok(o)
}

/// The ways the library is timed.
#[derive(Clone, Copy)]
enum Way {
    /// `RuleSet::evaluate`: every rule over one context, the positions of
    /// those that hold.
    Evaluate,
    /// `RuleSet::evaluate_many`: every context at once.
    Many,
    /// `RuleSet::holds` for each rule in turn.
    Holds,
}

impl Way {
    fn label(self) -> &'static str {
        match self {
            Way::Evaluate => "salesplan `RuleSet::evaluate`",
            Way::Many => "salesplan `RuleSet::evaluate_many`",
            Way::Holds => "salesplan `RuleSet::holds` × 50",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Way::Evaluate => "evaluate",
            Way::Many => "evaluate_many",
            Way::Holds => "holds",
        }
    }
}

/// The timed work on the library side: every context through every rule.
fn run_library(way: Way, set: &RuleSet, facts: &[FactValue], out: &mut [u64]) {
    if let Way::Many = way {
        rules::fired_many(set, facts, &mut FiredSets::new(set), out);
        return;
    }
    let contexts = facts.chunks_exact(FACTS.len()).zip(out.iter_mut());
    match way {
        Way::Many => {}
        Way::Evaluate => {
            let mut positions = Vec::with_capacity(RULES.len());
            for (context, fired) in contexts {
                *fired = rules::fired(set, context, &mut positions);
            }
        }
        Way::Holds => {
            for (context, fired) in contexts {
                *fired = rules::fired_by_holds(set, context);
            }
        }
    }
}

/// Zen contexts built at a time.
#[cfg(feature = "zen")]
const ZEN_CHUNK: usize = 50_000;

/// What the zen side measured.
struct ZenResult {
    version: &'static str,
    contexts: usize,
    times: Vec<f64>,
    fired: Vec<u64>,
}

#[cfg(feature = "zen")]
fn run_zen(o: &Options, values: &[FactValue]) -> Result<Option<ZenResult>> {
    use salesplan_benches::rules::zen::{context, Zen};

    if o.zen_contexts == 0 {
        return Ok(None);
    }
    let zen = Zen::new()?;
    let values = &values[..o.zen_contexts * FACTS.len()];
    // Zen contexts are built a chunk at a time, untimed (all of them at once
    // would take about 7 GB).
    let chunks = || values.chunks(ZEN_CHUNK * FACTS.len());
    let build =
        |chunk: &[FactValue]| -> Vec<_> { chunk.chunks_exact(FACTS.len()).map(context).collect() };
    // Warm-up, untimed.
    if let Some(first) = chunks().next() {
        for c in build(first).iter().take(1_000) {
            black_box(zen.fired(c)?);
        }
    }
    let mut times = Vec::with_capacity(o.zen_runs);
    let mut first: Option<Vec<u64>> = None;
    for _ in 0..o.zen_runs {
        let mut fired = Vec::with_capacity(o.zen_contexts);
        let mut seconds = 0.0;
        for chunk in chunks() {
            let contexts = build(chunk);
            let t = Instant::now();
            for c in &contexts {
                fired.push(zen.fired(black_box(c))?);
            }
            seconds += t.elapsed().as_secs_f64();
        }
        times.push(seconds);
        match &first {
            Some(f) if *f != fired => return Err("zen: a run gave other rules".into()),
            Some(_) => {}
            None => first = Some(fired),
        }
    }
    Ok(Some(ZenResult {
        version: "2.1.6",
        contexts: o.zen_contexts,
        times,
        fired: first.unwrap_or_default(),
    }))
}

#[cfg(not(feature = "zen"))]
fn run_zen(_: &Options, _: &[FactValue]) -> Result<Option<ZenResult>> {
    eprintln!("zen-engine side not built: build with `--features zen` (benches/rules/run.sh does)");
    Ok(None)
}

/// `1234567` as `1,234,567`.
fn grouped(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A duration in seconds, in the unit that reads best.
fn per(seconds: f64) -> String {
    if seconds < 1e-6 {
        format!("{:.0} ns", seconds * 1e9)
    } else {
        format!("{:.2} µs", seconds * 1e6)
    }
}

fn main() -> Result<()> {
    let o = options()?;
    let plan = rules::plan()?;
    let set = RuleSet::compile(&plan).map_err(|e| format!("the rules do not compile: {e:?}"))?;
    let order = rules::slot_order(&set)?;
    if let Some(path) = &o.jdm {
        std::fs::write(path, serde_json::to_string_pretty(&rules::jdm())?)?;
    }

    let t = Instant::now();
    let values = rules::contexts(o.contexts, o.seed);
    let facts = rules::to_slots(&values, &order);
    let generate_s = t.elapsed().as_secs_f64();

    // The library: one untimed warm-up run of each way, then the timed
    // runs, the two ways taking turns (so a change in the machine's load
    // touches both alike).
    let ways = [Way::Evaluate, Way::Many, Way::Holds];
    let mut fired = vec![0u64; o.contexts];
    run_library(Way::Evaluate, &set, &facts, &mut fired);
    let warm = fired.clone();
    for way in [Way::Many, Way::Holds] {
        run_library(way, &set, &facts, &mut fired);
        if fired != warm {
            return Err(format!("library: {} fires other rules than evaluate", way.key()).into());
        }
    }
    let mut times = vec![Vec::with_capacity(o.runs); ways.len()];
    for _ in 0..o.runs {
        for (w, &way) in ways.iter().enumerate() {
            let t = Instant::now();
            run_library(
                way,
                black_box(&set),
                black_box(&facts),
                black_box(&mut fired),
            );
            times[w].push(t.elapsed().as_secs_f64());
            if fired != warm {
                return Err("library: a run gave other rules".into());
            }
        }
    }
    let medians: Vec<f64> = times.iter().map(|t| median(t)).collect();
    let lib_per = medians[0] / o.contexts as f64;

    // How often the rules fire (the table should be neither dead nor
    // always on).
    let total: u64 = fired.iter().map(|m| u64::from(m.count_ones())).sum();
    let per_rule: Vec<usize> = (0..RULES.len())
        .map(|i| fired.iter().filter(|m| *m & (1 << i) != 0).count())
        .collect();
    let rarest = per_rule.iter().copied().min().unwrap_or(0);
    let commonest = per_rule.iter().copied().max().unwrap_or(0);

    let zen = run_zen(&o, &values)?;

    let n = o.contexts as f64;
    let rules_n = RULES.len() as f64;
    println!(
        "Rule engine: {} rules over {} facts, {} contexts (seed {}), one thread",
        RULES.len(),
        FACTS.len(),
        grouped(o.contexts),
        o.seed
    );
    println!(
        "Rules fired per context: {:.2} on average; each rule fired on {:.1}% to {:.1}% of the contexts",
        total as f64 / n,
        100.0 * rarest as f64 / n,
        100.0 * commonest as f64 / n
    );
    println!();
    println!("| engine | contexts timed | median s (runs) | per evaluation | evaluations/s | rule-evaluations/s |");
    println!("|---|---|---|---|---|---|");
    let mut library = serde_json::Map::new();
    for ((way, t), m) in ways.iter().zip(&times).zip(&medians) {
        let each = m / n;
        println!(
            "| {} | {} | {:.4} ({}) | {} | {:.3e} | {:.3e} |",
            way.label(),
            grouped(o.contexts),
            m,
            o.runs,
            per(each),
            1.0 / each,
            rules_n / each
        );
        library.insert(
            way.key().into(),
            json!({
                "times_s": t,
                "median_s": m,
                "per_evaluation_ns": each * 1e9,
                "evaluations_per_s": 1.0 / each,
                "rule_evaluations_per_s": rules_n / each,
            }),
        );
    }
    let mut summary = json!({
        "contexts": o.contexts,
        "rules": RULES.len(),
        "facts": FACTS.len(),
        "seed": o.seed,
        "generate_s": generate_s,
        "fired_per_context": total as f64 / n,
        "library": library,
    });
    if let Some(z) = &zen {
        let z_s = median(&z.times);
        let z_per = z_s / z.contexts as f64;
        let agree = z.fired.iter().zip(&fired).filter(|(a, b)| a == b).count();
        println!(
            "| zen-engine {} decision table, hit policy collect | {} | {:.4} ({}) | {} | {:.3e} | {:.3e} |",
            z.version,
            grouped(z.contexts),
            z_s,
            z.times.len(),
            per(z_per),
            1.0 / z_per,
            rules_n / z_per
        );
        println!();
        println!(
            "Per evaluation, zen-engine takes {:.1}× the time of `RuleSet::evaluate`, {:.1}× that of `evaluate_many` ({:.1}× that of `holds`).",
            z_per / lib_per,
            z_per / (medians[1] / n),
            z_per / (medians[2] / n)
        );
        println!(
            "Agreement: {} of {} contexts fire the same rules in both engines.",
            grouped(agree),
            grouped(z.contexts)
        );
        for (i, (a, b)) in z.fired.iter().zip(&fired).enumerate() {
            if a != b {
                println!("  context {i}: zen {a:#x}, library {b:#x}");
                break;
            }
        }
        summary["zen"] = json!({
            "version": z.version,
            "contexts": z.contexts,
            "times_s": z.times,
            "median_s": z_s,
            "per_evaluation_us": z_per * 1e6,
            "evaluations_per_s": 1.0 / z_per,
        });
        summary["ratio_zen_over_evaluate"] = json!(z_per / lib_per);
        summary["ratio_zen_over_evaluate_many"] = json!(z_per / (medians[1] / n));
        summary["ratio_zen_over_holds"] = json!(z_per / (medians[2] / n));
        summary["agreement"] = json!({"same": agree, "compared": z.contexts});
    }
    println!();
    println!("{summary}");
    if let Some(path) = &o.json {
        std::fs::write(path, format!("{summary}\n"))?;
    }
    if let Some(z) = &zen {
        if z.fired.iter().zip(&fired).any(|(a, b)| a != b) {
            return Err("the engines disagree".into());
        }
    }
    Ok(())
}
