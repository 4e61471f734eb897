"""The actuals conformance cases (tests/actuals at the repository root):
rows kept, bad rows and warnings, as the Rust suite and node give them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

import salesplan
from salesplan import Actuals, SalesplanError

CASES = Path(__file__).resolve().parents[2] / "tests" / "actuals"


def _case_names() -> List[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "expected.json").is_file())


def normalise(value: Any) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def run_case(folder: Path) -> Dict[str, Any]:
    plan = salesplan.example_plan()
    options = json.loads((folder / "input.json").read_text(encoding="utf-8"))
    text = (folder / "actuals.csv").read_text(encoding="utf-8")
    try:
        actuals = Actuals.from_csv(plan, text, lenient=bool(options.get("lenient")))
    except SalesplanError as e:
        return {"error": {"code": e.code, "message": str(e)}}
    warnings = [
        {**w, "earliest": w["earliest"].isoformat(), "latest": w["latest"].isoformat()}
        for w in actuals.warnings
    ]
    return {"rows": len(actuals), "problems": actuals.problems, "warnings": warnings}


def test_cases_exist() -> None:
    assert _case_names()


@pytest.mark.parametrize("name", _case_names())
def test_case(name: str) -> None:
    expected = (CASES / name / "expected.json").read_text(encoding="utf-8")
    assert normalise(run_case(CASES / name)) == expected


def test_strict_loads_warn_too_and_every_source_warns() -> None:
    plan = salesplan.example_plan()
    rows = [
        {"date": "2026-03-01", "measure": "revenue", "value": "1"},
        {"date": "2027-01-01", "measure": "revenue", "value": "2"},
    ]
    for actuals in (
        Actuals.from_records(plan, rows),
        plan.load_actuals("date,measure,value\n2026-03-01,revenue,1\n2027-01-01,revenue,2\n"),
    ):
        (warning,) = actuals.warnings
        assert warning["code"] == "outside_period"
        assert (warning["rows"], warning["first_rows"]) == (1, [2])
        assert str(warning["latest"]) == "2027-01-01"
        assert "warnings=1" in repr(actuals)
    clean = Actuals.from_records(plan, rows[:1])
    assert clean.warnings == []


def test_arrow_loads_warn() -> None:
    pa = pytest.importorskip("pyarrow")
    import datetime

    table = pa.table(
        {
            "date": pa.array([datetime.date(2025, 12, 31), datetime.date(2026, 5, 1)]),
            "measure": ["revenue", "revenue"],
            "value": ["1", "2"],
        }
    )
    (warning,) = Actuals.from_arrow(salesplan.example_plan(), table).warnings
    assert (warning["rows"], warning["first_rows"]) == (1, [1])
    assert str(warning["earliest"]) == "2025-12-31"


def test_one_bad_row_at_the_end_refuses_the_whole_strict_load() -> None:
    from salesplan import ActualsError

    plan = salesplan.example_plan()
    n = 50_000
    text = "date,measure,value\n" + "".join(f"2026-01-{i % 28 + 1:02},revenue,{i}\n" for i in range(n))
    bad = text + "2026-01-01,revnue,1\n"
    with pytest.raises(ActualsError) as info:
        plan.load_actuals(bad)
    assert [(p["row"], p["column"]) for p in info.value.problems] == [(n + 1, "measure")]
    records: List[Dict[str, Any]] = [{"date": "2026-02-01", "measure": "revenue", "value": str(i)} for i in range(n)]
    records.append({"date": "2026-02-30", "measure": "revenue", "value": "1"})
    with pytest.raises(ActualsError) as again:
        Actuals.from_records(plan, records)
    assert [p["row"] for p in again.value.problems] == [n + 1]
    assert len(plan.load_actuals(bad, lenient=True)) == n
