"""Charts from Python: the same SVG documents as the Rust snapshots in
tests/charts (the case study at mid-year and year-end, zh and en), shown
inline in Jupyter, saved whole, and refused clearly when an input is
missing."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Tuple

import pytest

import salesplan
from salesplan import Chart, InvalidArgumentError, Plan

ROOT = Path(__file__).resolve().parents[2]
CHARTS = ROOT / "tests" / "charts"
CASE = ROOT / "tests" / "evaluations" / "case-study"


def _charts(as_of: str, lang: str) -> Dict[str, Chart]:
    plan = salesplan.example_plan()
    actuals = plan.load_actuals(CASE / "actuals.csv")
    pipeline = (CASE / "pipeline.json").read_text(encoding="utf-8")
    evaluation = plan.evaluate(actuals, as_of=as_of, hierarchy=["region"], pipeline=pipeline)
    simulation = plan.simulate(actuals, pipeline=pipeline, as_of=as_of, trials=2000, seed=2026)
    register = plan.risk_register(evaluation)
    return {
        "burn-up": evaluation.chart("burn_up", kpi="K-REV", simulation=simulation, lang=lang),
        "kpi-bullets": evaluation.chart("kpi_bullets", lang=lang),
        "gap-waterfall": evaluation.chart("gap_waterfall", lang=lang),
        "risk-heatmap": register.chart(lang=lang),
        "outcome-histogram": simulation.chart(lang=lang),
        "gantt": plan.chart("gantt", as_of=as_of, lang=lang),
        "budget-burn": plan.chart("budget_burn", as_of=as_of, lang=lang),
    }


CASES: Tuple[Tuple[str, str, str], ...] = tuple(
    (label, day, lang) for label, day in (("midyear", "2026-06-30"), ("yearend", "2026-12-31")) for lang in ("zh", "en")
)


@pytest.mark.parametrize(("label", "as_of", "lang"), CASES)
def test_charts_are_the_rust_snapshots(label: str, as_of: str, lang: str) -> None:
    for name, chart in _charts(as_of, lang).items():
        expected = (CHARTS / f"{name}-{label}-{lang}.svg").read_bytes().decode("utf-8")
        assert chart.svg == expected, f"{name}-{label}-{lang}"


def test_a_chart_shows_inline_and_saves(plan: Plan, actuals: salesplan.Actuals, tmp_path: Path) -> None:
    evaluation = plan.evaluate(actuals, as_of="2026-06-30")
    chart = evaluation.chart()
    assert chart.kind == "burn_up" and chart._repr_svg_() == chart.svg == str(chart)
    assert chart.svg.startswith("<svg") and "<title>" in chart.svg
    path = tmp_path / "burn-up.svg"
    chart.save(path)
    assert path.read_text(encoding="utf-8") == chart.svg


def test_bad_chart_arguments_are_refused(plan: Plan, actuals: salesplan.Actuals) -> None:
    evaluation = plan.evaluate(actuals, as_of="2026-06-30")
    with pytest.raises(InvalidArgumentError, match="kind"):
        evaluation.chart("pie")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="kpi"):
        evaluation.chart("burn_up", kpi="K-NOPE")
    with pytest.raises(InvalidArgumentError, match="node"):
        evaluation.chart("kpi_bullets", node="region=mars")
    with pytest.raises(InvalidArgumentError, match="lang"):
        evaluation.chart(lang="fr")
    with pytest.raises(InvalidArgumentError, match="register"):
        evaluation.chart("risk_heatmap")
