"""Rate tables for actuals in other currencies than the plan's.

A rate table is rows of ``date, from, to, rate``: one unit of ``from`` is
worth ``rate`` units of ``to`` (the plan's currency) from ``date`` until the
next rate of the same pair. Every form given here becomes text for the
core's reader, which checks it whole: a path, CSV or JSON text, a list of
dicts, or a pandas or polars DataFrame.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Union

from . import _convert

if TYPE_CHECKING:
    import pandas
    import polars

RatesSource = Union[
    str,
    "os.PathLike[str]",
    Iterable[Mapping[str, Any]],
    "pandas.DataFrame",
    "polars.DataFrame",
]
"""What ``rates=`` takes: a path (``.json`` is JSON, anything else CSV), CSV
text with the header ``date,from,to,rate``, JSON text, a list of dicts
``{"date", "from", "to", "rate"}`` (rates as ``Decimal`` or decimal
strings, dates as ``datetime.date`` or ISO strings), or a DataFrame with
those four columns."""


def rates_text(source: Optional[RatesSource]) -> Optional[str]:
    """The rate table as text for the core (CSV, or JSON starting with
    ``[``), or ``None`` for none."""
    # Imported here: _actuals imports this module.
    from ._actuals import _frame_to_csv, _looks_like_path, _read

    if source is None:
        return None
    if isinstance(source, str):
        return _read(source) if _looks_like_path(source) else source
    if isinstance(source, os.PathLike):
        return _read(os.fspath(source))
    if isinstance(source, (bytes, Mapping)):
        raise TypeError(f"rates must be a path, text, a list of dicts or a DataFrame, not {type(source).__name__}")
    frame = _frame_to_csv(source)
    if frame is not None:
        return frame
    return _convert.to_json_text(list(source))
