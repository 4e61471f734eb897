"""The JSON Schemas of the core, compiled once at import: typed plan
documents, rule actions and JSON Patches on plans, and typed outputs."""

from __future__ import annotations

import json
from typing import Any, Callable, Dict, Mapping

from . import _convert, _native

PLAN = _convert.Schema(json.loads(_native.plan_schema_json()))
"""Converters for plan documents (``PLAN.document``), their parts and the
operations of patches on them."""


OUTPUTS = _convert.Schema(json.loads(_native.outputs_schema_json()))
"""Converters for every output, by its schema name
(``OUTPUTS.definition("Evaluation")``)."""


_NO_KEYS: Mapping[str, _convert.Convert] = {}


def output(value: Any, name: str, by_key: Mapping[str, _convert.Convert] = _NO_KEYS) -> Any:
    """An output of the core (plain JSON) typed by the schema ``name``
    (``"Evaluation"``; a list is typed item by item). ``by_key`` converts
    what a key holds, wherever it is, afterwards (a revision's ``patch``,
    whose values are typed by where they go in the plan)."""
    convert = OUTPUTS.definition(name)
    typed = [convert(item) for item in value] if isinstance(value, list) else convert(value)
    return _by_key(typed, by_key) if by_key else typed


def _by_key(value: Any, by_key: Mapping[str, Callable[[Any], Any]]) -> Any:
    if isinstance(value, list):
        return [_by_key(item, by_key) for item in value]
    if isinstance(value, dict):
        out: Dict[str, Any] = {}
        for key, item in value.items():
            out[key] = by_key[key](item) if key in by_key else _by_key(item, by_key)
        return out
    return value
