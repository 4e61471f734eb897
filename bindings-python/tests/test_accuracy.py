"""Forecast accuracy: the conformance suite (tests/accuracy at the
repository root, format in tests/README.md) byte for byte with the Rust
core, the ways a history can be given, snapshots appended to a history
file, the DataFrame views, and bad input."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List

import pytest

import salesplan
from salesplan import Accuracy, InvalidArgumentError, ParseError, SalesplanError

ACCURACY = Path(__file__).resolve().parents[2] / "tests" / "accuracy"
ACTUALS = Path(__file__).resolve().parents[2] / "tests" / "evaluations" / "case-study"


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _case_names() -> List[str]:
    return sorted(p.name for p in ACCURACY.iterdir() if (p / "input.json").is_file())


def normalise(value: Any) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def run(folder: Path, input: Dict[str, Any]) -> Dict[str, Any]:
    plan = salesplan.example_plan()
    actuals = plan.load_actuals(_read(folder / input["actuals"]), format="csv")
    closing = plan.evaluate(actuals, as_of=input["close"], hierarchy=input["hierarchy"])
    try:
        # A path to the file: JSON Lines or a document by its content.
        result = plan.accuracy(folder / input["history"], closing)
    except SalesplanError as e:
        return {"error": {"code": e.code, "path": e.path, "message": str(e)}}
    return {"result": json.loads(result.to_json())}


def test_cases_exist() -> None:
    assert len(_case_names()) >= 6


@pytest.mark.parametrize("name", _case_names())
def test_case(name: str) -> None:
    folder = ACCURACY / name
    input = json.loads(_read(folder / "input.json"))
    assert normalise(run(folder, input)) == _read(folder / "expected.json")


@pytest.fixture(scope="module")
def yearend() -> Any:
    plan = salesplan.example_plan()
    actuals = plan.load_actuals(str(ACTUALS / "actuals.csv"))
    return plan, actuals, plan.evaluate(actuals, as_of="2026-12-31")


def test_a_history_as_text_dicts_or_a_document_scores_alike(yearend: Any) -> None:
    plan, _, closing = yearend
    text = _read(ACCURACY / "simulated" / "history.json")
    by_path = plan.accuracy(str(ACCURACY / "simulated" / "history.json"), closing)
    by_text = plan.accuracy(text, closing)
    by_dict = plan.accuracy(json.loads(text), closing)
    by_list = plan.accuracy(json.loads(text)["snapshots"], closing)
    assert by_path.to_json() == by_text.to_json() == by_dict.to_json() == by_list.to_json()


def test_snapshots_append_to_a_history_file(yearend: Any, tmp_path: Path) -> None:
    plan, actuals, closing = yearend
    history = tmp_path / "history.jsonl"
    for day in ["2026-03-31", "2026-06-30", "2026-09-30"]:
        evaluation = plan.evaluate(actuals, as_of=day)
        simulation = plan.simulate(actuals, as_of=day, trials=500, seed=7)
        snapshot = plan.snapshot(evaluation, simulation, append_to=history)
        assert snapshot["as_of"] == day
        assert snapshot["simulations"][0]["kpi"] == "K-REV"
        assert snapshot["simulations"][0]["p50"] == str(simulation.p50)
    assert len(history.read_text(encoding="utf-8").splitlines()) == 3
    accuracy = plan.accuracy(history, closing)
    revenue = accuracy.series("K-REV")
    assert [m["method"] for m in revenue["methods"]] == ["run_rate", "trend", "simulation_p50"]
    assert revenue["coverage"]["count"] == 3
    assert accuracy.fact("K-REV", "coverage") == revenue["coverage"]["share"]


def test_typed_dicts_and_facts(yearend: Any) -> None:
    plan, actuals, _ = yearend
    # The snapshots were made by region; so is this close.
    closing = plan.evaluate(actuals, as_of="2026-12-31", hierarchy=["region"])
    accuracy = plan.accuracy(ACCURACY / "case-study" / "history.jsonl", closing)
    assert isinstance(accuracy, Accuracy)
    document = accuracy.to_dict()
    revenue = document["series"][0]
    run_rate = revenue["methods"][0]
    assert run_rate["method"] == "run_rate"
    assert isinstance(run_rate["summary"]["wape"], Decimal)
    assert accuracy.fact("K-REV", "bias") == run_rate["summary"]["bias"]
    assert accuracy.fact("K-REV", "wape", node="region=east") is not None
    assert accuracy.fact("K-REV", "nonsense") is None
    # The waterfall ends at the actual, and its changes add up to it.
    steps = run_rate["waterfall"]
    assert steps[-1]["kind"] == "actual" and steps[-1]["value"] == revenue["actual"]
    assert steps[0]["value"] + sum(s["change"] for s in steps[1:]) == revenue["actual"]
    with pytest.raises(KeyError):
        accuracy.series("K-NOPE")


def test_dataframes(yearend: Any) -> None:
    pytest.importorskip("pandas")
    plan, _, closing = yearend
    accuracy = plan.accuracy(ACCURACY / "case-study" / "history.jsonl", closing)
    summary = accuracy.summary()
    assert list(summary.columns[:4]) == ["kpi", "node", "owner", "method"]
    first = summary.iloc[0]
    assert (first["kpi"], first["node"], first["method"], first["count"]) == ("K-REV", "", "run_rate", 3)
    points = accuracy.points()
    assert len(points) == int(summary["count"].sum())


def test_bad_histories_are_typed_errors(yearend: Any) -> None:
    plan, _, closing = yearend
    with pytest.raises(ParseError) as e:
        plan.accuracy('{"as_of": "2026-03-31", "evaluation": {"as_of": 7, "kpis": [], "gaps": []}}', closing)
    assert (e.value.code, e.value.path) == ("invalid_type", "/snapshots/0/evaluation/as_of")
    assert "line 1: " in str(e.value)
    with pytest.raises(ParseError) as e:
        plan.accuracy('{"snapshots": [', closing)
    assert e.value.code == "syntax"
    day = {"as_of": "2026-06-30", "evaluation": {"as_of": "2026-06-30", "kpis": [], "gaps": []}}
    with pytest.raises(InvalidArgumentError) as e:
        plan.accuracy([day, day], closing)
    assert e.value.path == "/snapshots/1/as_of"
    with pytest.raises(TypeError):
        plan.accuracy(42, closing)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        plan.accuracy([day], "not an evaluation")  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        plan.accuracy("no-such-history.jsonl", closing)


def test_a_simulation_of_another_day_is_refused(yearend: Any) -> None:
    plan, actuals, _ = yearend
    evaluation = plan.evaluate(actuals, as_of="2026-06-30")
    simulation = plan.simulate(actuals, as_of="2026-03-31", trials=100)
    with pytest.raises(InvalidArgumentError):
        plan.snapshot(evaluation, simulation)
