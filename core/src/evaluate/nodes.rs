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
    /// level it has no tag for.
    pub(super) fn build(actuals: &Actuals, hierarchy: &[String]) -> Nodes {
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
        nodes.leaf = vec![0; rows];
        let (mut lo, mut hi) = (0u32, 1u32);
        for (level, name) in hierarchy.iter().enumerate() {
            let Some((codes, values)) = actuals.dimension(name) else {
                break;
            };
            let depth = u8::try_from(level + 1).unwrap_or(u8::MAX);
            let width = values.len().max(1);
            let mut children = Children::new((hi - lo) as usize, width);
            let mut grow = |parent: u32, code: u32| {
                let id = nodes.parent.len() as u32;
                nodes.parent.push(parent);
                nodes.depth.push(depth);
                nodes.code.push(code);
                id
            };
            let rows = nodes.leaf.iter_mut().zip(codes);
            // The same loop twice, so that the dense one has no branch on
            // the kind of table.
            match &mut children {
                Children::Dense(table) => {
                    for (leaf, &code) in rows {
                        if *leaf < lo || *leaf >= hi || code == ABSENT {
                            continue;
                        }
                        let slot = &mut table[(*leaf - lo) as usize * width + code as usize];
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
                        let key = (*leaf - lo) as usize * width + code as usize;
                        *leaf = *map.entry(key).or_insert_with(|| grow(*leaf, code));
                    }
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

    /// The path of a node: `""` for the company, else
    /// `region=east/rep=r1`.
    pub(super) fn path(&self, node: usize, actuals: &Actuals, hierarchy: &[String]) -> String {
        let mut chain = Vec::new();
        let mut n = node;
        while n != 0 {
            chain.push(n);
            n = self.parent[n] as usize;
        }
        let mut path = String::new();
        for n in chain.into_iter().rev() {
            let level = usize::from(self.depth[n]) - 1;
            let name = &hierarchy[level];
            let value = actuals
                .dimension(name)
                .and_then(|(_, values)| values.get(self.code[n] as usize))
                .map_or("", String::as_str);
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(name);
            path.push('=');
            path.push_str(value);
        }
        path
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

    #[test]
    fn large_child_tables_fall_back_to_a_map() {
        assert!(matches!(
            Children::new(1 << 13, 1 << 12),
            Children::Sparse(_)
        ));
        assert!(matches!(Children::new(20, 5000), Children::Dense(_)));
    }
}
