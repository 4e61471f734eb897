"""Actuals through the Arrow PyCapsule interface (pyarrow, polars, pandas):
the same observations as the CSV reader gives, column types checked."""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import salesplan
from salesplan import Actuals, ActualsError, InvalidArgumentError, Plan

pa = pytest.importorskip("pyarrow")
pacsv = pytest.importorskip("pyarrow.csv")
pl = pytest.importorskip("polars")

CASE = Path(__file__).resolve().parents[2] / "tests" / "evaluations" / "case-study"
CSV = (
    "date,measure,value,region,rep\n"
    "2026-01-05,revenue,1200.50,east,r1\n"
    "2026-01-06,won_deals,2,east,\n"
    "2026-13-01,revenue,5,west,r2\n"
    "2026-01-07,revnue,5,west,r2\n"
    "2026-01-08,revenue,abc,west,r2\n"
    '2026-01-09,revenue,"1,500",west,\n'
    "2026-01-10,revenue,3.5万,west,r3\n"
)


def _text_table(text: str) -> Any:
    """Every column as text, as it stands in the file."""
    names = text.splitlines()[0].split(",")
    options = pacsv.ConvertOptions(column_types={n: pa.string() for n in names})
    return pacsv.read_csv(io.BytesIO(text.encode()), convert_options=options)


def test_text_columns_read_as_the_csv_reader_reads_them(plan: Plan) -> None:
    from_csv = Actuals.from_csv(plan, CSV, lenient=True)
    from_arrow = Actuals.from_arrow(plan, _text_table(CSV), lenient=True)
    assert from_arrow.to_records() == from_csv.to_records()
    assert len(from_arrow) == 4
    where = [(p["row"], p["column"]) for p in from_arrow.problems]
    assert where == [(p["row"], p["column"]) for p in from_csv.problems]
    with pytest.raises(ActualsError) as caught:
        plan.load_actuals(_text_table(CSV))
    assert [p["row"] for p in caught.value.problems] == [3, 4, 5]


def test_typed_columns(plan: Plan) -> None:
    clean = "\n".join(line for i, line in enumerate(CSV.splitlines()) if i not in (3, 4, 5)) + "\n"
    expected = Actuals.from_csv(plan, clean).to_records()
    days = [datetime.date(2026, 1, d) for d in (5, 6, 9, 10)]
    table = pa.table(
        {
            "date": pa.array(days, pa.date32()),
            "measure": pa.array(["revenue", "won_deals", "revenue", "revenue"]).dictionary_encode(),
            "value": pa.array(
                [Decimal("1200.50"), Decimal("2.00"), Decimal("1500.00"), Decimal("35000.00")],
                pa.decimal128(12, 2),
            ),
            "region": pa.array(["east", "east", "west", "west"]).dictionary_encode(),
            "rep": pa.array(["r1", None, None, "r3"], pa.large_string()),
        }
    )
    assert plan.load_actuals(table).to_records() == expected
    # Batches, a reader, a polars frame, a pandas frame: the same rows.
    assert Actuals.from_arrow(plan, table.to_reader(max_chunksize=1)).to_records() == expected
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    assert plan.load_actuals(frame).to_records() == expected
    categorical = frame.with_columns(pl.col("measure").cast(pl.Categorical))
    assert plan.load_actuals(categorical).to_records() == expected
    assert plan.load_actuals(table.to_pandas()).to_records() == expected
    # Integers (scale 0), floats (shortest decimal), timestamps.
    other = table.set_column(2, "value", pa.array([1200.5, 2.0, 1500.0, 35000.0]))
    other = other.set_column(0, "date", pa.array(days, pa.date32()).cast(pa.timestamp("ns")))
    assert [r["value"] for r in plan.load_actuals(other).to_records()] == [
        Decimal("1200.5"),
        Decimal("2"),
        Decimal("1500"),
        Decimal("35000"),
    ]
    ints = table.set_column(2, "value", pa.array([1, 2, 3, 4], pa.int64()))
    assert [str(r["value"]) for r in plan.load_actuals(ints).to_records()] == ["1", "2", "3", "4"]


def test_nulls_are_row_problems(plan: Plan) -> None:
    table = pa.table(
        {
            "date": pa.array([datetime.date(2026, 1, 5), None, datetime.date(2026, 1, 7), datetime.date(2026, 1, 8)]),
            "measure": ["revenue", "revenue", None, "revenue"],
            "value": pa.array([Decimal("1.00"), Decimal("2.00"), Decimal("3.00"), None]),
        }
    )
    with pytest.raises(ActualsError) as caught:
        plan.load_actuals(table)
    assert [(p["row"], p["column"]) for p in caught.value.problems] == [
        (2, "date"),
        (3, "measure"),
        (4, "value"),
    ]
    assert len(plan.load_actuals(table, lenient=True)) == 1


@pytest.mark.parametrize(
    ("column", "array", "says"),
    [
        ("value", pa.array([True]), "column `value` is Boolean"),
        ("measure", pa.array([7]), "column `measure` is Int64"),
        ("region", pa.array([7]), "column `region` is Int64"),
        ("date", pa.array([1.5]), "column `date` is Float64"),
        ("date", pa.array([0], pa.timestamp("s", tz="Asia/Shanghai")), "column `date` is Timestamp"),
    ],
)
def test_wrong_types_name_the_column(plan: Plan, column: str, array: Any, says: str) -> None:
    columns = {
        "date": pa.array([datetime.date(2026, 1, 5)]),
        "measure": pa.array(["revenue"]),
        "value": pa.array([1]),
        "region": pa.array(["east"]),
    }
    columns[column] = array
    with pytest.raises(InvalidArgumentError, match=says) as caught:
        plan.load_actuals(pa.table(columns))
    assert caught.value.code == "invalid_argument"


def test_missing_column_and_not_a_table(plan: Plan) -> None:
    with pytest.raises(InvalidArgumentError, match="no column `value`"):
        plan.load_actuals(pa.table({"date": [datetime.date(2026, 1, 5)], "measure": ["revenue"]}))
    with pytest.raises(TypeError, match="Arrow table"):
        Actuals.from_arrow(plan, [1, 2])


def _midyear(actuals: Actuals) -> Any:
    plan = salesplan.example_plan()
    options = json.loads((CASE / "midyear.options.json").read_text())
    evaluation = plan.evaluate(
        actuals,
        as_of=options["as_of"],
        hierarchy=options["hierarchy"],
        pipeline=(CASE / "pipeline.json").read_text(),
    )
    return json.loads(evaluation.to_json())


def test_case_study_through_pyarrow_and_polars() -> None:
    plan = salesplan.example_plan()
    expected = json.loads((CASE / "midyear.expected.json").read_text())
    # Values as text keep each value's own scale: the same JSON exactly.
    text = pacsv.ConvertOptions(column_types={"value": pa.string()})
    table = pacsv.read_csv(CASE / "actuals.csv", convert_options=text)
    assert table.schema.field("date").type == pa.date32()
    assert _midyear(plan.load_actuals(table)) == expected
    # A decimal128 column has one scale for every row ("4.00" where the file
    # says "4.0"), a float column none ("53125" for "53125.00"): the same
    # evaluation, number for number.
    decimal = pacsv.ConvertOptions(column_types={"value": pa.decimal128(18, 2)})
    table = pacsv.read_csv(CASE / "actuals.csv", convert_options=decimal)
    assert _numbers(_midyear(plan.load_actuals(table))) == _numbers(expected)
    frame = pl.read_csv(
        CASE / "actuals.csv", schema_overrides={"value": pl.Decimal(18, 2)}, try_parse_dates=True
    )
    assert _numbers(_midyear(plan.load_actuals(frame))) == _numbers(expected)
    floats = pl.read_csv(CASE / "actuals.csv", try_parse_dates=True)
    assert floats.schema["value"] == pl.Float64
    assert _numbers(_midyear(plan.load_actuals(floats))) == _numbers(expected)


def _numbers(value: Any) -> Any:
    """Decimal strings as numbers: "7000000.00" equals "7000000"."""
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    return value


def test_misaligned_buffers_are_read_not_a_panic() -> None:
    """Arrow read zero-copy from IPC bytes at an odd address (as a Spark
    `toArrow()` or `mapInArrow` batch can be) has misaligned buffers: they
    are copied to aligned ones, not refused and not a panic."""
    pa = pytest.importorskip("pyarrow")
    day = datetime.date(2026, 1, 5)
    table = pa.table(
        {
            "date": pa.array([day] * 3, pa.date32()),
            "measure": ["revenue"] * 3,
            "value": pa.array([Decimal("1.50"), Decimal("2"), Decimal("-0.25")], pa.decimal128(20, 2)),
            "region": ["a", "b", "a"],
        }
    )
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    shifted = pa.py_buffer(b"x" + sink.getvalue().to_pybytes())[1:]
    moved = pa.ipc.open_stream(shifted).read_all()
    assert moved.column("value").chunks[0].buffers()[1].address % 16 != 0
    plan = salesplan.example_plan()
    records = plan.load_actuals(moved).to_records()
    assert [r["value"] for r in records] == [Decimal("1.50"), Decimal("2.00"), Decimal("-0.25")]
