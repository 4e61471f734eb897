//! The review of the case study at mid-year, in both languages and formats.

use chrono::NaiveDate;

use super::*;
use crate::actuals::LoadMode;
use crate::evaluate::EvaluationOptions;

fn review_of(as_of: &str, options: &ReportOptions) -> String {
    let plan = crate::example_plan();
    let csv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/evaluations/case-study/actuals.csv"
    ))
    .unwrap();
    let actuals = plan
        .actuals_from_csv(&csv, LoadMode::Strict)
        .unwrap()
        .actuals;
    let mut eval_options = EvaluationOptions::as_of(as_of.parse::<NaiveDate>().unwrap());
    eval_options.hierarchy = vec!["region".into()];
    let evaluation = plan.evaluate(&actuals, &eval_options).unwrap();
    let register = plan.risk_register(Some(&evaluation));
    let proposals = plan.propose(&evaluation, &[]).unwrap();
    let review = Review {
        plan: &plan,
        evaluation: &evaluation,
        register: &register,
        simulation: None,
        proposals: Some(&proposals),
    };
    render(&review, options).unwrap()
}

#[test]
fn the_mid_year_review_in_chinese_html() {
    let html = review_of("2026-06-30", &ReportOptions::default());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    for section in ["headline", "kpis", "gap", "risks", "proposals", "execution"] {
        assert!(
            html.contains(&format!("<section id=\"{section}\">")),
            "{section}"
        );
    }
    assert!(html.contains("经营复盘"));
    assert!(html.contains("2026年6月30日"));
    assert!(html.contains("1.2亿"));
    assert!(html.contains("R-CONV-SERVICE@2026-06-30"));
    assert!(html.contains("全部采纳后生成第 2 版"));
    assert!(!html.contains("<script"));
    // No link to anything: the only address is the SVG namespace's name.
    let named = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!named.contains("http://") && !named.contains("https://"));
    assert!(!html.contains("href=") && !html.contains("src="));
    assert_eq!(
        html.matches("<svg").count(),
        6,
        "every picture but the simulation's"
    );
    assert!(html.ends_with("</html>\n"));
}

#[test]
fn the_mid_year_review_in_english_markdown() {
    let md = review_of(
        "2026-06-30",
        &ReportOptions {
            lang: Lang::En,
            format: Format::Markdown,
        },
    );
    assert!(md.starts_with("# "));
    assert!(md.contains("Plan review"));
    assert!(md.contains("## KPIs by node"));
    assert!(md.contains("| KPI | Node | Target |"));
    assert!(md.contains("| --- | --- | ---: |"));
    assert!(md.contains("Accepting them all makes revision 2"));
    assert!(md.contains("30 Jun 2026"));
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let a = review_of("2026-12-31", &ReportOptions::default());
    let b = review_of("2026-12-31", &ReportOptions::default());
    assert_eq!(a, b);
}

#[test]
fn text_is_escaped() {
    assert_eq!(
        html::escape("<a href=\"x\">&'"),
        "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
    );
}

#[test]
fn languages_and_formats_read_from_text() {
    assert_eq!("md".parse::<Format>().unwrap(), Format::Markdown);
    assert_eq!(
        "pdf".parse::<Format>().unwrap_err().code(),
        "invalid_argument"
    );
}
