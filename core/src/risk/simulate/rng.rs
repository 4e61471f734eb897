//! Random numbers for the simulation: lanes of xoshiro128++ streams that
//! the compiler turns into vector instructions, seeded by SplitMix64, and
//! the fixed-amount deals ([`Fixed`]) they are compared with.
//!
//! Everything here is integer arithmetic or uses the pure-Rust `libm`
//! functions, so a native build and a WebAssembly build draw the same
//! numbers and reach the same results bit for bit.

/// Trials simulated side by side, one xoshiro stream each.
pub(crate) const LANES: usize = 8;

/// SplitMix64, used only to expand a seed into stream states.
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// A deal with a fixed amount.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fixed {
    /// Won when a 32-bit draw, read as a signed number, is below this: the
    /// deal's threshold less 2³¹ (an exact f64).
    pub(crate) limit: f64,
    /// Its amount in cents (an exact f64).
    pub(crate) cents: f64,
}

impl Fixed {
    /// A deal won with probability `p`, worth `cents`.
    pub(crate) fn new(p: f64, cents: i64) -> Fixed {
        Fixed {
            limit: threshold(p) as f64 - 2_147_483_648.0,
            cents: cents as f64,
        }
    }
}

/// [`LANES`] independent xoshiro128++ generators, stored word by word so
/// that one step of all of them is a handful of vector instructions.
pub(crate) struct Lanes {
    s: [[u32; LANES]; 4],
}

impl Lanes {
    /// The streams of one group of trials: the state comes from SplitMix64
    /// over the seed and the group number, so a group draws the same
    /// numbers whichever thread runs it.
    pub(crate) fn for_group(seed: u64, group: u64) -> Lanes {
        let mut mix = SplitMix64::new(seed ^ group.wrapping_mul(0xD1B5_4A32_D192_ED03));
        let mut s = [[0u32; LANES]; 4];
        for lane in 0..LANES {
            let a = mix.next_u64();
            let b = mix.next_u64();
            s[0][lane] = a as u32;
            s[1][lane] = (a >> 32) as u32;
            s[2][lane] = b as u32;
            s[3][lane] = (b >> 32) as u32;
            if s.iter().all(|w| w[lane] == 0) {
                // The all-zero state is the one xoshiro cannot leave.
                s[0][lane] = 1;
            }
        }
        Lanes { s }
    }

    /// One 32-bit draw per lane.
    #[inline(always)]
    pub(crate) fn next(&mut self) -> [u32; LANES] {
        let [s0, s1, s2, s3] = &mut self.s;
        let mut out = [0u32; LANES];
        for l in 0..LANES {
            let sum = s0[l].wrapping_add(s3[l]);
            out[l] = sum.rotate_left(7).wrapping_add(s0[l]);
        }
        for l in 0..LANES {
            let t = s1[l] << 9;
            s2[l] ^= s0[l];
            s3[l] ^= s1[l];
            s1[l] ^= s2[l];
            s0[l] ^= s3[l];
            s2[l] ^= t;
            s3[l] = s3[l].rotate_left(11);
        }
        out
    }

    /// Base plus the fixed deals each lane wins, in cents, with the streams
    /// held in vector registers. Sums stay below 2⁵³ cents (checked when
    /// the model is built), so f64 adds them exactly; f64 because SSE2
    /// compares and adds f64 lanes but not 64-bit integers. A draw wins
    /// when, read as a signed number (the draw less 2³¹), it is below the
    /// deal's limit.
    pub(crate) fn fixed_deals(&mut self, base: f64, deals: &[Fixed]) -> [i64; LANES] {
        use wide::{f64x4, i32x4, u32x8, CmpLt};
        let mut s = self.s.map(u32x8::new);
        let bias = u32x8::splat(0x8000_0000);
        let (mut lo, mut hi) = (f64x4::splat(base), f64x4::splat(base));
        for deal in deals {
            let sum = s[0] + s[3];
            let draw = ((sum << 7) | (sum >> 25)) + s[0];
            let t = s[1] << 9;
            s[2] ^= s[0];
            s[3] ^= s[1];
            s[1] ^= s[2];
            s[0] ^= s[3];
            s[2] ^= t;
            s[3] = (s[3] << 11) | (s[3] >> 21);
            let [a, b]: [i32x4; 2] = bytemuck::cast(draw ^ bias);
            let limit = f64x4::splat(deal.limit);
            let cents = f64x4::splat(deal.cents);
            lo += f64x4::from_i32x4(a).cmp_lt(limit) & cents;
            hi += f64x4::from_i32x4(b).cmp_lt(limit) & cents;
        }
        self.s = s.map(u32x8::to_array);
        let (lo, hi) = (lo.to_array(), hi.to_array());
        let mut out = [0i64; LANES];
        for l in 0..4 {
            out[l] = lo[l] as i64;
            out[l + 4] = hi[l] as i64;
        }
        out
    }

    /// The next draw of one lane alone, for work that differs by lane.
    #[inline]
    pub(crate) fn next_in(&mut self, l: usize) -> u32 {
        let [s0, s1, s2, s3] = &mut self.s;
        let out = s0[l].wrapping_add(s3[l]).rotate_left(7).wrapping_add(s0[l]);
        let t = s1[l] << 9;
        s2[l] ^= s0[l];
        s3[l] ^= s1[l];
        s1[l] ^= s2[l];
        s0[l] ^= s3[l];
        s2[l] ^= t;
        s3[l] = s3[l].rotate_left(11);
        out
    }
}

/// A 32-bit draw as a uniform number strictly between 0 and 1.
#[inline]
pub(crate) fn unit(u: u32) -> f64 {
    (f64::from(u) + 0.5) * (1.0 / 4_294_967_296.0)
}

/// The threshold a 32-bit draw is compared with for an event of
/// probability `p`: the event happens when `draw < threshold`, which has
/// probability `threshold / 2³²`, `p` rounded to the nearest 2⁻³².
pub(crate) fn threshold(p: f64) -> u64 {
    let scaled = (p * 4_294_967_296.0).round();
    if scaled <= 0.0 {
        0
    } else if scaled >= 4_294_967_296.0 {
        1 << 32
    } else {
        scaled as u64
    }
}

/// A standard normal number from two draws (Box–Muller, cosine branch).
pub(crate) fn normal(u1: u32, u2: u32) -> f64 {
    let r = libm::sqrt(-2.0 * libm::log(unit(u1)));
    r * libm::cos(std::f64::consts::TAU * unit(u2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_reproducible_and_distinct() {
        let mut a = Lanes::for_group(7, 3);
        let mut b = Lanes::for_group(7, 3);
        let mut c = Lanes::for_group(7, 4);
        let (x, y, z) = (a.next(), b.next(), c.next());
        assert_eq!(x, y);
        assert_ne!(x, z);
        // Lanes within a group are distinct streams.
        assert!(x
            .iter()
            .enumerate()
            .all(|(i, v)| x[i + 1..].iter().all(|w| w != v)));
    }

    #[test]
    fn draws_are_uniform_enough() {
        let mut lanes = Lanes::for_group(42, 0);
        let n = 200_000 / LANES;
        let (mut below, mut sum) = (0u32, 0.0);
        let thr = threshold(0.3);
        for _ in 0..n {
            for u in lanes.next() {
                below += u32::from(u64::from(u) < thr);
                sum += unit(u);
            }
        }
        let total = (n * LANES) as f64;
        assert!((f64::from(below) / total - 0.3).abs() < 0.005);
        assert!((sum / total - 0.5).abs() < 0.005);
    }

    #[test]
    fn thresholds_cover_the_ends() {
        assert_eq!(threshold(0.0), 0);
        assert_eq!(threshold(1.0), 1 << 32);
        assert_eq!(threshold(0.5), 1 << 31);
    }

    #[test]
    fn normals_have_unit_variance() {
        let mut lanes = Lanes::for_group(1, 1);
        let (mut s1, mut s2, mut n) = (0.0, 0.0, 0.0);
        for _ in 0..20_000 {
            let (a, b) = (lanes.next(), lanes.next());
            for l in 0..LANES {
                let z = normal(a[l], b[l]);
                s1 += z;
                s2 += z * z;
                n += 1.0;
            }
        }
        assert!((s1 / n).abs() < 0.02);
        assert!((s2 / n - 1.0).abs() < 0.02);
    }
}
