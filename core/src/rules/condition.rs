//! The rule condition language: a small, safe expression language over
//! facts of the evaluation, its monitoring and the risk register.
//!
//! ```text
//! kpi("K-CONV").attainment < 0.9 and kpi("K-REV-HIGH").trend > 0
//! kpi("K-REV").pace < 0.9 or kpi("K-REV", region="east").status == "off_track"
//! kpi("K-CONV").periods_below(0.9) >= 2 and risk("R-CHURN").level in ["high", "critical"]
//! (kpi("K-REV").forecast - kpi("K-REV").target) / kpi("K-REV").target < -0.05
//! ```
//!
//! Grammar (whitespace is free between tokens; `and`/`&&`, `or`/`||` and
//! `not`/`!` are the same):
//!
//! ```text
//! expr    := and ("or" and)*
//! and     := not ("and" not)*
//! not     := "not" not | compare
//! compare := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum | "in" list)?
//! sum     := product (("+" | "-") product)*
//! product := unary (("*" | "/") unary)*
//! unary   := "-" unary | primary
//! primary := NUMBER | STRING | "true" | "false" | fact | "(" expr ")"
//! fact    := "kpi" "(" STRING ("," DIM "=" STRING)* ")" "." KPI_FIELD
//!          | "kpi" "(" STRING ("," DIM "=" STRING)* ")" "." "periods_below" "(" NUMBER ")"
//!          | "risk" "(" STRING ")" "." RISK_FIELD
//!          | PART "(" STRING ")" "." PART_FIELD
//! PART    := "task" | "milestone" | "budget" | "capacity" | "strategy" | "forecast"
//! list    := "[" (expr ("," expr)*)? "]"
//! ```
//!
//! * **KPI facts** (for the company, or for the node the dimension filters
//!   name, such as `region="east"`): `actual`, `target`, `expected`,
//!   `variance`, `attainment`, `pace` (the same as `attainment`: against
//!   the expected-to-date value), `forecast` (run rate), `forecast_trend`,
//!   `forecast_pipeline`, `forecast_attainment` (run-rate forecast against
//!   the target, direction-aware), `trend`, `status` (`"on_track"`,
//!   `"at_risk"`, `"off_track"`) and `periods_below(x)`: how many completed
//!   periods in a row, back from the latest, had an attainment below `x`.
//! * **Risk facts**: `likelihood`, `impact`, `score`, `level` (`"low"` …
//!   `"critical"`), `residual_score`, `residual_level` and `exposure`, as the
//!   register scores them after its indicators.
//! * **Monitoring facts**, from the evaluation's monitoring
//!   ([`crate::monitor`]): `task("T-05")` — `slip_days`, `progress`,
//!   `expected_progress`, `progress_gap`, `float_days`, `status`
//!   (`"not_started"`, `"on_schedule"`, `"behind"`, `"late_start"`, `"overdue"`,
//!   `"blocked"`, `"done"`, `"cancelled"`) and the conditions `critical`
//!   and `overdue`; `milestone("M-LAUNCH")` — `slip_days`, `status`
//!   (`"reached"`, `"reached_late"`, `"on_track"`, `"at_risk"`,
//!   `"missed"`) and the condition `at_risk`; `budget("B-PROMO")` —
//!   `spent`, `expected`, `variance`, `burn`, `burn_rate`, `forecast`,
//!   `overrun`, `status` (`"under"`, `"on_plan"`, `"over"`);
//!   `capacity("H-HIGH")` — `heads`, `planned`, `heads_gap`,
//!   `forecast_capacity`; `strategy("S-PROMO").realised` (the lowest
//!   realised share of its effects); `forecast("K-REV")` — `bias`, `wape`,
//!   `mape`, `coverage` of its run-rate forecasts over the snapshots of a
//!   forecast accuracy attached to the monitoring.
//!
//! Numbers are exact decimals and arithmetic is decimal. A fact without a
//! value (no data yet, a node that does not exist) makes every comparison
//! with it false, so a rule never fires on missing data. Types are checked
//! when a condition is compiled: comparisons join numbers with numbers and
//! text with text, `and`/`or`/`not` take conditions, and the whole is a
//! condition. Columns in errors count characters from 1. A condition has
//! at most [`MAX_TOKENS`] tokens and nests parentheses and brackets at most
//! [`MAX_NESTING`] deep.

use std::fmt;

use rust_decimal::Decimal;

pub use super::fact::{Fact, FieldType, KpiField, Part, RiskField};

/// A condition that does not parse or does not fit the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionError {
    /// Column (in characters, from 1) where the problem starts.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConditionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for ConditionError {}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
}

/// Arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arith {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// A parsed condition; every node keeps the column it starts at.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number.
    Num(Decimal),
    /// A text.
    Text(String),
    /// `true` or `false`.
    Bool(bool),
    /// A fact, at a column.
    Fact(Fact, usize),
    /// `-x`
    Neg(Box<Expr>),
    /// `not x`
    Not(Box<Expr>),
    /// `a and b`
    And(Box<Expr>, Box<Expr>),
    /// `a or b`
    Or(Box<Expr>, Box<Expr>),
    /// `a < b` …, at the operator's column.
    Compare(Compare, Box<Expr>, Box<Expr>, usize),
    /// `a + b` …
    Arith(Arith, Box<Expr>, Box<Expr>),
    /// `a in [b, c]`, at the `in`'s column.
    In(Box<Expr>, Vec<Expr>, usize),
}

/// Parses a condition.
///
/// # Errors
/// A [`ConditionError`] at the first column that does not fit the grammar.
pub fn parse(text: &str) -> Result<Expr, ConditionError> {
    let tokens = tokenize(text)?;
    check_size(&tokens)?;
    let mut p = Parser { tokens, pos: 0 };
    if p.peek() == &Tok::End {
        return Err(ConditionError {
            column: 1,
            message: "the condition is empty".into(),
        });
    }
    let expr = p.or()?;
    match p.peek() {
        Tok::End => Ok(expr),
        other => Err(p.error(format!("unexpected {other} after the condition"))),
    }
}

/// The most tokens a condition may have. Reading, compiling and
/// evaluating a condition recurse once per level of its tree, and a tree
/// has fewer levels than tokens: the bound keeps every stack safe, a
/// WebAssembly one included.
pub const MAX_TOKENS: usize = 256;

/// The deepest parentheses and brackets may nest (reading recurses through
/// several functions per level).
pub const MAX_NESTING: usize = 32;

/// Refuses a condition too long or nested too deep, at the column of the
/// first token beyond the bound.
fn check_size(tokens: &[(Tok, usize)]) -> Result<(), ConditionError> {
    let mut depth = 0usize;
    for (n, (tok, column)) in tokens.iter().enumerate() {
        if n >= MAX_TOKENS && *tok != Tok::End {
            return Err(ConditionError {
                column: *column,
                message: format!("the condition is too long: at most {MAX_TOKENS} tokens"),
            });
        }
        match tok {
            Tok::Op("(" | "[") => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(ConditionError {
                        column: *column,
                        message: format!(
                            "parentheses and brackets nest more than {MAX_NESTING} deep"
                        ),
                    });
                }
            }
            Tok::Op(")" | "]") => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(Decimal),
    Str(String),
    Ident(String),
    Op(&'static str),
    End,
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Num(n) => write!(f, "number {n}"),
            Tok::Str(s) => write!(f, "text {s:?}"),
            Tok::Ident(s) => write!(f, "`{s}`"),
            Tok::Op(s) => write!(f, "`{s}`"),
            Tok::End => write!(f, "the end"),
        }
    }
}

const OPERATORS: &[&str] = &[
    "<=", ">=", "==", "!=", "&&", "||", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", ",", ".",
    "=", "!",
];

fn tokenize(text: &str) -> Result<Vec<(Tok, usize)>, ConditionError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            let n = s.parse::<Decimal>().map_err(|_| ConditionError {
                column,
                message: format!("{s:?} is not a number"),
            })?;
            out.push((Tok::Num(n), column));
        } else if c == '"' || c == '\'' {
            let start = i + 1;
            i += 1;
            while i < chars.len() && chars[i] != c {
                i += 1;
            }
            if i == chars.len() {
                return Err(ConditionError {
                    column,
                    message: "the text is not closed".into(),
                });
            }
            out.push((Tok::Str(chars[start..i].iter().collect()), column));
            i += 1;
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let tok = match word.as_str() {
                "and" => Tok::Op("&&"),
                "or" => Tok::Op("||"),
                "not" => Tok::Op("!"),
                _ => Tok::Ident(word),
            };
            out.push((tok, column));
        } else if let Some(op) = OPERATORS.iter().find(|op| {
            op.chars()
                .enumerate()
                .all(|(k, oc)| chars.get(i + k) == Some(&oc))
        }) {
            out.push((Tok::Op(op), column));
            i += op.chars().count();
        } else {
            return Err(ConditionError {
                column,
                message: format!("unexpected character {c:?}"),
            });
        }
    }
    out.push((Tok::End, chars.len() + 1));
    Ok(out)
}

struct Parser {
    tokens: Vec<(Tok, usize)>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.tokens[self.pos].0
    }

    fn column(&self) -> usize {
        self.tokens[self.pos].1
    }

    fn next(&mut self) -> (Tok, usize) {
        let t = self.tokens[self.pos].clone();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        t
    }

    fn error(&self, message: String) -> ConditionError {
        ConditionError {
            column: self.column(),
            message,
        }
    }

    fn eat(&mut self, op: &str) -> bool {
        if self.peek() == &Tok::Op(static_op(op)) {
            self.next();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, op: &str) -> Result<(), ConditionError> {
        if self.eat(op) {
            Ok(())
        } else {
            Err(self.error(format!("expected `{op}`, found {}", self.peek())))
        }
    }

    fn or(&mut self) -> Result<Expr, ConditionError> {
        let mut left = self.and()?;
        while self.eat("||") {
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, ConditionError> {
        let mut left = self.not()?;
        while self.eat("&&") {
            left = Expr::And(Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, ConditionError> {
        if self.eat("!") {
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Expr, ConditionError> {
        let left = self.sum()?;
        let column = self.column();
        let op = match self.peek() {
            Tok::Op("<") => Compare::Lt,
            Tok::Op("<=") => Compare::Le,
            Tok::Op(">") => Compare::Gt,
            Tok::Op(">=") => Compare::Ge,
            Tok::Op("==") => Compare::Eq,
            Tok::Op("!=") => Compare::Ne,
            Tok::Op("=") => return Err(self.error("`=` compares nothing; write `==`".into())),
            Tok::Ident(w) if w == "in" => {
                self.next();
                self.expect("[")?;
                let mut items = Vec::new();
                if !self.eat("]") {
                    loop {
                        items.push(self.sum()?);
                        if self.eat("]") {
                            break;
                        }
                        self.expect(",")?;
                    }
                }
                return Ok(Expr::In(Box::new(left), items, column));
            }
            _ => return Ok(left),
        };
        self.next();
        let right = self.sum()?;
        Ok(Expr::Compare(op, Box::new(left), Box::new(right), column))
    }

    fn sum(&mut self) -> Result<Expr, ConditionError> {
        let mut left = self.product()?;
        loop {
            let op = if self.eat("+") {
                Arith::Add
            } else if self.eat("-") {
                Arith::Sub
            } else {
                return Ok(left);
            };
            left = Expr::Arith(op, Box::new(left), Box::new(self.product()?));
        }
    }

    fn product(&mut self) -> Result<Expr, ConditionError> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat("*") {
                Arith::Mul
            } else if self.eat("/") {
                Arith::Div
            } else {
                return Ok(left);
            };
            left = Expr::Arith(op, Box::new(left), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Result<Expr, ConditionError> {
        if self.eat("-") {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, ConditionError> {
        let (tok, column) = self.next();
        match tok {
            Tok::Num(n) => Ok(Expr::Num(n)),
            Tok::Str(s) => Ok(Expr::Text(s)),
            Tok::Op("(") => {
                let e = self.or()?;
                self.expect(")")?;
                Ok(e)
            }
            Tok::Ident(w) if w == "true" => Ok(Expr::Bool(true)),
            Tok::Ident(w) if w == "false" => Ok(Expr::Bool(false)),
            Tok::Ident(w) if w == "kpi" || w == "risk" => self.fact(&w, column),
            Tok::Ident(w) if Part::named(&w).is_some() => self.part_fact(&w, column),
            Tok::Ident(w) => Err(ConditionError {
                column,
                message: format!(
                    "unknown name `{w}`: facts are kpi, risk, task, milestone, budget, capacity, strategy and forecast, as kpi(\"ID\").field"
                ),
            }),
            other => Err(ConditionError {
                column,
                message: format!("expected a value, found {other}"),
            }),
        }
    }

    fn string(&mut self, what: &str) -> Result<String, ConditionError> {
        match self.next() {
            (Tok::Str(s), _) => Ok(s),
            (other, column) => Err(ConditionError {
                column,
                message: format!("expected {what} in quotes, found {other}"),
            }),
        }
    }

    /// `task("T-05").slip_days` and the other monitored parts.
    fn part_fact(&mut self, word: &str, column: usize) -> Result<Expr, ConditionError> {
        let Some(part) = Part::named(word) else {
            return Err(self.error(format!("unknown name `{word}`")));
        };
        self.expect("(")?;
        let id = self.string(&format!("the {word} id"))?;
        if self.peek() == &Tok::Op(",") {
            return Err(self.error(format!("{word}(...) takes only the id")));
        }
        self.expect(")")?;
        self.expect(".")?;
        let (name, field_column) = match self.next() {
            (Tok::Ident(f), c) => (f, c),
            (other, c) => {
                return Err(ConditionError {
                    column: c,
                    message: format!("expected a field name, found {other}"),
                })
            }
        };
        let Some(&(field, _)) = part.fields().iter().find(|(f, _)| *f == name) else {
            let list: Vec<&str> = part.fields().iter().map(|(f, _)| *f).collect();
            return Err(ConditionError {
                column: field_column,
                message: format!("unknown {word} field `{name}`; one of {}", list.join(", ")),
            });
        };
        Ok(Expr::Fact(Fact::Part { part, id, field }, column))
    }

    fn fact(&mut self, kind: &str, column: usize) -> Result<Expr, ConditionError> {
        self.expect("(")?;
        let id = self.string(&format!("the {} id", kind.to_uppercase()))?;
        let mut node = Vec::new();
        if kind == "risk" && self.peek() == &Tok::Op(",") {
            return Err(self.error("risk(...) takes only the risk id".into()));
        }
        while self.eat(",") {
            let dim = match self.next() {
                (Tok::Ident(d), _) => d,
                (other, column) => {
                    return Err(ConditionError {
                        column,
                        message: format!("expected a dimension name, found {other}"),
                    })
                }
            };
            self.expect("=")?;
            node.push((dim, self.string("the dimension value")?));
        }
        self.expect(")")?;
        self.expect(".")?;
        let (field, field_column) = match self.next() {
            (Tok::Ident(f), c) => (f, c),
            (other, c) => {
                return Err(ConditionError {
                    column: c,
                    message: format!("expected a field name, found {other}"),
                })
            }
        };
        let unknown = |list: &str| ConditionError {
            column: field_column,
            message: format!("unknown {kind} field `{field}`; one of {list}"),
        };
        let fact = if kind == "risk" {
            let field = RiskField::named(&field).ok_or_else(|| {
                unknown(
                    "likelihood, impact, score, level, residual_score, residual_level, exposure",
                )
            })?;
            Fact::Risk { risk: id, field }
        } else if field == "periods_below" {
            self.expect("(")?;
            let threshold = match self.next() {
                (Tok::Num(n), _) => n,
                (other, column) => {
                    return Err(ConditionError {
                        column,
                        message: format!("periods_below takes a number, found {other}"),
                    })
                }
            };
            self.expect(")")?;
            Fact::Kpi {
                kpi: id,
                node,
                field: KpiField::PeriodsBelow(threshold),
            }
        } else {
            let field = KpiField::named(&field).ok_or_else(|| {
                unknown("actual, target, expected, variance, attainment, pace, forecast, forecast_trend, forecast_pipeline, forecast_attainment, trend, status, periods_below(x)")
            })?;
            Fact::Kpi {
                kpi: id,
                node,
                field,
            }
        };
        Ok(Expr::Fact(fact, column))
    }
}

fn static_op(op: &str) -> &'static str {
    OPERATORS.iter().find(|o| **o == op).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ConditionError {
        parse(text).unwrap_err()
    }

    /// Found by fuzzing: thousands of nested parentheses overflowed the
    /// stack while reading; long chains would while compiling, evaluating
    /// or dropping the tree.
    #[test]
    fn refuses_conditions_too_long_or_too_deep() {
        let deep = format!("{}1{} > 0", "(".repeat(5000), ")".repeat(5000));
        let e = err(&deep);
        assert_eq!(e.column, MAX_NESTING + 1);
        assert!(e.message.contains("nest"), "{e}");
        let nested = format!(
            "{}1{} > 0",
            "(".repeat(MAX_NESTING),
            ")".repeat(MAX_NESTING)
        );
        assert!(parse(&nested).is_ok());
        assert!(err(&format!("{}[1] > 0", "-(".repeat(40)))
            .message
            .contains("nest"));

        let chain = format!("1{} > 0", " + 1".repeat(20_000));
        let e = err(&chain);
        assert!(e.message.contains("too long"), "{e}");
        // Token n (from 0) of "1 + 1 + ..." is at column 1 + 2n.
        assert_eq!(e.column, 1 + 2 * MAX_TOKENS);
        let negations = format!("{}true", "not ".repeat(10_000));
        assert!(err(&negations).message.contains("too long"));
        // Up to the bound, the tokens are read.
        let longest = format!("1{} > 0", " + 1".repeat((MAX_TOKENS - 3) / 2));
        assert!(parse(&longest).is_ok());
    }

    #[test]
    fn parses_the_case_study_conditions() {
        let e = parse(r#"kpi("K-CONV").attainment < 0.9 and kpi("K-REV-HIGH").trend > 0"#).unwrap();
        let Expr::And(a, b) = e else { panic!("{e:?}") };
        assert!(matches!(*a, Expr::Compare(Compare::Lt, _, _, 26)));
        assert!(matches!(*b, Expr::Compare(Compare::Gt, _, _, _)));
        assert!(parse(r#"kpi("K-REV").pace < 0.9"#).is_ok());
    }

    #[test]
    fn precedence_and_forms() {
        let e = parse("1 + 2 * 3 == 7 || !(2 > 1) && true").unwrap();
        assert!(matches!(e, Expr::Or(_, _)));
        let e = parse(r#"kpi("K", region='east').periods_below(0.9) >= 2"#).unwrap();
        let Expr::Compare(_, left, _, _) = e else {
            panic!()
        };
        let Expr::Fact(Fact::Kpi { node, field, .. }, 1) = *left else {
            panic!()
        };
        assert_eq!(node, [("region".to_owned(), "east".to_owned())]);
        assert_eq!(field, KpiField::PeriodsBelow(Decimal::new(9, 1)));
        assert!(parse(r#"risk("R").level in ["high", "critical"]"#).is_ok());
        assert!(parse(r#"risk("R").level in []"#).is_ok());
        assert!(parse("-(1 - 2) > 0").is_ok());
    }

    #[test]
    fn errors_point_at_the_column() {
        assert_eq!(err(r#"kpi("K").attainmnt < 1"#).column, 10);
        assert!(err(r#"kpi("K").attainmnt < 1"#)
            .message
            .contains("unknown kpi field"));
        assert_eq!(err(r#"kpi("K").pace <"#).column, 16);
        assert_eq!(err(r#"kpi("K").pace = 1"#).column, 15);
        assert_eq!(err(r#"revenue > 1"#).column, 1);
        assert_eq!(err(r#"kpi("K).pace"#).column, 5);
        assert_eq!(err("1 > 0 0").column, 7);
        assert_eq!(err("   ").column, 1);
        assert_eq!(err("1 > 0 # x").column, 7);
        assert_eq!(err(r#"risk("R", a="b").score > 1"#).column, 9);
        assert_eq!(err("1.2.3 > 0").column, 1);
    }

    #[test]
    fn facts_print_as_written() {
        let e = parse(r#"kpi("K-CONV", region="east").forecast_attainment"#).unwrap();
        let Expr::Fact(f, _) = e else { panic!() };
        assert_eq!(
            f.to_string(),
            r#"kpi("K-CONV", region="east").forecast_attainment"#
        );
        let Expr::Fact(f, _) = parse(r#"risk("R-1").residual_level"#).unwrap() else {
            panic!()
        };
        assert_eq!(f.to_string(), r#"risk("R-1").residual_level"#);
    }
}
