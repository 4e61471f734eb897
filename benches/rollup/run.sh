#!/usr/bin/env bash
# The roll-up benchmark: this library (Rust API) vs pandas vs polars lazy on
# one thread, on the same 10M rows, in one run. See benches/README.md.
#
#   bash benches/rollup/run.sh [--runs N] [--tools rust,pandas,polars,...]
#
# Makes a venv with numpy, pandas and polars in target/bench-venv (not the
# repository's .venv), builds the Rust side in release, generates the data
# in target/bench-data/rollup once, then runs benches/rollup/run.py.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
venv="$target/bench-venv"

if ! "$venv/bin/python" -c 'import numpy, pandas, polars' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet numpy pandas polars
fi
cargo build --quiet --release --manifest-path "$root/Cargo.toml" -p salesplan-benches --bin rollup
exec "$venv/bin/python" "$root/benches/rollup/run.py" \
    --rust "$target/release/rollup" --data "$target/bench-data/rollup" "$@"
