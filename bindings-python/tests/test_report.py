"""The plan review: the conformance cases in tests/reports (the same text
as Rust and node write, the version in the footer written as VERSION), and
the Python face — Jupyter display, saving, refusals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

import salesplan
from salesplan import InvalidArgumentError, Plan, Report

REPORTS = Path(__file__).resolve().parents[2] / "tests" / "reports"


def _cases() -> List[str]:
    return sorted(p.name for p in REPORTS.iterdir() if p.is_dir()) if REPORTS.is_dir() else []


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def review(folder: Path, case: Dict[str, Any]) -> Report:
    plan = salesplan.example_plan()
    return plan.report(
        _read(folder / case["actuals"]),
        as_of=case["as_of"],
        hierarchy=case["hierarchy"],
        pipeline=_read(folder / case["pipeline"]),
        lang=case["lang"],
        format=case["format"],
        simulate=case["simulation"],
    )


def test_cases_exist() -> None:
    assert len(_cases()) >= 4


@pytest.mark.parametrize("name", _cases())
def test_review_case(name: str) -> None:
    folder = REPORTS / name
    case = json.loads(_read(folder / "input.json"))
    text = review(folder, case).text.replace(f"salesplan {salesplan.__version__}", "salesplan VERSION")
    assert text == _read(folder / f"expected.{case['format']}")


def test_a_report_shows_in_jupyter_and_saves_whole(plan: Plan, actuals: salesplan.Actuals, tmp_path: Path) -> None:
    html = plan.report(actuals, as_of="2026-06-30", simulate={"trials": 0})
    assert isinstance(html, Report) and html.format == "html" and html.lang == "zh"
    assert html._repr_html_() == html.text and html._repr_markdown_() is None
    assert 'id="simulation"' not in html.text
    md = plan.report(actuals, as_of="2026-06-30", lang="en", format="md", simulate={"trials": 500, "seed": 1})
    assert md._repr_html_() is None and md._repr_markdown_() == md.text
    assert "## Chance of reaching the target" in md.text
    path = tmp_path / "review.md"
    md.save(path)
    assert path.read_text(encoding="utf-8") == md.text
    assert repr(md).startswith("Report(format='md', lang='en', ")


def test_a_bad_language_or_format_is_refused(plan: Plan, actuals: salesplan.Actuals) -> None:
    with pytest.raises(InvalidArgumentError, match="lang"):
        plan.report(actuals, as_of="2026-06-30", lang="fr")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="format"):
        plan.report(actuals, as_of="2026-06-30", format="pdf")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="as_of"):
        plan.report(actuals, as_of="2025-01-01")
