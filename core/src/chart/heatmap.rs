//! The risk matrix: likelihood × impact with every risk placed, before and
//! after its mitigations.

use plotters::element::{Circle, Rectangle, Text};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor, WHITE};

use super::axis::Axis;
use super::canvas::{fit, render, text_width, DrawError, Root, HEIGHT, WIDTH};
use super::frame::{plot, Frame};
use super::style::{anchored, font, heading, legend, note, Swatch, HEAD, INK, LABEL, SMALL};
use super::Lang;
use crate::error::Result;
use crate::plan::{RiskLevel, RiskMatrix};
use crate::risk::register::{RiskRegister, Score, ScoredRisk};

/// Cells below every band.
const UNBANDED: RGBColor = RGBColor(0xF2, 0xF2, 0xF2);

/// The colour of a level's cells.
fn colour(level: Option<RiskLevel>) -> RGBColor {
    match level {
        Some(RiskLevel::Low) => RGBColor(0xCD, 0xE8, 0xC9),
        Some(RiskLevel::Medium) => RGBColor(0xFF, 0xE8, 0xA3),
        Some(RiskLevel::High) => RGBColor(0xF8, 0xBE, 0x86),
        Some(RiskLevel::Critical) => RGBColor(0xEE, 0x8A, 0x80),
        None => UNBANDED,
    }
}

/// The register's likelihood × impact matrix twice, inherent (before
/// mitigation) on the left and residual (after) on the right: cells
/// coloured by the level of their score, each risk a numbered marker in its
/// cell, and under the panels the key from numbers to risk ids. Risks off
/// the matrix are left out of the panels but keep their number in the key.
///
/// # Errors
/// Does not fail today; returns a `Result` like the other charts so that
/// checks can be added without changing the signature.
pub fn risk_heatmap(register: &RiskRegister, lang: Lang) -> Result<String> {
    let title = lang.pick("风险矩阵", "Risk matrix").to_owned();
    let subtitle = match register.as_of {
        Some(d) => format!("{} {}", lang.pick("截至", "as of"), lang.date(d)),
        None => lang.pick("按计划评分", "as planned").to_owned(),
    };
    let matrix = &register.matrix;
    render(&title, |root| {
        heading(root, &title, &subtitle)?;
        let mut bands: Vec<_> = matrix.bands.iter().collect();
        bands.sort_by_key(|b| b.min_score);
        let entries: Vec<(String, RGBColor, Swatch)> = bands
            .iter()
            .map(|b| {
                let label = match lang {
                    Lang::Zh => b.label_zh.clone(),
                    Lang::En => b.label_en.clone(),
                };
                (
                    label.unwrap_or_else(|| level_name(b.level, lang).to_owned()),
                    colour(Some(b.level)),
                    Swatch::Fill,
                )
            })
            .collect();
        legend(root, &entries)?;
        if matrix.likelihood_levels == 0 || matrix.impact_levels == 0 {
            return note(root, lang.pick("风险矩阵为空", "The risk matrix is empty"));
        }
        let body = root.margin(HEAD, 26, 0, 0);
        let (left, right) = body.split_horizontally(WIDTH / 2);
        panel(
            &left,
            matrix,
            &register.risks,
            |r| &r.inherent,
            lang.pick("固有风险", "inherent"),
            lang,
        )?;
        panel(
            &right,
            matrix,
            &register.risks,
            |r| &r.residual,
            lang.pick("剩余风险", "residual"),
            lang,
        )?;
        key(root, &register.risks)
    })
}

/// One matrix with the risks at the scores `score` picks.
fn panel(
    area: &Root<'_>,
    matrix: &RiskMatrix,
    risks: &[ScoredRisk],
    score: impl Fn(&ScoredRisk) -> &Score,
    caption: &str,
    lang: Lang,
) -> Result<(), DrawError> {
    let (levels_l, levels_i) = (matrix.likelihood_levels, matrix.impact_levels);
    let x = Axis::categories(levels_i as usize);
    let y = Axis::categories(levels_l as usize);
    let x_label = |v: &f64| format!("{}", v.floor() as i64 + 1);
    let y_label = |v: &f64| format!("{}", v.floor() as i64 + 1);
    let mut frame = Frame::new(x, y, &x_label, &y_label);
    frame.top = 22;
    frame.left = 36;
    frame.bottom = 34;
    frame.right = 20;
    frame.y_grid = false;
    frame.y_desc = Some(lang.pick("可能性", "likelihood").to_owned());
    frame.x_desc = Some(lang.pick("影响", "impact").to_owned());
    area.draw(&Text::new(caption.to_owned(), (44, 10), font(LABEL, &INK)))?;
    let mut chart = plot(area, &frame)?;
    for l in 1..=levels_l {
        for i in 1..=levels_i {
            let level = matrix.level(l.saturating_mul(i));
            let cell = [((i - 1) as f64, (l - 1) as f64), (i as f64, l as f64)];
            chart.draw_series([
                Rectangle::new(cell, colour(level).filled()),
                Rectangle::new(cell, WHITE.stroke_width(2)),
            ])?;
        }
    }
    // Risks sharing a cell sit side by side, three to a row.
    let mut placed: Vec<(u32, u32)> = Vec::new();
    for (n, risk) in risks.iter().enumerate() {
        let s = score(risk);
        if !matrix.contains(s.likelihood, s.impact) {
            continue;
        }
        let before = placed
            .iter()
            .filter(|c| **c == (s.likelihood, s.impact))
            .count();
        placed.push((s.likelihood, s.impact));
        let cx = f64::from(s.impact - 1) + 0.22 + 0.28 * (before % 3) as f64;
        let cy = f64::from(s.likelihood) - 0.3 - 0.36 * ((before / 3) % 3) as f64;
        chart.draw_series([Circle::new((cx, cy), 8, WHITE.filled())])?;
        chart.draw_series([Circle::new((cx, cy), 8, INK.stroke_width(1))])?;
        chart.draw_series([Text::new(
            format!("{}", n + 1),
            (cx, cy),
            anchored(SMALL, &INK, HPos::Center, VPos::Center),
        )])?;
    }
    Ok(())
}

/// The key from marker numbers to risk ids, in one line under the panels.
fn key(root: &Root<'_>, risks: &[ScoredRisk]) -> Result<(), DrawError> {
    let mut x = 14i32;
    let y = HEIGHT as i32 - 12;
    for (n, risk) in risks.iter().enumerate() {
        let text = fit(&format!("{} {}", n + 1, risk.risk), SMALL, 160);
        let w = text_width(&text, SMALL) as i32 + 16;
        if x + w > WIDTH as i32 - 14 {
            root.draw(&Text::new("…".to_owned(), (x, y), font(SMALL, &INK)))?;
            break;
        }
        root.draw(&Text::new(text, (x, y), font(SMALL, &INK)))?;
        x += w;
    }
    Ok(())
}

/// A level's name when its band has no label.
fn level_name(level: RiskLevel, lang: Lang) -> &'static str {
    match level {
        RiskLevel::Low => lang.pick("低", "low"),
        RiskLevel::Medium => lang.pick("中", "medium"),
        RiskLevel::High => lang.pick("高", "high"),
        RiskLevel::Critical => lang.pick("极高", "critical"),
    }
}
