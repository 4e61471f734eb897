//! Cascading a target down an organisation (company → region → team → rep,
//! or → product line) and reconciling it with bottom-up submissions.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::allocate;
use crate::error::Result;
use crate::plan::dec::DecimalString;

/// A node of the hierarchy a target is cascaded down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Identifies the node (`"EAST"`, `"rep-017"`).
    pub id: String,
    /// Name for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Share of the parent's target relative to its siblings (any
    /// non-negative numbers; 1 by default).
    #[serde(default = "one", with = "crate::plan::dec")]
    #[schemars(with = "DecimalString")]
    pub weight: Decimal,
    /// The number the node itself commits to, bottom-up.
    #[serde(
        default,
        with = "crate::plan::dec::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub submitted: Option<Decimal>,
    /// Nodes below.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

fn one() -> Decimal {
    Decimal::ONE
}

/// A node's top-down target and bottom-up reconciliation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Allocation {
    /// The node.
    pub id: String,
    /// Its share of the target, top-down, in cents.
    #[schemars(with = "crate::plan::dec::DecimalString")]
    #[serde(with = "crate::plan::dec")]
    pub target: Decimal,
    /// The bottom-up number: the node's own submission, or else the sum of
    /// its children's when every child has one.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub bottom_up: Option<Decimal>,
    /// bottom-up − top-down: negative when the people below commit to less
    /// than they are asked for.
    #[schemars(with = "Option<crate::plan::dec::DecimalString>")]
    #[serde(with = "crate::plan::dec::opt")]
    pub gap: Option<Decimal>,
    /// The children's allocations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Allocation>,
}

/// Cascades `total` down from `root`: the root gets `total`, and every
/// node's children split the node's target by weight, exact to the cent at
/// every level (see [`allocate`]).
///
/// # Errors
/// [`Error::InvalidArgument`](crate::Error::InvalidArgument) when a node's
/// children have no usable weights.
pub fn cascade(total: Decimal, root: &Node) -> Result<Allocation> {
    let target =
        total.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    allocate_node(target, root)
}

fn overflow(node: &Node, what: &str) -> crate::Error {
    crate::Error::Overflow {
        what: format!("cascade of {}", node.id),
        message: format!("{what} of {} is beyond what a decimal holds", node.id),
    }
}

fn allocate_node(target: Decimal, node: &Node) -> Result<Allocation> {
    let children = if node.children.is_empty() {
        Vec::new()
    } else {
        let weights: Vec<Decimal> = node.children.iter().map(|c| c.weight).collect();
        let parts = allocate(target, &weights, 2).map_err(|e| match e {
            crate::Error::InvalidArgument { message, .. } => crate::Error::InvalidArgument {
                name: format!("children of {}", node.id),
                message,
            },
            other => other,
        })?;
        node.children
            .iter()
            .zip(parts)
            .map(|(c, t)| allocate_node(t, c))
            .collect::<Result<Vec<_>>>()?
    };
    let from_children = if children.is_empty() {
        None
    } else {
        let mut sum = Some(Decimal::ZERO);
        for c in &children {
            sum = match (sum, c.bottom_up) {
                (Some(a), Some(b)) => Some(
                    a.checked_add(b)
                        .ok_or_else(|| overflow(node, "the bottom-up sum"))?,
                ),
                _ => None,
            };
        }
        sum
    };
    let bottom_up = node.submitted.or(from_children);
    let gap = match bottom_up {
        Some(b) => Some(
            b.checked_sub(target)
                .ok_or_else(|| overflow(node, "the gap"))?,
        ),
        None => None,
    };
    Ok(Allocation {
        id: node.id.clone(),
        target,
        bottom_up,
        gap,
        children,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn leaf(id: &str, weight: &str, submitted: Option<&str>) -> Node {
        Node {
            id: id.into(),
            name: None,
            weight: d(weight),
            submitted: submitted.map(d),
            children: vec![],
        }
    }

    #[test]
    fn three_levels_with_bottom_up_gaps() {
        let root = Node {
            id: "CO".into(),
            name: None,
            weight: Decimal::ONE,
            submitted: None,
            children: vec![
                Node {
                    id: "EAST".into(),
                    name: None,
                    weight: d("2"),
                    submitted: None,
                    children: vec![
                        leaf("E1", "1", Some("30000000")),
                        leaf("E2", "1", Some("45000000")),
                    ],
                },
                Node {
                    id: "WEST".into(),
                    name: None,
                    weight: d("1"),
                    submitted: None,
                    children: vec![leaf("W1", "1", Some("40000000")), leaf("W2", "3", None)],
                },
            ],
        };
        let a = cascade(d("120000000"), &root).unwrap();
        assert_eq!(a.children[0].target, d("80000000"));
        assert_eq!(a.children[0].children[1].target, d("40000000"));
        assert_eq!(a.children[0].gap, Some(d("-5000000")));
        assert_eq!(a.children[1].children[1].target, d("30000000"));
        assert_eq!(a.children[1].bottom_up, None, "W2 has not submitted");
        assert_eq!(a.bottom_up, None);
    }

    fn tree() -> impl Strategy<Value = Node> {
        let leaf = (0u32..1000).prop_map(|w| Node {
            id: "n".into(),
            name: None,
            weight: Decimal::from(w),
            submitted: None,
            children: vec![],
        });
        leaf.prop_recursive(3, 60, 6, |inner| {
            (1u32..1000, prop::collection::vec(inner, 1..6)).prop_map(|(w, mut children)| {
                children[0].weight += Decimal::ONE;
                Node {
                    id: "n".into(),
                    name: None,
                    weight: Decimal::from(w),
                    submitted: None,
                    children,
                }
            })
        })
    }

    fn check(a: &Allocation) -> bool {
        a.children.is_empty()
            || (a.children.iter().map(|c| c.target).sum::<Decimal>() == a.target
                && a.children.iter().all(check))
    }

    proptest! {
        #[test]
        fn every_level_sums_to_its_parent(cents in 0i64..100_000_000_000_000, root in tree()) {
            let a = cascade(Decimal::new(cents, 2), &root).unwrap();
            prop_assert_eq!(a.target, Decimal::new(cents, 2));
            prop_assert!(check(&a));
        }
    }
}
