//! `salesplan evaluate --scorecard`: scorecards after the KPI table.

use std::path::Path;

use rust_decimal::Decimal;
use salesplan::evaluate::scorecard::{RubricScore, Scorecard, ScorecardOptions, Subject};
use salesplan::evaluate::Evaluation;
use salesplan::Plan;

/// Reads the rubric scores (a JSON array of `{criterion, score, reviewer,
/// owner?, node?, …}`), none without a file.
pub(crate) fn rubrics(path: Option<&Path>) -> Result<Vec<RubricScore>, String> {
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The scorecards with the core's default options.
pub(crate) fn scorecards(
    plan: &Plan,
    evaluation: &Evaluation,
    rubrics: &[RubricScore],
) -> Result<Vec<Scorecard>, String> {
    plan.scorecards(evaluation, rubrics, &ScorecardOptions::default())
        .map_err(|e| e.to_string())
}

fn points(v: Option<Decimal>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| format!("{:.1}", v))
}

/// One line per scorecard: subject, name, KPI points, rubric points, the
/// combined score and the grade.
pub(crate) fn table(cards: &[Scorecard]) -> String {
    let mut out = String::from("\nScorecards (KPI attainment 70%, rubrics 30%)\n\n");
    out.push_str(&format!(
        "{:<8} {:<36} {:>8} {:>8} {:>8}  {}\n",
        "subject", "name", "KPI", "rubric", "score", "grade"
    ));
    for card in cards {
        let (subject, name) = match card.subject {
            Subject::Company => ("company", "—"),
            Subject::Owner => ("owner", card.name.as_str()),
            Subject::Node => ("node", card.name.as_str()),
        };
        out.push_str(&format!(
            "{:<8} {:<36} {:>8} {:>8} {:>8}  {}\n",
            subject,
            name,
            points(card.kpi_score),
            points(card.rubric_score),
            points(Some(card.score)),
            card.grade
        ));
    }
    out
}
