//! The plan's tasks and milestones on a time axis, the critical path in
//! its own colour.

use chrono::{Datelike, NaiveDate};
use plotters::element::{PathElement, Polygon, Rectangle, Text};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

use super::axis::Axis;
use super::canvas::{fit, render, text_width};
use super::frame::{plot, Frame};
use super::style::{
    anchored, heading, legend, note, Swatch, ACTUAL, BAD, INK, LABEL, SMALL, TODAY,
};
use super::Lang;
use crate::error::Result;
use crate::plan::Plan;
use crate::schedule::critical_path;

/// Widest row name, in pixels.
const NAMES: u32 = 190;

/// The plan's tasks, one row each in the plan's order, as bars from their
/// start to their due day, the tasks on the critical path (see
/// [`critical_path`]) in red; then the milestones, one row each, as
/// diamonds on their dates; a line on `as_of`; months along the top of the
/// axis. The subtitle lists the critical path.
///
/// # Errors
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) when the tasks
/// cannot be scheduled: a dependency cycle, an unknown dependency, a task
/// due before it starts.
pub fn gantt(plan: &Plan, as_of: NaiveDate, lang: Lang) -> Result<String> {
    let schedule = critical_path(&plan.execution.tasks)?;
    let tasks = &plan.execution.tasks;
    let milestones = &plan.execution.milestones;
    let title = lang.pick("执行计划", "Execution plan").to_owned();
    let path: Vec<&str> = schedule.critical_path.iter().map(|t| t.as_str()).collect();
    let subtitle = format!(
        "{}: {} · {} {}",
        lang.pick("关键路径", "critical path"),
        if path.is_empty() {
            lang.pick("无", "none").to_owned()
        } else {
            path.join(" → ")
        },
        lang.pick("截至", "as of"),
        lang.date(as_of)
    );
    let first = tasks
        .iter()
        .map(|t| t.start)
        .chain(milestones.iter().map(|m| m.date))
        .fold(plan.period.start, NaiveDate::min);
    let last = tasks
        .iter()
        .map(|t| t.due)
        .chain(milestones.iter().map(|m| m.date))
        .fold(plan.period.end, NaiveDate::max);
    let day = |d: NaiveDate| (d - first).num_days() as f64;
    let span = day(last) + 1.0;

    let mut names: Vec<String> = tasks
        .iter()
        .map(|t| fit(&format!("{} {}", t.id, t.name), SMALL, NAMES))
        .collect();
    names.extend(
        milestones
            .iter()
            .map(|m| fit(&format!("◆ {}", m.name), SMALL, NAMES)),
    );
    let rows = names.len();

    render(&title, |root| {
        heading(root, &title, &subtitle)?;
        legend(
            root,
            &[
                (
                    lang.pick("关键路径", "critical path").to_owned(),
                    BAD,
                    Swatch::Fill,
                ),
                (
                    lang.pick("其他任务", "other tasks").to_owned(),
                    ACTUAL,
                    Swatch::Fill,
                ),
                (lang.pick("今天", "today").to_owned(), TODAY, Swatch::Line),
            ],
        )?;
        if rows == 0 {
            return note(root, lang.pick("计划没有任务", "The plan has no tasks"));
        }
        // Month starts, as many as fit under the plot.
        let mut months = Vec::new();
        let mut m = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).unwrap_or(first);
        while m <= last {
            if m >= first {
                months.push(m);
            }
            m = m
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(NaiveDate::MAX);
            if m == NaiveDate::MAX {
                break;
            }
        }
        let left = names
            .iter()
            .map(|n| text_width(n, SMALL))
            .max()
            .unwrap_or(0)
            + 12;
        let room = (super::canvas::WIDTH.saturating_sub(left + 40)).max(1) as usize;
        let label = text_width("2026-01", SMALL) as usize + 12;
        let every = (months.len() * label) / room + 1;
        let ticks: Vec<f64> = months.iter().step_by(every).map(|m| day(*m)).collect();
        let x = Axis::fixed(0.0, span, ticks);
        let y = Axis::categories(rows);
        let x_label = |v: &f64| {
            first
                .checked_add_signed(chrono::Duration::days(v.round() as i64))
                .map(|d| d.format("%Y-%m").to_string())
                .unwrap_or_default()
        };
        let y_label = super::frame::row_labels(&names);
        let mut frame = Frame::new(x, y, &x_label, &y_label);
        frame.left = left;
        frame.top = super::style::HEAD + 12;
        frame.right = 28;
        frame.x_grid = true;
        frame.y_grid = false;
        let mut chart = plot(root, &frame)?;

        let half = 0.32;
        for (r, task) in tasks.iter().enumerate() {
            let mid = (rows - r) as f64 - 0.5;
            let critical = schedule.slot(task.id.as_str()).is_some_and(|s| s.critical);
            let colour = if critical { BAD } else { ACTUAL };
            chart.draw_series([Rectangle::new(
                [
                    (day(task.start), mid - half),
                    (day(task.due) + 1.0, mid + half),
                ],
                colour.mix(0.85).filled(),
            )])?;
        }
        let w = span * 0.008;
        for (k, milestone) in milestones.iter().enumerate() {
            let mid = (rows - tasks.len() - k) as f64 - 0.5;
            let x = day(milestone.date) + 0.5;
            chart.draw_series([Polygon::new(
                vec![(x - w, mid), (x, mid + half), (x + w, mid), (x, mid - half)],
                INK.filled(),
            )])?;
            let (at, anchor) = if x > span * 0.8 {
                (x - w * 1.5, HPos::Right)
            } else {
                (x + w * 1.5, HPos::Left)
            };
            chart.draw_series([Text::new(
                lang.date(milestone.date),
                (at, mid),
                anchored(SMALL, &INK, anchor, VPos::Center),
            )])?;
        }
        let today = day(as_of) + 0.5;
        if (0.0..=span).contains(&today) {
            chart.draw_series([PathElement::new(
                vec![(today, 0.0), (today, rows as f64)],
                TODAY.stroke_width(2),
            )])?;
            chart.draw_series([Text::new(
                lang.date(as_of),
                (today, rows as f64),
                anchored(LABEL, &TODAY, HPos::Center, VPos::Bottom),
            )])?;
        }
        Ok(())
    })
}
