//! Charts (`tests/charts/*.svg`): every chart of the case study at mid-year
//! and at year-end, in Chinese and in English, compared byte for byte with
//! the stored documents; their structure checked; odd data drawn without a
//! panic. `SALESPLAN_BLESS=1` rewrites the stored documents.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use salesplan::actuals::{Actuals, LoadMode};
use salesplan::chart::{
    budget_burn, burn_up, gantt, gap_waterfall, kpi_bullets, outcome_histogram, risk_heatmap, Lang,
    HEIGHT, WIDTH,
};
use salesplan::evaluate::{deals_from_json, Deal, Evaluation, EvaluationOptions};
use salesplan::risk::{Simulation, SimulationOptions};
use salesplan::{Error, Plan};

fn case_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/evaluations/case-study")
}

fn actuals(plan: &Plan) -> Actuals {
    let csv = std::fs::read_to_string(case_dir().join("actuals.csv")).unwrap();
    plan.actuals_from_csv(&csv, LoadMode::Strict)
        .expect("clean actuals")
        .actuals
}

fn pipeline() -> Vec<Deal> {
    deals_from_json(&std::fs::read_to_string(case_dir().join("pipeline.json")).unwrap())
        .expect("a readable pipeline")
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The case study evaluated and simulated as of a day.
struct Case {
    plan: Plan,
    as_of: NaiveDate,
    evaluation: Evaluation,
    simulation: Simulation,
}

fn case(as_of: &str) -> Case {
    let plan = salesplan::example_plan();
    let as_of = date(as_of);
    let actuals = actuals(&plan);
    let evaluation = plan
        .evaluate(
            &actuals,
            &EvaluationOptions {
                hierarchy: vec!["region".into()],
                pipeline: pipeline(),
                ..EvaluationOptions::as_of(as_of)
            },
        )
        .expect("an evaluation");
    let simulation = plan
        .simulate(
            &actuals,
            &pipeline(),
            &SimulationOptions {
                trials: 2000,
                seed: 2026,
                ..SimulationOptions::as_of(as_of)
            },
        )
        .expect("a simulation");
    Case {
        plan,
        as_of,
        evaluation,
        simulation,
    }
}

/// Every chart of a case, by name.
fn charts(c: &Case, lang: Lang) -> Vec<(&'static str, String)> {
    let register = c.plan.risk_register(Some(&c.evaluation));
    vec![
        (
            "burn-up",
            burn_up(
                &c.plan,
                &c.evaluation,
                "K-REV",
                "",
                Some(&c.simulation),
                lang,
            )
            .unwrap(),
        ),
        (
            "kpi-bullets",
            kpi_bullets(&c.plan, &c.evaluation, "", lang).unwrap(),
        ),
        (
            "gap-waterfall",
            gap_waterfall(&c.evaluation, "", lang).unwrap(),
        ),
        ("risk-heatmap", risk_heatmap(&register, lang).unwrap()),
        (
            "outcome-histogram",
            outcome_histogram(&c.simulation, lang).unwrap(),
        ),
        ("gantt", gantt(&c.plan, c.as_of, lang).unwrap()),
        ("budget-burn", budget_burn(&c.plan, c.as_of, lang).unwrap()),
    ]
}

#[test]
fn every_chart_matches_its_stored_document() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/charts");
    let bless = std::env::var_os("SALESPLAN_BLESS").is_some();
    if bless {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for (when, as_of) in [("midyear", "2026-06-30"), ("yearend", "2026-12-31")] {
        let c = case(as_of);
        for lang in [Lang::Zh, Lang::En] {
            for (name, svg) in charts(&c, lang) {
                let path = dir.join(format!("{name}-{when}-{lang}.svg"));
                checked += 1;
                if std::fs::read_to_string(&path).unwrap_or_default() != svg {
                    if bless {
                        std::fs::write(&path, &svg).unwrap();
                    } else {
                        failures.push(path.display().to_string());
                    }
                }
            }
        }
    }
    assert_eq!(checked, 28);
    assert!(
        failures.is_empty(),
        "differ: {failures:?} (SALESPLAN_BLESS=1 rewrites them)"
    );
}

/// Checks that tags nest and close, and that text holds no bare `<` or
/// `&`; returns the element names in document order.
fn elements(svg: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut names = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..];
            assert!(
                ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "a bare & in text: {text:?}"
            );
        }
        let close = rest[open..].find('>').expect("an unclosed tag") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "a < inside a tag: {tag:?}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.trim()),
                "mismatched </{name}>"
            );
        } else if !tag.starts_with('?') && !tag.starts_with('!') {
            let name: String = tag
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '/')
                .collect();
            names.push(name.clone());
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        rest = &rest[close + 1..];
    }
    assert!(rest.trim().is_empty(), "text after the root: {rest:?}");
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    names
}

/// Whether the document has a text element that reads `text`.
fn has_text(svg: &str, text: &str) -> bool {
    svg.contains(&format!(">\n{text}\n</text>"))
}

fn count(svg: &str, needle: &str) -> usize {
    svg.matches(needle).count()
}

#[test]
fn every_chart_is_a_well_formed_accessible_document_of_fixed_size() {
    let c = case("2026-06-30");
    for lang in [Lang::Zh, Lang::En] {
        for (name, svg) in charts(&c, lang) {
            let names = elements(&svg);
            assert_eq!(names[0], "svg", "{name}");
            assert_eq!(names[1], "title", "{name}");
            assert_eq!(count(&svg, "<title>"), 1, "{name}");
            assert!(
                svg.starts_with(&format!(
                    "<svg width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\""
                )),
                "{name}"
            );
            assert!(!svg.contains("<script"), "{name}");
            assert!(!svg.contains("href"), "{name}");
            assert_eq!(count(&svg, "http"), 1, "{name}: only the namespace");
        }
    }
}

#[test]
fn the_case_study_charts_show_what_they_should() {
    let c = case("2026-06-30");
    let en = charts(&c, Lang::En);
    let get = |name: &str| en.iter().find(|(n, _)| *n == name).unwrap().1.clone();

    // Gantt: nine task bars, three of them critical (T-01, T-04, T-07), four
    // milestone diamonds, the critical path in the subtitle.
    let g = get("gantt");
    assert!(g.contains("critical path: T-01 → T-04 → T-07"));
    assert_eq!(
        count(&g, "fill=\"#D0453A\""),
        3 + 1,
        "critical bars and the legend"
    );
    assert_eq!(
        count(&g, "fill=\"#1F6FB2\""),
        6 + 1,
        "other bars and the legend"
    );
    assert_eq!(count(&g, "<polygon"), 4);
    assert!(has_text(&g, "2026-06-30"));

    // Risk matrix: four risks, each a marker in both panels.
    let r = get("risk-heatmap");
    assert_eq!(count(&r, "<circle"), 4 * 2 * 2);
    assert!(has_text(&r, "1 R-MARKET"));
    // 25 cells in each panel, each with a white border.
    assert_eq!(count(&r, "stroke=\"#FFFFFF\""), 25 * 2);

    // Budget: one band per budget line.
    let b = get("budget-burn");
    assert_eq!(count(&b, "<polygon"), c.plan.resources.budget.len());
    assert!(b.contains("CNY 17,000,000"));

    // Waterfall: expected and actual bars, three effects.
    let w = get("gap-waterfall");
    assert_eq!(count(&w, "fill=\"#9A9A9A\""), 2);
    assert!(has_text(&w, "52,800,000") && has_text(&w, "51,216,000"));
    assert!(has_text(&w, "-14,400,000") && has_text(&w, "+14,400,000"));

    // Bullets: one bar per KPI of the company, coloured by status.
    let k = get("kpi-bullets");
    let company = c
        .evaluation
        .kpis
        .iter()
        .filter(|k| k.node.is_empty())
        .count();
    assert_eq!(company, 6);
    assert!(has_text(&k, "97% · CNY 51,216,000"));

    // Histogram: one bar per bin, P(attain) written.
    let h = get("outcome-histogram");
    assert_eq!(
        count(&h, "fill=\"#1F6FB2\""),
        c.simulation.histogram.len() + 1
    );
    assert!(h.contains("P(attain) = "));

    // Burn-up: the run-rate and trend forecasts end in dots, the actual has
    // one per period so far.
    let u = get("burn-up");
    assert_eq!(count(&u, "<circle"), 2 + 6);
    assert!(has_text(&u, "CNY 51,216,000"));

    // Chinese keeps its words and amounts in 万 and 亿.
    let zh = charts(&c, Lang::Zh);
    let u = &zh[0].1;
    assert!(u.contains("5,121.6万元"), "{u}");
    assert!(u.contains("累计完成与目标"));
}

#[test]
fn charts_are_deterministic() {
    let a = charts(&case("2026-06-30"), Lang::Zh);
    let b = charts(&case("2026-06-30"), Lang::Zh);
    assert_eq!(a, b);
}

fn is_invalid(r: salesplan::Result<String>, name: &str) -> bool {
    matches!(r, Err(Error::InvalidArgument { name: n, .. }) if n == name)
}

#[test]
fn bad_arguments_are_errors() {
    let c = case("2026-06-30");
    let (p, e) = (&c.plan, &c.evaluation);
    assert!(is_invalid(
        burn_up(p, e, "K-NOPE", "", None, Lang::En),
        "kpi"
    ));
    assert!(is_invalid(
        burn_up(p, e, "K-REV", "region=mars", None, Lang::En),
        "node"
    ));
    assert!(is_invalid(
        burn_up(p, e, "K-CONV", "", None, Lang::En),
        "kpi"
    ));
    assert!(is_invalid(
        kpi_bullets(p, e, "region=mars", Lang::En),
        "node"
    ));
    assert!(is_invalid(
        gap_waterfall(e, "region=mars", Lang::En),
        "node"
    ));

    let mut cyclic = p.clone();
    cyclic.execution.tasks[0].depends_on = vec!["T-09".into()];
    assert!(is_invalid(gantt(&cyclic, c.as_of, Lang::Zh), "tasks"));
}

#[test]
fn odd_data_still_draws() {
    let c = case("2026-06-30");
    let lang = Lang::En;
    // A node of the hierarchy.
    let node = c
        .evaluation
        .kpis
        .iter()
        .find(|k| !k.node.is_empty())
        .map(|k| k.node.clone())
        .expect("a regional node");
    elements(&burn_up(&c.plan, &c.evaluation, "K-REV", &node, None, lang).unwrap());
    elements(&kpi_bullets(&c.plan, &c.evaluation, &node, lang).unwrap());
    elements(&gap_waterfall(&c.evaluation, &node, lang).unwrap());

    // No actuals at all: every value zero or missing.
    let empty = c
        .plan
        .evaluate(&Actuals::default(), &EvaluationOptions::as_of(c.as_of))
        .unwrap();
    elements(&burn_up(&c.plan, &empty, "K-REV", "", None, lang).unwrap());
    elements(&kpi_bullets(&c.plan, &empty, "", lang).unwrap());
    elements(&gap_waterfall(&empty, "", lang).unwrap());

    // Negative actuals, a KPI without a target.
    let mut negative = c.evaluation.clone();
    let mut plan = c.plan.clone();
    plan.kpis[0].target = None;
    for k in &mut negative.kpis {
        k.actual = k.actual.map(|v| -v);
        k.attainment = k.attainment.map(|v| -v);
        k.target = None;
        for p in &mut k.periods {
            p.actual = p.actual.map(|v| -v);
        }
    }
    elements(&burn_up(&plan, &negative, "K-REV", "", Some(&c.simulation), lang).unwrap());
    elements(&kpi_bullets(&plan, &negative, "", lang).unwrap());

    // A plan without periods, tasks or budget.
    let mut bare = c.plan.clone();
    bare.period.end = date("2025-12-31");
    bare.execution.tasks.clear();
    bare.execution.milestones.clear();
    bare.resources.budget.clear();
    elements(&burn_up(&bare, &c.evaluation, "K-REV", "", None, lang).unwrap());
    elements(&gantt(&bare, c.as_of, lang).unwrap());
    elements(&budget_burn(&bare, c.as_of, lang).unwrap());

    // A simulation without bins, all outcomes equal.
    let mut flat = c.simulation.clone();
    flat.histogram.clear();
    elements(&outcome_histogram(&flat, lang).unwrap());
    let mut single = c.simulation.clone();
    single.histogram.truncate(1);
    single.histogram[0].to = single.histogram[0].from;
    elements(&outcome_histogram(&single, lang).unwrap());

    // A matrix without cells.
    let mut register = c.plan.risk_register(None);
    register.matrix.likelihood_levels = 0;
    elements(&risk_heatmap(&register, lang).unwrap());
}
