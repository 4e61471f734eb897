//! Reading actuals from CSV and JSON, row by row, with every bad row
//! reported.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use super::Actuals;
pub use crate::diagnostic::RowProblem;
use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::plan::Plan;

/// The reserved column naming a row's currency.
pub const CURRENCY: &str = "currency";
/// The reserved column sharing a row's credit.
pub const CREDIT: &str = "credit";

/// What to do with bad rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum LoadMode {
    /// Any bad row refuses the whole load.
    #[default]
    Strict,
    /// Bad rows are skipped and reported.
    Lenient,
}

/// The result of a load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadReport {
    /// The rows that were read.
    pub actuals: Actuals,
    /// The rows that were skipped, with why (only in lenient mode).
    pub problems: Vec<RowProblem>,
    /// The input row of each stored row, where rows were split (credit)
    /// and stored rows are no longer input rows less the skipped ones.
    pub(crate) origins: Option<Vec<usize>>,
}

/// How many row numbers a [`LoadWarning`] lists.
pub const WARNING_ROWS_SHOWN: usize = 10;

/// The codes a [`LoadWarning`] has.
fn warning_code_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "string", "enum": ["outside_period"] })
}

/// Valid rows that the evaluation will not count: read and kept, and
/// reported rather than refused, in strict and lenient mode alike.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
pub struct LoadWarning {
    /// A stable code: `"outside_period"`, rows dated before the plan
    /// period starts or after it ends.
    #[schemars(schema_with = "warning_code_schema")]
    pub code: &'static str,
    /// How many rows.
    pub rows: usize,
    /// The first of them (at most [`WARNING_ROWS_SHOWN`]), numbered as
    /// [`RowProblem::row`] numbers rows.
    pub first_rows: Vec<usize>,
    /// The earliest date among them.
    pub earliest: NaiveDate,
    /// The latest date among them.
    pub latest: NaiveDate,
    /// A sentence for people.
    pub message: String,
}

impl LoadReport {
    /// What a person should know about the rows read for `plan`: rows
    /// dated outside the plan period (which the evaluation ignores). One
    /// pass over the dates.
    pub fn warnings(&self, plan: &Plan) -> Vec<LoadWarning> {
        self.outside(plan.period.start, plan.period.end)
            .into_iter()
            .collect()
    }

    /// The rows dated before `start` or after `end` (both inclusive in
    /// the period), when there are any.
    pub fn outside(&self, start: NaiveDate, end: NaiveDate) -> Option<LoadWarning> {
        let (from, to) = (super::day_number(start), super::day_number(end));
        let mut rows = 0;
        let mut first = Vec::new();
        let (mut low, mut high) = (i32::MAX, i32::MIN);
        for (i, &day) in self.actuals.raw().days.iter().enumerate() {
            if day < from || day > to {
                rows += 1;
                low = low.min(day);
                high = high.max(day);
                if first.len() < WARNING_ROWS_SHOWN {
                    first.push(i);
                }
            }
        }
        if rows == 0 {
            return None;
        }
        let first_rows = self.input_rows(&first);
        let (earliest, latest) = (super::date_of(low), super::date_of(high));
        let shown: Vec<String> = first_rows.iter().map(usize::to_string).collect();
        let more = if rows > first_rows.len() { ", …" } else { "" };
        let message = format!(
            "{rows} row(s) dated outside the plan period {start} to {end} \
             (from {earliest} to {latest}; row(s) {}{more}) were read but are not evaluated",
            shown.join(", ")
        );
        Some(LoadWarning {
            code: "outside_period",
            rows,
            first_rows,
            earliest,
            latest,
            message,
        })
    }

    /// The input row numbers of stored rows (ascending indices): each
    /// stored row is the next input row that was not skipped as a
    /// problem.
    pub(super) fn input_rows(&self, stored: &[usize]) -> Vec<usize> {
        if let Some(origins) = &self.origins {
            return stored.iter().map(|&i| origins[i]).collect();
        }
        let mut skipped: Vec<usize> = self
            .problems
            .iter()
            .map(|p| p.row)
            .filter(|&r| r > 0)
            .collect();
        skipped.sort_unstable();
        skipped.dedup();
        let mut skipped = skipped.into_iter().peekable();
        let mut passed = 0;
        stored
            .iter()
            .map(|&i| {
                // Row i + 1 + (the skipped rows at or before it).
                while skipped.next_if(|&s| s <= i + 1 + passed).is_some() {
                    passed += 1;
                }
                i + 1 + passed
            })
            .collect()
    }
}

fn problem(row: usize, column: &str, message: impl Into<String>) -> RowProblem {
    RowProblem {
        row,
        column: column.to_owned(),
        message: message.into(),
    }
}

/// The error for a load of more rows than `limits` allows.
pub(super) fn too_many_rows(limits: &Limits, path: Option<&str>) -> Error {
    Error::LimitExceeded {
        path: path.map(str::to_owned),
        message: format!("more than the limit of {} rows of actuals", limits.rows),
    }
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn parse_value(text: &str) -> Option<Decimal> {
    crate::units::parse_decimal(text).ok()
}

/// Collects rows and problems and applies the load mode.
struct Loader<'k> {
    actuals: Actuals,
    problems: Vec<RowProblem>,
    known: &'k dyn Fn(&str) -> bool,
}

impl Loader<'_> {
    fn measure(&self, row: usize, text: &str) -> Result<String, RowProblem> {
        let m = text.trim();
        if m.is_empty() {
            Err(problem(row, "measure", "the measure is empty"))
        } else if !(self.known)(m) {
            Err(problem(
                row,
                "measure",
                format!("unknown measure `{m}`; declare it in the plan's `measures`"),
            ))
        } else {
            Ok(m.to_owned())
        }
    }

    fn finish(self, mode: LoadMode) -> Result<LoadReport> {
        if mode == LoadMode::Strict && !self.problems.is_empty() {
            return Err(Error::Actuals {
                problems: self.problems,
            });
        }
        Ok(LoadReport {
            actuals: self.actuals,
            problems: self.problems,
            origins: None,
        })
    }
}

impl Actuals {
    /// Reads CSV with a header row. The columns `date` (`YYYY-MM-DD`),
    /// `measure` and `value` are required; every other column is a dimension
    /// tag, empty cells meaning "no tag". Values are exact decimals; grouped
    /// digits and 万/亿 are accepted (`"1,200.50"`, `"3.5万"`). Without a
    /// plan, `currency` and `credit` columns are read as tags; the plan's
    /// loaders apply them ([`super::settle`]).
    ///
    /// # Errors
    /// [`Error::Actuals`] with every problem when the header lacks a
    /// required column, or in strict mode when any row is bad;
    /// [`Error::LimitExceeded`] for a text, a cell or a number of rows
    /// beyond [`crate::limits`].
    pub fn from_csv(
        text: &str,
        known_measure: &dyn Fn(&str) -> bool,
        mode: LoadMode,
    ) -> Result<LoadReport> {
        Actuals::csv_within(text, known_measure, mode, &Limits::ACTUALS)
    }

    fn csv_within(
        text: &str,
        known_measure: &dyn Fn(&str) -> bool,
        mode: LoadMode,
        limits: &Limits,
    ) -> Result<LoadReport> {
        limits.check_size("the actuals text", text.len(), None)?;
        // Spreadsheets often start their CSV with a byte-order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|c| c.trim().to_owned()).collect(),
            Err(e) => {
                return Err(Error::Actuals {
                    problems: vec![problem(0, "", e.to_string())],
                })
            }
        };
        let find = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
        let (Some(di), Some(mi), Some(vi)) = (find("date"), find("measure"), find("value")) else {
            let missing: Vec<&str> = ["date", "measure", "value"]
                .into_iter()
                .filter(|c| find(c).is_none())
                .collect();
            let message = format!("the header lacks the column(s) {}", missing.join(", "));
            return Err(Error::Actuals {
                problems: vec![problem(0, missing[0], message)],
            });
        };
        let tag_columns: Vec<(usize, &str)> = header
            .iter()
            .enumerate()
            .filter(|(i, _)| ![di, mi, vi].contains(i))
            .map(|(i, h)| (i, h.as_str()))
            .collect();
        let mut loader = Loader {
            actuals: Actuals::new(),
            problems: Vec::new(),
            known: known_measure,
        };
        for (n, record) in reader.records().enumerate() {
            let row = n + 1;
            if row > limits.rows {
                return Err(too_many_rows(limits, None));
            }
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    loader.problems.push(problem(row, "", e.to_string()));
                    continue;
                }
            };
            // The whole row first: one comparison for every short row.
            if record.as_slice().len() > limits.string {
                if let Some((i, cell)) = record
                    .iter()
                    .enumerate()
                    .find(|(_, c)| c.len() > limits.string)
                {
                    let column = header.get(i).map_or("", String::as_str);
                    return Err(Error::LimitExceeded {
                        path: None,
                        message: format!(
                            "row {row}, column {column}: a cell of {} bytes is longer than the limit of {} bytes",
                            cell.len(),
                            limits.string
                        ),
                    });
                }
            }
            if record.len() != header.len() {
                let message = format!(
                    "{} fields, but the header has {}",
                    record.len(),
                    header.len()
                );
                loader.problems.push(problem(row, "", message));
                continue;
            }
            let cell = |i: usize| record.get(i).unwrap_or("");
            let Some(date) = parse_date(cell(di)) else {
                loader.problems.push(problem(
                    row,
                    "date",
                    format!("{:?} is not a date (YYYY-MM-DD)", cell(di)),
                ));
                continue;
            };
            let measure = match loader.measure(row, cell(mi)) {
                Ok(m) => m,
                Err(p) => {
                    loader.problems.push(p);
                    continue;
                }
            };
            let Some(value) = parse_value(cell(vi)) else {
                loader.problems.push(problem(
                    row,
                    "value",
                    format!("{:?} is not a number", cell(vi)),
                ));
                continue;
            };
            let tags: Vec<(&str, &str)> = tag_columns
                .iter()
                .map(|&(i, name)| (name, cell(i).trim()))
                .collect();
            loader.actuals.push(date, &measure, value, &tags);
        }
        loader.finish(mode)
    }

    /// Reads a JSON array of objects
    /// `{"date": "2026-01-15", "measure": "revenue", "value": "1200.50", "tags": {"region": "east"}}`.
    /// `value` is a decimal string or a JSON number (read by its shortest
    /// decimal form); `tags` is optional.
    ///
    /// # Errors
    /// [`Error::Syntax`] for malformed JSON, [`Error::Actuals`] when the
    /// text is not an array or, in strict mode, when any row is bad;
    /// [`Error::LimitExceeded`] for a text, a string, a nesting or a
    /// number of rows beyond [`crate::limits`].
    pub fn from_json(
        text: &str,
        known_measure: &dyn Fn(&str) -> bool,
        mode: LoadMode,
    ) -> Result<LoadReport> {
        Actuals::json_within(text, known_measure, mode, &Limits::ACTUALS)
    }

    fn json_within(
        text: &str,
        known_measure: &dyn Fn(&str) -> bool,
        mode: LoadMode,
        limits: &Limits,
    ) -> Result<LoadReport> {
        let value: Value = crate::plan::parse::parse_text_within(text, limits)?;
        let Value::Array(rows) = value else {
            return Err(Error::Actuals {
                problems: vec![problem(0, "", "expected an array of observations")],
            });
        };
        if rows.len() > limits.rows {
            return Err(too_many_rows(limits, Some("")));
        }
        let mut loader = Loader {
            actuals: Actuals::new(),
            problems: Vec::new(),
            known: known_measure,
        };
        for (n, item) in rows.iter().enumerate() {
            if let Err(p) = json_row(&mut loader, n + 1, item) {
                loader.problems.push(p);
            }
        }
        loader.finish(mode)
    }
}

fn json_row(loader: &mut Loader<'_>, row: usize, item: &Value) -> Result<(), RowProblem> {
    let Value::Object(obj) = item else {
        return Err(problem(row, "", "expected an object"));
    };
    if let Some(key) = obj
        .keys()
        .find(|k| !["date", "measure", "value", "tags", "currency", "credit"].contains(&k.as_str()))
    {
        return Err(problem(
            row,
            key,
            format!("unknown key `{key}` (tags go in \"tags\")"),
        ));
    }
    let date = match obj.get("date") {
        Some(Value::String(s)) => parse_date(s)
            .ok_or_else(|| problem(row, "date", format!("{s:?} is not a date (YYYY-MM-DD)")))?,
        _ => return Err(problem(row, "date", "expected a date string (YYYY-MM-DD)")),
    };
    let measure = match obj.get("measure") {
        Some(Value::String(s)) => loader.measure(row, s)?,
        _ => return Err(problem(row, "measure", "expected the measure's name")),
    };
    let value = match obj.get("value") {
        Some(Value::String(s)) => parse_value(s),
        Some(Value::Number(n)) => Decimal::from_str(&n.to_string()).ok(),
        _ => None,
    }
    .ok_or_else(|| problem(row, "value", "expected a number or a decimal string"))?;
    let mut tags = Vec::new();
    match obj.get("tags") {
        None | Some(Value::Null) => {}
        Some(Value::Object(t)) => {
            for (k, v) in t {
                match v {
                    Value::String(s) => tags.push((k.as_str(), s.as_str())),
                    Value::Null => {}
                    _ => return Err(problem(row, &format!("tags.{k}"), "tag values are strings")),
                }
            }
        }
        Some(_) => return Err(problem(row, "tags", "expected an object of tag values")),
    }
    // `currency` and `credit` travel as tags to the plan's loaders, which
    // convert and split the row (see `settle`).
    for key in [CURRENCY, CREDIT] {
        match obj.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(_)) if tags.iter().any(|(k, _)| *k == key) => {
                return Err(problem(
                    row,
                    key,
                    format!("`{key}` is given both as a key and as a tag"),
                ));
            }
            Some(Value::String(s)) => tags.push((key, s.as_str())),
            Some(_) => {
                return Err(problem(
                    row,
                    key,
                    format!("expected a string or null for `{key}`"),
                ))
            }
        }
    }
    loader.actuals.push(date, &measure, value, &tags);
    Ok(())
}

impl Plan {
    /// Reads actuals from CSV, checking measures against the plan; see
    /// [`Actuals::from_csv`]. The `currency` and `credit` columns convert
    /// and split rows ([`super::settle`]); a row in another currency than
    /// the plan's needs [`Plan::actuals_from_csv_with`] and a rate table.
    ///
    /// # Errors
    /// As [`Actuals::from_csv`].
    pub fn actuals_from_csv(&self, text: &str, mode: LoadMode) -> Result<LoadReport> {
        self.actuals_from_csv_with(text, &super::LoadOptions::new(mode))
    }

    /// Reads actuals from JSON, checking measures against the plan; see
    /// [`Actuals::from_json`]. A row's `currency` and `credit` keys
    /// convert and split it as in [`Plan::actuals_from_csv`].
    ///
    /// # Errors
    /// As [`Actuals::from_json`].
    pub fn actuals_from_json(&self, text: &str, mode: LoadMode) -> Result<LoadReport> {
        self.actuals_from_json_with(text, &super::LoadOptions::new(mode))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(m: &str) -> bool {
        crate::formula::STANDARD_MEASURES.contains(&m)
    }

    const CSV: &str = "date,measure,value,region,rep\n\
        2026-01-05,revenue,1200.50,east,r1\n\
        2026-01-06,won_deals,2,east,\n\
        2026-13-01,revenue,5,west,r2\n\
        2026-01-07,revnue,5,west,r2\n\
        2026-01-08,revenue,abc,west,r2\n\
        2026-01-09,revenue,\"1,500\",west\n\
        2026-01-10,revenue,3.5万,west,r3\n";

    #[test]
    fn lenient_skips_and_reports_bad_rows() {
        let r = Actuals::from_csv(CSV, &known, LoadMode::Lenient).unwrap();
        assert_eq!(r.actuals.len(), 3);
        let cols: Vec<(usize, &str)> = r
            .problems
            .iter()
            .map(|p| (p.row, p.column.as_str()))
            .collect();
        assert_eq!(cols, [(3, "date"), (4, "measure"), (5, "value"), (6, "")]);
        assert_eq!(r.actuals.get(2).unwrap().value, Decimal::from(35000));
        assert_eq!(r.actuals.get(1).unwrap().tags, [("region", "east")]);
    }

    #[test]
    fn strict_refuses_the_load() {
        match Actuals::from_csv(CSV, &known, LoadMode::Strict) {
            Err(Error::Actuals { problems }) => assert_eq!(problems.len(), 4),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let r = Actuals::from_csv(
            "\u{feff}date,measure,value\n2026-01-05,revenue,1\n",
            &known,
            LoadMode::Strict,
        )
        .unwrap();
        assert_eq!(r.actuals.len(), 1);
    }

    #[test]
    fn json_syntax_errors_say_where_once() {
        let e = Actuals::from_json("[1,", &known, LoadMode::Strict).unwrap_err();
        assert_eq!(e.to_string().matches("line").count(), 1, "{e}");
    }

    #[test]
    fn header_needs_the_three_columns() {
        let e = Actuals::from_csv("date,amount\n2026-01-01,5\n", &known, LoadMode::Lenient)
            .unwrap_err();
        assert!(e.to_string().contains("measure, value"), "{e}");
    }

    #[test]
    fn rows_outside_the_period_are_reported_with_their_input_rows() {
        let text = "date,measure,value\n\
            2025-12-31,revenue,1\n\
            2026-01-02,revenue,x\n\
            2026-01-02,revenue,2\n\
            2027-01-01,revenue,3\n\
            2026-06-30,revenue,4\n\
            2026-13-40,revenue,5\n\
            2027-03-05,revenue,6\n";
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let r = Actuals::from_csv(text, &known, LoadMode::Lenient).unwrap();
        assert_eq!(r.actuals.len(), 5);
        let w = r.outside(start, end).unwrap();
        assert_eq!(w.code, "outside_period");
        assert_eq!(w.rows, 3);
        // Rows 2 and 6 were skipped: the stored rows 0, 2, 4 are input
        // rows 1, 4 and 7.
        assert_eq!(w.first_rows, [1, 4, 7]);
        assert_eq!(w.earliest.to_string(), "2025-12-31");
        assert_eq!(w.latest.to_string(), "2027-03-05");
        assert!(w.message.contains("3 row(s)"), "{}", w.message);
        assert!(w.message.contains("row(s) 1, 4, 7)"), "{}", w.message);
        // Strict mode reads the same valid rows and reports them too.
        let strict = Actuals::from_csv(
            "date,measure,value\n2026-01-01,revenue,1\n2026-12-31,revenue,1\n2027-01-01,revenue,1\n",
            &known,
            LoadMode::Strict,
        )
        .unwrap();
        let w = strict.outside(start, end).unwrap();
        assert_eq!((w.rows, w.first_rows.clone()), (1, vec![3]));
        assert!(strict.outside(start, end.succ_opt().unwrap()).is_none());
    }

    #[test]
    fn many_rows_outside_the_period_list_the_first_ten() {
        let mut text = String::from("date,measure,value\n");
        for _ in 0..25 {
            text.push_str("2030-01-01,revenue,1\n2026-02-01,revenue,1\n");
        }
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let r = Actuals::from_csv(&text, &known, LoadMode::Strict).unwrap();
        let w = r.outside(start, end).unwrap();
        assert_eq!(w.rows, 25);
        assert_eq!(w.first_rows, [1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
        assert!(w.message.contains("19, …)"), "{}", w.message);
    }

    fn small() -> Limits {
        Limits {
            bytes: 200,
            rows: 3,
            depth: 3,
            string: 12,
        }
    }

    #[test]
    fn csv_beyond_the_limits_is_refused_in_every_mode() {
        let rows = |n: usize| {
            let mut t = String::from("date,measure,value\n");
            for _ in 0..n {
                t.push_str("2026-01-05,revenue,1\n");
            }
            t
        };
        for mode in [LoadMode::Strict, LoadMode::Lenient] {
            assert!(Actuals::csv_within(&rows(3), &known, mode, &small()).is_ok());
            let e = Actuals::csv_within(&rows(4), &known, mode, &small()).unwrap_err();
            assert_eq!((e.code(), e.path()), ("limit_exceeded", None));
            assert!(e.to_string().contains("limit of 3 rows"), "{e}");
            let e = Actuals::csv_within(&rows(10), &known, mode, &small()).unwrap_err();
            assert!(e.to_string().contains("limit of 200 bytes"), "{e}");
            let long = "date,measure,value,region\n2026-01-05,revenue,1,east\n2026-01-05,revenue,1,far-far-far-west\n";
            let e = Actuals::csv_within(long, &known, mode, &small()).unwrap_err();
            assert_eq!(e.code(), "limit_exceeded");
            assert!(
                e.to_string()
                    .starts_with("row 2, column region: a cell of 16 bytes"),
                "{e}"
            );
        }
    }

    #[test]
    fn json_beyond_the_limits_is_refused_with_its_path() {
        let mode = LoadMode::Lenient;
        let row = r#"{"date": "2026-01-05", "measure": "revenue", "value": 1}"#;
        let e = Actuals::json_within(
            &format!("[{row},{row},{row},{row}]"),
            &known,
            mode,
            &Limits {
                bytes: 1000,
                ..small()
            },
        )
        .unwrap_err();
        assert_eq!((e.code(), e.path()), ("limit_exceeded", Some("")));
        let deep = r#"[{"date": "2026-01-05", "tags": {"a": ["x"]}}]"#;
        let e = Actuals::json_within(deep, &known, mode, &small()).unwrap_err();
        assert_eq!(e.path(), Some("/0/tags/a"), "{e}");
        assert!(e.to_string().contains("nested deeper than 3 levels"), "{e}");
        let long = r#"[{"date": "2026-01-05", "measure": "revenue", "value": 1, "tags": {"region": "far-far-far-west"}}]"#;
        let e = Actuals::json_within(long, &known, mode, &small()).unwrap_err();
        assert_eq!(e.path(), Some("/0/tags/region"), "{e}");
        // The real limits: a string of 64 KiB is read, one byte more is not.
        let at = |n: usize| {
            format!(
                r#"[{{"date": "2026-01-05", "measure": "revenue", "value": 1, "tags": {{"note": "{}"}}}}]"#,
                "x".repeat(n)
            )
        };
        let max = crate::limits::MAX_STRING_BYTES;
        assert!(Actuals::from_json(&at(max), &known, LoadMode::Strict).is_ok());
        let e = Actuals::from_json(&at(max + 1), &known, LoadMode::Strict).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("limit_exceeded", Some("/0/tags/note"))
        );
    }

    #[test]
    fn json_rows() {
        let text = r#"[
            {"date": "2026-02-01", "measure": "revenue", "value": "100.25", "tags": {"segment": "SEG-HIGH"}},
            {"date": "2026-02-02", "measure": "opportunities", "value": 7},
            {"date": "2026-02-03", "measure": "revenue", "value": "x"},
            {"date": "2026-02-03", "measure": "revenue", "value": "1", "region": "east"}
        ]"#;
        let r = Actuals::from_json(text, &known, LoadMode::Lenient).unwrap();
        assert_eq!(r.actuals.len(), 2);
        assert_eq!(r.problems[0].row, 3);
        assert_eq!(r.problems[1].column, "region");
        assert!(Actuals::from_json("{}", &known, LoadMode::Lenient).is_err());
    }
}
