"""The outputs of the core, typed by the schema the Rust types generate
(``schema/outputs.schema.json``): the generated TypedDicts in
salesplan._types have exactly the keys of real outputs, no output keeps a
string that reads as a decimal or a day, and pieces of a plan inside an
output (a proposal's actions, a revision's patch) come out as the plan's
own typing gives them. That the generated files are current is checked by
``scripts/generate-types.py --check``."""

from __future__ import annotations

import copy
import datetime
import decimal
import json
import re
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterator, Tuple

import pytest

import salesplan
from salesplan import _native, _schema, _types

CASE = Path(__file__).resolve().parents[2] / "tests" / "evaluations" / "case-study"

RISK = Path(__file__).resolve().parents[2] / "tests" / "risk"
ADJUST = Path(__file__).resolve().parents[2] / "tests" / "adjust"
# Keys whose contents are pieces of a plan, typed by the plan's schema.
PLAN_PARTS = frozenset({"actions", "patch"})
CHANGE = {"author": "Sales VP Li Wei", "reason": "conversion", "at": "2026-07-03T09:00:00+08:00"}


def _outputs() -> Dict[str, Any]:
    """Raw JSON of one of each output, with every optional part present."""
    plan = salesplan.example_plan()
    actuals = plan.load_actuals(CASE / "actuals.csv")
    pipeline = (CASE / "pipeline.json").read_text(encoding="utf-8")
    evaluation = plan.evaluate(actuals, as_of="2026-12-31", hierarchy=["region"], pipeline=pipeline)
    tree = {"id": "CO", "children": [{"id": "A", "submitted": "1"}, {"id": "B", "submitted": "2"}]}
    lenient = plan.load_actuals("date,measure,value\n2026-01-01,revenue,x\n", lenient=True)
    funnel = {"leads": 100, "won": 10, "revenue": 1000}
    small = json.loads((RISK / "simulate-small-exact" / "input.json").read_text(encoding="utf-8"))
    midyear = plan.evaluate(actuals, as_of="2026-06-30")
    revised = plan.apply(plan.propose(midyear), evaluation=midyear, **CHANGE)
    history = salesplan.History(plan)
    history.commit(revised)
    july = plan.evaluate(actuals, as_of="2026-07-31")
    # A second rule moving the same budget, so that proposals conflict.
    document = plan.to_dict()
    twin = copy.deepcopy(document["rules"][0])
    twin["id"] = "R-TWIN"
    document["rules"].append(twin)
    doubled = salesplan.Plan.from_dict(document)
    monitored = plan.evaluate(
        actuals,
        as_of="2026-06-30",
        updates=CASE / "updates.csv",
        resources=CASE / "resources.csv",
    )
    scenarios = json.loads((ADJUST / "scenarios-case-study" / "input.json").read_text(encoding="utf-8"))
    comparison = plan.scenarios(scenarios["scenarios"], actuals, as_of="2026-06-30", simulate={"trials": 200})
    return {
        "evaluation": json.loads(evaluation.to_json()),
        "observations": json.loads(actuals._actuals.to_json()),
        "problems": lenient.problems,
        "phases": json.loads(plan._plan.phase_goal_json("G-REV")),
        "allocation": json.loads(_native.cascade_json(100, json.dumps(tree))),
        "gap": json.loads(_native.decompose_gap_json(funnel, funnel)),  # type: ignore[arg-type]
        "funnel": json.loads(_native.reverse_funnel_json(100, 10, "0.5", "0.5")),
        "economics": json.loads(_native.unit_economics_json(100, 10, 100, "0.5", "0.5")),
        "register": json.loads(plan.risk_register(plan.evaluate(actuals, as_of="2026-06-30")).to_json()),
        "planned_register": json.loads(plan.risk_register().to_json()),
        # With new business fitted; and without, with the exact probability.
        "simulation": json.loads(plan.simulate(actuals, pipeline, as_of="2026-06-30", trials=200).to_json()),
        "exact_simulation": json.loads(
            plan._plan.simulate(None, json.dumps(small["pipeline"]), json.dumps(small["options"])).to_json()
        ),
        "proposals": json.loads(doubled.propose(doubled.evaluate(actuals, as_of="2026-06-30")).to_json()),
        "cooling": json.loads(plan.propose(july, history.accepted()).to_json()),
        "revision": json.loads(revised.to_json()),
        "plan_revision": json.loads(revised.plan.to_json())["revision"],
        "log": json.loads(history._history.revisions_json()),
        "accepted": json.loads(history._history.accepted_json()),
        "replay": json.loads(plan.replay(actuals).to_json()),
        "scenarios": json.loads(comparison.to_json()),
        "monitoring": json.loads(monitored.to_json())["monitoring"],
        "monitored_register": json.loads(plan.risk_register(monitored).to_json()),
    }


OUTPUTS = _outputs()


def _fields(value: Any) -> Iterator[Tuple[str, Any]]:
    """Every field of an output, save inside pieces of a plan."""
    if isinstance(value, list):
        for item in value:
            yield from _fields(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            if key not in PLAN_PARTS:
                yield from _fields(item)


def _keys(typed_dict: Any) -> FrozenSet[str]:
    return frozenset(typed_dict.__required_keys__ | typed_dict.__optional_keys__)


@pytest.mark.parametrize(
    ("typed_dict", "sample"),
    [
        (_types.EvaluationDict, lambda o: o["evaluation"]),
        (_types.KpiResult, lambda o: o["evaluation"]["kpis"][0]),
        (_types.PeriodResult, lambda o: o["evaluation"]["kpis"][0]["periods"][0]),
        (_types.NodeGap, lambda o: o["evaluation"]["gaps"][0]),
        (_types.Observation, lambda o: o["observations"][0]),
        (_types.RowProblem, lambda o: o["problems"][0]),
        (_types.PeriodTarget, lambda o: o["phases"][0]),
        (_types.Allocation, lambda o: o["allocation"]),
        (_types.GapEffects, lambda o: o["gap"]),
        (_types.ReverseFunnel, lambda o: o["funnel"]),
        (_types.UnitEconomics, lambda o: o["economics"]),
        (_types.RiskRegisterDict, lambda o: o["register"]),
        (_types.RiskMatrix, lambda o: o["register"]["matrix"]),
        (_types.RiskBand, lambda o: o["register"]["matrix"]["bands"][0]),
        (_types.ScoredRisk, lambda o: o["register"]["risks"][2]),
        (_types.RiskScore, lambda o: o["register"]["risks"][0]["inherent"]),
        (_types.IndicatorReading, lambda o: o["register"]["risks"][0]["indicators"][0]),
        (_types.RiskMove, lambda o: o["monitored_register"]["moves"][1]),
        (_types.SignalReading, lambda o: o["monitored_register"]["risks"][2]["signals"][0]),
        (_types.RiskTotals, lambda o: o["register"]["totals"]),
        (_types.RiskTotal, lambda o: o["register"]["totals"]["by_category"][0]),
        (_types.RiskHeatmap, lambda o: o["register"]["heatmap"]),
        (_types.SimulationDict, lambda o: o["simulation"]),
        (_types.PipelineSummary, lambda o: o["simulation"]["pipeline"]),
        (_types.NewBusinessFit, lambda o: o["simulation"]["new_business"]),
        (_types.HistogramBin, lambda o: o["simulation"]["histogram"][0]),
        (_types.SimulationDriver, lambda o: o["simulation"]["drivers"][0]),
        (_types.ProposalsDict, lambda o: o["proposals"]),
        (_types.Proposal, lambda o: o["proposals"]["proposals"][0]),
        (_types.FactReading, lambda o: o["proposals"]["proposals"][0]["facts"][0]),
        (_types.Conflict, lambda o: o["proposals"]["conflicts"][0]),
        (_types.Suppressed, lambda o: o["cooling"]["suppressed"][0]),
        (_types.Revision, lambda o: o["revision"]),
        (_types.Revision, lambda o: o["log"][0]),
        (_types.Accepted, lambda o: o["revision"]["accepted"][0]),
        (_types.Accepted, lambda o: o["accepted"][0]),
        (_types.RevisionInfo, lambda o: o["plan_revision"]),
        (_types.ReplayDict, lambda o: o["replay"]),
        (_types.ReplayStep, lambda o: o["replay"]["steps"][0]),
        (_types.FirstFired, lambda o: o["replay"]["first_fired"][0]),
        (_types.ScenarioComparisonDict, lambda o: o["scenarios"]),
        (_types.ScenarioRow, lambda o: o["scenarios"]["rows"][0]),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_typed_dicts_have_the_output_keys(typed_dict: Any, sample: Any) -> None:
    # Every key the output has is declared; the required ones it always has.
    keys = frozenset(sample(OUTPUTS))
    assert typed_dict.__required_keys__ <= keys <= _keys(typed_dict)


def test_every_kpi_result_field_has_a_dataframe_column() -> None:
    from salesplan._evaluation import _GAP_COLUMNS, _KPI_COLUMNS, _PERIOD_COLUMNS

    assert set(_KPI_COLUMNS) == _keys(_types.KpiResult) - {"periods"}
    assert set(_PERIOD_COLUMNS) == _keys(_types.PeriodResult) | {"kpi", "node"}
    assert set(_GAP_COLUMNS) == _keys(_types.NodeGap)


def test_every_risk_and_simulation_field_has_a_dataframe_column() -> None:
    from salesplan._risk import _BIN_COLUMNS, _DRIVER_COLUMNS, _RISK_COLUMNS, _SCORE_FIELDS, _SCORES

    assert set(_SCORE_FIELDS) == _keys(_types.RiskScore)
    assert set(_SCORES) == {k for k, v in _types.ScoredRisk.__annotations__.items() if "RiskScore" in str(v)}
    flattened = {f"{score}_{field}" for score in _SCORES for field in _SCORE_FIELDS}
    assert set(_RISK_COLUMNS) == (_keys(_types.ScoredRisk) - set(_SCORES)) | flattened | {"breached"}
    assert set(_BIN_COLUMNS) == _keys(_types.HistogramBin)
    assert set(_DRIVER_COLUMNS) == _keys(_types.SimulationDriver)


def test_dataframes_have_every_field() -> None:
    pytest.importorskip("pandas")
    from salesplan._risk import _BIN_COLUMNS, _DRIVER_COLUMNS, _RISK_COLUMNS

    plan = salesplan.example_plan()
    simulation = plan.simulate(None, "[]", as_of="2026-06-30", new_business="none", trials=10)
    assert tuple(plan.risk_register().risks().columns) == _RISK_COLUMNS
    assert tuple(simulation.histogram().columns) == _BIN_COLUMNS
    assert tuple(simulation.drivers().columns) == _DRIVER_COLUMNS


# The schema each sample is an instance of.
SCHEMA_NAMES = {
    "evaluation": "Evaluation",
    "observations": "Observation",
    "problems": "RowProblem",
    "phases": "PeriodTarget",
    "allocation": "Allocation",
    "gap": "GapEffects",
    "funnel": "ReverseFunnel",
    "economics": "UnitEconomics",
    "register": "RiskRegister",
    "planned_register": "RiskRegister",
    "simulation": "Simulation",
    "exact_simulation": "Simulation",
    "proposals": "Proposals",
    "cooling": "Proposals",
    "revision": "Revision",
    "plan_revision": "RevisionInfo",
    "log": "Revision",
    "accepted": "Accepted",
    "replay": "Replay",
    "scenarios": "ScenarioComparison",
    "monitoring": "Monitoring",
    "monitored_register": "RiskRegister",
}
NUMERAL = re.compile(r"-?[0-9]+(\.[0-9]+)?|[0-9]{4}-[0-9]{2}-[0-9]{2}")


def typed(name: str) -> Any:
    from salesplan._adjust import typed as adjust_typed

    return adjust_typed(OUTPUTS[name], SCHEMA_NAMES[name])


def test_every_sample_has_a_schema() -> None:
    assert set(SCHEMA_NAMES) == set(OUTPUTS)


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_no_string_is_left_that_reads_as_a_decimal_or_a_day(name: str) -> None:
    for key, item in _fields(typed(name)):
        if isinstance(item, str) and NUMERAL.fullmatch(item):
            pytest.fail(f"{key}: {item!r} is still a string")


def test_outputs_hold_decimals_and_days() -> None:
    evaluation = typed("evaluation")
    assert isinstance(evaluation["as_of"], datetime.date)
    assert all(isinstance(k["target"], decimal.Decimal) for k in evaluation["kpis"] if k["node"] == "")
    bins = typed("simulation")["histogram"]
    assert isinstance(bins[0]["from"], decimal.Decimal) and isinstance(bins[0]["count"], int)
    facts = [f for p in typed("proposals")["proposals"] for f in p["facts"]]
    assert any(isinstance(f["value"], decimal.Decimal) for f in facts)
    conflicts = typed("proposals")["conflicts"]
    assert all(isinstance(c["target"], str) for c in conflicts)


def _keys_of_every(items: Any) -> FrozenSet[str]:
    return frozenset(key for item in items for key in item)


def test_patch_operations_and_scenarios_have_their_keys() -> None:
    ops = OUTPUTS["revision"]["patch"] + [op for r in OUTPUTS["log"] for op in r["patch"]]
    for op in ops:
        assert frozenset(op) == _keys(getattr(_types, "PatchOp" + op["op"].capitalize())), op
    assert {op["op"] for op in ops} <= set(_types.PatchOperation.__args__)  # type: ignore[attr-defined]
    scenarios = json.loads((ADJUST / "scenarios-case-study" / "input.json").read_text(encoding="utf-8"))["scenarios"]
    assert _keys_of_every(scenarios) == _keys(_types.Scenario)


def test_pieces_of_a_plan_are_typed_as_the_plan_types_them() -> None:
    plan = salesplan.example_plan()
    proposal = typed("proposals")["proposals"][0]
    assert proposal["actions"] == plan.to_dict()["rules"][0]["actions"]
    revision = typed("revision")
    document = plan.to_dict()
    patched = salesplan.apply_patch(document, revision["patch"])
    for op in revision["patch"]:
        node: Any = patched
        for token in op["path"].split("/")[1:]:
            node = node[int(token)] if isinstance(node, list) else node[token]
        assert node == op["value"], op["path"]
    assert any(isinstance(op["value"], dict) for op in revision["patch"])


def test_every_adjustment_field_has_a_dataframe_column() -> None:
    from salesplan._adjust import _PROPOSAL_COLUMNS, _REPLAY_COLUMNS, _SCENARIO_COLUMNS

    assert set(_PROPOSAL_COLUMNS) == _keys(_types.Proposal)
    assert set(_SCENARIO_COLUMNS) == _keys(_types.ScenarioRow)
    # A row per rule that fired or was held back: the step's day, the rule,
    # which it was, and the explanation or the reason.
    assert set(_REPLAY_COLUMNS) == (_keys(_types.ReplayStep) - {"proposals", "suppressed"}) | {"rule", "outcome", "detail"}
