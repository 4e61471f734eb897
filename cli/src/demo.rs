//! `salesplan demo`: the case study at a glance.

use std::fmt::Write as _;
use std::process::ExitCode;

use rust_decimal::Decimal;
use salesplan::summary::Summary;
use salesplan::units::format_amount_auto as wan_yi;
use salesplan::{Plan, Severity};

pub(crate) fn run() -> ExitCode {
    let plan = salesplan::example_plan();
    let diagnostics = plan.validate();
    let summary = plan.summary(&diagnostics);
    print!("{}", render(&plan, &summary));
    if salesplan::validate::has_errors(&diagnostics) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn amount(v: Option<Decimal>) -> String {
    v.map_or_else(|| "—".to_owned(), wan_yi)
}

fn pct(v: Decimal) -> String {
    format!("{}%", (v * Decimal::ONE_HUNDRED).normalize())
}

fn render(plan: &Plan, s: &Summary) -> String {
    let mut o = String::new();
    let p = &plan.period;
    let _ = writeln!(o, "{}", s.name);
    let _ = writeln!(
        o,
        "{} · {} – {} · {} months · amounts in {} (万 = 10⁴, 亿 = 10⁸)\n",
        s.id, p.start, p.end, s.months, s.currency
    );

    let _ = writeln!(o, "{} ({})", heading(0), s.goals.len());
    for g in &s.goals {
        let target = match (g.metric.as_deref(), g.target) {
            (Some("revenue"), t) => amount(t),
            (_, Some(t)) => t.normalize().to_string(),
            (_, None) => "—".to_owned(),
        };
        let growth = match (g.growth, g.baseline) {
            (Some(r), Some(b)) => format!("  (+{} on {})", pct(r), amount(Some(b))),
            _ => String::new(),
        };
        let _ = writeln!(o, "   {:<8} {:<42} target {target}{growth}", g.id, g.name);
    }

    let m = &s.market;
    let _ = writeln!(o, "{}", heading(1));
    let _ = writeln!(
        o,
        "   TAM {} · SAM {} · SOM {}",
        amount(m.tam),
        amount(m.sam),
        amount(m.som)
    );
    for seg in &plan.market.segments {
        let growth = seg.growth.map_or_else(String::new, |g| {
            format!(
                ", {}{}/yr",
                if g >= Decimal::ZERO { "+" } else { "" },
                pct(g)
            )
        });
        let _ = writeln!(
            o,
            "   {:<10} {:<24} {}{growth}",
            seg.id,
            seg.name,
            amount(seg.size)
        );
    }
    for t in &plan.market.trends {
        let arrow = match t.direction {
            salesplan::plan::TrendDirection::Up => "↑",
            salesplan::plan::TrendDirection::Down => "↓",
            salesplan::plan::TrendDirection::Flat => "→",
        };
        let _ = writeln!(o, "   {arrow} {}", t.name);
    }
    let _ = writeln!(
        o,
        "   {} competitors, {} personas",
        m.competitors, m.personas
    );

    let _ = writeln!(
        o,
        "{} ({}, cost {})",
        heading(2),
        s.strategies,
        amount(s.strategy_cost)
    );
    for st in &plan.strategies {
        let _ = writeln!(o, "   {:<10} {:<36} {}", st.id, st.name, amount(st.cost));
    }

    let r = &s.resources;
    let _ = writeln!(o, "{}", heading(3));
    let _ = writeln!(
        o,
        "   budget {} allocated of {} · {} heads, capacity {}",
        amount(r.allocated),
        amount(r.total_budget),
        r.heads,
        amount(r.capacity)
    );
    let _ = writeln!(
        o,
        "   {} tools and training programmes",
        r.tools_and_training
    );

    let x = &s.execution;
    let _ = writeln!(o, "{}", heading(4));
    let _ = writeln!(
        o,
        "   {} tasks across {} of 6 execution steps, {} milestones",
        x.tasks, x.phases, x.milestones
    );
    for ms in &plan.execution.milestones {
        let _ = writeln!(o, "   {}  {}", ms.date, ms.name);
    }

    let k = &s.risks;
    let levels: Vec<String> = k
        .by_level
        .iter()
        .rev()
        .map(|(l, n)| format!("{n} {}", format!("{l:?}").to_lowercase()))
        .collect();
    let _ = writeln!(
        o,
        "{} ({}: {}) · exposure {}",
        heading(5),
        k.count,
        levels.join(", "),
        amount(k.exposure)
    );
    for risk in &plan.risks.register {
        let _ = writeln!(
            o,
            "   {:<9} {:<10} {:<44} L{}×I{}",
            risk.id,
            format!("{:?}", risk.category).to_lowercase(),
            risk.name,
            risk.likelihood,
            risk.impact
        );
    }

    let _ = writeln!(o, "{} ({})", heading(6), s.kpis);
    for kpi in &plan.kpis {
        let _ = writeln!(o, "   {:<11} {:<26} {}", kpi.id, kpi.name, kpi.formula);
    }

    let _ = writeln!(o, "{} ({})", heading(7), s.rules);
    for rule in &plan.rules {
        let _ = writeln!(o, "   {:<15} {}", rule.id, rule.name);
    }

    let n = |sev| s.diagnostics.get(&sev).copied().unwrap_or(0);
    let verdict = if n(Severity::Error) == 0 {
        "the plan is ready to run"
    } else {
        "fix the errors first"
    };
    let _ = writeln!(
        o,
        "\nValidation: {} errors, {} warnings, {} infos — {verdict}.",
        n(Severity::Error),
        n(Severity::Warning),
        n(Severity::Info)
    );
    o
}

/// `"1. Goals 目标设定"`: the `i`th section's heading, named as the core
/// names the sections.
fn heading(i: usize) -> String {
    salesplan::SECTIONS
        .get(i)
        .map_or_else(String::new, |section| {
            format!("{}. {} {}", i + 1, section.en, section.zh)
        })
}
