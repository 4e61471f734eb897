"""Evaluation: the plan's KPIs against actuals as of a date, as typed dicts
and as pandas DataFrames (pandas is needed only for the DataFrames)."""

from __future__ import annotations

import datetime
import html
import importlib
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Type, TypeVar, Union, cast

from . import _native
from ._actuals import _require_pandas
from ._chart import Chart, ChartKind
from ._monitoring import Monitoring, monitoring_of
from ._types import EvaluationDict, KpiResult

if TYPE_CHECKING:
    from ._risk import Simulation
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

    __slots__ = ("_evaluation", "_plan")
    _evaluation: _native.Evaluation
    _plan: Optional[_native.Plan]

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError("create an Evaluation with plan.evaluate(actuals, as_of=...)")

    @classmethod
    def _wrap(cls: Type[_E], evaluation: _native.Evaluation, plan: Optional[_native.Plan] = None) -> _E:
        self = cls.__new__(cls)
        self._evaluation = evaluation
        self._plan = plan
        return self

    def chart(
        self,
        kind: ChartKind = "burn_up",
        *,
        kpi: Optional[str] = None,
        node: str = COMPANY,
        lang: str = "zh",
        simulation: Optional[Simulation] = None,
    ) -> Chart:
        """A picture of the evaluation as SVG, shown inline in Jupyter:
        ``"burn_up"`` (cumulative actual against the phased target of
        ``kpi`` — the plan's revenue KPI by default — with the forecasts and,
        given a :class:`Simulation`, its P10–P90 band), ``"kpi_bullets"``
        (every KPI of ``node`` against its thresholds) or
        ``"gap_waterfall"`` (``node``'s revenue gap, effect by effect), and
        the plan's ``"gantt"`` and ``"budget_burn"`` as of the evaluation's
        day. ``lang`` is ``"zh"`` or ``"en"``."""
        svg = _native.chart(
            kind,
            lang,
            plan=self._plan,
            evaluation=self._evaluation,
            simulation=None if simulation is None else simulation._simulation,
            kpi=kpi,
            node="" if node == COMPANY else node,
        )
        return Chart(kind, svg)

    @property
    def as_of(self) -> datetime.date:
        """The day the evaluation was made."""
        return datetime.date.fromisoformat(self._evaluation.as_of)

    def to_json(self) -> str:
        """The evaluation as JSON text, decimals as strings: the same in
        every language."""
        return self._evaluation.to_json()

    @property
    def monitoring(self) -> Optional[Monitoring]:
        """The plan's execution, budget, capacity and strategy effects as of
        the evaluation's day, when it was monitored (:meth:`Plan.monitor`,
        or :meth:`Plan.evaluate` with ``updates`` or ``resources``)."""
        return monitoring_of(self._evaluation.monitoring_json())

    def to_dict(self) -> EvaluationDict:
        """The evaluation as a dict: ``Decimal``, ``date`` and ``None``; the
        company's node is ``""``, other nodes ``"region=east/rep=r1"``. A new
        dict every call (the decimals are shared: they are immutable). A
        monitored evaluation has its ``monitoring`` too."""
        d = self._evaluation.to_dict()
        monitoring = self.monitoring
        if monitoring is not None:
            d["monitoring"] = monitoring.to_dict()
        return cast(EvaluationDict, d)

    def kpi(self, kpi_id: str, node: str = COMPANY) -> KpiResult:
        """One KPI for one node (the company unless given); ``KeyError`` when
        there is none. Looked up by an index, so it costs the same for any
        size of evaluation."""
        found = self._evaluation.kpi(kpi_id, "" if node == COMPANY else node)
        if found is None:
            raise KeyError((kpi_id, node))
        return cast(KpiResult, found)

    def kpis(self, *, as_float: bool = False) -> pandas.DataFrame:
        """A pandas DataFrame with a row per KPI and node (the company's node
        is ``"company"``): kpi, node, target, expected, actual, variance,
        attainment, status, forecasts and trend. Decimals are ``Decimal``
        objects, or ``float``s (``NaN`` for none) with ``as_float=True``."""
        return _frame("Evaluation.kpis()", self._evaluation.kpi_columns, _KPI_COLUMNS, as_float)

    def periods(self, *, as_float: bool = False) -> pandas.DataFrame:
        """A pandas DataFrame with a row per KPI, node and period: kpi, node,
        period, target, actual, attainment."""
        return _frame("Evaluation.periods()", self._evaluation.period_columns, _PERIOD_COLUMNS, as_float)

    def nodes(self, value: str = "attainment", *, as_float: bool = False) -> pandas.DataFrame:
        """A pandas DataFrame with a row per node (the company first, as
        ``"company"``) and a column per KPI holding one field of its result
        (``attainment`` unless ``value`` names another, such as ``actual``
        or ``status``)."""
        if value not in _KPI_COLUMNS[2:]:
            raise ValueError(f"value must be one of {', '.join(_KPI_COLUMNS[2:])}, not {value!r}")
        pd = _require_pandas("Evaluation.nodes()")
        frame = self.kpis(as_float=as_float)
        # `unique` keeps the order of first appearance, as the rows come.
        nodes = pd.Index(frame["node"].unique(), name="node")
        kpis = pd.Index(frame["kpi"].unique(), name="kpi")
        table: pandas.DataFrame = frame.pivot(index="node", columns="kpi", values=value)
        return table.reindex(index=nodes, columns=kpis)

    def gaps(self, *, as_float: bool = False) -> pandas.DataFrame:
        """A pandas DataFrame with a row per node whose revenue gap the core
        explains (largest shortfall first): node, variance, and the volume,
        conversion and deal-size effects that sum to it, and the biggest."""
        return _frame("Evaluation.gaps()", self._evaluation.gap_columns, _GAP_COLUMNS, as_float)

    def __repr__(self) -> str:
        return repr(self._evaluation)

    def _repr_html_(self) -> str:
        """The company's KPIs as a table, for Jupyter."""
        head = "".join(f"<th>{name}</th>" for name in _HTML_CELLS)
        body = "".join(_html_row(r) for r in self._evaluation.node_results(""))
        return (
            f"<table><caption style='text-align:left'>as of {self.as_of}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


_HTML_CELLS = ("kpi", "target", "expected", "actual", "attainment", "status")


def _html_row(result: Mapping[str, object]) -> str:
    cells = ("–" if result[c] is None else str(result[c]) for c in _HTML_CELLS)
    return "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>"


_Columns = List[Tuple[str, Union[List[Any], bytes, _native.ArrowArray]]]


def _frame(
    what: str, columns_of: Callable[[str, bool, bool], _Columns], leading: Sequence[str], as_float: bool
) -> pandas.DataFrame:
    """A DataFrame from columns the native object makes: lists of values,
    ``float64`` bytes that numpy views (decimals with ``as_float``), and,
    where pandas keeps ``str`` columns in Arrow (pandas 3), Arrow arrays of
    the texts (a text column with no text at all comes as a list, which
    pandas keeps as objects). The leading columns first, then any others in the order the
    core gives them. Each column has the dtype pandas gives the same values
    as a list."""
    pd = _require_pandas(what)
    import numpy as np

    text = pd.Series(["", None]).dtype  # what pandas makes of a list of str
    arrow = getattr(text, "storage", None) == "pyarrow"
    by_name = dict(columns_of(COMPANY, as_float, arrow))
    data: Dict[str, Any] = {}
    for name in dict.fromkeys([*leading, *by_name]):
        values = by_name[name]
        if isinstance(values, bytes):
            data[name] = np.frombuffer(values, dtype=np.float64)
        elif isinstance(values, _native.ArrowArray):
            # pandas keeps str in Arrow only when pyarrow is there.
            series = importlib.import_module("pyarrow").array(values).to_pandas()
            data[name] = series if series.dtype == text else series.astype(text)
        else:  # an empty list would make a float64 column
            data[name] = values if values else np.empty(0, dtype=object)
    frame: pandas.DataFrame = pd.DataFrame(data, copy=True)
    return frame
