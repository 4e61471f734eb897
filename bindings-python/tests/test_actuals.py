"""Actuals: every way in (text, files, records, DataFrames), the checks on
each row, strict and lenient loads, and the way out."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List

import pytest

import salesplan
from salesplan import Actuals, ActualsError, Plan

CSV = (
    "date,measure,value,region,rep\n"
    "2026-01-05,revenue,1200.50,east,r1\n"
    "2026-01-06,won_deals,2,east,\n"
    "2026-13-01,revenue,5,west,r2\n"
    "2026-01-07,revnue,5,west,r2\n"
    "2026-01-08,revenue,abc,west,r2\n"
    '2026-01-09,revenue,"1,500",west\n'
    "2026-01-10,revenue,3.5万,west,r3\n"
)
CLEAN = "\n".join(line for i, line in enumerate(CSV.splitlines()) if i not in (3, 4, 5, 6)) + "\n"
RECORDS: List[Dict[str, Any]] = [
    {"date": "2026-02-01", "measure": "revenue", "value": "100.25", "tags": {"segment": "SEG-HIGH"}},
    {"date": datetime.date(2026, 2, 2), "measure": "opportunities", "value": 7},
    {"date": "2026-02-03", "measure": "revenue", "value": Decimal("1.2E+3"), "tags": {"region": "east"}},
]


def test_csv_text(plan: Plan) -> None:
    actuals = plan.load_actuals(CLEAN)
    assert len(actuals) == 3
    assert actuals.problems == []
    first, second, third = actuals.to_records()
    assert first == {
        "date": datetime.date(2026, 1, 5),
        "measure": "revenue",
        "value": Decimal("1200.50"),
        "tags": {"region": "east", "rep": "r1"},
    }
    assert str(first["value"]) == "1200.50"  # the scale is kept
    assert second["tags"] == {"region": "east"}  # an empty cell is no tag
    assert third["value"] == Decimal("35000")  # 3.5万
    assert repr(actuals) == "Actuals(rows=3, problems=0, warnings=0)"


def test_strict_load_lists_every_bad_row(plan: Plan) -> None:
    with pytest.raises(ActualsError) as info:
        plan.load_actuals(CSV)
    error = info.value
    assert isinstance(error, ValueError) and isinstance(error, salesplan.SalesplanError)
    assert error.code == "invalid_actuals"
    assert error.path is None
    assert [(p["row"], p["column"]) for p in error.problems] == [
        (3, "date"),
        (4, "measure"),
        (5, "value"),
        (6, ""),
    ]
    assert "unknown measure `revnue`" in error.problems[1]["message"]
    assert str(error).startswith("4 bad row(s) in the actuals; first: row 3, column date: ")


def test_lenient_load_skips_and_reports(plan: Plan) -> None:
    actuals = plan.load_actuals(CSV, lenient=True)
    assert len(actuals) == 3
    assert [p["row"] for p in actuals.problems] == [3, 4, 5, 6]
    assert set(actuals.problems[0]) == {"row", "column", "message"}
    assert actuals.to_records() == plan.load_actuals(CLEAN).to_records()
    actuals.problems.clear()  # a fresh list every time
    assert len(actuals.problems) == 4


def test_header_without_the_required_columns(plan: Plan) -> None:
    with pytest.raises(ActualsError) as info:
        plan.load_actuals("date,amount\n2026-01-01,5\n", lenient=True)
    assert info.value.problems == [
        {"row": 0, "column": "measure", "message": "the header lacks the column(s) measure, value"}
    ]


def test_json_text(plan: Plan) -> None:
    text = json.dumps(
        [{"date": "2026-02-01", "measure": "revenue", "value": "100.25", "tags": {"segment": "SEG-HIGH"}}]
    )
    for actuals in (plan.load_actuals(text), Actuals.from_json(plan, text), plan.load_actuals("  " + text)):
        assert actuals.to_records()[0]["tags"] == {"segment": "SEG-HIGH"}
    with pytest.raises(ActualsError):
        plan.load_actuals('{"date": "2026-02-01"}')  # JSON, but not an array
    with pytest.raises(salesplan.ParseError):
        plan.load_actuals("[1,")


def test_format_overrides_the_guess(plan: Plan) -> None:
    with pytest.raises(salesplan.ParseError):
        plan.load_actuals(CLEAN, format="json")
    with pytest.raises(ValueError, match="format must be"):
        plan.load_actuals(CLEAN, format="xlsx")  # type: ignore[arg-type]


def test_records_round_trip(plan: Plan) -> None:
    actuals = plan.load_actuals(RECORDS)
    records = actuals.to_records()
    assert [r["value"] for r in records] == [Decimal("100.25"), Decimal("7"), Decimal("1200")]
    assert records[1]["tags"] == {}
    again = Actuals.from_records(plan, records)
    assert again.to_records() == records
    assert Actuals.from_records(plan, iter(records)).to_records() == records


def test_records_are_checked_row_by_row(plan: Plan) -> None:
    rows: List[Dict[str, Any]] = [
        {"date": "2026-02-01", "measure": "revenue", "value": "1"},
        {"date": datetime.datetime(2026, 2, 2, 9, 30), "measure": "revenue", "value": "1"},
        {"date": "2026-02-03", "measure": "revenue", "value": "1", "region": "east"},
    ]
    actuals = plan.load_actuals(rows, lenient=True)
    assert len(actuals) == 1
    assert [(p["row"], p["column"]) for p in actuals.problems] == [(2, "date"), (3, "region")]


def test_records_must_be_an_iterable_of_dicts(plan: Plan) -> None:
    with pytest.raises(TypeError, match="iterable of dicts"):
        Actuals.from_records(plan, RECORDS[0])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        plan.load_actuals(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="loaded already"):
        plan.load_actuals(plan.load_actuals(CLEAN))  # type: ignore[arg-type]


def test_files_by_suffix(plan: Plan, tmp_path: Path) -> None:
    csv_path = tmp_path / "actuals.csv"
    # A byte-order mark, as spreadsheets write it, is not part of the header.
    csv_path.write_bytes(b"\xef\xbb\xbf" + CLEAN.encode("utf-8"))
    json_path = tmp_path / "actuals.json"
    json_path.write_text(salesplan._convert.to_json_text(RECORDS), encoding="utf-8")
    assert len(plan.load_actuals(csv_path)) == 3
    assert len(plan.load_actuals(str(csv_path))) == 3
    assert len(plan.load_actuals(json_path)) == 3
    assert len(plan.load_actuals(str(json_path))) == 3
    other = tmp_path / "actuals.txt"
    other.write_text(CLEAN, encoding="utf-8")
    assert len(plan.load_actuals(other)) == 3  # CSV unless the suffix says JSON
    with pytest.raises(FileNotFoundError):
        plan.load_actuals(str(tmp_path / "missing.csv"))


def test_actuals_are_not_constructed_directly() -> None:
    with pytest.raises(TypeError, match="load_actuals"):
        Actuals()


def test_pandas_frames(plan: Plan) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-01-05", "2026-01-06", "2026-01-07"]),
            "measure": ["revenue", "won_deals", "revenue"],
            "value": [Decimal("1200.50"), Decimal("2"), Decimal("1.5E+3")],
            "region": ["east", None, "west"],
        }
    )
    records = plan.load_actuals(frame).to_records()
    assert [r["date"] for r in records] == [datetime.date(2026, 1, d) for d in (5, 6, 7)]
    assert [r["value"] for r in records] == [Decimal("1200.50"), Decimal("2"), Decimal("1500")]
    assert [r["tags"] for r in records] == [{"region": "east"}, {}, {"region": "west"}]
    # Plain dates, ints and floats too; a missing value is a bad row.
    other = pd.DataFrame(
        {
            "date": [datetime.date(2026, 1, 5), datetime.date(2026, 1, 6)],
            "measure": ["revenue", "revenue"],
            "value": [1200.5, float("nan")],
        }
    )
    lenient = Actuals.from_dataframe(plan, other, lenient=True)
    assert [r["value"] for r in lenient.to_records()] == [Decimal("1200.5")]
    assert [(p["row"], p["column"]) for p in lenient.problems] == [(2, "value")]


def test_to_dataframe_round_trip(plan: Plan) -> None:
    pytest.importorskip("pandas")
    actuals = plan.load_actuals(CLEAN)
    frame = actuals.to_dataframe()
    assert list(frame.columns) == ["date", "measure", "value", "region", "rep"]
    assert frame["value"].tolist() == [Decimal("1200.50"), Decimal("2"), Decimal("35000")]
    assert plan.load_actuals(frame).to_records() == actuals.to_records()


def test_polars_frames(plan: Plan) -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame(
        {
            "date": [datetime.date(2026, 1, 5), datetime.date(2026, 1, 6)],
            "measure": ["revenue", "won_deals"],
            "value": ["1200.50", "2"],
            "region": ["east", None],
        }
    )
    records = plan.load_actuals(frame).to_records()
    assert [(r["date"], r["measure"], str(r["value"]), r["tags"]) for r in records] == [
        (datetime.date(2026, 1, 5), "revenue", "1200.50", {"region": "east"}),
        (datetime.date(2026, 1, 6), "won_deals", "2", {}),
    ]
    stamped = frame.with_columns(pl.col("date").cast(pl.Datetime))
    assert plan.load_actuals(stamped).to_records() == records


def test_pandas_is_not_needed_to_load(plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "polars", None)
    assert len(plan.load_actuals(CLEAN)) == 3
    with pytest.raises(ImportError, match="needs pandas"):
        plan.load_actuals(CLEAN).to_dataframe()
