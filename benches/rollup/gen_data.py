"""Writes the roll-up benchmark's data set once, deterministically.

10,000,000 transactions of 2026 over 5,000 reps (each in one of 200
territories), 50 products and every day of the year, with amounts in whole
cents; plus a quota per rep per month. Each column is a raw little-endian
file (`np.fromfile` / `from_le_bytes` read it with no parsing):

    rep.u32  territory.u16  product.u16  day.i32 (days since 1970-01-01)
    amount_cents.i64
    quota_rep.u32  quota_month.u8 (1-12 of 2026)  quota_cents.i64

`meta.json` is written last and names the seed and shape; a directory
without it, or with other values, is made again.

Usage: python gen_data.py DIR
"""

from __future__ import annotations

import json
import os
import sys
import time

import numpy as np

VERSION = 1
SEED = 20260101
ROWS = 10_000_000
REPS = 5_000
TERRITORIES = 200
PRODUCTS = 50
START = "2026-01-01"
END = "2026-12-31"
MONTHS = 12


def meta() -> dict:
    return {
        "version": VERSION,
        "seed": SEED,
        "rows": ROWS,
        "reps": REPS,
        "territories": TERRITORIES,
        "products": PRODUCTS,
        "start": START,
        "end": END,
        "months": MONTHS,
        "scale": 2,
    }


def is_current(directory: str) -> bool:
    try:
        with open(os.path.join(directory, "meta.json"), encoding="utf-8") as f:
            return json.load(f) == meta()
    except (OSError, ValueError):
        return False


def generate(directory: str) -> None:
    os.makedirs(directory, exist_ok=True)
    meta_path = os.path.join(directory, "meta.json")
    if os.path.exists(meta_path):
        os.remove(meta_path)
    rng = np.random.default_rng(SEED)

    def write(name: str, array: np.ndarray, dtype: str) -> None:
        array.astype(np.dtype(dtype).newbyteorder("<"), copy=False).tofile(
            os.path.join(directory, name)
        )

    # Reps are spread over territories; a row's territory is its rep's.
    rep_territory = rng.integers(0, TERRITORIES, size=REPS, dtype=np.uint16)
    rep = rng.integers(0, REPS, size=ROWS, dtype=np.uint32)
    write("rep.u32", rep, "u4")
    write("territory.u16", rep_territory[rep], "u2")
    del rep
    write("product.u16", rng.integers(0, PRODUCTS, size=ROWS, dtype=np.uint16), "u2")
    first = int(np.datetime64(START, "D").astype(np.int64))
    days = int((np.datetime64(END, "D") - np.datetime64(START, "D")).astype(np.int64)) + 1
    write("day.i32", first + rng.integers(0, days, size=ROWS, dtype=np.int32), "i4")
    # Deal sizes: log-normal around ¥500 (median), from ¥0.01 to ¥1,000,000.
    amount = np.rint(rng.lognormal(mean=np.log(500.0), sigma=1.0, size=ROWS) * 100)
    write("amount_cents.i64", np.clip(amount, 1, 100_000_000).astype(np.int64), "i8")
    del amount

    # Quotas: ¥100,000 to ¥180,000 per rep per month in whole ¥1,000, rows
    # shuffled so the join has real work to do.
    quota_rep = np.repeat(np.arange(REPS, dtype=np.uint32), MONTHS)
    quota_month = np.tile(np.arange(1, MONTHS + 1, dtype=np.uint8), REPS)
    quota_cents = rng.integers(100, 181, size=REPS * MONTHS, dtype=np.int64) * 100_000
    order = rng.permutation(REPS * MONTHS)
    write("quota_rep.u32", quota_rep[order], "u4")
    write("quota_month.u8", quota_month[order], "u1")
    write("quota_cents.i64", quota_cents[order], "i8")

    with open(meta_path, "w", encoding="utf-8") as f:
        json.dump(meta(), f, indent=2)
        f.write("\n")


def main() -> None:
    directory = sys.argv[1]
    if is_current(directory):
        print(f"data: {directory} is current")
        return
    t = time.perf_counter()
    generate(directory)
    print(f"data: wrote {ROWS:,} rows to {directory} in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
