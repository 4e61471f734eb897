"""The decomposition conformance suite (tests/decompositions at the
repository root, format in tests/README.md): allocation, goal phasing,
cascades and gap decomposition through the public functions (a goal of the
case study, or of the plan that ``plan`` names relative to the case folder), compared with
``expected.json`` byte for byte once normalised. Decimals come back as
``Decimal`` and are written out again exactly, so this also checks that no
scale is lost on the way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

import salesplan
from salesplan import SalesplanError, _convert

DECOMPOSITIONS = Path(__file__).resolve().parents[2] / "tests" / "decompositions"


def _case_names() -> List[str]:
    if not DECOMPOSITIONS.is_dir():
        return []
    return sorted(p.name for p in DECOMPOSITIONS.iterdir() if (p / "input.json").is_file())


def normalise(value: Any) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def run(folder: Path, input: Dict[str, Any]) -> Dict[str, Any]:
    operation = input["operation"]
    try:
        if operation == "allocate":
            result: Any = salesplan.allocate(input["total"], input["weights"], input.get("scale", 2))
        elif operation == "phase_goal":
            plan = salesplan.Plan.load(folder / input["plan"]) if "plan" in input else salesplan.example_plan()
            result = plan.phase_goal(input["goal"])
        elif operation == "cascade":
            result = salesplan.cascade(input["total"], input["tree"])
        elif operation == "gap":
            result = salesplan.decompose_gap(input["planned"], input["actual"])
        else:
            raise AssertionError(f"unknown operation {operation}")
    except SalesplanError as e:
        return {"error": {"code": e.code, "message": str(e)}}
    # Typed values written back as JSON: Decimals and dates as strings.
    return {"result": json.loads(_convert.to_json_text(result))}


def test_cases_exist() -> None:
    assert len(_case_names()) >= 8, f"no decomposition cases in {DECOMPOSITIONS}"


@pytest.mark.parametrize("name", _case_names())
def test_case(name: str) -> None:
    folder = DECOMPOSITIONS / name
    input = json.loads((folder / "input.json").read_bytes().decode("utf-8"))
    expected = (folder / "expected.json").read_bytes().decode("utf-8")
    assert normalise(run(folder, input)) == expected
