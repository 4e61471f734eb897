"""The exact roll-up of amounts to (key, calendar month) cells, over columns
that cross to Rust without copying: an Arrow table, or numpy arrays.

Sums come back as an ``int64`` numpy array of minor units (with their
``scale``), attainment as ``int64`` basis points: no Python object per cell.
numpy is needed here only.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, List, Mapping, Optional, Union

from . import _native

if TYPE_CHECKING:
    import numpy

DateLike = Union[datetime.date, str]


class MonthlyRollup:
    """Exact sums per (key, month) and, when quotas were given, attainment.

    ``sums[key, m]`` is the sum of key ``key`` in month ``months[m]`` in
    minor units (``sums / 10**scale`` in currency units); ``attainment[key,
    m]`` is actual ÷ quota in basis points (``10125`` is 101.25%), rounded
    half-to-even once per cell, as :meth:`Plan.evaluate` rounds;
    ``attainment_mask`` is ``True`` where the quota is zero (no attainment,
    ``0`` in ``attainment``). The arrays are read-only numpy views.
    """

    __slots__ = ("months", "scale", "sums", "attainment", "attainment_mask")

    def __init__(
        self,
        months: List[str],
        scale: int,
        sums: numpy.ndarray[Any, Any],
        attainment: Optional[numpy.ndarray[Any, Any]],
        attainment_mask: Optional[numpy.ndarray[Any, Any]],
    ) -> None:
        self.months = months
        self.scale = scale
        self.sums = sums
        self.attainment = attainment
        self.attainment_mask = attainment_mask

    @property
    def key_count(self) -> int:
        """How many keys (rows of :attr:`sums`)."""
        return int(self.sums.shape[0])

    def sum(self, key: int, month: Union[int, str]) -> Decimal:
        """One cell's sum as an exact ``Decimal``; ``month`` is a position
        or a name like ``"2026-03"``."""
        m = self.months.index(month) if isinstance(month, str) else month
        return Decimal(int(self.sums[key, m])).scaleb(-self.scale)

    def __repr__(self) -> str:
        span = f"{self.months[0]}..{self.months[-1]}" if self.months else "none"
        return f"MonthlyRollup(keys={self.key_count}, months={span}, scale={self.scale})"


def rollup_by_month(
    source: Any,
    *,
    key: str,
    day: str,
    amount: str,
    scale: int,
    start: DateLike,
    end: DateLike,
    key_count: Optional[int] = None,
    quotas: Optional[Any] = None,
) -> MonthlyRollup:
    """Sum ``amount`` by (``key``, calendar month of ``day``), exactly.

    ``source`` is an Arrow table (anything with ``__arrow_c_stream__``: a
    pyarrow Table, a polars DataFrame; one batch, no nulls) or a mapping of
    column name to numpy array. The columns: ``key`` uint32 codes
    ``0..key_count`` (default: one more than the largest), ``day`` the date
    (Arrow date32 or int32 days since 1970-01-01; numpy int32 or
    ``datetime64[D]``), ``amount`` int64 minor units with ``scale``
    decimals. Months run from ``start``'s to ``end``'s; every day must lie
    in ``start..end``. ``quotas``: int64 minor units (same ``scale``), one
    per cell, shaped ``(key_count, months)`` or flat key-major.

    Arrays of the right dtype are read in place; others are converted once.
    Raises :class:`InvalidArgumentError` naming the first bad row or column.
    """
    import numpy as np

    dates = (str(start), str(end))
    q = None if quotas is None else np.ascontiguousarray(quotas, dtype=np.int64).reshape(-1)
    export = getattr(source, "__arrow_c_stream__", None)
    if export is not None:
        out = _native.rollup_arrow(export(), key, day, amount, scale, *dates, key_count, q)
    elif isinstance(source, Mapping):
        days = np.asarray(source[day])
        if days.dtype.kind == "M":
            days = days.astype("datetime64[D]").astype(np.int64)
        out = _native.rollup_arrays(
            np.ascontiguousarray(source[key], dtype=np.uint32),
            np.ascontiguousarray(days, dtype=np.int32),
            np.ascontiguousarray(source[amount], dtype=np.int64),
            scale,
            *dates,
            key_count,
            q,
        )
    else:
        raise TypeError(
            f"expected an Arrow table or a mapping of numpy arrays, not {type(source).__name__}"
        )
    months, sums, attainment = out
    shape = (-1, len(months)) if months else (0, 0)
    grid = np.frombuffer(sums, dtype=np.int64).reshape(shape)
    bp = mask = None
    if attainment is not None:
        bp = np.frombuffer(attainment[0], dtype=np.int64).reshape(shape)
        mask = np.frombuffer(attainment[1], dtype=np.bool_).reshape(shape)
    return MonthlyRollup(months, scale, grid, bp, mask)
