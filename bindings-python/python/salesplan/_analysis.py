"""Planning arithmetic: a target cascaded down a tree, a revenue gap split
into its causes, the funnel and team a target needs, unit economics.

Decimals go in as ``Decimal``, ``int`` or ``str`` (``"1.2亿"`` is read as
:func:`parse_amount` reads it; floats are refused) and come out as
``Decimal``.
"""

from __future__ import annotations

import json

from . import _convert, _native, _schema
from ._types import (
    Allocation,
    CascadeNode,
    DecimalLike,
    Funnel,
    GapEffects,
    ReverseFunnel,
    UnitEconomics,
)


def cascade(total: DecimalLike, tree: CascadeNode) -> Allocation:
    """Split ``total`` down ``tree`` by the children's weights, in cents, so
    that every level sums to its parent exactly; where the leaves submitted
    numbers, each node also gets its bottom-up sum and the gap to its
    target."""
    text = _native.cascade_json(total, _convert.to_json_text(tree))
    result: Allocation = _schema.output(json.loads(text), "Allocation")
    return result


def decompose_gap(planned: Funnel, actual: Funnel) -> GapEffects:
    """Split the revenue variance between a planned and an actual funnel
    (``{"leads", "won", "revenue"}``) into volume, conversion and deal-size
    effects that sum to it exactly."""
    result: GapEffects = _schema.output(json.loads(_native.decompose_gap_json(planned, actual)), "GapEffects")
    return result


def reverse_funnel(
    target: DecimalLike,
    deal_size: DecimalLike,
    win_rate: DecimalLike,
    lead_to_opportunity: DecimalLike,
) -> ReverseFunnel:
    """The deals, opportunities and leads a revenue target needs, each
    rounded up; the rates are fractions (``"0.25"``)."""
    text = _native.reverse_funnel_json(target, deal_size, win_rate, lead_to_opportunity)
    result: ReverseFunnel = _schema.output(json.loads(text), "ReverseFunnel")
    return result


def unit_economics(
    acquisition_spend: DecimalLike,
    new_customers: DecimalLike,
    yearly_revenue_per_customer: DecimalLike,
    gross_margin: DecimalLike,
    yearly_churn: DecimalLike,
) -> UnitEconomics:
    """Customer acquisition cost, lifetime value, LTV:CAC and payback months;
    margin and churn are fractions."""
    text = _native.unit_economics_json(
        acquisition_spend, new_customers, yearly_revenue_per_customer, gross_margin, yearly_churn
    )
    result: UnitEconomics = _schema.output(json.loads(text), "UnitEconomics")
    return result
