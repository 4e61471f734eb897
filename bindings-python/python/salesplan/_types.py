"""The shapes of the dicts that go in and out of salesplan, for type checkers.

Outputs hold ``decimal.Decimal`` for decimals and ``datetime.date`` for dates;
``None`` where the core has no value (a KPI without a target has no
attainment). Inputs take a ``Decimal``, an ``int`` or a ``str`` for a decimal
(``DecimalLike``): floats are refused, never rounded.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, TypedDict, Union

DecimalLike = Union[Decimal, int, str]
"""A decimal argument: ``Decimal("0.25")``, ``3`` or ``"1.2亿"``."""

Status = Literal["on_track", "at_risk", "off_track"]
"""Where a KPI stands against its thresholds."""


class RowProblem(TypedDict):
    """A row of actuals that could not be used (row 1 is the first data row)."""

    row: int
    column: str
    message: str


class LoadWarning(TypedDict):
    """Valid rows of actuals that the evaluation will not count, such as
    rows dated outside the plan period (``code`` ``"outside_period"``):
    how many, the first row numbers (at most ten, numbered as
    :class:`RowProblem` numbers them) and the dates they span."""

    code: str
    rows: int
    first_rows: List[int]
    earliest: datetime.date
    latest: datetime.date
    message: str


class Observation(TypedDict):
    """One observation, as :meth:`Actuals.to_records` gives it."""

    date: datetime.date
    measure: str
    value: Decimal
    tags: Dict[str, str]


class PeriodResult(TypedDict):
    """One KPI for one node in one period."""

    period: str
    target: Optional[Decimal]
    actual: Optional[Decimal]
    attainment: Optional[Decimal]


class KpiResult(TypedDict):
    """One KPI for one node (``""`` is the company)."""

    kpi: str
    node: str
    target: Optional[Decimal]
    actual: Optional[Decimal]
    expected: Optional[Decimal]
    variance: Optional[Decimal]
    attainment: Optional[Decimal]
    forecast_run_rate: Optional[Decimal]
    forecast_trend: Optional[Decimal]
    forecast_pipeline: Optional[Decimal]
    status: Optional[Status]
    trend: Optional[Decimal]
    periods: List[PeriodResult]


class NodeGap(TypedDict):
    """One node's revenue variance to date, split into lead-volume,
    conversion and deal-size effects that sum to it exactly."""

    node: str
    variance: Decimal
    volume: Decimal
    conversion: Decimal
    deal_size: Decimal
    biggest: Literal["volume", "conversion", "deal_size"]


class EvaluationDict(TypedDict):
    """:meth:`Evaluation.to_dict`: every KPI for every node, company first,
    and every node's revenue gap explained, largest shortfall first."""

    as_of: datetime.date
    kpis: List[KpiResult]
    gaps: List[NodeGap]


class PeriodTarget(TypedDict):
    """A goal's target for one period, from :meth:`Plan.phase_goal`:
    ``period`` is its name (``"2026-03"``, ``"2026-W05"``, ``"FY2026-P01"``),
    ``start`` and ``end`` are clipped to the plan."""

    period: str
    start: datetime.date
    end: datetime.date
    target: Decimal


class _CascadeNodeId(TypedDict):
    id: str


class CascadeNode(_CascadeNodeId, total=False):
    """A node of the tree :func:`cascade` splits a target down: a weight
    (default 1) among its siblings, and optionally the number its owner
    submitted bottom-up."""

    name: str
    weight: Union[Decimal, str]
    submitted: Union[Decimal, str]
    children: Sequence[CascadeNode]


class _AllocationFields(TypedDict):
    id: str
    target: Decimal
    bottom_up: Optional[Decimal]
    gap: Optional[Decimal]


class Allocation(_AllocationFields, total=False):
    """A node's share of the target, its bottom-up number and the gap
    (bottom-up − target); ``children`` is absent on leaves."""

    children: List[Allocation]


class Funnel(TypedDict):
    """One side of a revenue funnel, for :func:`decompose_gap`."""

    leads: DecimalLike
    won: DecimalLike
    revenue: DecimalLike


class GapEffects(TypedDict):
    """The revenue variance split into effects that sum to it exactly."""

    variance: Decimal
    volume: Decimal
    conversion: Decimal
    deal_size: Decimal


class ReverseFunnel(TypedDict):
    """What a revenue target needs, each rounded up."""

    deals: Decimal
    opportunities: Decimal
    leads: Decimal


class UnitEconomics(TypedDict):
    """Customer acquisition cost, lifetime value, their ratio, payback."""

    cac: Decimal
    ltv: Decimal
    ltv_to_cac: Decimal
    payback_months: Decimal


RiskLevel = Literal["low", "medium", "high", "critical"]
"""The bands of the risk matrix, lowest first."""

RiskCategory = Literal["market", "customer", "execution", "financial", "other"]
"""What a risk is about."""


class RiskScore(TypedDict):
    """A likelihood and an impact step, their product and its band (``None``
    below every band)."""

    likelihood: int
    impact: int
    score: int
    level: Optional[RiskLevel]


# `raise` is a keyword, so this TypedDict is spelled as a call.
IndicatorReading = TypedDict(
    "IndicatorReading",
    {
        "kpi": str,
        "when": Literal["above", "below"],
        "threshold": Decimal,
        "basis": Literal["value", "attainment"],
        "value": Optional[Decimal],
        "breached": bool,
        "raise": int,
    },
)
IndicatorReading.__doc__ = """What a key risk indicator read: its KPI's value to
date or attainment for the company (``None`` without an evaluation or data),
whether it crossed the threshold, and the likelihood steps it then adds."""


class _ScoredRiskFields(TypedDict):
    risk: str
    name: str
    category: RiskCategory
    owner: Optional[str]
    planned: RiskScore
    inherent: RiskScore
    residual: RiskScore
    probability: Optional[Decimal]
    impact_amount: Optional[Decimal]
    exposure: Optional[Decimal]
    mitigations: int
    indicators: List[IndicatorReading]


SignalReading = TypedDict("SignalReading", {"when": str, "breached": bool, "raise": int})
SignalReading.__doc__ = """A risk signal (a condition in the rule language),
whether it held, and the likelihood steps it then adds."""


class ScoredRisk(_ScoredRiskFields, total=False):
    """One risk of the register: as planned, and its inherent and residual
    (after mitigation) scores after the indicators' and signals' raises;
    exposure is probability × impact amount when the risk gives both.
    ``signals`` is there when the risk has any."""

    signals: List[SignalReading]


class _RiskMoveFields(TypedDict):
    risk: str
    kpis: List[str]
    from_likelihood: int
    to_likelihood: int
    from_level: Optional[RiskLevel]
    to_level: Optional[RiskLevel]
    message: str


class RiskMove(_RiskMoveFields, total=False):
    """A risk that indicators or signals raised, the KPIs (and the signals,
    when any held) that did it, and a sentence."""

    signals: List[str]


class RiskTotal(TypedDict):
    """Risks in one category, owner or level, and their summed exposure."""

    key: str
    count: int
    exposure: Decimal


class RiskTotals(TypedDict):
    """Exposure over every risk, and by category, owner (``""`` for none)
    and current inherent level (``""`` below every band)."""

    exposure: Decimal
    by_category: List[RiskTotal]
    by_owner: List[RiskTotal]
    by_level: List[RiskTotal]


class RiskHeatmap(TypedDict):
    """Risks per cell: ``inherent[l - 1][i - 1]`` counts the risks at
    likelihood ``l`` and impact ``i``."""

    inherent: List[List[int]]
    residual: List[List[int]]


class _RiskBandFields(TypedDict):
    level: RiskLevel
    min_score: int


class RiskBand(_RiskBandFields, total=False):
    """A band of the matrix from its lowest score up, with its labels."""

    label_en: str
    label_zh: str


class RiskMatrix(TypedDict):
    """The plan's likelihood × impact matrix and its bands."""

    likelihood_levels: int
    impact_levels: int
    bands: List[RiskBand]


class RiskRegisterDict(TypedDict):
    """:meth:`RiskRegister.to_dict`: every risk scored, the moves indicators
    made (``as_of`` is the evaluation's day, ``None`` without one), totals
    and heat maps."""

    as_of: Optional[datetime.date]
    matrix: RiskMatrix
    risks: List[ScoredRisk]
    moves: List[RiskMove]
    totals: RiskTotals
    heatmap: RiskHeatmap


class PipelineSummary(TypedDict):
    """The open deals a simulation drew, their weighted sum, and how many
    were left out (closing by ``as_of``, after the end, or outside the
    goal's segment)."""

    deals: int
    weighted: Decimal
    overdue: int
    after_end: int
    outside_goal: int


# `from` is a keyword, so these TypedDicts are spelled as calls.
NewBusinessFit = TypedDict(
    "NewBusinessFit",
    {
        "from": datetime.date,
        "periods": int,
        "won_deals": Decimal,
        "mean_size": Decimal,
        "size_cv": Decimal,
        "run_rate_deals": Decimal,
        "run_rate_amount": Decimal,
        "pipeline_offset": Decimal,
        "expected_deals": Decimal,
        "expected_amount": Decimal,
        "variance_share": Decimal,
    },
)
NewBusinessFit.__doc__ = """New business as fitted from the completed periods:
deals closing after ``from``, their run rate, mean size and spread, what the
weighted pipeline takes off, and their share of the outcome's variance."""

HistogramBin = TypedDict("HistogramBin", {"from": Decimal, "to": Decimal, "count": int})
HistogramBin.__doc__ = """Trials whose outcome lies in ``[from, to)`` (the last
bin includes ``to``)."""


class SimulationDriver(TypedDict):
    """A deal and its share of the variance of the outcome."""

    deal: str
    amount: Decimal
    probability: Decimal
    expected: Decimal
    std_dev: Decimal
    variance_share: Decimal


class SimulationDict(TypedDict):
    """:meth:`Simulation.to_dict`: the distribution of a goal's outcome,
    closed to date plus the open pipeline plus new business, in cents."""

    goal: str
    as_of: datetime.date
    end: datetime.date
    target: Decimal
    trials: int
    seed: int
    arithmetic: str
    closed: Decimal
    pipeline: PipelineSummary
    new_business: Optional[NewBusinessFit]
    probability: Decimal
    standard_error: Decimal
    exact_probability: Optional[Decimal]
    mean: Decimal
    p10: Decimal
    p50: Decimal
    p90: Decimal
    min: Decimal
    max: Decimal
    expected_shortfall: Decimal
    histogram: List[HistogramBin]
    drivers: List[SimulationDriver]


class FactReading(TypedDict):
    """A fact a rule's condition read, as written in it
    (``kpi("K-CONV").attainment``), and its value: a ``Decimal`` for a
    number, a ``str`` for a text (a status, a risk level), ``None`` without a
    value."""

    fact: str
    value: Union[Decimal, str, None]


class Proposal(TypedDict):
    """A rule that fired: ``RULE@AS_OF``, the rule and its name, the
    evaluation's day, the rule's priority and condition, the facts that made
    it hold and the same in a sentence, the actions it proposes (as in the
    plan's ``rules``: ``Decimal`` and ``date``) and what they touch
    (``"budget:B-PROMO"``)."""

    id: str
    rule: str
    name: str
    as_of: datetime.date
    priority: int
    condition: str
    facts: List[FactReading]
    explanation: str
    actions: List[Dict[str, Any]]
    touches: List[str]


class Conflict(TypedDict):
    """Proposals (their ids) that touch the same thing."""

    target: str
    proposals: List[str]


class Suppressed(TypedDict):
    """A rule that held but is cooling down after an accepted proposal."""

    rule: str
    reason: str


class ProposalsDict(TypedDict):
    """:meth:`Proposals.to_dict`: what the rules propose as of a day,
    highest priority first."""

    as_of: datetime.date
    proposals: List[Proposal]
    conflicts: List[Conflict]
    suppressed: List[Suppressed]


class Accepted(TypedDict):
    """A proposal once accepted: its rule and the day of its evaluation."""

    rule: str
    as_of: datetime.date


PatchOperation = Literal["add", "remove", "replace", "move", "copy", "test"]
"""The operations of a JSON Patch (RFC 6902)."""


class _PatchOpPath(TypedDict):
    op: PatchOperation
    path: str


# `from` is a keyword, so this part is spelled as a call.
_PatchOpFrom = TypedDict("_PatchOpFrom", {"from": str}, total=False)


class PatchOp(_PatchOpPath, _PatchOpFrom, total=False):
    """One operation of a JSON Patch: ``op`` at ``path`` (a JSON pointer);
    ``value`` for ``add``, ``replace`` and ``test`` (typed as the plan
    document types it there: ``Decimal``, ``date``), ``from`` for ``move``
    and ``copy``."""

    value: Any


class Revision(TypedDict):
    """One revision of a plan's log: its number and parent, who made it,
    when (RFC 3339, as given) and why, the proposals accepted into it, and
    the JSON Patch from the parent's content to its own."""

    number: int
    parent: int
    author: str
    at: str
    reason: str
    accepted: List[Accepted]
    patch: List[PatchOp]


class _RevisionInfoFields(TypedDict):
    number: int
    author: str
    at: str
    reason: str


class RevisionInfo(_RevisionInfoFields, total=False):
    """The ``revision`` member of a plan document: which revision it is,
    its parent, who made it, when and why, and the proposals accepted into
    it (``RULE@AS_OF``). A first draft has none and is revision 1."""

    parent: Optional[int]
    proposals: List[str]


class ReplayStep(TypedDict):
    """One period of a replay: its last day (the evaluation's), the rules
    that fired and those held back by a cooldown."""

    period: str
    as_of: datetime.date
    proposals: List[Proposal]
    suppressed: List[Suppressed]


class FirstFired(TypedDict):
    """When a rule first fired in a replay (``None``: never), and in how
    many periods."""

    rule: str
    as_of: Optional[datetime.date]
    times: int


class ReplayDict(TypedDict):
    """:meth:`Replay.to_dict`: every period in order, and per rule (plan
    order) when it first fired."""

    steps: List[ReplayStep]
    first_fired: List[FirstFired]


class _ScenarioName(TypedDict):
    name: str


class Scenario(_ScenarioName, total=False):
    """A what-if for :meth:`Plan.scenarios`: a name (unique; ``"base"`` is
    the plan as it is), a JSON Patch on the plan, a factor on the new
    business the simulation fits, and a description for people."""

    description: str
    patch: Sequence[Mapping[str, Any]]
    run_rate_factor: DecimalLike


class ScenarioRow(TypedDict):
    """One scenario's figures: its plan's validation errors and warnings,
    the revenue goal's target, sales capacity and the gap (target −
    capacity), the budget, the revenue KPI's attainment to date and run-rate
    forecast, the KPIs off track, the rules that would fire, and with a
    simulation the chance of reaching the target and the median outcome."""

    scenario: str
    errors: int
    warnings: int
    target: Optional[Decimal]
    sales_capacity: Optional[Decimal]
    capacity_gap: Optional[Decimal]
    budget: Decimal
    attainment: Optional[Decimal]
    forecast: Optional[Decimal]
    off_track: List[str]
    proposals: List[str]
    probability: Optional[Decimal]
    p50: Optional[Decimal]


class ScenarioComparisonDict(TypedDict):
    """:meth:`ScenarioComparison.to_dict`: the base, then every scenario,
    as of the day of the evaluations."""

    as_of: datetime.date
    rows: List[ScenarioRow]


FactKind = Literal["number", "text"]
"""What a fact of :attr:`RuleSet.facts` holds."""

FactValue = Union[Decimal, str, None]
"""A fact's value as the rules read it: a ``Decimal`` for a number, a word
(a status, a risk level) for a text, ``None`` for no value."""

FactInput = Union[Decimal, int, float, str, None]
"""A fact given to :meth:`RuleSet.evaluate`: a number as a ``Decimal``, an
``int``, a ``float`` (read as the shortest decimal that gives it back, the
digits ``repr`` prints; NaN is no value) or a decimal ``str``; a text as its
word; ``None`` for no value."""
