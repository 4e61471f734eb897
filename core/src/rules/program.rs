//! Conditions compiled against a plan into the rule VM.
//!
//! Compiling resolves every fact to a slot and checks ids and types once.
//! The facts of one context are read once from a [`Facts`] source
//! ([`RuleSet::read`], or [`RuleSet::facts`] for an evaluation and a risk
//! register) and shared by every rule. [`RuleSet::holds`] walks one rule's compiled tree
//! with decimal arithmetic, the reference; [`RuleSet::evaluate`] runs every
//! rule at once through a branch-free circuit compiled from the same trees
//! (see `circuit`), with the same answers.

use std::cell::RefCell;

use rust_decimal::Decimal;

use super::condition::{parse, Arith, Compare, ConditionError, Expr, Fact, FieldType};
use super::Facts;
use crate::plan::Plan;

mod parts;

/// Every word a text fact holds: a KPI's status (`on_track`, `at_risk`,
/// `off_track`), a risk's level (`low` to `critical`), then the statuses
/// of tasks, milestones and budget lines. A caller that
/// reads facts from text (a column of a DataFrame) takes its words from
/// here, so that a [`FactValue::Text`] borrows for as long as any.
pub const FACT_WORDS: [&str; 21] = [
    "on_track",
    "at_risk",
    "off_track",
    "low",
    "medium",
    "high",
    "critical",
    // A task's schedule status.
    "not_started",
    "on_schedule",
    "behind",
    "late_start",
    "overdue",
    "blocked",
    "done",
    "cancelled",
    // A milestone's status (with on_track and at_risk).
    "reached",
    "reached_late",
    "missed",
    // A budget line's status.
    "under",
    "on_plan",
    "over",
];

/// The value of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactValue {
    /// A number.
    Num(Decimal),
    /// A text from a fixed set (statuses, risk levels).
    Text(&'static str),
    /// No value: no data yet, or no such node.
    Missing,
}

impl FactValue {
    /// The text value `word` when it is one of [`FACT_WORDS`] (`"off_track"`,
    /// `"high"`), as a fact given from outside is checked.
    ///
    /// ```
    /// use salesplan::rules::FactValue;
    /// assert_eq!(FactValue::word("off_track"), Some(FactValue::Text("off_track")));
    /// assert_eq!(FactValue::word("late"), None);
    /// ```
    pub fn word(word: &str) -> Option<FactValue> {
        FACT_WORDS
            .iter()
            .find(|w| **w == word)
            .map(|w| FactValue::Text(w))
    }
}

impl std::fmt::Display for FactValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FactValue::Num(n) => write!(f, "{}", n.normalize()),
            FactValue::Text(t) => write!(f, "{t:?}"),
            FactValue::Missing => write!(f, "no value"),
        }
    }
}

/// A compiled condition node.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Num(Decimal),
    Text(String),
    Bool(bool),
    Slot(u32),
    Neg(Box<Node>),
    Not(Box<Node>),
    And(Box<Node>, Box<Node>),
    Or(Box<Node>, Box<Node>),
    Compare(Compare, Box<Node>, Box<Node>),
    /// A numeric fact against a constant, the most common comparison,
    /// with the constant's mantissa at every scale a fact may have.
    FactVsConst(Compare, u32, Box<Scaled>),
    Arith(Arith, Box<Node>, Box<Node>),
    In(Box<Node>, Vec<Node>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Num,
    Text,
    Bool,
}

impl Type {
    fn name(self) -> &'static str {
        match self {
            Type::Num => "a number",
            Type::Text => "a text",
            Type::Bool => "a condition",
        }
    }
}

/// One rule's compiled condition.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledRule {
    /// Index of the rule in the plan.
    pub index: usize,
    /// The rule's id.
    pub id: String,
    node: Node,
    /// Slots the condition reads, in order of first appearance.
    reads: Vec<u32>,
}

impl CompiledRule {
    /// The slots (into [`RuleSet::slots`]) the condition reads.
    pub fn reads(&self) -> &[u32] {
        &self.reads
    }
}

/// The rules that hold in each of many contexts
/// ([`RuleSet::evaluate_many`]): a row of bits per context, bit `i` for the
/// rule at position `i` of [`RuleSet::rules`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FiredSets {
    rules: usize,
    words: usize,
    contexts: usize,
    bits: Vec<u64>,
}

fn words_for(rules: usize) -> usize {
    rules.div_ceil(64).max(1)
}

impl FiredSets {
    /// An empty list for the rules of `set`.
    pub fn new(set: &RuleSet) -> FiredSets {
        FiredSets {
            rules: set.rules.len(),
            words: words_for(set.rules.len()),
            contexts: 0,
            bits: Vec::new(),
        }
    }

    /// Contexts evaluated.
    pub fn len(&self) -> usize {
        self.contexts
    }

    /// Whether no context was evaluated.
    pub fn is_empty(&self) -> bool {
        self.contexts == 0
    }

    /// Forgets the contexts, keeping the room.
    pub fn clear(&mut self) {
        self.contexts = 0;
        self.bits.clear();
    }

    /// Whether the rule at position `rule` holds in context `context`
    /// (false for either out of range).
    pub fn holds(&self, context: usize, rule: usize) -> bool {
        rule < self.rules
            && self
                .row(context)
                .is_some_and(|row| row[rule / 64] & (1 << (rule % 64)) != 0)
    }

    /// The context's row of bits, 64 rules a word (`None` out of range).
    pub fn row(&self, context: usize) -> Option<&[u64]> {
        let start = context.checked_mul(self.words)?;
        self.bits.get(start..start.checked_add(self.words)?)
    }

    /// The positions of the rules that hold in the context, in order (none
    /// out of range).
    pub fn fired(&self, context: usize) -> impl Iterator<Item = usize> + '_ {
        self.row(context)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .flat_map(|(w, &word)| {
                let mut word = word;
                std::iter::from_fn(move || {
                    (word != 0).then(|| {
                        let i = word.trailing_zeros() as usize;
                        word &= word - 1;
                        w * 64 + i
                    })
                })
            })
    }
}

/// A rule whose condition does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// Index of the rule in the plan.
    pub index: usize,
    /// The rule's id.
    pub rule: String,
    /// Where and what.
    pub error: ConditionError,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rule {}, {}", self.rule, self.error)
    }
}

mod circuit;

use circuit::{Circuit, Kind, Scratch};

thread_local! {
    /// Room for [`RuleSet::evaluate`], reused from call to call.
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// The plan's rules, compiled once, evaluated many times.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleSet {
    rules: Vec<CompiledRule>,
    slots: Vec<Fact>,
    circuit: Circuit,
}

impl RuleSet {
    /// Compiles every rule's condition (disabled rules too) against the
    /// plan: KPI and risk ids must exist and types must fit.
    ///
    /// # Errors
    /// Every rule that does not compile, with its column.
    pub fn compile(plan: &Plan) -> Result<RuleSet, Vec<RuleError>> {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        for (index, rule) in plan.rules.iter().enumerate() {
            match set.add(plan, &rule.when) {
                Ok((node, reads)) => set.rules.push(CompiledRule {
                    index,
                    id: rule.id.to_string(),
                    node,
                    reads,
                }),
                Err(error) => errors.push(RuleError {
                    index,
                    rule: rule.id.to_string(),
                    error,
                }),
            }
        }
        if errors.is_empty() {
            set.build();
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// Compiles one condition against the plan, outside any rule.
    ///
    /// # Errors
    /// A [`ConditionError`] with the column.
    pub fn compile_condition(plan: &Plan, text: &str) -> Result<RuleSet, ConditionError> {
        let mut set = RuleSet::default();
        let (node, reads) = set.add(plan, text)?;
        set.rules.push(CompiledRule {
            index: 0,
            id: String::new(),
            node,
            reads,
        });
        set.build();
        Ok(set)
    }

    /// Compiles the circuit once every rule is in.
    fn build(&mut self) {
        let kinds = self
            .slots
            .iter()
            .map(|f| if f.is_text() { Kind::Text } else { Kind::Num })
            .collect();
        self.circuit = Circuit::compile(kinds, self.rules.iter().map(|r| &r.node));
    }

    fn add(&mut self, plan: &Plan, text: &str) -> Result<(Node, Vec<u32>), ConditionError> {
        let expr = parse(text)?;
        let mut reads = Vec::new();
        let (node, ty) = self.lower(plan, &expr, &mut reads, 1)?;
        if ty != Type::Bool {
            return Err(ConditionError {
                column: 1,
                message: format!("the condition is {}, not a condition", ty.name()),
            });
        }
        Ok((node, reads))
    }

    /// The compiled rules, in plan order.
    pub fn rules(&self) -> &[CompiledRule] {
        &self.rules
    }

    /// Every fact any rule reads; slot `i` is `slots()[i]`.
    pub fn slots(&self) -> &[Fact] {
        &self.slots
    }

    /// Reads every slot from a source of facts, in slot order.
    pub fn read(&self, facts: &impl Facts) -> Vec<FactValue> {
        self.slots.iter().map(|f| facts.value(f)).collect()
    }

    /// Whether a rule's condition holds for the facts (as many as
    /// [`slots`](RuleSet::slots); a missing one counts as
    /// [`FactValue::Missing`]), by walking its tree with decimal arithmetic.
    pub fn holds(&self, rule: &CompiledRule, facts: &[FactValue]) -> bool {
        truth(&rule.node, facts)
    }

    /// Evaluates every rule against one context of facts and puts the
    /// positions (into [`rules`](RuleSet::rules)) of those that hold in
    /// `fired`, which is cleared first: always the rules for which
    /// [`holds`](RuleSet::holds) is true, computed at once for all rules.
    pub fn evaluate(&self, facts: &[FactValue], fired: &mut Vec<usize>) {
        let done = SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => self.circuit.run(facts, &mut scratch, fired),
            Err(_) => self.circuit.run(facts, &mut Scratch::default(), fired),
        });
        if !done {
            self.evaluate_tree(facts, fired);
        }
    }

    /// Evaluates every rule against many contexts at once (each a slice of
    /// facts, as for [`evaluate`](RuleSet::evaluate)) and appends, for each
    /// context in order, the rules that hold to `out`. The same answers as
    /// [`evaluate`](RuleSet::evaluate) context by context, computed 64
    /// contexts at a time: for many contexts (every node of a hierarchy,
    /// every period of a replay, simulated outcomes) it is the faster way.
    ///
    /// ```
    /// use salesplan::adjust::{FactValue, FiredSets, RuleSet};
    /// use rust_decimal::Decimal;
    ///
    /// let plan = salesplan::example_plan();
    /// let set = RuleSet::compile_condition(&plan, r#"kpi("K-CONV").attainment < 0.9"#).unwrap();
    /// let contexts = [[FactValue::Num(Decimal::new(85, 2))], [FactValue::Num(Decimal::ONE)]];
    /// let mut out = FiredSets::new(&set);
    /// set.evaluate_many(contexts.iter().map(|c| &c[..]), &mut out);
    /// assert_eq!(out.len(), 2);
    /// assert!(out.holds(0, 0) && !out.holds(1, 0));
    /// ```
    pub fn evaluate_many<'a>(
        &self,
        contexts: impl IntoIterator<Item = &'a [FactValue]>,
        out: &mut FiredSets,
    ) {
        if out.rules != self.rules.len() {
            *out = FiredSets::new(self);
        }
        self.circuit
            .run_many(contexts.into_iter(), out, |facts, row| {
                for (i, rule) in self.rules.iter().enumerate() {
                    if truth(&rule.node, facts) {
                        row[i / 64] |= 1 << (i % 64);
                    }
                }
            });
    }

    /// [`evaluate`](RuleSet::evaluate) by walking every rule's tree.
    fn evaluate_tree(&self, facts: &[FactValue], fired: &mut Vec<usize>) {
        fired.clear();
        for (i, rule) in self.rules.iter().enumerate() {
            if truth(&rule.node, facts) {
                fired.push(i);
            }
        }
    }

    fn slot(&mut self, fact: &Fact) -> u32 {
        match self.slots.iter().position(|f| f == fact) {
            Some(i) => i as u32,
            None => {
                self.slots.push(fact.clone());
                (self.slots.len() - 1) as u32
            }
        }
    }

    fn lower(
        &mut self,
        plan: &Plan,
        expr: &Expr,
        reads: &mut Vec<u32>,
        column: usize,
    ) -> Result<(Node, Type), ConditionError> {
        let err = |column: usize, message: String| ConditionError { column, message };
        Ok(match expr {
            Expr::Num(n) => (Node::Num(*n), Type::Num),
            Expr::Text(t) => (Node::Text(t.clone()), Type::Text),
            Expr::Bool(b) => (Node::Bool(*b), Type::Bool),
            Expr::Fact(fact, at) => {
                match fact {
                    Fact::Kpi { kpi, .. } if plan.kpi(kpi).is_none() => {
                        return Err(err(*at, format!("the plan has no KPI {kpi:?}")))
                    }
                    Fact::Risk { risk, .. }
                        if !plan.risks.register.iter().any(|r| r.id.as_str() == risk) =>
                    {
                        return Err(err(*at, format!("the plan has no risk {risk:?}")))
                    }
                    Fact::Part { part, id, .. } if !parts::exists(plan, *part, id) => {
                        return Err(err(
                            *at,
                            format!("the plan has no {} {id:?}", parts::noun(*part)),
                        ))
                    }
                    _ => {}
                }
                let slot = self.slot(fact);
                if !reads.contains(&slot) {
                    reads.push(slot);
                }
                match fact.kind() {
                    FieldType::Text => (Node::Slot(slot), Type::Text),
                    FieldType::Num => (Node::Slot(slot), Type::Num),
                    // A flag is held as 1 or 0: the condition is `== 1`,
                    // false when the fact is missing.
                    FieldType::Flag => (
                        compare_node(Compare::Eq, Node::Slot(slot), Node::Num(Decimal::ONE)),
                        Type::Bool,
                    ),
                }
            }
            Expr::Neg(e) => {
                let (n, ty) = self.lower(plan, e, reads, column)?;
                if ty != Type::Num {
                    return Err(err(
                        column,
                        format!("`-` takes a number, not {}", ty.name()),
                    ));
                }
                match n {
                    Node::Num(v) => (Node::Num(-v), Type::Num),
                    n => (Node::Neg(Box::new(n)), Type::Num),
                }
            }
            Expr::Not(e) => {
                let (n, ty) = self.lower(plan, e, reads, column)?;
                if ty != Type::Bool {
                    return Err(err(
                        column,
                        format!("`not` takes a condition, not {}", ty.name()),
                    ));
                }
                (Node::Not(Box::new(n)), Type::Bool)
            }
            Expr::And(a, b) | Expr::Or(a, b) => {
                let (x, tx) = self.lower(plan, a, reads, column)?;
                let (y, ty) = self.lower(plan, b, reads, column)?;
                if tx != Type::Bool || ty != Type::Bool {
                    let word = if matches!(expr, Expr::And(..)) {
                        "and"
                    } else {
                        "or"
                    };
                    let bad = if tx != Type::Bool { tx } else { ty };
                    return Err(err(
                        column,
                        format!("`{word}` joins conditions, not {}", bad.name()),
                    ));
                }
                let (x, y) = (Box::new(x), Box::new(y));
                let node = if matches!(expr, Expr::And(..)) {
                    Node::And(x, y)
                } else {
                    Node::Or(x, y)
                };
                (node, Type::Bool)
            }
            Expr::Compare(op, a, b, at) => {
                let (x, tx) = self.lower(plan, a, reads, *at)?;
                let (y, ty) = self.lower(plan, b, reads, *at)?;
                if tx != ty {
                    return Err(err(
                        *at,
                        format!("compares {} with {}", tx.name(), ty.name()),
                    ));
                }
                if tx != Type::Num && !matches!(op, Compare::Eq | Compare::Ne) {
                    return Err(err(
                        *at,
                        format!("only numbers are ordered; {} takes == or !=", tx.name()),
                    ));
                }
                (compare_node(*op, x, y), Type::Bool)
            }
            Expr::Arith(op, a, b) => {
                let (x, tx) = self.lower(plan, a, reads, column)?;
                let (y, ty) = self.lower(plan, b, reads, column)?;
                if tx != Type::Num || ty != Type::Num {
                    let bad = if tx != Type::Num { tx } else { ty };
                    return Err(err(
                        column,
                        format!("arithmetic takes numbers, not {}", bad.name()),
                    ));
                }
                (Node::Arith(*op, Box::new(x), Box::new(y)), Type::Num)
            }
            Expr::In(e, items, at) => {
                let (x, tx) = self.lower(plan, e, reads, *at)?;
                let mut list = Vec::new();
                for item in items {
                    let (n, ty) = self.lower(plan, item, reads, *at)?;
                    if ty != tx {
                        return Err(err(
                            *at,
                            format!("`in` looks for {} among {}", tx.name(), ty.name()),
                        ));
                    }
                    list.push(n);
                }
                (Node::In(Box::new(x), list), Type::Bool)
            }
        })
    }
}

/// A decimal constant with its mantissa precomputed at every scale, so a
/// fact compares with it as two integers whenever the fact's scale is at
/// least the constant's (exact either way: other cases fall back to
/// decimal comparison).
#[derive(Debug, Clone, PartialEq)]
struct Scaled {
    value: Decimal,
    at_scale: [Option<i128>; 29],
}

impl Scaled {
    fn new(value: Decimal) -> Scaled {
        let mut at_scale = [None; 29];
        let mut m = value.mantissa();
        for (scale, slot) in at_scale.iter_mut().enumerate() {
            if scale as u32 == value.scale() {
                *slot = Some(m);
            } else if scale as u32 > value.scale() {
                m = match m.checked_mul(10) {
                    Some(v) => v,
                    None => break,
                };
                *slot = Some(m);
            }
        }
        Scaled { value, at_scale }
    }

    /// `fact.cmp(constant)`, as two integers when the scales allow.
    #[inline]
    fn order(&self, fact: &Decimal) -> std::cmp::Ordering {
        match self.at_scale.get(fact.scale() as usize) {
            Some(Some(c)) => fact.mantissa().cmp(c),
            _ => fact.cmp(&self.value),
        }
    }
}

/// A comparison node, with the fast form for a fact against a constant.
fn compare_node(op: Compare, x: Node, y: Node) -> Node {
    let flip = |op| match op {
        Compare::Lt => Compare::Gt,
        Compare::Le => Compare::Ge,
        Compare::Gt => Compare::Lt,
        Compare::Ge => Compare::Le,
        other => other,
    };
    match (x, y) {
        (Node::Slot(s), Node::Num(c)) => Node::FactVsConst(op, s, Box::new(Scaled::new(c))),
        (Node::Num(c), Node::Slot(s)) => Node::FactVsConst(flip(op), s, Box::new(Scaled::new(c))),
        (x, y) => Node::Compare(op, Box::new(x), Box::new(y)),
    }
}

/// A value while evaluating.
#[derive(Clone, Copy)]
enum V<'a> {
    Num(Decimal),
    Text(&'a str),
    Bool(bool),
    Null,
}

fn value<'a>(node: &'a Node, facts: &'a [FactValue]) -> V<'a> {
    match node {
        Node::Num(n) => V::Num(*n),
        Node::Text(t) => V::Text(t),
        Node::Bool(b) => V::Bool(*b),
        Node::Slot(i) => match facts.get(*i as usize) {
            Some(FactValue::Num(n)) => V::Num(*n),
            Some(FactValue::Text(t)) => V::Text(t),
            _ => V::Null,
        },
        Node::Neg(e) => match value(e, facts) {
            V::Num(n) => V::Num(-n),
            _ => V::Null,
        },
        Node::Arith(op, a, b) => match (value(a, facts), value(b, facts)) {
            (V::Num(x), V::Num(y)) => match op {
                Arith::Add => x.checked_add(y),
                Arith::Sub => x.checked_sub(y),
                Arith::Mul => x.checked_mul(y),
                Arith::Div => x.checked_div(y),
            }
            .map_or(V::Null, V::Num),
            _ => V::Null,
        },
        _ => V::Bool(truth(node, facts)),
    }
}

fn truth(node: &Node, facts: &[FactValue]) -> bool {
    match node {
        Node::Bool(b) => *b,
        Node::Not(e) => !truth(e, facts),
        Node::And(a, b) => truth(a, facts) && truth(b, facts),
        Node::Or(a, b) => truth(a, facts) || truth(b, facts),
        Node::Compare(op, a, b) => compare(*op, value(a, facts), value(b, facts)),
        Node::FactVsConst(op, slot, constant) => match facts.get(*slot as usize) {
            Some(FactValue::Num(x)) => {
                let ord = constant.order(x);
                match op {
                    Compare::Lt => ord.is_lt(),
                    Compare::Le => ord.is_le(),
                    Compare::Gt => ord.is_gt(),
                    Compare::Ge => ord.is_ge(),
                    Compare::Eq => ord.is_eq(),
                    Compare::Ne => ord.is_ne(),
                }
            }
            _ => false,
        },
        Node::In(e, items) => {
            let x = value(e, facts);
            items
                .iter()
                .any(|i| compare(Compare::Eq, x, value(i, facts)))
        }
        _ => false,
    }
}

fn compare(op: Compare, x: V<'_>, y: V<'_>) -> bool {
    let ord = match (x, y) {
        (V::Num(a), V::Num(b)) => a.cmp(&b),
        (V::Text(a), V::Text(b)) => a.cmp(b),
        (V::Bool(a), V::Bool(b)) => a.cmp(&b),
        _ => return false,
    };
    match op {
        Compare::Lt => ord.is_lt(),
        Compare::Le => ord.is_le(),
        Compare::Gt => ord.is_gt(),
        Compare::Ge => ord.is_ge(),
        Compare::Eq => ord.is_eq(),
        Compare::Ne => ord.is_ne(),
    }
}

#[cfg(test)]
mod tests;
