"""Open deals in: a list of dicts, their JSON text, or a pandas or polars
DataFrame with a row per deal. Every way ends in the core's deal reader, so
a deal is checked the same whichever way it came."""

from __future__ import annotations

import datetime
import math
import sys
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Union, cast

from . import _convert

if TYPE_CHECKING:
    import pandas
    import polars

Pipeline = Union[str, Sequence[Mapping[str, Any]], "pandas.DataFrame", "polars.DataFrame"]
"""Open deals ``{"id", "amount", "probability", "expected_close", "stage",
"tags", "amount_low", "amount_high"}``: a list of dicts, their JSON text, or
a DataFrame with a column per field and one per tag."""

# The fields of a deal; a DataFrame's other columns are tags.
DEAL_FIELDS = ("id", "amount", "probability", "amount_low", "amount_high", "expected_close", "stage", "tags")


def pipeline_json(pipeline: Optional[Pipeline]) -> Optional[str]:
    """The deals as JSON text for the core, or ``None`` for none."""
    if pipeline is None or isinstance(pipeline, str):
        return pipeline
    records: Optional[List[Any]] = _frame_records(pipeline)
    if records is None:
        if isinstance(pipeline, bytes):
            raise TypeError(f"pipeline must be a list of dicts or JSON text, not {type(pipeline).__name__}")
        if isinstance(pipeline, Mapping):
            # One deal given alone: the core refuses it with its path.
            return _convert.to_json_text(pipeline)
        # Not a frame (checked above): dicts, checked by the core.
        records = list(cast("Sequence[Mapping[str, Any]]", pipeline))
    return _convert.to_json_text(records)


def _frame_records(frame: Any) -> Optional[List[Dict[str, Any]]]:
    """A pandas or polars DataFrame as deals; ``None`` for anything else.

    Neither library is imported here: a frame's library is loaded already.
    Missing cells (``None``, ``NaN``, ``NaT``) leave the field out; floats
    are read as their shortest decimal; timestamps as their day."""
    pd = sys.modules.get("pandas")
    pl = sys.modules.get("polars")
    if pd is not None and isinstance(frame, pd.DataFrame):
        rows: List[Dict[str, Any]] = frame.to_dict(orient="records")
    elif pl is not None and isinstance(frame, pl.DataFrame):
        rows = frame.to_dicts()
    else:
        return None
    deals = []
    for row in rows:
        deal: Dict[str, Any] = {}
        tags: Dict[str, Any] = {}
        for name, cell in row.items():
            value = _cell(cell)
            if value is None:
                continue
            if str(name) in DEAL_FIELDS:
                deal[str(name)] = value
            else:
                tags[str(name)] = value if isinstance(value, str) else str(value)
        if tags:
            deal["tags"] = {**tags, **deal.get("tags", {})}
        deals.append(deal)
    return deals


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        value = value.item()  # a numpy scalar
    if isinstance(value, float):
        return None if math.isnan(value) else format(Decimal(repr(value)), "f")
    if isinstance(value, datetime.datetime):
        return value.date()  # pandas Timestamps too
    if type(value).__name__ == "NaTType":
        return None
    return value
