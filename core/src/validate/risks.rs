//! Risks: the matrix itself, scores on it, and who handles the serious ones.

use super::Report;
use crate::plan::{Plan, RiskLevel};

pub(super) fn check(plan: &Plan, out: &mut Report) {
    let matrix = &plan.risks.matrix;
    let mut matrix_ok = true;
    if !(1..=10).contains(&matrix.likelihood_levels) || !(1..=10).contains(&matrix.impact_levels) {
        matrix_ok = false;
        out.error(
            "risk_matrix_invalid",
            "/risks/matrix",
            format!(
                "a {} × {} matrix is not usable; each side needs 1 to 10 levels",
                matrix.likelihood_levels, matrix.impact_levels
            ),
        );
    }
    let ordered = matrix
        .bands
        .windows(2)
        .all(|w| w[0].min_score < w[1].min_score && w[0].level < w[1].level);
    if matrix.bands.is_empty() || !ordered || matrix.bands[0].min_score > 1 {
        matrix_ok = false;
        out.error(
            "risk_matrix_invalid",
            "/risks/matrix/bands",
            "bands must start at score 1 and rise in both min_score and level",
        );
    }
    for (i, r) in plan.risks.register.iter().enumerate() {
        let path = format!("/risks/register/{i}");
        if !matrix_ok {
            continue;
        }
        for (field, value, max) in [
            ("likelihood", Some(r.likelihood), matrix.likelihood_levels),
            ("impact", Some(r.impact), matrix.impact_levels),
            (
                "residual_likelihood",
                r.residual_likelihood,
                matrix.likelihood_levels,
            ),
            ("residual_impact", r.residual_impact, matrix.impact_levels),
        ] {
            if let Some(v) = value.filter(|v| !(1..=max).contains(v)) {
                out.error(
                    "risk_off_matrix",
                    format!("{path}/{field}"),
                    format!(
                        "risk {} has {} {v}, outside the matrix's 1–{max}",
                        r.id,
                        field.replace('_', " ")
                    ),
                );
            }
        }
        if !matrix.contains(r.likelihood, r.impact) {
            continue;
        }
        let level = matrix.level(r.score());
        if level >= Some(RiskLevel::High) {
            let name = if level == Some(RiskLevel::Critical) {
                "critical"
            } else {
                "high"
            };
            if r.mitigations.is_empty() {
                out.warning(
                    "risk_unmitigated",
                    format!("{path}/mitigations"),
                    format!(
                        "{name} risk {} (score {}) has no mitigation",
                        r.id,
                        r.score()
                    ),
                );
            }
            if r.owner.as_deref().is_none_or(|o| o.trim().is_empty()) {
                out.warning(
                    "risk_no_owner",
                    format!("{path}/owner"),
                    format!("{name} risk {} (score {}) has no owner", r.id, r.score()),
                );
            }
        }
        let residual = r
            .residual_likelihood
            .unwrap_or(r.likelihood)
            .saturating_mul(r.residual_impact.unwrap_or(r.impact));
        if residual > r.score() {
            out.warning(
                "risk_residual_above_inherent",
                format!("{path}/residual_likelihood"),
                format!(
                    "risk {} scores {residual} after mitigation, above its inherent {}",
                    r.id,
                    r.score()
                ),
            );
        }
    }
}
