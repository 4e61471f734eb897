"""The numpy side of the simulation benchmark, as an analyst would write it.

Usage (run.py runs it in its own process):

    python baseline.py FORMULATION DIR RUNS TRIALS CHUNK

FORMULATION is `matmul` or `where`. Reads DIR/deals.json and DIR/meta.json,
then simulates TRIALS trials RUNS times after one untimed warm-up of one
chunk, and prints one JSON line with every run's seconds (wall clock and
CPU) and the result.

The model is the library's (open pipeline only, fixed amounts): a trial is
the sum of the amounts of the deals it wins, each deal won independently
with its probability. Trials go in chunks of CHUNK at a time: a CHUNK ×
deals matrix of `rng.random` uniforms compared with the probabilities, then

* `matmul`: `won @ amounts` (a matrix-vector product);
* `where`: `np.where(won, amounts, 0.0).sum(axis=1)`.

Amounts are float64 yuan, the seed goes to `np.random.default_rng`. Timed:
from the deals as arrays to the probability of reaching the target and the
10th, 50th and 90th percentiles (nearest rank, numpy's `inverted_cdf`,
the library's definition).

Only one thread: the BLAS thread variables are set to 1 before numpy is
imported, so the matrix-vector product runs on one core.
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

SEED = 1


def outcomes(formulation: str, amounts: np.ndarray, p: np.ndarray, trials: int, chunk: int) -> np.ndarray:
    """Every trial's total won, in yuan."""
    rng = np.random.default_rng(SEED)
    out = np.empty(trials)
    for start in range(0, trials, chunk):
        rows = min(chunk, trials - start)
        won = rng.random((rows, len(p))) < p
        if formulation == "matmul":
            out[start : start + rows] = won @ amounts
        else:
            out[start : start + rows] = np.where(won, amounts, 0.0).sum(axis=1)
    return out


def simulate(formulation: str, amounts, p, closed: float, target: float, trials: int, chunk: int) -> dict:
    """The timed work: outcomes, the probability of reaching the target, percentiles."""
    total = closed + outcomes(formulation, amounts, p, trials, chunk)
    reached = np.count_nonzero(total >= target)
    p10, p50, p90 = np.percentile(total, [10, 50, 90], method="inverted_cdf")
    return {
        "probability": reached / trials,
        "mean": float(total.mean()),
        "p10": float(p10),
        "p50": float(p50),
        "p90": float(p90),
    }


def main() -> None:
    if len(sys.argv) != 6:
        raise SystemExit("usage: python baseline.py matmul|where DIR RUNS TRIALS CHUNK")
    formulation, directory = sys.argv[1], sys.argv[2]
    runs, trials, chunk = (int(a) for a in sys.argv[3:6])
    if formulation not in ("matmul", "where"):
        raise SystemExit(f"unknown formulation {formulation}")
    with open(os.path.join(directory, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    with open(os.path.join(directory, "deals.json"), encoding="utf-8") as f:
        deals = json.load(f)
    amounts = np.array([float(d["amount"]) for d in deals])
    p = np.array([float(d["probability"]) for d in deals])
    target = float(meta["target"])

    simulate(formulation, amounts, p, 0.0, target, min(chunk, trials), chunk)
    times, cpu, result = [], [], None
    for _ in range(runs):
        c, t = time.process_time(), time.perf_counter()
        result = simulate(formulation, amounts, p, 0.0, target, trials, chunk)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    print(
        json.dumps(
            {
                "tool": f"numpy-{formulation}",
                "deals": len(deals),
                "trials": trials,
                "chunk": chunk,
                "seed": SEED,
                "numpy": np.__version__,
                "times_s": times,
                "cpu_s": cpu,
                "result": result,
            }
        )
    )


if __name__ == "__main__":
    main()
