//! The KPI formula language.
//!
//! A formula combines aggregates of measures with arithmetic:
//!
//! ```text
//! sum(revenue)
//! sum(won_deals) / sum(opportunities)
//! (sum(marketing_spend) + sum(sales_spend)) / sum(new_customers)
//! avg(satisfaction_score)
//! kpi("K-REV") / 12
//! sum(revenue) / baseline(revenue) - 1
//! ```
//!
//! Grammar (whitespace is free between tokens):
//!
//! ```text
//! expr    := term (("+" | "-") term)*
//! term    := unary (("*" | "/") unary)*
//! unary   := "-" unary | primary
//! primary := NUMBER | AGG "(" MEASURE ")" | "kpi" "(" STRING ")" | "(" expr ")"
//! AGG     := sum | count | avg | last | min | max | baseline
//! ```
//!
//! Measures are lower-case identifiers (`won_deals`). `baseline(m)` is the
//! plan baseline's value of `m` prorated to the days of the window being
//! evaluated, so `sum(revenue) / baseline(revenue) - 1` is growth over the
//! baseline period. Columns in errors count characters from 1. A formula
//! has at most [`MAX_TOKENS`] tokens and nests parentheses at most
//! [`MAX_NESTING`] deep.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// Measures every plan knows without declaring them.
pub const STANDARD_MEASURES: &[&str] = &[
    "revenue",
    "won_deals",
    "lost_deals",
    "opportunities",
    "leads",
    "new_customers",
    "customers",
    "churned_customers",
    "marketing_spend",
    "sales_spend",
    "satisfaction_score",
    "market_size",
    "pipeline_value",
    "calls",
    "meetings",
];

/// How an aggregate folds a measure's observations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Aggregate {
    /// Total.
    Sum,
    /// Number of observations.
    Count,
    /// Mean.
    Avg,
    /// Latest value.
    Last,
    /// Smallest value.
    Min,
    /// Largest value.
    Max,
    /// The plan baseline's value, prorated to the window.
    Baseline,
}

impl Aggregate {
    fn from_name(name: &str) -> Option<Aggregate> {
        Some(match name {
            "sum" => Aggregate::Sum,
            "count" => Aggregate::Count,
            "avg" => Aggregate::Avg,
            "last" => Aggregate::Last,
            "min" => Aggregate::Min,
            "max" => Aggregate::Max,
            "baseline" => Aggregate::Baseline,
            _ => return None,
        })
    }

    /// The name as written in formulas.
    pub fn name(self) -> &'static str {
        match self {
            Aggregate::Sum => "sum",
            Aggregate::Count => "count",
            Aggregate::Avg => "avg",
            Aggregate::Last => "last",
            Aggregate::Min => "min",
            Aggregate::Max => "max",
            Aggregate::Baseline => "baseline",
        }
    }
}

/// Arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

/// A parsed formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Formula {
    /// A literal number.
    Number(Decimal),
    /// An aggregate of a measure, with the 1-based column of the measure name.
    Measure {
        /// How the observations are folded.
        aggregate: Aggregate,
        /// The measure.
        measure: String,
        /// Column of the measure name in the source.
        column: usize,
    },
    /// The value of another KPI.
    Kpi {
        /// The KPI id.
        id: String,
        /// Column of the id in the source.
        column: usize,
    },
    /// Negation.
    Neg(Box<Formula>),
    /// A binary operation.
    Binary(BinaryOp, Box<Formula>, Box<Formula>),
}

/// A formula that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulaError {
    /// 1-based character column of the fault.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FormulaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for FormulaError {}

impl Formula {
    /// Parses a formula.
    pub fn parse(text: &str) -> Result<Formula, FormulaError> {
        let tokens = tokenize(text)?;
        check_size(&tokens)?;
        let mut p = Parser {
            tokens,
            pos: 0,
            end: text.chars().count() + 1,
        };
        let f = p.expr()?;
        match p.peek() {
            None => Ok(f),
            Some(t) => Err(p.error_at(t.column, format!("unexpected {}", t.kind))),
        }
    }

    /// Every measure the formula reads, with its column, in source order.
    pub fn measures(&self) -> Vec<(&str, usize)> {
        let mut out = Vec::new();
        self.walk(&mut |f| {
            if let Formula::Measure {
                measure, column, ..
            } = f
            {
                out.push((measure.as_str(), *column));
            }
        });
        out
    }

    /// Every KPI the formula refers to, with its column, in source order.
    pub fn kpis(&self) -> Vec<(&str, usize)> {
        let mut out = Vec::new();
        self.walk(&mut |f| {
            if let Formula::Kpi { id, column } = f {
                out.push((id.as_str(), *column));
            }
        });
        out
    }

    fn walk<'a>(&'a self, visit: &mut impl FnMut(&'a Formula)) {
        visit(self);
        match self {
            Formula::Neg(inner) => inner.walk(visit),
            Formula::Binary(_, l, r) => {
                l.walk(visit);
                r.walk(visit);
            }
            _ => {}
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum TokenKind {
    Number(Decimal),
    Ident(String),
    Str(String),
    Op(char),
    LParen,
    RParen,
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenKind::Number(n) => write!(f, "number {n}"),
            TokenKind::Ident(s) => write!(f, "name `{s}`"),
            TokenKind::Str(s) => write!(f, "string {s:?}"),
            TokenKind::Op(c) => write!(f, "`{c}`"),
            TokenKind::LParen => f.write_str("`(`"),
            TokenKind::RParen => f.write_str("`)`"),
        }
    }
}

/// The most tokens a formula may have. Reading and evaluating a formula
/// recurse once per level of its tree, which has fewer levels than tokens:
/// the bound keeps every stack safe, a WebAssembly one included.
pub const MAX_TOKENS: usize = 256;

/// The deepest parentheses may nest (reading recurses through several
/// functions per level).
pub const MAX_NESTING: usize = 32;

/// Refuses a formula too long or nested too deep, at the column of the
/// first token beyond the bound.
fn check_size(tokens: &[Token]) -> Result<(), FormulaError> {
    let mut depth = 0usize;
    for (n, token) in tokens.iter().enumerate() {
        if n >= MAX_TOKENS {
            return Err(FormulaError {
                column: token.column,
                message: format!("the formula is too long: at most {MAX_TOKENS} tokens"),
            });
        }
        match token.kind {
            TokenKind::LParen => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(FormulaError {
                        column: token.column,
                        message: format!("parentheses nest more than {MAX_NESTING} deep"),
                    });
                }
            }
            TokenKind::RParen => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[derive(Debug, Clone)]
struct Token {
    kind: TokenKind,
    column: usize,
}

fn tokenize(text: &str) -> Result<Vec<Token>, FormulaError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        let start = i;
        let kind = if c.is_whitespace() {
            i += 1;
            continue;
        } else if c.is_ascii_digit() || c == '.' {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let s: String = chars[start..i].iter().collect();
            let n = Decimal::from_str(&s).map_err(|_| FormulaError {
                column,
                message: format!("bad number {s:?}"),
            })?;
            TokenKind::Number(n)
        } else if c.is_ascii_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            TokenKind::Ident(chars[start..i].iter().collect())
        } else if c == '"' || c == '\'' {
            i += 1;
            while i < chars.len() && chars[i] != c {
                i += 1;
            }
            if i >= chars.len() {
                return Err(FormulaError {
                    column,
                    message: "unterminated string".into(),
                });
            }
            i += 1;
            TokenKind::Str(chars[start + 1..i - 1].iter().collect())
        } else {
            i += 1;
            match c {
                '+' | '-' | '*' | '/' => TokenKind::Op(c),
                '(' => TokenKind::LParen,
                ')' => TokenKind::RParen,
                _ => {
                    return Err(FormulaError {
                        column,
                        message: format!("unexpected character {c:?}"),
                    })
                }
            }
        };
        out.push(Token { kind, column });
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn error_at(&self, column: usize, message: impl Into<String>) -> FormulaError {
        FormulaError {
            column,
            message: message.into(),
        }
    }

    fn expect(&mut self, want: TokenKind, what: &str) -> Result<(), FormulaError> {
        match self.next() {
            Some(t) if t.kind == want => Ok(()),
            Some(t) => Err(self.error_at(t.column, format!("expected {what}, found {}", t.kind))),
            None => Err(self.error_at(self.end, format!("expected {what}, found the end"))),
        }
    }

    fn expr(&mut self) -> Result<Formula, FormulaError> {
        let mut left = self.term()?;
        while let Some(TokenKind::Op(c @ ('+' | '-'))) = self.peek().map(|t| t.kind.clone()) {
            self.pos += 1;
            let op = if c == '+' {
                BinaryOp::Add
            } else {
                BinaryOp::Sub
            };
            left = Formula::Binary(op, Box::new(left), Box::new(self.term()?));
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Formula, FormulaError> {
        let mut left = self.unary()?;
        while let Some(TokenKind::Op(c @ ('*' | '/'))) = self.peek().map(|t| t.kind.clone()) {
            self.pos += 1;
            let op = if c == '*' {
                BinaryOp::Mul
            } else {
                BinaryOp::Div
            };
            left = Formula::Binary(op, Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Formula, FormulaError> {
        if let Some(TokenKind::Op('-')) = self.peek().map(|t| &t.kind) {
            self.pos += 1;
            return Ok(Formula::Neg(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Formula, FormulaError> {
        let Some(t) = self.next() else {
            return Err(self.error_at(self.end, "expected a value, found the end"));
        };
        match t.kind {
            TokenKind::Number(n) => Ok(Formula::Number(n)),
            TokenKind::LParen => {
                let inner = self.expr()?;
                self.expect(TokenKind::RParen, "`)`")?;
                Ok(inner)
            }
            TokenKind::Ident(name) if name == "kpi" => {
                self.expect(TokenKind::LParen, "`(` after kpi")?;
                let arg = self.next();
                let (id, column) = match arg {
                    Some(Token {
                        kind: TokenKind::Str(s),
                        column,
                    }) => (s, column + 1),
                    Some(t) => {
                        return Err(self.error_at(
                            t.column,
                            format!("expected a quoted KPI id, found {}", t.kind),
                        ))
                    }
                    None => {
                        return Err(
                            self.error_at(self.end, "expected a quoted KPI id, found the end")
                        )
                    }
                };
                self.expect(TokenKind::RParen, "`)`")?;
                Ok(Formula::Kpi { id, column })
            }
            TokenKind::Ident(name) => {
                let Some(aggregate) = Aggregate::from_name(&name) else {
                    return Err(self.error_at(
                        t.column,
                        format!(
                            "unknown function `{name}`; write an aggregate such as sum({name}) \
                             (sum, count, avg, last, min, max, baseline) or kpi(\"ID\")"
                        ),
                    ));
                };
                self.expect(TokenKind::LParen, &format!("`(` after {name}"))?;
                let (measure, column) = match self.next() {
                    Some(Token {
                        kind: TokenKind::Ident(m),
                        column,
                    }) => (m, column),
                    Some(t) => {
                        return Err(self.error_at(
                            t.column,
                            format!("expected a measure name, found {}", t.kind),
                        ))
                    }
                    None => {
                        return Err(
                            self.error_at(self.end, "expected a measure name, found the end")
                        )
                    }
                };
                self.expect(TokenKind::RParen, "`)`")?;
                Ok(Formula::Measure {
                    aggregate,
                    measure,
                    column,
                })
            }
            other => Err(self.error_at(t.column, format!("expected a value, found {other}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Thousands of nested parentheses in a KPI formula overflowed the
    /// stack while a plan was validated (found beside the same fault in
    /// rule conditions).
    #[test]
    fn refuses_formulas_too_long_or_too_deep() {
        let deep = format!("{}sum(revenue){}", "(".repeat(20_000), ")".repeat(20_000));
        let e = Formula::parse(&deep).unwrap_err();
        assert_eq!(e.column, MAX_NESTING + 1);
        assert!(e.message.contains("nest"), "{e}");
        let nested = format!(
            "{}sum(revenue){}",
            "(".repeat(MAX_NESTING - 1),
            ")".repeat(MAX_NESTING - 1)
        );
        assert!(Formula::parse(&nested).is_ok());
        let chain = format!("sum(revenue){}", " + 1".repeat(20_000));
        let e = Formula::parse(&chain).unwrap_err();
        assert!(e.message.contains("too long"), "{e}");
        let negations = format!("{}1", "-".repeat(20_000));
        assert!(Formula::parse(&negations)
            .unwrap_err()
            .message
            .contains("too long"));
    }

    #[test]
    fn parses_ratio_and_cac() {
        let f = Formula::parse("sum(won_deals) / sum(opportunities)").unwrap();
        assert_eq!(f.measures(), vec![("won_deals", 5), ("opportunities", 22)]);
        let cac = Formula::parse("(sum(marketing_spend) + sum(sales_spend)) / sum(new_customers)")
            .unwrap();
        assert_eq!(cac.measures().len(), 3);
        let k = Formula::parse("kpi(\"K-REV\") / 12 - -1").unwrap();
        assert_eq!(k.kpis(), vec![("K-REV", 6)]);
    }

    #[test]
    fn precedence() {
        let f = Formula::parse("1 + 2 * 3").unwrap();
        match f {
            Formula::Binary(BinaryOp::Add, _, r) => {
                assert!(matches!(*r, Formula::Binary(BinaryOp::Mul, _, _)))
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn errors_point_at_columns() {
        let e = Formula::parse("sum(revenue) +").unwrap_err();
        assert_eq!(e.column, 15);
        let e = Formula::parse("total(revenue)").unwrap_err();
        assert_eq!(e.column, 1);
        assert!(e.message.contains("unknown function"));
        let e = Formula::parse("sum(revenue) $").unwrap_err();
        assert_eq!(e.column, 14);
        let e = Formula::parse("sum(revenue").unwrap_err();
        assert_eq!(e.column, 12);
        let e = Formula::parse("kpi(\"K-REV)").unwrap_err();
        assert_eq!(e.message, "unterminated string");
        assert!(Formula::parse("").is_err());
        assert!(Formula::parse("sum(1.2.3)").is_err());
        assert!(Formula::parse("(sum(revenue)").is_err());
        assert!(Formula::parse("sum(revenue) sum(leads)").is_err());
    }
}
