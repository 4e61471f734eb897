"""The risk conformance suite (tests/risk at the repository root, format in
core/tests/risks.rs): risk registers, planned or re-scored by an evaluation,
and seeded simulations, compared with ``expected.json`` byte for byte once
normalised. The same seed gives the same numbers as the Rust core. Results
are compared twice: as the core's JSON, and typed (``Decimal``, ``date``)
and written out again, so that no scale is lost on the way."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

import pytest

import salesplan
from salesplan import Actuals, Plan, RiskRegister, SalesplanError, Simulation, _convert

RISK = Path(__file__).resolve().parents[2] / "tests" / "risk"

# The options Plan.simulate takes as keyword arguments.
KEYWORDS = {
    name
    for name, parameter in inspect.signature(Plan.simulate).parameters.items()
    if parameter.kind is inspect.Parameter.KEYWORD_ONLY
}


def _read(path: Path) -> str:
    # Bytes, not read_text: no newline translation, the text exactly as stored.
    return path.read_bytes().decode("utf-8")


def _case_names() -> List[str]:
    if not RISK.is_dir():
        return []
    return sorted(p.name for p in RISK.iterdir() if (p / "input.json").is_file())


def normalise(value: Any) -> str:
    """The normal form the expected files are stored in."""
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _actuals(plan: Plan, folder: Path, input: Dict[str, Any]) -> Optional[Actuals]:
    path = input.get("actuals")
    return None if path is None else plan.load_actuals(_read(folder / path), format="csv")


def _register(plan: Plan, folder: Path, input: Dict[str, Any]) -> RiskRegister:
    if "evaluation" not in input:
        return plan.risk_register()
    actuals = _actuals(plan, folder, input) or plan.load_actuals([])
    return plan.risk_register(plan.evaluate(actuals, as_of=input["evaluation"]["as_of"]))


def _simulate(plan: Plan, folder: Path, input: Dict[str, Any]) -> Simulation:
    actuals = _actuals(plan, folder, input)
    given = input.get("pipeline")
    pipeline: Union[str, List[Dict[str, Any]], None] = _read(folder / given) if isinstance(given, str) else given
    options: Dict[str, Any] = input.get("options", {})
    if set(options) <= KEYWORDS:
        return plan.simulate(actuals, pipeline, **options)
    # An unknown option cannot get past Python's keyword arguments; the
    # native entry point takes the options as JSON, as the core reads them.
    deals = pipeline if pipeline is None or isinstance(pipeline, str) else json.dumps(pipeline)
    native = plan._plan.simulate(None if actuals is None else actuals._actuals, deals, json.dumps(options))
    return Simulation._wrap(native)


def run(folder: Path, input: Dict[str, Any]) -> Dict[str, Any]:
    plan_path = folder / "plan.json"
    plan = Plan.from_json(_read(plan_path)) if plan_path.is_file() else salesplan.example_plan()
    operation = input["operation"]
    try:
        if operation == "register":
            result: Union[RiskRegister, Simulation] = _register(plan, folder, input)
        elif operation == "simulate":
            result = _simulate(plan, folder, input)
        else:
            raise AssertionError(f"unknown operation {operation}")
    except SalesplanError as e:
        return {"error": {"code": e.code, "message": str(e)}}
    raw = json.loads(result.to_json())
    typed = json.loads(_convert.to_json_text(result.to_dict()))
    assert typed == raw, "typing the output and writing it back changed it"
    return {"result": raw}


def test_cases_exist() -> None:
    assert len(_case_names()) >= 7, f"expected the seven risk cases in {RISK}"


@pytest.mark.parametrize("name", _case_names())
def test_case(name: str) -> None:
    folder = RISK / name
    input = json.loads(_read(folder / "input.json"))
    expected = _read(folder / "expected.json")
    assert normalise(run(folder, input)) == expected
