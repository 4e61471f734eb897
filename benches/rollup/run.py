"""Runs the roll-up benchmark side by side and checks that the answers agree.

Usage (run.sh sets up the venv and builds the Rust binary first):

    python run.py --rust PATH/TO/rollup --data DIR [--runs N] [--tools a,b,...]

Generates the data set in DIR if it is missing, runs the Rust library, its
Python path (python_path.py), pandas and polars (one thread) on it, each in its own process, one after another;
checks every (rep, month) cell of every exact tool against the Rust result
(actual to the cent, attainment to the basis point, and the grand total);
prints a table of median times, rows per second and the Rust library's
speed-up, and writes it all to DIR/out/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXACT = ("python", "python-polars", "pandas", "polars", "polars-decimal")
ALL_TOOLS = ("rust", "python", "python-polars", "pandas", "polars", "polars-decimal", "pandas-float64")
# The goals of the issue: the Rust library against each tool's exact int64
# formulation, and this library's Python path at most 1.2× its Rust path.
GOALS = {"polars": 3.0, "pandas": 4.0}
PYTHON_GOAL = 1.2


def machine() -> dict:
    def first_line(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"

    model = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "rustc": first_line(["rustc", "--version"]),
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
        "loadavg_before": os.getloadavg(),
    }


def run_tool(tool: str, args) -> dict:
    env = dict(os.environ)
    if tool == "rust":
        cmd = [args.rust, args.data, str(args.runs)]
    elif tool.startswith("python"):
        cmd = [sys.executable, os.path.join(HERE, "python_path.py"), tool, args.data, str(args.runs)]
        if tool == "python-polars":
            env["POLARS_MAX_THREADS"] = "1"
    else:
        cmd = [sys.executable, os.path.join(HERE, "baselines.py"), tool, args.data, str(args.runs)]
        if tool.startswith("polars"):
            env["POLARS_MAX_THREADS"] = "1"
    print(f"running {tool} ...", flush=True)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{tool} failed with exit code {done.returncode}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["median_s"] = statistics.median(report["times_s"])
    return report


def cells(directory: str, tool: str) -> tuple[np.ndarray, np.ndarray]:
    out = os.path.join(directory, "out")
    actual = np.fromfile(os.path.join(out, f"{tool}.actual_cents.i64"), dtype="<i8")
    attain = np.fromfile(os.path.join(out, f"{tool}.attainment_bp.i64"), dtype="<i8")
    return actual, attain


def check(directory: str, tool: str, reference: tuple[np.ndarray, np.ndarray]) -> str:
    actual, attain = cells(directory, tool)
    ref_actual, ref_attain = reference
    if actual.shape != ref_actual.shape:
        return f"FAIL: {len(actual)} cells, Rust has {len(ref_actual)}"
    if int(actual.sum()) != int(ref_actual.sum()):
        return f"FAIL: total {int(actual.sum())} ≠ {int(ref_actual.sum())} cents"
    bad_actual = int(np.count_nonzero(actual != ref_actual))
    bad_attain = int(np.count_nonzero(attain != ref_attain))
    if tool in EXACT:
        if bad_actual or bad_attain:
            return f"FAIL: {bad_actual} actuals, {bad_attain} attainments differ"
        return "exact: every cell equal"
    worst = int(np.abs(attain - ref_attain).max())
    return f"float: {bad_actual} cents, {bad_attain} attainments off (max {worst} bp)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rust", required=True, help="the Rust bench binary `rollup`")
    parser.add_argument("--data", required=True, help="the data directory (made if missing)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per tool (median)")
    parser.add_argument("--tools", default=",".join(ALL_TOOLS))
    args = parser.parse_args()
    tools = [t for t in args.tools.split(",") if t]
    if "rust" not in tools:
        tools.insert(0, "rust")

    subprocess.run([sys.executable, os.path.join(HERE, "gen_data.py"), args.data], check=True)
    with open(os.path.join(args.data, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    # The integer attainment of the Python sides assumes non-negative
    # actuals and positive quotas; the data set has them.
    amounts = np.fromfile(os.path.join(args.data, "amount_cents.i64"), dtype="<i8")
    quotas = np.fromfile(os.path.join(args.data, "quota_cents.i64"), dtype="<i8")
    assert amounts.min() >= 0 and quotas.min() > 0
    del amounts, quotas

    info = machine()
    if info["loadavg_before"][0] > 1.0:
        print(
            f"warning: load average {info['loadavg_before'][0]:.2f} before the run; "
            "other work on this machine makes the timings noisy"
        )
    reports = {tool: run_tool(tool, args) for tool in tools}
    info["loadavg_after"] = os.getloadavg()
    reference = cells(args.data, "rust")

    rust = reports["rust"]["median_s"]
    rows = meta["rows"]
    print()
    print(
        f"{rows:,} rows, {meta['reps']:,} reps × {meta['months']} months, "
        f"{args.runs} timed runs each (median), one thread each"
    )
    print("rows/s and the speed-up are from the medians")
    print(f"{'tool':<16} {'median':>9} {'best':>9} {'rows/s':>10} {'Rust is':>9}  result")
    results = {}
    for tool, report in reports.items():
        median = report["median_s"]
        verdict = "reference" if tool == "rust" else check(args.data, tool, reference)
        speedup = median / rust
        results[tool] = {**report, "rows_per_s": rows / median, "rust_speedup": speedup, "check": verdict}
        shown = "" if tool == "rust" else f"{speedup:.2f}×" if tool.startswith("python") else f"{speedup:.1f}×"
        best = min(report["times_s"])
        print(
            f"{tool:<16} {median * 1000:>7.1f}ms {best * 1000:>7.1f}ms "
            f"{rows / median:>10.2e} {shown:>9}  {verdict}"
        )
    print()
    failed = [t for t, r in results.items() if r["check"].startswith("FAIL")]
    for tool in ("python", "python-polars"):
        if tool in results:
            ratio = results[tool]["rust_speedup"]
            verdict = "met" if ratio <= PYTHON_GOAL else "NOT met"
            print(f"goal: {tool} path ≤{PYTHON_GOAL:g}× the Rust path: {ratio:.2f}× — {verdict}")
    for tool, goal in GOALS.items():
        if tool in results:
            got = results[tool]["rust_speedup"]
            print(f"goal: ≥{goal:g}× {tool}: {got:.1f}× — {'met' if got >= goal else 'NOT met'}")
    print(
        f"machine: {info['cpu']}, {info['cores']} cores, {info['python']}, {info['rustc']}; "
        f"OPENBLAS_CORETYPE={info['OPENBLAS_CORETYPE']}; "
        f"load average {info['loadavg_before'][0]:.2f} before, {info['loadavg_after'][0]:.2f} after"
    )
    with open(os.path.join(args.data, "out", "results.json"), "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "machine": info, "results": results}, f, indent=2)
        f.write("\n")
    if failed:
        raise SystemExit(f"results differ: {', '.join(failed)}")


if __name__ == "__main__":
    main()
