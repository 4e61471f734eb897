#!/usr/bin/env bash
# Coverage-guided fuzzing of the core with cargo-fuzz (libFuzzer).
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Runs each target (all of them by default) for the given time (60 s by
# default) from a corpus under fuzz/corpus/ (ignored by git) seeded with
# tests/fuzz-seeds/, the conformance plans, the case study and every
# committed crash input; then prints one line per target: executions,
# seconds, crashes. A crash input is copied to tests/fuzz-crashers/<target>/
# under libFuzzer's name for it (its kind and SHA-1), where
# `cargo test -p salesplan-fuzz-checks` replays it on stable Rust.
#
# Works with a stable toolchain: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its
# unstable flags, and `-s none` leaves out AddressSanitizer, whose runtime
# stable Rust does not ship (the core forbids unsafe code; coverage
# guidance works without it). Debug assertions are on, so arithmetic
# overflow panics. Each target stops at its first crash.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

all=(plan actuals condition patch amount options rollup partial)
seconds=${1:-60}
if [ $# -gt 0 ]; then shift; fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=("${all[@]}"); fi
for t in "${targets[@]}"; do
    if [[ ! " ${all[*]} " =~ " $t " ]]; then
        echo "unknown target $t (known: ${all[*]})" >&2
        exit 2
    fi
done

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz
fi
export RUSTC_BOOTSTRAP=1
flags=(-s none --debug-assertions)

cd fuzz
cargo fuzz build "${flags[@]}"

logs="$root/target/fuzz-logs"
mkdir -p "$logs"
report=()
for t in "${targets[@]}"; do
    corpus="$root/fuzz/corpus/$t"
    artifacts="$root/fuzz/artifacts/$t"
    crashers="$root/tests/fuzz-crashers/$t"
    mkdir -p "$corpus" "$artifacts"
    cp "$root"/tests/fuzz-seeds/"$t"/* "$corpus"/
    if [ -d "$crashers" ]; then cp "$crashers"/* "$corpus"/ 2>/dev/null || true; fi
    case $t in
        plan)
            cp "$root/core/examples/case-study.json" "$corpus/case-study.json"
            for case in "$root"/tests/cases/*/; do
                cp "$case/input.json" "$corpus/case-$(basename "$case").json"
            done
            ;;
        options)
            for o in "$root"/tests/evaluations/*/*.options.json; do
                cp "$o" "$corpus/evaluation-$(basename "$o")"
            done
            ;;
    esac
    args=(-max_total_time="$seconds" -print_final_stats=1 -timeout=30
        -artifact_prefix="$artifacts/")
    if [ -f "$t.dict" ]; then args+=(-dict="$t.dict"); fi

    before=$(find "$artifacts" -type f | wc -l)
    start=$(date +%s)
    set +e
    cargo fuzz run "${flags[@]}" "$t" "$corpus" -- "${args[@]}" >"$logs/$t.log" 2>&1
    status=$?
    set -e
    elapsed=$(($(date +%s) - start))
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$logs/$t.log" | grep -o '[0-9]*$' | tail -1)
    if [ -z "$runs" ]; then
        runs=$(grep -o '^#[0-9]*' "$logs/$t.log" | tail -1 | tr -d '#')
    fi
    found=0
    for a in "$artifacts"/*; do
        [ -f "$a" ] || continue
        mkdir -p "$crashers"
        name=$(basename "$a")
        if [ ! -f "$crashers/$name" ]; then
            cp "$a" "$crashers/$name"
            found=$((found + 1))
            echo "$t: new crash input tests/fuzz-crashers/$t/$name" >&2
        fi
    done
    if [ "$status" -ne 0 ] && [ "$found" -eq 0 ] && [ "$(find "$artifacts" -type f | wc -l)" -eq "$before" ]; then
        echo "$t: the fuzzer failed without a crash input; see $logs/$t.log" >&2
    fi
    report+=("$(printf '%-10s %14s executions %6s s %3s new crash input(s)' "$t" "${runs:-?}" "$elapsed" "$found")")
done

echo
printf '%s\n' "${report[@]}"
