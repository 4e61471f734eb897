"""Forecast accuracy over a history of snapshots, as typed dicts and pandas
DataFrames (pandas is needed only for the DataFrames), and the snapshots
that make a history: JSON Lines, one snapshot a line, appended as the year
goes on."""

from __future__ import annotations

import copy
import datetime
import decimal
import json
import os
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Sequence, Type, TypeVar, Union

from . import _convert, _native, _schema
from ._actuals import _require_pandas

if TYPE_CHECKING:
    import pandas

HistorySource = Union[str, "os.PathLike[str]", Sequence[Mapping[str, Any]], Mapping[str, Any]]
"""A history: a path to a file (JSON Lines or a JSON document
``{"snapshots": [...]}``), that text itself, a list of snapshot dicts, or
the document as a dict."""

_SUMMARY_COLUMNS = ("kpi", "node", "owner", "method", "count", "mape", "wape", "bias")
_POINT_COLUMNS = ("kpi", "node", "method", "as_of", "forecast", "actual", "error", "ape")

_A = TypeVar("_A", bound="Accuracy")


class Accuracy:
    """How good a history's forecasts were at the close: per KPI, node and
    method (``run_rate``, ``trend``, ``pipeline``, ``simulation_p50``) each
    snapshot's forecast, the actual, the error (forecast − actual) and its
    absolute percentage error; MAPE, WAPE and bias over the snapshots;
    coverage of the simulations' P10–P90; a waterfall of the forecasts
    ending at the actual; and the company figures pooled by goal owner.

    Made by :meth:`Plan.accuracy`. Ratios are rounded to four places.
    """

    __slots__ = ("_accuracy", "_typed")
    _accuracy: _native.Accuracy
    _typed: Optional[Dict[str, Any]]

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError("create an Accuracy with plan.accuracy(history, closing)")

    @classmethod
    def _wrap(cls: Type[_A], accuracy: _native.Accuracy) -> _A:
        self = cls.__new__(cls)
        self._accuracy = accuracy
        self._typed = None
        return self

    def _document(self) -> Dict[str, Any]:
        if self._typed is None:
            self._typed = _schema.output(json.loads(self.to_json()), "Accuracy")
        return self._typed

    def to_json(self) -> str:
        """The result as JSON text, decimals as strings: the same in every
        language."""
        return self._accuracy.to_json()

    def to_dict(self) -> Dict[str, Any]:
        """The result as a dict: ``Decimal``, ``date`` and ``None``."""
        return copy.deepcopy(self._document())

    def fact(self, kpi: str, field: str, node: str = "") -> Optional[decimal.Decimal]:
        """``"bias"``, ``"wape"`` or ``"mape"`` of the run-rate forecasts of
        ``kpi`` at ``node`` (``""``: the company), or ``"coverage"`` of its
        simulations; ``None`` when there is none."""
        return self._accuracy.fact(kpi, node, field)

    def series(self, kpi: str, node: str = "") -> Dict[str, Any]:
        """One KPI × node; ``KeyError`` when it was not scored."""
        for s in self._document()["series"]:
            if s["kpi"] == kpi and s["node"] == node:
                return copy.deepcopy(s)
        raise KeyError(f"no accuracy for KPI {kpi!r} at node {node!r}")

    def summary(self) -> "pandas.DataFrame":
        """One row per KPI, node and method: owner, count, MAPE, WAPE, bias."""
        pd = _require_pandas("Accuracy.summary()")
        rows = [
            {"kpi": s["kpi"], "node": s["node"], "owner": s["owner"], "method": m["method"], **m["summary"]}
            for s in self._document()["series"]
            for m in s["methods"]
        ]
        frame: pandas.DataFrame = pd.DataFrame(rows, columns=list(_SUMMARY_COLUMNS))
        return frame

    def points(self) -> "pandas.DataFrame":
        """One row per KPI, node, method and snapshot: the forecast, the
        actual, the error and the APE."""
        pd = _require_pandas("Accuracy.points()")
        rows = [
            {"kpi": s["kpi"], "node": s["node"], "method": m["method"], **p}
            for s in self._document()["series"]
            for m in s["methods"]
            for p in m["points"]
        ]
        frame: pandas.DataFrame = pd.DataFrame(rows, columns=list(_POINT_COLUMNS))
        return frame

    def __repr__(self) -> str:
        return repr(self._accuracy)


def history_text(history: HistorySource) -> str:
    """The text of a history given as a path, text, or dicts. A ``str`` is
    text when it starts (after blanks) with ``{`` or ``[``, else a path."""
    if isinstance(history, os.PathLike):
        return _read(os.fspath(history))
    if isinstance(history, str):
        if history.lstrip()[:1] in ("{", "["):
            return history
        return _read(history)
    if isinstance(history, Mapping):
        return _convert.to_json_text(dict(history))
    if isinstance(history, Sequence):
        return _convert.to_json_text(list(history))
    raise TypeError(f"history must be a path, JSON text or a list of snapshots, not {type(history).__name__}")


def _read(path: str) -> str:
    with open(path, "rb") as file:
        return file.read().decode("utf-8")


def snapshot_line(plan: _native.Plan, evaluation: _native.Evaluation, simulation: Optional[_native.Simulation]) -> str:
    """One snapshot as a line of JSON Lines (with its newline)."""
    return _native.snapshot_json(plan, evaluation, simulation)


def append_line(path: Union[str, "os.PathLike[str]"], line: str) -> None:
    """Appends one snapshot line to a JSON Lines file, creating it."""
    with open(os.fspath(path), "a", encoding="utf-8", newline="") as file:
        file.write(line)

