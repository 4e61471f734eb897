//! The circuit over many contexts at once, 64 at a time: each register
//! holds one bit per context, so every comparison of an atom runs over a
//! column of 64 facts, every gate once per 64 contexts.

use wide::{f64x4, CmpGe, CmpGt};

use super::{truth, Circuit, FactValue, Kind, Parts, INV_POW10, ON, SCALES};

/// Halves of the inverse powers of ten (exact halves of [`INV_POW10`]).
const HALF_INV_POW10: [f64; SCALES] = {
    let mut out = [0.0; SCALES];
    let mut i = 0;
    while i < SCALES {
        out[i] = INV_POW10[i] * 0.5;
        i += 1;
    }
    out
};
use crate::rules::program::FiredSets;

/// Contexts in a block: the bits of a register.
const LANES: usize = 64;

/// Integers below this are exact in `f64`.
const EXACT_LIMIT: u64 = 1 << 53;

/// Room for one block, reused from block to block.
#[derive(Debug, Default)]
struct Block {
    /// Twice the mantissa or the text id, slot by slot, 64 contexts each.
    ints: Vec<i64>,
    /// The same as `f64`, exact when the slot's `wide` is false.
    exact: Vec<f64>,
    scales: Vec<u32>,
    /// Per slot: whether some present int is 2⁵³ or more (not exact in
    /// `f64`).
    wide: Vec<bool>,
    /// Per slot: the bits of the contexts that have the fact.
    present: Vec<u64>,
    /// Per slot: the bits of the contexts whose number is too large or too
    /// fine for the `f64` path.
    coarse: Vec<u64>,
    /// Per slot: the scales of the present numbers or-ed and and-ed: equal
    /// when they all have the same scale.
    scale_or: Vec<u32>,
    scale_and: Vec<u32>,
    /// Facts as `f64`, slot by slot, and a last column of ones.
    floats: Vec<f64>,
    regs: Vec<u64>,
    diff: Vec<f64>,
    magnitude: Vec<f64>,
}

impl Circuit {
    /// Evaluates every context and writes the rules that hold in each to
    /// `out`; `fallback` evaluates one context by the tree, for those with
    /// a number too large for the integer form.
    pub(in crate::rules::program) fn run_many<'a>(
        &self,
        contexts: impl Iterator<Item = &'a [FactValue]>,
        out: &mut FiredSets,
        fallback: impl Fn(&[FactValue], &mut [u64]),
    ) {
        let slots = self.kinds.len();
        let words = out.words;
        let leaves = 1 + self.atoms.len() + self.ariths.len() + self.trees.len();
        let mut b = Block {
            ints: vec![0; slots * LANES],
            exact: vec![0.0; slots * LANES],
            wide: vec![false; slots],
            scales: vec![0; slots * LANES],
            present: vec![0; slots],
            coarse: vec![0; slots],
            scale_or: vec![0; slots],
            scale_and: vec![0; slots],
            floats: vec![1.0; (slots + 1) * LANES],
            regs: vec![0; leaves + self.gates.len()],
            diff: vec![0.0; LANES],
            magnitude: vec![0.0; LANES],
        };
        let mut block: Vec<&[FactValue]> = Vec::with_capacity(LANES);
        let mut contexts = contexts.peekable();
        while contexts.peek().is_some() {
            block.clear();
            block.extend(contexts.by_ref().take(LANES));
            let first = out.bits.len();
            out.bits.resize(first + block.len() * words, 0);
            out.contexts += block.len();
            let rows = &mut out.bits[first..];
            let huge = self.convert_block(&block, &mut b);
            self.run_block(&block, &mut b, leaves);
            self.scatter(&b.regs, block.len(), words, rows);
            let mut huge = huge;
            while huge != 0 {
                let j = huge.trailing_zeros() as usize;
                huge &= huge - 1;
                let row = &mut rows[j * words..(j + 1) * words];
                row.fill(0);
                fallback(block[j], row);
            }
        }
    }

    /// Fills the block's columns, slot by slot; returns the bits of the
    /// contexts holding a number too large for the integer form.
    fn convert_block(&self, block: &[&[FactValue]], b: &mut Block) -> u64 {
        // The columns read the contexts across; read them along first, in
        // memory order, so that they come into the cache at the speed of a
        // sequential read rather than line by line.
        let mut along = 0usize;
        for facts in block {
            for f in facts.iter().step_by(2) {
                along += usize::from(matches!(f, FactValue::Missing));
            }
        }
        std::hint::black_box(along);
        // The conversion of `Circuit::fact`, written out over a column:
        // going through `fact` measured 8–10% slower here.
        let mut huge = 0u64;
        for (slot, (&kind, &float)) in self.kinds.iter().zip(&self.float_slots).enumerate() {
            let columns = slot * LANES..(slot + 1) * LANES;
            let ints = &mut b.ints[columns.clone()];
            let exact = &mut b.exact[columns.clone()];
            let scales = &mut b.scales[columns.clone()];
            let floats = &mut b.floats[columns];
            let (mut present, mut coarse) = (0u64, 0u64);
            let (mut scale_or, mut scale_and) = (0u32, u32::MAX);
            let mut magnitudes = 0u64;
            for (j, facts) in block.iter().enumerate() {
                let bit = 1u64 << j;
                match (facts.get(slot), kind) {
                    (Some(FactValue::Num(d)), Kind::Num) => {
                        let Some(n) = Parts::of(d) else {
                            huge |= bit;
                            continue;
                        };
                        let int = n.doubled();
                        ints[j] = int;
                        exact[j] = int as f64;
                        magnitudes |= int.unsigned_abs();
                        scales[j] = n.scale;
                        present |= bit;
                        scale_or |= n.scale;
                        scale_and &= n.scale;
                        if float {
                            floats[j] = int as f64 * HALF_INV_POW10[n.scale as usize];
                            coarse |= bit * u64::from(!n.small());
                        }
                    }
                    (Some(FactValue::Text(t)), Kind::Text) => {
                        let id = self.text_id(t);
                        ints[j] = id;
                        exact[j] = id as f64;
                        present |= bit;
                    }
                    _ => {}
                }
            }
            b.present[slot] = present;
            b.wide[slot] = magnitudes >= EXACT_LIMIT;
            b.coarse[slot] = coarse;
            b.scale_or[slot] = scale_or;
            b.scale_and[slot] = if kind == Kind::Text { 0 } else { scale_and };
        }
        huge
    }

    /// Every register of the block.
    fn run_block(&self, block: &[&[FactValue]], b: &mut Block, leaves: usize) {
        let lanes = if block.len() == LANES {
            ON
        } else {
            (1u64 << block.len()) - 1
        };
        let (atoms, rest) = b.regs[1..].split_at_mut(self.atoms.len());
        let (ariths, rest) = rest.split_at_mut(self.ariths.len());
        let trees = &mut rest[..self.trees.len()];
        let mut start = 0;
        for &(slot, end) in &self.groups {
            let slot = slot as usize;
            let column = &b.ints[slot * LANES..(slot + 1) * LANES];
            let scales = &b.scales[slot * LANES..(slot + 1) * LANES];
            let present = b.present[slot] & lanes;
            // Texts, and numbers all at one scale (the usual case), compare
            // the whole column with one constant.
            let uniform = (self.kinds[slot] == Kind::Text || b.scale_or[slot] == b.scale_and[slot])
                .then_some(b.scale_or[slot] as usize % SCALES);
            let run = start..end as usize;
            let exact = &b.exact[slot * LANES..(slot + 1) * LANES];
            let in_f64 = uniform.is_some() && !b.wide[slot];
            for (r, atom) in atoms[run.clone()].iter_mut().zip(&self.atoms[run]) {
                let (mut gt, mut ge) = (0u64, 0u64);
                match uniform {
                    // Four at a time in `f64`: exact for the column, and the
                    // constant rounds to a value on the same side of every
                    // fact (below 2⁵³ it is exact, above it stays above).
                    Some(s) if in_f64 => {
                        let c = f64x4::splat(atom.table[s] as f64);
                        for (k, x) in exact.chunks_exact(4).enumerate() {
                            let x = f64x4::new([x[0], x[1], x[2], x[3]]);
                            gt |= (x.cmp_gt(c).move_mask() as u64) << (4 * k);
                            ge |= (x.cmp_ge(c).move_mask() as u64) << (4 * k);
                        }
                    }
                    Some(s) => {
                        let c = atom.table[s];
                        for (j, &v) in column.iter().enumerate() {
                            gt |= u64::from(v > c) << j;
                            ge |= u64::from(v >= c) << j;
                        }
                    }
                    None => {
                        for (j, (&v, &s)) in column.iter().zip(scales).enumerate() {
                            let c = atom.table[(s & 31) as usize];
                            gt |= u64::from(v > c) << j;
                            ge |= u64::from(v >= c) << j;
                        }
                    }
                }
                let pick = |k: u32| u64::from((atom.accept >> k) & 1).wrapping_neg();
                *r = ((!ge & pick(0)) | (ge & !gt & pick(1)) | (gt & pick(2))) & present;
            }
            start = end as usize;
        }
        for (r, arith) in ariths.iter_mut().zip(&self.ariths) {
            let mut present = lanes;
            let mut coarse = 0;
            for &s in &arith.slots {
                present &= b.present[s as usize];
                coarse |= b.coarse[s as usize];
            }
            b.diff.fill(0.0);
            b.magnitude.fill(0.0);
            for &(w, i, k) in &arith.terms {
                let x = &b.floats[i as usize * LANES..(i as usize + 1) * LANES];
                let y = &b.floats[k as usize * LANES..(k as usize + 1) * LANES];
                for (((d, m), &x), &y) in b.diff.iter_mut().zip(&mut b.magnitude).zip(x).zip(y) {
                    let t = w * x * y;
                    *d += t;
                    *m += t.abs();
                }
            }
            let (mut above, mut below) = (0u64, 0u64);
            for (j, (&d, &m)) in b.diff.iter().zip(&b.magnitude).enumerate() {
                let tolerance = m * arith.rel;
                above |= u64::from(d > tolerance) << j;
                below |= u64::from(d < -tolerance) << j;
            }
            let pick = |k: u32| u64::from((arith.accept >> k) & 1).wrapping_neg();
            let decided = (above | below) & !coarse;
            let mut word = ((above & pick(2)) | (below & pick(0))) & decided & present;
            // The contexts the bound does not decide go to the tree.
            let mut undecided = present & !decided;
            while undecided != 0 {
                let j = undecided.trailing_zeros() as usize;
                undecided &= undecided - 1;
                word |= u64::from(truth(&arith.node, block[j])) << j;
            }
            *r = word;
        }
        for (r, node) in trees.iter_mut().zip(&self.trees) {
            let mut word = 0;
            for (j, facts) in block.iter().enumerate() {
                word |= u64::from(truth(node, facts)) << j;
            }
            *r = word;
        }
        let regs = &mut b.regs;
        for (i, g) in self.gates.iter().enumerate() {
            let v = (regs[g.a.reg as usize] ^ g.a.neg) & (regs[g.b.reg as usize] ^ g.b.neg);
            regs[leaves + i] = v;
        }
    }

    /// Turns the rules' registers (a bit per context) into each context's
    /// row of rule bits.
    fn scatter(&self, regs: &[u64], contexts: usize, words: usize, rows: &mut [u64]) {
        let lanes = if contexts == LANES {
            ON
        } else {
            (1u64 << contexts) - 1
        };
        for (rule, o) in self.outputs.iter().enumerate() {
            let mut word = (regs[o.reg as usize] ^ o.neg) & lanes;
            let (w, bit) = (rule / 64, 1u64 << (rule % 64));
            while word != 0 {
                let j = word.trailing_zeros() as usize;
                word &= word - 1;
                rows[j * words + w] |= bit;
            }
        }
    }
}
