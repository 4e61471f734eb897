"""Monitoring: the plan's execution, budget, capacity and strategy effects
as of an evaluation's day, as typed dicts and pandas DataFrames.

Made by :meth:`Plan.monitor` (or :meth:`Plan.evaluate` with ``updates`` or
``resources``) and read from :attr:`Evaluation.monitoring`."""

from __future__ import annotations

import copy
import datetime
import json
import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Union

from ._actuals import _require_pandas
from ._schema import output

if TYPE_CHECKING:
    import pandas

UpdatesSource = Union[str, "os.PathLike[str]", Iterable[Mapping[str, Any]]]
"""Progress updates: a path (``.json`` or ``.csv``), CSV or JSON text, or
dicts ``{"date", "task", "status", "progress", "note"}``."""

ResourcesSource = Union[str, "os.PathLike[str]", Iterable[Mapping[str, Any]], "pandas.DataFrame"]
"""Resource actuals (``spend`` rows tagged ``budget_line``, ``heads`` rows
tagged ``headcount``): a path, CSV or JSON text, dicts in the actuals
format, or a pandas DataFrame with columns ``date``, ``measure``, ``value``
and one per tag."""


def source_text(source: Any, what: str) -> str:
    """CSV or JSON text of a small table given as a path, text, dicts or a
    pandas DataFrame."""
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and source.strip().lower().endswith((".csv", ".json"))
    ):
        with open(source, encoding="utf-8") as f:
            return f.read()
    if isinstance(source, str):
        return source
    if hasattr(source, "to_csv") and hasattr(source, "columns"):
        return str(source.to_csv(index=False))
    if isinstance(source, Iterable) and not isinstance(source, (bytes, Mapping)):
        return json.dumps([_plain(row) for row in source])
    raise TypeError(f"{what} must be a path, CSV or JSON text, a list of dicts or a DataFrame, not {type(source).__name__}")


def _plain(row: Any) -> Any:
    if not isinstance(row, Mapping):
        raise TypeError(f"each row must be a dict, not {type(row).__name__}")
    out: Dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, Mapping):
            out[key] = _plain(value)
        elif isinstance(value, (datetime.date, datetime.datetime)):
            out[key] = value.isoformat()[:10]
        elif value is None or isinstance(value, (bool, str)):
            out[key] = value
        else:  # Decimal, int: exact text
            out[key] = str(value)
    return out


class Monitoring:
    """Execution tracking (tasks, critical path, milestones), budget burn,
    capacity against plan and strategy effects as of a day, as the core
    made them. :meth:`to_dict` holds everything; the methods give tables."""

    __slots__ = ("_text", "_document")

    def __init__(self, text: str) -> None:
        self._text = text
        self._document: Dict[str, Any] = output(json.loads(text), "Monitoring")

    def to_json(self) -> str:
        """Everything as JSON text, decimals as strings: the same in every
        language."""
        return self._text

    def to_dict(self) -> Dict[str, Any]:
        """Everything, with ``Decimal`` and ``date`` values; a new dict
        every call."""
        return output(json.loads(self._text), "Monitoring")  # type: ignore[no-any-return]

    @property
    def as_of(self) -> datetime.date:
        """The day it describes."""
        return self._document["as_of"]  # type: ignore[no-any-return]

    @property
    def critical_path(self) -> List[str]:
        """The tasks with no float, in schedule order."""
        return list(self._document["execution"]["critical_path"])

    def task(self, task_id: str) -> Dict[str, Any]:
        """One task's tracking; ``KeyError`` when the plan has no such task."""
        return _find(self._document["execution"]["tasks"], "task", task_id)

    def milestone(self, milestone_id: str) -> Dict[str, Any]:
        """One milestone's forecast; ``KeyError`` when there is none."""
        return _find(self._document["execution"]["milestones"], "milestone", milestone_id)

    def strategy(self, strategy_id: str) -> Dict[str, Any]:
        """One strategy's effects; ``KeyError`` when it states none."""
        return _find(self._document["strategies"], "strategy", strategy_id)

    def budget_line(self, line_id: str) -> Dict[str, Any]:
        """One budget line's burn; ``KeyError`` when there is none, or no
        resource actuals were given."""
        return _find(_section(self._document, "budget")["lines"], "id", line_id)

    def headcount_line(self, line_id: str) -> Dict[str, Any]:
        """One headcount line against plan; ``KeyError`` when there is none,
        or no resource actuals were given."""
        return _find(_section(self._document, "capacity")["lines"], "id", line_id)

    def tasks(self) -> pandas.DataFrame:
        """A row per task: status, expected and reported progress, forecast
        finish, slip, float and whether it is critical."""
        return _table("Monitoring.tasks()", self._document["execution"]["tasks"])

    def milestones(self) -> pandas.DataFrame:
        """A row per milestone: date, forecast date, slip and status."""
        return _table("Monitoring.milestones()", self._document["execution"]["milestones"])

    def budget(self) -> pandas.DataFrame:
        """A row per budget line: amount, spent and expected to date,
        variance, burn, burn rate, forecast at completion, overrun and
        status (empty without resource actuals)."""
        return _table("Monitoring.budget()", self._document.get("budget", {}).get("lines", []))

    def capacity(self) -> pandas.DataFrame:
        """A row per headcount line: planned heads, heads in seat, the gap,
        and capacity to date, planned and forecast (empty without resource
        actuals)."""
        rows = [
            {k: v for k, v in line.items() if k != "months"}
            for line in self._document.get("capacity", {}).get("lines", [])
        ]
        return _table("Monitoring.capacity()", rows)

    def strategies(self) -> pandas.DataFrame:
        """A row per stated effect: strategy, KPI, assumed and realised
        change, realised share and why it cannot be measured yet."""
        rows = [
            {"strategy": s["strategy"], **{k: v for k, v in e.items() if not k.endswith("_periods")}}
            for s in self._document["strategies"]
            for e in s["effects"]
        ]
        return _table("Monitoring.strategies()", rows)

    def __repr__(self) -> str:
        tasks = self._document["execution"]["tasks"]
        late = sum(1 for t in tasks if t["slip_days"] > 0)
        return f"<Monitoring as of {self.as_of}: {len(tasks)} tasks, {late} late>"


def _section(document: Dict[str, Any], name: str) -> Dict[str, Any]:
    if name not in document:
        raise KeyError(f"no {name} section: monitor with resource actuals")
    return document[name]  # type: ignore[no-any-return]


def _find(rows: List[Dict[str, Any]], key: str, wanted: str) -> Dict[str, Any]:
    for row in rows:
        if row[key] == wanted:
            return copy.deepcopy(row)
    raise KeyError(wanted)


def _table(what: str, rows: List[Dict[str, Any]]) -> pandas.DataFrame:
    pd = _require_pandas(what)
    frame: pandas.DataFrame = pd.DataFrame([dict(row) for row in rows])
    return frame


def monitoring_of(text: Optional[str]) -> Optional[Monitoring]:
    """The :class:`Monitoring` of an evaluation's JSON, or ``None``."""
    return None if text is None else Monitoring(text)
