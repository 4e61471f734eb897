#!/usr/bin/env bash
# The simulation benchmark: this library (one and two threads) vs numpy on one
# thread, on the same 10,000 open deals × 100,000 trials, in one run. See
# benches/README.md.
#
#   bash benches/simulate/run.sh [--runs N] [--trials N] [--chunk N]
#
# Uses the venv in target/bench-venv that the roll-up benchmark makes (not the
# repository's .venv; made here with numpy alone if it is missing), builds the
# Rust side in release, generates the deals in target/bench-data/simulate once,
# then runs benches/simulate/run.py. With CARGO_TARGET_DIR set (say, for a build
# with other RUSTFLAGS) the binary comes from there; the venv and the data stay
# in target/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
shared="$root/target"
venv="$shared/bench-venv"

if ! "$venv/bin/python" -c 'import numpy' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet numpy
fi
cargo build --quiet --release --manifest-path "$root/Cargo.toml" -p salesplan-benches --bin simulate
exec "$venv/bin/python" "$root/benches/simulate/run.py" \
    --rust "$target/release/simulate" --data "$shared/bench-data/simulate" "$@"
