"""Partial evaluations: actuals folded batch by batch, merged, evaluated.

A :class:`Partial` holds the folds of some batches of actuals against a
plan, as of a day, by the nodes of a hierarchy: per KPI filter, node,
period and measure the exact sum, count and extremes. Partials merge in any
order, exactly, and the merge evaluates to what :meth:`Plan.evaluate` gives
for all the rows in batch order — byte for byte. That lets actuals larger
than memory be evaluated one batch at a time (:func:`evaluate_batches`),
and lets Spark executors fold their partitions (``salesplan.spark``) while
only partials cross the network.
"""

from __future__ import annotations

import datetime
import importlib
from typing import TYPE_CHECKING, Any, Iterable, Iterator, List, Optional, Tuple, Type, TypeVar, Union

from . import _convert, _native
from ._actuals import Actuals
from ._evaluation import Evaluation
from ._pipeline import Pipeline, pipeline_json

if TYPE_CHECKING:
    from . import Plan
    from ._types import CascadeNode

_T = TypeVar("_T", bound="Partial")


class Partial:
    """The folds of some batches of actuals: make one with
    :meth:`Plan.fold`, add others with :meth:`merge`, evaluate with
    :meth:`Plan.evaluate_partial`. Pickles as its bytes."""

    __slots__ = ("_partial",)
    _partial: _native.Partial

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError("create a Partial with plan.fold(actuals, as_of=...) or Partial.from_bytes(data)")

    @classmethod
    def _wrap(cls: Type[_T], partial: _native.Partial) -> _T:
        self = cls.__new__(cls)
        self._partial = partial
        return self

    @classmethod
    def from_bytes(cls: Type[_T], data: Union[bytes, bytearray, memoryview]) -> _T:
        """Read the bytes of :meth:`to_bytes`; raises
        :class:`InvalidArgumentError` for anything else."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"expected bytes, not {type(data).__name__}")
        return cls._wrap(_native.Partial.from_bytes(bytes(data)))

    def to_bytes(self) -> bytes:
        """The compact, versioned encoding (what crosses a network)."""
        return self._partial.to_bytes()

    def merge(self: _T, other: "Partial") -> _T:
        """Add the batches of ``other`` (folded for the same plan, day and
        hierarchy, else :class:`InvalidArgumentError` and nothing changes);
        returns this partial."""
        if not isinstance(other, Partial):
            raise TypeError(f"expected a Partial, not {type(other).__name__}")
        self._partial.merge(other._partial)
        return self

    @property
    def rows(self) -> int:
        """Rows folded, whatever their date."""
        return self._partial.rows

    @property
    def nodes(self) -> int:
        """Nodes reached (the company included), over every KPI filter."""
        return self._partial.nodes

    @property
    def as_of(self) -> datetime.date:
        """The day it evaluates as of."""
        return datetime.date.fromisoformat(self._partial.as_of)

    @property
    def hierarchy(self) -> List[str]:
        """The hierarchy it was folded by."""
        return self._partial.hierarchy

    def __reduce__(self) -> Tuple[Any, Tuple[bytes]]:
        return (_from_bytes, (self.to_bytes(),))

    def __repr__(self) -> str:
        return f"Partial(as_of={self.as_of}, hierarchy={self.hierarchy!r}, rows={self.rows}, nodes={self.nodes})"


def _from_bytes(data: bytes) -> Partial:
    return Partial.from_bytes(data)


def fold(plan: "Plan", actuals: Any, as_of: str, hierarchy: List[str], batch: int) -> Partial:
    """See :meth:`Plan.fold` (``as_of`` and ``hierarchy`` as the core
    reads them)."""
    if not isinstance(actuals, Actuals):
        actuals = plan.load_actuals(actuals)
    if isinstance(batch, bool) or not isinstance(batch, int):
        raise TypeError(f"batch must be an int, not {type(batch).__name__}")
    return Partial._wrap(_native.Partial.fold(plan._plan, actuals._actuals, as_of, hierarchy, batch))


def empty(plan: "Plan", as_of: str, hierarchy: List[str]) -> Partial:
    """A partial of no rows for ``plan``: what merging no batch gives."""
    return Partial._wrap(_native.Partial.empty(plan._plan, as_of, hierarchy))


def merge(partials: Iterable[Partial]) -> Partial:
    """The merge of ``partials`` (at least one), in any order."""
    merged: Optional[Partial] = None
    for p in partials:
        if not isinstance(p, Partial):
            raise TypeError(f"expected Partial objects, not {type(p).__name__}")
        merged = Partial.from_bytes(p.to_bytes()) if merged is None else merged.merge(p)
    if merged is None:
        raise ValueError("no partial to merge")
    return merged


def evaluate_partial(
    plan: "Plan",
    partial: Partial,
    *,
    trend_periods: int = 3,
    pipeline: Optional[Pipeline] = None,
    cascade: Optional["CascadeNode"] = None,
) -> Evaluation:
    """See :meth:`Plan.evaluate_partial`."""
    if not isinstance(partial, Partial):
        raise TypeError(f"expected a Partial, not {type(partial).__name__}")
    tree = None if cascade is None else _convert.to_json_text(cascade)
    native = partial._partial.evaluate(plan._plan, trend_periods, pipeline_json(pipeline), tree)
    return Evaluation._wrap(native, plan._plan)


def evaluate_batches(
    plan: "Plan",
    batches: Iterable[Any],
    as_of: str,
    hierarchy: List[str],
    trend_periods: int = 3,
    pipeline: Optional[Pipeline] = None,
    cascade: Optional["CascadeNode"] = None,
) -> Evaluation:
    """See :meth:`Plan.evaluate_batches`."""
    if isinstance(batches, (str, bytes)) or not hasattr(batches, "__iter__"):
        raise TypeError(f"batches must be an iterable of Arrow batches or Actuals, not {type(batches).__name__}")
    merged = empty(plan, as_of, hierarchy)
    for number, batch in enumerate(chunked(batches)):
        actuals = batch if isinstance(batch, Actuals) else Actuals.from_arrow(plan, batch)
        merged.merge(fold(plan, actuals, as_of, hierarchy, number))
    return evaluate_partial(plan, merged, trend_periods=trend_periods, pipeline=pipeline, cascade=cascade)


# Rows folded at once when small Arrow batches arrive: each fold costs a
# pass over the nodes it reaches, so thousands of 10,000-row batches (Spark's
# default) are gathered first.
CHUNK_ROWS = 1 << 20


def chunked(batches: Iterable[Any], rows: int = CHUNK_ROWS) -> Iterator[Any]:
    """The batches with consecutive pyarrow ``RecordBatch``es gathered into
    tables of at least ``rows`` rows (the last may have fewer), in order;
    anything else (a table, a polars frame, :class:`Actuals`) as it is."""
    pending: List[Any] = []
    count = 0
    for batch in batches:
        if _is_record_batch(batch):
            pending.append(batch)
            count += batch.num_rows
            if count < rows:
                continue
        if pending:
            yield importlib.import_module("pyarrow").Table.from_batches(pending)
            pending, count = [], 0
        if not _is_record_batch(batch):
            yield batch
    if pending:
        yield importlib.import_module("pyarrow").Table.from_batches(pending)


def _is_record_batch(batch: Any) -> bool:
    return type(batch).__name__ == "RecordBatch" and type(batch).__module__.startswith("pyarrow")
