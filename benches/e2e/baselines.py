"""The polars and pandas sides of the end-to-end benchmark.

Usage: python baselines.py TOOL DIR RUNS
TOOL is `polars-1` (lazy, one thread: POLARS_MAX_THREADS=1 is set here
before polars is imported, and checked), `polars` (lazy, default threads)
or `pandas` (pyarrow-backed dtypes).

Reads `actuals.parquet` and `quotas.parquet` with pyarrow, as the library's
Python path does (timed once, reported apart), then times, RUNS times after
one untimed warm-up:

* the load: `polars.from_arrow(table)`, or for pandas
  `table.to_pandas(types_mapper=pd.ArrowDtype)`;
* the roll-up that the library's evaluation does for the revenue KPI, with
  the quota join a user adds: revenue rows only, the exact decimal sum per
  (rep, month), joined to the quota of that rep and month, attainment =
  actual ÷ quota (a float64 division of the exact sums), sorted by rep and
  month.

Money stays exact where the sums are made: polars sums `Decimal(20, 2)`
(as `from_arrow` gives it), pandas sums the Arrow `decimal128(20, 2)`
column in place. Prints one JSON line with the peak RSS (`ru_maxrss`, the
process holding the pyarrow table and the tool's frame) and writes the
last result's cells (rep-major, 6 months a rep, in the reps' dictionary
order) to DIR/out/TOOL.cells.i64 (cents) and DIR/out/TOOL.attainment.f64.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time

TOOL = sys.argv[1]
if TOOL == "polars-1":
    os.environ["POLARS_MAX_THREADS"] = "1"

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- polars ---------------------------------------------------------------


def polars_tool(table: pa.Table, quotas: pa.Table):
    import polars as pl

    if TOOL == "polars-1":
        assert pl.thread_pool_size() == 1, pl.thread_pool_size()
    quota = pl.from_arrow(quotas).with_columns(pl.col("rep").cast(pl.Categorical))

    def load():
        return pl.from_arrow(table)

    def rollup(df):
        return (
            df.lazy()
            .filter(pl.col("measure") == "revenue")
            .group_by("rep", pl.col("date").dt.month().cast(pl.Int8).alias("month"))
            .agg(pl.col("value").sum().alias("actual"))
            .join(quota.lazy(), on=["rep", "month"], how="inner")
            .with_columns((pl.col("actual").cast(pl.Float64) / pl.col("quota").cast(pl.Float64)).alias("attainment"))
            .sort(pl.col("rep").cast(pl.String), "month")
            .collect()
        )

    def cells(result):
        rep = result["rep"].cast(pl.String).to_list()
        month = result["month"].to_numpy()
        actual = (result["actual"] * 100).cast(pl.Int64).to_numpy()
        return rep, month, actual, result["attainment"].to_numpy()

    versions = {"polars": pl.__version__, "polars_threads": pl.thread_pool_size()}
    return load, rollup, cells, versions


# --- pandas ---------------------------------------------------------------


def pandas_tool(table: pa.Table, quotas: pa.Table):
    import pandas as pd

    quota = quotas.to_pandas(types_mapper=pd.ArrowDtype)
    quota["month"] = quota["month"].astype("int8[pyarrow]")

    def load():
        return table.to_pandas(types_mapper=pd.ArrowDtype)

    def rollup(df):
        revenue = df[df["measure"] == "revenue"]
        month = revenue["date"].dt.month.astype("int8[pyarrow]").rename("month")
        sums = revenue.groupby([revenue["rep"], month], observed=True)["value"].sum().rename("actual").reset_index()
        sums["rep"] = sums["rep"].astype("string[pyarrow]")
        out = sums.merge(quota, on=["rep", "month"], how="inner")
        out["attainment"] = out["actual"].astype("float64[pyarrow]") / out["quota"].astype("float64[pyarrow]")
        return out.sort_values(["rep", "month"], ignore_index=True)

    def cells(result):
        rep = result["rep"].astype(str).tolist()
        month = result["month"].to_numpy(dtype=np.int64)
        # decimal128(38, 2) → its cents, exactly, through Arrow.
        actual = pa.array(result["actual"]).cast(pa.decimal128(38, 2))
        cents = _decimal_cents(actual)
        return rep, month, cents, result["attainment"].to_numpy(dtype=np.float64)

    versions = {"pandas": pd.__version__}
    return load, rollup, cells, versions


def _decimal_cents(array: pa.Array) -> np.ndarray:
    """The int64 mantissas of a decimal128 array of scale 2 (values that fit
    in 64 bits, as every sum here does)."""
    assert array.type.scale == 2 and array.null_count == 0
    words = np.frombuffer(array.buffers()[1], dtype="<i8")[2 * array.offset : 2 * (array.offset + len(array))]
    low, high = words[0::2], words[1::2]
    assert np.array_equal(high, np.where(low < 0, -1, 0)), "a sum does not fit in 64 bits"
    return low.copy()


# --- driver ---------------------------------------------------------------


def main() -> None:
    directory, runs = sys.argv[2], int(sys.argv[3])
    with open(os.path.join(directory, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    # The small quota file first: pyarrow's first-read imports happen there,
    # as on the library's side, and the actuals' read is timed alone.
    quotas = pq.read_table(os.path.join(directory, "quotas.parquet"))
    t = time.perf_counter()
    table = pq.read_table(os.path.join(directory, "actuals.parquet"))
    read_s = time.perf_counter() - t
    rss_read = peak_rss_mb()
    if TOOL.startswith("polars"):
        load, rollup, cells, versions = polars_tool(table, quotas)
    elif TOOL == "pandas":
        load, rollup, cells, versions = pandas_tool(table, quotas)
    else:
        raise SystemExit(f"unknown tool {TOOL!r}")

    times: dict[str, list[float]] = {"load": [], "rollup": []}
    frame = result = None
    for run in range(runs + 1):
        frame = result = None
        t = time.perf_counter()
        frame = load()
        loaded = time.perf_counter()
        result = rollup(frame)
        done = time.perf_counter()
        if run > 0:
            times["load"].append(loaded - t)
            times["rollup"].append(done - loaded)
    rss_end = peak_rss_mb()

    reps = meta["reps_dictionary"]
    months = meta["months"]
    rep, month, actual, attainment = cells(result)
    index = {name: i for i, name in enumerate(reps)}
    at = np.array([index[r] for r in rep], dtype=np.int64) * months + (month - 1)
    if len(at) != len(reps) * months or not np.array_equal(at, np.arange(len(reps) * months)):
        raise SystemExit(f"{TOOL}: the result is not one row per rep and month, in order")
    outdir = os.path.join(directory, "out")
    os.makedirs(outdir, exist_ok=True)
    np.asarray(actual, dtype="<i8").tofile(os.path.join(outdir, f"{TOOL}.cells.i64"))
    np.asarray(attainment, dtype="<f8").tofile(os.path.join(outdir, f"{TOOL}.attainment.f64"))
    print(
        json.dumps(
            {
                "tool": TOOL,
                "rows": table.num_rows,
                "cells": len(at),
                "read_parquet_s": read_s,
                "times_s": times,
                "median_s": {k: statistics.median(v) for k, v in times.items()},
                "peak_rss_mb": {"after_read": rss_read, "end": rss_end},
                "versions": {**versions, "numpy": np.__version__, "pyarrow": pa.__version__},
            }
        )
    )


if __name__ == "__main__":
    main()
