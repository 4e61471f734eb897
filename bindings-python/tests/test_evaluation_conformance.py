"""The evaluation conformance suite (tests/evaluations at the repository
root, format in core/tests/evaluations.rs): a plan (``plan.json`` or the
case study), ``actuals.csv``, an optional open ``pipeline.json``, and for
each ``NAME.options.json`` the evaluation expected in ``NAME.expected.json``,
byte for byte once normalised."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import salesplan
from salesplan import Plan

EVALUATIONS = Path(__file__).resolve().parents[2] / "tests" / "evaluations"


def _read(path: Path) -> str:
    # Bytes, not read_text: no newline translation, the text exactly as stored.
    return path.read_bytes().decode("utf-8")


def _cases() -> List[Tuple[str, str]]:
    if not EVALUATIONS.is_dir():
        return []
    return [
        (folder.name, options.name[: -len(".options.json")])
        for folder in sorted(p for p in EVALUATIONS.iterdir() if p.is_dir())
        for options in sorted(folder.glob("*.options.json"))
    ]


def normalise(value: Any) -> str:
    """The normal form the expected files are stored in."""
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def evaluate(folder: Path, options: Dict[str, Any]) -> Any:
    plan_path = folder / "plan.json"
    plan = Plan.from_json(_read(plan_path)) if plan_path.is_file() else salesplan.example_plan()
    actuals = plan.load_actuals(_read(folder / "actuals.csv"), format="csv")
    pipeline_path = folder / "pipeline.json"
    pipeline = _read(pipeline_path) if pipeline_path.is_file() else None
    evaluation = plan.evaluate(
        actuals,
        as_of=options["as_of"],
        hierarchy=options.get("hierarchy") or [],
        pipeline=pipeline,
    )
    return json.loads(evaluation.to_json())


def test_cases_exist() -> None:
    assert len(_cases()) >= 2, f"expected the mid-year and year-end evaluations in {EVALUATIONS}"


@pytest.mark.parametrize(("folder", "name"), _cases())
def test_evaluation(folder: str, name: str) -> None:
    directory = EVALUATIONS / folder
    options = json.loads(_read(directory / f"{name}.options.json"))
    expected = _read(directory / f"{name}.expected.json")
    assert normalise(evaluate(directory, options)) == expected
