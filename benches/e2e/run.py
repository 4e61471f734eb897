"""Runs the end-to-end benchmark side by side and checks that the answers
agree.

Usage (run.sh sets up the venv, the Rust binary and the wasm package):

    python run.py --data DIR [--rust PATH] [--wasm PKG.js] [--rows N]
                  [--runs N] [--tools python,rust,node,polars-1,polars,pandas]

Generates the data in DIR when it is missing or of another shape, runs each
tool in its own process, one after another, then checks:

* the hierarchy's evaluation is the same document from Python, Rust and
  JavaScript (parsed, compared value by value);
* the company's K-REV actual equals, to the cent, the generator's total
  and every peer's sum; K-REV-HIGH equals the generator's SEG-HIGH total;
  K-CONV equals won deals ÷ opportunities;
* every (rep, month) revenue of the library's evaluation (K-REV at the rep
  nodes, period by period) equals every peer's cell, and so each rep's H1
  revenue its sum;
* polars' and pandas' attainments agree (both divide the same exact sums
  in float64);
* the simulation (same seed) and the proposals are the same on every side
  of the library.

Prints a table of medians and the goals, met or not, and writes everything
to DIR/out/results.json. Exits non-zero on any mismatch.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from decimal import Decimal, getcontext

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
LIBRARY = ("python", "rust", "node")
PEERS = ("polars-1", "polars", "pandas")
ALL_TOOLS = LIBRARY + PEERS


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
        "node": first_line(["node", "--version"]),
        "loadavg_before": os.getloadavg(),
    }


def command(tool: str, args) -> tuple[list[str], dict]:
    env = dict(os.environ)
    runs = str(args.runs)
    if tool == "python":
        return [sys.executable, os.path.join(HERE, "python_path.py"), args.data, runs], env
    if tool == "rust":
        return [args.rust, args.data, runs], env
    if tool == "node":
        return ["node", os.path.join(HERE, "node_path.mjs"), args.wasm, args.data, runs], env
    if tool == "polars-1":
        env["POLARS_MAX_THREADS"] = "1"
    else:
        env.pop("POLARS_MAX_THREADS", None)
    return [sys.executable, os.path.join(HERE, "baselines.py"), tool, args.data, runs], env


def run_tool(tool: str, args) -> dict:
    cmd, env = command(tool, args)
    print(f"running {tool} ...", flush=True)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{tool} failed with exit code {done.returncode}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cents(text: str) -> int:
    value = Decimal(text) * 100
    if value != value.to_integral_value():
        raise ValueError(f"{text} is not a whole number of cents")
    return int(value)


def library_cells(evaluation: dict, meta: dict) -> np.ndarray:
    """K-REV per (rep, month) from an evaluation, rep-major in the reps'
    dictionary order, in cents; every rep node must be there."""
    reps = {name: i for i, name in enumerate(meta["reps_dictionary"])}
    months = meta["months"]
    cells = np.full(len(reps) * months, -1, dtype=np.int64)
    seen = 0
    for result in evaluation["kpis"]:
        if result["kpi"] != "K-REV" or "/rep=" not in result["node"]:
            continue
        rep = reps[result["node"].rsplit("/rep=", 1)[1]]
        periods = result["periods"]
        if len(periods) != months:
            raise SystemExit(f"{result['node']}: {len(periods)} periods, expected {months}")
        for m, period in enumerate(periods):
            cells[rep * months + m] = 0 if period["actual"] is None else cents(period["actual"])
        seen += 1
    if seen != len(reps):
        raise SystemExit(f"the evaluation has {seen} rep nodes for K-REV, expected {len(reps)}")
    return cells


def check(reports: dict, args, meta: dict) -> list[str]:
    """Every check as a line; a line starting with FAIL is a mismatch."""
    lines = []
    out = os.path.join(args.data, "out")
    totals = meta["totals"]
    library = [t for t in LIBRARY if t in reports]
    evaluations = {}
    for tool in library:
        with open(os.path.join(out, f"{tool}.evaluation.json"), encoding="utf-8") as f:
            evaluations[tool] = json.load(f)
    reference = library[0] if library else None
    for tool in library[1:]:
        same = evaluations[tool] == evaluations[reference]
        lines.append(
            f"{'ok' if same else 'FAIL'}: the {tool} evaluation (region/rep, "
            f"{len(evaluations[tool]['kpis']):,} results) "
            f"{'is' if same else 'is not'} the {reference} one"
        )
    for tool in library:
        company = reports[tool]["company"]
        got = cents(company["K-REV"])
        ok = got == totals["revenue_cents"]
        lines.append(
            f"{'ok' if ok else 'FAIL'}: {tool} company K-REV {company['K-REV']} "
            f"{'=' if ok else '≠'} generator's {totals['revenue_cents'] / 100:.2f}"
        )
        high = cents(company["K-REV-HIGH"])
        ok = high == totals["revenue_high_cents"]
        lines.append(f"{'ok' if ok else 'FAIL'}: {tool} company K-REV-HIGH {company['K-REV-HIGH']} (SEG-HIGH)")
        getcontext().prec = 40
        exact = Decimal(totals["won_deals"]) / Decimal(totals["opportunities"])
        conv = Decimal(company["K-CONV"])
        ok = abs(conv - exact) < Decimal("1e-25")
        lines.append(
            f"{'ok' if ok else 'FAIL'}: {tool} company K-CONV {company['K-CONV']} "
            f"= {totals['won_deals']:,} ÷ {totals['opportunities']:,}"
        )
    for tool in library[1:]:
        for key in ("simulation", "proposals", "moves"):
            ok = reports[tool][key] == reports[reference][key]
            lines.append(f"{'ok' if ok else 'FAIL'}: {tool} {key} {'=' if ok else '≠'} {reference}'s")
    peers = [t for t in PEERS if t in reports]
    cells = {}
    for tool in peers:
        cells[tool] = np.fromfile(os.path.join(out, f"{tool}.cells.i64"), dtype="<i8")
        total = int(cells[tool].sum())
        ok = total == totals["revenue_cents"]
        lines.append(f"{'ok' if ok else 'FAIL'}: {tool} total revenue {total / 100:.2f} = company K-REV")
    if reference is not None and peers:
        mine = library_cells(evaluations[reference], meta)
        months = meta["months"]
        for tool in peers:
            bad = int(np.count_nonzero(mine != cells[tool]))
            rep_bad = int(np.count_nonzero(mine.reshape(-1, months).sum(1) != cells[tool].reshape(-1, months).sum(1)))
            ok = bad == 0 and rep_bad == 0
            lines.append(
                f"{'ok' if ok else 'FAIL'}: {tool}: {len(mine):,} (rep, month) cells and "
                f"{len(mine) // months:,} rep H1 sums vs the {reference} evaluation: "
                f"{bad} cells, {rep_bad} reps differ"
            )
    if len(peers) > 1:
        first = np.fromfile(os.path.join(out, f"{peers[0]}.attainment.f64"), dtype="<f8")
        for tool in peers[1:]:
            other = np.fromfile(os.path.join(out, f"{tool}.attainment.f64"), dtype="<f8")
            worst = float(np.max(np.abs(first - other)))
            ok = worst <= 1e-12
            lines.append(f"{'ok' if ok else 'FAIL'}: {tool} attainment vs {peers[0]}: largest difference {worst:.1e}")
    return lines


def fmt(seconds) -> str:
    if seconds is None:
        return ""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def table(reports: dict) -> list[str]:
    """Rows of the results table (markdown), a column per tool."""
    tools = list(reports)

    def step(tool: str, *names: str):
        medians = reports[tool].get("median_s", {})
        for name in names:
            if name in medians:
                return medians[name]
        return None

    rows = [
        ("read the data (untimed in the path)", lambda t: reports[t].get("read_parquet_s", reports[t].get("read_columns_s"))),
        ("load (load_actuals / fromColumns / from_arrow / to_pandas)", lambda t: step(t, "load_actuals", "load")),
        ("evaluate, company", lambda t: step(t, "evaluate company")),
        ("evaluate, region/rep · peers: rep × month roll-up", lambda t: step(t, "evaluate region/rep", "rollup")),
        ("propose", lambda t: step(t, "propose")),
        ("risk_register", lambda t: step(t, "risk_register")),
        ("simulate, 10,000 trials", lambda t: step(t, "simulate")),
        ("kpis() DataFrame", lambda t: step(t, "kpis() DataFrame")),
        ("whole path (load … last step)", lambda t: step(t, "whole path")),
        ("one KPI of one rep node, per call", lambda t: reports[t].get("kpi_call_s")),
    ]
    lines = ["| step | " + " | ".join(tools) + " |", "|---|" + "---|" * len(tools)]
    for label, get in rows:
        lines.append(f"| {label} | " + " | ".join(fmt(get(t)) for t in tools) + " |")
    rss = [f"{reports[t]['peak_rss_mb']['end']:.0f} MB" for t in tools]
    lines.append("| peak RSS (whole process) | " + " | ".join(rss) + " |")
    base = [f"{reports[t]['peak_rss_mb']['after_read']:.0f} MB" for t in tools]
    lines.append("| … of which after reading the data | " + " | ".join(base) + " |")
    return lines


def goals(reports: dict, rows: int) -> list[dict]:
    """The issue's goals, each with the figure measured and whether it is
    met (None when a tool it needs did not run)."""
    found = []

    def goal(name: str, figure: str, met) -> None:
        found.append({"goal": name, "figure": figure, "met": met})

    py = reports.get("python")
    p1 = reports.get("polars-1")
    if py:
        m = py["median_s"]
        goal("whole Python path on 10M rows under 1 s", f"{fmt(m['whole path'])} on {rows:,} rows", m["whole path"] < 1)
        goal("evaluation.kpi() under 10 µs", fmt(py["kpi_call_s"]), py["kpi_call_s"] < 10e-6)
        goal(
            "kpis() DataFrame of 25,000 rows under 50 ms",
            f"{fmt(m['kpis() DataFrame'])} for {py['kpis_rows']:,} rows",
            m["kpis() DataFrame"] < 0.05,
        )
        sim = py["simulation"]
        goal(
            "simulate 10,000 trials with 1,000,000 new deals a year under 1 s",
            f"{fmt(m['simulate'])} ({float(sim['run_rate_deals']):,.0f} deals at the run rate in H2, "
            f"{float(sim['expected_new_deals']):,.0f} simulated beyond the pipeline)",
            m["simulate"] < 1,
        )
    if py and p1:
        ratio = p1["median_s"]["rollup"] / py["median_s"]["evaluate region/rep"]
        goal(
            "evaluate region/rep ≥ 3× faster than polars lazy, 1 thread, rep × month roll-up",
            f"{ratio:.2f}× ({fmt(py['median_s']['evaluate region/rep'])} vs {fmt(p1['median_s']['rollup'])})",
            ratio >= 3,
        )
        ratio = py["median_s"]["load_actuals"] / p1["median_s"]["load"]
        goal(
            "load_actuals from Arrow within 1.5× of polars.from_arrow",
            f"{ratio:.2f}× ({fmt(py['median_s']['load_actuals'])} vs {fmt(p1['median_s']['load'])})",
            ratio <= 1.5,
        )
        ratio = py["peak_rss_mb"]["end"] / p1["peak_rss_mb"]["end"]
        goal(
            "peak memory ≤ 1.5× polars holding the table",
            f"{ratio:.2f}× ({py['peak_rss_mb']['end']:.0f} MB vs {p1['peak_rss_mb']['end']:.0f} MB)",
            ratio <= 1.5,
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="the data directory (made if missing)")
    parser.add_argument("--rust", help="the Rust bench binary `e2e`")
    parser.add_argument("--wasm", help="the wasm package's entry, bindings-wasm/js/salesplan.js")
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool (median)")
    parser.add_argument("--tools", default=",".join(ALL_TOOLS))
    args = parser.parse_args()
    tools = [t for t in args.tools.split(",") if t]
    unknown = [t for t in tools if t not in ALL_TOOLS]
    if unknown:
        raise SystemExit(f"unknown tools: {', '.join(unknown)} (known: {', '.join(ALL_TOOLS)})")
    if "rust" in tools and not args.rust:
        raise SystemExit("--rust is needed for the rust tool")
    if "node" in tools and not args.wasm:
        raise SystemExit("--wasm is needed for the node tool")

    subprocess.run([sys.executable, os.path.join(HERE, "gen_data.py"), args.data, "--rows", str(args.rows)], check=True)
    with open(os.path.join(args.data, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    out = os.path.join(args.data, "out")
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):  # no stale result of an earlier run is compared
        os.remove(os.path.join(out, name))

    info = machine()
    if info["loadavg_before"][0] > 1.0:
        print(
            f"warning: load average {info['loadavg_before'][0]:.2f} before the run; "
            "other work on this machine makes the timings noisy"
        )
    reports = {tool: run_tool(tool, args) for tool in tools}
    info["loadavg_after"] = os.getloadavg()
    checks = check(reports, args, meta)
    found = goals(reports, meta["rows"])

    print()
    print(
        f"{meta['rows']:,} rows ({meta['totals']['revenue_rows']:,} revenue), {meta['reps']:,} reps in "
        f"{meta['regions']} regions, {meta['months']} months; median of {args.runs} timed runs after one warm-up"
    )
    for line in table(reports):
        print(line)
    print()
    for line in checks:
        print(line)
    print()
    for g in found:
        verdict = "met" if g["met"] else "NOT met"
        print(f"goal: {g['goal']}: {g['figure']} — {verdict}")
    print(
        f"machine: {info['cpu']}, {info['cores']} cores, Python {info['python']}, {info['rustc']}, "
        f"node {info['node']}; load average {info['loadavg_before'][0]:.2f} before, "
        f"{info['loadavg_after'][0]:.2f} after"
    )
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(
            {"meta": {k: v for k, v in meta.items() if not k.endswith("_dictionary")}, "machine": info,
             "runs": args.runs, "results": reports, "checks": checks, "goals": found},
            f,
            indent=2,
        )
        f.write("\n")
    failed = [line for line in checks if line.startswith("FAIL")]
    if failed:
        raise SystemExit(f"{len(failed)} checks failed")


if __name__ == "__main__":
    main()
