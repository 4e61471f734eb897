#!/usr/bin/env bash
# Rust: formatting, lints, and every test of the native crates (the core's
# unit, property, conformance and doc tests; the CLI's tests).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# The binding crates are tested from Python and Node, where they run.
cargo test --workspace --locked --exclude salesplan-python --exclude salesplan-wasm
