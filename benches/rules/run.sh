#!/usr/bin/env bash
# The rule-engine benchmark: this library vs zen-engine on the same 50-rule
# table over 20 KPI facts and the same 1,000,000 generated contexts, in one
# process on one thread. See benches/README.md.
#
#   bash benches/rules/run.sh [--contexts N] [--runs N] [--zen-contexts N] [--zen-runs N] [--seed N]
#
# Builds the benches crate in release with its `zen` feature (the first build
# compiles zen-engine and its dependencies, several minutes), then runs it.
# The zen decision table is written to target/bench-data/rules/rules.jdm.json
# and the summary to target/bench-data/rules/results.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
out="$root/target/bench-data/rules"
mkdir -p "$out"

cargo build --quiet --release --manifest-path "$root/Cargo.toml" \
    -p salesplan-benches --bin rules --features zen
exec "$target/release/rules" --jdm "$out/rules.jdm.json" --json "$out/results.json" "$@"
