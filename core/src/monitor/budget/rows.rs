//! Reading the rows of one measure that name a line of the plan by a tag.

use crate::actuals::{Actuals, RowProblem, ABSENT};

/// The rows of `measure` with the index in `ids` of the line their `tag`
/// names, in row order; and a problem for every row of `measure` whose tag
/// is missing or names none of `ids` (`what` names them in the messages,
/// e.g. "budget lines"), numbered from 1 in the order of `actuals`, with
/// the tag as the column.
pub(in crate::monitor) fn rows_by_line(
    actuals: &Actuals,
    measure: &str,
    tag: &str,
    ids: &[&str],
    what: &str,
) -> (Vec<(usize, usize)>, Vec<RowProblem>) {
    let Some(code) = actuals.measure_code(measure) else {
        return (Vec::new(), Vec::new());
    };
    let (codes, names) = actuals.dimension(tag).unwrap_or((&[], &[]));
    let index: Vec<Option<usize>> = names
        .iter()
        .map(|name| ids.iter().position(|id| id == name))
        .collect();
    let known = if ids.is_empty() {
        format!("the plan has no {what}")
    } else {
        format!("the plan's {what} are {}", ids.join(", "))
    };
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (row, _) in actuals
        .raw()
        .measures
        .iter()
        .enumerate()
        .filter(|(_, &m)| m == code)
    {
        let value = codes.get(row).copied().unwrap_or(ABSENT);
        let line = (value != ABSENT)
            .then(|| index.get(value as usize).copied().flatten())
            .flatten();
        match line {
            Some(line) => rows.push((row, line)),
            None => {
                let message = match names.get(value as usize).filter(|_| value != ABSENT) {
                    Some(name) => format!("{tag} {name:?} is unknown: {known}"),
                    None => format!("a {measure} row needs a {tag} tag: {known}"),
                };
                problems.push(RowProblem {
                    row: row + 1,
                    column: tag.to_owned(),
                    message,
                });
            }
        }
    }
    (rows, problems)
}
