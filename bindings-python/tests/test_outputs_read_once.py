"""Risk registers, simulations, proposals, revisions, replays and scenario
comparisons read their JSON once: every accessor still gives what reading
it afresh gives, and a value of its own that the caller may change."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import pytest

from salesplan import Actuals, Plan, _adjust

CASE = Path(__file__).resolve().parents[2] / "tests" / "evaluations" / "case-study"
MID_YEAR = datetime.date(2026, 6, 30)
CHANGE: Dict[str, Any] = {"author": "Li Wei", "reason": "conversion", "at": "2026-07-03T09:00:00+08:00"}


def _scribble(value: Any) -> None:
    """Changes every container in a value, all the way down."""
    if isinstance(value, dict):
        for item in value.values():
            _scribble(item)
        value["scribbled"] = True
    elif isinstance(value, list):
        for item in value:
            _scribble(item)
        value.append("scribbled")


def _outputs(plan: Plan, actuals: Actuals) -> List[Tuple[str, Any, Callable[[str], Any], List[str]]]:
    """(name, output, how its JSON reads, the accessors to check)."""
    deals = json.loads((CASE / "pipeline.json").read_text(encoding="utf-8"))
    evaluation = plan.evaluate(actuals, as_of=MID_YEAR)
    proposals = plan.propose(evaluation)
    scenarios = [{"name": "two more reps", "patch": [{"op": "replace", "path": "/resources/headcount/0/heads", "value": 12}]}]
    def typed(name: str) -> Callable[[str], Any]:
        return lambda text: _adjust.typed(json.loads(text), name)

    return [
        ("register", plan.risk_register(evaluation), typed("RiskRegister"), ["matrix", "moves", "totals"]),
        ("simulation", plan.simulate(actuals, deals, as_of=MID_YEAR, trials=500, seed=3), typed("Simulation"), []),
        ("proposals", proposals, typed("Proposals"), ["proposals", "conflicts", "suppressed"]),
        ("replay", plan.replay(actuals, until=MID_YEAR), typed("Replay"), ["first_fired"]),
        ("scenarios", plan.scenarios(scenarios, actuals, as_of=MID_YEAR), typed("ScenarioComparison"), ["rows"]),  # type: ignore[arg-type]
    ]


def test_every_accessor_gives_a_value_of_its_own(plan: Plan, actuals: Actuals) -> None:
    for name, output, read, accessors in _outputs(plan, actuals):
        expected = read(output.to_json())
        for _ in range(2):
            got = output.to_dict()
            assert got == expected, name
            _scribble(got)
            for accessor in accessors:
                value = getattr(output, accessor)
                assert value == expected[accessor], (name, accessor)
                _scribble(value)
        assert output.to_dict() == expected, name


def test_lookups_give_values_of_their_own(plan: Plan, actuals: Actuals) -> None:
    outputs = {name: output for name, output, _, _ in _outputs(plan, actuals)}
    register, proposals, scenarios = outputs["register"], outputs["proposals"], outputs["scenarios"]
    first = register.to_dict()["risks"][0]["risk"]
    _scribble(register.risk(first))
    assert register.risk(first) == register.to_dict()["risks"][0]
    rule = proposals.to_dict()["proposals"][0]["rule"]
    _scribble(proposals.proposal(rule))
    assert proposals.proposal(rule) == proposals.to_dict()["proposals"][0]
    _scribble(scenarios.row("base"))
    assert scenarios.row("base") == scenarios.to_dict()["rows"][0]
    with pytest.raises(KeyError):
        register.risk("R-NOPE")


def test_a_revision_record_is_read_once(plan: Plan, actuals: Actuals) -> None:
    evaluation = plan.evaluate(actuals, as_of=MID_YEAR)
    revised = plan.apply(plan.propose(evaluation), evaluation=evaluation, **CHANGE)
    expected = _adjust.typed(json.loads(revised.to_json()), "Revision")
    for _ in range(2):
        record = revised.revision
        assert record == expected
        _scribble(record)
        patch = revised.patch
        assert patch == expected["patch"]
        _scribble(patch)


def test_frames_do_not_share_containers_with_the_output(plan: Plan, actuals: Actuals) -> None:
    pytest.importorskip("pandas")
    register = plan.risk_register(plan.evaluate(actuals, as_of=MID_YEAR))
    for risk in register.to_dict()["risks"]:
        _scribble(risk)  # nothing the frames take from
    frame = register.risks()
    lists = [name for name in frame.columns if isinstance(frame[name].iloc[0], list)]
    assert lists
    for name in lists:
        frame[name].iloc[0].append("scribbled")
        assert "scribbled" not in register.risks()[name].iloc[0]
