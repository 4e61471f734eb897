"""The Evaluation made straight from the native object (no JSON text read
back) gives what reading its JSON gives: the same dicts, value for value and
type for type, and the same DataFrames as building them row by row."""

from __future__ import annotations

import datetime
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, Iterator, List, Sequence, Tuple

import pytest

from salesplan import Actuals, CascadeNode, Evaluation, Plan, _schema

CASE = Path(__file__).resolve().parents[2] / "tests" / "evaluations" / "case-study"

REGIONS: CascadeNode = {
    "id": "company",
    "children": [
        {"id": "region=east", "weight": "5"},
        {"id": "region=west", "weight": "3"},
        {"id": "region=north", "weight": "2"},
    ],
}


def _evaluations(plan: Plan, actuals: Actuals) -> Iterator[Tuple[str, Evaluation]]:
    deals = json.loads((CASE / "pipeline.json").read_text(encoding="utf-8"))
    mid = datetime.date(2026, 6, 30)
    yield "company", plan.evaluate(actuals, as_of=mid)
    yield "regions", plan.evaluate(actuals, as_of=mid, hierarchy=["region"])
    yield "cascade", plan.evaluate(actuals, as_of=mid, hierarchy=["region"], cascade=REGIONS, pipeline=deals)
    yield "segments", plan.evaluate(actuals, as_of=datetime.date(2026, 3, 17), hierarchy=["region", "segment"])
    yield "year end", plan.evaluate(actuals, as_of=datetime.date(2026, 12, 31), hierarchy=["segment"])


@pytest.fixture(scope="module")
def evaluations(plan: Plan, actuals: Actuals) -> List[Tuple[str, Evaluation]]:
    return list(_evaluations(plan, actuals))


def _same(a: Any, b: Any, where: str = "") -> None:
    """Equal, of the same types all the way down, and decimals with the
    same digits (``Decimal("1.50") == Decimal("1.5")``, but not here)."""
    assert type(a) is type(b), where
    if isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            _same(a[key], b[key], f"{where}/{key}")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}/{i}")
    elif isinstance(a, Decimal):
        assert str(a) == str(b), where
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b), where
    else:
        assert a == b, where


def _from_json(evaluation: Evaluation) -> Dict[str, Any]:
    read: Dict[str, Any] = _schema.output(json.loads(evaluation.to_json()), "Evaluation")
    return read


def test_to_dict_is_the_json_read_back(evaluations: List[Tuple[str, Evaluation]]) -> None:
    for name, evaluation in evaluations:
        _same(evaluation.to_dict(), _from_json(evaluation), name)


def test_negative_and_zero_decimals_keep_their_digits(evaluations: List[Tuple[str, Evaluation]]) -> None:
    texts = {
        str(value)
        for _, evaluation in evaluations
        for result in evaluation.to_dict()["kpis"]
        for value in result.values()
        if isinstance(value, Decimal)
    }
    assert any(t.startswith("-") for t in texts)
    assert any(t.startswith("0.") for t in texts)


def test_kpi_is_the_result_a_search_finds(evaluations: List[Tuple[str, Evaluation]]) -> None:
    for name, evaluation in evaluations:
        for result in _from_json(evaluation)["kpis"]:
            node = result["node"] or "company"
            for _ in range(3):  # the first lookup, the second, and one kept
                _same(evaluation.kpi(result["kpi"], node), result, f"{name} {result['kpi']} {node}")
        with pytest.raises(KeyError):
            evaluation.kpi("K-REV", "region=nowhere")


def test_kpi_gives_a_dict_of_its_own(evaluations: List[Tuple[str, Evaluation]]) -> None:
    evaluation = evaluations[1][1]
    for _ in range(3):
        mine = evaluation.kpi("K-REV")
        mine["actual"] = None
        mine["periods"][0]["actual"] = None
        mine["periods"].clear()
    again = evaluation.kpi("K-REV")
    assert again["actual"] == Decimal("51216000.00")
    assert again["periods"][0]["actual"] == Decimal("6984000.00")


def test_many_lookups_stay_right(evaluations: List[Tuple[str, Evaluation]]) -> None:
    """More results than the native object keeps, looked up twice over."""
    _, evaluation = evaluations[3]
    expected = {(r["kpi"], r["node"] or "company"): r for r in _from_json(evaluation)["kpis"]}
    keys = list(expected) * 300
    for key in keys[:2000]:
        _same(evaluation.kpi(*key), expected[key])


# The DataFrames as they were built before: a dict per row.

_KPI: Tuple[str, ...] = ("kpi", "node", "target", "expected", "actual", "variance", "attainment", "status")
_KPI += ("forecast_run_rate", "forecast_trend", "forecast_pipeline", "trend")
_PERIOD = ("kpi", "node", "period", "target", "actual", "attainment")
_GAP = ("node", "variance", "volume", "conversion", "deal_size", "biggest")


def _rows_frame(rows: List[Dict[str, Any]], leading: Sequence[str], as_float: bool) -> Any:
    import pandas as pd

    for row in rows:
        if row["node"] == "":
            row["node"] = "company"
    extra = [k for r in rows for k in r if k not in leading]
    columns = list(dict.fromkeys([*leading, *extra]))
    frame = pd.DataFrame(rows, columns=columns)
    if as_float:
        for name in columns:
            if name in _schema.DECIMAL_NAMES:
                frame[name] = frame[name].map(lambda v: math.nan if v is None else float(v)).astype("float64")
    return frame


def _by_rows(evaluation: Evaluation, what: str, as_float: bool) -> Any:
    d = _from_json(evaluation)
    if what == "kpis":
        rows = [{k: v for k, v in r.items() if k != "periods"} for r in d["kpis"]]
        return _rows_frame(rows, _KPI, as_float)
    if what == "periods":
        rows = [{"kpi": r["kpi"], "node": r["node"], **p} for r in d["kpis"] for p in r["periods"]]
        return _rows_frame(rows, _PERIOD, as_float)
    return _rows_frame([dict(g) for g in d["gaps"]], _GAP, as_float)


def _same_frame(a: Any, b: Any) -> None:
    import pandas as pd

    pd.testing.assert_frame_equal(a, b, check_exact=True)
    for name in a.columns:
        if a[name].dtype == object:
            _same([*a[name]], [*b[name]], name)


@pytest.mark.parametrize("what", ["kpis", "periods", "gaps"])
@pytest.mark.parametrize("as_float", [False, True])
def test_frames_are_the_frames_row_by_row(
    evaluations: List[Tuple[str, Evaluation]], what: str, as_float: bool
) -> None:
    pytest.importorskip("pandas")
    for _, evaluation in evaluations:
        frame = getattr(evaluation, what)(as_float=as_float)
        _same_frame(frame, _by_rows(evaluation, what, as_float))


@pytest.mark.parametrize("value", ["attainment", "actual", "status", "target"])
def test_nodes_is_the_pivot_of_the_rows(evaluations: List[Tuple[str, Evaluation]], value: str) -> None:
    pytest.importorskip("pandas")
    for _, evaluation in evaluations:
        for as_float in (False, True):
            rows = _by_rows(evaluation, "kpis", as_float)
            nodes = list(dict.fromkeys(rows["node"]))
            kpis = list(dict.fromkeys(rows["kpi"]))
            expected = rows.pivot(index="node", columns="kpi", values=value).reindex(index=nodes, columns=kpis)
            got = evaluation.nodes(value, as_float=as_float)
            _same_frame(got, expected)
            assert got.index.name == "node" and got.columns.name == "kpi"


def test_frames_without_arrow_strings(evaluations: List[Tuple[str, Evaluation]]) -> None:
    """Where pandas keeps texts as objects (pandas 2 by default), the
    columns come as lists; the native object gives both forms alike."""
    native = evaluations[2][1]._evaluation
    lists = dict(native.kpi_columns("company", False, False))
    arrays = dict(native.kpi_columns("company", False, True))
    pa = pytest.importorskip("pyarrow")
    for name in ("kpi", "node", "status"):
        assert pa.array(arrays[name]).to_pylist() == lists[name]
        assert pa.array(arrays[name]).type == pa.large_string()
    assert arrays["actual"] == lists["actual"]


def test_float_columns_are_what_float_gives(evaluations: List[Tuple[str, Evaluation]]) -> None:
    import struct

    native = evaluations[2][1]._evaluation
    decimals: Dict[str, Any] = dict(native.kpi_columns("company", False))
    floats = dict(native.kpi_columns("company", True))
    for name, values in floats.items():
        if isinstance(values, bytes):
            got = struct.unpack(f"{len(values) // 8}d", values)
            want = [math.nan if d is None else float(d) for d in decimals[name]]
            assert [repr(x) for x in got] == [repr(x) for x in want], name


def test_frames_of_no_rows_and_of_no_texts() -> None:
    """As from no rows at all: object columns (float64 for floats); a text
    column of nothing but ``None`` stays objects."""
    pd = pytest.importorskip("pandas")
    from salesplan._evaluation import _frame

    def empty(company: str, as_float: bool, arrow: bool) -> Any:
        return [("node", []), ("variance", b"" if as_float else []), ("biggest", [])]

    for as_float in (False, True):
        frame = _frame("test", empty, ("node", "variance", "biggest"), as_float)
        expected = pd.DataFrame([], columns=["node", "variance", "biggest"])
        if as_float:
            expected["variance"] = expected["variance"].astype("float64")
        pd.testing.assert_frame_equal(frame, expected)
    rows = [{"kpi": "K", "node": "company", "status": None}, {"kpi": "K", "node": "x", "status": None}]
    expected = pd.DataFrame(rows, columns=["kpi", "node", "status"])

    def nothing(company: str, as_float: bool, arrow: bool) -> Any:
        return [("kpi", ["K", "K"]), ("node", ["company", "x"]), ("status", [None, None])]

    pd.testing.assert_frame_equal(_frame("test", nothing, ("kpi", "node", "status"), False), expected)
