//! The crate's top-level modules form layers without import cycles.
//!
//! Every `.rs` file under `core/src` is read, its comments, string and
//! character literals and test-only code are removed, and each `crate::name`
//! (or `use crate::{a, b::c}`, or a `super::` path that climbs to the crate
//! root) is recorded as an edge from the file's top-level module to `name`.
//! The test fails when the top-level graph has a cycle, when a module refers
//! to a module of a higher layer, or when a top-level module is missing from
//! [`LAYERS`] (a new module must be placed). Set `LAYERS_PRINT=1` to print
//! every edge with a file that makes it.
//!
//! Within a module the same holds one level down: the files (and
//! directories) that share a parent do not refer to each other in a ring
//! (any pair listed in [`KNOWN_FILE_CYCLES`] excepted).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The layer of each top-level module; a module may refer to its own layer
/// and to the layers below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    /// Errors, diagnostics, limits: import nothing above them.
    Leaf,
    /// The plan document and its vocabulary.
    Model,
    /// Computations over a plan.
    Engine,
    /// Compositions of engines, renderings and the crate's entry points.
    Workflow,
}

use Layer::*;

/// Where every top-level module of `core/src` sits.
const LAYERS: &[(&str, Layer)] = &[
    ("diagnostic", Leaf),
    ("error", Leaf),
    ("limits", Leaf),
    ("units", Model),
    ("calendar", Model),
    ("formula", Model),
    ("plan", Model),
    ("example", Model),
    ("decompose", Engine),
    ("actuals", Engine),
    ("tracking", Engine),
    ("evaluate", Engine),
    ("schedule", Engine),
    ("capacity", Engine),
    ("funnel", Engine),
    ("monitor", Engine),
    ("accuracy", Engine),
    ("risk", Engine),
    ("rules", Engine),
    ("validate", Engine),
    ("adjust", Workflow),
    ("report", Workflow),
    ("chart", Workflow),
    ("summary", Workflow),
    ("schema", Workflow),
];

/// Edges between top-level modules that are known to break the layering and
/// are still to be removed; the list may only shrink.
const KNOWN: &[(&str, &str)] = &[];

/// Files that are compiled only for tests.
fn is_test_file(path: &Path) -> bool {
    matches!(
        path.file_name().and_then(|n| n.to_str()),
        Some("tests.rs" | "props.rs" | "testing.rs")
    )
}

/// Replaces comments, string literals and character literals with spaces
/// (keeping line breaks), so that only code remains.
fn strip(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
            out.push(' ');
        } else if let Some(hashes) = raw_string_start(&chars, i) {
            // r"..." or r#"..."# (also br"..."): skip to the matching close.
            i += hashes.1;
            let closing: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes.0))
                .collect();
            while i < chars.len() && !chars[i..].starts_with(&closing) {
                blank(&mut out, chars[i]);
                i += 1;
            }
            i += closing.len();
            out.push_str("\"\"");
        } else if c == '"' {
            // A path given to an attribute as a string (`#[serde(with =
            // "crate::plan::dec")]`) is code; any other string is not.
            let path = names_a_path(&out);
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if i < chars.len() {
                    if path {
                        out.push(chars[i]);
                    } else {
                        blank(&mut out, chars[i]);
                    }
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('a', '\n', '\u{1F600}') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
                out.push_str("' '");
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push_str("' '");
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether the code so far ends with an attribute argument whose string
/// value is a path (`with =`, `serialize_with =`, `deserialize_with =`,
/// `default =`).
fn names_a_path(code: &str) -> bool {
    let Some(before) = code.trim_end().strip_suffix('=') else {
        return false;
    };
    ["with", "default"]
        .iter()
        .any(|key| before.trim_end().ends_with(key))
}

/// At `i`, the number of `#`s and the length of the opening of a raw string.
fn raw_string_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    if i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_') {
        return None;
    }
    let mut j = i;
    if chars.get(j) == Some(&'b') {
        j += 1;
    }
    if chars.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let mut hashes = 0;
    while chars.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    (chars.get(j) == Some(&'"')).then_some((hashes, j + 1 - i))
}

/// The code's tokens: identifiers, `::` and single punctuation characters.
fn tokens(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push("::".to_owned());
            i += 2;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

/// Removes the item that follows each `#[cfg(test)]` (a `mod tests { .. }`
/// block, a `use` or a function) and each `#[cfg(doc)]` (a `use` that only
/// brings a name into scope for a documentation link).
fn drop_test_items(tokens: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let skipped = ["test", "doc"].into_iter().any(|flag| {
            let pattern = ["#", "[", "cfg", "(", flag, ")", "]"];
            tokens.len() - i >= pattern.len()
                && tokens[i..i + pattern.len()]
                    .iter()
                    .zip(pattern)
                    .all(|(t, p)| t == p)
        });
        if skipped {
            i += 7;
            // Skip to the end of the item: a `;` before any brace, or the
            // matching closing brace.
            let mut depth = 0usize;
            while i < tokens.len() {
                let t = tokens[i].as_str();
                i += 1;
                match t {
                    ";" if depth == 0 => break,
                    "{" => depth += 1,
                    "}" => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
        } else {
            out.push(tokens[i].clone());
            i += 1;
        }
    }
    out
}

/// The module path of a file under `src` (`adjust/program/parts.rs` is
/// `["adjust", "program", "parts"]`; `adjust/mod.rs` is `["adjust"]`).
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_owned());
    }
    parts
}

/// The top-level modules a file refers to, from its code's tokens.
fn references(module: &[String], tokens: &[String]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let is_ident = |t: &str| t.chars().all(|c| c.is_alphanumeric() || c == '_');
    for i in 0..tokens.len() {
        let previous_is_path = i > 0 && tokens[i - 1] == "::";
        if previous_is_path {
            continue;
        }
        let rest = if tokens[i] == "crate" {
            Some(i + 1)
        } else if tokens[i] == "super" {
            // Climb: super::super::x from a file at depth d.
            let mut j = i;
            let mut ups = 0;
            while tokens.get(j).map(String::as_str) == Some("super") {
                ups += 1;
                j += 1;
                if tokens.get(j).map(String::as_str) == Some("::") {
                    j += 1;
                } else {
                    break;
                }
            }
            (ups == module.len()).then_some(j - 1)
        } else {
            None
        };
        let Some(mut j) = rest else { continue };
        if tokens.get(j).map(String::as_str) != Some("::") {
            continue;
        }
        j += 1;
        match tokens.get(j).map(String::as_str) {
            Some("{") => {
                // use crate::{a, b::c, d::{e, f}}: the first name of each
                // element at depth one.
                let mut depth = 0usize;
                let mut expect_name = true;
                for t in &tokens[j..] {
                    match t.as_str() {
                        "{" => {
                            depth += 1;
                            if depth == 1 {
                                expect_name = true;
                            }
                        }
                        "}" => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        "," if depth == 1 => expect_name = true,
                        name if depth == 1 && expect_name && is_ident(name) => {
                            found.insert(name.to_owned());
                            expect_name = false;
                        }
                        _ => {}
                    }
                }
            }
            Some(name) if is_ident(name) => {
                found.insert(name.to_owned());
            }
            _ => {}
        }
    }
    found
}

/// Edges between top-level modules, each with a file that makes it.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

/// Builds the top-level graph from `(path relative to src, source)` pairs.
fn graph(files: &[(PathBuf, String)], modules: &BTreeSet<String>) -> Graph {
    let mut graph = Graph::new();
    for (relative, source) in files {
        if is_test_file(relative) {
            continue;
        }
        let module = module_path(relative);
        let Some(top) = module.first() else { continue };
        let tokens = drop_test_items(tokens(&strip(source)));
        for target in references(&module, &tokens) {
            if &target != top && modules.contains(&target) {
                graph
                    .entry(top.clone())
                    .or_default()
                    .entry(target)
                    .or_insert_with(|| relative.display().to_string());
            }
        }
    }
    graph
}

/// A cycle of the graph, as its modules in order, if there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_owned(), 1);
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flat_map(|m| m.keys()) {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = stack.iter().position(|m| m == next).unwrap_or(0);
                    return Some(stack[start..].to_vec());
                }
                0 => {
                    if let Some(cycle) = visit(next, graph, state, stack) {
                        return Some(cycle);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(cycle) = visit(node, graph, &mut state, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

/// Every problem with the graph against the layer table, as sentences.
fn problems(graph: &Graph, modules: &BTreeSet<String>) -> Vec<String> {
    let layers: BTreeMap<&str, Layer> = LAYERS.iter().copied().collect();
    let mut out = Vec::new();
    for module in modules {
        if !layers.contains_key(module.as_str()) {
            out.push(format!(
                "top-level module `{module}` is not in the layer table of core/tests/layers.rs"
            ));
        }
    }
    for (name, _) in LAYERS {
        if !modules.contains(*name) {
            out.push(format!("layer table names `{name}`, which is not a module"));
        }
    }
    let mut remaining = graph.clone();
    for (from, to) in KNOWN {
        if remaining
            .get_mut(*from)
            .and_then(|m| m.remove(*to))
            .is_none()
        {
            out.push(format!(
                "known edge {from} -> {to} is gone: remove it from KNOWN"
            ));
        }
    }
    for (from, targets) in &remaining {
        for (to, file) in targets {
            if let (Some(a), Some(b)) = (layers.get(from.as_str()), layers.get(to.as_str())) {
                if b > a {
                    out.push(format!(
                        "{from} ({a:?}) refers to {to} ({b:?}), a higher layer, in src/{file}"
                    ));
                }
            }
        }
    }
    if let Some(cycle) = find_cycle(&remaining) {
        let mut message = String::from("import cycle between top-level modules:");
        for (k, from) in cycle.iter().enumerate() {
            let to = &cycle[(k + 1) % cycle.len()];
            let file = &remaining[from][to];
            let _ = write!(message, "\n    {from} -> {to} (src/{file})");
        }
        out.push(message);
    }
    out
}

/// Every `.rs` file under `dir`, as paths relative to `root`.
fn read_tree(root: &Path, dir: &Path, files: &mut Vec<(PathBuf, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_tree(root, &path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).expect("source file");
            let relative = path.strip_prefix(root).expect("under src").to_path_buf();
            files.push((relative, source));
        }
    }
}

/// The top-level modules: every file and directory directly under `src`
/// except the crate root and test-only files.
fn top_level(files: &[(PathBuf, String)]) -> BTreeSet<String> {
    files
        .iter()
        .filter(|(p, _)| !is_test_file(p))
        .filter_map(|(p, _)| module_path(p).into_iter().next())
        .collect()
}

#[test]
fn top_level_modules_are_layered_without_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_tree(&src, &src, &mut files);
    let modules = top_level(&files);
    assert!(modules.contains("plan"), "no modules found under {src:?}");
    let graph = graph(&files, &modules);
    let found = problems(&graph, &modules);
    if std::env::var_os("LAYERS_PRINT").is_some() {
        for (from, targets) in &graph {
            for (to, file) in targets {
                eprintln!("EDGE {from} -> {to} src/{file}");
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_cycle_and_an_upward_edge_are_reported() {
    let files = vec![
        (
            PathBuf::from("error.rs"),
            "/// [`x`](crate::plan::Plan)\nfn f() -> crate::plan::Plan { todo!() }".to_owned(),
        ),
        (
            PathBuf::from("plan/mod.rs"),
            "use crate::{error::Error, limits};\nconst S: &str = \"crate::report\";\n\
             #[serde(with = \"crate::units::dec\")]\nstruct A;"
                .to_owned(),
        ),
        (
            PathBuf::from("limits.rs"),
            "#[cfg(test)]\nmod tests { use crate::report; }\n#[cfg(doc)]\nuse crate::plan;\nfn g() {}"
                .to_owned(),
        ),
        (PathBuf::from("units/mod.rs"), String::new()),
        (
            PathBuf::from("report/html/deep.rs"),
            "use super::super::super::plan::Plan;".to_owned(),
        ),
    ];
    let modules = top_level(&files);
    let graph = graph(&files, &modules);
    assert_eq!(graph["error"].keys().collect::<Vec<_>>(), ["plan"]);
    assert_eq!(
        graph["plan"].keys().collect::<Vec<_>>(),
        ["error", "limits", "units"],
        "a path in an attribute string counts, a string constant does not"
    );
    assert!(
        !graph.contains_key("limits"),
        "test-only and documentation-only code is skipped"
    );
    assert_eq!(graph["report"].keys().collect::<Vec<_>>(), ["plan"]);
    let found = problems(&graph, &modules).join("\n");
    assert!(
        found.contains("error (Leaf) refers to plan (Model)"),
        "{found}"
    );
    assert!(found.contains("import cycle"), "{found}");
    assert!(found.contains("error -> plan (src/error.rs)"), "{found}");
    assert!(found.contains("plan -> error (src/plan/mod.rs)"), "{found}");
}

#[test]
fn literals_and_lifetimes_are_told_apart() {
    let code = strip("fn f<'a>(x: &'a str) -> char { let _ = r#\"crate::a\"#; '\\'' }");
    assert!(!code.contains("crate::a"));
    assert!(code.contains("<'a>"));
}

/// Cycles between files of one module that are known and still to be
/// removed, as pairs of module paths; the list may only shrink.
const KNOWN_FILE_CYCLES: &[(&str, &str)] = &[];

/// The module paths a file's code names (`crate::a::b`, `super::c`,
/// `use super::{d, e::f}`), as far as they are written (items included).
fn paths(module: &[String], tokens: &[String]) -> Vec<Vec<String>> {
    let is_ident = |t: &str| t.chars().all(|c| c.is_alphanumeric() || c == '_');
    let mut out = Vec::new();
    for i in 0..tokens.len() {
        if i > 0 && tokens[i - 1] == "::" {
            continue;
        }
        let (mut base, mut j) = match tokens[i].as_str() {
            "crate" => (Vec::new(), i + 1),
            "super" => {
                let mut base = module.to_vec();
                let mut j = i;
                while tokens.get(j).map(String::as_str) == Some("super") {
                    base.pop();
                    j += 1;
                    if tokens.get(j).map(String::as_str) == Some("::")
                        && tokens.get(j + 1).map(String::as_str) == Some("super")
                    {
                        j += 1;
                    }
                }
                (base, j)
            }
            _ => continue,
        };
        // Follow `::name` segments, then a `{ .. }` group's first names.
        while tokens.get(j).map(String::as_str) == Some("::") {
            match tokens.get(j + 1).map(String::as_str) {
                Some("{") => {
                    let mut depth = 0usize;
                    let mut expect_name = true;
                    for t in &tokens[j + 1..] {
                        match t.as_str() {
                            "{" => {
                                depth += 1;
                                expect_name = depth == 1;
                            }
                            "}" => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            "," if depth == 1 => expect_name = true,
                            name if depth == 1 && expect_name && is_ident(name) => {
                                let mut path = base.clone();
                                path.push(name.to_owned());
                                out.push(path);
                                expect_name = false;
                            }
                            _ => {}
                        }
                    }
                    break;
                }
                Some(name) if is_ident(name) => {
                    base.push(name.to_owned());
                    j += 2;
                }
                _ => break,
            }
        }
        out.push(base);
    }
    out
}

/// Edges between files (and directories) that share a parent module: for
/// every reference, from the child of the nearest common ancestor holding
/// the referring file to the one holding the module referred to. Names are
/// module paths joined with `/`; the crate root's children are left to the
/// layer table.
fn sibling_graph(files: &[(PathBuf, String)]) -> Graph {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|(p, _)| module_path(p)).collect();
    let mut graph = Graph::new();
    for (relative, source) in files {
        if is_test_file(relative) {
            continue;
        }
        let module = module_path(relative);
        let tokens = drop_test_items(tokens(&strip(source)));
        for path in paths(&module, &tokens) {
            // The longest prefix of the path that is a module of a file.
            let Some(target) = (1..=path.len())
                .rev()
                .map(|k| path[..k].to_vec())
                .find(|p| modules.contains(p))
            else {
                continue;
            };
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common == 0 || common >= module.len() || common >= target.len() {
                continue;
            }
            let from = module[..=common].join("/");
            let to = target[..=common].join("/");
            graph
                .entry(from)
                .or_default()
                .entry(to)
                .or_insert_with(|| relative.display().to_string());
        }
    }
    graph
}

/// Every problem with the files of one module referring to each other in a
/// ring, as sentences.
fn file_problems(mut graph: Graph) -> Vec<String> {
    let mut out = Vec::new();
    for (a, b) in KNOWN_FILE_CYCLES {
        let mut seen = false;
        for (from, to) in [(a, b), (b, a)] {
            seen |= graph.get_mut(*from).and_then(|m| m.remove(*to)).is_some();
        }
        if !seen {
            out.push(format!(
                "known file cycle {a} <-> {b} is gone: remove it from KNOWN_FILE_CYCLES"
            ));
        }
    }
    if let Some(cycle) = find_cycle(&graph) {
        let mut message = String::from("import cycle between files of one module:");
        for (k, from) in cycle.iter().enumerate() {
            let to = &cycle[(k + 1) % cycle.len()];
            let _ = write!(message, "\n    {from} -> {to} (src/{})", graph[from][to]);
        }
        out.push(message);
    }
    out
}

#[test]
fn files_within_a_module_have_no_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_tree(&src, &src, &mut files);
    let found = file_problems(sibling_graph(&files));
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_cycle_between_files_is_reported() {
    let files = vec![
        (PathBuf::from("risk/mod.rs"), "mod sim;".to_owned()),
        (
            PathBuf::from("risk/sim/mod.rs"),
            "mod kernel; mod rng;".to_owned(),
        ),
        (
            PathBuf::from("risk/sim/kernel.rs"),
            "use super::rng::{unit, Lanes};".to_owned(),
        ),
        (
            PathBuf::from("risk/sim/rng.rs"),
            "fn f(_: &[crate::risk::sim::kernel::Fixed]) {}\nuse super::Model;".to_owned(),
        ),
        (
            PathBuf::from("risk/other.rs"),
            "use super::sim::{kernel, rng};\nuse crate::plan::Plan;".to_owned(),
        ),
        (PathBuf::from("plan/mod.rs"), String::new()),
    ];
    let graph = sibling_graph(&files);
    assert_eq!(
        graph["risk/sim/kernel"].keys().collect::<Vec<_>>(),
        ["risk/sim/rng"]
    );
    assert_eq!(
        graph["risk/sim/rng"].keys().collect::<Vec<_>>(),
        ["risk/sim/kernel"],
        "a reference to the parent module is no edge"
    );
    assert_eq!(graph["risk/other"].keys().collect::<Vec<_>>(), ["risk/sim"]);
    assert!(!graph.contains_key("risk"), "top-level edges are left out");
    let found = file_problems(graph).join("\n");
    assert!(found.contains("between files of one module"), "{found}");
    assert!(
        found.contains("risk/sim/kernel -> risk/sim/rng (src/risk/sim/kernel.rs)"),
        "{found}"
    );
}
