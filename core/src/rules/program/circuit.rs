//! The rule set as a boolean circuit, the form [`RuleSet::evaluate`](super::RuleSet::evaluate) runs.
//!
//! Compiling turns every rule's condition tree into a circuit:
//!
//! * **atoms**, the leaves: a fact against a constant, a text fact against
//!   a text, an arithmetic comparison, or (for what none of these cover) a
//!   piece of the condition tree itself. Equal atoms are shared by every
//!   rule that reads them;
//! * **gates** `(a ^ na) & (b ^ nb)` over atoms and other gates, one per
//!   `and` and `or` (`a or b` is `not (not a and not b)`; `not` costs
//!   nothing, it flips a literal), shared when equal;
//! * one **literal** per rule, the gate or atom that decides it.
//!
//! Evaluating one context is a straight run over arrays, with almost no
//! branch that depends on the data: the facts are turned into integers
//! once, every atom is computed into a register, then every gate, in order.
//! [`many`] runs the same circuit over 64 contexts at a time, a bit per
//! context in each register.
//!
//! **Exactness.** The circuit gives the same answer as walking the tree with
//! decimal arithmetic (`truth`), always:
//!
//! * a number fact is held as twice its mantissa, and each constant it is
//!   compared with as `2·⌊c·10^s⌋ + (1 if c·10^s is not whole)` for every
//!   scale `s` a fact may have, so `x < c`, `x == c`, `x > c` are one
//!   integer comparison at the fact's own scale;
//! * an arithmetic comparison `E op F` is written out as the polynomial
//!   `E − F` (degree 2 at most, exact decimal coefficients; division only
//!   by constants whose inverse is a finite decimal), computed in `f64`
//!   together with a bound on its rounding error, and decided there only
//!   when it is farther from zero than the bound. That is the decimal answer
//!   as long as decimal arithmetic computes `E` and `F` without rounding,
//!   which compiling checks once from bounds on magnitude, mantissa and
//!   scale for facts below 2⁴⁰ with at most 8 places. A comparison the
//!   bound does not decide, a context with a larger or finer fact, and any
//!   other comparison, go to the tree;
//! * a context with a number too large for the integer form (|mantissa| ≥
//!   2⁶¹) is evaluated by the tree as a whole.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{truth, FactValue, Node};
use crate::rules::condition::{Arith, Compare};

/// A register set: every bit the same, 0 or !0.
const ON: u64 = !0;

/// Numbers at most this large (mantissa) are held as integers.
const INT_LIMIT: u128 = 1 << 61;
/// The saturation of a constant that is out of the integer range.
const SATURATED: i128 = 1 << 62;
/// Scales a number may have (0 to 28).
const SCALES: usize = 29;

/// A fact takes the `f64` path of arithmetic when its mantissa is below
/// this and its scale at most [`SMALL_SCALE`]; the exactness bounds of
/// arithmetic atoms are worked out for such facts.
const SMALL_MANTISSA: u128 = 1 << 40;
const SMALL_SCALE: u32 = 8;
/// Most terms an arithmetic atom's polynomial may have.
const TERMS: usize = 16;

/// Powers of ten as `f64`: exact up to `1e22`, correctly rounded above.
const POW10: [f64; SCALES] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28,
];
/// Their inverses, correctly rounded.
const INV_POW10: [f64; SCALES] = [
    1e-0, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12, 1e-13, 1e-14,
    1e-15, 1e-16, 1e-17, 1e-18, 1e-19, 1e-20, 1e-21, 1e-22, 1e-23, 1e-24, 1e-25, 1e-26, 1e-27,
    1e-28,
];

/// A register, maybe negated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Lit {
    reg: u32,
    neg: u64,
}

impl Lit {
    const FALSE: Lit = Lit { reg: 0, neg: 0 };
    const TRUE: Lit = Lit { reg: 0, neg: ON };

    fn not(self) -> Lit {
        Lit {
            reg: self.reg,
            neg: !self.neg,
        }
    }
}

/// A fact (number or text) against a constant.
#[derive(Debug, Clone, PartialEq)]
struct Atom {
    slot: u32,
    /// Which orderings of fact and constant make it true: bit 0 less,
    /// bit 1 equal, bit 2 greater.
    accept: u32,
    /// The constant at each scale a fact may have (see
    /// [`doubled_at_scale`]; 29 to 31 are never read), or a text's id in
    /// every entry.
    table: [i64; 32],
}

/// A comparison of two numeric expressions, as the sign of their
/// difference written out as a polynomial of degree at most 2 in the facts:
/// `Σ w·x_i·x_j`.
#[derive(Debug, Clone, PartialEq)]
struct ArithAtom {
    /// `(w, i, j)`; `i` or `j` is the slot past the last for the factor 1.
    terms: Vec<(f64, u32, u32)>,
    /// Every slot the comparison reads, also those that cancel out (one
    /// missing makes it false, as in the tree), as bits of slot words.
    reads: Vec<(usize, u64)>,
    /// The same slots, listed.
    slots: Vec<u32>,
    accept: u32,
    /// Relative bound of the rounding error, times the magnitude.
    rel: f64,
    /// The comparison node, for the decimal fallback.
    node: Node,
}

/// A polynomial in the facts with exact coefficients: `(i, j)` with
/// `i <= j`, [`ONE`] standing for the factor 1.
type Poly = std::collections::BTreeMap<(u32, u32), Decimal>;

/// The factor 1 in a [`Poly`] (numbered past the last slot when compiled).
const ONE: u32 = u32::MAX;

/// A gate: `(r[a] ^ na) & (r[b] ^ nb)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Gate {
    a: Lit,
    b: Lit,
}

/// Whether a slot holds a number or a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Num,
    Text,
}

/// The compiled circuit of a rule set.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct Circuit {
    kinds: Vec<Kind>,
    /// Interned text constants; a text fact's integer is its position + 1,
    /// or 0 when it is none of them.
    texts: Vec<String>,
    /// Sorted by slot.
    atoms: Vec<Atom>,
    /// The atoms of each slot: `(slot, end)`, the end of its run in `atoms`.
    groups: Vec<(u32, u32)>,
    ariths: Vec<ArithAtom>,
    /// Whether any arithmetic atom reads the slot (its `f64` is needed).
    float_slots: Vec<bool>,
    trees: Vec<Node>,
    gates: Vec<Gate>,
    outputs: Vec<Lit>,
    /// Interning while compiling.
    atom_ids: HashMap<(u32, u32, Decimal), u32>,
    text_ids: HashMap<(u32, u32, String), u32>,
    gate_ids: HashMap<Gate, u32>,
}

/// A fact, converted once per context.
#[derive(Debug, Clone, Copy, Default)]
struct Value {
    /// Twice the mantissa (numbers) or the text's id.
    int: i64,
    /// The scale (0 for texts).
    scale: u32,
    /// 1 when present and of the slot's kind, else 0.
    ok: u32,
}

/// Reusable room for one evaluation.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    values: Vec<Value>,
    /// Bits of the slots whose fact is missing (or of the wrong kind).
    missing: Vec<u64>,
    /// Bits of the number slots too large or too fine for the `f64` path.
    coarse: Vec<u64>,
    /// The facts as `f64` for arithmetic, and 1 after the last.
    floats: Vec<f64>,
    regs: Vec<u64>,
}

/// While compiling, a literal's register is a tag and an index into the
/// leaves or gates of that kind; [`Circuit::compile`] numbers them at the
/// end: constant, atoms, arithmetic atoms, tree atoms, gates.
const TAG_SHIFT: u32 = 28;
const INDEX: u32 = (1 << TAG_SHIFT) - 1;
const ATOM: u32 = 1;
const ARITH: u32 = 2;
const TREE: u32 = 3;
const GATE: u32 = 4;

fn tagged(tag: u32, index: usize) -> Lit {
    Lit {
        reg: (tag << TAG_SHIFT) | index as u32,
        neg: 0,
    }
}

impl Circuit {
    /// Compiles the rules' conditions (one output each, in order) over
    /// slots of the given kinds.
    pub(super) fn compile<'a>(kinds: Vec<Kind>, rules: impl Iterator<Item = &'a Node>) -> Circuit {
        let mut c = Circuit {
            float_slots: vec![false; kinds.len()],
            kinds,
            ..Circuit::default()
        };
        for node in rules {
            let lit = c.lower(node);
            c.outputs.push(lit);
        }
        // Atoms run slot by slot: sort them, and renumber.
        let mut order: Vec<usize> = (0..c.atoms.len()).collect();
        order.sort_by_key(|&i| c.atoms[i].slot);
        let mut renumbered = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            renumbered[old] = new as u32;
        }
        let mut atoms: Vec<Option<Atom>> =
            std::mem::take(&mut c.atoms).into_iter().map(Some).collect();
        c.atoms = order.iter().filter_map(|&i| atoms[i].take()).collect();
        for (i, atom) in c.atoms.iter().enumerate() {
            match c.groups.last_mut() {
                Some((slot, end)) if *slot == atom.slot => *end = i as u32 + 1,
                _ => c.groups.push((atom.slot, i as u32 + 1)),
            }
        }
        let base = [
            0,
            1,
            1 + c.atoms.len(),
            1 + c.atoms.len() + c.ariths.len(),
            1 + c.atoms.len() + c.ariths.len() + c.trees.len(),
        ];
        let number = |l: Lit| {
            let (tag, index) = (l.reg >> TAG_SHIFT, l.reg & INDEX);
            let index = if tag == ATOM {
                renumbered[index as usize]
            } else {
                index
            };
            Lit {
                reg: base[tag as usize] as u32 + index,
                neg: l.neg,
            }
        };
        for g in &mut c.gates {
            g.a = number(g.a);
            g.b = number(g.b);
        }
        for o in &mut c.outputs {
            *o = number(*o);
        }
        c.atom_ids = HashMap::new();
        c.text_ids = HashMap::new();
        c.gate_ids = HashMap::new();
        c
    }

    fn lower(&mut self, node: &Node) -> Lit {
        match node {
            Node::Bool(true) => Lit::TRUE,
            Node::Bool(false) => Lit::FALSE,
            Node::Not(e) => self.lower(e).not(),
            Node::And(a, b) => {
                let (x, y) = (self.lower(a), self.lower(b));
                self.and(x, y)
            }
            Node::Or(a, b) => {
                let (x, y) = (self.lower(a), self.lower(b));
                self.or(x, y)
            }
            Node::FactVsConst(op, slot, constant) => self.number_atom(*op, *slot, constant.value),
            Node::Compare(op, x, y) => match (&**x, &**y) {
                (Node::Slot(s), Node::Text(t)) | (Node::Text(t), Node::Slot(s))
                    if self.kind(*s) == Kind::Text && matches!(op, Compare::Eq | Compare::Ne) =>
                {
                    self.text_atom(*op, *s, t)
                }
                _ if self.is_number(x) && self.is_number(y) => self.arith_atom(node, *op, x, y),
                _ => self.tree(node),
            },
            Node::In(e, items) => {
                // `x in [a, b]` is `x == a or x == b`, and false for none.
                let mut any = Lit::FALSE;
                for item in items {
                    let eq = super::compare_node(Compare::Eq, (**e).clone(), item.clone());
                    let l = self.lower(&eq);
                    any = self.or(any, l);
                }
                any
            }
            _ => self.tree(node),
        }
    }

    fn kind(&self, slot: u32) -> Kind {
        self.kinds.get(slot as usize).copied().unwrap_or(Kind::Num)
    }

    fn is_number(&self, node: &Node) -> bool {
        match node {
            Node::Num(_) | Node::Neg(_) | Node::Arith(..) => true,
            Node::Slot(s) => self.kind(*s) == Kind::Num,
            _ => false,
        }
    }

    fn or(&mut self, a: Lit, b: Lit) -> Lit {
        self.and(a.not(), b.not()).not()
    }

    /// `a and b`, folding constants and repeats, sharing equal gates.
    fn and(&mut self, a: Lit, b: Lit) -> Lit {
        if a == Lit::FALSE || b == Lit::FALSE || a == b.not() {
            return Lit::FALSE;
        }
        if a == Lit::TRUE || a == b {
            return b;
        }
        if b == Lit::TRUE {
            return a;
        }
        let gate = if (a.reg, a.neg) <= (b.reg, b.neg) {
            Gate { a, b }
        } else {
            Gate { a: b, b: a }
        };
        let next = self.gates.len();
        let id = *self.gate_ids.entry(gate).or_insert(next as u32);
        if id as usize == next {
            self.gates.push(gate);
        }
        tagged(GATE, id as usize)
    }

    fn number_atom(&mut self, op: Compare, slot: u32, constant: Decimal) -> Lit {
        let accept = accept(op);
        let next = self.atoms.len();
        let id = *self
            .atom_ids
            .entry((slot, accept, constant))
            .or_insert(next as u32);
        if id as usize == next {
            let mut table = [0; 32];
            for (s, t) in table.iter_mut().enumerate().take(SCALES) {
                *t = doubled_at_scale(constant, s as u32);
            }
            self.atoms.push(Atom {
                slot,
                accept,
                table,
            });
        }
        tagged(ATOM, id as usize)
    }

    fn text_atom(&mut self, op: Compare, slot: u32, text: &str) -> Lit {
        let accept = accept(op);
        let next = self.atoms.len();
        let id = *self
            .text_ids
            .entry((slot, accept, text.to_owned()))
            .or_insert(next as u32);
        if id as usize == next {
            let text_id = match self.texts.iter().position(|t| t == text) {
                Some(i) => i + 1,
                None => {
                    self.texts.push(text.to_owned());
                    self.texts.len()
                }
            };
            self.atoms.push(Atom {
                slot,
                accept,
                table: [text_id as i64; 32],
            });
        }
        tagged(ATOM, id as usize)
    }

    fn arith_atom(&mut self, node: &Node, op: Compare, x: &Node, y: &Node) -> Lit {
        let mut reads = Vec::new();
        // Decimal arithmetic must compute both sides exactly for small
        // facts (the comparison itself is exact), and the difference must
        // be a polynomial of degree 2 at most.
        let exact = self.bound(x, &mut reads).is_some() && self.bound(y, &mut reads).is_some();
        let poly = poly(x)
            .zip(poly(y))
            .and_then(|(a, b)| add(&a, &b, Decimal::NEGATIVE_ONE));
        let (true, Some(poly)) = (exact, poly) else {
            return self.tree(node);
        };
        if poly.len() > TERMS {
            return self.tree(node);
        }
        let one = self.kinds.len() as u32;
        let slot = |i: u32| if i == ONE { one } else { i };
        let terms: Vec<(f64, u32, u32)> = poly
            .iter()
            .map(|(&(i, j), &w)| (to_f64(w), slot(i), slot(j)))
            .collect();
        let mut words: Vec<(usize, u64)> = Vec::new();
        for &s in &reads {
            self.float_slots[s as usize] = true;
            let (word, bit) = (s as usize / 64, 1u64 << (s % 64));
            match words.iter_mut().find(|(w, _)| *w == word) {
                Some((_, m)) => *m |= bit,
                None => words.push((word, bit)),
            }
        }
        // Roundings on the way to any term: two per fact (mantissa exact,
        // times a rounded power of ten), three for the coefficient, two
        // products; then one per sum. The error is below N·u·magnitude
        // (u = ε/2), and the magnitude, summed in `f64` too, is off by as
        // much: 2·N·u, with room.
        let roundings = (12 + terms.len()) as f64;
        self.ariths.push(ArithAtom {
            terms,
            reads: words,
            slots: reads,
            accept: accept(op),
            rel: 2.0 * roundings * f64::EPSILON,
            node: node.clone(),
        });
        tagged(ARITH, self.ariths.len() - 1)
    }

    fn tree(&mut self, node: &Node) -> Lit {
        let id = match self.trees.iter().position(|t| t == node) {
            Some(i) => i,
            None => {
                self.trees.push(node.clone());
                self.trees.len() - 1
            }
        };
        tagged(TREE, id)
    }

    /// The bounds of a numeric expression's decimal form over small facts
    /// when decimal arithmetic computes it exactly; `None` when it might
    /// round or fail (dividing by anything but a non-zero constant with a
    /// finite inverse). Notes the slots it reads.
    fn bound(&self, node: &Node, reads: &mut Vec<u32>) -> Option<Bound> {
        let bound = match node {
            Node::Num(c) => Bound {
                value: to_f64(c.abs()) * (1.0 + 1e-12),
                mantissa: c.mantissa().unsigned_abs() as f64 * (1.0 + 1e-12),
                scale: c.scale(),
            },
            Node::Slot(s) if self.kind(*s) == Kind::Num => {
                if !reads.contains(s) {
                    reads.push(*s);
                }
                Bound {
                    value: SMALL_MANTISSA as f64,
                    mantissa: SMALL_MANTISSA as f64,
                    scale: SMALL_SCALE,
                }
            }
            Node::Neg(e) => self.bound(e, reads)?,
            Node::Arith(Arith::Div, a, d) => {
                let Node::Num(c) = &**d else { return None };
                let places = finite_inverse(*c)?;
                let b = self.bound(a, reads)?;
                let (value, scale) = (b.value / to_f64(c.abs()) * (1.0 + 1e-12), b.scale + places);
                Bound {
                    value,
                    mantissa: value * pow10(scale),
                    scale,
                }
            }
            Node::Arith(op, a, b) => {
                let x = self.bound(a, reads)?;
                let y = self.bound(b, reads)?;
                match op {
                    Arith::Mul | Arith::Div => Bound {
                        value: x.value * y.value,
                        mantissa: x.mantissa * y.mantissa,
                        scale: x.scale + y.scale,
                    },
                    Arith::Add | Arith::Sub => Bound::sum(x, y),
                }
            }
            _ => return None,
        };
        bound.fits().then_some(bound)
    }

    /// Evaluates one context and puts the positions of the rules that hold
    /// in `fired` (cleared first). Returns `false`, with `fired` empty, when
    /// the context holds a number too large for the integer form; the
    /// caller then walks the tree.
    pub(super) fn run(
        &self,
        facts: &[FactValue],
        scratch: &mut Scratch,
        fired: &mut Vec<usize>,
    ) -> bool {
        fired.clear();
        if !self.convert(facts, scratch) {
            return false;
        }
        let Scratch {
            values,
            missing,
            coarse,
            floats,
            regs,
        } = scratch;
        let leaves = 1 + self.atoms.len() + self.ariths.len() + self.trees.len();
        if regs.len() != leaves + self.gates.len() {
            regs.clear();
            regs.resize(leaves + self.gates.len(), 0);
        }
        let (atoms, rest) = regs[1..].split_at_mut(self.atoms.len());
        let (ariths, rest) = rest.split_at_mut(self.ariths.len());
        let trees = &mut rest[..self.trees.len()];
        let mut start = 0;
        for &(slot, end) in &self.groups {
            let v = values[slot as usize];
            let ok = u64::from(v.ok).wrapping_neg();
            let run = start..end as usize;
            for (r, atom) in atoms[run.clone()].iter_mut().zip(&self.atoms[run]) {
                let c = atom.table[(v.scale & 31) as usize];
                let order = u32::from(v.int > c) + u32::from(v.int >= c);
                *r = u64::from((atom.accept >> order) & 1).wrapping_neg() & ok;
            }
            start = end as usize;
        }
        for (r, arith) in ariths.iter_mut().zip(&self.ariths) {
            *r = arith.run(missing, coarse, floats, facts);
        }
        for (r, node) in trees.iter_mut().zip(&self.trees) {
            *r = u64::from(truth(node, facts)).wrapping_neg();
        }
        for (i, g) in self.gates.iter().enumerate() {
            let v = (regs[g.a.reg as usize] ^ g.a.neg) & (regs[g.b.reg as usize] ^ g.b.neg);
            regs[leaves + i] = v;
        }
        // The outcomes as bits, 64 rules at a time, then the positions of
        // those set: no branch on each rule's outcome.
        for (w, chunk) in self.outputs.chunks(64).enumerate() {
            let mut word = 0u64;
            for (i, o) in chunk.iter().enumerate() {
                word |= ((regs[o.reg as usize] ^ o.neg) & 1) << i;
            }
            while word != 0 {
                fired.push(w * 64 + word.trailing_zeros() as usize);
                word &= word - 1;
            }
        }
        true
    }

    /// Turns every slot's fact into a [`Value`] (and an `f64` for those
    /// arithmetic reads); `false` when a number is too large for the integer
    /// form.
    fn convert(&self, facts: &[FactValue], scratch: &mut Scratch) -> bool {
        let n = self.kinds.len();
        let words = n.div_ceil(64);
        // The last float is the constant 1 that arithmetic reads, so a
        // circuit without slots needs room too: fresh room has none.
        if scratch.values.len() != n || scratch.floats.len() != n + 1 {
            scratch.values.resize(n, Value::default());
            scratch.floats.clear();
            scratch.floats.resize(n + 1, 1.0);
            scratch.missing.resize(words, 0);
            scratch.coarse.resize(words, 0);
        }
        scratch.missing.fill(0);
        scratch.coarse.fill(0);
        for (slot, v) in scratch.values.iter_mut().enumerate() {
            let (word, bit) = (slot / 64, 1u64 << (slot % 64));
            *v = Value::default();
            match self.fact(slot, facts.get(slot)) {
                Fact::Huge => return false,
                Fact::Missing => scratch.missing[word] |= bit,
                Fact::Text(id) => {
                    *v = Value {
                        int: id,
                        scale: 0,
                        ok: 1,
                    }
                }
                Fact::Num { int, scale, float } => {
                    *v = Value { int, scale, ok: 1 };
                    if let Some((x, small)) = float {
                        scratch.coarse[word] |= bit * u64::from(!small);
                        scratch.floats[slot] = x;
                    }
                }
            }
        }
        true
    }

    /// One slot's fact, converted.
    #[inline]
    fn fact(&self, slot: usize, fact: Option<&FactValue>) -> Fact {
        match (fact, self.kinds[slot]) {
            (Some(FactValue::Num(d)), Kind::Num) => {
                let Some(n) = Parts::of(d) else {
                    return Fact::Huge;
                };
                let float = self.float_slots[slot].then(|| (n.float(), n.small()));
                Fact::Num {
                    int: n.doubled(),
                    scale: n.scale,
                    float,
                }
            }
            (Some(FactValue::Text(t)), Kind::Text) => Fact::Text(self.text_id(t)),
            _ => Fact::Missing,
        }
    }

    /// A text's id: its position among the texts the conditions name, + 1;
    /// 0 for any other. Compared byte by byte without a call or an early
    /// exit: the texts are short.
    #[inline]
    fn text_id(&self, text: &str) -> i64 {
        self.texts
            .iter()
            .position(|c| c == text)
            .map_or(0, |i| i as i64 + 1)
    }
}

/// A decimal's parts, read without a branch on its sign (random signs
/// would make a branch mispredict).
#[derive(Debug, Clone, Copy)]
pub(super) struct Parts {
    /// The mantissa's magnitude, below [`INT_LIMIT`].
    magnitude: u64,
    /// All ones when negative, else 0.
    negative: u64,
    pub(super) scale: u32,
}

impl Parts {
    /// The parts, or `None` when the magnitude is [`INT_LIMIT`] or more.
    #[inline]
    pub(super) fn of(d: &Decimal) -> Option<Parts> {
        // The documented layout: flags, then the 96-bit mantissa from its
        // low word, little-endian.
        let b = d.serialize();
        let word = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        let (flags, lo, mid, hi) = (word(0), word(4), word(8), word(12));
        let magnitude = u64::from(lo) | (u64::from(mid) << 32);
        (hi == 0 && u128::from(magnitude) < INT_LIMIT).then_some(Parts {
            magnitude,
            negative: 0u64.wrapping_sub(u64::from(flags >> 31)),
            scale: (flags >> 16) & 0xff,
        })
    }

    /// Twice the mantissa, signed.
    #[inline]
    pub(super) fn doubled(self) -> i64 {
        ((self.magnitude << 1) ^ self.negative).wrapping_sub(self.negative) as i64
    }

    /// The value as `f64` (two roundings at most).
    #[inline]
    pub(super) fn float(self) -> f64 {
        let x = self.magnitude as i64 as f64 * INV_POW10[self.scale as usize];
        f64::from_bits(x.to_bits() | (self.negative & (1 << 63)))
    }

    /// Whether the `f64` path of arithmetic may take it.
    #[inline]
    pub(super) fn small(self) -> bool {
        u128::from(self.magnitude) < SMALL_MANTISSA && self.scale <= SMALL_SCALE
    }
}

/// A fact as the circuit holds it.
enum Fact {
    /// Twice the mantissa, the scale, and for slots arithmetic reads the
    /// value as `f64` and whether it is small enough for the `f64` path.
    Num {
        int: i64,
        scale: u32,
        float: Option<(f64, bool)>,
    },
    /// The text's id (0 for a text no condition names).
    Text(i64),
    /// Missing, or not of the slot's kind.
    Missing,
    /// A number too large for the integer form.
    Huge,
}

impl ArithAtom {
    /// The atom's register: decided in `f64` when the rounding bound
    /// allows, else by the tree.
    fn run(&self, missing: &[u64], coarse: &[u64], floats: &[f64], facts: &[FactValue]) -> u64 {
        let (mut absent, mut fine) = (0, 0);
        for &(word, mask) in &self.reads {
            absent |= missing[word] & mask;
            fine |= coarse[word] & mask;
        }
        if absent != 0 {
            // A missing fact: the comparison is false, as in the tree.
            return 0;
        }
        let (mut diff, mut magnitude) = (0.0f64, 0.0f64);
        for &(w, i, j) in &self.terms {
            let t = w * floats[i as usize] * floats[j as usize];
            diff += t;
            magnitude += t.abs();
        }
        if fine == 0 && diff.abs() > magnitude * self.rel {
            let order = if diff > 0.0 { 2 } else { 0 };
            u64::from((self.accept >> order) & 1).wrapping_neg()
        } else {
            u64::from(truth(&self.node, facts)).wrapping_neg()
        }
    }
}

/// `node` as a polynomial of degree 2 at most with exact coefficients, or
/// `None` (higher degree, division by a fact, a coefficient decimal cannot
/// hold exactly).
fn poly(node: &Node) -> Option<Poly> {
    Some(match node {
        Node::Num(c) => Poly::from([((ONE, ONE), *c)]),
        Node::Slot(s) => Poly::from([((*s, ONE), Decimal::ONE)]),
        Node::Neg(e) => scale(&poly(e)?, Decimal::NEGATIVE_ONE)?,
        Node::Arith(Arith::Add, a, b) => add(&poly(a)?, &poly(b)?, Decimal::ONE)?,
        Node::Arith(Arith::Sub, a, b) => add(&poly(a)?, &poly(b)?, Decimal::NEGATIVE_ONE)?,
        Node::Arith(Arith::Mul, a, b) => {
            let (x, y) = (poly(a)?, poly(b)?);
            let mut out = Poly::new();
            for (&(i, j), &u) in &x {
                for (&(k, l), &v) in &y {
                    let mut f: Vec<u32> = [i, j, k, l].into_iter().filter(|&s| s != ONE).collect();
                    if f.len() > 2 {
                        return None;
                    }
                    f.sort_unstable();
                    f.resize(2, ONE);
                    let w = u.checked_mul(v)?;
                    let e = out.entry((f[0], f[1])).or_insert(Decimal::ZERO);
                    *e = e.checked_add(w)?;
                }
            }
            out
        }
        Node::Arith(Arith::Div, a, d) => {
            let Node::Num(c) = &**d else { return None };
            finite_inverse(*c)?;
            let inverse = Decimal::ONE.checked_div(*c)?;
            if inverse.checked_mul(*c) != Some(Decimal::ONE) {
                return None;
            }
            scale(&poly(a)?, inverse)?
        }
        _ => return None,
    })
}

/// `a + k·b`.
fn add(a: &Poly, b: &Poly, k: Decimal) -> Option<Poly> {
    let mut out = a.clone();
    for (&key, &v) in b {
        let e = out.entry(key).or_insert(Decimal::ZERO);
        *e = e.checked_add(v.checked_mul(k)?)?;
    }
    out.retain(|_, w| !w.is_zero());
    Some(out)
}

/// `k·a`.
fn scale(a: &Poly, k: Decimal) -> Option<Poly> {
    a.iter()
        .map(|(&key, &w)| Some((key, w.checked_mul(k)?)))
        .collect()
}

/// Bounds of a numeric expression's decimal form over small facts: its
/// largest magnitude, mantissa and scale.
#[derive(Debug, Clone, Copy)]
struct Bound {
    value: f64,
    mantissa: f64,
    scale: u32,
}

impl Bound {
    /// A sum's (or difference's): decimal addition works at the larger scale.
    fn sum(x: Bound, y: Bound) -> Bound {
        let (value, scale) = (x.value + y.value, x.scale.max(y.scale));
        Bound {
            value,
            mantissa: value * pow10(scale),
            scale,
        }
    }

    /// Whether decimal arithmetic holds it exactly: at most 28 places and a
    /// mantissa below 2⁹⁵ (a bit of room under the 96 bits).
    fn fits(self) -> bool {
        self.scale <= 28 && self.mantissa < 2f64.powi(95)
    }
}

/// `10^s` as `f64`, for bounds (any `s`).
fn pow10(s: u32) -> f64 {
    POW10.get(s as usize).copied().unwrap_or(f64::INFINITY)
}

/// The orderings (bit 0 less, 1 equal, 2 greater) an operator accepts.
fn accept(op: Compare) -> u32 {
    match op {
        Compare::Lt => 0b001,
        Compare::Le => 0b011,
        Compare::Gt => 0b100,
        Compare::Ge => 0b110,
        Compare::Eq => 0b010,
        Compare::Ne => 0b101,
    }
}

/// `2·⌊c·10^s⌋ + (1 if c·10^s is not whole)`, saturated at ±2⁶²: compared
/// with twice a fact's mantissa at scale `s`, it orders the two exactly.
fn doubled_at_scale(c: Decimal, s: u32) -> i64 {
    let (m, cs) = (c.mantissa(), c.scale());
    let (floor, fraction) = if s >= cs {
        match 10i128.checked_pow(s - cs).and_then(|p| m.checked_mul(p)) {
            Some(v) => (v, false),
            None => return if m < 0 { -SATURATED } else { SATURATED } as i64,
        }
    } else {
        let p = 10i128.pow(cs - s);
        (m.div_euclid(p), m.rem_euclid(p) != 0)
    };
    let doubled = floor
        .checked_mul(2)
        .map_or(SATURATED, |d| d + i128::from(fraction));
    doubled.clamp(-SATURATED, SATURATED) as i64
}

/// For a constant whose inverse is a finite decimal (its mantissa, without
/// trailing zeros, is `2^a·5^b`), the places dividing by it may add:
/// `max(a, b)`. `None` for zero or any other constant.
fn finite_inverse(c: Decimal) -> Option<u32> {
    let mut m = c.mantissa().unsigned_abs();
    if m == 0 {
        return None;
    }
    let (mut twos, mut fives) = (0, 0);
    while m % 2 == 0 {
        m /= 2;
        twos += 1;
    }
    while m % 5 == 0 {
        m /= 5;
        fives += 1;
    }
    (m == 1).then_some(twos.max(fives))
}

/// A decimal as `f64`: at most three roundings (the mantissa, the power of
/// ten above 10²², the division).
fn to_f64(c: Decimal) -> f64 {
    c.mantissa() as f64 / POW10[c.scale() as usize]
}

mod many;
#[cfg(test)]
mod tests;
