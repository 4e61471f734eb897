"""The adjustment conformance suite (tests/adjust at the repository root,
format in tests/README.md and core/tests/adjust.rs): proposals with
cooldowns, the case study's loop from the mid-year proposal to revision 2
and its year-end evaluation, a replay, manual edits accepted and refused, a
bad condition, and what-if scenarios; compared with ``expected.json`` byte
for byte once normalised. Results are compared twice: as the core's JSON,
and typed (``Decimal``, ``date``; actions and patches by the plan's schema)
and written out again, so that no scale is lost on the way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest

import salesplan
from salesplan import Actuals, Plan, SalesplanError, _convert

ADJUST = Path(__file__).resolve().parents[2] / "tests" / "adjust"


def _read(path: Path) -> str:
    # Bytes, not read_text: no newline translation, the text exactly as stored.
    return path.read_bytes().decode("utf-8")


def _case_names() -> List[str]:
    if not ADJUST.is_dir():
        return []
    return sorted(p.name for p in ADJUST.iterdir() if (p / "input.json").is_file())


def normalise(value: Any) -> str:
    """The normal form the expected files are stored in."""
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _raw(to_json: Callable[[], str], to_dict: Callable[[], Any]) -> Any:
    """The core's JSON, checked to survive typing and writing back."""
    raw = json.loads(to_json())
    typed = json.loads(_convert.to_json_text(to_dict()))
    assert typed == raw, "typing the output and writing it back changed it"
    return raw


def _actuals(plan: Plan, folder: Path, input: Dict[str, Any]) -> Actuals:
    path: Optional[str] = input.get("actuals")
    return plan.load_actuals([] if path is None else _read(folder / path), format=None if path is None else "csv")


def _loop(plan: Plan, actuals: Actuals, input: Dict[str, Any]) -> Dict[str, Any]:
    midyear = plan.evaluate(actuals, as_of=input["propose_as_of"])
    proposals = plan.propose(midyear)
    change = input["change"]
    revised = plan.apply(proposals, author=change["author"], reason=change["reason"], at=change["at"], evaluation=midyear)
    revenue = json.loads(revised.plan.evaluate(actuals, as_of=input["final_as_of"]).to_json())
    final = next(r for r in revenue["kpis"] if r["kpi"] == "K-REV" and r["node"] == "")
    return {
        "proposals": _raw(proposals.to_json, proposals.to_dict),
        "revision": _raw(revised.to_json, lambda: revised.revision),
        "plan_revision": json.loads(revised.plan.to_json()).get("revision"),
        "final": {
            "as_of": revenue["as_of"],
            **{k: final[k] for k in ("kpi", "target", "actual", "attainment", "status")},
        },
    }


def _scenarios(plan: Plan, folder: Path, actuals: Actuals, input: Dict[str, Any]) -> Any:
    given = input.get("pipeline")
    pipeline = None if given is None else _read(folder / given)
    comparison = plan.scenarios(
        input["scenarios"], actuals, as_of=input["as_of"], pipeline=pipeline, simulate=input.get("simulation")
    )
    return _raw(comparison.to_json, comparison.to_dict)


def run(folder: Path, input: Dict[str, Any]) -> Dict[str, Any]:
    plan_path = folder / "plan.json"
    plan = Plan.from_json(_read(plan_path)) if plan_path.is_file() else salesplan.example_plan()
    operation = input["operation"]
    try:
        actuals = _actuals(plan, folder, input)
        if operation == "propose":
            evaluation = plan.evaluate(actuals, as_of=input["as_of"])
            proposals = plan.propose(evaluation, input.get("accepted", []))
            result: Any = _raw(proposals.to_json, proposals.to_dict)
        elif operation == "loop":
            result = _loop(plan, actuals, input)
        elif operation == "replay":
            replay = plan.replay(actuals, until=input["as_of"])
            result = _raw(replay.to_json, replay.to_dict)
        elif operation == "scenarios":
            result = _scenarios(plan, folder, actuals, input)
        elif operation == "edit":
            change = input["change"]
            revised = plan.edit(input["patch"], author=change["author"], reason=change["reason"], at=change["at"])
            result = {
                "revision": _raw(revised.to_json, lambda: revised.revision),
                "plan_revision": json.loads(revised.plan.to_json()).get("revision"),
            }
        else:
            raise AssertionError(f"unknown operation {operation}")
    except SalesplanError as e:
        return {"error": {"code": e.code, "message": str(e)}}
    return {"result": result}


def test_cases_exist() -> None:
    assert len(_case_names()) >= 7, f"expected the seven adjustment cases in {ADJUST}"


@pytest.mark.parametrize("name", _case_names())
def test_case(name: str) -> None:
    folder = ADJUST / name
    input = json.loads(_read(folder / "input.json"))
    expected = _read(folder / "expected.json")
    assert normalise(run(folder, input)) == expected
