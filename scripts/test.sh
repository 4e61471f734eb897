#!/usr/bin/env bash
# Every test in all three languages. Installs what it needs by itself
# (wasm32 target, wasm-bindgen CLI, Chromium, a Python virtual environment,
# node packages); a second run reuses them.
set -euo pipefail
cd "$(dirname "$0")/.."

logs=target/test-logs
mkdir -p "$logs"
start=$SECONDS

run() {
  local name=$1 script=$2 t0=$SECONDS
  echo "==> $name"
  # Keep the whole output for the summary, and show it as it comes.
  if ! bash "$script" 2>&1 | tee "$logs/$name.log"; then
    echo "==> $name FAILED after $((SECONDS - t0)) s"
    exit 1
  fi
  echo "==> $name passed in $((SECONDS - t0)) s"
}

run rust scripts/test-rust.sh
run python scripts/test-python.sh
run wasm scripts/test-wasm.sh

# One closing line per language, then the total.
count() { grep -Eo "$2" "$logs/$1.log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
rust_pass=$(count rust '[0-9]+ passed;')
rust_fail=$(count rust '[0-9]+ failed;')
# pytest -q closes with one line such as "2 failed, 118 passed, 4 deselected in 3.1s".
py_line=$(grep -E '^[0-9]+ (passed|failed)' "$logs/python.log" | tail -n 1 || true)
py_pass=$(grep -Eo '[0-9]+ passed' <<<"$py_line" | grep -Eo '[0-9]+' || echo 0)
py_fail=$(grep -Eo '[0-9]+ failed' <<<"$py_line" | grep -Eo '[0-9]+' || echo 0)
# node --test prints "# pass N" (tap) or "ℹ pass N" (spec).
js_pass=$(count wasm '^(# |ℹ )pass [0-9]+')
js_fail=$(count wasm '^(# |ℹ )fail [0-9]+')
echo "rust: $rust_pass passed, $rust_fail failed"
echo "python: $py_pass passed, $py_fail failed"
echo "node: $js_pass passed, $js_fail failed"
echo "all tests in $((SECONDS - start)) s"
echo "total: $((rust_pass + py_pass + js_pass)) passed, $((rust_fail + py_fail + js_fail)) failed"
