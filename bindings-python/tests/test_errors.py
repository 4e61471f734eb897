"""The exception hierarchy: classes, codes, paths and messages."""

from __future__ import annotations

import json
from typing import Any, Dict, Type

import pytest

import salesplan
from salesplan import (
    ActualsError,
    AmountError,
    InternalError,
    InvalidArgumentError,
    LimitExceededError,
    ParseError,
    PeriodError,
    Plan,
    RejectedError,
    SalesplanError,
)


@pytest.mark.parametrize(
    "cls", [ParseError, AmountError, PeriodError, ActualsError, InvalidArgumentError, LimitExceededError, RejectedError]
)
def test_hierarchy(cls: Type[SalesplanError]) -> None:
    assert issubclass(cls, SalesplanError)
    assert issubclass(cls, ValueError)
    assert cls.__module__ == "salesplan._native"
    assert cls.__doc__
    assert issubclass(SalesplanError, Exception)
    assert not issubclass(SalesplanError, ValueError)


def test_internal_error_is_a_salesplan_error_and_no_value_error() -> None:
    # A bug of the library, never bad input: a RuntimeError, not a ValueError.
    assert issubclass(InternalError, SalesplanError)
    assert issubclass(InternalError, RuntimeError)
    assert not issubclass(InternalError, ValueError)
    assert InternalError.__module__ == "salesplan._native"
    assert InternalError.__doc__ and "please report it" in InternalError.__doc__


def _parse_error(text: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        Plan.from_json(text)
    return info.value


def test_unknown_field(document: Dict[str, Any]) -> None:
    document["goals"][0]["colour"] = "blue"
    error = _parse_error(json.dumps(document))
    assert error.code == "unknown_field"
    assert error.path == "/goals/0/colour"
    assert str(error).startswith("/goals/0/colour: unknown field `colour`")


def test_missing_field(document: Dict[str, Any]) -> None:
    del document["goals"][1]["id"]
    error = _parse_error(json.dumps(document))
    assert error.code == "missing_field"
    assert error.path == "/goals/1/id"


def test_wrong_type(document: Dict[str, Any]) -> None:
    document["goals"][0]["name"] = 42
    error = _parse_error(json.dumps(document))
    assert error.code == "invalid_type"
    assert error.path == "/goals/0/name"
    assert str(error).startswith("/goals/0/name: invalid type")


def test_document_not_an_object() -> None:
    error = _parse_error("[1, 2]")
    assert error.code == "invalid_type"
    assert error.path == ""


def test_bad_date(document: Dict[str, Any]) -> None:
    document["period"]["end"] = "2026-02-30"
    error = _parse_error(json.dumps(document))
    assert error.code == "invalid_value"
    assert error.path == "/period/end"
    assert "2026-02-30" in str(error)


def test_bad_date_from_dict(document: Dict[str, Any]) -> None:
    document["goals"][0]["deadline"] = "31/12/2026"
    with pytest.raises(ParseError) as info:
        Plan.from_dict(document)
    assert info.value.code == "invalid_value"
    assert info.value.path == "/goals/0/deadline"


def test_malformed_json() -> None:
    error = _parse_error('{\n  "schema": "salesplan/1",\n  "id": "x",,\n}')
    assert error.code == "syntax"
    assert error.path == ""
    assert str(error).startswith("invalid JSON at line 3, column")
    assert isinstance(error, ValueError)


def test_wrong_schema_version(document: Dict[str, Any]) -> None:
    document["schema"] = "salesplan/2"
    error = _parse_error(json.dumps(document))
    assert error.code == "unsupported_schema"
    assert error.path == "/schema"
    assert str(error) == '/schema: unsupported schema "salesplan/2", expected "salesplan/1"'


def test_missing_schema_version(document: Dict[str, Any]) -> None:
    del document["schema"]
    error = _parse_error(json.dumps(document))
    assert error.code == "missing_field"
    assert error.path == "/schema"


def test_errors_are_caught_by_the_base_class() -> None:
    with pytest.raises(SalesplanError) as info:
        Plan.from_json("{")
    assert info.value.code == "syntax"
    assert info.value.args == (str(info.value),)


def test_amount_error() -> None:
    with pytest.raises(AmountError) as info:
        salesplan.parse_amount("1.2亿亿")
    error = info.value
    assert error.code == "invalid_amount"
    assert error.path is None
    assert str(error).startswith('invalid amount "1.2亿亿": ')
    assert isinstance(error, ValueError)


def test_invalid_argument_error() -> None:
    with pytest.raises(InvalidArgumentError) as info:
        salesplan.format_amount(1, unit="lakh")  # type: ignore[arg-type]
    assert info.value.code == "invalid_argument"
    assert info.value.path is None
    assert str(info.value).startswith("invalid argument unit: ")


def test_errors_pickle_as_their_class() -> None:
    # Exceptions cross process boundaries (multiprocessing) by pickling.
    import pickle

    with pytest.raises(AmountError) as info:
        salesplan.parse_amount("abc")
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is AmountError
    assert str(again) == str(info.value)
    assert (again.code, again.path) == ("invalid_amount", None)


def test_actuals_error_carries_every_bad_row() -> None:
    plan = salesplan.example_plan()
    with pytest.raises(ActualsError) as info:
        plan.load_actuals("date,measure,value\n2026-01-01,revenue,x\n2026-01-02,profit,1\n")
    error = info.value
    assert (error.code, error.path) == ("invalid_actuals", None)
    assert error.problems == [
        {"row": 1, "column": "value", "message": '"x" is not a number'},
        {"row": 2, "column": "measure", "message": "unknown measure `profit`; declare it in the plan's `measures`"},
    ]
    assert str(error) == '2 bad row(s) in the actuals; first: row 1, column value: "x" is not a number'


def test_actuals_error_pickles_with_its_problems() -> None:
    import pickle

    with pytest.raises(ActualsError) as info:
        salesplan.example_plan().load_actuals("date,measure\n")
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is ActualsError
    assert again.problems == info.value.problems
    assert again.problems[0]["row"] == 0


def test_a_sum_beyond_a_decimal_is_an_overflow_error() -> None:
    # Three rows of the largest decimal: the sum cannot be held exactly.
    plan = salesplan.example_plan()
    big = "79228162514264337593543950335"
    csv = "date,measure,value\n" + "".join(f"2026-01-0{d},revenue,{big}\n" for d in (1, 2, 3))
    actuals = plan.load_actuals(csv)
    with pytest.raises(SalesplanError) as caught:
        plan.evaluate(actuals, as_of="2026-01-31")
    assert caught.value.code == "overflow"
    assert "sum(revenue)" in str(caught.value)
    # Nothing is broken: the next call works.
    assert plan.evaluate(plan.load_actuals(csv.splitlines()[0] + "\n2026-01-01,revenue,1\n"), as_of="2026-01-31")


def test_a_document_nested_too_deep_is_refused_where_it_is(document: Dict[str, Any]) -> None:
    text = '{"schema": "salesplan/1", "id": ' + "[" * 65 + "]" * 65 + "}"
    with pytest.raises(LimitExceededError) as info:
        Plan.from_json(text)
    assert (info.value.code, info.value.path) == ("limit_exceeded", "/id" + "/0" * 63)
    assert "nested deeper than 64 levels" in str(info.value)
    nested: Any = "x"
    for _ in range(80):
        nested = [nested]
    document["goals"][0]["name"] = nested
    with pytest.raises(SalesplanError) as caught:
        Plan.from_dict(document)
    assert caught.value.code == "limit_exceeded"


def test_a_string_longer_than_64_kib_is_refused(document: Dict[str, Any]) -> None:
    document["goals"][0]["name"] = "x" * (64 * 1024 + 1)
    with pytest.raises(LimitExceededError) as info:
        Plan.from_dict(document)
    assert info.value.path == "/goals/0/name"
    assert "a string of 65537 bytes is longer than the limit of 65536 bytes" in str(info.value)
    document["goals"][0]["name"] = "x" * (64 * 1024)
    assert len(Plan.from_dict(document).to_dict()["goals"][0]["name"]) == 64 * 1024

    plan = salesplan.example_plan()
    cell = "date,measure,value,note\n2026-01-01,revenue,1," + "y" * (64 * 1024 + 1) + "\n"
    with pytest.raises(LimitExceededError) as csv_info:
        plan.load_actuals(cell, lenient=True)
    assert csv_info.value.path is None
    assert str(csv_info.value).startswith("row 1, column note: a cell of 65537 bytes")
    rows = [{"date": "2026-01-01", "measure": "revenue", "value": "1", "tags": {"note": "z" * 70000}}]
    with pytest.raises(LimitExceededError) as json_info:
        plan.load_actuals(rows)
    assert json_info.value.path == "/0/tags/note"
    # Nothing is broken: the next call works.
    assert len(plan.load_actuals("date,measure,value\n2026-01-01,revenue,1\n")) == 1
