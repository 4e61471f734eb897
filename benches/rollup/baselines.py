"""The pandas and polars sides of the roll-up benchmark.

Usage: python baselines.py TOOL DIR RUNS
TOOL is one of `pandas`, `pandas-float64`, `polars`, `polars-decimal`.

Loads the columns that gen_data.py wrote into a DataFrame (not timed, as on
the Rust side), then times, RUNS times after one warm-up run: revenue per
(rep, month), joined to the quota per (rep, month), attainment = actual ÷
quota rounded to 4 places (banker's rounding, as the Rust library does),
sorted by rep and month. Prints one JSON line and writes the last result to
DIR/out/TOOL.actual_cents.i64 and DIR/out/TOOL.attainment_bp.i64.

Money:
- `pandas`, `polars`: amounts as int64 cents, the idiomatic exact
  representation in both; attainment from the integer sums by exact integer
  arithmetic (valid for non-negative actuals and positive quotas, which the
  driver checks).
- `pandas-float64`: amounts as float64 yuan, attainment `(a / q).round(4)`;
  fast but not exact, shown for reference.
- `polars-decimal`: amounts as polars `Decimal(18, 2)`, summed exactly;
  attainment as for `polars`.

For the polars tools POLARS_MAX_THREADS=1 is set here, before polars is
imported (the driver sets it too).
"""

from __future__ import annotations

import json
import os
import sys
import time

TOOL = sys.argv[1]
if TOOL.startswith("polars"):
    os.environ["POLARS_MAX_THREADS"] = "1"

import numpy as np  # noqa: E402


def column(directory: str, name: str, dtype: str) -> np.ndarray:
    return np.fromfile(os.path.join(directory, name), dtype=np.dtype(dtype))


def load_columns(directory: str) -> dict[str, np.ndarray]:
    return {
        "rep": column(directory, "rep.u32", "<u4"),
        "territory": column(directory, "territory.u16", "<u2"),
        "product": column(directory, "product.u16", "<u2"),
        "day": column(directory, "day.i32", "<i4"),
        "amount_cents": column(directory, "amount_cents.i64", "<i8"),
        "quota_rep": column(directory, "quota_rep.u32", "<u4"),
        "quota_month": column(directory, "quota_month.u8", "<u1"),
        "quota_cents": column(directory, "quota_cents.i64", "<i8"),
    }


# --- pandas ---------------------------------------------------------------


def pandas_setup(c: dict[str, np.ndarray], money: str):
    import pandas as pd

    amount = c["amount_cents"] if money == "int64" else c["amount_cents"] / 100
    df = pd.DataFrame(
        {
            "rep": c["rep"],
            "territory": c["territory"],
            "product": c["product"],
            "day": c["day"].astype("datetime64[D]").astype("datetime64[s]"),
            "amount": amount,
        }
    )
    quota = c["quota_cents"] if money == "int64" else c["quota_cents"] / 100
    quotas = pd.DataFrame(
        {
            "rep": c["quota_rep"],
            "month": c["quota_month"].astype(np.int32),
            "quota": quota,
        }
    )
    return df, quotas


def pandas_int64(df, quotas):
    actual = (
        df.groupby([df["rep"], df["day"].dt.month.rename("month")])["amount"]
        .sum()
        .rename("actual")
        .reset_index()
    )
    out = actual.merge(quotas, on=["rep", "month"], how="inner")
    num = out["actual"] * 10_000
    q = out["quota"]
    bp = num // q
    twice_rem = (num - bp * q) * 2
    out["attainment_bp"] = bp + ((twice_rem > q) | ((twice_rem == q) & (bp % 2 == 1)))
    return out.sort_values(["rep", "month"], ignore_index=True)


def pandas_float64(df, quotas):
    actual = (
        df.groupby([df["rep"], df["day"].dt.month.rename("month")])["amount"]
        .sum()
        .rename("actual")
        .reset_index()
    )
    out = actual.merge(quotas, on=["rep", "month"], how="inner")
    out["attainment"] = (out["actual"] / out["quota"]).round(4)
    return out.sort_values(["rep", "month"], ignore_index=True)


# --- polars ---------------------------------------------------------------


def polars_setup(c: dict[str, np.ndarray], money: str):
    import polars as pl

    assert pl.thread_pool_size() == 1, pl.thread_pool_size()
    amount = pl.Series("amount", c["amount_cents"])
    if money == "decimal":
        # Division keeps the left side's scale: 12345.00 / 100 = 123.45.
        amount = (amount.cast(pl.Decimal(18, 2)) / 100).cast(pl.Decimal(18, 2))
        assert (amount * 100).cast(pl.Int64).equals(pl.Series(c["amount_cents"]), check_names=False)
    df = pl.DataFrame(
        {
            "rep": c["rep"],
            "territory": c["territory"],
            "product": c["product"],
            "day": pl.Series(c["day"]).cast(pl.Date),
            "amount": amount,
        }
    )
    quotas = pl.DataFrame(
        {
            "rep": c["quota_rep"],
            "month": pl.Series(c["quota_month"]).cast(pl.Int8),
            "quota_cents": c["quota_cents"],
        }
    )
    return df, quotas


def polars_query(df, quotas, money: str):
    import polars as pl

    actual = pl.col("amount").sum()
    if money == "decimal":
        # Exact decimal sum, then its cents for the integer attainment.
        actual = (actual * 100).cast(pl.Int64)
    num = pl.col("actual_cents") * 10_000
    q = pl.col("quota_cents")
    bp = num // q
    twice_rem = (num - bp * q) * 2
    rounded = bp + ((twice_rem > q) | ((twice_rem == q) & (bp % 2 == 1))).cast(pl.Int64)
    return (
        df.lazy()
        .group_by("rep", pl.col("day").dt.month().alias("month"))
        .agg(actual.alias("actual_cents"))
        .join(quotas.lazy(), on=["rep", "month"], how="inner")
        .with_columns(rounded.alias("attainment_bp"))
        .sort("rep", "month")
        .collect()
    )


# --- driver ---------------------------------------------------------------


def main() -> None:
    directory, runs = sys.argv[2], int(sys.argv[3])
    t = time.perf_counter()
    c = load_columns(directory)
    if TOOL == "pandas":
        df, quotas = pandas_setup(c, "int64")
        work = lambda: pandas_int64(df, quotas)  # noqa: E731
    elif TOOL == "pandas-float64":
        df, quotas = pandas_setup(c, "float64")
        work = lambda: pandas_float64(df, quotas)  # noqa: E731
    elif TOOL == "polars":
        df, quotas = polars_setup(c, "int64")
        work = lambda: polars_query(df, quotas, "int64")  # noqa: E731
    elif TOOL == "polars-decimal":
        df, quotas = polars_setup(c, "decimal")
        work = lambda: polars_query(df, quotas, "decimal")  # noqa: E731
    else:
        raise SystemExit(f"unknown tool {TOOL!r}")
    rows = len(c["rep"])
    del c
    load_s = time.perf_counter() - t

    work()  # warm-up, not timed
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - t)

    # Out of the timing: the cells in the Rust layout (rep-major, 12 months).
    if TOOL.startswith("pandas"):
        rep, month = result["rep"].to_numpy(), result["month"].to_numpy()
        if TOOL == "pandas-float64":
            actual = np.rint(result["actual"].to_numpy() * 100).astype(np.int64)
            attain = np.rint(result["attainment"].to_numpy() * 10_000).astype(np.int64)
        else:
            actual = result["actual"].to_numpy().astype(np.int64)
            attain = result["attainment_bp"].to_numpy().astype(np.int64)
    else:
        rep, month = result["rep"].to_numpy(), result["month"].to_numpy()
        actual = result["actual_cents"].to_numpy().astype(np.int64)
        attain = result["attainment_bp"].to_numpy().astype(np.int64)
    cells = len(rep)
    expected_rep = np.arange(cells) // 12
    expected_month = np.arange(cells) % 12 + 1
    if not (np.array_equal(rep, expected_rep) and np.array_equal(month, expected_month)):
        raise SystemExit(f"{TOOL}: the result is not one row per rep and month")
    out = os.path.join(directory, "out")
    os.makedirs(out, exist_ok=True)
    actual.astype("<i8").tofile(os.path.join(out, f"{TOOL}.actual_cents.i64"))
    attain.astype("<i8").tofile(os.path.join(out, f"{TOOL}.attainment_bp.i64"))
    versions = {"numpy": np.__version__}
    if TOOL.startswith("pandas"):
        import pandas as pd

        versions["pandas"] = pd.__version__
    else:
        import polars as pl

        versions["polars"] = pl.__version__
        versions["polars_threads"] = pl.thread_pool_size()
    print(
        json.dumps(
            {
                "tool": TOOL,
                "rows": rows,
                "cells": cells,
                "load_s": load_s,
                "times_s": times,
                "versions": versions,
            }
        )
    )


if __name__ == "__main__":
    main()
