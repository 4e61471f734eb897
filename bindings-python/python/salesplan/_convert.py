"""Typed Python values in and out of plan JSON.

JSON carries decimals and dates as strings. Which strings they are is read
from the plan's JSON Schema: ``"format": "decimal"`` and ``"format": "date"``.
The schema is compiled once, at import, into a tree of small converter
functions; parts of the document without decimals or dates are left alone.

Nothing here knows the plan's fields: the walker follows ``$ref``,
``properties``, ``additionalProperties``, ``items`` and ``anyOf``/``oneOf``
(choosing the branch whose ``type`` and ``const`` members fit the value).
A :class:`Schema` also types one definition (a rule's action) and the value
at a JSON pointer (an operation of a JSON Patch on a plan).

The library's outputs are typed the same way, by the schema of every
output the core generates (``schema/outputs.schema.json``; see
``_schema.output``). A fact's value (``"format": "fact"``) is a number when
it is a numeral and a word otherwise.
"""

from __future__ import annotations

import datetime
import decimal
import json
import math
import re
from typing import Any, Callable, Dict, List, Mapping, Optional, Set, Tuple, Union

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
        self.root = dict(root)
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
            return _scalar(_FORMATS[fmt], node.get("pattern"))
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

    def at(self, tokens: List[str]) -> Optional[Convert]:
        """The converter for the value at a JSON pointer's tokens: every
        schema node the path can lead to, as a union."""
        nodes = [self.root]
        for token in tokens:
            nodes = [child for node in nodes for child in self._children(node, token)]
        if len(nodes) == 1:
            return self.compile(nodes[0])
        return self._union(nodes) if nodes else None

    def _children(self, node: Any, token: str) -> List[Any]:
        node = self.resolve(node)
        if not isinstance(node, dict):
            return []
        branches = node.get("anyOf") or node.get("oneOf")
        if branches:
            return [child for branch in branches for child in self._children(branch, token)]
        found = []
        properties = node.get("properties", {})
        if token in properties:
            found.append(properties[token])
        elif isinstance(node.get("additionalProperties"), dict):
            found.append(node["additionalProperties"])
        if isinstance(node.get("items"), dict) and (token == "-" or token.isdigit()):
            found.append(node["items"])
        return found

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


def _scalar(parse: Convert, pattern: Optional[str]) -> Convert:
    """Parses strings of the format; a string that is not one (as a patch
    may put in a document) is left for the core to refuse."""
    matches = re.compile(pattern).search if pattern else (lambda text: True)

    def convert(value: Any) -> Any:
        if not isinstance(value, str) or not matches(value):
            return value
        try:
            return parse(value)
        except (ArithmeticError, ValueError):
            return value

    return convert


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


def _identity(value: Any) -> Any:
    return value


def compile_schema(schema: Mapping[str, Any]) -> Convert:
    """A converter from plain JSON values to typed ones for ``schema``."""
    return Schema(schema).document


class Schema:
    """A JSON Schema compiled into converters from plain JSON values to
    typed ones: for a whole document (:attr:`document`), for one of its
    definitions, and for the value at a JSON pointer."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self._compiler = _Compiler(schema)
        self.document: Convert = self._compiler.compile(self._compiler.root) or _identity
        self._pointers: Dict[Tuple[str, ...], Convert] = {}

    def definition(self, name: str) -> Convert:
        """The converter for ``$defs/name``."""
        return self._compiler.compile({"$ref": f"#/$defs/{name}"}) or _identity

    def at(self, pointer: str, value: Any) -> Any:
        """``value`` typed as the value at ``pointer`` (``/goals/0/target``)
        in a document."""
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
        # Every index of an array leads to the same schema.
        key = tuple("#" if t == "-" or t.isdigit() else t for t in tokens)
        convert = self._pointers.get(key)
        if convert is None:
            convert = self._pointers[key] = self._compiler.at(tokens) or _identity
        return convert(value)

    def patch(self, operations: Any) -> Any:
        """A JSON Patch on a document with each operation's ``value`` typed
        as the value at its ``path``."""
        if not isinstance(operations, list):
            return operations
        return [
            dict(op, value=self.at(op["path"], op["value"]))
            if isinstance(op, dict) and "value" in op and isinstance(op.get("path"), str)
            else op
            for op in operations
        ]


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


def decimal_text(name: str, value: Any) -> str:
    """A decimal argument (``Decimal``, ``int``, or ``str`` read as
    ``parse_amount`` reads it) as the exact text the core reads; floats are
    refused, not rounded."""
    if isinstance(value, str):
        from . import _native

        value = _native.parse_amount(value)
    if isinstance(value, bool) or not isinstance(value, (decimal.Decimal, int)):
        raise TypeError(
            f"{name} must be a decimal.Decimal, an int or a str, not {type(value).__name__} (floats are not exact)"
        )
    return format(decimal.Decimal(value), "f")


def to_json_text(document: Any) -> str:
    """JSON text for a document holding Decimals, dates, ints and strings.

    A float that is NaN or infinite is written as its name (``"NaN"``,
    ``"Infinity"``), as the JavaScript package writes it, so that the core
    refuses it with its path rather than ``json`` with a bare
    ``ValueError``."""
    try:
        return json.dumps(document, default=_default, ensure_ascii=False, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(document), default=_default, ensure_ascii=False, allow_nan=False)


def _finite(value: Any) -> Any:
    """``value`` with every NaN or infinite float inside it named."""
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, Mapping):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


_NUMERAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def fact_value(text: str) -> Union[decimal.Decimal, str]:
    """A fact a rule read: a number as a ``Decimal``, a text (a status, a
    risk level) as it is."""
    return decimal.Decimal(text) if _NUMERAL.fullmatch(text) else text


_FORMATS["fact"] = fact_value
