//! The simulated outcomes as a histogram, with the target marked.

use plotters::element::{PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

use super::axis::Axis;
use super::canvas::{dec, px, render};
use super::frame::{plot, Frame};
use super::style::{anchored, heading, legend, note, Swatch, ACTUAL, INK, LABEL, SMALL, TODAY};
use super::Lang;
use crate::error::Result;
use crate::risk::simulate::Simulation;

/// The simulation's histogram (its equal-width bins of outcomes), with a
/// line at the target, faint lines at P10, P50 and P90, and the chance of
/// reaching the target written by the line. Amounts are in the plan
/// currency, which the simulation does not name, so they are written
/// without it.
///
/// # Errors
/// Does not fail today; returns a `Result` like the other charts so that
/// checks can be added without changing the signature.
pub fn outcome_histogram(simulation: &Simulation, lang: Lang) -> Result<String> {
    let title = lang.pick("模拟结果分布", "Simulated outcomes").to_owned();
    let subtitle = format!(
        "{} {} · {} {} · {} {}",
        simulation.goal,
        lang.date(simulation.end),
        lang.number(simulation.trials.into()),
        lang.pick("次模拟", "trials"),
        lang.pick("截至", "as of"),
        lang.date(simulation.as_of),
    );
    render(&title, |root| {
        heading(root, &title, &subtitle)?;
        legend(
            root,
            &[
                (lang.pick("次数", "trials").to_owned(), ACTUAL, Swatch::Fill),
                (lang.pick("目标", "target").to_owned(), TODAY, Swatch::Line),
            ],
        )?;
        let bins = &simulation.histogram;
        if bins.is_empty() {
            return note(root, lang.pick("没有模拟结果", "No simulated outcomes"));
        }
        let target = px(simulation.target);
        let lo = bins.iter().map(|b| px(b.from)).fold(target, f64::min);
        let hi = bins.iter().map(|b| px(b.to)).fold(target, f64::max);
        let x = Axis::nice(lo, hi, 6);
        let most = bins.iter().map(|b| b.count).max().unwrap_or(0);
        let y = Axis::nice(0.0, f64::from(most.max(1)) * 1.12, 5);
        let x_label = |v: &f64| lang.tick(dec(*v, 2));
        let y_label = |v: &f64| lang.number(dec(*v, 0));
        let mut frame = Frame::new(x, y, &x_label, &y_label);
        frame.x_desc = Some(lang.pick("结果", "outcome").to_owned());
        frame.bottom = 40;
        frame.right = 40;
        let mut chart = plot(root, &frame)?;
        chart.draw_series(bins.iter().map(|b| {
            Rectangle::new(
                [(px(b.from), 0.0), (px(b.to), f64::from(b.count))],
                ACTUAL.mix(0.75).filled(),
            )
        }))?;
        chart.draw_series(bins.iter().map(|b| {
            Rectangle::new(
                [(px(b.from), 0.0), (px(b.to), f64::from(b.count))],
                plotters::style::WHITE.stroke_width(1),
            )
        }))?;
        let top = frame.y.hi();
        for (name, value) in [
            ("P10", simulation.p10),
            ("P50", simulation.p50),
            ("P90", simulation.p90),
        ] {
            let v = px(value);
            chart.draw_series([PathElement::new(
                vec![(v, 0.0), (v, top * 0.84)],
                INK.mix(0.45).stroke_width(1),
            )])?;
            chart.draw_series([Text::new(
                name.to_owned(),
                (v, top * 0.84),
                anchored(SMALL, &INK, HPos::Center, VPos::Bottom),
            )])?;
        }
        chart.draw_series([PathElement::new(
            vec![(target, 0.0), (target, top)],
            TODAY.stroke_width(2),
        )])?;
        let chance = format!(
            "{} {} · P({}) = {}",
            lang.pick("目标", "target"),
            lang.tick(simulation.target),
            lang.pick("达成", "attain"),
            lang.percent(simulation.probability),
        );
        let (anchor, shift) = if target > (frame.x.lo() + frame.x.hi()) / 2.0 {
            (HPos::Right, -(frame.x.hi() - frame.x.lo()) * 0.01)
        } else {
            (HPos::Left, (frame.x.hi() - frame.x.lo()) * 0.01)
        };
        chart.draw_series([Text::new(
            chance,
            (target + shift, top * 0.99),
            anchored(LABEL, &TODAY, anchor, VPos::Top),
        )])?;
        Ok(())
    })
}
