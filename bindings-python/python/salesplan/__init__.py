"""Sales action plans (销售行动计划) as data.

Read a plan, check it, and get exact numbers back::

    >>> import salesplan
    >>> plan = salesplan.example_plan()
    >>> [d for d in plan.validate() if d.severity == "error"]
    []
    >>> plan.to_dict()["goals"][0]["target"] == salesplan.parse_amount("1.2亿")
    True

Every rule lives in the Rust core (``salesplan._native``); this package adds
dicts with ``decimal.Decimal`` and ``datetime.date``, files and Jupyter display.
"""

from __future__ import annotations

import html
import json
import os
from typing import Any, Dict, List, Literal, Mapping, Tuple, Type, TypeVar, Union

from . import _convert, _native
from ._native import (
    SCHEMA_VERSION,
    AmountError,
    Diagnostic,
    InvalidArgumentError,
    ParseError,
    PeriodError,
    SalesplanError,
    __version__,
    format_amount,
    format_money,
    parse_amount,
)

__all__ = [
    "SCHEMA_VERSION",
    "AmountError",
    "AmountUnit",
    "Diagnostic",
    "InvalidArgumentError",
    "ParseError",
    "PeriodError",
    "Plan",
    "SalesplanError",
    "__version__",
    "example_plan",
    "format_amount",
    "format_money",
    "parse_amount",
    "plan_schema",
]

AmountUnit = Literal["auto", "yi", "wan", "none"]
"""The units ``format_amount`` can write in: automatic, 亿, 万 or none."""

_to_python = _convert.compile_schema(json.loads(_native.plan_schema_json()))

# The eight sections, in document order, with their Chinese names.
_SECTIONS: Tuple[Tuple[str, str], ...] = (
    ("goals", "目标设定"),
    ("market", "市场分析"),
    ("strategies", "策略制定"),
    ("resources", "资源分配"),
    ("execution", "执行计划"),
    ("risks", "风险控制"),
    ("kpis", "绩效评估"),
    ("rules", "调整机制"),
)

_P = TypeVar("_P", bound="Plan")


class Plan:
    """A sales action plan read from a ``salesplan/1`` document.

    Make one with :meth:`from_json`, :meth:`from_dict`, :meth:`load` or
    :func:`example_plan`. A plan is immutable; equal plans hold the same
    document.
    """

    __slots__ = ("_plan",)
    _plan: _native.Plan

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError(
            "create a Plan with Plan.from_json(text), Plan.from_dict(d), "
            "Plan.load(path) or salesplan.example_plan()"
        )

    @classmethod
    def _wrap(cls: Type[_P], plan: _native.Plan) -> _P:
        self = cls.__new__(cls)
        self._plan = plan
        return self

    @classmethod
    def from_json(cls: Type[_P], text: str) -> _P:
        """Read a plan from JSON text.

        Raises :class:`ParseError` (a ``ValueError``) with ``.code`` and
        ``.path`` (a JSON pointer such as ``"/goals/0/deadline"``).
        """
        return cls._wrap(_native.Plan.from_json(text))

    @classmethod
    def from_dict(cls: Type[_P], document: Mapping[str, Any]) -> _P:
        """Read a plan from a dict, as :meth:`to_dict` gives it.

        Amounts may be ``decimal.Decimal`` or decimal strings, dates
        ``datetime.date`` or ISO strings; floats are refused, not rounded.
        """
        return cls.from_json(_convert.to_json_text(document))

    @classmethod
    def load(cls: Type[_P], path: Union[str, "os.PathLike[str]"]) -> _P:
        """Read a plan from a UTF-8 JSON file."""
        with open(path, encoding="utf-8") as file:
            return cls.from_json(file.read())

    def to_json(self) -> str:
        """The plan as pretty-printed JSON (decimals as strings)."""
        return self._plan.to_json()

    def to_dict(self) -> Dict[str, Any]:
        """The plan as a dict: decimals as ``decimal.Decimal``, dates as
        ``datetime.date``."""
        result: Dict[str, Any] = _to_python(json.loads(self._plan.to_json()))
        return result

    def validate(self) -> List[Diagnostic]:
        """Every finding about the plan (errors, warnings, infos), in a
        stable order."""
        return self._plan.validate()

    @property
    def id(self) -> str:
        """The plan's id."""
        return self._plan.id

    @property
    def name(self) -> str:
        """The plan's name."""
        return self._plan.name

    @property
    def currency(self) -> str:
        """The ISO 4217 code of every amount in the plan."""
        return self._plan.currency

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Plan):
            return NotImplemented
        return self._plan == other._plan

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._plan)

    def __reduce__(self) -> Tuple[Any, Tuple[str]]:
        return (type(self).from_json, (self.to_json(),))

    def _repr_html_(self) -> str:
        document = self.to_dict()
        rows = []
        for key, chinese in _SECTIONS:
            count, detail = _count(document.get(key))
            rows.append(
                f"<tr><td>{key}</td><td>{chinese}</td>"
                f"<td style='text-align:right'>{count}</td><td>{html.escape(detail)}</td></tr>"
            )
        period = document.get("period", {})
        caption = (
            f"<b>{html.escape(self.name)}</b> <code>{html.escape(self.id)}</code> · "
            f"{period.get('start')} – {period.get('end')} · {html.escape(self.currency)}"
        )
        headline = _headline(document, self.currency)
        if headline:
            caption += f"<br>{html.escape(headline)}"
        return (
            f"<table><caption style='text-align:left'>{caption}</caption>"
            "<thead><tr><th>section</th><th></th><th>items</th><th></th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


def _count(section: Any) -> Tuple[int, str]:
    """Items in a section: a list's length, or the lists inside an object."""
    if isinstance(section, list):
        return len(section), ""
    if isinstance(section, dict):
        parts = [(name, len(items)) for name, items in section.items() if isinstance(items, list)]
        return sum(n for _, n in parts), ", ".join(f"{name} {n}" for name, n in parts)
    return 0, ""


def _headline(document: Mapping[str, Any], currency: str) -> str:
    """The first revenue goal's stated target, for display."""
    for goal in document.get("goals", []):
        if goal.get("metric") == "revenue" and goal.get("target") is not None:
            amount = format_amount(goal["target"])
            deadline = goal.get("deadline")
            due = f", by {deadline}" if deadline is not None else ""
            return f"revenue target {amount} {currency} ({goal.get('id')}{due})"
    return ""


def example_plan() -> Plan:
    """The case study: 1.2亿元 revenue in FY2026, +20% on FY2025."""
    return Plan._wrap(_native.example_plan())


def plan_schema() -> Dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan document (a fresh dict)."""
    schema: Dict[str, Any] = json.loads(_native.plan_schema_json())
    return schema
