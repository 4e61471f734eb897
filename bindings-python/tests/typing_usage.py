"""A typed notebook session, checked with `mypy --strict` by test_typing.py
and also run as code. Not collected by pytest itself."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

import pandas

import salesplan
from salesplan import _types
from salesplan import (
    Accepted,
    Actuals,
    Allocation,
    AmountUnit,
    CascadeNode,
    Diagnostic,
    Evaluation,
    EvaluationDict,
    FactReading,
    FirstFired,
    GapEffects,
    HistogramBin,
    History,
    IndicatorReading,
    KpiResult,
    NewBusinessFit,
    NodeGap,
    Observation,
    PatchOp,
    PeriodTarget,
    Plan,
    Proposal,
    Proposals,
    ProposalsDict,
    Replay,
    ReplayDict,
    ReverseFunnel,
    Revised,
    Revision,
    RevisionInfo,
    RiskLevel,
    RiskMove,
    RiskRegister,
    RiskRegisterDict,
    RiskTotals,
    RowProblem,
    Scenario,
    ScenarioComparison,
    ScenarioRow,
    ScoredRisk,
    Simulation,
    SimulationDict,
    Status,
    UnitEconomics,
)


def errors_of(plan: Plan) -> List[Diagnostic]:
    return [d for d in plan.validate() if d.severity == "error"]


def headline(plan: Plan, unit: AmountUnit = "yi") -> str:
    document: Dict[str, Any] = plan.to_dict()
    target: Decimal = document["goals"][0]["target"]
    return salesplan.format_amount(target, unit=unit, max_decimals=2, grouping=True)


def main(folder: Path) -> None:
    plan: Plan = salesplan.example_plan()
    assert errors_of(plan) == []
    name: str = plan.name
    assert name and plan.id and plan.currency
    target: Decimal = salesplan.parse_amount("1.2亿")
    assert plan.to_dict()["goals"][0]["target"] == target
    assert headline(plan) == "1.2亿"
    start: datetime.date = plan.to_dict()["period"]["start"]
    assert start.year == 2026

    path = folder / "plan.json"
    path.write_text(plan.to_json(), encoding="utf-8")
    assert Plan.load(path) == Plan.from_json(plan.to_json()) == Plan.from_dict(plan.to_dict())

    schema: Dict[str, Any] = salesplan.plan_schema()
    assert schema["$defs"]
    version: str = salesplan.__version__
    assert version

    try:
        Plan.from_json("{}")
    except salesplan.ParseError as error:
        code: str = error.code
        where: Optional[str] = error.path
        assert code == "missing_field" and where == "/schema"

    for d in plan.validate():
        row: Dict[str, str] = d.to_dict()
        assert row["code"] == d.code and row["path"] == d.path and row["message"] == d.message

    monitor(plan, folder)
    arithmetic(plan)
    risks(plan)
    adjust(plan, folder)
    forecast_accuracy(plan, folder)


def monitor(plan: Plan, folder: Path) -> None:
    text = "date,measure,value,region\n2026-01-20,revenue,6500000,east\n2026-01-21,revenue,x,west\n"
    lenient: Actuals = plan.load_actuals(text, lenient=True)
    problems: List[RowProblem] = lenient.problems
    assert problems[0]["row"] == 2 and len(lenient) == 1
    try:
        plan.load_actuals(text)
    except salesplan.ActualsError as error:
        assert error.problems == problems
    records: List[Observation] = lenient.to_records()
    day: datetime.date = records[0]["date"]
    value: Decimal = records[0]["value"]
    assert day.month == 1 and value == 6500000
    (folder / "actuals.csv").write_text(text.splitlines()[0] + "\n" + text.splitlines()[1] + "\n", encoding="utf-8")
    actuals = Actuals.from_records(plan, records)
    assert len(plan.load_actuals(folder / "actuals.csv")) == len(actuals)

    evaluation: Evaluation = plan.evaluate(actuals, as_of=datetime.date(2026, 1, 31), hierarchy=["region"])
    document: EvaluationDict = evaluation.to_dict()
    revenue: KpiResult = evaluation.kpi("K-REV")
    status: Optional[Status] = revenue["status"]
    attainment: Optional[Decimal] = revenue["attainment"]
    assert document["as_of"] == evaluation.as_of and status == "at_risk" and attainment is not None
    gaps: List[NodeGap] = document["gaps"]
    assert all(g["biggest"] in ("volume", "conversion", "deal_size") for g in gaps)
    frame: pandas.DataFrame = evaluation.kpis(as_float=True)
    periods: pandas.DataFrame = evaluation.periods()
    assert len(frame) == len(document["kpis"]) and len(periods) > 0
    assert len(evaluation.gaps()) == len(gaps)


def arithmetic(plan: Plan) -> None:
    phases: List[PeriodTarget] = plan.phase_goal("G-REV")
    assert sum(p["target"] for p in phases) == salesplan.parse_amount("1.2亿")
    tree: CascadeNode = {"id": "CO", "children": [{"id": "A", "weight": "2"}, {"id": "B", "submitted": Decimal("1")}]}
    allocation: Allocation = salesplan.cascade(Decimal("300"), tree)
    assert [c["target"] for c in allocation.get("children", [])] == [200, 100]
    parts: List[Decimal] = salesplan.allocate("100", ["1", 1, Decimal("1")])
    assert sum(parts) == 100
    gap: GapEffects = salesplan.decompose_gap(
        {"leads": 100, "won": 10, "revenue": "1000"}, {"leads": 120, "won": 15, "revenue": Decimal("1800")}
    )
    assert gap["volume"] + gap["conversion"] + gap["deal_size"] == gap["variance"]
    funnel: ReverseFunnel = salesplan.reverse_funnel("1.2亿", "40万", "0.25", "0.3")
    heads: Decimal = salesplan.heads_needed("3000万", "400万", 3, "0.10", 12)
    economics: UnitEconomics = salesplan.unit_economics("2000万", 300, 330000, "0.6", "0.15")
    assert funnel["leads"] > 0 and heads == 10 and economics["ltv_to_cac"] > 1


def risks(plan: Plan) -> None:
    planned: RiskRegister = plan.risk_register()
    assert planned.as_of is None and planned.moves == []
    text = "date,measure,value\n2026-01-20,revenue,6500000\n2026-01-20,won_deals,30\n"
    actuals = plan.load_actuals(text)
    register = plan.risk_register(plan.evaluate(actuals, as_of="2026-01-31"))
    as_of: Optional[datetime.date] = register.as_of
    document: RiskRegisterDict = register.to_dict()
    churn: ScoredRisk = register.risk("R-CHURN")
    level: Optional[RiskLevel] = churn["inherent"]["level"]
    readings: List[IndicatorReading] = churn["indicators"]
    exposure: Optional[Decimal] = churn["exposure"]
    moves: List[RiskMove] = register.moves
    totals: RiskTotals = register.totals
    assert as_of == datetime.date(2026, 1, 31) and level is not None and readings and exposure
    assert len(moves) <= len(document["risks"]) and totals["exposure"] > 0
    table: pandas.DataFrame = register.risks(as_float=True)
    heat: pandas.DataFrame = register.heatmap("residual")
    assert len(table) == len(document["risks"]) and int(heat.values.sum()) == len(table)

    deals: List[Dict[str, Any]] = [
        {"id": "D-1", "amount": Decimal("5000000"), "probability": "0.5", "expected_close": datetime.date(2026, 9, 30)},
        {"id": "D-2", "amount": "3000000", "amount_low": "2000000", "amount_high": "4000000",
         "probability": "0.7", "expected_close": "2026-10-31"},
    ]
    simulation: Simulation = plan.simulate(
        actuals, deals, as_of=datetime.date(2026, 6, 30), target="800万", trials=2000, seed=42,
        new_business="none", bins=10, drivers=2, threads=1,
    )
    probability: Decimal = simulation.probability
    exact: Optional[Decimal] = simulation.exact_probability
    middle: Decimal = simulation.p50
    result: SimulationDict = simulation.to_dict()
    bins: List[HistogramBin] = result["histogram"]
    fit: Optional[NewBusinessFit] = result["new_business"]
    assert 0 <= probability <= 1 and exact is None and middle >= result["closed"] and fit is None
    assert sum(b["count"] for b in bins) == simulation.trials == 2000
    frame: pandas.DataFrame = simulation.histogram(as_float=True)
    drivers: pandas.DataFrame = simulation.drivers()
    assert len(frame) == 10 and list(drivers["deal"]) == ["D-1", "D-2"]
    try:
        plan.simulate(None, deals, as_of="2026-06-30", trials=0, new_business="none")
    except salesplan.InvalidArgumentError as error:
        assert error.code == "invalid_argument"


def forecast_accuracy(plan: Plan, folder: Path) -> None:
    text = "date,measure,value\n2026-01-20,revenue,9000000\n2026-02-15,revenue,12000000\n"
    actuals = plan.load_actuals(text)
    history = folder / "history.jsonl"
    for day in ("2026-01-31", "2026-02-28"):
        kept: Dict[str, Any] = plan.snapshot(plan.evaluate(actuals, as_of=day), append_to=history)
        assert kept["as_of"] == day
    accuracy: salesplan.Accuracy = plan.accuracy(history, plan.evaluate(actuals, as_of="2026-12-31"))
    bias: Optional[Decimal] = accuracy.fact("K-REV", "bias")
    summary: pandas.DataFrame = accuracy.summary()
    assert bias is not None and bias > 0 and len(summary) >= 1


def adjust(plan: Plan, folder: Path) -> None:
    text = "date,measure,value,segment\n"
    # Conversion 0.2 against 0.28 while high-end revenue grows: R-CONV-SERVICE.
    for month, won, high in ((1, 26, 1000000), (2, 21, 1500000), (3, 25, 2000000)):
        day = f"2026-{month:02d}-28"
        text += f"{day},revenue,8000000,SEG-MID\n{day},revenue,{high},SEG-HIGH\n"
        text += f"{day},opportunities,120,\n{day},won_deals,{won},\n"
    actuals = plan.load_actuals(text)
    evaluation = plan.evaluate(actuals, as_of="2026-03-31")
    proposals: Proposals = plan.propose(evaluation)
    assert [p["rule"] for p in proposals] == ["R-CONV-SERVICE"]
    document: ProposalsDict = proposals.to_dict()
    as_of: datetime.date = proposals.as_of
    for proposal in proposals:
        fired: Proposal = proposal
        facts: List[FactReading] = fired["facts"]
        value: Union[Decimal, str, None] = facts[0]["value"]
        actions: List[_types.Action] = fired["actions"]
        kinds: List[str] = [action["type"] for action in actions]
        assert fired["as_of"] == as_of and value is not None and kinds
    assert len(document["proposals"]) == len(proposals)
    frame: pandas.DataFrame = proposals.to_frame()
    assert len(frame) == len(proposals)

    at = datetime.datetime(2026, 4, 2, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    revised: Revised = plan.apply(proposals, author="Sales VP", reason="conversion", at=at, evaluation=evaluation)
    revision: Revision = revised.revision
    patch: List[PatchOp] = revised.patch
    accepted: List[Accepted] = revision["accepted"]
    info: Optional[RevisionInfo] = revised.plan.revision
    number: int = revised.plan.revision_number
    assert number == revised.number == 2 and info is not None and info["number"] == 2
    assert len(accepted) == len(proposals) and patch == revision["patch"]

    history = History(plan)
    assert history.commit(revised) == 2
    again: List[Accepted] = history.accepted()
    held: Proposals = plan.propose(evaluation, again)
    assert len(held) == 0 and held.suppressed[0]["rule"] == "R-CONV-SERVICE"
    edit: List[Dict[str, Any]] = [{"op": "replace", "path": "/resources/budget/1/amount", "value": Decimal("3000000.00")}]
    edited: Revised = history.latest().edit(edit, author="Finance", reason="trim", at="2026-04-03T09:00:00Z")
    history.commit(edited)
    log: List[Revision] = history.log()
    back: List[PatchOp] = history.diff(3, 2)
    undone: Revised = history.undo(author="Finance", reason="undo", at="2026-04-04T09:00:00Z")
    assert len(log) == 2 and back and undone.number == 4 and Plan.diff(history.plan(4), history.plan(2)) == []
    (folder / "history.json").write_text(history.to_json(), encoding="utf-8")
    assert History.load(folder / "history.json").latest_number == 4
    content: Dict[str, Any] = salesplan.apply_patch(plan.to_dict(), Plan.diff(plan, history.plan(2)))
    assert Plan.diff(Plan.from_dict(content), history.plan(2)) == []
    try:
        plan.edit([{"op": "replace", "path": "/resources/budget/1/amount", "value": "90000000.00"}],
                  author="x", reason="y", at="2026-04-05T09:00:00Z")
    except salesplan.RejectedError as error:
        first: Diagnostic = error.diagnostics[0]
        assert error.code == "rejected" and first.severity == "error"

    replay: Replay = plan.replay(actuals, until=datetime.date(2026, 3, 31))
    steps: ReplayDict = replay.to_dict()
    firsts: List[FirstFired] = replay.first_fired
    timeline: pandas.DataFrame = replay.to_frame()
    assert len(steps["steps"]) == 3 and len(firsts) == len(plan.to_dict()["rules"]) and len(timeline) >= 0

    scenarios: List[Scenario] = [
        {"name": "more reps", "patch": [{"op": "replace", "path": "/resources/headcount/0/heads", "value": 12}]},
        {"name": "better conversion", "run_rate_factor": Decimal("1.1"), "description": "+10% won deals"},
    ]
    comparison: ScenarioComparison = plan.scenarios(
        scenarios, actuals, as_of="2026-03-31", simulate={"trials": 500, "seed": 1}
    )
    rows: List[ScenarioRow] = comparison.rows
    table: pandas.DataFrame = comparison.to_frame(as_float=True)
    chance: Optional[Decimal] = comparison.row("more reps")["probability"]
    assert len(rows) == 3 and list(table.index) == ["base", "more reps", "better conversion"] and chance is not None
