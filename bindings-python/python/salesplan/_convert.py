"""Typed Python values in and out of plan JSON.

JSON carries decimals and dates as strings. Which strings they are is read
from the plan's JSON Schema: ``"format": "decimal"`` and ``"format": "date"``.
The schema is compiled once, at import, into a tree of small converter
functions; parts of the document without decimals or dates are left alone.

Nothing here knows the plan's fields: the walker follows ``$ref``,
``properties``, ``additionalProperties``, ``items`` and ``anyOf``/``oneOf``
(choosing the branch whose ``type`` and ``const`` members fit the value).

The library's outputs (evaluations, allocations, funnels, risk registers,
simulations) have no schema; :func:`typed_output` types them by field name
instead, from two short lists (and a table of the few names whose type
depends on where they are) that ``tests/test_outputs.py`` keeps complete.
"""

from __future__ import annotations

import datetime
import decimal
import json
from typing import Any, Callable, Dict, List, Mapping, Optional, Set, Tuple

Convert = Callable[[Any], Any]
Guard = Callable[[Any], bool]

_FORMATS: Dict[str, Convert] = {
    "decimal": decimal.Decimal,
    "date": datetime.date.fromisoformat,
}

_JSON_TYPES: Dict[str, Tuple[type, ...]] = {
    "null": (type(None),),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
    "string": (str,),
    "array": (list,),
    "object": (dict,),
}


class _Compiler:
    """Turns schema nodes into converters; ``None`` means "leave as is"."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self._defs: Mapping[str, Any] = root.get("$defs", {})
        self._done: Dict[str, Optional[Convert]] = {}
        self._busy: Set[str] = set()

    def compile(self, node: Any) -> Optional[Convert]:
        if not isinstance(node, dict):
            return None
        if "$ref" in node:
            return self._ref(node["$ref"])
        fmt = node.get("format")
        if fmt in _FORMATS:
            return _scalar(_FORMATS[fmt])
        branches = node.get("anyOf") or node.get("oneOf")
        if branches:
            return self._union(branches)
        properties = {}
        for name, sub in node.get("properties", {}).items():
            convert = self.compile(sub)
            if convert is not None:
                properties[name] = convert
        extra = self.compile(node.get("additionalProperties"))
        if properties or extra is not None:
            return _object(properties, extra)
        items = self.compile(node.get("items"))
        if items is not None:
            return _array(items)
        return None

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            node = self._defs[_def_name(node["$ref"])]
        return node

    def _ref(self, ref: str) -> Optional[Convert]:
        name = _def_name(ref)
        if name in self._done:
            return self._done[name]
        if name in self._busy:  # a recursive type: look the converter up later
            return lambda value: _apply(self._done[name], value)
        self._busy.add(name)
        convert = self.compile(self._defs[name])
        self._busy.discard(name)
        self._done[name] = convert
        return convert

    def _union(self, branches: List[Any]) -> Optional[Convert]:
        compiled = [(self._guard(branch), self.compile(branch)) for branch in branches]
        if all(convert is None for _, convert in compiled):
            return None

        def convert(value: Any) -> Any:
            for fits, branch in compiled:
                if fits(value):
                    return _apply(branch, value)
            return value

        return convert

    def _guard(self, branch: Any) -> Guard:
        node = self.resolve(branch)
        if not isinstance(node, dict):
            return lambda value: True
        checks: List[Guard] = []
        if "const" in node:
            const = node["const"]
            checks.append(lambda value: value == const)
        kind = node.get("type")
        if kind is not None:
            names = [kind] if isinstance(kind, str) else list(kind)
            types = tuple(t for name in names for t in _JSON_TYPES.get(name, (object,)))
            checks.append(lambda value: isinstance(value, types))
        for name, sub in node.get("properties", {}).items():
            sub = self.resolve(sub)
            if isinstance(sub, dict) and "const" in sub:
                checks.append(_tag(name, sub["const"]))
        return lambda value: all(check(value) for check in checks)


def _def_name(ref: str) -> str:
    prefix = "#/$defs/"
    if not ref.startswith(prefix):
        raise ValueError(f"unsupported $ref {ref!r}")
    return ref[len(prefix) :].replace("~1", "/").replace("~0", "~")


def _apply(convert: Optional[Convert], value: Any) -> Any:
    return value if convert is None else convert(value)


def _scalar(parse: Convert) -> Convert:
    return lambda value: parse(value) if isinstance(value, str) else value


def _tag(name: str, const: Any) -> Guard:
    return lambda value: isinstance(value, dict) and value.get(name) == const


def _object(properties: Dict[str, Convert], extra: Optional[Convert]) -> Convert:
    def convert(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        out = {}
        for key, item in value.items():
            out[key] = _apply(properties.get(key, extra), item)
        return out

    return convert


def _array(items: Convert) -> Convert:
    return lambda value: [items(item) for item in value] if isinstance(value, list) else value


def compile_schema(schema: Mapping[str, Any]) -> Convert:
    """A converter from plain JSON values to typed ones for ``schema``."""
    convert = _Compiler(schema).compile(dict(schema))
    return convert if convert is not None else (lambda value: value)


def _default(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return format(value, "f")  # never through float, never "1E+8"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        raise TypeError("sets have no order; pass a list")
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def to_json_text(document: Any) -> str:
    """JSON text for a document holding Decimals, dates, ints and strings."""
    return json.dumps(document, default=_default, ensure_ascii=False, allow_nan=False)


# The fields of the outputs that hold decimals, and those that hold dates.
OUTPUT_DECIMALS = frozenset(
    {
        # evaluation
        "target",
        "actual",
        "expected",
        "variance",
        "attainment",
        "forecast_run_rate",
        "forecast_trend",
        "forecast_pipeline",
        "trend",
        # actuals
        "value",
        # cascade
        "bottom_up",
        "gap",
        # scorecards
        "kpi_score",
        "rubric_score",
        "score",
        "weight",
        "points",
        # gap decomposition
        "volume",
        "conversion",
        "deal_size",
        # funnel
        "deals",
        "opportunities",
        "leads",
        "cac",
        "ltv",
        "ltv_to_cac",
        "payback_months",
        # risk register
        "threshold",
        "impact_amount",
        "exposure",
        "probability",
        # simulation
        "closed",
        "weighted",
        "won_deals",
        "mean_size",
        "size_cv",
        "run_rate_deals",
        "run_rate_amount",
        "pipeline_offset",
        "expected_deals",
        "expected_amount",
        "variance_share",
        "standard_error",
        "exact_probability",
        "mean",
        "p10",
        "p50",
        "p90",
        "min",
        "max",
        "expected_shortfall",
        "amount",
        "std_dev",
    }
)
OUTPUT_DATES = frozenset({"as_of", "date", "start", "end", "from"})

# Fields typed by where they are, overriding the lists above: the key that
# holds the object (or the list of objects), then the field. A histogram
# bin's edges are amounts; new business's ``from`` is a date.
OUTPUT_WITHIN: Mapping[str, Mapping[str, Convert]] = {
    "histogram": {"from": decimal.Decimal, "to": decimal.Decimal},
}


def typed_output(value: Any, within: str = "") -> Any:
    """An output of the core as plain JSON values, with the strings under
    :data:`OUTPUT_DECIMALS` as ``Decimal`` and under :data:`OUTPUT_DATES` as
    ``date`` (unless :data:`OUTPUT_WITHIN` says otherwise for the key
    ``within`` that holds ``value``)."""
    if isinstance(value, list):
        return [typed_output(item, within) for item in value]
    if not isinstance(value, dict):
        return value
    local = OUTPUT_WITHIN.get(within, {})
    out = {}
    for key, item in value.items():
        if isinstance(item, str):
            if key in local:
                item = local[key](item)
            elif key in OUTPUT_DECIMALS:
                item = decimal.Decimal(item)
            elif key in OUTPUT_DATES:
                item = datetime.date.fromisoformat(item)
        elif isinstance(item, (dict, list)):
            item = typed_output(item, key)
        out[key] = item
    return out
