//! A report as Markdown: headings, tables and lists; figures as inline SVG
//! (which Markdown viewers that show HTML draw, and others skip).

use std::fmt::Write;

use super::doc::{Block, Document};

/// Writes the document as Markdown.
pub(crate) fn write(doc: &Document) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let _ = write!(out, "# {}\n\n{}\n", cell(&doc.title), cell(&doc.subtitle));
    for section in &doc.sections {
        let _ = write!(out, "\n## {}\n", cell(&section.title));
        for block in &section.blocks {
            out.push('\n');
            block_md(&mut out, block);
        }
    }
    let _ = write!(out, "\n---\n\n{}\n", cell(&doc.footer));
    out
}

fn block_md(out: &mut String, block: &Block) {
    match block {
        Block::Para(text) => {
            let _ = writeln!(out, "{}", cell(text));
        }
        Block::Figures(items) => {
            for (label, value) in items {
                let _ = writeln!(out, "- **{}**: {}", cell(label), cell(value));
            }
        }
        Block::Table {
            head,
            rows,
            numeric,
        } => {
            let line = |cells: &[String]| {
                let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
                format!("| {} |\n", cells.join(" | "))
            };
            out.push_str(&line(head));
            let rule: Vec<&str> = (0..head.len())
                .map(|i| {
                    if numeric.get(i).copied().unwrap_or(false) {
                        "---:"
                    } else {
                        "---"
                    }
                })
                .collect();
            let _ = writeln!(out, "| {} |", rule.join(" | "));
            for row in rows {
                out.push_str(&line(row));
            }
        }
        Block::List(items) => {
            for item in items {
                let _ = writeln!(out, "- {}", cell(item));
            }
        }
        Block::Picture { caption, svg } => {
            let _ = write!(
                out,
                "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
                svg.trim(),
                super::html::escape(caption)
            );
        }
    }
}

/// Text for a Markdown line or table cell: pipes escaped, line breaks
/// made spaces.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}
