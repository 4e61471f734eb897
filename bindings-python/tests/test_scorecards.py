"""Scorecards and the per-node DataFrame of an evaluation."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import salesplan

CASE = Path(__file__).resolve().parents[2] / "tests" / "evaluations" / "case-study"


@pytest.fixture(scope="module")
def midyear() -> salesplan.Evaluation:
    plan = salesplan.example_plan()
    return plan.evaluate(CASE / "actuals.csv", as_of="2026-06-30", hierarchy=["region"])


def test_company_and_owner_scorecards(midyear: salesplan.Evaluation) -> None:
    plan = salesplan.example_plan()
    rubrics = [
        {"criterion": "Coaching", "score": 4, "reviewer": "CEO", "owner": "Sales VP Li Wei"},
        {"criterion": "Planning discipline", "score": 5, "reviewer": "CEO"},
    ]
    cards = plan.scorecards(midyear, rubrics)
    company = cards[0]
    assert (company["subject"], company["name"]) == ("company", "")
    assert company["rubric_score"] == Decimal("100")
    kpi = company["kpi_score"]
    assert isinstance(kpi, Decimal)
    assert company["score"] == (Decimal("0.7") * kpi + Decimal("30")).quantize(Decimal("0.01"))
    assert company["grade"] in "ABCDE"
    vp = next(c for c in cards if c["name"] == "Sales VP Li Wei")
    assert vp["rubric_score"] == Decimal("75")
    assert [line["kpi"] for line in vp["lines"]] == ["K-REV", "K-CONV"]


def test_scorecard_refuses_scores_off_the_scale(midyear: salesplan.Evaluation) -> None:
    plan = salesplan.example_plan()
    with pytest.raises(salesplan.InvalidArgumentError):
        plan.scorecards(midyear, [{"criterion": "x", "score": 6, "reviewer": "me"}])
    with pytest.raises(salesplan.InvalidArgumentError):
        plan.scorecards(midyear, rubric_share="1.5")


def test_nodes_pivots_kpis_by_node(midyear: salesplan.Evaluation) -> None:
    pytest.importorskip("pandas")
    table = midyear.nodes("actual")
    assert list(table.index) == ["company", "region=east", "region=west", "region=north"]
    assert list(table.columns)[:3] == ["K-REV", "K-REV-HIGH", "K-CONV"]
    assert table.loc["company", "K-REV"] == Decimal("51216000.00")
    east_west_north = sum(table.loc[n, "K-REV"] for n in list(table.index)[1:])
    assert east_west_north == table.loc["company", "K-REV"]
    assert midyear.nodes().loc["company", "K-CONV"] == Decimal("0.7857")
    with pytest.raises(ValueError):
        midyear.nodes("colour")
