"""The shapes of the dicts that go in and out of salesplan, for type checkers.

Outputs hold ``decimal.Decimal`` for decimals and ``datetime.date`` for dates;
``None`` where the core has no value (a KPI without a target has no
attainment). Inputs take a ``Decimal``, an ``int`` or a ``str`` for a decimal
(``DecimalLike``): floats are refused, never rounded.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Dict, List, Literal, Optional, Sequence, TypedDict, Union

DecimalLike = Union[Decimal, int, str]
"""A decimal argument: ``Decimal("0.25")``, ``3`` or ``"1.2亿"``."""

Status = Literal["on_track", "at_risk", "off_track"]
"""Where a KPI stands against its thresholds."""


class RowProblem(TypedDict):
    """A row of actuals that could not be used (row 1 is the first data row)."""

    row: int
    column: str
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
    """A goal's target for one period, from :meth:`Plan.phase_goal`."""

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
