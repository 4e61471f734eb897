"""Plan.risk_register and Plan.simulate: typed dicts, DataFrames, options,
determinism and errors."""

from __future__ import annotations

import datetime
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List

import pytest

import salesplan
from salesplan import (
    Actuals,
    Evaluation,
    InvalidArgumentError,
    ParseError,
    Plan,
    RiskRegister,
    Simulation,
)

CASE = Path(__file__).resolve().parents[2] / "tests" / "evaluations" / "case-study"
MID_YEAR = datetime.date(2026, 6, 30)


@pytest.fixture(scope="module")
def evaluation(plan: Plan, actuals: Actuals) -> Evaluation:
    return plan.evaluate(actuals, as_of=MID_YEAR)


@pytest.fixture(scope="module")
def register(plan: Plan, evaluation: Evaluation) -> RiskRegister:
    return plan.risk_register(evaluation)


def _pipeline() -> List[Dict[str, Any]]:
    deals: List[Dict[str, Any]] = json.loads((CASE / "pipeline.json").read_text(encoding="utf-8"))
    return deals


SMALL = [
    {"id": "S-01", "amount": "3000000.00", "probability": "0.55", "expected_close": "2026-07-15"},
    {"id": "S-02", "amount": "2500000.00", "probability": "0.40", "expected_close": "2026-07-31"},
    {"id": "S-03", "amount": "1800000.00", "probability": "0.75", "expected_close": "2026-08-10", "stage": "proposal"},
    {"id": "S-04", "amount": "4200000.00", "probability": "0.30", "expected_close": "2026-08-31"},
]


@pytest.fixture(scope="module")
def simulation(plan: Plan, actuals: Actuals) -> Simulation:
    return plan.simulate(actuals, _pipeline(), as_of=MID_YEAR, trials=4000, seed=7)


# The risk register.


def test_planned_register(plan: Plan) -> None:
    register = plan.risk_register()
    assert register.as_of is None
    assert register.moves == []
    d = register.to_dict()
    assert [r["risk"] for r in d["risks"]] == ["R-MARKET", "R-CHURN", "R-EXEC", "R-FIN"]
    churn = register.risk("R-CHURN")
    assert churn["planned"] == churn["inherent"] == {"likelihood": 4, "impact": 3, "score": 12, "level": "high"}
    assert all(i["value"] is None and not i["breached"] for r in d["risks"] for i in r["indicators"])
    assert repr(register) == "RiskRegister(as_of=None, risks=4, moves=0)"


def test_mid_year_register_moves_churn_by_conversion(register: RiskRegister) -> None:
    assert register.as_of == MID_YEAR
    assert [(m["risk"], m["kpis"]) for m in register.moves] == [("R-CHURN", ["K-CONV"])]
    move = register.moves[0]
    assert (move["from_likelihood"], move["to_likelihood"]) == (4, 5)
    assert (move["from_level"], move["to_level"]) == ("high", "high")
    churn = register.risk("R-CHURN")
    assert churn["inherent"] == {"likelihood": 5, "impact": 3, "score": 15, "level": "high"}
    conversion = next(i for i in churn["indicators"] if i["kpi"] == "K-CONV")
    assert conversion["breached"] and conversion["raise"] == 1
    assert conversion["value"] == Decimal("0.7857") and conversion["threshold"] == Decimal("0.8")
    with pytest.raises(KeyError):
        register.risk("R-NOPE")
    assert repr(register) == "RiskRegister(as_of=2026-06-30, risks=4, moves=1)"


def test_register_dict_is_typed(register: RiskRegister) -> None:
    d = register.to_dict()
    assert d["as_of"] == MID_YEAR
    market = d["risks"][0]
    assert market["probability"] == Decimal("0.30")
    assert market["impact_amount"] == Decimal("8000000.00")
    assert market["exposure"] == Decimal("2400000.00")
    assert market["mitigations"] == 1
    totals = register.totals
    assert totals["exposure"] == Decimal("6700000.00")
    assert sum(t["exposure"] for t in totals["by_category"]) == totals["exposure"]
    assert [t["key"] for t in totals["by_level"]] == ["medium", "high"]
    assert register.matrix["likelihood_levels"] == 5 and register.matrix["bands"][0]["level"] == "low"
    assert d == register.to_dict() and d is not register.to_dict()
    assert json.loads(register.to_json())["totals"]["exposure"] == "6700000.00"


def test_risk_register_needs_an_evaluation_object(plan: Plan, evaluation: Evaluation) -> None:
    with pytest.raises(TypeError, match="evaluation must be an Evaluation"):
        plan.risk_register(evaluation.to_json())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="plan.risk_register"):
        RiskRegister()


RISK_COLUMNS = [
    "risk",
    "name",
    "category",
    "owner",
    *(f"{s}_{f}" for s in ("planned", "inherent", "residual") for f in ("likelihood", "impact", "score", "level")),
    "probability",
    "impact_amount",
    "exposure",
    "mitigations",
    "indicators",
    "signals",
    "breached",
]


def test_risks_frame(register: RiskRegister) -> None:
    pytest.importorskip("pandas")
    frame = register.risks()
    assert list(frame.columns) == RISK_COLUMNS
    assert frame.shape == (4, len(RISK_COLUMNS))
    churn = frame.set_index("risk").loc["R-CHURN"]
    assert churn["breached"] == ["K-CONV"]
    assert churn["indicators"] == ["K-CONV", "K-CSAT"]
    assert (churn["planned_likelihood"], churn["inherent_likelihood"], churn["residual_likelihood"]) == (4, 5, 4)
    assert churn["exposure"] == Decimal("2400000.00")
    floats = register.risks(as_float=True)
    for name in ("probability", "impact_amount", "exposure"):
        assert floats[name].dtype == "float64", name
    assert floats["inherent_score"].tolist() == frame["inherent_score"].tolist()


def test_heatmap_frames(register: RiskRegister) -> None:
    pytest.importorskip("pandas")
    grids = register.to_dict()["heatmap"]
    for kind in ("inherent", "residual"):
        frame = register.heatmap(kind)  # type: ignore[arg-type]
        assert frame.shape == (5, 5)
        assert (frame.index.name, frame.columns.name) == ("likelihood", "impact")
        assert list(frame.index) == list(frame.columns) == [1, 2, 3, 4, 5]
        assert frame.values.tolist() == grids[kind]  # type: ignore[literal-required]
        assert int(frame.values.sum()) == 4
    assert register.heatmap().loc[5, 3] == 1  # R-CHURN, raised to likelihood 5
    assert register.heatmap("residual").loc[5, 3] == 0
    with pytest.raises(ValueError, match="'inherent' or 'residual'"):
        register.heatmap("planned")  # type: ignore[arg-type]


def test_risk_frames_need_pandas(register: RiskRegister, simulation: Simulation, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"RiskRegister.risks\(\) needs pandas"):
        register.risks()
    with pytest.raises(ImportError, match=r"RiskRegister.heatmap\(\) needs pandas"):
        register.heatmap()
    with pytest.raises(ImportError, match=r"Simulation.histogram\(\) needs pandas"):
        simulation.histogram()
    with pytest.raises(ImportError, match=r"Simulation.drivers\(\) needs pandas"):
        simulation.drivers()
    assert register.moves and simulation.to_dict()["histogram"]


def test_register_display(register: RiskRegister) -> None:
    html = register._repr_html_()
    assert html.startswith("<table>") and "as of 2026-06-30" in html
    assert "<td>R-CHURN ↑</td>" in html and "<td>R-MARKET</td>" in html


# The simulation.


def test_simulation_attributes(simulation: Simulation) -> None:
    assert simulation.goal == "G-REV"
    assert simulation.target == Decimal("120000000.00")
    assert (simulation.trials, simulation.seed) == (4000, 7)
    for name in ("probability", "standard_error", "mean", "p10", "p50", "p90", "expected_shortfall"):
        assert isinstance(getattr(simulation, name), Decimal), name
    assert Decimal(0) < simulation.probability < Decimal(1)
    assert simulation.p10 < simulation.p50 < simulation.p90
    assert simulation.exact_probability is None  # new business is simulated
    d = simulation.to_dict()
    assert (d["probability"], d["p50"], d["mean"]) == (simulation.probability, simulation.p50, simulation.mean)
    assert d["as_of"] == MID_YEAR and d["end"] == datetime.date(2026, 12, 31)
    fit = d["new_business"]
    assert fit is not None and fit["from"] == MID_YEAR and isinstance(fit["mean_size"], Decimal)
    assert sum(b["count"] for b in d["histogram"]) == 4000
    assert isinstance(d["histogram"][0]["from"], Decimal)  # an amount, where new business's `from` is a date
    assert repr(simulation) == (
        f"Simulation(goal='G-REV', target=120000000.00, probability={simulation.probability}, trials=4000, seed=7)"
    )


def test_same_seed_same_result_on_any_threads(plan: Plan, actuals: Actuals, simulation: Simulation) -> None:
    for threads in (1, 3):
        again = plan.simulate(actuals, _pipeline(), as_of=MID_YEAR, trials=4000, seed=7, threads=threads)
        assert again.to_json() == simulation.to_json()
    other = plan.simulate(actuals, _pipeline(), as_of=MID_YEAR, trials=4000, seed=8)
    assert other.to_json() != simulation.to_json()
    assert other.target == simulation.target


def test_python_defaults_are_the_cores(plan: Plan, actuals: Actuals) -> None:
    deals = json.dumps(_pipeline())
    defaults = plan.simulate(actuals, deals, as_of=MID_YEAR, trials=500)
    native = plan._plan.simulate(actuals._actuals, deals, '{"as_of": "2026-06-30", "trials": 500}')
    assert defaults.to_json() == native.to_json()
    assert defaults.seed == 0 and len(defaults.to_dict()["histogram"]) == 20
    # No run-rate factor is the core's factor of 1.
    one = plan._plan.simulate(actuals._actuals, deals, '{"as_of": "2026-06-30", "trials": 500, "run_rate_factor": "1"}')
    assert defaults.to_json() == one.to_json() == plan.simulate(actuals, deals, as_of=MID_YEAR, trials=500, run_rate_factor=1).to_json()
    scaled = plan._plan.simulate(actuals._actuals, deals, '{"as_of": "2026-06-30", "trials": 500, "run_rate_factor": "1.25"}')
    assert plan.simulate(actuals, deals, as_of=MID_YEAR, trials=500, run_rate_factor="1.25").to_json() == scaled.to_json()


def test_exact_probability_for_a_small_pipeline(plan: Plan) -> None:
    small = plan.simulate(None, SMALL, as_of=MID_YEAR, target="600万", new_business="none", trials=20000, seed=1)
    assert small.target == Decimal("6000000.00")
    exact = small.exact_probability
    assert exact is not None
    assert abs(small.probability - exact) <= 4 * small.standard_error
    assert small.to_dict()["new_business"] is None and small.to_dict()["closed"] == 0


def test_histogram_and_drivers_frames(simulation: Simulation) -> None:
    pytest.importorskip("pandas")
    histogram = simulation.histogram()
    assert list(histogram.columns) == ["from", "to", "count"]
    assert len(histogram) == 20 and int(histogram["count"].sum()) == 4000
    assert isinstance(histogram["from"].iloc[0], Decimal)
    assert histogram["to"].iloc[-1] == simulation.to_dict()["max"]
    assert simulation.histogram(as_float=True)["from"].dtype == "float64"
    drivers = simulation.drivers()
    assert list(drivers.columns) == ["deal", "amount", "probability", "expected", "std_dev", "variance_share"]
    assert len(drivers) == 10 and drivers["deal"].iloc[0] == "D-104"
    floats = simulation.drivers(as_float=True)
    assert floats["variance_share"].dtype == "float64" and floats["deal"].tolist() == drivers["deal"].tolist()


def test_simulation_display(simulation: Simulation) -> None:
    html = simulation._repr_html_()
    assert html.startswith("<table>") and "G-REV as of 2026-06-30" in html and "4000 trials, seed 7" in html
    assert "exact probability" not in html  # none here
    with pytest.raises(TypeError, match="plan.simulate"):
        Simulation()


def test_as_of_and_target_forms(plan: Plan) -> None:
    base = plan.simulate(None, SMALL, as_of="2026-06-30", target=Decimal("6000000"), new_business="none", trials=300)
    for as_of in (MID_YEAR, datetime.datetime(2026, 6, 30, 9, 30)):
        for target in (6000000, "6000000", "600万", Decimal("6000000")):
            again = plan.simulate(None, SMALL, as_of=as_of, target=target, new_business="none", trials=300)
            assert again.to_json() == base.to_json()
    with pytest.raises(TypeError, match="target must be a decimal.Decimal, an int or a str"):
        plan.simulate(None, SMALL, as_of=MID_YEAR, target=6e6, new_business="none")  # type: ignore[arg-type]
    with pytest.raises(salesplan.AmountError):
        plan.simulate(None, SMALL, as_of=MID_YEAR, target="lots", new_business="none")


def test_pipeline_forms(plan: Plan) -> None:
    base = plan.simulate(None, SMALL, as_of=MID_YEAR, new_business="none", trials=300).to_json()
    assert plan.simulate(None, json.dumps(SMALL), as_of=MID_YEAR, new_business="none", trials=300).to_json() == base
    typed = [dict(d, amount=Decimal(d["amount"]), expected_close=datetime.date.fromisoformat(d["expected_close"])) for d in SMALL]
    assert plan.simulate(None, typed, as_of=MID_YEAR, new_business="none", trials=300).to_json() == base
    # One deal alone is refused by the core, with its path, as in JavaScript.
    with pytest.raises(ParseError) as alone:
        plan.simulate(None, SMALL[0], as_of=MID_YEAR)  # type: ignore[arg-type]
    assert (alone.value.code, alone.value.path) == ("invalid_type", "")
    with pytest.raises(ParseError) as info:
        plan.simulate(None, ["S-01"], as_of=MID_YEAR)  # type: ignore[list-item]
    assert info.value.path == "/0"


def test_pipeline_from_dataframes(plan: Plan, actuals: Actuals) -> None:
    pd = pytest.importorskip("pandas")
    base = plan.simulate(None, SMALL, as_of=MID_YEAR, new_business="none", trials=300).to_json()
    frame = pd.DataFrame(SMALL)  # `stage` is missing (NaN) but on one row
    frame["expected_close"] = pd.to_datetime(frame["expected_close"])
    assert plan.simulate(None, frame, as_of=MID_YEAR, new_business="none", trials=300).to_json() == base
    frame["amount"] = frame["amount"].astype(float)  # floats read as their shortest decimal
    floats = plan.simulate(None, frame, as_of=MID_YEAR, new_business="none", trials=300)
    assert floats.to_dict()["drivers"][0]["amount"] == Decimal("4200000.0")
    assert (floats.probability, floats.p50) == (Decimal(json.loads(base)["probability"]), Decimal(json.loads(base)["p50"]))
    pl = pytest.importorskip("polars")
    assert plan.simulate(None, pl.DataFrame(SMALL), as_of=MID_YEAR, new_business="none", trials=300).to_json() == base
    # Other columns are tags, as in actuals; the evaluation reads frames too.
    deals = _pipeline()
    tagged = pd.DataFrame([{k: v for k, v in d.items() if k != "tags"} | d.get("tags", {}) for d in deals])
    assert plan.evaluate(actuals, as_of=MID_YEAR, pipeline=tagged).to_json() == (
        plan.evaluate(actuals, as_of=MID_YEAR, pipeline=deals).to_json()
    )


def test_every_deal_field_crosses_from_a_frame(plan: Plan) -> None:
    pd = pytest.importorskip("pandas")
    from salesplan._pipeline import DEAL_FIELDS, pipeline_json

    deal = {
        "id": "F-1",
        "amount": "5000000.00",
        "probability": "0.5",
        "amount_low": "4000000.00",
        "amount_high": "7000000.00",
        "expected_close": datetime.date(2026, 9, 30),
        "stage": "proposal",
        "tags": {"segment": "SEG-MID"},
    }
    assert set(deal) == set(DEAL_FIELDS)
    frame = pd.DataFrame([dict(deal, region="east")])
    text = pipeline_json(frame)
    assert text is not None
    assert json.loads(text) == [dict(deal, expected_close="2026-09-30", tags={"segment": "SEG-MID", "region": "east"})]
    simulation = plan.simulate(None, frame, as_of=MID_YEAR, new_business="none", trials=100)
    assert simulation.to_dict()["pipeline"]["deals"] == 1 and simulation.exact_probability is None


def test_bad_options(plan: Plan) -> None:
    def simulate(**options: Any) -> Simulation:
        return plan.simulate(None, SMALL, **{"as_of": MID_YEAR, "new_business": "none", **options})

    for options, name in [
        ({"trials": 0}, "trials"),
        ({"trials": 10_000_001}, "trials"),
        ({"seed": 2**53}, "seed"),
        ({"bins": 0}, "bins"),
        ({"target": "-1"}, "target"),
        ({"goal": "G-NOPE"}, "goal"),
        ({"as_of": "2025-06-30"}, "as_of"),
    ]:
        with pytest.raises(InvalidArgumentError) as info:
            simulate(**options)
        assert info.value.code == "invalid_argument"
        assert str(info.value).startswith(f"invalid argument {name}: "), options
    for options, path in [
        ({"trials": -1}, "/trials"),
        ({"trials": "many"}, "/trials"),
        ({"seed": 1.5}, "/seed"),
        ({"new_business": "maybe"}, "/new_business"),
        ({"net_of_pipeline": 1}, "/net_of_pipeline"),
        ({"as_of": "30/06/2026"}, "/as_of"),
        ({"new_business_from": "soon"}, "/new_business_from"),
    ]:
        with pytest.raises(ParseError) as parse:
            simulate(**options)
        assert parse.value.path == path, options
        assert str(parse.value).startswith(f"{path}: ")
    with pytest.raises(TypeError, match="trails"):
        simulate(trails=1000)


def test_new_business_needs_actuals(plan: Plan) -> None:
    with pytest.raises(InvalidArgumentError, match='pass new_business "none"'):
        plan.simulate(None, SMALL, as_of=MID_YEAR)


def test_bad_deals_carry_their_path(plan: Plan) -> None:
    deals = [dict(d) for d in SMALL]
    deals[1]["probability"] = "1.5"
    with pytest.raises(InvalidArgumentError, match="outside 0–1") as info:
        plan.simulate(None, deals, as_of=MID_YEAR, new_business="none")
    assert str(info.value).startswith("invalid argument /1/probability: ")
    deals[1]["probability"] = 0.5
    with pytest.raises(ParseError) as parse:
        plan.simulate(None, deals, as_of=MID_YEAR, new_business="none")
    assert parse.value.path == "/1/probability"


def test_simulate_reads_actuals_itself(plan: Plan, actuals: Actuals, simulation: Simulation) -> None:
    direct = plan.simulate(CASE / "actuals.csv", _pipeline(), as_of=MID_YEAR, trials=4000, seed=7)
    assert direct.to_json() == simulation.to_json()
