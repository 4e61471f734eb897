"""The Spark benchmark's driver: generate the data sets once, run every side
in its own process on each, check that the answers agree, print a table and
write target/bench-data/spark/results.json. See benches/README.md.

    python run.py --data DIR [--rows 10000000,50000000] [--runs 3]
                  [--tools single,spark-1,spark-2,sql-1,sql-2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "e2e", "gen_data.py")
TOOLS = ("single", "spark-1", "spark-2", "arrow-1", "arrow-2", "sql-1", "sql-2")


def generate(directory: str, rows: int) -> str:
    subprocess.run([sys.executable, GEN, directory, "--rows", str(rows)], check=True)
    return os.path.join(directory, "actuals.parquet")


def run(tool: str, path: str, runs: int) -> dict:
    print(f"  {tool} ...", flush=True)
    done = subprocess.run([sys.executable, os.path.join(HERE, "side.py"), tool, path, str(runs)], capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"{tool} failed with exit code {done.returncode}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--rows", default="10000000,50000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--out", default="results.json", help="file name in --data for the results")
    args = parser.parse_args()
    tools = [t for t in args.tools.split(",") if t]
    results = {"machine": {"cores": os.cpu_count(), "python": platform.python_version(), "loadavg_before": os.getloadavg()}, "sizes": {}}
    problems = []
    for rows in [int(r) for r in args.rows.split(",")]:
        print(f"{rows:,} rows", flush=True)
        path = generate(os.path.join(args.data, f"rows-{rows}"), rows)
        reports = {t: run(t, path, args.runs) for t in tools}
        results["sizes"][str(rows)] = {"parquet_bytes": os.path.getsize(path), "reports": reports}
        evaluations = {t: r["sha256"] for t, r in reports.items() if "sha256" in r}
        if len(set(evaluations.values())) > 1:
            problems.append(f"{rows}: the evaluations differ: {evaluations}")
        revenues = {t: Decimal(r["revenue"]) for t, r in reports.items() if "revenue" in r}
        if len(set(revenues.values())) > 1:
            problems.append(f"{rows}: the company revenue differs: {revenues}")
    results["machine"]["loadavg_after"] = os.getloadavg()
    os.makedirs(args.data, exist_ok=True)
    with open(os.path.join(args.data, args.out), "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)
    print()
    print("| rows | tool | median | runs | Spark session start | partitions | merged partial |")
    print("|---|---|---|---|---|---|---|")
    for rows, size in results["sizes"].items():
        for tool, r in size["reports"].items():
            runs = ", ".join(f"{t:.2f}" for t in r["runs_s"])
            session = f"{r['session_s']:.1f} s" if "session_s" in r else "—"
            partial = f"{r['partial_bytes'] / 1e6:.1f} MB" if "partial_bytes" in r else "—"
            print(f"| {int(rows):,} | {tool} | {r['median_s']:.2f} s | {runs} | {session} | {r.get('partitions', '—')} | {partial} |")
    print(f"\nload average {results['machine']['loadavg_before']} → {results['machine']['loadavg_after']}")
    if problems:
        raise SystemExit("\n".join(problems))
    print("every side agrees: the evaluations are byte for byte the same, and SQL's company revenue equals them")


if __name__ == "__main__":
    main()
