"""Runs the simulation benchmark side by side and checks that the answers agree.

Usage (run.sh sets up the venv and builds the Rust binary first):

    python run.py --rust PATH/TO/simulate --data DIR [--runs N] [--trials N] [--chunk N]

Generates the deals in DIR if they are missing, runs this library (one and
two threads) and the two numpy formulations (baseline.py, one thread) on
them, each in its own process, one after another; checks that numpy's
probability of reaching the target is within 4 standard errors of the
library's and its percentiles within 1%, and that every side's mean outcome
is within 4 standard errors of the model's exact mean; prints a table of median times,
deal-trials per second and the library's speed-up, and writes it all to
DIR/out/results.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FORMULATIONS = ("matmul", "where")
# The goals: the library on one core against the faster numpy formulation,
# and the library on two threads against itself on one.
NUMPY_GOAL = 10.0
THREADS_GOAL = 1.8
# Agreement: the probability within this many standard errors of the
# difference, the percentiles within this relative difference.
SE_LIMIT = 4.0
PERCENTILE_LIMIT = 0.01


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
        "RUSTFLAGS": os.environ.get("RUSTFLAGS"),
        "loadavg_before": os.getloadavg(),
    }


def run(cmd: list[str], name: str) -> dict:
    print(f"running {name} ...", flush=True)
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{name} failed with exit code {done.returncode}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def agreement(rust: dict, numpy: dict, trials: int) -> tuple[bool, str]:
    """Whether numpy's answer agrees with the library's, and how closely."""
    p_rust = float(rust["probability"])
    p_numpy = numpy["probability"]
    se = math.sqrt((p_rust * (1 - p_rust) + p_numpy * (1 - p_numpy)) / trials)
    z = abs(p_numpy - p_rust) / se if se > 0 else (0.0 if p_numpy == p_rust else math.inf)
    worst = max(abs(numpy[k] / float(rust[k]) - 1) for k in ("p10", "p50", "p90"))
    ok = z <= SE_LIMIT and worst <= PERCENTILE_LIMIT
    return ok, f"P {p_numpy:.4f} ({z:.1f} se), percentiles within {worst * 100:.3f}%"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rust", required=True, help="the Rust bench binary `simulate`")
    parser.add_argument("--data", required=True, help="the data directory (made if missing)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool (median)")
    parser.add_argument("--trials", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=100, help="numpy trials per chunk")
    args = parser.parse_args()

    subprocess.run([sys.executable, os.path.join(HERE, "gen_data.py"), args.data], check=True)
    with open(os.path.join(args.data, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)

    info = machine()
    if info["loadavg_before"][0] > 1.0:
        print(
            f"warning: load average {info['loadavg_before'][0]:.2f} before the run; "
            "other work on this machine makes the timings noisy"
        )
    rust = run([args.rust, args.data, str(args.runs), str(args.trials), "1,2"], "rust, 1 and 2 threads")
    numpy = {
        f: run(
            [
                sys.executable,
                os.path.join(HERE, "baseline.py"),
                f,
                args.data,
                str(args.runs),
                str(args.trials),
                str(args.chunk),
            ],
            f"numpy {f}",
        )
        for f in FORMULATIONS
    }
    info["loadavg_after"] = os.getloadavg()
    if not rust["same_result_on_every_thread_count"]:
        raise SystemExit("the library gave different results on 1 and 2 threads")

    work = meta["deals"] * args.trials
    rows = {}
    for n, r in rust["threads"].items():
        rows[f"rust, {n} thread{'s' if n != '1' else ''}"] = {"times_s": r["times_s"], "cpu_s": r["cpu_s"]}
    for f, r in numpy.items():
        rows[f"numpy {f}, 1 thread"] = {"times_s": r["times_s"], "cpu_s": r["cpu_s"]}
    for row in rows.values():
        row["median_s"] = statistics.median(row["times_s"])
        # Cores busy: CPU seconds over wall seconds, summed over the runs.
        cpu = row["cpu_s"]
        known = bool(cpu) and None not in cpu
        row["median_cpu_s"] = statistics.median(cpu) if known else None
        row["cores_busy"] = sum(cpu) / sum(row["times_s"]) if known else None
    one = rows["rust, 1 thread"]["median_s"]
    fastest = min(FORMULATIONS, key=lambda f: rows[f"numpy {f}, 1 thread"]["median_s"])
    baseline = rows[f"numpy {fastest}, 1 thread"]["median_s"]

    print()
    print(
        f"{meta['deals']:,} deals × {args.trials:,} trials, {args.runs} timed runs each (median); "
        f"numpy chunks of {args.chunk:,} trials"
    )
    print(f"the speed-up is numpy {fastest} (the faster formulation) ÷ the row's median")
    print("CPU s: median CPU seconds of a run, all threads; cores busy: CPU ÷ wall seconds over the runs")
    print(
        f"{'tool':<24} {'median':>8} {'best':>8} {'deal-trials/s':>14} {'speed-up':>9} "
        f"{'CPU s':>8} {'cores busy':>11}"
    )
    for name, row in rows.items():
        median = row["median_s"]
        row["deal_trials_per_s"] = work / median
        row["speedup_vs_numpy"] = baseline / median
        print(
            f"{name:<24} {median:>7.3f}s {min(row['times_s']):>7.3f}s "
            f"{work / median:>14.2e} {baseline / median:>8.1f}× "
            f"{'?' if row['median_cpu_s'] is None else format(row['median_cpu_s'], '.2f'):>8} "
            f"{'?' if row['cores_busy'] is None else format(row['cores_busy'], '.2f'):>11}"
        )
    print()
    res = rust["result"]
    print(
        f"library: P(≥ {float(res['target']):,.0f}) = {res['probability']} ± {res['standard_error']}, "
        f"P10 {float(res['p10']):,.0f}, P50 {float(res['p50']):,.0f}, P90 {float(res['p90']):,.0f}"
    )
    failed = []
    checks = {}
    # Both sides' mean outcome against the exact mean of the model.
    se_mean = meta["sd"] / math.sqrt(args.trials)
    means = [("rust", float(res["mean"]))] + [(f"numpy {f}", r["result"]["mean"]) for f, r in numpy.items()]
    for name, mean in means:
        z = abs(mean - meta["mean"]) / se_mean
        ok = z <= SE_LIMIT
        checks[f"{name} mean"] = f"mean {mean:,.0f}, exact {meta['mean']:,.0f} ({z:.1f} se)"
        print(f"{name}: {checks[f'{name} mean']} — {'agrees' if ok else 'DIFFERS'}")
        if not ok:
            failed.append(f"{name} mean")
    for f, r in numpy.items():
        ok, text = agreement(res, r["result"], args.trials)
        checks[f] = text
        print(f"numpy {f}: {text} — {'agrees' if ok else 'DIFFERS'}")
        if not ok:
            failed.append(f)
    print()
    two = rows["rust, 2 threads"]["median_s"]
    met = {True: "met", False: "NOT met"}
    print(f"goal: ≥{NUMPY_GOAL:g}× numpy on one core: {baseline / one:.1f}× — {met[baseline / one >= NUMPY_GOAL]}")
    print(f"goal: ≥{THREADS_GOAL:g}× on 2 threads vs 1: {one / two:.2f}× — {met[one / two >= THREADS_GOAL]}")
    print(
        f"machine: {info['cpu']}, {info['cores']} cores, {info['python']}, numpy {numpy[fastest]['numpy']}, "
        f"{info['rustc']}, RUSTFLAGS={info['RUSTFLAGS']}; "
        f"load average {info['loadavg_before'][0]:.2f} before, {info['loadavg_after'][0]:.2f} after"
    )
    out = os.path.join(args.data, "out")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(
            {
                "meta": meta,
                "machine": info,
                "trials": args.trials,
                "chunk": args.chunk,
                "rows": rows,
                "rust": rust,
                "numpy": numpy,
                "checks": checks,
                "thread_speedup": one / two,
            },
            f,
            indent=2,
        )
        f.write("\n")
    if failed:
        raise SystemExit(f"results differ: {', '.join(failed)}")


if __name__ == "__main__":
    main()
