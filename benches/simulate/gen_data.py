"""Writes the open pipeline of the simulation benchmark.

Usage:

    python gen_data.py DIR

Writes DIR/deals.json, a JSON array of 10,000 open deals in the library's
format, and DIR/meta.json (written last) with the target, the day of the
simulation and the pipeline's exact mean and standard deviation. Seeded
(numpy, seed 20260630), so every run writes the same deals; an existing
directory with the same meta.json is left alone.

The deals: amounts log-uniform between 50,000 and 5,000,000 in whole cents,
win probabilities 0.05–0.95 in steps of 0.01, expected close days spread
evenly over July–December 2026. The simulation is as of 2026-06-30 with
nothing closed, so every deal is open. The target is the pipeline's mean
less a quarter of its standard deviation, rounded down to a whole yuan:
about 60% of trials reach it (by the normal approximation, which is close
for 10,000 deals).
"""

from __future__ import annotations

import datetime
import json
import math
import os
import sys

import numpy as np

SEED = 20260630
DEALS = 10_000
AS_OF = datetime.date(2026, 6, 30)
LAST_CLOSE = datetime.date(2026, 12, 31)
VERSION = 1


def deals(rng: np.random.Generator) -> tuple[list[dict], np.ndarray, np.ndarray]:
    """The deals, their amounts in cents and their probabilities in hundredths."""
    cents = np.round(np.exp(rng.uniform(math.log(5e6), math.log(5e8), DEALS))).astype(np.int64)
    hundredths = rng.integers(5, 96, DEALS)
    days = (LAST_CLOSE - AS_OF).days
    offsets = rng.integers(1, days + 1, DEALS)
    out = []
    for i in range(DEALS):
        c, p = int(cents[i]), int(hundredths[i])
        close = AS_OF + datetime.timedelta(days=int(offsets[i]))
        out.append(
            {
                "id": f"D{i + 1:05d}",
                "amount": f"{c // 100}.{c % 100:02d}",
                "probability": f"0.{p:02d}",
                "expected_close": close.isoformat(),
            }
        )
    return out, cents, hundredths


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: python gen_data.py DIR")
    directory = sys.argv[1]
    rng = np.random.default_rng(SEED)
    rows, cents, hundredths = deals(rng)
    # Exact mean and variance of the outcome in cents (integers: the
    # probabilities are hundredths), then the target.
    mean_x100 = int(np.sum(cents * hundredths))
    var_x10000 = sum(int(c) * int(c) * int(h) * (100 - int(h)) for c, h in zip(cents, hundredths))
    mean = mean_x100 / 100 / 100
    sd = math.sqrt(var_x10000) / 100 / 100
    target = math.floor(mean - 0.25 * sd)
    meta = {
        "version": VERSION,
        "seed": SEED,
        "deals": DEALS,
        "as_of": AS_OF.isoformat(),
        "target": f"{target}.00",
        "mean": round(mean, 2),
        "sd": round(sd, 2),
        "normal_probability": round(0.5 * math.erfc((target - mean) / (sd * math.sqrt(2))), 4),
    }
    meta_path = os.path.join(directory, "meta.json")
    try:
        with open(meta_path, encoding="utf-8") as f:
            if json.load(f) == meta and os.path.exists(os.path.join(directory, "deals.json")):
                return
    except (OSError, ValueError):
        pass
    os.makedirs(directory, exist_ok=True)
    if os.path.exists(meta_path):
        os.remove(meta_path)
    with open(os.path.join(directory, "deals.json"), "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(r) for r in rows) + "\n]\n")
    with open(meta_path, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    print(f"wrote {DEALS:,} deals to {directory}: mean {mean:,.2f}, sd {sd:,.2f}, target {target:,}")


if __name__ == "__main__":
    main()
