//! The plotting area of a chart: where it sits under the heading, its two
//! axes, their tick labels and the grid.

use plotters::chart::{ChartBuilder, ChartContext};
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::Shift;
use plotters::prelude::DrawingArea;
use plotters::style::{Color, RGBColor};

use super::axis::Axis;
use super::canvas::{text_width, DrawError, Svg};
use super::style::{font, HEAD, MUTED, SMALL};

/// A chart's plotting area with linear axes.
pub(crate) type Chart<'a, 'b> = ChartContext<'a, Svg<'b>, Cartesian2d<Axis, Axis>>;

/// Grid lines.
const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);

/// How to lay out a plotting area.
pub(crate) struct Frame<'f> {
    /// The horizontal axis.
    pub x: Axis,
    /// The vertical axis.
    pub y: Axis,
    /// Pixels left of the plot for the vertical axis's labels, at least;
    /// widened to fit the widest tick label and the axis name.
    pub left: u32,
    /// Pixels under the plot for the horizontal axis's labels.
    pub bottom: u32,
    /// Pixels kept free right of the plot.
    pub right: u32,
    /// Pixels kept free above the plot, under the heading.
    pub top: u32,
    /// Writes a horizontal tick.
    pub x_label: &'f dyn Fn(&f64) -> String,
    /// Writes a vertical tick.
    pub y_label: &'f dyn Fn(&f64) -> String,
    /// Grid lines across the plot at the horizontal ticks.
    pub x_grid: bool,
    /// Grid lines across the plot at the vertical ticks.
    pub y_grid: bool,
    /// What the vertical axis measures.
    pub y_desc: Option<String>,
    /// What the horizontal axis measures.
    pub x_desc: Option<String>,
}

impl<'f> Frame<'f> {
    /// A frame under the heading with the usual margins.
    pub(crate) fn new(
        x: Axis,
        y: Axis,
        x_label: &'f dyn Fn(&f64) -> String,
        y_label: &'f dyn Fn(&f64) -> String,
    ) -> Frame<'f> {
        Frame {
            x,
            y,
            left: 40,
            bottom: 24,
            right: 16,
            top: HEAD,
            x_label,
            y_label,
            x_grid: false,
            y_grid: true,
            y_desc: None,
            x_desc: None,
        }
    }
}

/// Tick labels of a category axis whose rows are `names` from the top:
/// row `i` of `names` sits in the band `[n - i - 1, n - i)`.
pub(crate) fn row_labels(names: &[String]) -> impl Fn(&f64) -> String + '_ {
    move |v: &f64| {
        let from_top = names.len() as f64 - v.floor() - 1.0;
        if from_top >= 0.0 {
            names.get(from_top as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }
}

/// Lays out the plotting area on `area` and draws its axes and grid.
pub(crate) fn plot<'a, 'b>(
    area: &'a DrawingArea<Svg<'b>, Shift>,
    frame: &Frame<'_>,
) -> Result<Chart<'a, 'b>, DrawError> {
    let widest = frame
        .y
        .ticks()
        .map(|t| text_width(&(frame.y_label)(&t), SMALL))
        .max()
        .unwrap_or(0);
    let desc = if frame.y_desc.is_some() { 18 } else { 0 };
    let left = frame.left.max(widest + 12 + desc);
    let mut chart = ChartBuilder::on(area)
        .margin_top(frame.top)
        .margin_right(frame.right)
        .margin_left(8)
        .margin_bottom(6)
        .x_label_area_size(frame.bottom)
        .y_label_area_size(left)
        .build_cartesian_2d(frame.x.clone(), frame.y.clone())?;
    let mut mesh = chart.configure_mesh();
    mesh.x_labels(64)
        .y_labels(64)
        .x_label_formatter(frame.x_label)
        .y_label_formatter(frame.y_label)
        .label_style(font(SMALL, &MUTED))
        .axis_desc_style(font(SMALL, &MUTED))
        .axis_style(MUTED.stroke_width(1))
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(GRID.mix(0.0).stroke_width(1));
    if !frame.x_grid {
        mesh.disable_x_mesh();
    }
    if !frame.y_grid {
        mesh.disable_y_mesh();
    }
    if let Some(desc) = &frame.y_desc {
        mesh.y_desc(desc.clone());
    }
    if let Some(desc) = &frame.x_desc {
        mesh.x_desc(desc.clone());
    }
    mesh.draw()?;
    Ok(chart)
}
