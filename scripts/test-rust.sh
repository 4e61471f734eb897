#!/usr/bin/env bash
# Rust: formatting, the generated binding types, lints, and every test of the native crates (the core's
# unit, property, conformance and doc tests; the CLI's tests).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all -- --check
# The TypeScript and Python types generated from schema/*.schema.json are
# current (the schema test below keeps those files equal to the Rust types).
python3 scripts/generate-types.py --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# The binding crates are tested from Python and Node, where they run.
cargo test --workspace --locked --exclude salesplan-python --exclude salesplan-wasm
