//! Colours, type sizes and the parts every chart frames itself with: the
//! heading, the legend and a note for charts without data.

use plotters::element::{PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, IntoFont, RGBColor, TextStyle};

use super::canvas::{text_width, DrawError, Root, HEIGHT, WIDTH};

/// Text.
pub(crate) const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
/// Secondary text and axes.
pub(crate) const MUTED: RGBColor = RGBColor(0x80, 0x80, 0x80);
/// Targets and plans.
pub(crate) const PLAN: RGBColor = RGBColor(0x9A, 0x9A, 0x9A);
/// Actuals.
pub(crate) const ACTUAL: RGBColor = RGBColor(0x1F, 0x6F, 0xB2);
/// The run-rate forecast.
pub(crate) const RUN_RATE: RGBColor = RGBColor(0xE0, 0x8A, 0x1E);
/// The trend forecast.
pub(crate) const TREND: RGBColor = RGBColor(0x7B, 0x4F, 0xA0);
/// On track, and gains.
pub(crate) const GOOD: RGBColor = RGBColor(0x2E, 0x9E, 0x5B);
/// At risk.
pub(crate) const WARN: RGBColor = RGBColor(0xE0, 0xA5, 0x26);
/// Off track, and losses.
pub(crate) const BAD: RGBColor = RGBColor(0xD0, 0x45, 0x3A);
/// The day of the evaluation.
pub(crate) const TODAY: RGBColor = RGBColor(0xC0, 0x39, 0x2B);
/// Series colours for stacked lines, in order.
pub(crate) const SERIES: [RGBColor; 8] = [
    RGBColor(0x1F, 0x6F, 0xB2),
    RGBColor(0xE0, 0x8A, 0x1E),
    RGBColor(0x2E, 0x9E, 0x5B),
    RGBColor(0x7B, 0x4F, 0xA0),
    RGBColor(0xC0, 0x39, 0x2B),
    RGBColor(0x17, 0x9C, 0xA8),
    RGBColor(0x8C, 0x6D, 0x46),
    RGBColor(0xD3, 0x5F, 0xB7),
];

/// Heading size (14px in the document).
pub(crate) const TITLE: f64 = 17.36;
/// Label size (11px in the document).
pub(crate) const LABEL: f64 = 13.64;
/// Small print (10px in the document).
pub(crate) const SMALL: f64 = 12.4;
/// Height taken by the heading and the legend.
pub(crate) const HEAD: u32 = 52;

/// Text of `size` in `colour`, anchored at its left middle.
pub(crate) fn font(size: f64, colour: &RGBColor) -> TextStyle<'static> {
    ("sans-serif", size)
        .into_font()
        .color(colour)
        .pos(Pos::new(HPos::Left, VPos::Center))
}

/// Text of `size` in `colour` anchored at `h` and `v`.
pub(crate) fn anchored(size: f64, colour: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    ("sans-serif", size)
        .into_font()
        .color(colour)
        .pos(Pos::new(h, v))
}

/// Writes the heading and, under it, a subtitle.
pub(crate) fn heading(root: &Root<'_>, title: &str, subtitle: &str) -> Result<(), DrawError> {
    root.draw(&Text::new(
        title.to_owned(),
        (14, 14),
        font(TITLE, &INK).pos(Pos::new(HPos::Left, VPos::Center)),
    ))?;
    if !subtitle.is_empty() {
        root.draw(&Text::new(
            subtitle.to_owned(),
            (14, 34),
            font(SMALL, &MUTED),
        ))?;
    }
    Ok(())
}

/// How a legend entry shows its series.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Swatch {
    /// A filled square.
    Fill,
    /// A short line.
    Line,
}

/// Writes legend entries in one row ending at the right edge, at the
/// height of the subtitle.
pub(crate) fn legend(
    root: &Root<'_>,
    entries: &[(String, RGBColor, Swatch)],
) -> Result<(), DrawError> {
    let widths: Vec<i32> = entries
        .iter()
        .map(|(label, _, _)| 18 + text_width(label, SMALL) as i32 + 12)
        .collect();
    let total: i32 = widths.iter().sum();
    let mut x = WIDTH as i32 - 14 - total;
    let y = 34;
    for ((label, colour, swatch), w) in entries.iter().zip(widths) {
        match swatch {
            Swatch::Fill => {
                root.draw(&Rectangle::new(
                    [(x, y - 5), (x + 12, y + 5)],
                    colour.mix(0.85).filled(),
                ))?;
            }
            Swatch::Line => {
                root.draw(&PathElement::new(
                    vec![(x, y), (x + 14, y)],
                    colour.stroke_width(2),
                ))?;
            }
        }
        root.draw(&Text::new(label.clone(), (x + 18, y), font(SMALL, &INK)))?;
        x += w;
    }
    Ok(())
}

/// Writes a note in the middle of the chart, for a chart without data.
pub(crate) fn note(root: &Root<'_>, text: &str) -> Result<(), DrawError> {
    root.draw(&Text::new(
        text.to_owned(),
        (WIDTH as i32 / 2, (HEIGHT + HEAD) as i32 / 2),
        anchored(LABEL, &MUTED, HPos::Center, VPos::Center),
    ))
}
