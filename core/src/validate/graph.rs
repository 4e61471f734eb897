//! Cycles in a dependency graph, named node by node.

/// Finds the rings of a directed graph given as adjacency lists over node
/// indices. Each ring is reported once, starting at its smallest index, in
/// the order of its smallest index: `[2, 5, 3]` means 2 → 5 → 3 → 2.
pub(super) fn cycles(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    // Tarjan's strongly connected components, iteratively so that deep
    // graphs cannot overflow the stack.
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut components = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (v, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                let self_loop = component.len() == 1 && edges[v].contains(&v);
                if component.len() > 1 || self_loop {
                    components.push(component);
                }
            }
        }
    }
    let mut rings: Vec<Vec<usize>> = components.iter().map(|c| ring(edges, c)).collect();
    rings.sort_by_key(|r| r[0]);
    rings
}

/// One ring through a strongly connected component, from its smallest node.
fn ring(edges: &[Vec<usize>], component: &[usize]) -> Vec<usize> {
    let start = component.iter().copied().min().unwrap_or(0);
    // Breadth-first search for the shortest way back to `start` inside the
    // component.
    let mut inside = vec![false; edges.len()];
    for &v in component {
        inside[v] = true;
    }
    let mut came_from = vec![usize::MAX; edges.len()];
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in &edges[v] {
            if w == start {
                let mut path = vec![v];
                let mut at = v;
                while at != start {
                    at = came_from[at];
                    path.push(at);
                }
                path.reverse();
                return path;
            }
            if inside[w] && came_from[w] == usize::MAX {
                came_from[w] = v;
                queue.push_back(w);
            }
        }
    }
    vec![start]
}

#[cfg(test)]
mod tests {
    use super::cycles;

    #[test]
    fn finds_rings() {
        assert!(cycles(&[vec![1], vec![2], vec![]]).is_empty());
        assert_eq!(cycles(&[vec![0]]), vec![vec![0]]);
        assert_eq!(cycles(&[vec![1], vec![2], vec![0]]), vec![vec![0, 1, 2]]);
        assert_eq!(
            cycles(&[vec![], vec![3], vec![1], vec![2], vec![4], vec![4]]),
            vec![vec![1, 3, 2], vec![4]]
        );
    }

    #[test]
    fn deep_chain_does_not_overflow() {
        let n = 200_000;
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges[n - 1] = vec![0];
        let found = cycles(&edges);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
    }
}
