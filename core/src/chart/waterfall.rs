//! The revenue gap as a waterfall: expected, the lead-volume, conversion
//! and deal-size effects, actual.

use plotters::element::{PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;
use rust_decimal::Decimal;

use super::axis::Axis;
use super::canvas::{dec, px, render};
use super::frame::{plot, Frame};
use super::style::{anchored, heading, legend, note, Swatch, BAD, GOOD, INK, MUTED, PLAN, SMALL};
use super::{has_node, invalid, node_name, Lang};
use crate::error::Result;
use crate::evaluate::Evaluation;

/// The revenue gap of `node` (`""` for the company) from the evaluation's
/// `gaps`: a bar for the revenue expected by `as_of`, one step each for the
/// volume, conversion and deal-size effects (green up, red down), and a
/// bar for the actual revenue, each with its amount. The expected revenue
/// is the revenue KPI's expected value (the KPI of the node whose actual
/// minus expected is the gap's variance); when none matches, the bars
/// start from zero and show the variance alone. A node the evaluation knows
/// but without a gap analysis gets a chart saying so. Amounts are in the
/// plan currency, which the evaluation does not name, so they are written
/// without it.
///
/// # Errors
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) when the
/// evaluation has no result for the node.
pub fn gap_waterfall(evaluation: &Evaluation, node: &str, lang: Lang) -> Result<String> {
    let gap = evaluation.gaps.iter().find(|g| g.node == node);
    if gap.is_none() && !has_node(evaluation, node) {
        return Err(invalid(
            "node",
            format!("no node {node:?} in the evaluation"),
        ));
    }
    let title = lang
        .pick("收入差距分解", "Revenue gap, explained")
        .to_owned();
    let subtitle = format!(
        "{} · {} {}",
        node_name(node, lang),
        lang.pick("截至", "as of"),
        lang.date(evaluation.as_of)
    );
    render(&title, |root| {
        heading(root, &title, &subtitle)?;
        legend(
            root,
            &[
                (lang.pick("增加", "gain").to_owned(), GOOD, Swatch::Fill),
                (lang.pick("减少", "loss").to_owned(), BAD, Swatch::Fill),
            ],
        )?;
        let Some(gap) = gap else {
            return note(
                root,
                lang.pick("这一节点没有差距分解", "No gap analysis for this node"),
            );
        };
        let e = gap.effects;
        let expected = evaluation
            .kpis
            .iter()
            .filter(|k| k.node == node)
            .find_map(|k| {
                let (a, x) = (k.actual?, k.expected?);
                (a.checked_sub(x)? == e.variance).then_some(x)
            });
        let start = expected.unwrap_or(Decimal::ZERO);
        let steps = [e.volume, e.conversion, e.deal_size];
        let mut level = start;
        let mut bars: Vec<(Decimal, Decimal, bool)> = vec![(Decimal::ZERO, start, true)];
        for s in steps {
            let next = level.checked_add(s).unwrap_or(level);
            bars.push((level, next, false));
            level = next;
        }
        let end = start.checked_add(e.variance).unwrap_or(level);
        bars.push((Decimal::ZERO, end, true));
        let names = [
            lang.pick("预期", "expected"),
            lang.pick("线索量", "lead volume"),
            lang.pick("转化率", "conversion"),
            lang.pick("客单价", "deal size"),
            lang.pick("实际", "actual"),
        ];

        let values: Vec<f64> = bars.iter().flat_map(|(a, b, _)| [px(*a), px(*b)]).collect();
        let lo = values.iter().copied().fold(0.0, f64::min);
        let hi = values.iter().copied().fold(0.0, f64::max);
        let y = Axis::nice(lo, hi, 6);
        let x = Axis::categories(bars.len());
        let x_label = |v: &f64| {
            names
                .get(v.floor() as usize)
                .copied()
                .unwrap_or("")
                .to_owned()
        };
        let y_label = |v: &f64| lang.tick(dec(*v, 2));
        let frame = Frame::new(x, y, &x_label, &y_label);
        let mut chart = plot(root, &frame)?;

        for (i, (from, to, total)) in bars.iter().enumerate() {
            let colour = if *total {
                PLAN
            } else if to >= from {
                GOOD
            } else {
                BAD
            };
            let x0 = i as f64 + 0.2;
            let x1 = i as f64 + 0.8;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(x0, px(*from)), (x1, px(*to))],
                colour.filled(),
            )))?;
            if i + 1 < bars.len() {
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x1, px(*to)), (x1 + 0.4, px(*to))],
                    MUTED.stroke_width(1),
                )))?;
            }
            let amount = if *total {
                *to
            } else {
                to.checked_sub(*from).unwrap_or_default()
            };
            let mut text = lang.tick(amount);
            if !*total && amount > Decimal::ZERO {
                text.insert(0, '+');
            }
            let top = px(*from).max(px(*to));
            chart.draw_series(std::iter::once(Text::new(
                text,
                (i as f64 + 0.5, top),
                anchored(SMALL, &INK, HPos::Center, VPos::Bottom),
            )))?;
        }
        if expected.is_none() {
            chart.draw_series(std::iter::once(Text::new(
                lang.pick(
                    "预期收入未知：自零起",
                    "expected revenue unknown: from zero",
                )
                .to_owned(),
                (0.1, frame.y.hi()),
                anchored(SMALL, &MUTED, HPos::Left, VPos::Top),
            )))?;
        }
        Ok(())
    })
}
