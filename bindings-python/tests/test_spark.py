"""salesplan.spark against a real local Spark (``local[2]``): the Spark
evaluation equals the single-process one byte for byte, on the case study
and on 1,000,000 generated rows. Skipped, with the reason printed, only
where PySpark or a Java runtime is missing (scripts/test-python.sh installs
both where it can)."""

from __future__ import annotations

import csv
import datetime
import decimal
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pytest

import salesplan
from salesplan import Plan

CASE_STUDY = Path(__file__).resolve().parents[2] / "tests" / "evaluations" / "case-study"

pa = pytest.importorskip("pyarrow")
pytest.importorskip("pyspark", reason="PySpark is not installed")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime (java on PATH or JAVA_HOME) for Spark", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import types as T  # noqa: E402

from salesplan import spark as sp  # noqa: E402


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    # The Python workers run this interpreter, which has salesplan.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    scratch = tempfile.mkdtemp(prefix="salesplan-spark-")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("salesplan-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.local.dir", scratch)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    shutil.rmtree(scratch, ignore_errors=True)


SCHEMA = T.StructType(
    [
        T.StructField("date", T.DateType()),
        T.StructField("measure", T.StringType()),
        T.StructField("value", T.DecimalType(20, 2)),
        T.StructField("region", T.StringType()),
        T.StructField("segment", T.StringType()),
    ]
)


def case_study_table() -> Any:
    import pyarrow.csv as pacsv

    return pacsv.read_csv(
        CASE_STUDY / "actuals.csv",
        convert_options=pacsv.ConvertOptions(
            column_types={"value": pa.decimal128(20, 2), "date": pa.date32()},
            strings_can_be_null=True,
        ),
    )


def test_the_case_study_on_spark_is_the_single_process_evaluation(spark: Any, plan: Plan) -> None:
    table = case_study_table()
    df = spark.createDataFrame(table.to_pylist(), SCHEMA).repartition(3).cache()
    # The rows as Spark holds them, in partition order: what the single
    # process is given.
    rows = df.toArrow()
    for as_of, hierarchy in [("2026-06-30", ["region"]), ("2026-12-31", ["segment", "region"]), ("2026-03-15", [])]:
        whole = plan.evaluate(rows, as_of=as_of, hierarchy=hierarchy)
        on_spark = sp.evaluate(plan, df, as_of=as_of, hierarchy=hierarchy)
        assert on_spark.to_json() == whole.to_json(), (as_of, hierarchy)
    # And, the rows in their file order with their values as written (a
    # decimal(20, 2) column would write 4.0 as 4.00), the conformance
    # evaluation.
    with open(CASE_STUDY / "actuals.csv", newline="", encoding="utf-8") as file:
        text = [
            {**row, "date": datetime.date.fromisoformat(row["date"]), "segment": row["segment"] or None}
            for row in csv.DictReader(file)
        ]
    as_text = T.StructType([*SCHEMA.fields[:2], T.StructField("value", T.StringType()), *SCHEMA.fields[3:]])
    ordered = spark.createDataFrame(text, as_text).coalesce(1)
    pipeline = (CASE_STUDY / "pipeline.json").read_text(encoding="utf-8")
    on_spark = sp.evaluate(plan, ordered, as_of="2026-06-30", hierarchy=["region"], pipeline=pipeline)
    expected = (CASE_STUDY / "midyear.expected.json").read_text(encoding="utf-8")
    import json

    assert json.dumps(json.loads(on_spark.to_json()), sort_keys=True, indent=2, ensure_ascii=False) + "\n" == expected


def test_a_million_generated_rows_on_spark(spark: Any, plan: Plan) -> None:
    n = 1_000_000
    df = spark.range(n, numPartitions=8).selectExpr(
        "date_add(date'2026-01-01', cast(id % 365 as int)) as date",
        "element_at(array('revenue', 'won_deals', 'opportunities', 'satisfaction_score'), cast(id % 4 as int) + 1)"
        " as measure",
        "cast((id * 7919) % 1000000 / 100 as decimal(20, 2)) as value",
        "concat('r', cast(id % 20 as string)) as region",
        "concat('rep', cast((id * 31) % 500 as string)) as rep",
    )
    df = df.cache()
    rows = df.toArrow()
    assert rows.num_rows == n
    whole = plan.evaluate(rows, as_of="2026-09-30", hierarchy=["region", "rep"])
    on_spark = sp.evaluate(plan, df, as_of="2026-09-30", hierarchy=["region", "rep"])
    assert on_spark.to_json() == whole.to_json()
    assert on_spark.kpi("K-REV", node="region=r7/rep=rep217")["actual"] is not None


def test_an_empty_frame_and_a_bad_row(spark: Any, plan: Plan) -> None:
    empty = spark.createDataFrame([], SCHEMA)
    evaluation = sp.evaluate(plan, empty, as_of="2026-06-30")
    revenue = evaluation.kpi("K-REV")
    assert revenue is not None and revenue["actual"] == decimal.Decimal(0)
    bad = spark.createDataFrame(
        [(datetime.date(2026, 2, 1), "no_such_measure", decimal.Decimal("1.00"), "east", "SEG-HIGH")], SCHEMA
    )
    with pytest.raises(Exception, match="no_such_measure"):
        sp.evaluate(plan, bad, as_of="2026-06-30")
    with pytest.raises(salesplan.InvalidArgumentError, match="as_of"):
        sp.evaluate(plan, empty, as_of="2025-01-01")


def test_the_rules_over_many_contexts_on_spark(spark: Any, plan: Plan) -> None:
    import random

    rng = random.Random(7)
    rules = salesplan.RuleSet(plan)
    rows = [
        {
            'kpi("K-CONV").attainment': None if rng.random() < 0.1 else decimal.Decimal(rng.randint(60, 110)) / 100,
            'kpi("K-REV-HIGH").trend': decimal.Decimal(rng.randint(-5, 5) * 100000),
            'kpi("K-REV").pace': decimal.Decimal(rng.randint(70, 110)) / 100,
            "region": f"r{i % 7}",
        }
        for i in range(5000)
    ]
    schema = T.StructType(
        [T.StructField(name, T.DecimalType(12, 4)) for name in rules.facts] + [T.StructField("region", T.StringType())]
    )
    df = spark.createDataFrame(rows, schema).repartition(3)
    out = sp.fired(plan, df)
    assert out.columns == [*df.columns, *rules.ids]
    table = out.toArrow()
    expected = rules.fired(table.select(rules.facts))
    for r, rule in enumerate(rules.ids):
        assert table.column(rule).to_pylist() == expected[:, r].tolist()
    assert 0 < sum(table.column("R-CONV-SERVICE").to_pylist()) < len(rows)
