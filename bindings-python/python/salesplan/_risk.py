"""Risk control: the risk register scored on the plan's matrix and moved by
key risk indicators, and the simulated chance of reaching a goal, as typed
dicts and pandas DataFrames (pandas is needed only for the DataFrames)."""

from __future__ import annotations

import datetime
import html
import json
import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Literal, Optional, Sequence, Tuple, Type, TypeVar

from . import _native, _schema
from ._actuals import _require_pandas
from ._chart import Chart
from ._types import RiskMatrix, RiskMove, RiskRegisterDict, RiskTotals, ScoredRisk, SimulationDict

if TYPE_CHECKING:
    import pandas

_SCORES = ("planned", "inherent", "residual")
_SCORE_FIELDS = ("likelihood", "impact", "score", "level")

# Leading columns of the DataFrames, in this order; fields the core adds
# later follow them. In `risks()` each score is flattened into four columns
# (`inherent_level`, ...), and the indicators into the KPIs they watch and
# the KPIs whose indicators fired.
_RISK_COLUMNS: Tuple[str, ...] = (
    "risk",
    "name",
    "category",
    "owner",
    *(f"{score}_{field}" for score in _SCORES for field in _SCORE_FIELDS),
    "probability",
    "impact_amount",
    "exposure",
    "mitigations",
    "indicators",
    "signals",
    "breached",
)
_BIN_COLUMNS: Tuple[str, ...] = ("from", "to", "count")
_DRIVER_COLUMNS: Tuple[str, ...] = ("deal", "amount", "probability", "expected", "std_dev", "variance_share")

_R = TypeVar("_R", bound="RiskRegister")
_S = TypeVar("_S", bound="Simulation")


class RiskRegister:
    """The plan's risks scored on its likelihood × impact matrix: as planned,
    inherent and residual (after mitigation). Given an evaluation, every key
    risk indicator reads its KPI and, when it crosses its threshold, raises
    its risk's likelihood; :attr:`moves` lists the risks that moved.

    Made by :meth:`Plan.risk_register`. Decimals are exact
    ``decimal.Decimal``s in :meth:`to_dict` and :meth:`risks`.
    """

    __slots__ = ("_register", "_typed")
    _register: _native.RiskRegister
    _typed: Optional[RiskRegisterDict]

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError("create a RiskRegister with plan.risk_register(evaluation)")

    @classmethod
    def _wrap(cls: Type[_R], register: _native.RiskRegister) -> _R:
        self = cls.__new__(cls)
        self._register = register
        self._typed = None
        return self

    def _document(self) -> RiskRegisterDict:
        """The register typed, read from its JSON once; callers hand out
        copies (:func:`fresh`)."""
        if self._typed is None:
            self._typed = _schema.output(json.loads(self.to_json()), "RiskRegister")
        return self._typed

    @property
    def as_of(self) -> Optional[datetime.date]:
        """The evaluation's day, when indicators were read; else ``None``."""
        day = self._register.as_of
        return None if day is None else datetime.date.fromisoformat(day)

    def chart(self, *, lang: str = "zh") -> Chart:
        """The risk heat map as SVG (shown inline in Jupyter): every risk
        on the likelihood × impact matrix, inherent and residual."""
        return Chart("risk_heatmap", _native.chart("risk_heatmap", lang, register=self._register))

    def to_json(self) -> str:
        """The register as JSON text, decimals as strings: the same in every
        language."""
        return self._register.to_json()

    def to_dict(self) -> RiskRegisterDict:
        """The register as a dict: ``Decimal``, ``date`` and ``None``."""
        result: RiskRegisterDict = fresh(self._document())
        return result

    @property
    def matrix(self) -> RiskMatrix:
        """The matrix the scores are on, with its bands."""
        result: RiskMatrix = fresh(self._document()["matrix"])
        return result

    @property
    def moves(self) -> List[RiskMove]:
        """The risks that indicators raised, and which KPIs did it."""
        result: List[RiskMove] = fresh(self._document()["moves"])
        return result

    @property
    def totals(self) -> RiskTotals:
        """Exposure in total and by category, owner and level."""
        result: RiskTotals = fresh(self._document()["totals"])
        return result

    def risk(self, risk_id: str) -> ScoredRisk:
        """One risk; ``KeyError`` when there is none."""
        for risk in self._document()["risks"]:
            if risk["risk"] == risk_id:
                result: ScoredRisk = fresh(risk)
                return result
        raise KeyError(risk_id)

    def risks(self, *, as_float: bool = False) -> pandas.DataFrame:
        """A pandas DataFrame with a row per risk, in plan order: risk, name,
        category, owner; likelihood, impact, score and level as planned,
        inherent and residual (``inherent_level``, ...); probability, impact
        amount, exposure, mitigations; the KPIs its indicators watch, the
        conditions of its signals, and those of either that fired
        (``breached``). Decimals are ``Decimal`` objects, or
        ``float``s (``NaN`` for none) with ``as_float=True``."""
        rows = [_risk_row(fresh(risk)) for risk in self._document()["risks"]]
        return _frame("RiskRegister.risks()", rows, _RISK_COLUMNS, as_float)

    def heatmap(self, kind: Literal["inherent", "residual"] = "inherent") -> pandas.DataFrame:
        """A pandas DataFrame counting the risks in each cell of the matrix
        at their current ``"inherent"`` or ``"residual"`` score: indexed by
        likelihood (1 up), a column per impact (1 up)."""
        if kind not in ("inherent", "residual"):
            raise ValueError(f"kind must be 'inherent' or 'residual', not {kind!r}")
        pd = _require_pandas("RiskRegister.heatmap()")
        document = self._document()
        matrix = document["matrix"]
        frame: pandas.DataFrame = pd.DataFrame(
            document["heatmap"][kind],
            index=pd.Index(range(1, matrix["likelihood_levels"] + 1), name="likelihood"),
            columns=pd.Index(range(1, matrix["impact_levels"] + 1), name="impact"),
            dtype="int64",
        )
        return frame

    def __repr__(self) -> str:
        return repr(self._register)

    def _repr_html_(self) -> str:
        """The risks at their current scores, for Jupyter."""
        document = self._document()
        moved = {m["risk"] for m in document["moves"]}
        head = "".join(f"<th>{name}</th>" for name in _HTML_RISK_CELLS)
        body = "".join(
            _html_row(
                (
                    r["risk"] + (" ↑" if r["risk"] in moved else ""),
                    r["name"],
                    r["category"],
                    f"{r['inherent']['likelihood']}×{r['inherent']['impact']}",
                    r["inherent"]["level"],
                    f"{r['residual']['likelihood']}×{r['residual']['impact']}",
                    r["residual"]["level"],
                    r["exposure"],
                )
            )
            for r in document["risks"]
        )
        as_of = document["as_of"]
        caption = "as planned" if as_of is None else f"as of {as_of}"
        caption += f" · exposure {document['totals']['exposure']}"
        return (
            f"<table><caption style='text-align:left'>{html.escape(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


_HTML_RISK_CELLS = ("risk", "name", "category", "inherent", "level", "residual", "level", "exposure")


class Simulation:
    """The simulated chance of reaching a goal's target: closed actuals to
    date, the open pipeline won deal by deal, and new business fitted from
    the completed periods, over many seeded trials. The same seed gives the
    same numbers in every language and on any number of threads.

    Made by :meth:`Plan.simulate`. Amounts are exact ``decimal.Decimal``s,
    rounded to cents.
    """

    __slots__ = ("_simulation", "_typed")
    _simulation: _native.Simulation
    _typed: Optional[SimulationDict]

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError("create a Simulation with plan.simulate(actuals, pipeline, as_of=...)")

    @classmethod
    def _wrap(cls: Type[_S], simulation: _native.Simulation) -> _S:
        self = cls.__new__(cls)
        self._simulation = simulation
        self._typed = None
        return self

    def _document(self) -> SimulationDict:
        """The simulation typed, read from its JSON once; callers hand out
        copies (:func:`fresh`)."""
        if self._typed is None:
            self._typed = _schema.output(json.loads(self.to_json()), "Simulation")
        return self._typed

    def chart(self, *, lang: str = "zh") -> Chart:
        """The simulated outcomes' histogram as SVG (shown inline in
        Jupyter), the target marked."""
        return Chart("outcome_histogram", _native.chart("outcome_histogram", lang, simulation=self._simulation))

    def to_json(self) -> str:
        """The simulation as JSON text, decimals as strings: the same in
        every language."""
        return self._simulation.to_json()

    def to_dict(self) -> SimulationDict:
        """The simulation as a dict: ``Decimal``, ``date`` and ``None``."""
        result: SimulationDict = fresh(self._document())
        return result

    @property
    def goal(self) -> str:
        """The goal simulated."""
        return self._simulation.goal

    @property
    def target(self) -> Decimal:
        """The amount to reach."""
        return self._simulation.target

    @property
    def trials(self) -> int:
        """Trials run."""
        return self._simulation.trials

    @property
    def seed(self) -> int:
        """The seed of the random streams."""
        return self._simulation.seed

    @property
    def probability(self) -> Decimal:
        """Share of trials reaching the target (6 decimals)."""
        return self._simulation.probability

    @property
    def standard_error(self) -> Decimal:
        """Standard error of :attr:`probability`, √(p(1−p)/n)."""
        return self._simulation.standard_error

    @property
    def exact_probability(self) -> Optional[Decimal]:
        """The exact probability, for a small pipeline of fixed amounts
        without new business; else ``None``."""
        return self._simulation.exact_probability

    @property
    def mean(self) -> Decimal:
        """Mean outcome."""
        return self._simulation.mean

    @property
    def p10(self) -> Decimal:
        """10th percentile of the outcome (nearest rank)."""
        return self._simulation.p10

    @property
    def p50(self) -> Decimal:
        """Median outcome (nearest rank)."""
        return self._simulation.p50

    @property
    def p90(self) -> Decimal:
        """90th percentile of the outcome (nearest rank)."""
        return self._simulation.p90

    @property
    def expected_shortfall(self) -> Decimal:
        """Mean shortfall below the target, trials that reach it counting
        zero."""
        return self._simulation.expected_shortfall

    def histogram(self, *, as_float: bool = False) -> pandas.DataFrame:
        """A pandas DataFrame with a row per bin of equal width from the
        lowest to the highest outcome: from, to (outcomes in ``[from, to)``;
        the last bin includes ``to``) and count of trials."""
        rows = [dict(b) for b in self._document()["histogram"]]
        return _frame("Simulation.histogram()", rows, _BIN_COLUMNS, as_float)

    def drivers(self, *, as_float: bool = False) -> pandas.DataFrame:
        """A pandas DataFrame with a row per deal with the largest share of
        the outcome's variance, largest first: deal, amount, probability,
        expected contribution, standard deviation, variance share."""
        rows = [dict(d) for d in self._document()["drivers"]]
        return _frame("Simulation.drivers()", rows, _DRIVER_COLUMNS, as_float)

    def __repr__(self) -> str:
        return repr(self._simulation)

    def _repr_html_(self) -> str:
        """The headline numbers, for Jupyter."""
        d = self._document()
        cells = [
            ("target", d["target"]),
            ("probability", d["probability"]),
            ("exact probability", d["exact_probability"]),
            ("closed", d["closed"]),
            ("p10", d["p10"]),
            ("p50", d["p50"]),
            ("p90", d["p90"]),
            ("expected shortfall", d["expected_shortfall"]),
        ]
        body = "".join(_html_row(cell) for cell in cells if cell[1] is not None)
        caption = f"{d['goal']} as of {d['as_of']} · {d['trials']} trials, seed {d['seed']}"
        return (
            f"<table><caption style='text-align:left'>{html.escape(caption)}</caption>"
            f"<tbody>{body}</tbody></table>"
        )


def fresh(value: Any) -> Any:
    """A copy of a typed output's containers (dicts and lists), so that a
    caller may change what it was given; the values in them (``Decimal``,
    ``date``, ``str``) are immutable and shared."""
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    if isinstance(value, list):
        return [fresh(item) for item in value]
    return value


def _risk_row(risk: Dict[str, Any]) -> Dict[str, Any]:
    """A risk with its scores and indicators flattened into columns."""
    row: Dict[str, Any] = {}
    signals = risk.get("signals", [])
    for name, value in risk.items():
        if name in _SCORES:
            row.update({f"{name}_{field}": value[field] for field in _SCORE_FIELDS})
        elif name == "indicators":
            row["indicators"] = [i["kpi"] for i in value]
            row["signals"] = [s["when"] for s in signals]
            row["breached"] = [i["kpi"] for i in value if i["breached"]] + [s["when"] for s in signals if s["breached"]]
        elif name != "signals":
            row[name] = value
    return row


def _html_row(cells: Iterable[object]) -> str:
    text = ("–" if cell is None else str(cell) for cell in cells)
    return "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in text) + "</tr>"


def _frame(what: str, rows: List[Dict[str, Any]], leading: Sequence[str], as_float: bool) -> pandas.DataFrame:
    """Typed rows as a DataFrame, ``leading`` columns first; with
    ``as_float``, every column of decimals (the output's schema typed them
    ``Decimal``) as float64, ``NaN`` for none."""
    pd = _require_pandas(what)
    extra = [k for r in rows for k in r if k not in leading]
    columns = list(dict.fromkeys([*leading, *extra]))
    frame: pandas.DataFrame = pd.DataFrame(rows, columns=columns)
    if as_float:
        for name in columns:
            values = [r.get(name) for r in rows]
            if any(isinstance(v, Decimal) for v in values) or (
                name in _schema.DECIMAL_NAMES and all(v is None for v in values)
            ):
                frame[name] = frame[name].map(_to_float).astype("float64")
    return frame


def _to_float(value: Optional[Any]) -> float:
    return math.nan if value is None else float(value)
