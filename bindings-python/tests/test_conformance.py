"""The language-neutral conformance suite (tests/cases at the repository
root): every case must give exactly the expected JSON, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

from salesplan import Plan, SalesplanError

CASES = Path(__file__).resolve().parents[2] / "tests" / "cases"


def _case_names() -> List[str]:
    if not CASES.is_dir():
        return []
    return sorted(p.name for p in CASES.iterdir() if (p / "input.json").is_file())


def normalise(value: Any) -> str:
    """The normal form the expected files are stored in."""
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def run_case(text: str) -> Dict[str, Any]:
    try:
        plan = Plan.from_json(text)
    except SalesplanError as e:
        return {"error": {"code": e.code, "path": e.path, "message": str(e)}}
    return {"diagnostics": [d.to_dict() for d in plan.validate()]}


def test_cases_exist() -> None:
    assert _case_names(), f"no conformance cases in {CASES}"


@pytest.mark.parametrize("name", _case_names())
def test_case(name: str) -> None:
    folder = CASES / name
    # Bytes, not read_text: no newline translation, the text exactly as stored.
    text = (folder / "input.json").read_bytes().decode("utf-8")
    expected = (folder / "expected.json").read_bytes().decode("utf-8")
    assert normalise(run_case(text)) == expected
