//! Burn-up: the cumulative actual of an additive KPI against its cumulative
//! phased target, with the forecasts to the plan's end.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use plotters::element::{Circle, PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;
use rust_decimal::Decimal;

use super::axis::Axis;
use super::canvas::{dec, px, render, text_width, WIDTH};
use super::frame::{plot, Frame};
use super::style::{
    anchored, heading, legend, note, Swatch, ACTUAL, INK, LABEL, PLAN, RUN_RATE, SMALL, TODAY,
    TREND,
};
use super::timeline::position;
use super::{has_node, invalid, node_name, Lang};
use crate::error::Result;
use crate::evaluate::{Evaluation, KpiResult};
use crate::plan::{Kpi, Plan};
use crate::risk::simulate::Simulation;

/// The burn-up of `kpi` for `node` (`""` for the company): the cumulative
/// actual by period, the cumulative target by period (the evaluation's
/// period targets, then the rest of the target spread over the remaining
/// periods by the KPI's own targets or its goal's seasonality, evenly
/// without either), lines from the actual at `as_of` to the run-rate and
/// trend forecasts at the plan's end, and with a simulation its P10–P90
/// band and median at the end. `as_of` is marked.
///
/// # Errors
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) when the KPI
/// is not in the plan, is not a single `sum(…)` of a measure, or has no
/// result for the node.
pub fn burn_up(
    plan: &Plan,
    evaluation: &Evaluation,
    kpi: &str,
    node: &str,
    simulation: Option<&Simulation>,
    lang: Lang,
) -> Result<String> {
    let def = plan
        .kpis
        .iter()
        .find(|k| k.id.as_str() == kpi)
        .ok_or_else(|| invalid("kpi", format!("no KPI {kpi:?} in the plan")))?;
    if !additive(&def.formula) {
        return Err(invalid(
            "kpi",
            format!("KPI {kpi} is not a sum of one measure, so it does not add up over periods"),
        ));
    }
    let result = evaluation
        .kpis
        .iter()
        .find(|k| k.kpi == kpi && k.node == node)
        .ok_or_else(|| {
            if has_node(evaluation, node) {
                invalid("kpi", format!("no result for KPI {kpi:?}"))
            } else {
                invalid("node", format!("no node {node:?} in the evaluation"))
            }
        })?;
    let title = format!(
        "{}{}",
        def.name,
        lang.pick(" · 累计完成与目标", ": cumulative actual against target")
    );
    let subtitle = format!(
        "{} · {} {}",
        node_name(node, lang),
        lang.pick("截至", "as of"),
        lang.date(evaluation.as_of)
    );
    let curve = Curve::new(plan, def, result, evaluation.as_of);
    let currency = plan.currency.as_str();
    let n = curve.names.len();

    render(&title, |root| {
        heading(root, &title, &subtitle)?;
        let mut entries = vec![
            (lang.pick("目标", "target").to_owned(), PLAN, Swatch::Line),
            (lang.pick("实际", "actual").to_owned(), ACTUAL, Swatch::Line),
            (
                lang.pick("按进度预测", "run rate").to_owned(),
                RUN_RATE,
                Swatch::Line,
            ),
            (
                lang.pick("按趋势预测", "trend").to_owned(),
                TREND,
                Swatch::Line,
            ),
        ];
        if simulation.is_some() {
            entries.push((
                lang.pick("模拟 P10–P90", "simulated P10–P90").to_owned(),
                ACTUAL,
                Swatch::Fill,
            ));
        }
        legend(root, &entries)?;
        if n == 0 {
            return note(root, lang.pick("计划没有期间", "The plan has no periods"));
        }

        let forecasts = [
            (result.forecast_run_rate, RUN_RATE),
            (result.forecast_trend, TREND),
        ];
        let band = simulation.map(|s| (px(s.p10), px(s.p50), px(s.p90)));
        let mut values: Vec<f64> = vec![0.0];
        values.extend(curve.target.iter().flatten().map(|(_, v)| *v));
        values.extend(curve.actual.iter().map(|(_, v)| *v));
        values.extend(forecasts.iter().filter_map(|f| f.0.map(px)));
        if let Some((lo, _, hi)) = band {
            values.extend([lo, hi]);
        }
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let y = Axis::nice(lo, hi, 6);

        let labels = super::timeline::axis_names(&plan.periods());
        let label_w = labels
            .iter()
            .map(|s| text_width(s, SMALL))
            .max()
            .unwrap_or(0)
            + 12;
        let every = (n as u32).saturating_mul(label_w) as usize / (WIDTH as usize - 110) + 1;
        let ticks: Vec<f64> = (1..=n)
            .filter(|i| (n - i) % every == 0)
            .map(|i| i as f64)
            .collect();
        let x = Axis::fixed(0.0, n as f64 + 0.45, ticks);
        let x_label = move |v: &f64| {
            let i = v.round() as usize;
            labels.get(i.wrapping_sub(1)).cloned().unwrap_or_default()
        };
        let y_label = |v: &f64| lang.value_tick(dec(*v, 4), def.unit);
        let mut frame = Frame::new(x, y.clone(), &x_label, &y_label);
        if def.unit == crate::plan::KpiUnit::Money {
            frame.y_desc = Some(lang.currency(currency));
        }
        let mut chart = plot(root, &frame)?;

        // The target, cumulative by period.
        let target: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
            .chain(curve.target.iter().flatten().copied())
            .collect();
        if target.len() > 1 {
            chart.draw_series(std::iter::once(PathElement::new(
                target,
                PLAN.stroke_width(2),
            )))?;
        }
        // The actual, cumulative, and the forecasts from it.
        let actual: Vec<(f64, f64)> = std::iter::once((0.0, 0.0))
            .chain(curve.actual.iter().copied())
            .collect();
        let last = *actual.last().unwrap_or(&(0.0, 0.0));
        for (forecast, colour) in &forecasts {
            if let Some(f) = forecast {
                if last.0 < n as f64 {
                    chart.draw_series(std::iter::once(PathElement::new(
                        vec![last, (n as f64, px(*f))],
                        colour.stroke_width(2),
                    )))?;
                    chart.draw_series(std::iter::once(Circle::new(
                        (n as f64, px(*f)),
                        3,
                        colour.filled(),
                    )))?;
                }
            }
        }
        chart.draw_series(std::iter::once(PathElement::new(
            actual.clone(),
            ACTUAL.stroke_width(3),
        )))?;
        chart.draw_series(
            actual
                .iter()
                .skip(1)
                .map(|p| Circle::new(*p, 3, ACTUAL.filled())),
        )?;
        // The simulated outcomes at the end.
        if let Some((p10, p50, p90)) = band {
            let end = n as f64;
            chart.draw_series(std::iter::once(Rectangle::new(
                [(end - 0.14, p10), (end + 0.14, p90)],
                ACTUAL.mix(0.22).filled(),
            )))?;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(end - 0.14, p50), (end + 0.14, p50)],
                ACTUAL.stroke_width(2),
            )))?;
        }
        // The day of the evaluation.
        let (lo, hi) = (y.lo(), y.hi());
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(curve.as_of_x, lo), (curve.as_of_x, hi)],
            TODAY.mix(0.8).stroke_width(1),
        )))?;
        let (anchor, shift) = if curve.as_of_x > n as f64 * 0.8 {
            (HPos::Right, -0.08)
        } else {
            (HPos::Left, 0.08)
        };
        chart.draw_series(std::iter::once(Text::new(
            lang.date(evaluation.as_of),
            (curve.as_of_x + shift, hi),
            anchored(SMALL, &TODAY, anchor, VPos::Top),
        )))?;
        // The actual to date, written by its last point.
        if let Some(actual) = result.actual {
            let text = lang.value(actual, def.unit, currency);
            chart.draw_series(std::iter::once(Text::new(
                text,
                (last.0 - 0.15, last.1),
                anchored(LABEL, &INK, HPos::Right, VPos::Bottom),
            )))?;
        }
        Ok(())
    })
}

/// Whether a formula is a single `sum(measure)`.
fn additive(formula: &str) -> bool {
    let f: String = formula.split_whitespace().collect();
    f.strip_prefix("sum(")
        .and_then(|rest| rest.strip_suffix(')'))
        .is_some_and(|m| !m.is_empty() && m.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

/// The points of the chart, with periods numbered from 1 and the plan's
/// start at 0.
struct Curve {
    /// Period names.
    names: Vec<String>,
    /// The cumulative target at each period's end, while known.
    target: Vec<Option<(f64, f64)>>,
    /// The cumulative actual at each period's end, or at `as_of` in its
    /// period.
    actual: Vec<(f64, f64)>,
    /// Where `as_of` falls.
    as_of_x: f64,
}

impl Curve {
    fn new(plan: &Plan, def: &Kpi, result: &KpiResult, as_of: NaiveDate) -> Curve {
        let cal = plan.calendar();
        let periods = plan.periods();
        let names: Vec<String> = periods.iter().map(ToString::to_string).collect();
        let as_of_x = position(plan, &periods, as_of);

        let index: BTreeMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        let mut actual = Vec::new();
        let mut sum = Decimal::ZERO;
        for p in &result.periods {
            let Some(&i) = index.get(p.period.as_str()) else {
                continue;
            };
            sum = sum.checked_add(p.actual.unwrap_or_default()).unwrap_or(sum);
            let x = if cal.contains(periods[i], as_of) {
                as_of_x
            } else {
                (i + 1) as f64
            };
            actual.push((x, px(sum)));
        }

        let targets = period_targets(plan, def, result, &names);
        let mut target = Vec::with_capacity(names.len());
        let mut sum = Some(Decimal::ZERO);
        for (i, t) in targets.iter().enumerate() {
            sum = sum.zip(*t).and_then(|(s, t)| s.checked_add(t));
            target.push(sum.map(|s| ((i + 1) as f64, px(s))));
        }
        Curve {
            names,
            target,
            actual,
            as_of_x,
        }
    }
}

/// The target of each period: the evaluation's where it has one, then what
/// is left of the whole target spread over the other periods by weight.
fn period_targets(
    plan: &Plan,
    def: &Kpi,
    result: &KpiResult,
    names: &[String],
) -> Vec<Option<Decimal>> {
    let known: BTreeMap<&str, Decimal> = result
        .periods
        .iter()
        .filter_map(|p| Some((p.period.as_str(), p.target?)))
        .collect();
    let seasonality = def
        .goal
        .as_ref()
        .and_then(|g| plan.goals.iter().find(|x| &x.id == g))
        .map(|g| &g.seasonality)
        .filter(|s| !s.is_empty());
    let even: BTreeMap<&str, Decimal> = names
        .iter()
        .map(String::as_str)
        .zip(plan.even_weights())
        .collect();
    let weight = |name: &str| -> Decimal {
        if !def.targets.is_empty() {
            def.targets.get(name).copied().unwrap_or_default()
        } else if let Some(s) = seasonality {
            s.get(name).copied().unwrap_or_default()
        } else {
            even.get(name).copied().unwrap_or(Decimal::ONE)
        }
    };
    let rest: Vec<&String> = names
        .iter()
        .filter(|n| !known.contains_key(n.as_str()))
        .collect();
    let known_sum = known
        .values()
        .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b));
    let remaining = result
        .target
        .zip(known_sum)
        .and_then(|(t, k)| t.checked_sub(k));
    let weights: Vec<Decimal> = rest.iter().map(|n| weight(n).max(Decimal::ZERO)).collect();
    let total = weights
        .iter()
        .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b));
    let count = Decimal::from(rest.len().max(1));
    names
        .iter()
        .map(|n| {
            if let Some(t) = known.get(n.as_str()) {
                return Some(*t);
            }
            let remaining = remaining?;
            let at = rest.iter().position(|r| *r == n)?;
            match total {
                Some(total) if !total.is_zero() => remaining
                    .checked_mul(weights[at])
                    .and_then(|v| v.checked_div(total)),
                _ => remaining.checked_div(count),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_single_sums_add_up() {
        assert!(additive("sum(revenue)"));
        assert!(additive(" sum( won_deals ) "));
        assert!(!additive("sum(won_deals) / sum(opportunities)"));
        assert!(!additive("avg(score)"));
        assert!(!additive("sum()"));
    }
}
