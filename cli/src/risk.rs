//! The risk register as a table, and `salesplan simulate`.

use std::path::Path;
use std::process::ExitCode;

use rust_decimal::Decimal;
use salesplan::risk::register::Score;
use salesplan::risk::{RiskRegister, Simulation, SimulationOptions};
use salesplan::units::{format_amount, format_percent, AmountFormat};

use crate::inputs;

/// Money as 万/亿 with up to two decimals.
fn money(v: Decimal) -> String {
    format_amount(
        v,
        &AmountFormat {
            max_decimals: 2,
            ..AmountFormat::default()
        },
    )
}

fn score(s: &Score) -> String {
    let level = s
        .level
        .map_or("—".to_owned(), |l| format!("{l:?}").to_lowercase());
    format!("{}×{}={} {level}", s.likelihood, s.impact, s.score)
}

/// The register: one line per risk, what the indicators moved, and the
/// exposure.
pub(crate) fn table(register: &RiskRegister) -> String {
    if register.risks.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nRisks\n");
    out.push_str(&format!(
        "{:<10} {:<10} {:<16} {:<16} {:<16} {:>10}\n",
        "risk", "category", "planned", "now", "residual", "exposure"
    ));
    for r in &register.risks {
        out.push_str(&format!(
            "{:<10} {:<10} {:<16} {:<16} {:<16} {:>10}\n",
            r.risk,
            format!("{:?}", r.category).to_lowercase(),
            score(&r.planned),
            score(&r.inherent),
            score(&r.residual),
            r.exposure.map_or("—".into(), money),
        ));
    }
    for m in &register.moves {
        out.push_str(&format!("  ↑ {}\n", m.message));
    }
    out.push_str(&format!(
        "Total exposure {}\n",
        money(register.totals.exposure)
    ));
    out
}

/// What `simulate` was given.
pub(crate) struct SimulateArgs<'a> {
    pub plan: &'a Path,
    pub actuals: Option<&'a Path>,
    pub pipeline: Option<&'a Path>,
    pub options: SimulationOptions,
    pub lenient: bool,
    pub json: bool,
}

/// `salesplan simulate`: exit 0, or 2 when an input cannot be read or the
/// options are refused.
pub(crate) fn simulate(args: &SimulateArgs<'_>) -> ExitCode {
    let run = || -> Result<Simulation, String> {
        let plan = inputs::plan(args.plan)?;
        let actuals = match args.actuals {
            Some(path) => inputs::actuals(&plan, path, args.lenient)?,
            None => salesplan::actuals::Actuals::new(),
        };
        let pipeline = inputs::pipeline(args.pipeline)?;
        plan.simulate(&actuals, &pipeline, &args.options)
            .map_err(|e| e.to_string())
    };
    match run() {
        Ok(sim) if args.json => {
            println!("{}", serde_json::to_string_pretty(&sim).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Ok(sim) => {
            print!("{}", report(&sim));
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("salesplan: {message}");
            ExitCode::from(2)
        }
    }
}

/// The simulation for people.
fn report(sim: &Simulation) -> String {
    let mut out = format!(
        "{} as of {}: {} chance of reaching {} by {} ({} trials, seed {})\n\n",
        sim.goal,
        sim.as_of,
        format_percent(sim.probability, 1),
        money(sim.target),
        sim.end,
        sim.trials,
        sim.seed,
    );
    if let Some(exact) = sim.exact_probability {
        out.push_str(&format!(
            "exact probability  {}\n",
            format_percent(exact, 2)
        ));
    }
    out.push_str(&format!(
        "P10 {}   P50 {}   P90 {}   mean {}\n",
        money(sim.p10),
        money(sim.p50),
        money(sim.p90),
        money(sim.mean)
    ));
    out.push_str(&format!(
        "expected shortfall {}   standard error {}\n\n",
        money(sim.expected_shortfall),
        format_percent(sim.standard_error, 2)
    ));
    out.push_str(&format!("closed to date     {}\n", money(sim.closed)));
    out.push_str(&format!(
        "open pipeline      {} weighted over {} deals\n",
        money(sim.pipeline.weighted),
        sim.pipeline.deals
    ));
    if let Some(nb) = &sim.new_business {
        out.push_str(&format!(
            "new business       {} expected: {} deals of {} on average after {}\n",
            money(nb.expected_amount),
            nb.expected_deals.round_dp(1),
            money(nb.mean_size),
            nb.from
        ));
    }
    if !sim.drivers.is_empty() {
        out.push_str("\nDeals that move the outcome most\n");
        for d in &sim.drivers {
            out.push_str(&format!(
                "{:<12} {:>10} at {:>4}  {:>6} of the variance\n",
                d.deal,
                money(d.amount),
                format_percent(d.probability, 0),
                format_percent(d.variance_share, 1)
            ));
        }
    }
    let most = sim
        .histogram
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(1)
        .max(1);
    out.push('\n');
    for b in &sim.histogram {
        let bar = "█".repeat((b.count as usize * 40).div_ceil(most as usize));
        out.push_str(&format!("{:>10} {bar} {}\n", money(b.from), b.count));
    }
    out
}
