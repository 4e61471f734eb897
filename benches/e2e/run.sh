#!/usr/bin/env bash
# The end-to-end benchmark: this library's whole user path (Arrow or typed
# columns in → load → evaluate → propose → risk register → simulate →
# results) from Python, Rust and JavaScript, beside polars (lazy, one thread
# and default threads) and pandas doing the roll-up the evaluation does, on
# the same data, each tool in its own process. See benches/README.md.
#
#   bash benches/e2e/run.sh [--rows N] [--runs N] [--tools python,rust,node,polars-1,polars,pandas]
#
# Makes a venv with numpy, pandas, polars, pyarrow and maturin in
# target/bench-venv (not the repository's .venv) and installs
# bindings-python into it (release); builds the Rust side in release; builds
# the wasm package (bindings-wasm/pkg) with scripts/test-wasm.sh
# --build-only when it is missing or older than the sources; generates the
# data in target/bench-data/e2e once (again when --rows changes); then runs
# benches/e2e/run.py.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
venv="$root/target/bench-venv"

tools="python,rust,node,polars-1,polars,pandas"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
        --tools) tools="${args[i + 1]:-}" ;;
        --tools=*) tools="${args[i]#--tools=}" ;;
    esac
done
wants() { [[ ",$tools," == *",$1,"* ]]; }

if ! "$venv/bin/python" -c 'import numpy, pandas, polars, pyarrow, maturin' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet numpy pandas polars pyarrow "maturin>=1.9,<2"
fi
if wants python; then
    # The venv's maturin, no build isolation: nothing is refetched, and a
    # second run recompiles nothing.
    if ! PATH="$venv/bin:$PATH" "$venv/bin/pip" install --quiet --disable-pip-version-check \
        --no-build-isolation "$root/bindings-python"; then
        # A checkout in the middle of a change may not build; an earlier
        # install can still be measured, but say so.
        "$venv/bin/python" -c 'import salesplan' 2>/dev/null || exit 1
        echo "warning: bindings-python did not build; measuring the version installed before" >&2
    fi
fi
if wants rust; then
    cargo build --quiet --release --manifest-path "$root/Cargo.toml" -p salesplan-benches --bin e2e
fi
# The package's entry for Node (wasm-bindgen's output with every export
# guarded), as `import "salesplan"` gives it.
pkg="$root/bindings-wasm/js/salesplan.js"
if wants node; then
    wasm="$root/bindings-wasm/pkg/salesplan_bg.wasm"
    if [[ ! -f "$wasm" ]] || [[ -n "$(find "$root/core/src" "$root/bindings-wasm/src" \
        "$root/core/Cargo.toml" "$root/bindings-wasm/Cargo.toml" -newer "$wasm" -print -quit)" ]]; then
        if ! bash "$root/scripts/test-wasm.sh" --build-only; then
            [[ -f "$wasm" ]] || exit 1
            echo "warning: the wasm package did not build; measuring the one built before" >&2
        fi
    fi
fi
exec "$venv/bin/python" "$root/benches/e2e/run.py" \
    --data "$root/target/bench-data/e2e" --rust "$target/release/e2e" --wasm "$pkg" "$@"
