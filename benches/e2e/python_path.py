"""This library's user path from Python, in the end-to-end benchmark.

Usage: python python_path.py DIR RUNS

Reads `actuals.parquet` with pyarrow (timed once, reported apart: every
Python tool reads the same bytes the same way; the small `quotas.parquet`
is read first, untimed, so that pyarrow's first-read imports are not in
it), then runs the path RUNS
times after one untimed warm-up, timing each step and the whole:

1. `plan.load_actuals(table)`: the pyarrow table through the Arrow
   PyCapsule stream, batch by batch;
2. `plan.evaluate(actuals, as_of="2026-06-30")`: the company;
3. `plan.evaluate(actuals, as_of=..., hierarchy=["region", "rep"])`: the
   company, 20 regions and 5,000 reps;
4. `plan.propose(evaluation)` and 5. `plan.risk_register(evaluation)` on
   the hierarchy's evaluation;
6. `plan.simulate(actuals, deals, as_of=..., trials=10_000, seed=1)`: new
   business fitted from the actuals (about 1,000,000 won deals a year)
   beside the 200 open deals of `deals.json`, on every core;
7. `evaluation.kpis()`: the pandas DataFrame of every KPI and node.

Then, untimed: `evaluation.kpi("K-REV", node=...)` per call, over 20,000
calls cycling through the rep nodes (median of RUNS rounds); the peak RSS
(`ru_maxrss`) after reading the table and at the end. Prints one JSON line
and writes the hierarchy's evaluation to DIR/out/python.evaluation.json.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time

import pyarrow.parquet as pq

import salesplan

AS_OF = "2026-06-30"
TRIALS = 10_000
SEED = 1
KPI_CALLS = 20_000


def peak_rss_mb() -> float:
    """The process's peak resident set so far (Linux gives KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    directory, runs = sys.argv[1], int(sys.argv[2])
    with open(os.path.join(directory, "deals.json"), encoding="utf-8") as f:
        deals = json.load(f)
    plan = salesplan.example_plan()
    # pyarrow imports its dataset module on the first read: do it on the
    # small quota file, so the read timed below is the read alone.
    pq.read_table(os.path.join(directory, "quotas.parquet"))
    t = time.perf_counter()
    table = pq.read_table(os.path.join(directory, "actuals.parquet"))
    read_s = time.perf_counter() - t
    rss_read = peak_rss_mb()

    def path() -> tuple[dict, dict]:
        seconds: dict[str, float] = {}
        out: dict = {}
        start = t = time.perf_counter()

        def lap(name: str) -> None:
            nonlocal t
            now = time.perf_counter()
            seconds[name] = now - t
            t = now

        actuals = plan.load_actuals(table)
        lap("load_actuals")
        out["company"] = plan.evaluate(actuals, as_of=AS_OF)
        lap("evaluate company")
        evaluation = plan.evaluate(actuals, as_of=AS_OF, hierarchy=["region", "rep"])
        lap("evaluate region/rep")
        out["proposals"] = plan.propose(evaluation)
        lap("propose")
        out["register"] = plan.risk_register(evaluation)
        lap("risk_register")
        out["simulation"] = plan.simulate(actuals, deals, as_of=AS_OF, trials=TRIALS, seed=SEED)
        lap("simulate")
        out["kpis"] = evaluation.kpis()
        lap("kpis() DataFrame")
        seconds["whole path"] = time.perf_counter() - start
        out["actuals"] = actuals
        out["evaluation"] = evaluation
        return seconds, out

    # One untimed warm-up, then the timed runs. Each run's results are
    # dropped before the next starts, so the peak RSS is that of one path.
    times: dict[str, list[float]] = {}
    out: dict = {}
    for run in range(runs + 1):
        out = {}
        seconds, out = path()
        if run == 0:
            continue
        for name, s in seconds.items():
            times.setdefault(name, []).append(s)
    evaluation = out["evaluation"]

    # evaluation.kpi(): one KPI of one rep node per call.
    nodes = [n for n in dict.fromkeys(out["kpis"]["node"]) if "/rep=" in n]
    calls = [nodes[i % len(nodes)] for i in range(KPI_CALLS)]
    per_call = []
    for _ in range(runs):
        t = time.perf_counter()
        for node in calls:
            evaluation.kpi("K-REV", node=node)
        per_call.append((time.perf_counter() - t) / KPI_CALLS)
    rss_end = peak_rss_mb()

    outdir = os.path.join(directory, "out")
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "python.evaluation.json"), "w", encoding="utf-8") as f:
        f.write(evaluation.to_json())
    simulation = out["simulation"]
    proposals = out["proposals"]
    company = out["company"]
    report = {
        "tool": "python",
        "rows": len(out["actuals"]),
        "read_parquet_s": read_s,
        "times_s": times,
        "median_s": {name: statistics.median(v) for name, v in times.items()},
        "kpi_call_s": statistics.median(per_call),
        "kpi_calls": KPI_CALLS,
        "kpis_rows": len(out["kpis"]),
        "results": len(evaluation.to_dict()["kpis"]),
        "peak_rss_mb": {"after_read": rss_read, "end": rss_end},
        "company": {k: str(company.kpi(k)["actual"]) for k in ("K-REV", "K-REV-HIGH", "K-CONV")},
        "proposals": [p["rule"] for p in proposals.proposals],
        "moves": [m["risk"] for m in out["register"].moves],
        "simulation": _simulation(simulation.to_dict()),
        "versions": {"salesplan": salesplan.__version__, "pyarrow": _version("pyarrow")},
    }
    print(json.dumps(report))


def _simulation(d: dict) -> dict:
    """The figures every side's simulation must give alike (same seed)."""
    keys = ("probability", "mean", "p10", "p50", "p90", "closed")
    result = {k: str(d[k]) for k in keys}
    result["expected_new_deals"] = str(d["new_business"]["expected_deals"])
    result["run_rate_deals"] = str(d["new_business"]["run_rate_deals"])
    return result


def _version(module: str) -> str:
    return str(getattr(__import__(module), "__version__", "?"))


if __name__ == "__main__":
    main()
