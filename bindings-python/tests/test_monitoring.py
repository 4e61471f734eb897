"""Whole-plan monitoring: the conformance cases of tests/monitoring (the same
files Rust and node check, byte for byte) and the Python face of it."""

from __future__ import annotations

import copy
import datetime
import decimal
import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

import salesplan
from salesplan import Plan, RuleSet, SalesplanError

ROOT = Path(__file__).resolve().parents[2] / "tests"
CASES = ROOT / "monitoring"
STUDY = ROOT / "evaluations" / "case-study"


def normalise(value: Any) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _names() -> List[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "input.json").is_file())


def _plan(case: Dict[str, Any]) -> Plan:
    document = salesplan.example_plan().to_dict()
    document["rules"] = document["rules"] + copy.deepcopy(case.get("rules", []))
    return Plan.from_dict(document)


def run_case(folder: Path) -> Dict[str, Any]:
    case = json.loads((folder / "input.json").read_text(encoding="utf-8"))
    plan = _plan(case)
    evaluation = plan.evaluate(folder / case["actuals"], as_of=case["as_of"])
    try:
        monitored = plan.monitor(
            evaluation,
            updates=(folder / case["updates"]) if "updates" in case else None,
            resources=(folder / case["resources"]) if "resources" in case else None,
            accuracy=(folder / case["accuracy"]).read_text(encoding="utf-8") if "accuracy" in case else None,
        )
    except SalesplanError as e:
        return {"error": {"code": e.code, "path": e.path, "message": str(e)}}
    monitoring = monitored.monitoring
    assert monitoring is not None
    register = plan.risk_register(monitored)
    out: Dict[str, Any] = {
        "monitoring": json.loads(monitoring.to_json()),
        "moves": json.loads(register.to_json())["moves"],
    }
    if "rules" in case:
        facts = RuleSet(plan).facts_of(monitored)
        out["facts"] = {
            k: format(v, "f") if isinstance(v, decimal.Decimal) else v for k, v in facts.items()
        }
        out["proposed"] = [p["rule"] for p in plan.propose(monitored).to_dict()["proposals"]]
    return out


def test_cases_exist() -> None:
    assert len(_names()) >= 5


@pytest.mark.parametrize("name", _names())
def test_case(name: str) -> None:
    expected = (CASES / name / "expected.json").read_bytes().decode("utf-8")
    assert normalise(run_case(CASES / name)) == expected


def test_evaluate_takes_updates_and_resources_and_the_signals_fire() -> None:
    plan = salesplan.example_plan()
    evaluation = plan.evaluate(
        STUDY / "actuals.csv",
        as_of="2026-06-30",
        updates=STUDY / "updates.csv",
        resources=str(STUDY / "resources.csv"),
    )
    m = evaluation.monitoring
    assert m is not None
    assert m.as_of == datetime.date(2026, 6, 30)
    launch = m.task("T-05")
    assert launch["slip_days"] == 15 and launch["status"] == "done"
    assert launch["forecast_finish"] == datetime.date(2026, 5, 15)
    assert m.milestone("M-LAUNCH")["status"] == "reached_late"
    assert m.critical_path == ["T-01", "T-04", "T-07"]
    promo = m.budget_line("B-PROMO")
    assert promo["burn"] == decimal.Decimal("1.2500") and promo["status"] == "over"
    assert m.headcount_line("H-HIGH")["heads_gap"] == decimal.Decimal("1")
    moved = {move["risk"] for move in plan.risk_register(evaluation).to_dict()["moves"]}
    assert {"R-EXEC", "R-FIN"} <= moved
    assert evaluation.to_dict()["monitoring"]["budget"]["total"]["spent"] == decimal.Decimal("8960000.00")


def test_tables() -> None:
    pytest.importorskip("pandas")
    plan = salesplan.example_plan()
    updates = [
        {"date": datetime.date(2026, 5, 15), "task": "T-05", "status": "done"},
        {"date": "2026-06-30", "task": "T-06", "progress": decimal.Decimal("0.45")},
    ]
    spend = [{"date": "2026-04-30", "measure": "spend", "value": "1300000.00", "tags": {"budget_line": "B-PROMO"}}]
    evaluation = plan.evaluate(STUDY / "actuals.csv", as_of="2026-06-30", updates=updates, resources=spend)
    m = evaluation.monitoring
    assert m is not None
    tasks = m.tasks()
    assert list(tasks["task"]) == [t["id"] for t in plan.to_dict()["execution"]["tasks"]]
    assert tasks.set_index("task").loc["T-06", "status"] == "behind"
    assert len(m.milestones()) == 4
    assert set(m.budget()["id"]) >= {"B-PROMO", "B-LAUNCH"}
    assert "H-HIGH" in set(m.capacity()["id"])
    assert "K-SHARE" in set(m.strategies()["kpi"])


def test_an_unmonitored_evaluation_has_none() -> None:
    plan = salesplan.example_plan()
    assert plan.evaluate(STUDY / "actuals.csv", as_of="2026-06-30").monitoring is None


def test_bad_updates_are_typed_errors_with_their_path() -> None:
    plan = salesplan.example_plan()
    evaluation = plan.evaluate(STUDY / "actuals.csv", as_of="2026-06-30")
    with pytest.raises(salesplan.ParseError) as caught:
        plan.monitor(evaluation, updates=[{"date": "2026-05-01", "task": "T-05", "progres": "0.5"}])
    assert caught.value.code == "unknown_field" and caught.value.path == "/0/progres"
    with pytest.raises(SalesplanError) as caught:
        plan.monitor(evaluation, updates="date,task,progress\n2026-05-01,T-05,2\n")
    assert caught.value.path == "/0/progress"
    with pytest.raises(salesplan.ActualsError) as bad:
        plan.monitor(evaluation, resources="date,measure,value\n2026-05-01,revenue,5\n")
    assert bad.value.problems[0]["column"] == "measure"
    with pytest.raises(TypeError):
        plan.monitor(evaluation, updates=42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        plan.monitor({"as_of": "2026-06-30"}, updates=[])  # type: ignore[arg-type]
