"""Actuals: what really happened, as dated observations of the plan's measures.

Every way in ends in one of the core's readers, so a row is checked the
same whichever way it came: a path, CSV or JSON text, a list of dicts, or an
Arrow table. Anything with ``__arrow_c_stream__`` (a pyarrow Table or
RecordBatchReader, a polars DataFrame) crosses through the Arrow PyCapsule
interface, column by column, without a Python object per row; a pandas
DataFrame does too when pyarrow is installed, and is written as CSV text
otherwise. Neither pandas nor polars is imported unless the caller already
has one of its frames.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from decimal import Decimal
from typing import (
    TYPE_CHECKING,
    Any,
    Iterable,
    List,
    Literal,
    Mapping,
    Optional,
    Type,
    TypeVar,
    Union,
    cast,
)

from . import _convert, _native, _schema
from ._rates import RatesSource, rates_text
from ._types import LoadWarning, Observation, RowProblem

if TYPE_CHECKING:
    import pandas
    import polars

    from . import Plan

ActualsFormat = Literal["csv", "json"]
"""The text formats the core reads actuals from."""

ActualsSource = Union[
    str,
    "os.PathLike[str]",
    Iterable[Mapping[str, Any]],
    "pandas.DataFrame",
    "polars.DataFrame",
]
"""What :meth:`Plan.load_actuals` reads: a path (``.json`` is JSON, anything
else CSV), CSV or JSON text, records ``{"date", "measure", "value", "tags"}``,
or a DataFrame with columns ``date``, ``measure``, ``value`` and one column
per tag."""

_A = TypeVar("_A", bound="Actuals")


class Actuals:
    """Observations of a plan's measures: a date, a measure, an exact value
    and dimension tags (``region``, ``rep``, ...) each.

    Make them with :meth:`Plan.load_actuals` or the ``from_*`` class methods.
    Rows are checked against the plan: a bad date or number or an unknown
    measure raises :class:`ActualsError` listing every bad row, unless
    ``lenient=True``, which skips bad rows and keeps them in
    :attr:`problems`. Valid rows dated outside the plan period are kept,
    not evaluated, and reported in :attr:`warnings`.

    Two columns are not tags: ``currency`` (empty means the plan's; a row
    in another currency is converted at the rate of ``rates`` in effect on
    its date, rounded to the cent) and ``credit`` (``"rep=a:0.6;rep=b:0.4"``:
    the row is split into one row per share, the value split exactly to
    the cent). A row without a rate in effect, or with a credit that does
    not read, is a bad row in that column.
    """

    __slots__ = ("_actuals",)
    _actuals: _native.Actuals

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError(
            "create Actuals with plan.load_actuals(source), Actuals.from_csv(plan, text), "
            "Actuals.from_json(plan, text), Actuals.from_records(plan, rows) or "
            "Actuals.from_dataframe(plan, frame)"
        )

    @classmethod
    def _wrap(cls: Type[_A], actuals: _native.Actuals) -> _A:
        self = cls.__new__(cls)
        self._actuals = actuals
        return self

    @classmethod
    def from_csv(
        cls: Type[_A], plan: Plan, text: str, *, lenient: bool = False, rates: Optional[RatesSource] = None
    ) -> _A:
        """Read CSV text with a header row: ``date`` (``YYYY-MM-DD``),
        ``measure`` and ``value`` (an exact decimal; ``"1,200.50"`` and
        ``"3.5万"`` are read too); every other column is a tag, an empty cell
        meaning none, but ``currency`` and ``credit`` (see the class)."""
        return cls._wrap(_native.Actuals.from_csv(plan._plan, text, lenient, rates_text(rates)))

    @classmethod
    def from_json(
        cls: Type[_A], plan: Plan, text: str, *, lenient: bool = False, rates: Optional[RatesSource] = None
    ) -> _A:
        """Read a JSON array of ``{"date", "measure", "value", "tags"}``,
        each with an optional ``"currency"`` and ``"credit"``."""
        return cls._wrap(_native.Actuals.from_json(plan._plan, text, lenient, rates_text(rates)))

    @classmethod
    def from_records(
        cls: Type[_A],
        plan: Plan,
        records: Iterable[Mapping[str, Any]],
        *,
        lenient: bool = False,
        rates: Optional[RatesSource] = None,
    ) -> _A:
        """Read dicts ``{"date", "measure", "value", "tags"}``, as
        :meth:`to_records` gives them: dates as ``datetime.date`` or ISO
        strings, values as ``Decimal``, ``int`` or ``str``, ``tags``,
        ``currency`` and ``credit`` optional."""
        if isinstance(records, (str, bytes, Mapping)):
            raise TypeError(f"records must be an iterable of dicts, not {type(records).__name__}")
        return cls.from_json(plan, _convert.to_json_text(list(records)), lenient=lenient, rates=rates)

    @classmethod
    def from_arrow(
        cls: Type[_A], plan: Plan, table: Any, *, lenient: bool = False, rates: Optional[RatesSource] = None
    ) -> _A:
        """Read an Arrow table: anything with ``__arrow_c_stream__`` (pyarrow,
        polars, pandas ≥ 2.2 with pyarrow) or its ``"arrow_array_stream"``
        capsule. Columns: ``date`` (date32, date64, a timestamp without time
        zone, or ``YYYY-MM-DD`` text), ``measure`` (strings or
        dictionary-encoded strings), ``value`` (decimal128, read exactly with
        its scale; integers; floats, each read as its shortest decimal; or
        decimal text) and one string column per tag, null meaning none,
        but ``currency`` and ``credit`` (see the class). A column of
        another type raises :class:`InvalidArgumentError` naming it."""
        capsule = _arrow_capsule(table)
        if capsule is None:
            raise TypeError(f"expected an Arrow table (__arrow_c_stream__), not {type(table).__name__}")
        return cls._wrap(_native.Actuals.from_arrow(plan._plan, capsule, lenient, rates_text(rates)))

    @classmethod
    def from_dataframe(
        cls: Type[_A], plan: Plan, frame: Any, *, lenient: bool = False, rates: Optional[RatesSource] = None
    ) -> _A:
        """Read a pandas or polars DataFrame with columns ``date``,
        ``measure``, ``value`` and one column per tag (its index is not
        read); through Arrow (see :meth:`from_arrow`) when it can."""
        capsule = _arrow_capsule(frame)
        if capsule is not None:
            return cls._wrap(_native.Actuals.from_arrow(plan._plan, capsule, lenient, rates_text(rates)))
        text = _frame_to_csv(frame)
        if text is None:
            raise TypeError(f"expected a pandas or polars DataFrame, not {type(frame).__name__}")
        return cls.from_csv(plan, text, lenient=lenient, rates=rates)

    @classmethod
    def load(
        cls: Type[_A],
        plan: Plan,
        source: ActualsSource,
        *,
        lenient: bool = False,
        format: Optional[ActualsFormat] = None,
        rates: Optional[RatesSource] = None,
    ) -> _A:
        """Read actuals from any :data:`ActualsSource`; see
        :meth:`Plan.load_actuals`."""
        if isinstance(source, Actuals):
            raise TypeError("source is loaded already: pass it to plan.evaluate() as it is")
        table = rates_text(rates)
        if isinstance(source, str) and not _looks_like_path(source):
            return cls._text(plan, source, format or _sniff(source), lenient, table)
        if isinstance(source, (str, os.PathLike)):
            path = os.fspath(source)
            return cls._text(plan, _read(path), format or _suffix_format(path), lenient, table)
        capsule = _arrow_capsule(source)
        if capsule is not None:
            return cls._wrap(_native.Actuals.from_arrow(plan._plan, capsule, lenient, table))
        text = _frame_to_csv(source)
        if text is not None:
            return cls.from_csv(plan, text, lenient=lenient, rates=table)
        # Not a frame (checked above): records.
        return cls.from_records(plan, cast("Iterable[Mapping[str, Any]]", source), lenient=lenient, rates=table)

    @classmethod
    def _text(cls: Type[_A], plan: Plan, text: str, format: str, lenient: bool, rates: Optional[str]) -> _A:
        if format == "json":
            return cls.from_json(plan, text, lenient=lenient, rates=rates)
        if format == "csv":
            return cls.from_csv(plan, text, lenient=lenient, rates=rates)
        raise ValueError(f"format must be 'csv' or 'json', not {format!r}")

    @property
    def problems(self) -> List[RowProblem]:
        """The rows a lenient load skipped, with why (a fresh list)."""
        return self._actuals.problems

    @property
    def warnings(self) -> List[LoadWarning]:
        """Valid rows that the evaluation will not count, kept and reported
        in strict and lenient loads alike: rows dated outside the plan
        period (``code`` ``"outside_period"``) with how many, their first
        row numbers and the dates they span (a fresh list)."""
        return self._actuals.warnings

    def to_records(self) -> List[Observation]:
        """Every observation in load order, as dicts with ``datetime.date``
        and ``Decimal``; :meth:`from_records` reads them back."""
        rows: List[Observation] = _schema.output(json.loads(self._actuals.to_json()), "Observation")
        return rows

    def to_dataframe(self) -> pandas.DataFrame:
        """A pandas DataFrame: ``date``, ``measure``, ``value`` (``Decimal``)
        and one column per tag, ``None`` where a row has none."""
        pd = _require_pandas("Actuals.to_dataframe()")
        rows = [
            {"date": r["date"], "measure": r["measure"], "value": r["value"], **r["tags"]}
            for r in self.to_records()
        ]
        columns = dict.fromkeys(["date", "measure", "value", *(k for r in rows for k in r)])
        frame: pandas.DataFrame = pd.DataFrame(rows, columns=list(columns))
        return frame

    def __len__(self) -> int:
        return len(self._actuals)

    def __repr__(self) -> str:
        return repr(self._actuals)


def _looks_like_path(text: str) -> bool:
    """A one-line string ending in ``.csv`` or ``.json`` names a file."""
    return "\n" not in text and text.strip().lower().endswith((".csv", ".json"))


def _suffix_format(path: str) -> ActualsFormat:
    return "json" if path.lower().endswith(".json") else "csv"


def _sniff(text: str) -> ActualsFormat:
    """JSON when the text starts with ``[`` or ``{``, else CSV."""
    return "json" if text.lstrip()[:1] in ("[", "{") else "csv"


def _read(path: str) -> str:
    # utf-8-sig: spreadsheets write a byte-order mark before the header.
    with open(path, encoding="utf-8-sig") as file:
        return file.read()


def _require_pandas(what: str) -> Any:
    try:
        import pandas
    except ImportError as error:
        raise ImportError(f"{what} needs pandas, which is not installed: pip install pandas") from error
    return pandas


def _arrow_capsule(source: Any) -> Any:
    """The ``"arrow_array_stream"`` capsule of an Arrow table, or ``None``.

    pandas frames go through ``pyarrow.Table.from_pandas`` (without the
    index) when pyarrow is installed, and are not read here otherwise."""
    if type(source).__name__ == "PyCapsule":
        return source
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(source, pd.DataFrame):
        try:
            pyarrow = importlib.import_module("pyarrow")
        except ImportError:
            return None
        source = pyarrow.Table.from_pandas(source, preserve_index=False)
    export = getattr(source, "__arrow_c_stream__", None)
    return None if export is None else export()


def _frame_to_csv(frame: Any) -> Optional[str]:
    """CSV text for a pandas or polars DataFrame; ``None`` for anything else.

    Neither library is imported here: a frame's library is loaded already."""
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(frame, pd.DataFrame):
        plain = frame.copy(deep=False)
        for name in plain.columns:
            if plain[name].dtype == object:
                plain[name] = plain[name].map(_plain, na_action="ignore")
        text: str = plain.to_csv(index=False, date_format="%Y-%m-%d", lineterminator="\n")
        return text
    pl = sys.modules.get("polars")
    if pl is not None and isinstance(frame, pl.DataFrame):
        written: str = frame.write_csv(date_format="%Y-%m-%d", datetime_format="%Y-%m-%d")
        return written
    return None


def _plain(value: Any) -> Any:
    """Decimals written out in full (``str`` may give ``"1.2E+8"``)."""
    return format(value, "f") if isinstance(value, Decimal) else value
