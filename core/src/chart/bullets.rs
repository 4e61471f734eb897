//! Bullet charts: each KPI's attainment against 100% over its threshold
//! bands.

use plotters::element::{PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};
use rust_decimal::Decimal;

use super::axis::Axis;
use super::canvas::{dec, fit, px, render, text_width};
use super::frame::{plot, Frame};
use super::style::{
    anchored, heading, legend, note, Swatch, BAD, GOOD, INK, LABEL, MUTED, SMALL, WARN,
};
use super::{has_node, invalid, node_name, Lang};
use crate::error::Result;
use crate::evaluate::{Evaluation, KpiResult, Status};
use crate::plan::{Direction, Kpi, Plan, ThresholdBasis};

/// Widest KPI name column, in pixels.
const NAMES: u32 = 200;

/// One bullet per KPI of `node` (`""` for the company), in the
/// evaluation's order: a bar for its attainment to date coloured by its
/// status, over bands for off track, at risk and on track from its
/// thresholds (0.85 and 0.95 when it has none; thresholds given as values
/// are turned into attainments against the expected value), a mark at 100%,
/// and the attainment and actual written at the right. A KPI without an
/// attainment gets a row without a bar.
///
/// # Errors
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) when the
/// evaluation has no result for the node.
pub fn kpi_bullets(plan: &Plan, evaluation: &Evaluation, node: &str, lang: Lang) -> Result<String> {
    if !has_node(evaluation, node) {
        return Err(invalid(
            "node",
            format!("no node {node:?} in the evaluation"),
        ));
    }
    let rows: Vec<(&KpiResult, Option<&Kpi>)> = evaluation
        .kpis
        .iter()
        .filter(|k| k.node == node)
        .map(|k| (k, plan.kpis.iter().find(|d| d.id.as_str() == k.kpi)))
        .collect();
    let title = lang.pick("KPI 达成", "KPI attainment").to_owned();
    let subtitle = format!(
        "{} · {} {} · {}",
        node_name(node, lang),
        lang.pick("截至", "as of"),
        lang.date(evaluation.as_of),
        lang.pick("对照截至当日的预期", "against what was expected by then"),
    );
    let currency = plan.currency.as_str();
    let m = rows.len();
    let names: Vec<String> = rows
        .iter()
        .map(|(r, d)| fit(d.map_or(r.kpi.as_str(), |d| d.name.as_str()), LABEL, NAMES))
        .collect();
    let left = names
        .iter()
        .map(|n| text_width(n, LABEL))
        .max()
        .unwrap_or(0)
        + 14;
    let bands: Vec<(f64, f64)> = rows.iter().map(|(r, d)| thresholds(r, *d)).collect();
    let most = rows
        .iter()
        .filter_map(|(r, _)| r.attainment.map(px))
        .chain(bands.iter().map(|b| b.0))
        .fold(1.2f64, f64::max)
        .min(2.0);

    render(&title, |root| {
        heading(root, &title, &subtitle)?;
        legend(
            root,
            &[
                (lang.pick("达标", "on track").to_owned(), GOOD, Swatch::Fill),
                (
                    lang.pick("有风险", "at risk").to_owned(),
                    WARN,
                    Swatch::Fill,
                ),
                (
                    lang.pick("未达标", "off track").to_owned(),
                    BAD,
                    Swatch::Fill,
                ),
            ],
        )?;
        if m == 0 {
            return note(root, lang.pick("没有 KPI", "No KPIs"));
        }
        let x = Axis::nice(0.0, most, 6);
        let xmax = x.hi();
        let y = Axis::categories(m);
        let x_label = |v: &f64| lang.percent(dec(*v, 4));
        let y_label = super::frame::row_labels(&names);
        let mut frame = Frame::new(x, y, &x_label, &y_label);
        frame.left = left;
        frame.right = 150;
        frame.x_grid = true;
        frame.y_grid = false;
        let mut chart = plot(root, &frame)?;

        for (i, ((result, def), (on, off))) in rows.iter().zip(&bands).enumerate() {
            let mid = (m - i) as f64 - 0.5;
            let band = |from: f64, to: f64, colour: RGBColor| {
                Rectangle::new(
                    [
                        (from.clamp(0.0, xmax), mid - 0.32),
                        (to.clamp(0.0, xmax), mid + 0.32),
                    ],
                    colour.mix(0.16).filled(),
                )
            };
            chart.draw_series([
                band(0.0, *off, BAD),
                band(*off, *on, WARN),
                band(*on, xmax, GOOD),
            ])?;
            if let Some(a) = result.attainment {
                let colour = match result.status {
                    Some(Status::OnTrack) => GOOD,
                    Some(Status::AtRisk) => WARN,
                    Some(Status::OffTrack) => BAD,
                    None => MUTED,
                };
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, mid - 0.13), (px(a).clamp(0.0, xmax), mid + 0.13)],
                    colour.filled(),
                )))?;
            }
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(1.0, mid - 0.3), (1.0, mid + 0.3)],
                INK.stroke_width(2),
            )))?;
            let unit = def.map_or(crate::plan::KpiUnit::Count, |d| d.unit);
            let text = match (result.attainment, result.actual) {
                (Some(a), Some(v)) => {
                    format!("{} · {}", lang.percent(a), lang.value(v, unit, currency))
                }
                (Some(a), None) => lang.percent(a),
                (None, Some(v)) => lang.value(v, unit, currency),
                (None, None) => lang.pick("无数据", "no data").to_owned(),
            };
            chart.draw_series(std::iter::once(Text::new(
                text,
                (xmax, mid),
                anchored(SMALL, &INK, HPos::Left, VPos::Center),
            )))?;
        }
        Ok(())
    })
}

/// The on-track and off-track attainments of a KPI's bands.
fn thresholds(result: &KpiResult, def: Option<&Kpi>) -> (f64, f64) {
    let default = (0.95, 0.85);
    let Some(t) = def.and_then(|d| d.thresholds.as_ref()) else {
        return default;
    };
    match t.basis {
        ThresholdBasis::Attainment => (px(t.on_track), px(t.off_track)),
        ThresholdBasis::Value => {
            let Some(expected) = result.expected.filter(|e| *e > Decimal::ZERO) else {
                return default;
            };
            let lower = def.is_some_and(|d| d.direction == Direction::LowerIsBetter);
            let as_attainment = |v: Decimal| -> Option<f64> {
                if v <= Decimal::ZERO {
                    return None;
                }
                let a = if lower {
                    expected.checked_div(v)?
                } else {
                    v.checked_div(expected)?
                };
                Some(px(a))
            };
            match (as_attainment(t.on_track), as_attainment(t.off_track)) {
                (Some(on), Some(off)) => (on, off),
                _ => default,
            }
        }
    }
}
