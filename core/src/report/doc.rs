//! What a report says, before it is written as HTML or Markdown: sections
//! of paragraphs, key figures, tables, lists and figures (SVG).

use super::lang::Lang;

/// One piece of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// Text.
    Para(String),
    /// Key figures, label and value, shown as cards.
    Figures(Vec<(String, String)>),
    /// A table: a header, rows, and which columns hold numbers (right
    /// aligned).
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
        numeric: Vec<bool>,
    },
    /// A bulleted list.
    List(Vec<String>),
    /// A picture: its caption and its SVG document.
    Picture { caption: String, svg: String },
}

/// A titled part of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// An anchor (`headline`, `kpis`, ...).
    pub id: &'static str,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Document {
    pub lang: Lang,
    pub title: String,
    pub subtitle: String,
    pub sections: Vec<Section>,
    pub footer: String,
}
