//! A report as one self-contained HTML file: inline CSS and SVG, no script
//! and no link to anything, laid out for a screen and for A4 paper.

use std::fmt::Write;

use super::doc::{Block, Document};

const STYLE: &str = "\
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9dee3;--band:#f5f7fa;--accent:#1f6feb}
*{box-sizing:border-box}
body{margin:0 auto;max-width:980px;padding:24px;font:14px/1.5 system-ui,-apple-system,\"Segoe UI\",\"PingFang SC\",\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;color:var(--ink)}
header{border-bottom:3px solid var(--accent);margin-bottom:16px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.sub{color:var(--muted);margin:0 0 12px}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.card{flex:1 1 150px;border:1px solid var(--line);border-radius:6px;padding:8px 10px;background:var(--band)}
.card b{display:block;font-size:18px}
.card span{color:var(--muted);font-size:12px}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:var(--band)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:12px 0;break-inside:avoid}
figure svg{max-width:100%;height:auto}
figcaption{color:var(--muted);font-size:12px}
footer{margin-top:32px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
@page{size:A4;margin:14mm}
@media print{body{max-width:none;padding:0;font-size:11px}section{break-before:page}section:first-of-type{break-before:auto}table{font-size:10px}}
";

/// Writes the document as HTML.
pub(crate) fn write(doc: &Document) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n</header>\n",
        doc.lang.code(),
        escape(&doc.title),
        escape(&doc.title),
        escape(&doc.subtitle),
    );
    for section in &doc.sections {
        let _ = write!(
            out,
            "<section id=\"{}\">\n<h2>{}</h2>\n",
            section.id,
            escape(&section.title)
        );
        for block in &section.blocks {
            block_html(&mut out, block);
        }
        out.push_str("</section>\n");
    }
    let _ = write!(
        out,
        "<footer>{}</footer>\n</body>\n</html>\n",
        escape(&doc.footer)
    );
    out
}

fn block_html(out: &mut String, block: &Block) {
    match block {
        Block::Para(text) => {
            let _ = writeln!(out, "<p>{}</p>", escape(text));
        }
        Block::Figures(items) => {
            out.push_str("<div class=\"cards\">\n");
            for (label, value) in items {
                let _ = writeln!(
                    out,
                    "<div class=\"card\"><span>{}</span><b>{}</b></div>",
                    escape(label),
                    escape(value)
                );
            }
            out.push_str("</div>\n");
        }
        Block::Table {
            head,
            rows,
            numeric,
        } => {
            let class = |i: usize| {
                if numeric.get(i).copied().unwrap_or(false) {
                    " class=\"n\""
                } else {
                    ""
                }
            };
            out.push_str("<table>\n<thead><tr>");
            for (i, h) in head.iter().enumerate() {
                let _ = write!(out, "<th{}>{}</th>", class(i), escape(h));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for (i, cell) in row.iter().enumerate() {
                    let _ = write!(out, "<td{}>{}</td>", class(i), escape(cell));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", escape(item));
            }
            out.push_str("</ul>\n");
        }
        Block::Picture { caption, svg } => {
            let _ = write!(
                out,
                "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
                svg.trim(),
                escape(caption)
            );
        }
    }
}

/// Text made safe for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
