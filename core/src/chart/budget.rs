//! The budget as it is planned to be spent: each line's phased amount,
//! cumulative over the periods, stacked.

use chrono::NaiveDate;
use plotters::element::{PathElement, Polygon, Text};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;
use rust_decimal::Decimal;

use super::axis::Axis;
use super::canvas::{dec, fit, px, render, text_width, WIDTH};
use super::frame::{plot, Frame};
use super::style::{anchored, heading, legend, note, Swatch, INK, SERIES, SMALL, TODAY};
use super::timeline::position;
use super::Lang;
use crate::error::Result;
use crate::plan::{BudgetLine, Plan};

/// Widest line name at the right of the plot, in pixels.
const NAMES: u32 = 130;

/// The plan's budget lines stacked in the plan's order, each as a band
/// whose height at the end of a period is what the line plans to have
/// spent by then: its amount times the period's share in its `phasing`
/// (an even spread when it has none), cumulated. The total is the upper
/// edge; the lines are named at the right; `as_of` is marked. The axes,
/// the legend row and the right margin are laid out for the planned
/// amounts alone, so recorded spend can later be drawn as one more line
/// over the same picture.
///
/// # Errors
/// Does not fail today; returns a `Result` like the other charts so that
/// checks can be added without changing the signature.
pub fn budget_burn(plan: &Plan, as_of: NaiveDate, lang: Lang) -> Result<String> {
    let periods = plan.periods();
    let names: Vec<String> = periods.iter().map(ToString::to_string).collect();
    let lines = &plan.resources.budget;
    let n = names.len();
    // Cumulative planned spend of each line at the end of each period.
    let even = plan.even_weights();
    let cumulative: Vec<Vec<Decimal>> = lines.iter().map(|l| cumulate(l, &names, &even)).collect();
    // The stack: the upper edge of line k is the sum of lines 0..=k.
    let mut stack: Vec<Vec<f64>> = Vec::with_capacity(lines.len());
    let mut running = vec![Decimal::ZERO; n];
    for line in &cumulative {
        for (r, v) in running.iter_mut().zip(line) {
            *r = r.checked_add(*v).unwrap_or(*r);
        }
        stack.push(running.iter().map(|v| px(*v)).collect());
    }
    let total = running.last().copied().unwrap_or_default();
    let currency = plan.currency.as_str();
    let title = lang.pick("预算支出计划", "Planned budget spend").to_owned();
    let subtitle = format!(
        "{} {} · {} {}",
        lang.pick("合计", "total"),
        lang.money(total, currency),
        lang.pick("截至", "as of"),
        lang.date(as_of)
    );

    render(&title, |root| {
        heading(root, &title, &subtitle)?;
        legend(
            root,
            &[(lang.pick("今天", "today").to_owned(), TODAY, Swatch::Line)],
        )?;
        if n == 0 || lines.is_empty() {
            return note(
                root,
                lang.pick("计划没有期间或预算", "The plan has no periods or no budget"),
            );
        }
        let hi = stack.iter().flatten().copied().fold(0.0, f64::max);
        let lo = stack.iter().flatten().copied().fold(0.0, f64::min);
        let y = Axis::nice(lo, hi, 6);
        let tick_names = super::timeline::axis_names(&periods);
        let label_w = tick_names
            .iter()
            .map(|s| text_width(s, SMALL))
            .max()
            .unwrap_or(0)
            + 12;
        let every = (n as u32).saturating_mul(label_w) as usize / (WIDTH as usize - 240) + 1;
        let ticks: Vec<f64> = (1..=n)
            .filter(|i| (n - i) % every == 0)
            .map(|i| i as f64)
            .collect();
        let x = Axis::fixed(0.0, n as f64, ticks);
        let x_label = move |v: &f64| {
            let i = v.round() as usize;
            tick_names
                .get(i.wrapping_sub(1))
                .cloned()
                .unwrap_or_default()
        };
        let y_label = |v: &f64| lang.tick(dec(*v, 2));
        let mut frame = Frame::new(x, y, &x_label, &y_label);
        frame.right = NAMES + 16;
        frame.y_desc = Some(lang.currency(currency));
        let mut chart = plot(root, &frame)?;

        let zero = vec![0.0; n];
        for (k, upper) in stack.iter().enumerate() {
            let lower = if k == 0 { &zero } else { &stack[k - 1] };
            let colour = SERIES[k % SERIES.len()];
            let mut outline: Vec<(f64, f64)> = vec![(0.0, 0.0)];
            outline.extend(upper.iter().enumerate().map(|(i, v)| ((i + 1) as f64, *v)));
            outline.extend(
                lower
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(i, v)| ((i + 1) as f64, *v)),
            );
            chart.draw_series([Polygon::new(outline, colour.mix(0.75).filled())])?;
            let end_mid = (upper[n - 1] + lower[n - 1]) / 2.0;
            let name = fit(&lines[k].name, SMALL, NAMES);
            chart.draw_series([Text::new(
                name,
                (n as f64, end_mid),
                anchored(SMALL, &colour, HPos::Left, VPos::Center),
            )])?;
        }
        if let Some(top) = stack.last() {
            let mut edge: Vec<(f64, f64)> = vec![(0.0, 0.0)];
            edge.extend(top.iter().enumerate().map(|(i, v)| ((i + 1) as f64, *v)));
            chart.draw_series([PathElement::new(edge, INK.stroke_width(1))])?;
        }
        let today = position(plan, &periods, as_of);
        chart.draw_series([PathElement::new(
            vec![(today, frame.y.lo()), (today, frame.y.hi())],
            TODAY.stroke_width(1),
        )])?;
        let anchor = if today > n as f64 * 0.8 {
            HPos::Right
        } else {
            HPos::Left
        };
        chart.draw_series([Text::new(
            lang.date(as_of),
            (today, frame.y.hi()),
            anchored(SMALL, &TODAY, anchor, VPos::Top),
        )])?;
        Ok(())
    })
}

/// A line's cumulative planned spend at the end of each period.
/// `even` is the plan's [`Plan::even_weights`] for a line without phasing.
fn cumulate(line: &BudgetLine, names: &[String], even: &[Decimal]) -> Vec<Decimal> {
    let count = Decimal::from(names.len().max(1));
    let days: Decimal = even.iter().sum();
    let by_days = even.iter().any(|w| *w != Decimal::ONE);
    let mut sum = Decimal::ZERO;
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let part = if line.phasing.is_empty() && by_days {
                even.get(i)
                    .and_then(|w| line.amount.checked_mul(*w))
                    .and_then(|v| v.checked_div(days))
            } else if line.phasing.is_empty() {
                line.amount.checked_div(count)
            } else {
                line.phasing
                    .get(name)
                    .and_then(|share| line.amount.checked_mul(*share))
            };
            sum = sum.checked_add(part.unwrap_or_default()).unwrap_or(sum);
            sum
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_spread_evenly_or_by_their_phasing() {
        let plan = crate::example_plan();
        let names: Vec<String> = plan.periods().iter().map(ToString::to_string).collect();
        let line = |id: &str| {
            plan.resources
                .budget
                .iter()
                .find(|l| l.id.as_str() == id)
                .unwrap()
        };
        let weights = plan.even_weights();
        let even = cumulate(line("B-LAUNCH"), &names, &weights);
        assert_eq!(even[0], Decimal::new(500_000, 0));
        assert_eq!(even[11], Decimal::new(6_000_000, 0));
        let phased = cumulate(line("B-PROMO"), &names, &weights);
        assert_eq!(phased[2], Decimal::ZERO);
        assert_eq!(phased[3], Decimal::new(1_000_000, 0));
        assert_eq!(phased[11], Decimal::new(5_000_000, 0));
    }
}
