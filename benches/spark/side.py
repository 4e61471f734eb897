"""One side of the Spark benchmark, in its own process; prints one JSON line.

    python side.py TOOL PARQUET RUNS

TOOL is

* ``single`` — this library in one process: ``pyarrow.parquet.read_table``
  then ``plan.evaluate(table, as_of, hierarchy=["region", "rep"])``;
* ``spark-1`` / ``spark-2`` — ``salesplan.spark.evaluate`` on
  ``spark.read.parquet`` in a local Spark of one or two cores: each
  partition folded in ``mapInArrow``, the partials merged in a tree, the
  merge evaluated on the driver;
* ``arrow-1`` / ``arrow-2`` — the floor of any Arrow UDF: the same
  ``mapInArrow`` handing every batch to Python, which only counts its rows;
* ``sql-1`` / ``sql-2`` — the same aggregation in plain Spark SQL: per
  (region, rep) node with its region and company roll-ups (``ROLLUP``),
  month and measure, the sum and count of the values and of the SEG-HIGH
  values (the case study's two KPI filters), collected to the driver.

Each run reads the Parquet file again (Spark caches nothing between runs).
Spark's session start is timed once, apart. The evaluation's SHA-256 (of
``to_json()``) and the company's revenue are printed for the driver to
compare.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

AS_OF = "2026-06-30"
HIERARCHY = ["region", "rep"]


def timed(runs: int, work):
    work()  # warm-up, untimed
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


def summary(evaluation) -> dict:
    text = evaluation.to_json()
    revenue = evaluation.kpi("K-REV")["actual"]
    return {"sha256": hashlib.sha256(text.encode()).hexdigest(), "revenue": str(revenue)}


def single(path: str, runs: int) -> dict:
    import pyarrow.parquet as pq

    import salesplan

    plan = salesplan.example_plan()

    def work():
        table = pq.read_table(path)
        return plan.evaluate(table, as_of=AS_OF, hierarchy=HIERARCHY)

    median, times, evaluation = timed(runs, work)
    return {"median_s": median, "runs_s": times, **summary(evaluation)}


def session(cores: int):
    from pyspark.sql import SparkSession

    # The workers run this interpreter, which has salesplan and pyarrow.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    scratch = tempfile.mkdtemp(prefix="salesplan-bench-spark-")
    start = time.perf_counter()
    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("salesplan-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "6g")
        .config("spark.local.dir", scratch)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark, time.perf_counter() - start, scratch


def on_spark(path: str, runs: int, cores: int) -> dict:
    import salesplan
    from salesplan import spark as sp

    spark, started, scratch = session(cores)
    plan = salesplan.example_plan()
    try:
        def work():
            return sp.evaluate(plan, spark.read.parquet(path), as_of=AS_OF, hierarchy=HIERARCHY)

        median, times, evaluation = timed(runs, work)
        partitions = spark.read.parquet(path).rdd.getNumPartitions()
        merged = sp.fold(plan, spark.read.parquet(path), as_of=AS_OF, hierarchy=HIERARCHY)
        return {
            "median_s": median,
            "runs_s": times,
            "session_s": started,
            "partitions": partitions,
            "partial_bytes": len(merged.to_bytes()),
            **summary(evaluation),
        }
    finally:
        spark.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def arrow_floor(path: str, runs: int, cores: int) -> dict:
    spark, started, scratch = session(cores)
    try:
        def count(batches):
            import pyarrow

            n = sum(b.num_rows for b in batches)
            yield pyarrow.RecordBatch.from_arrays([pyarrow.array([n], pyarrow.int64())], names=["n"])

        def work():
            return sum(r[0] for r in spark.read.parquet(path).mapInArrow(count, "n long").collect())

        median, times, rows = timed(runs, work)
        return {"median_s": median, "runs_s": times, "session_s": started, "rows": rows}
    finally:
        spark.stop()
        shutil.rmtree(scratch, ignore_errors=True)


SQL = """
SELECT region, rep, trunc(date, 'MM') AS month, measure,
       sum(value) AS total, count(*) AS n,
       sum(CASE WHEN segment = 'SEG-HIGH' THEN value END) AS high_total,
       count(CASE WHEN segment = 'SEG-HIGH' THEN 1 END) AS high_n
FROM actuals
WHERE date >= DATE'2026-01-01' AND date <= DATE'{as_of}'
GROUP BY trunc(date, 'MM'), measure, ROLLUP(region, rep)
"""


def sql(path: str, runs: int, cores: int) -> dict:
    spark, started, scratch = session(cores)
    try:
        def work():
            spark.read.parquet(path).createOrReplaceTempView("actuals")
            return spark.sql(SQL.format(as_of=AS_OF)).collect()

        median, times, rows = timed(runs, work)
        revenue = sum(
            (r["total"] for r in rows if r["region"] is None and r["rep"] is None and r["measure"] == "revenue"),
            start=0,
        )
        return {"median_s": median, "runs_s": times, "session_s": started, "cells": len(rows), "revenue": str(revenue)}
    finally:
        spark.stop()
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    tool, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if tool == "single":
        report = single(path, runs)
    elif tool.startswith("spark-"):
        report = on_spark(path, runs, int(tool.split("-")[1]))
    elif tool.startswith("arrow-"):
        report = arrow_floor(path, runs, int(tool.split("-")[1]))
    elif tool.startswith("sql-"):
        report = sql(path, runs, int(tool.split("-")[1]))
    else:
        raise SystemExit(f"unknown tool {tool}")
    report["tool"] = tool
    report["pid_cpus"] = len(os.sched_getaffinity(0))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
