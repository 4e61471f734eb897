//! The drawing surface every chart shares: an SVG backend whose text is
//! measured by a fixed table instead of by fonts, the title inserted into
//! the document, and the conversions from exact amounts to pixels.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea, SVGBackend, WHITE};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// Width of every chart, in pixels.
pub const WIDTH: u32 = 720;
/// Height of every chart, in pixels.
pub const HEIGHT: u32 = 360;

/// What drawing can fail with (writing into a string never does).
pub(crate) type DrawError = DrawingAreaErrorKind<std::io::Error>;

/// The root area charts draw on.
pub(crate) type Root<'a> = DrawingArea<Svg<'a>, Shift>;

/// An SVG backend that measures text with [`text_width`], so that layout
/// is the same on every target whatever fonts the viewer has.
pub(crate) struct Svg<'a> {
    inner: SVGBackend<'a>,
}

impl DrawingBackend for Svg<'_> {
    type ErrorType = std::io::Error;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> std::result::Result<(), DrawingErrorKind<std::io::Error>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> std::result::Result<(), DrawingErrorKind<std::io::Error>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> std::result::Result<(), DrawingErrorKind<std::io::Error>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> std::result::Result<(), DrawingErrorKind<std::io::Error>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> std::result::Result<(), DrawingErrorKind<std::io::Error>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> std::result::Result<(), DrawingErrorKind<std::io::Error>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> std::result::Result<(), DrawingErrorKind<std::io::Error>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> std::result::Result<(), DrawingErrorKind<std::io::Error>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> std::result::Result<(), DrawingErrorKind<std::io::Error>> {
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> std::result::Result<(u32, u32), DrawingErrorKind<std::io::Error>> {
        Ok((text_width(text, style.size()), text_height(style.size())))
    }
}

/// The SVG `font-size` the backend writes for a text style of `size`
/// pixels (the backend scales sizes down by 1.24).
fn em(size: f64) -> f64 {
    size / 1.24
}

/// The width of `text` in pixels at a text style of `size` pixels, from a
/// table of typical sans-serif advances: ideographs and full-width forms
/// are one em, Latin letters, digits and punctuation less. The same on
/// every target, which a font lookup would not be.
pub(crate) fn text_width(text: &str, size: f64) -> u32 {
    let thousandths: u64 = text.chars().map(advance).sum();
    let width = em(size) * thousandths as f64 / 1000.0;
    if width.is_finite() && width > 0.0 {
        width.round().min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

/// The height of a line of text at a text style of `size` pixels.
pub(crate) fn text_height(size: f64) -> u32 {
    let h = em(size) * 1.2;
    if h.is_finite() && h > 0.0 {
        h.round().min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

/// A character's advance in thousandths of an em, close to the widest
/// common sans-serif faces so that labels are not cut where the viewer's
/// font is wide.
fn advance(c: char) -> u64 {
    match c {
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}' => 1000,
        'i' | 'j' | 'l' | '\'' | '|' => 280,
        ' ' | '.' | ',' | ':' | ';' | '!' => 320,
        'f' | 't' | 'I' | '(' | ')' | '[' | ']' | '-' | '/' => 400,
        'r' => 420,
        's' | 'z' | 'c' => 560,
        'a' | 'e' | 'o' | 'k' | 'v' | 'x' | 'y' => 620,
        'b' | 'd' | 'g' | 'h' | 'n' | 'p' | 'q' | 'u' => 640,
        'm' => 980,
        'w' => 820,
        '0'..='9' => 640,
        'M' | 'W' | '%' | '@' => 960,
        'A'..='Z' => 740,
        '·' => 320,
        '–' | '→' => 840,
        '—' | '…' | '◆' => 1000,
        _ => 700,
    }
}

/// `text` cut to fit `max` pixels at `size`, ending in an ellipsis when cut.
pub(crate) fn fit(text: &str, size: f64, max: u32) -> String {
    if text_width(text, size) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        let mut trial = out.clone();
        trial.push('…');
        if text_width(&trial, size) > max {
            out.pop();
            break;
        }
    }
    out.push('…');
    out
}

/// Draws a chart of [`WIDTH`] × [`HEIGHT`] on a white ground and returns
/// the SVG document with `title` as its accessible title.
pub(crate) fn render(
    title: &str,
    draw: impl FnOnce(&Root<'_>) -> std::result::Result<(), DrawError>,
) -> Result<String> {
    let mut buf = String::new();
    {
        let root = Svg {
            inner: SVGBackend::with_string(&mut buf, (WIDTH, HEIGHT)),
        }
        .into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        draw(&root).map_err(drawing)?;
        root.present().map_err(drawing)?;
    }
    Ok(with_title(&buf, title))
}

fn drawing(e: DrawError) -> Error {
    Error::InvalidArgument {
        name: "chart".into(),
        message: format!("the chart could not be drawn: {e}"),
    }
}

/// The document with a `<title>` as the first child of `<svg>`.
fn with_title(svg: &str, title: &str) -> String {
    let mut escaped = String::with_capacity(title.len());
    for c in title.chars() {
        match c {
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            '"' => escaped.push_str("&quot;"),
            c => escaped.push(c),
        }
    }
    match svg.find(">\n") {
        Some(at) => {
            let (head, tail) = svg.split_at(at + 2);
            format!("{head}<title>{escaped}</title>\n{tail}")
        }
        None => svg.to_owned(),
    }
}

/// An exact amount as a drawing coordinate: the mantissa divided by a
/// power of ten built by multiplication, so the same on every target.
pub(crate) fn px(d: Decimal) -> f64 {
    let mut scale = 1.0f64;
    for _ in 0..d.scale() {
        scale *= 10.0;
    }
    d.mantissa() as f64 / scale
}

/// A drawing coordinate back as an amount, rounded to `dp` places.
pub(crate) fn dec(v: f64, dp: u32) -> Decimal {
    Decimal::from_f64_retain(v)
        .unwrap_or_default()
        .round_dp(dp)
        .normalize()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographs_are_wider_than_latin_letters() {
        assert_eq!(text_width("收入", 12.4), 20);
        assert!(text_width("Revenue", 12.4) < text_width("销售收入目标", 12.4));
        assert_eq!(text_width("", 12.4), 0);
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        let cut = fit(
            "Monthly KPI reviews up to the mid-year evaluation",
            12.4,
            80,
        );
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 12.4) <= 80);
        assert_eq!(fit("Short", 12.4, 80), "Short");
    }

    #[test]
    fn amounts_become_coordinates_and_back() {
        assert_eq!(px(Decimal::new(123_456, 2)), 1234.56);
        assert_eq!(dec(0.1 + 0.2, 4), Decimal::new(3, 1));
    }

    #[test]
    fn the_title_is_the_first_child() {
        let svg = with_title("<svg a=\"1\">\n<rect/>\n</svg>\n", "A & B");
        assert_eq!(
            svg,
            "<svg a=\"1\">\n<title>A &amp; B</title>\n<rect/>\n</svg>\n"
        );
    }
}
