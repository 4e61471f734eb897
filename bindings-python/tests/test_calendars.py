"""Weekly and 4-4-5 plans from Python: phasing that adds up to the target,
evaluation by week and by fiscal month, the charts stored in
tests/charts/calendars (the Rust snapshots, byte for byte), the review,
and bad calendars refused with their path or reported as diagnostics."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict

import pytest

import salesplan
from salesplan import ParseError, Plan

ROOT = Path(__file__).resolve().parents[2]
EVALUATIONS = ROOT / "tests" / "evaluations"
CHARTS = ROOT / "tests" / "charts" / "calendars"
ACTUALS = EVALUATIONS / "case-study" / "actuals.csv"


def _plan(kind: str) -> Plan:
    return Plan.load(EVALUATIONS / f"case-study-{kind}" / "plan.json")


@pytest.mark.parametrize(("kind", "count", "first", "last"), [
    ("weekly", 53, "2026-W01", "2026-W53"),
    ("445", 12, "FY2026-P01", "FY2026-P12"),
])
def test_goals_phase_to_the_cent(kind: str, count: int, first: str, last: str) -> None:
    plan = _plan(kind)
    for goal, target in (("G-REV", Decimal("120000000")), ("G-HIGH", Decimal("30000000"))):
        phases = plan.phase_goal(goal)
        assert len(phases) == count
        assert (phases[0]["period"], phases[-1]["period"]) == (first, last)
        assert sum(p["target"] for p in phases) == target
        assert all(p["target"] == p["target"].quantize(Decimal("0.01")) for p in phases)


def test_weekly_phasing_is_even_by_days_with_clipped_ends() -> None:
    phases = _plan("weekly").phase_goal("G-HIGH")
    first, second = phases[0], phases[1]
    assert (str(first["start"]), str(first["end"])) == ("2026-01-01", "2026-01-04")
    assert first["target"] == Decimal("328767.12")  # 4 of 365 days
    assert second["target"] == Decimal("575342.47")  # 7 of 365 days


def test_445_months_carry_four_or_five_weeks() -> None:
    phases = _plan("445").phase_goal("G-HIGH")
    weeks = [((p["end"] - p["start"]).days + 1) // 7 for p in phases]
    assert weeks == [4, 4, 5] * 4
    assert phases[2]["target"] == Decimal("2884615.38")


@pytest.mark.parametrize(("kind", "current", "expected"), [
    ("weekly", "2026-W27", Decimal("52728702.86")),
    ("445", "FY2026-P07", Decimal("53485714.29")),
])
def test_evaluation_by_the_plan_periods(kind: str, current: str, expected: Decimal) -> None:
    plan = _plan(kind)
    evaluation = plan.evaluate(plan.load_actuals(ACTUALS), as_of="2026-06-30")
    revenue = evaluation.kpi("K-REV")
    assert revenue["periods"][-1]["period"] == current
    assert revenue["expected"] == expected


@pytest.mark.parametrize("kind", ["weekly", "445"])
def test_charts_are_the_rust_snapshots(kind: str) -> None:
    plan = _plan(kind)
    evaluation = plan.evaluate(plan.load_actuals(ACTUALS), as_of="2026-06-30")
    charts = {
        "burn-up": evaluation.chart("burn_up", kpi="K-REV", lang="en"),
        "budget-burn": plan.chart("budget_burn", as_of="2026-06-30", lang="en"),
    }
    for name, chart in charts.items():
        expected = (CHARTS / f"{kind}-{name}-midyear-en.svg").read_bytes().decode("utf-8")
        assert chart.svg == expected, f"{kind}-{name}"


def test_the_review_of_a_weekly_plan() -> None:
    plan = _plan("weekly")
    review = plan.report(ACTUALS, as_of="2026-06-30", lang="en", format="md", simulate={"trials": 0})
    assert review.format == "md" and "2026-06-30" in review.text


def _document(**period: Any) -> Dict[str, Any]:
    doc = copy.deepcopy(_plan("445").to_dict())
    doc["period"].update(period)
    return doc


def test_an_unknown_calendar_or_granularity_is_refused_with_its_path() -> None:
    with pytest.raises(ParseError) as caught:
        Plan.from_dict(_document(calendar="4-4-4"))
    assert (caught.value.code, caught.value.path) == ("invalid_value", "/period/calendar")
    with pytest.raises(ParseError) as caught:
        Plan.from_dict(_document(granularity="fortnight"))
    assert caught.value.path == "/period/granularity"


def test_calendar_mistakes_are_diagnostics_with_paths() -> None:
    plan = Plan.from_dict(_document(start="2026-01-01"))
    found = {(d.code, d.path) for d in plan.validate()}
    assert ("retail_start_weekday", "/period/start") in found
    assert sum(p["target"] for p in plan.phase_goal("G-REV")) == Decimal("120000000")

    doc = _plan("weekly").to_dict()
    doc["goals"][0]["seasonality"] = {"2026-03": "1"}
    found = {(d.code, d.path) for d in Plan.from_dict(doc).validate()}
    assert ("unknown_period", "/goals/0/seasonality/2026-03") in found
