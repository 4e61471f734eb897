"""Adjustment from Python: proposals, revisions (accepted, edited, refused),
the history with its diffs, undo and cooldowns, replays and what-if
scenarios; typed dicts, DataFrames and errors."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List

import pytest

import salesplan
from salesplan import (
    Actuals,
    Evaluation,
    History,
    InvalidArgumentError,
    ParseError,
    Plan,
    Proposals,
    RejectedError,
    Replay,
    Revised,
    ScenarioComparison,
)

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "tests" / "evaluations" / "case-study"
MID_YEAR = datetime.date(2026, 6, 30)
YEAR_END = datetime.date(2026, 12, 31)
AT = "2026-07-03T09:00:00+08:00"
CHANGE: Dict[str, Any] = {"author": "Sales VP Li Wei", "reason": "Conversion is 22% against a 28% target", "at": AT}


@pytest.fixture(scope="module")
def midyear(plan: Plan, actuals: Actuals) -> Evaluation:
    return plan.evaluate(actuals, as_of=MID_YEAR)


@pytest.fixture(scope="module")
def proposals(plan: Plan, midyear: Evaluation) -> Proposals:
    return plan.propose(midyear)


@pytest.fixture(scope="module")
def revised(plan: Plan, proposals: Proposals, midyear: Evaluation) -> Revised:
    return plan.apply(proposals, evaluation=midyear, **CHANGE)


def _budget(plan: Plan, line: str) -> Decimal:
    amount: Decimal = next(b["amount"] for b in plan.to_dict()["resources"]["budget"] if b["id"] == line)
    return amount


# The case study's loop.


def test_the_case_study_loop_reaches_the_target(
    plan: Plan, actuals: Actuals, proposals: Proposals, revised: Revised
) -> None:
    assert [p["id"] for p in proposals] == ["R-CONV-SERVICE@2026-06-30"]
    assert revised.number == 2 and revised.parent == 1
    r2 = revised.plan
    assert isinstance(r2, Plan) and r2.revision_number == 2 and plan.revision_number == 1
    assert r2.revision == {
        "number": 2,
        "parent": 1,
        "author": "Sales VP Li Wei",
        "at": AT,
        "reason": CHANGE["reason"],
        "proposals": ["R-CONV-SERVICE@2026-06-30"],
    }
    assert plan.revision is None
    document = r2.to_dict()
    assert "S-CARE" in [s["id"] for s in document["strategies"]]
    assert {"T-10", "T-11"} <= {t["id"] for t in document["execution"]["tasks"]}
    assert (_budget(r2, "B-PROMO"), _budget(r2, "B-TRAIN")) == (Decimal("3500000.00"), Decimal("2500000.00"))
    assert not [d for d in r2.validate() if d.severity == "error"]

    revenue = r2.evaluate(actuals, as_of=YEAR_END).kpi("K-REV")
    assert revenue["target"] == salesplan.parse_amount("1.2亿")
    assert revenue["actual"] is not None and revenue["actual"] >= revenue["target"]
    assert salesplan.format_amount(revenue["actual"], max_decimals=3) == "1.211亿"
    assert "revision 2 by Sales VP Li Wei" in r2._repr_html_() and "revision" not in plan._repr_html_()


def test_the_revision_record(plan: Plan, revised: Revised) -> None:
    record = revised.revision
    assert (record["number"], record["parent"], record["author"], record["at"]) == (2, 1, "Sales VP Li Wei", AT)
    assert record["accepted"] == [{"rule": "R-CONV-SERVICE", "as_of": MID_YEAR}]
    assert revised.patch == record["patch"]
    ops = {op["path"]: op for op in revised.patch}
    assert ops["/resources/budget/1/amount"] == {"op": "replace", "path": "/resources/budget/1/amount", "value": Decimal("3500000.00")}
    task = ops["/execution/tasks/9"]["value"]
    assert task["id"] == "T-10" and task["start"] == datetime.date(2026, 8, 1)
    # Every value is typed as the new plan's document types it there.
    document = revised.plan.to_dict()
    for op in revised.patch:
        if op["op"] in ("add", "replace"):
            assert _at(document, op["path"]) == op["value"], op["path"]
    # The patch takes revision 1's content to revision 2's.
    patched = salesplan.apply_patch(plan.to_dict(), revised.patch)
    assert Plan.diff(Plan.from_dict(patched), revised.plan) == []
    assert json.loads(revised.to_json())["patch"][2]["value"] == "3500000.00"
    assert repr(revised) == "Revised(number=2, parent=1, operations=5, accepted=1)"
    with pytest.raises(TypeError, match="plan.apply"):
        Revised()


def _at(document: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        document = document[int(token)] if isinstance(document, list) else document[token]
    return document


def test_proposals_are_typed(plan: Plan, proposals: Proposals) -> None:
    assert proposals.as_of == MID_YEAR and len(proposals) == 1
    d = proposals.to_dict()
    assert d["as_of"] == MID_YEAR and d["conflicts"] == [] and d["suppressed"] == []
    p = proposals.proposal("R-CONV-SERVICE")
    assert p == proposals.proposal("R-CONV-SERVICE@2026-06-30") == d["proposals"][0] == proposals.proposals[0]
    assert p["as_of"] == MID_YEAR and p["priority"] == 10
    assert p["facts"] == [
        {"fact": 'kpi("K-CONV").attainment', "value": Decimal("0.7857")},
        {"fact": 'kpi("K-REV-HIGH").trend', "value": Decimal("400000")},
    ]
    assert p["explanation"] == 'kpi("K-CONV").attainment = 0.7857; kpi("K-REV-HIGH").trend = 400000'
    # The actions are the rule's, typed as the plan's rules are.
    assert p["actions"] == plan.to_dict()["rules"][0]["actions"]
    move = p["actions"][3]
    assert move == {"type": "move_budget", "from": "B-PROMO", "to": "B-TRAIN", "amount": Decimal("1500000.00")}
    assert "budget:B-PROMO" in p["touches"]
    with pytest.raises(KeyError):
        proposals.proposal("R-NOPE")
    assert repr(proposals) == "Proposals(as_of=2026-06-30, proposals=1, conflicts=0, suppressed=0)"
    assert Proposals.from_json(proposals.to_json()).to_dict() == d
    with pytest.raises(TypeError, match="plan.propose"):
        Proposals()


def test_text_facts_stay_text(plan: Plan, actuals: Actuals) -> None:
    document = plan.to_dict()
    document["rules"][1]["when"] = 'kpi("K-CONV").status == "off_track" and risk("R-CHURN").level != "low"'
    proposals = Plan.from_dict(document).propose(Plan.from_dict(document).evaluate(actuals, as_of=MID_YEAR))
    facts = proposals.proposal(document["rules"][1]["id"])["facts"]
    assert [f["value"] for f in facts] == ["off_track", "high"]


def test_proposals_frame_and_display(proposals: Proposals) -> None:
    pytest.importorskip("pandas")
    frame = proposals.to_frame()
    assert list(frame.columns) == [
        "id", "rule", "name", "as_of", "priority", "condition", "explanation", "facts", "actions", "touches",
    ]
    row = frame.iloc[0]
    assert row["id"] == "R-CONV-SERVICE@2026-06-30" and row["as_of"] == MID_YEAR
    assert row["facts"] == {'kpi("K-CONV").attainment': Decimal("0.7857"), 'kpi("K-REV-HIGH").trend': Decimal("400000")}
    assert [a["type"] for a in row["actions"]][:2] == ["add_strategy", "add_task"]
    html = proposals._repr_html_()
    assert html.startswith("<table>") and "as of 2026-06-30 · 1 proposal(s)" in html
    assert "<td>R-CONV-SERVICE@2026-06-30</td>" in html and "move_budget" in html


def test_apply_takes_proposal_dicts_and_datetimes(plan: Plan, proposals: Proposals, midyear: Evaluation, revised: Revised) -> None:
    at = datetime.datetime(2026, 7, 3, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    change = dict(CHANGE, at=at)
    from_dicts = plan.apply(proposals.to_dict()["proposals"], evaluation=midyear, **change)
    assert from_dicts.to_json() == revised.to_json()
    assert from_dicts.plan == revised.plan
    # Dicts as they come back from JSON, strings for decimals and dates.
    plain = json.loads(proposals.to_json())["proposals"]
    assert plan.apply(plain, **CHANGE).plan == revised.plan
    # Nothing accepted is still a revision, when the plan stays valid.
    assert plan.apply([], **CHANGE).revision["patch"] == []


def test_bad_changes(plan: Plan, proposals: Proposals) -> None:
    for change, name in [
        (dict(CHANGE, at="yesterday"), "at"),
        (dict(CHANGE, at=datetime.datetime(2026, 7, 3, 9)), "at"),  # no time zone
        (dict(CHANGE, author=" "), "author"),
        (dict(CHANGE, reason=""), "reason"),
    ]:
        with pytest.raises(InvalidArgumentError) as info:
            plan.apply(proposals, **change)
        assert str(info.value).startswith(f"invalid argument {name}: ")
    with pytest.raises(TypeError, match="at must be"):
        plan.apply(proposals, **dict(CHANGE, at=20260703))
    with pytest.raises(TypeError, match="list of proposal dicts"):
        plan.apply(proposals.proposals[0], **CHANGE)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="^invalid argument proposals/0: missing field `rule`"):
        plan.apply([{"id": "x"}], **CHANGE)
    with pytest.raises(TypeError, match="evaluation must be an Evaluation"):
        plan.propose(plan.to_dict())  # type: ignore[arg-type]


def test_a_refused_change_raises_with_diagnostics_and_changes_nothing(
    plan: Plan, proposals: Proposals, midyear: Evaluation
) -> None:
    before = plan.to_json()
    history = History(plan)
    broken: List[Dict[str, Any]] = copy.deepcopy(proposals.proposals)  # type: ignore[arg-type]
    broken[0]["actions"][1]["task"]["depends_on"] = ["T-404"]
    with pytest.raises(RejectedError) as info:
        plan.apply(broken, evaluation=midyear, **CHANGE)
    error = info.value
    assert isinstance(error, salesplan.SalesplanError) and isinstance(error, ValueError)
    assert error.code == "rejected" and error.path is None
    assert "T-404" in str(error) and str(error).startswith("the change would make the plan invalid: 1 error(s)")
    first = error.diagnostics[0]
    assert isinstance(first, salesplan.Diagnostic)
    assert (first.severity, first.code, first.path) == ("error", "unknown_reference", "/execution/tasks/9/depends_on/0")
    assert plan.to_json() == before and len(history) == 0 and history.latest_number == 1
    # An action that cannot be carried out is a bad argument, not a refusal.
    broken[0]["actions"][1]["task"]["depends_on"] = ["T-09"]
    broken[0]["actions"][3]["amount"] = Decimal("90000000")
    with pytest.raises(InvalidArgumentError):
        plan.apply(broken, evaluation=midyear, **CHANGE)


def test_manual_edits(plan: Plan) -> None:
    patch = [
        {"op": "test", "path": "/resources/budget/1/id", "value": "B-PROMO"},
        {"op": "replace", "path": "/resources/budget/1/amount", "value": Decimal("6000000.00")},
        {"op": "replace", "path": "/resources/budget/5/amount", "value": "500000.00"},
    ]
    change = {"author": "Finance manager Sun Qing", "reason": "Promotion +20% from the reserve", "at": "2026-05-15T16:30:00+08:00"}
    edited = plan.edit(patch, **change)
    assert edited.number == 2 and _budget(edited.plan, "B-PROMO") == Decimal("6000000.00")
    assert edited.revision["accepted"] == [] and [op["op"] for op in edited.patch] == ["replace", "replace"]
    assert plan.edit(json.dumps(json.loads(salesplan._convert.to_json_text(patch))), **change).plan == edited.plan
    # Edits chain: revision 3 from revision 2.
    again = edited.plan.edit([{"op": "replace", "path": "/name", "value": "Renamed"}], **change)
    assert (again.number, again.parent, again.plan.name) == (3, 2, "Renamed")

    with pytest.raises(InvalidArgumentError, match="^invalid argument patch/0: "):
        plan.edit([{"op": "add", "path": "/revision", "value": {}}], **change)
    with pytest.raises(InvalidArgumentError, match="^invalid argument patch/0: "):
        plan.edit([{"op": "remove", "path": "/nope"}], **change)
    with pytest.raises(ParseError) as parse:
        plan.edit([{"op": "rename", "path": "/name"}], **change)
    assert parse.value.path == "/0/op"
    # One operation alone is refused by the core, with its path, as in JavaScript.
    with pytest.raises(ParseError) as alone:
        plan.edit({"op": "remove", "path": "/name"}, **change)  # type: ignore[arg-type]
    assert (alone.value.code, alone.value.path) == ("invalid_type", "")
    with pytest.raises(RejectedError) as info:
        plan.edit([{"op": "replace", "path": "/resources/budget/1/amount", "value": "90000000.00"}], **change)
    assert info.value.diagnostics[0].severity == "error"


# The history.


def test_history_commit_diff_and_undo(plan: Plan, revised: Revised) -> None:
    history = History(plan)
    assert (len(history), history.latest_number, history.base) == (0, 1, plan)
    assert history.commit(revised) == 2
    assert history.latest() == revised.plan == history.plan(2)
    assert history.plan(1) == plan
    assert history.diff(1, 2) == revised.patch
    assert history.log() == [revised.revision]
    with pytest.raises(InvalidArgumentError, match="not from the latest revision 2"):
        history.commit(revised)  # stale: made from revision 1

    undone = history.undo(author="Sales VP Li Wei", reason="Back to the plan as approved", at="2026-07-10T09:00:00+08:00")
    assert (undone.number, undone.parent, history.latest_number, len(history)) == (3, 2, 3, 2)
    assert history.diff(1, 3) == [] and Plan.diff(history.latest(), plan) == []
    assert history.diff(2, 3) == Plan.diff(revised.plan, plan)
    assert history.latest().revision_number == 3 and history.latest() != plan  # the content is the same
    with pytest.raises(InvalidArgumentError, match="no revision 9"):
        history.plan(9)

    # The log survives JSON and pickling.
    back = History.from_json(history.to_json())
    assert back.latest() == history.latest() and back.log() == history.log()
    assert pickle.loads(pickle.dumps(history)).to_json() == history.to_json()
    assert repr(history) == "History(plan='techco-fy2026', base=1, latest=3, revisions=2)"
    html = history._repr_html_()
    assert "techco-fy2026 · revision 1 to 3" in html and "<td>Back to the plan as approved</td>" in html


def test_history_edge_cases(plan: Plan, tmp_path: Path) -> None:
    history = History(plan)
    with pytest.raises(InvalidArgumentError, match="nothing to undo"):
        history.undo(author="a", reason="r", at=AT)
    with pytest.raises(TypeError, match="base must be a Plan"):
        History(plan.to_dict())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="revised must be a Revised"):
        history.commit(plan)  # type: ignore[arg-type]
    with pytest.raises(ParseError) as missing:
        History.from_json('{"revisions": []}')
    assert (missing.value.code, missing.value.path) == ("missing_field", "/base")
    path = tmp_path / "history.json"
    path.write_text(history.to_json(), encoding="utf-8")
    assert History.load(path).to_json() == history.to_json()


def test_cooldown_from_the_history(plan: Plan, actuals: Actuals, revised: Revised) -> None:
    history = History(plan)
    history.commit(revised)
    assert history.accepted() == [{"rule": "R-CONV-SERVICE", "as_of": MID_YEAR}]
    july = plan.evaluate(actuals, as_of="2026-07-31")
    assert [p["rule"] for p in plan.propose(july)] == ["R-CONV-SERVICE"]
    held = plan.propose(july, history.accepted())
    assert len(held) == 0
    assert held.suppressed == [
        {"rule": "R-CONV-SERVICE", "reason": "accepted as of 2026-06-30; cooling down for 2 period(s), 1 elapsed"}
    ]
    assert "cooling down: R-CONV-SERVICE" in held._repr_html_()
    september = plan.evaluate(actuals, as_of="2026-09-30")
    assert [p["rule"] for p in plan.propose(september, history.accepted())] == ["R-CONV-SERVICE"]
    # Accepted proposals may also be written by hand, with text dates.
    assert len(plan.propose(july, [{"rule": "R-CONV-SERVICE", "as_of": "2026-06-30"}])) == 0
    with pytest.raises(InvalidArgumentError, match="^invalid argument accepted/0: "):
        plan.propose(july, [{"rule": "R-CONV-SERVICE"}])
    with pytest.raises(TypeError, match="accepted must be a list"):
        plan.propose(july, {"rule": "R-CONV-SERVICE", "as_of": "2026-06-30"})


def test_conflicts(plan: Plan, actuals: Actuals) -> None:
    document = plan.to_dict()
    twin = copy.deepcopy(document["rules"][0])
    twin["id"] = "R-TWIN"
    twin["actions"] = [a for a in twin["actions"] if a["type"] == "move_budget"]
    document["rules"].append(twin)
    doubled = Plan.from_dict(document)
    proposals = doubled.propose(doubled.evaluate(actuals, as_of=MID_YEAR))
    assert proposals.conflicts == [
        {"target": "budget:B-PROMO", "proposals": ["R-CONV-SERVICE@2026-06-30", "R-TWIN@2026-06-30"]},
        {"target": "budget:B-TRAIN", "proposals": ["R-CONV-SERVICE@2026-06-30", "R-TWIN@2026-06-30"]},
    ]
    assert "conflicts: budget:B-PROMO" in proposals._repr_html_()


def test_a_bad_condition_names_the_rule_and_column(actuals: Actuals) -> None:
    broken = Plan.load(ROOT / "tests" / "adjust" / "condition-error" / "plan.json")
    assert "rule_condition_invalid" in {d.code for d in broken.validate()}
    evaluation = broken.evaluate(actuals, as_of=MID_YEAR)
    with pytest.raises(InvalidArgumentError) as info:
        broken.propose(evaluation)
    assert info.value.code == "invalid_argument"
    assert str(info.value).startswith("invalid argument /rules/1/when: rule R-REV-PACE, column 51: ")


def test_conditions_too_deep_or_too_long_are_refused() -> None:
    # Thousands of nested parentheses overflowed the stack (found by fuzzing).
    document = json.loads(salesplan.example_plan().to_json())
    document["rules"][0]["when"] = "1" + " + 1" * 2000 + " > 0"
    document["rules"][1]["when"] = "(" * 5000 + "1" + ")" * 5000 + " > 0"
    errors = [d for d in Plan.from_dict(document).validate() if d.severity == "error"]
    assert [d.path for d in errors] == ["/rules/0/when", "/rules/1/when"]
    assert errors[0].message.endswith("column 513: the condition is too long: at most 256 tokens")
    assert errors[1].message.endswith("column 33: parentheses and brackets nest more than 32 deep")


def test_formulas_too_deep_are_refused() -> None:
    document = json.loads(salesplan.example_plan().to_json())
    document["kpis"][0]["formula"] = "(" * 20000 + "sum(revenue)" + ")" * 20000
    errors = [d for d in Plan.from_dict(document).validate() if d.severity == "error"]
    assert [d.path for d in errors] == ["/kpis/0/formula"]
    assert "column 33: parentheses nest more than 32 deep" in errors[0].message


def test_diff_and_apply_patch(plan: Plan, revised: Revised) -> None:
    assert Plan.diff(plan, plan) == []
    forth = Plan.diff(plan, revised.plan)
    assert forth == revised.patch
    back = Plan.diff(revised.plan, plan)
    assert salesplan.apply_patch(revised.plan.to_dict(), back) | {"revision": None} == plan.to_dict() | {"revision": None}
    for bad in ("1.5e8", "lots"):
        patched = salesplan.apply_patch(plan.to_dict(), [{"op": "replace", "path": "/goals/0/target", "value": bad}])
        assert patched["goals"][0]["target"] == bad  # the patch applies; the document is not a plan
        with pytest.raises(ParseError) as parse:
            Plan.from_dict(patched)
        assert parse.value.path == "/goals/0/target"
    with pytest.raises(InvalidArgumentError, match="^invalid argument patch/1: "):
        salesplan.apply_patch(plan.to_dict(), [{"op": "test", "path": "/id", "value": plan.id}, {"op": "remove", "path": "/nope"}])
    typed = salesplan.apply_patch(json.loads(plan.to_json()), [{"op": "replace", "path": "/goals/0/target", "value": Decimal("150000000.00")}])
    assert typed["goals"][0]["target"] == Decimal("150000000.00") and typed["period"]["start"] == datetime.date(2026, 1, 1)


# Replay and scenarios.


def test_replay(plan: Plan, actuals: Actuals) -> None:
    replay = plan.replay(actuals)
    d = replay.to_dict()
    assert len(d["steps"]) == 12 and d["steps"][0] == {"period": "2026-01", "as_of": datetime.date(2026, 1, 31), "proposals": [], "suppressed": []}
    assert replay.first_fired == [
        {"rule": "R-CONV-SERVICE", "as_of": datetime.date(2026, 4, 30), "times": 3},
        {"rule": "R-REV-PACE", "as_of": None, "times": 0},
    ]
    assert repr(replay) == "Replay(periods=12, proposals=3)"
    assert len(plan.replay(actuals, until=MID_YEAR).to_dict()["steps"]) == 6
    assert plan.replay(CASE / "actuals.csv", until="2026-12-31").to_json() == replay.to_json()
    html = replay._repr_html_()
    assert "<td>2026-04</td><td>R-CONV-SERVICE</td><td>–</td>" in html
    assert "<td>2026-05</td><td>–</td><td>R-CONV-SERVICE</td>" in html
    with pytest.raises(TypeError, match="plan.replay"):
        Replay()


def test_replay_frame(plan: Plan, actuals: Actuals) -> None:
    pytest.importorskip("pandas")
    frame = plan.replay(actuals).to_frame()
    assert list(frame.columns) == ["period", "as_of", "rule", "outcome", "detail"]
    assert len(frame) == 9  # three firings, each followed by two periods of cooldown
    assert frame["outcome"].tolist()[:3] == ["fired", "suppressed", "suppressed"]
    first = frame.iloc[0]
    assert (first["period"], first["as_of"], first["rule"]) == ("2026-04", datetime.date(2026, 4, 30), "R-CONV-SERVICE")
    assert first["detail"].startswith('kpi("K-CONV").attainment = ')
    assert frame.iloc[1]["detail"].startswith("accepted as of 2026-04-30; cooling down")
    assert plan.replay(actuals, until="2026-03-31").to_frame().empty


SCENARIOS: List[salesplan.Scenario] = [
    {
        "name": "conversion +3 pts",
        "description": "Conversion 25% instead of 22%",
        "run_rate_factor": "1.136",
        "patch": [{"op": "replace", "path": "/kpis/2/target", "value": "0.31"}],
    },
    {"name": "two more reps", "patch": [{"op": "replace", "path": "/resources/headcount/0/heads", "value": 12}]},
    {"name": "promotion +20%", "patch": [{"op": "replace", "path": "/resources/budget/1/amount", "value": Decimal("6000000.00")}]},
]


@pytest.fixture(scope="module")
def comparison(plan: Plan, actuals: Actuals) -> ScenarioComparison:
    return plan.scenarios(SCENARIOS, actuals, as_of=MID_YEAR, simulate={"trials": 2000, "seed": 1})


def test_scenarios(plan: Plan, actuals: Actuals, comparison: ScenarioComparison) -> None:
    assert comparison.as_of == MID_YEAR
    assert [r["scenario"] for r in comparison.rows] == ["base", "conversion +3 pts", "two more reps", "promotion +20%"]
    base, conversion, reps, promotion = comparison.rows
    assert base == comparison.row("base") and base["proposals"] == ["R-CONV-SERVICE"] and "K-CONV" in base["off_track"]
    assert conversion["probability"] is not None and base["probability"] is not None
    assert conversion["probability"] > base["probability"]
    assert reps["sales_capacity"] is not None and base["sales_capacity"] is not None
    assert reps["sales_capacity"] > base["sales_capacity"]
    assert promotion["budget"] - base["budget"] == Decimal("1000000.00") and promotion["errors"] == 0
    assert isinstance(base["target"], Decimal) and isinstance(base["p50"], Decimal)
    assert repr(comparison).startswith("ScenarioComparison(as_of=2026-06-30, scenarios=['base', 'conversion +3 pts'")
    with pytest.raises(KeyError):
        comparison.row("nope")
    # Without a simulation there is no probability; the rest is the same.
    plain = plan.scenarios(SCENARIOS, actuals, as_of="2026-06-30")
    assert all(r["probability"] is None and r["p50"] is None for r in plain.rows)
    assert [dict(r, probability=None, p50=None) for r in comparison.rows] == plain.rows
    html = comparison._repr_html_()
    assert "as of 2026-06-30" in html and "<td>two more reps</td>" in html


def test_scenarios_frame(comparison: ScenarioComparison) -> None:
    pytest.importorskip("pandas")
    frame = comparison.to_frame()
    assert frame.index.name == "scenario" and list(frame.index) == ["base", "conversion +3 pts", "two more reps", "promotion +20%"]
    assert list(frame.columns) == [
        "errors", "warnings", "target", "sales_capacity", "capacity_gap", "budget", "attainment",
        "forecast", "off_track", "proposals", "probability", "p50",
    ]
    assert frame.loc["base", "target"] == Decimal("120000000.00")
    assert frame.loc["two more reps", "capacity_gap"] < frame.loc["base", "capacity_gap"]
    floats = comparison.to_frame(as_float=True)
    for name in ("target", "budget", "probability", "p50", "capacity_gap"):
        assert floats[name].dtype == "float64", name
    assert floats["errors"].tolist() == frame["errors"].tolist()


def test_a_scenario_that_breaks_the_plan_still_gets_a_row(plan: Plan, actuals: Actuals) -> None:
    broken = [{"name": "no budget left", "patch": [{"op": "replace", "path": "/resources/budget/1/amount", "value": "90000000.00"}]}]
    row = plan.scenarios(broken, actuals, as_of=MID_YEAR).row("no budget left")  # type: ignore[arg-type]
    assert row["errors"] >= 1


def test_bad_scenarios(plan: Plan, actuals: Actuals) -> None:
    def compare(scenarios: Any, **options: Any) -> ScenarioComparison:
        return plan.scenarios(scenarios, actuals, as_of=MID_YEAR, **options)

    with pytest.raises(InvalidArgumentError, match="^invalid argument scenarios/0/patch: x: "):
        compare([{"name": "x", "patch": [{"op": "remove", "path": "/nope"}]}])
    with pytest.raises(InvalidArgumentError, match="two scenarios are named"):
        compare([{"name": "base"}])
    with pytest.raises(InvalidArgumentError, match="^invalid argument scenarios/0: "):
        compare([{"name": "x", "weight": 2}])
    with pytest.raises(TypeError, match="list of dicts"):
        compare({"name": "x"})
    with pytest.raises(TypeError, match="run_rate_factor must be"):
        compare([{"name": "x", "run_rate_factor": 1.1}])
    with pytest.raises(ParseError) as parse:
        compare([], simulate={"trails": 100})
    assert parse.value.code == "unknown_field" and parse.value.path == "/trails"
    with pytest.raises(InvalidArgumentError, match="^invalid argument run_rate_factor: "):
        compare([{"name": "x", "run_rate_factor": "-1"}], simulate={"trials": 100})
    # The simulation's options are Plan.simulate's, typed as it takes them.
    options = {"trials": 300, "seed": 3, "target": "1.5亿", "new_business_from": datetime.date(2026, 7, 31)}
    row = compare([], simulate=options).row("base")
    assert row["probability"] is not None and row["target"] == Decimal("120000000.00")


def test_run_rate_factor_in_simulate(plan: Plan, actuals: Actuals) -> None:
    base = plan.simulate(actuals, as_of=MID_YEAR, trials=2000, seed=1)
    more = plan.simulate(actuals, as_of=MID_YEAR, trials=2000, seed=1, run_rate_factor="1.136")
    assert more.probability > base.probability
    same = plan.simulate(actuals, as_of=MID_YEAR, trials=2000, seed=1, run_rate_factor=Decimal("1.136"))
    assert same.to_json() == more.to_json()
    with pytest.raises(TypeError, match="run_rate_factor must be"):
        plan.simulate(actuals, as_of=MID_YEAR, run_rate_factor=1.1)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="^invalid argument run_rate_factor: "):
        plan.simulate(actuals, as_of=MID_YEAR, run_rate_factor=101)
