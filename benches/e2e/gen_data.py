"""Writes the end-to-end benchmark's data set once, deterministically.

Actuals of H1 2026 (2026-01-01 to 2026-06-30) for the case-study plan
(`salesplan.example_plan()`): by default 10,000,000 rows over 5,000 reps in
20 regions (each rep in one region), with a segment tag on every row.

* `revenue` (90% of the rows): log-normal amounts in cents, scaled so that
  each month lands near the G-REV phasing (0.06, 0.05, 0.08, 0.08, 0.08,
  0.09 of ¥120,000,000; ¥52,800,000 in H1), month by month between 96% and
  101% of it. SEG-HIGH's share of each month follows G-HIGH's phasing
  against G-REV's (8% of January's revenue up to 19% of June's), so the
  high-end line ramps up from April; the rest is SEG-MID (60%) and
  SEG-PRICE.
* `won_deals` (4% of the rows) and `opportunities` (6%): whole counts
  (written with two places, as every value), about 440,000 won deals and
  1,760,000 opportunities in H1 whatever the row count, a conversion near
  0.25 (K-CONV's target is 0.28). 440,000 won deals in the 44% of the year
  that H1's phasing covers is 1,000,000 a year: the new business that
  `simulate` fits.
* Rows fall on the days of each month in proportion to its phasing, and on
  reps by a log-normal productivity (sd 0.35), so reps differ.

Written as

* `actuals.parquet` (pyarrow, snappy, row groups of 1,048,576 rows):
  `date` date32, `measure`/`region`/`rep`/`segment` dictionary<int32,
  string>, `value` decimal128(20, 2). Every Python tool reads these bytes.
* the same columns raw, little-endian, for the Rust and JavaScript sides:
  `day.i32`, `measure.i32`, `region.i32`, `rep.i32`, `segment.i32`
  (the dictionary keys) and `value_cents.i64`; the dictionaries are in
  `meta.json`.
* quotas, one per rep and month of H1 (30,000 rows, shuffled): each rep's
  share of the month's phased target by its productivity, in whole yuan,
  as `quotas.parquet` (`rep` string, `month` int8 1-6, `quota`
  decimal128(20, 2)) and raw (`quota_rep.i32` keys into the rep
  dictionary, `quota_month.i8`, `quota_cents.i64`).
* `deals.json`: 200 open deals of ¥10,000-100,000 closing from July to
  December, the small pipeline of the simulation.

`meta.json` is written last, with the shape, the seed and the exact totals;
a directory without it, or with other values, is made again.

Usage: python gen_data.py DIR [--rows N]
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np

VERSION = 1
SEED = 20260630
REPS = 5_000
REGIONS = 20
START = "2026-01-01"
END = "2026-06-30"
MONTHS = 6
# G-REV and G-HIGH phasing of January to June, and their yearly targets.
REV_PHASING = (0.06, 0.05, 0.08, 0.08, 0.08, 0.09)
HIGH_PHASING = (0.02, 0.02, 0.02, 0.05, 0.06, 0.07)
REV_TARGET_CENTS = 120_000_000_00
HIGH_TARGET_CENTS = 30_000_000_00
MEASURES = ("revenue", "won_deals", "opportunities")
MEASURE_SHARES = (0.90, 0.04, 0.06)
SEGMENTS = ("SEG-HIGH", "SEG-MID", "SEG-PRICE")
WON_DEALS_H1 = 440_000
OPPORTUNITIES_H1 = 1_760_000
DEALS = 200


def meta_shape(rows: int) -> dict:
    return {
        "version": VERSION,
        "seed": SEED,
        "rows": rows,
        "reps": REPS,
        "regions": REGIONS,
        "start": START,
        "end": END,
        "months": MONTHS,
        "scale": 2,
    }


def is_current(directory: str, rows: int) -> bool:
    try:
        with open(os.path.join(directory, "meta.json"), encoding="utf-8") as f:
            meta = json.load(f)
    except (OSError, ValueError):
        return False
    return {k: meta.get(k) for k in meta_shape(rows)} == meta_shape(rows)


def decimal128(cents: np.ndarray, precision: int = 20):
    """A pyarrow decimal128(precision, 2) array holding `cents` (int64),
    built from its 16-byte little-endian buffer."""
    import pyarrow as pa

    words = np.empty((len(cents), 2), dtype="<i8")
    words[:, 0] = cents
    words[:, 1] = np.where(cents < 0, -1, 0)
    return pa.Array.from_buffers(pa.decimal128(precision, 2), len(cents), [None, pa.py_buffer(words)])


def dictionary(keys: np.ndarray, values):
    import pyarrow as pa

    return pa.DictionaryArray.from_arrays(pa.array(keys, type=pa.int32()), pa.array(list(values), type=pa.string()))


def generate(directory: str, rows: int) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    os.makedirs(directory, exist_ok=True)
    meta_path = os.path.join(directory, "meta.json")
    if os.path.exists(meta_path):
        os.remove(meta_path)
    rng = np.random.default_rng(SEED)

    def write(name: str, array: np.ndarray, dtype: str) -> None:
        np.ascontiguousarray(array, dtype=np.dtype(dtype)).tofile(os.path.join(directory, name))

    regions = [f"RG{r + 1:02d}" for r in range(REGIONS)]
    reps = [f"REP{r + 1:04d}" for r in range(REPS)]
    # Each rep is in one region (every region gets 250 reps, shuffled).
    rep_region = rng.permutation(np.arange(REPS) % REGIONS).astype(np.int32)
    productivity = rng.lognormal(0.0, 0.35, size=REPS)
    rep_p = productivity / productivity.sum()

    # Month of each row by the phasing, then a day within the month.
    month_starts = np.array([np.datetime64(f"2026-{m:02d}-01") for m in range(1, MONTHS + 2)])
    month_days = (month_starts[1:] - month_starts[:-1]).astype(np.int64)
    month_first = month_starts[:-1].astype(np.int64)
    phasing = np.array(REV_PHASING) / sum(REV_PHASING)
    month = rng.choice(MONTHS, size=rows, p=phasing).astype(np.int8)
    day = (month_first[month] + (rng.random(rows) * month_days[month]).astype(np.int64)).astype(np.int32)
    measure = rng.choice(len(MEASURES), size=rows, p=MEASURE_SHARES).astype(np.int32)
    rep = np.searchsorted(np.cumsum(rep_p), rng.random(rows), side="right").clip(0, REPS - 1).astype(np.int32)
    region = rep_region[rep]

    # SEG-HIGH's share of each month's revenue, from the two phasings.
    high_share = np.array(
        [h * HIGH_TARGET_CENTS / (r * REV_TARGET_CENTS) for h, r in zip(HIGH_PHASING, REV_PHASING)]
    )
    u = rng.random(rows)
    segment = np.where(u < high_share[month], 0, np.where(u < high_share[month] + (1 - high_share[month]) * 0.6, 1, 2))
    segment = segment.astype(np.int32)

    # Values in cents. Revenue: log-normal, scaled month by month to land
    # at 96-101% of the month's phased target.
    value = np.zeros(rows, dtype=np.int64)
    is_rev = measure == 0
    raw = rng.lognormal(0.0, 0.8, size=rows)
    landing = rng.uniform(0.96, 1.01, size=MONTHS)
    for m in range(MONTHS):
        sel = is_rev & (month == m)
        want = REV_PHASING[m] * REV_TARGET_CENTS * landing[m]
        value[sel] = np.maximum(1, np.rint(raw[sel] * (want / raw[sel].sum()))).astype(np.int64)
    del raw
    for code, total in ((1, WON_DEALS_H1), (2, OPPORTUNITIES_H1)):
        sel = measure == code
        n = int(sel.sum())
        mean = total / max(n, 1)
        counts = 1 + rng.poisson(max(mean - 1.0, 0.0), size=n)
        value[sel] = counts.astype(np.int64) * 100

    write("day.i32", day, "<i4")
    write("measure.i32", measure, "<i4")
    write("region.i32", region, "<i4")
    write("rep.i32", rep, "<i4")
    write("segment.i32", segment, "<i4")
    write("value_cents.i64", value, "<i8")

    table = pa.table(
        {
            "date": pa.array(day, type=pa.int32()).cast(pa.date32()),
            "measure": dictionary(measure, MEASURES),
            "region": dictionary(region, regions),
            "rep": dictionary(rep, reps),
            "segment": dictionary(segment, SEGMENTS),
            "value": decimal128(value),
        }
    )
    pq.write_table(table, os.path.join(directory, "actuals.parquet"), row_group_size=1 << 20, compression="snappy")
    del table

    # Quotas: the month's phased target split by productivity, whole yuan.
    q_rep = np.repeat(np.arange(REPS, dtype=np.int32), MONTHS)
    q_month = np.tile(np.arange(1, MONTHS + 1, dtype=np.int8), REPS)
    month_target = np.array(REV_PHASING) * REV_TARGET_CENTS
    q_cents = (np.rint(rep_p[q_rep] * month_target[q_month - 1] / 100) * 100).astype(np.int64)
    q_cents = np.maximum(q_cents, 100)
    order = rng.permutation(len(q_rep))
    q_rep, q_month, q_cents = q_rep[order], q_month[order], q_cents[order]
    write("quota_rep.i32", q_rep, "<i4")
    write("quota_month.i8", q_month, "<i1")
    write("quota_cents.i64", q_cents, "<i8")
    quotas = pa.table(
        {
            "rep": pa.array([reps[r] for r in q_rep], type=pa.string()),
            "month": pa.array(q_month, type=pa.int8()),
            "quota": decimal128(q_cents),
        }
    )
    pq.write_table(quotas, os.path.join(directory, "quotas.parquet"))

    # A small open pipeline for the simulation.
    close_month = rng.integers(7, 13, size=DEALS)
    close_day = [min(int(d), 28) for d in rng.integers(1, 29, size=DEALS)]
    amounts = np.rint(np.exp(rng.uniform(np.log(10_000), np.log(100_000), size=DEALS))) * 100
    probability = rng.integers(10, 91, size=DEALS)
    deal_rep = rng.choice(REPS, size=DEALS, p=rep_p)
    deals = [
        {
            "id": f"D-{i + 1:04d}",
            "amount": f"{int(amounts[i]) // 100}.00",
            "probability": f"0.{int(probability[i]):02d}",
            "expected_close": f"2026-{int(close_month[i]):02d}-{close_day[i]:02d}",
            "stage": "proposal",
            "tags": {
                "region": regions[rep_region[deal_rep[i]]],
                "rep": reps[deal_rep[i]],
                "segment": SEGMENTS[int(rng.integers(0, 3))],
            },
        }
        for i in range(DEALS)
    ]
    with open(os.path.join(directory, "deals.json"), "w", encoding="utf-8") as f:
        json.dump(deals, f, indent=1)
        f.write("\n")

    rev = value[is_rev]
    meta = {
        **meta_shape(rows),
        "measures": list(MEASURES),
        "regions_dictionary": regions,
        "reps_dictionary": reps,
        "segments": list(SEGMENTS),
        "quotas": int(len(q_rep)),
        "deals": DEALS,
        "totals": {
            "revenue_cents": int(rev.sum()),
            "revenue_high_cents": int(value[is_rev & (segment == 0)].sum()),
            "won_deals": int(value[measure == 1].sum()) // 100,
            "opportunities": int(value[measure == 2].sum()) // 100,
            "quota_cents": int(q_cents.sum()),
            "revenue_rows": int(is_rev.sum()),
        },
    }
    with open(meta_path, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")
    return meta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--rows", type=int, default=10_000_000)
    args = parser.parse_args()
    if is_current(args.directory, args.rows):
        print(f"data: {args.directory} is current ({args.rows:,} rows)")
        return
    t = time.perf_counter()
    meta = generate(args.directory, args.rows)
    print(
        f"data: wrote {args.rows:,} rows to {args.directory} in {time.perf_counter() - t:.1f} s "
        f"(revenue ¥{meta['totals']['revenue_cents'] / 100:,.2f})"
    )


if __name__ == "__main__":
    main()
