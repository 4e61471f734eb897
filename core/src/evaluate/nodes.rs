//! The nodes of a dimension hierarchy, found in the actuals by integer
//! code: every row is given its deepest node once, and node paths
//! (`region=east/rep=r1`) are written once per node, not per row.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::actuals::{Actuals, ABSENT};

/// No node.
pub(super) const NONE: u32 = u32::MAX;

/// Largest child table kept as a dense array (entries of four bytes).
const DENSE_LIMIT: usize = 1 << 24;

/// The tree of nodes under the company (node 0). A node's children have
/// larger ids than the node, so folding children into parents in
/// descending id order reaches every ancestor.
#[derive(Debug, Clone)]
pub(super) struct Nodes {
    /// The deepest node of every row; empty without a hierarchy (every row
    /// is the company's).
    pub(super) leaf: Vec<u32>,
    /// The parent of every node ([`NONE`] for the company).
    pub(super) parent: Vec<u32>,
    /// The depth of every node (0 for the company).
    pub(super) depth: Vec<u8>,
    /// The tag code of every node at its level.
    code: Vec<u32>,
}

impl Nodes {
    /// Finds every node of `hierarchy` (dimensions from the top down) in
    /// the actuals. A row belongs to the node of its tags down to the first
    /// level it has no tag for. Large actuals are split in two halves
    /// placed on two threads where the machine has them; the nodes and
    /// their ids are the same either way.
    pub(super) fn build(actuals: &Actuals, hierarchy: &[String]) -> Nodes {
        let rows = actuals.len();
        let two = !cfg!(target_arch = "wasm32")
            && (PARALLEL_ROWS..LOCAL as usize).contains(&rows)
            && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
        Nodes::build_split(actuals, hierarchy, if two { rows / 2 } else { rows })
    }

    /// [`Nodes::build`] with the rows from `split` on placed apart, each
    /// level: on a second thread, in tables of their own, with ids marked
    /// [`LOCAL`]. Their new nodes are then added in the order they first
    /// appear there, after every node of the rows before `split`, which
    /// gives each node the id that placing every row in order gives.
    fn build_split(actuals: &Actuals, hierarchy: &[String], split: usize) -> Nodes {
        let mut nodes = Nodes {
            leaf: Vec::new(),
            parent: vec![NONE],
            depth: vec![0],
            code: vec![ABSENT],
        };
        if hierarchy.is_empty() {
            return nodes;
        }
        let rows = actuals.len();
        let split = split.min(rows);
        nodes.leaf = vec![0; rows];
        let (mut lo, mut hi) = (0u32, 1u32);
        for (level, name) in hierarchy.iter().enumerate() {
            let Some((codes, values)) = actuals.dimension(name) else {
                break;
            };
            let depth = u8::try_from(level + 1).unwrap_or(u8::MAX);
            let width = values.len().max(1);
            let level = Level { lo, hi, width };
            let mut children = Children::new((hi - lo) as usize, width);
            let Nodes {
                leaf,
                parent,
                depth: depths,
                code,
            } = &mut nodes;
            let mut grow = |p: u32, c: u32| {
                let id = parent.len() as u32;
                parent.push(p);
                depths.push(depth);
                code.push(c);
                id
            };
            let (head, tail) = leaf.split_at_mut(split);
            let (head_codes, tail_codes) = codes.split_at(split);
            let second = std::thread::scope(|scope| {
                let second = (!tail.is_empty()).then(|| {
                    std::thread::Builder::new()
                        .spawn_scoped(scope, || level.place_apart(tail, tail_codes))
                });
                level.place(head, head_codes, &mut children, &mut grow);
                second.map(|spawned| spawned.map(|handle| handle.join()))
            });
            let apart = match second {
                None => None,
                Some(Ok(Ok(local))) => Some(local),
                // A panic there is a bug, and stays one here.
                Some(Ok(Err(panic))) => std::panic::resume_unwind(panic),
                // No thread to be had: place them here.
                Some(Err(_)) => Some(level.place_apart(tail, tail_codes)),
            };
            if let Some(local) = apart {
                let ids: Vec<u32> = local
                    .iter()
                    .map(|&(p, c)| children.child(level.key(p, c), || grow(p, c)))
                    .collect();
                for leaf in tail.iter_mut().filter(|l| **l & LOCAL != 0) {
                    *leaf = ids[(*leaf & !LOCAL) as usize];
                }
            }
            (lo, hi) = (hi, nodes.parent.len() as u32);
            if lo == hi {
                break;
            }
        }
        nodes
    }

    /// Number of nodes, the company included.
    pub(super) fn len(&self) -> usize {
        self.parent.len()
    }

    /// The node of a row.
    #[inline]
    pub(super) fn of_row(&self, row: usize) -> usize {
        self.leaf.get(row).map_or(0, |&n| n as usize)
    }

    /// The tag values of a node from the top of the hierarchy (none for
    /// the company).
    pub(super) fn key(&self, node: usize, actuals: &Actuals, hierarchy: &[String]) -> Vec<String> {
        let mut key = Vec::new();
        let mut n = node;
        while n != 0 {
            let level = usize::from(self.depth[n]) - 1;
            let value = actuals
                .dimension(&hierarchy[level])
                .and_then(|(_, values)| values.get(self.code[n] as usize))
                .map_or("", String::as_str);
            key.push(value.to_owned());
            n = self.parent[n] as usize;
        }
        key.reverse();
        key
    }

    /// The path of a node: `""` for the company, else
    /// `region=east/rep=r1`.
    pub(super) fn path(&self, node: usize, actuals: &Actuals, hierarchy: &[String]) -> String {
        path_of(hierarchy, &self.key(node, actuals, hierarchy))
    }
}

/// The path of the node of tag values `key` from the top of `hierarchy`.
pub(super) fn path_of(hierarchy: &[String], key: &[String]) -> String {
    let mut path = String::new();
    for (name, value) in hierarchy.iter().zip(key) {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(name);
        path.push('=');
        path.push_str(value);
    }
    path
}

/// The mark of an id placed apart, not yet a node's (see
/// [`Nodes::build_split`]).
const LOCAL: u32 = 1 << 31;

/// Rows below which one thread finds every node.
const PARALLEL_ROWS: usize = 1 << 15;

/// One level of the hierarchy: its parents are the nodes `lo..hi`, and its
/// dimension has `width` values.
#[derive(Debug, Clone, Copy)]
struct Level {
    lo: u32,
    hi: u32,
    width: usize,
}

impl Level {
    /// The key of the child `code` of node `parent`.
    #[inline]
    fn key(&self, parent: u32, code: u32) -> usize {
        (parent - self.lo) as usize * self.width + code as usize
    }

    /// Moves every row whose node is a parent of this level and that has a
    /// tag here to the child of its tag, made by `grow` the first time.
    fn place(
        &self,
        leaf: &mut [u32],
        codes: &[u32],
        children: &mut Children,
        grow: &mut impl FnMut(u32, u32) -> u32,
    ) {
        let (lo, hi) = (self.lo, self.hi);
        let rows = leaf.iter_mut().zip(codes);
        // The same loop twice, so that the dense one has no branch on the
        // kind of table.
        match children {
            Children::Dense(table) => {
                for (leaf, &code) in rows {
                    if *leaf < lo || *leaf >= hi || code == ABSENT {
                        continue;
                    }
                    let slot = &mut table[self.key(*leaf, code)];
                    if *slot == NONE {
                        *slot = grow(*leaf, code);
                    }
                    *leaf = *slot;
                }
            }
            Children::Sparse(map) => {
                for (leaf, &code) in rows {
                    if *leaf < lo || *leaf >= hi || code == ABSENT {
                        continue;
                    }
                    *leaf = *map
                        .entry(self.key(*leaf, code))
                        .or_insert_with(|| grow(*leaf, code));
                }
            }
        }
    }

    /// [`Level::place`] in tables of its own: the rows get ids marked
    /// [`LOCAL`], indexes into the (parent, code) list returned, in the
    /// order they first appear.
    fn place_apart(&self, leaf: &mut [u32], codes: &[u32]) -> Vec<(u32, u32)> {
        let mut children = Children::new((self.hi - self.lo) as usize, self.width);
        let mut local = Vec::new();
        self.place(leaf, codes, &mut children, &mut |parent, code| {
            local.push((parent, code));
            LOCAL | (local.len() - 1) as u32
        });
        local
    }
}

/// Child ids by (parent, code): a dense table when it is small enough,
/// else a hash map.
enum Children {
    Dense(Vec<u32>),
    Sparse(HashMap<usize, u32, BuildHasherDefault<Mix>>),
}

impl Children {
    fn new(parents: usize, width: usize) -> Children {
        match parents.checked_mul(width) {
            Some(n) if n <= DENSE_LIMIT => Children::Dense(vec![NONE; n]),
            _ => Children::Sparse(HashMap::default()),
        }
    }

    /// The child at `key`, made by `grow` when there is none.
    fn child(&mut self, key: usize, grow: impl FnOnce() -> u32) -> u32 {
        match self {
            Children::Dense(table) => {
                if table[key] == NONE {
                    table[key] = grow();
                }
                table[key]
            }
            Children::Sparse(map) => *map.entry(key).or_insert_with(grow),
        }
    }
}

/// A multiplicative hash for integer keys (the keys are not chosen by an
/// adversary: they are positions in dictionaries).
#[derive(Default)]
struct Mix(u64);

impl Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64 ^ 0x9e37_79b9_7f4a_7c15).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        self.0 ^= self.0 >> 31;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    #[test]
    fn rows_get_their_deepest_node_and_paths_are_written_once() {
        let mut a = Actuals::new();
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let one = Decimal::ONE;
        a.push(day, "revenue", one, &[("region", "east"), ("rep", "r1")]);
        a.push(day, "revenue", one, &[("region", "west")]);
        a.push(day, "revenue", one, &[("rep", "r2")]);
        a.push(day, "revenue", one, &[("region", "east"), ("rep", "r2")]);
        let h = vec!["region".to_owned(), "rep".to_owned()];
        let nodes = Nodes::build(&a, &h);
        let paths: Vec<String> = (0..4)
            .map(|r| nodes.path(nodes.of_row(r), &a, &h))
            .collect();
        assert_eq!(
            paths,
            [
                "region=east/rep=r1",
                "region=west",
                "",
                "region=east/rep=r2"
            ]
        );
        assert_eq!(nodes.len(), 5);
        for n in 1..nodes.len() {
            assert!((nodes.parent[n] as usize) < n);
        }
        let flat = Nodes::build(&a, &[]);
        assert_eq!(flat.len(), 1);
        assert_eq!(flat.of_row(3), 0);
    }

    /// Every field of two builds.
    fn parts(n: &Nodes) -> (&[u32], &[u32], &[u8], &[u32]) {
        (&n.leaf, &n.parent, &n.depth, &n.code)
    }

    proptest::proptest! {
        /// Rows placed apart from any row on, as a second thread places
        /// them, give the nodes and ids of rows placed in order.
        #[test]
        fn rows_placed_apart_give_the_same_nodes(
            rows in proptest::collection::vec(
                (0u8..4, 0u8..5, 0u8..4),
                0..80,
            ),
            split in 0usize..90,
            levels in 1usize..4,
        ) {
            let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
            let mut a = Actuals::new();
            let names = ["region", "rep", "segment"];
            for &(r, p, g) in &rows {
                // Tag value 0 is no tag.
                let tag = |name: &str, v: u8| if v == 0 { String::new() } else { format!("{name}{v}") };
                let (r, p, g) = (tag("r", r), tag("p", p), tag("g", g));
                a.push(day, "revenue", Decimal::ONE, &[("region", &r), ("rep", &p), ("segment", &g)]);
            }
            let h: Vec<String> = names[..levels].iter().map(|n| (*n).to_owned()).collect();
            let in_order = Nodes::build_split(&a, &h, a.len());
            let apart = Nodes::build_split(&a, &h, split);
            proptest::prop_assert_eq!(parts(&apart), parts(&in_order));
        }
    }

    #[test]
    fn large_child_tables_fall_back_to_a_map() {
        assert!(matches!(
            Children::new(1 << 13, 1 << 12),
            Children::Sparse(_)
        ));
        assert!(matches!(Children::new(20, 5000), Children::Dense(_)));
    }
}
