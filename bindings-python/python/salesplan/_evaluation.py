"""Evaluation: the plan's KPIs against actuals as of a date, as typed dicts
and as pandas DataFrames (pandas is needed only for the DataFrames)."""

from __future__ import annotations

import datetime
import html
import json
import math
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple, Type, TypeVar

from . import _convert, _native
from ._actuals import _require_pandas
from ._types import EvaluationDict, KpiResult

if TYPE_CHECKING:
    import pandas

COMPANY = "company"
"""The company node's name in DataFrames (it is ``""`` in :meth:`Evaluation.to_dict`)."""

# Leading columns of the DataFrames, in this order; fields the core adds
# later follow them.
_KPI_COLUMNS: Tuple[str, ...] = (
    "kpi",
    "node",
    "target",
    "expected",
    "actual",
    "variance",
    "attainment",
    "status",
    "forecast_run_rate",
    "forecast_trend",
    "forecast_pipeline",
    "trend",
)
_PERIOD_COLUMNS: Tuple[str, ...] = ("kpi", "node", "period", "target", "actual", "attainment")
_GAP_COLUMNS: Tuple[str, ...] = ("node", "variance", "volume", "conversion", "deal_size", "biggest")

_E = TypeVar("_E", bound="Evaluation")


class Evaluation:
    """Every KPI of a plan for the company and for every node of a hierarchy,
    as of a date: target, expected-to-date, actual, variance, attainment,
    status, forecasts and trend, and the same per period; and each node's
    revenue gap split into volume, conversion and deal-size effects.

    Made by :meth:`Plan.evaluate`. Decimals are exact ``decimal.Decimal``s in
    :meth:`to_dict`, :meth:`kpis`, :meth:`periods` and :meth:`gaps`.
    """

    __slots__ = ("_evaluation",)
    _evaluation: _native.Evaluation

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError("create an Evaluation with plan.evaluate(actuals, as_of=...)")

    @classmethod
    def _wrap(cls: Type[_E], evaluation: _native.Evaluation) -> _E:
        self = cls.__new__(cls)
        self._evaluation = evaluation
        return self

    @property
    def as_of(self) -> datetime.date:
        """The day the evaluation was made."""
        return datetime.date.fromisoformat(self._evaluation.as_of)

    def to_json(self) -> str:
        """The evaluation as JSON text, decimals as strings: the same in
        every language."""
        return self._evaluation.to_json()

    def to_dict(self) -> EvaluationDict:
        """The evaluation as a dict: ``Decimal``, ``date`` and ``None``; the
        company's node is ``""``, other nodes ``"region=east/rep=r1"``."""
        result: EvaluationDict = _convert.typed_output(json.loads(self.to_json()))
        return result

    def kpi(self, kpi_id: str, node: str = COMPANY) -> KpiResult:
        """One KPI for one node (the company unless given); ``KeyError`` when
        there is none."""
        wanted = "" if node == COMPANY else node
        for result in self.to_dict()["kpis"]:
            if result["kpi"] == kpi_id and result["node"] == wanted:
                return result
        raise KeyError((kpi_id, node))

    def kpis(self, *, as_float: bool = False) -> pandas.DataFrame:
        """A pandas DataFrame with a row per KPI and node (the company's node
        is ``"company"``): kpi, node, target, expected, actual, variance,
        attainment, status, forecasts and trend. Decimals are ``Decimal``
        objects, or ``float``s (``NaN`` for none) with ``as_float=True``."""
        rows: List[Dict[str, Any]] = [
            {k: v for k, v in r.items() if k != "periods"} for r in self.to_dict()["kpis"]
        ]
        return _frame("Evaluation.kpis()", rows, _KPI_COLUMNS, as_float)

    def periods(self, *, as_float: bool = False) -> pandas.DataFrame:
        """A pandas DataFrame with a row per KPI, node and period: kpi, node,
        period, target, actual, attainment."""
        rows: List[Dict[str, Any]] = [
            {"kpi": r["kpi"], "node": r["node"], **p}
            for r in self.to_dict()["kpis"]
            for p in r["periods"]
        ]
        return _frame("Evaluation.periods()", rows, _PERIOD_COLUMNS, as_float)

    def nodes(self, value: str = "attainment", *, as_float: bool = False) -> pandas.DataFrame:
        """A pandas DataFrame with a row per node (the company first, as
        ``"company"``) and a column per KPI holding one field of its result
        (``attainment`` unless ``value`` names another, such as ``actual``
        or ``status``)."""
        if value not in _KPI_COLUMNS[2:]:
            raise ValueError(f"value must be one of {', '.join(_KPI_COLUMNS[2:])}, not {value!r}")
        frame = self.kpis(as_float=as_float)
        nodes = list(dict.fromkeys(frame["node"]))
        kpis = list(dict.fromkeys(frame["kpi"]))
        table = frame.pivot(index="node", columns="kpi", values=value)
        return table.reindex(index=nodes, columns=kpis)

    def gaps(self, *, as_float: bool = False) -> pandas.DataFrame:
        """A pandas DataFrame with a row per node whose revenue gap the core
        explains (largest shortfall first): node, variance, and the volume,
        conversion and deal-size effects that sum to it, and the biggest."""
        rows: List[Dict[str, Any]] = [dict(g) for g in self.to_dict()["gaps"]]
        return _frame("Evaluation.gaps()", rows, _GAP_COLUMNS, as_float)

    def __repr__(self) -> str:
        return repr(self._evaluation)

    def _repr_html_(self) -> str:
        """The company's KPIs as a table, for Jupyter."""
        head = "".join(f"<th>{name}</th>" for name in _HTML_CELLS)
        body = "".join(_html_row(r) for r in self.to_dict()["kpis"] if r["node"] == "")
        return (
            f"<table><caption style='text-align:left'>as of {self.as_of}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


_HTML_CELLS = ("kpi", "target", "expected", "actual", "attainment", "status")


def _html_row(result: Mapping[str, object]) -> str:
    cells = ("–" if result[c] is None else str(result[c]) for c in _HTML_CELLS)
    return "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>"


def _frame(
    what: str, rows: List[Dict[str, Any]], leading: Sequence[str], as_float: bool
) -> pandas.DataFrame:
    pd = _require_pandas(what)
    for row in rows:
        if row["node"] == "":
            row["node"] = COMPANY
    extra = [k for r in rows for k in r if k not in leading]
    columns = list(dict.fromkeys([*leading, *extra]))
    frame: pandas.DataFrame = pd.DataFrame(rows, columns=columns)
    if as_float:
        for name in columns:
            if name in _convert.OUTPUT_DECIMALS:
                frame[name] = frame[name].map(_to_float).astype("float64")
    return frame


def _to_float(value: Optional[Any]) -> float:
    return math.nan if value is None else float(value)
