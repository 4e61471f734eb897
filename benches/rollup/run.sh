#!/usr/bin/env bash
# The roll-up benchmark: this library (Rust API and Python path) vs pandas vs
# polars lazy on one thread, on the same 10M rows, in one run. See benches/README.md.
#
#   bash benches/rollup/run.sh [--runs N] [--tools rust,pandas,polars,...]
#
# Makes a venv with numpy, pandas, polars and maturin in target/bench-venv (not the
# repository's .venv), builds the Rust side in release, generates the data
# in target/bench-data/rollup once, installs bindings-python into the venv,
# then runs benches/rollup/run.py.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
venv="$target/bench-venv"

if ! "$venv/bin/python" -c 'import numpy, pandas, polars, maturin' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet numpy pandas polars "maturin>=1.9,<2"
fi
cargo build --quiet --release --manifest-path "$root/Cargo.toml" -p salesplan-benches --bin rollup
# The Python path: this library's Python package, built in release like the
# Rust side (the venv's maturin, no build isolation: nothing is refetched,
# and a second run recompiles nothing).
PATH="$venv/bin:$PATH" "$venv/bin/pip" install --quiet --disable-pip-version-check \
    --no-build-isolation "$root/bindings-python"
exec "$venv/bin/python" "$root/benches/rollup/run.py" \
    --rust "$target/release/rollup" --data "$target/bench-data/rollup" "$@"
