"""Planning arithmetic: phasing, cascading, gap decomposition, funnels,
heads and unit economics, with Decimals in and out."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

import salesplan
from salesplan import AmountError, CascadeNode, InvalidArgumentError


def _walk_has_no_float(value: Any) -> bool:
    if isinstance(value, float):
        return False
    if isinstance(value, dict):
        return all(_walk_has_no_float(v) for v in value.values())
    if isinstance(value, list):
        return all(_walk_has_no_float(v) for v in value)
    return True


def test_phase_goal_by_seasonality() -> None:
    phases = salesplan.example_plan().phase_goal("G-REV")
    assert len(phases) == 12
    assert phases[1] == {
        "period": "2026-02",
        "start": datetime.date(2026, 2, 1),
        "end": datetime.date(2026, 2, 28),
        "target": Decimal("6000000.00"),
    }
    assert sum(p["target"] for p in phases) == Decimal("120000000")


def test_phase_goal_of_an_unknown_goal() -> None:
    with pytest.raises(InvalidArgumentError) as info:
        salesplan.example_plan().phase_goal("G-NOPE")
    assert str(info.value) == 'invalid argument goal_id: the plan has no goal "G-NOPE"'


TREE: CascadeNode = {
    "id": "CO",
    "children": [
        {
            "id": "EAST",
            "name": "华东",
            "weight": "2",
            "children": [
                {"id": "E1", "submitted": "30000000"},
                {"id": "E2", "submitted": Decimal("45000000")},
            ],
        },
        {
            "id": "WEST",
            "weight": Decimal("1"),
            "children": [{"id": "W1", "submitted": "40000000"}, {"id": "W2", "weight": "3"}],
        },
    ],
}


def test_cascade_three_levels() -> None:
    allocation = salesplan.cascade("1.2亿", TREE)
    assert allocation["target"] == Decimal("120000000.00")
    assert allocation["bottom_up"] is None  # W2 has not submitted
    east, west = allocation["children"]
    assert east["target"] == Decimal("80000000.00")
    assert east["bottom_up"] == Decimal("75000000")
    assert east["gap"] == Decimal("-5000000.00")
    assert west["children"][1]["target"] == Decimal("30000000.00")
    assert "children" not in west["children"][1]
    assert _walk_has_no_float(allocation)
    # A plain decimal keeps its scale on the way in; "1.2亿" has none.
    assert str(allocation["target"]) == "120000000"
    assert str(salesplan.cascade(Decimal("120000000.00"), TREE)["target"]) == "120000000.00"
    assert str(salesplan.cascade("120000000.00", TREE)["target"]) == "120000000.00"


def test_allocate() -> None:
    parts = salesplan.allocate("100.00", ["1", 1, Decimal("1"), "0", "2.5"])
    assert [str(p) for p in parts] == ["18.18", "18.18", "18.18", "0", "45.46"]
    assert [str(p) for p in salesplan.allocate("1万", [1, 3], scale=0)] == ["2500", "7500"]
    with pytest.raises(InvalidArgumentError, match="weights"):
        salesplan.allocate(100, [])
    with pytest.raises(TypeError, match=r"weights\[1\] must be"):
        salesplan.allocate(100, [1, 0.5])  # type: ignore[list-item]


def test_cascade_splits_in_cents_that_sum_exactly() -> None:
    tree: CascadeNode = {"id": "CO", "children": [{"id": "A"}, {"id": "B"}, {"id": "C"}]}
    parts = [c["target"] for c in salesplan.cascade(Decimal("100"), tree)["children"]]
    assert sum(parts) == Decimal("100")
    assert sorted(parts) == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]


def test_cascade_errors() -> None:
    with pytest.raises(InvalidArgumentError) as info:
        salesplan.cascade(100, {"id": "CO", "weigth": "2"})  # type: ignore[typeddict-unknown-key]
    assert info.value.code == "invalid_argument"
    assert str(info.value).startswith("invalid argument tree: unknown field `weigth`")
    with pytest.raises(InvalidArgumentError, match="decimal"):
        salesplan.cascade(100, {"id": "CO", "children": [{"id": "A", "weight": 2}]})  # type: ignore[typeddict-item]
    with pytest.raises(InvalidArgumentError, match="children of CO"):
        salesplan.cascade(100, {"id": "CO", "children": [{"id": "A", "weight": "0"}]})
    with pytest.raises(TypeError, match="total must be"):
        salesplan.cascade(100.0, {"id": "CO"})  # type: ignore[arg-type]
    with pytest.raises(AmountError):
        salesplan.cascade("a lot", {"id": "CO"})


def test_decompose_gap() -> None:
    planned = {"leads": 1000, "won": 250, "revenue": "5000万"}
    actual = {"leads": Decimal("1000"), "won": "220", "revenue": Decimal("44000000")}
    effects = salesplan.decompose_gap(planned, actual)  # type: ignore[arg-type]
    # Exactly the core's numbers, scale included.
    assert {k: str(v) for k, v in effects.items()} == {
        "variance": "-6000000",
        "volume": "0",
        "conversion": "-6000000.00",
        "deal_size": "0.00",
    }
    three = salesplan.decompose_gap(
        {"leads": 100, "won": 10, "revenue": 1000}, {"leads": 120, "won": 15, "revenue": 1800}
    )
    assert three["volume"] + three["conversion"] + three["deal_size"] == three["variance"] == 800


def test_decompose_gap_errors() -> None:
    with pytest.raises(InvalidArgumentError) as info:
        no_revenue = {"leads": 1, "won": 1}
        salesplan.decompose_gap(no_revenue, {"leads": 1, "won": 1, "revenue": 1})  # type: ignore[arg-type]
    assert str(info.value) == "invalid argument planned[\"revenue\"]: is missing"
    with pytest.raises(InvalidArgumentError, match="planned funnel needs leads"):
        zero = {"leads": 0, "won": 0, "revenue": 0}
        salesplan.decompose_gap(zero, zero)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r'actual\["won"\] must be'):
        half = {"leads": 1, "won": 0.5, "revenue": 1}
        salesplan.decompose_gap({"leads": 1, "won": 1, "revenue": 1}, half)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        salesplan.decompose_gap([1, 2, 3], [1, 2, 3])  # type: ignore[arg-type]


def test_reverse_funnel() -> None:
    funnel = salesplan.reverse_funnel("1000001", 1000, Decimal("0.5"), "0.5")
    assert funnel == {"deals": Decimal("1001"), "opportunities": Decimal("2002"), "leads": Decimal("4004")}
    with pytest.raises(InvalidArgumentError, match="win_rate"):
        salesplan.reverse_funnel(1, 1, "1.5", "0.5")


def test_heads_needed() -> None:
    heads = salesplan.heads_needed("3000万", "400万", 3, "0.10", 12)
    assert heads == Decimal("10") and isinstance(heads, Decimal)
    with pytest.raises(InvalidArgumentError):
        salesplan.heads_needed(1, 0, 0, 0, 12)
    with pytest.raises(OverflowError):
        salesplan.heads_needed(1, 1, -1, 0, 12)


def test_unit_economics() -> None:
    u = salesplan.unit_economics("2000万", 300, 330000, "0.6", "0.15")
    assert {k: str(v) for k, v in u.items()} == {
        "cac": "66666.67",
        "ltv": "1320000",
        "ltv_to_cac": "19.8000",
        "payback_months": "4.0",
    }
    with pytest.raises(InvalidArgumentError, match="gross_margin"):
        salesplan.unit_economics(1, 1, 1, 0, "0.1")
