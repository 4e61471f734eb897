"""A typed notebook session, checked with `mypy --strict` by test_typing.py
and also run as code. Not collected by pytest itself."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Optional

import salesplan
from salesplan import AmountUnit, Diagnostic, Plan


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
