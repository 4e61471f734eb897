"""Plan.evaluate and the Evaluation it gives: typed dicts, DataFrames,
options and their errors."""

from __future__ import annotations

import datetime
import json
import math
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List

import pytest

import salesplan
from salesplan import Actuals, CascadeNode, Evaluation, InvalidArgumentError, Plan

CASE = Path(__file__).resolve().parents[2] / "tests" / "evaluations" / "case-study"
MID_YEAR = datetime.date(2026, 6, 30)


@pytest.fixture(scope="module")
def evaluation(plan: Plan, actuals: Actuals) -> Evaluation:
    return plan.evaluate(actuals, as_of=MID_YEAR, hierarchy=["region"])


def _pipeline() -> List[Dict[str, Any]]:
    deals: List[Dict[str, Any]] = json.loads((CASE / "pipeline.json").read_text(encoding="utf-8"))
    return deals


def test_the_case_study_at_mid_year(evaluation: Evaluation) -> None:
    assert evaluation.as_of == MID_YEAR
    revenue = evaluation.kpi("K-REV")
    assert revenue["node"] == ""
    assert revenue["target"] == Decimal("120000000.00")
    assert revenue["actual"] == Decimal("51216000.00")
    assert revenue["status"] == "on_track"
    assert evaluation.kpi("K-CONV")["status"] == "off_track"
    assert evaluation.kpi("K-REV", node="region=east")["target"] is None
    with pytest.raises(KeyError):
        evaluation.kpi("K-NOPE")


def test_to_dict_has_decimals_dates_and_nones(evaluation: Evaluation) -> None:
    d = evaluation.to_dict()
    assert d["as_of"] == MID_YEAR
    revenue = d["kpis"][0]
    assert (revenue["kpi"], revenue["node"]) == ("K-REV", "")
    for name in ("target", "actual", "expected", "variance", "attainment", "forecast_run_rate", "trend"):
        assert isinstance(revenue[name], Decimal), name  # type: ignore[literal-required]
    assert revenue["forecast_pipeline"] is None  # no pipeline given
    assert revenue["periods"][0] == {
        "period": "2026-01",
        "target": Decimal("7200000.00"),
        "actual": Decimal("6984000.00"),
        "attainment": Decimal("0.97"),
    }
    # The same numbers as the JSON text, exactly.
    raw = json.loads(evaluation.to_json())
    assert str(revenue["forecast_run_rate"]) == raw["kpis"][0]["forecast_run_rate"]
    assert d == evaluation.to_dict() and d is not evaluation.to_dict()


def test_kpis_frame(evaluation: Evaluation) -> None:
    pytest.importorskip("pandas")
    frame = evaluation.kpis()
    assert list(frame.columns) == [
        "kpi",
        "node",
        "target",
        "expected",
        "actual",
        "variance",
        "attainment",
        "status",
        "forecast_run_rate",
        "forecast_trend",
        "forecast_pipeline",
        "trend",
    ]
    assert len(frame) == len(evaluation.to_dict()["kpis"])
    company = frame[frame["node"] == "company"].set_index("kpi")
    assert company.loc["K-REV", "actual"] == Decimal("51216000.00")
    assert company.loc["K-REV", "status"] == "on_track"
    assert set(frame["node"]) == {"company", "region=east", "region=west", "region=north"}
    floats = evaluation.kpis(as_float=True)
    assert floats["actual"].dtype == "float64"
    assert floats["status"].tolist() == frame["status"].tolist()
    east = floats[(floats["node"] == "region=east") & (floats["kpi"] == "K-REV")]
    assert math.isnan(east["target"].iloc[0])


def test_periods_frame(evaluation: Evaluation) -> None:
    pytest.importorskip("pandas")
    frame = evaluation.periods()
    assert list(frame.columns) == ["kpi", "node", "period", "target", "actual", "attainment"]
    revenue = frame[(frame["kpi"] == "K-REV") & (frame["node"] == "company")]
    assert revenue["period"].tolist() == [f"2026-{m:02}" for m in range(1, 7)]
    assert sum(revenue["target"]) == Decimal("52800000.00")
    assert len(frame) == sum(len(k["periods"]) for k in evaluation.to_dict()["kpis"])


def test_frames_need_pandas(evaluation: Evaluation, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"Evaluation.kpis\(\) needs pandas"):
        evaluation.kpis()
    with pytest.raises(ImportError, match="pip install pandas"):
        evaluation.periods()
    assert evaluation.to_dict()["kpis"]  # the rest works without it


def test_as_of_forms(plan: Plan, actuals: Actuals, evaluation: Evaluation) -> None:
    for as_of in ("2026-06-30", datetime.datetime(2026, 6, 30, 18, 0)):
        again = plan.evaluate(actuals, as_of=as_of, hierarchy=("region",))
        assert again.to_json() == evaluation.to_json()


def test_bad_as_of(plan: Plan, actuals: Actuals) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        plan.evaluate(actuals, as_of="30/06/2026")
    assert str(info.value) == 'invalid argument as_of: "30/06/2026" is not a date (YYYY-MM-DD)'
    with pytest.raises(InvalidArgumentError, match="before the plan starts"):
        plan.evaluate(actuals, as_of=datetime.date(2025, 12, 31))


def test_hierarchy_is_a_sequence_of_names(plan: Plan, actuals: Actuals) -> None:
    with pytest.raises(TypeError, match="sequence of tag names"):
        plan.evaluate(actuals, as_of=MID_YEAR, hierarchy="region")
    nested = plan.evaluate(actuals, as_of=MID_YEAR, hierarchy=["region", "segment"]).to_dict()
    nodes = {k["node"] for k in nested["kpis"]}
    assert "region=east/segment=SEG-HIGH" in nodes


def test_trend_periods(plan: Plan, actuals: Actuals) -> None:
    short = plan.evaluate(actuals, as_of=MID_YEAR, trend_periods=0).kpi("K-REV")
    assert short["trend"] is None
    with pytest.raises(InvalidArgumentError, match="trend_periods"):
        plan.evaluate(actuals, as_of=MID_YEAR, trend_periods=-1)


def test_pipeline_forecast(plan: Plan, actuals: Actuals) -> None:
    deals = _pipeline()
    as_list = plan.evaluate(actuals, as_of=MID_YEAR, pipeline=deals)
    as_text = plan.evaluate(actuals, as_of=MID_YEAR, pipeline=json.dumps(deals))
    assert as_list.to_json() == as_text.to_json()
    forecast = as_list.kpi("K-REV")["forecast_pipeline"]
    assert isinstance(forecast, Decimal) and forecast > Decimal("51216000.00")
    typed = [
        dict(d, amount=Decimal(d["amount"]), expected_close=datetime.date.fromisoformat(d["expected_close"]))
        for d in deals
    ]
    assert plan.evaluate(actuals, as_of=MID_YEAR, pipeline=typed).to_json() == as_list.to_json()


def test_pipeline_errors(plan: Plan, actuals: Actuals) -> None:
    deals = _pipeline()
    deals[1]["amount"] = 4500000
    with pytest.raises(salesplan.ParseError) as info:
        plan.evaluate(actuals, as_of=MID_YEAR, pipeline=deals)
    assert info.value.path == "/1/amount"
    deals = _pipeline()
    deals[0]["probability"] = "1.5"
    with pytest.raises(InvalidArgumentError, match="outside 0–1"):
        plan.evaluate(actuals, as_of=MID_YEAR, pipeline=deals)


def test_evaluate_reads_a_source_itself(plan: Plan, evaluation: Evaluation) -> None:
    direct = plan.evaluate(CASE / "actuals.csv", as_of=MID_YEAR, hierarchy=["region"])
    assert direct.to_json() == evaluation.to_json()


def test_evaluation_display(evaluation: Evaluation) -> None:
    assert repr(evaluation).startswith("Evaluation(as_of=2026-06-30, results=")
    html = evaluation._repr_html_()
    assert html.startswith("<table>") and "as of 2026-06-30" in html
    assert "<td>K-REV</td>" in html and "on_track" in html
    assert "region=east" not in html  # the company only
    with pytest.raises(TypeError, match="plan.evaluate"):
        Evaluation()


REGIONS: CascadeNode = {
    "id": "company",
    "children": [
        {"id": "region=east", "weight": "5"},
        {"id": "region=west", "weight": "3"},
        {"id": "region=north", "weight": "2"},
    ],
}


def test_cascade_gives_nodes_targets(plan: Plan, actuals: Actuals) -> None:
    evaluation = plan.evaluate(actuals, as_of=MID_YEAR, hierarchy=["region"], cascade=REGIONS)
    east = evaluation.kpi("K-REV", node="region=east")
    assert east["target"] == Decimal("60000000.00")  # half of 1.2亿
    assert east["expected"] == Decimal("26400000.00")
    assert east["status"] == "on_track"
    assert evaluation.kpi("K-REV")["target"] == Decimal("120000000.00")
    with pytest.raises(InvalidArgumentError, match="invalid argument cascade: unknown field `colour`"):
        tree: Any = {"id": "company", "colour": "red"}
        plan.evaluate(actuals, as_of=MID_YEAR, cascade=tree)


def test_gaps_explain_the_revenue_variance(evaluation: Evaluation) -> None:
    gaps = evaluation.to_dict()["gaps"]
    company = next(g for g in gaps if g["node"] == "")
    assert company["variance"] == evaluation.kpi("K-REV")["variance"]
    for gap in gaps:
        assert gap["volume"] + gap["conversion"] + gap["deal_size"] == gap["variance"]
        assert gap["biggest"] in ("volume", "conversion", "deal_size")
    pytest.importorskip("pandas")
    frame = evaluation.gaps()
    assert list(frame.columns) == ["node", "variance", "volume", "conversion", "deal_size", "biggest"]
    assert "company" in set(frame["node"]) and len(frame) == len(gaps)
    assert evaluation.gaps(as_float=True)["variance"].dtype == "float64"
