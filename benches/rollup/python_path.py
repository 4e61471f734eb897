"""The Python path of this library in the roll-up benchmark.

Usage: python python_path.py TOOL DIR RUNS
TOOL is `python` (numpy arrays) or `python-polars` (a polars DataFrame,
read through the Arrow PyCapsule interface).

Loads the columns that gen_data.py wrote (not timed, as on the Rust side),
then times, RUNS times after one warm-up run, what the Rust side times:
`salesplan.rollup_by_month` (the same kernel, the columns passed without a
copy) with the quotas scattered to dense (rep, month) cells by numpy, sums
back as int64 cents and attainment as int64 basis points (the Rust library's
`Decimal` division and half-to-even rounding, once per cell). Prints one
JSON line and writes the last result to DIR/out/TOOL.actual_cents.i64 and
DIR/out/TOOL.attainment_bp.i64.
"""

from __future__ import annotations

import json
import os
import sys
import time

TOOL = sys.argv[1]
if TOOL == "python-polars":
    os.environ["POLARS_MAX_THREADS"] = "1"

import numpy as np  # noqa: E402

import salesplan  # noqa: E402

from baselines import load_columns  # noqa: E402


def main() -> None:
    directory, runs = sys.argv[2], int(sys.argv[3])
    with open(os.path.join(directory, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    t = time.perf_counter()
    c = load_columns(directory)
    if TOOL == "python":
        source = {"rep": c["rep"], "day": c["day"], "amount": c["amount_cents"]}
    elif TOOL == "python-polars":
        import polars as pl

        source = pl.DataFrame(
            {"rep": c["rep"], "day": c["day"], "amount": c["amount_cents"]}
        ).with_columns(pl.col("day").cast(pl.Date))
    else:
        raise SystemExit(f"unknown tool {TOOL!r}")
    load_s = time.perf_counter() - t
    reps, months = meta["reps"], meta["months"]

    def run() -> salesplan.MonthlyRollup:
        # The join: quota rows (rep, month 1-12) to their dense cells.
        quotas = np.zeros(reps * months, dtype=np.int64)
        cells = c["quota_rep"].astype(np.int64) * months + (c["quota_month"].astype(np.int64) - 1)
        quotas[cells] = c["quota_cents"]
        return salesplan.rollup_by_month(
            source,
            key="rep",
            day="day",
            amount="amount",
            scale=meta["scale"],
            start=meta["start"],
            end=meta["end"],
            key_count=reps,
            quotas=quotas,
        )

    run()  # warm-up, untimed
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - t)

    assert result.attainment is not None and result.attainment_mask is not None
    if result.attainment_mask.any():
        raise SystemExit(f"{TOOL}: a quota is zero")
    out = os.path.join(directory, "out")
    os.makedirs(out, exist_ok=True)
    result.sums.reshape(-1).astype("<i8").tofile(os.path.join(out, f"{TOOL}.actual_cents.i64"))
    result.attainment.reshape(-1).astype("<i8").tofile(os.path.join(out, f"{TOOL}.attainment_bp.i64"))
    versions = {"numpy": np.__version__, "salesplan": salesplan.__version__}
    if TOOL == "python-polars":
        import polars as pl

        versions["polars"] = pl.__version__
    print(
        json.dumps(
            {
                "tool": TOOL,
                "rows": meta["rows"],
                "cells": int(result.sums.size),
                "load_s": load_s,
                "times_s": times,
                "versions": versions,
            }
        )
    )


if __name__ == "__main__":
    main()
