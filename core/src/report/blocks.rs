//! Pieces every section of the review uses: a chart as a picture, and a
//! percentage that may be missing.

use rust_decimal::Decimal;

use super::doc::Block;
use super::lang::Lang;
use super::Review;
use crate::chart::{draw, Inputs, Kind};
use crate::Result;

/// A chart of the review as a picture block.
pub(super) fn picture(review: &Review<'_>, kind: Kind, lang: Lang, caption: &str) -> Result<Block> {
    let inputs = Inputs {
        plan: Some(review.plan),
        evaluation: Some(review.evaluation),
        register: Some(review.register),
        simulation: review.simulation,
        ..Inputs::default()
    };
    Ok(Block::Picture {
        caption: caption.to_owned(),
        svg: draw(kind, &inputs, lang)?,
    })
}

/// A fraction as a percentage, or a dash when there is none.
pub(super) fn percent(lang: Lang, v: Option<Decimal>) -> String {
    v.map_or_else(|| "—".into(), |v| lang.percent(v))
}
