//! Replays every committed fuzz input — the crashes the fuzzers found
//! (`tests/fuzz-crashers/<target>/`) and the seeds they start from
//! (`tests/fuzz-seeds/<target>/`, and the conformance cases' plans) —
//! through the same checks, on stable Rust.

use std::fs;
use std::panic::catch_unwind;
use std::path::{Path, PathBuf};

use salesplan_fuzz_checks::{run, TARGETS};

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

/// The files of a folder, in name order; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

/// Runs every input, and names every one whose check failed.
fn replay(target: &str, inputs: &[PathBuf]) -> Vec<String> {
    let mut failed = Vec::new();
    for path in inputs {
        let data = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let known = catch_unwind(|| run(target, &data));
        match known {
            Ok(true) => {}
            Ok(false) => failed.push(format!("{target} is not a target")),
            Err(_) => failed.push(format!("{target}: {}", path.display())),
        }
    }
    failed
}

#[test]
fn every_crash_input_passes_its_checks() {
    let root = tests_dir().join("fuzz-crashers");
    let mut failed = Vec::new();
    for dir in fs::read_dir(&root).into_iter().flatten().flatten() {
        let name = dir.file_name().to_string_lossy().into_owned();
        if dir.path().is_dir() {
            assert!(TARGETS.contains(&name.as_str()), "no fuzz target {name}");
        }
    }
    for target in TARGETS {
        failed.extend(replay(target, &files(&root.join(target))));
    }
    assert!(failed.is_empty(), "failed: {failed:#?}");
}

#[test]
fn every_seed_passes_its_checks() {
    let root = tests_dir().join("fuzz-seeds");
    let mut failed = Vec::new();
    for target in TARGETS {
        let seeds = files(&root.join(target));
        assert!(!seeds.is_empty(), "no seeds for {target}");
        failed.extend(replay(target, &seeds));
    }
    assert!(failed.is_empty(), "failed: {failed:#?}");
}

#[test]
fn every_conformance_plan_passes_the_plan_checks() {
    let cases: Vec<PathBuf> = fs::read_dir(tests_dir().join("cases"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("input.json"))
        .filter(|p| p.is_file())
        .collect();
    assert!(cases.len() > 5);
    let failed = replay("plan", &cases);
    assert!(failed.is_empty(), "failed: {failed:#?}");
}
