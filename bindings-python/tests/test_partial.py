"""Partial evaluations: the conformance cases in tests/partials (format in
tests/README.md), and the Python faces — pickling, refusals, evaluating a
stream of Arrow batches."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any, Dict, List

import pytest

import salesplan
from salesplan import InvalidArgumentError, Partial, Plan

PARTIALS = Path(__file__).resolve().parents[2] / "tests" / "partials"
CASE_STUDY = PARTIALS.parent / "evaluations" / "case-study"


def normalise(value: Any) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _cases() -> List[str]:
    return sorted(p.name for p in PARTIALS.iterdir() if p.is_dir()) if PARTIALS.is_dir() else []


def run(folder: Path, case: Dict[str, Any]) -> Dict[str, Any]:
    plan = salesplan.example_plan()
    lines = _read(folder / case["actuals"]).splitlines()
    header, body = lines[0], lines[1:]
    pipeline = _read(folder / case["pipeline"]) if "pipeline" in case else None
    parts = []
    start = 0
    for number, size in enumerate(case["batches"]):
        text = "\n".join([header, *body[start : start + size]])
        start += size
        actuals = plan.load_actuals(text, format="csv")
        parts.append(plan.fold(actuals, as_of=case["as_of"], hierarchy=case["hierarchy"], batch=number))
    assert start == len(body), "the batches cover every row"
    merged = salesplan._partial.empty(plan, case["as_of"], case["hierarchy"])
    for i in case["merge"]:
        merged.merge(Partial.from_bytes(parts[i].to_bytes()))
    data = merged.to_bytes()
    merged = Partial.from_bytes(data)
    evaluation = plan.evaluate_partial(merged, pipeline=pipeline)
    whole = plan.evaluate(
        plan.load_actuals(_read(folder / case["actuals"]), format="csv"),
        as_of=case["as_of"],
        hierarchy=case["hierarchy"],
        pipeline=pipeline,
    )
    assert evaluation.to_json() == whole.to_json()
    return {
        "rows": merged.rows,
        "nodes": merged.nodes,
        "bytes": len(data),
        "evaluation": json.loads(evaluation.to_json()),
    }


def test_cases_exist() -> None:
    assert len(_cases()) >= 3, f"expected the partial cases in {PARTIALS}"


@pytest.mark.parametrize("name", _cases())
def test_partial_case(name: str) -> None:
    folder = PARTIALS / name
    case = json.loads(_read(folder / "input.json"))
    actual = run(folder, case)
    if "whole" in case:
        assert normalise(actual["evaluation"]) == _read(folder / case["whole"])
    assert normalise(actual) == _read(folder / "expected.json")


@pytest.fixture(scope="module")
def table() -> Any:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.csv as pacsv

    return pacsv.read_csv(
        CASE_STUDY / "actuals.csv",
        convert_options=pacsv.ConvertOptions(
            column_types={"value": pa.decimal128(20, 2), "date": pa.date32()},
            strings_can_be_null=True,
        ),
    )


def test_a_partial_pickles_as_its_bytes(plan: Plan, actuals: salesplan.Actuals) -> None:
    partial = plan.fold(actuals, as_of="2026-06-30", hierarchy=["region"])
    again = pickle.loads(pickle.dumps(partial))
    assert again.to_bytes() == partial.to_bytes()
    assert (again.rows, again.as_of.isoformat(), again.hierarchy) == (300, "2026-06-30", ["region"])
    assert repr(again).startswith("Partial(as_of=2026-06-30, hierarchy=['region'], rows=300, nodes=")


def test_partials_of_another_day_do_not_merge_and_nothing_changes(plan: Plan, actuals: salesplan.Actuals) -> None:
    a = plan.fold(actuals, as_of="2026-06-30", hierarchy=["region"])
    before = a.to_bytes()
    b = plan.fold(actuals, as_of="2026-07-01", hierarchy=["region"])
    with pytest.raises(InvalidArgumentError, match="as of 2026-06-30, the other as of 2026-07-01"):
        a.merge(b)
    assert a.to_bytes() == before


def test_bytes_that_are_not_a_partial_are_refused(plan: Plan) -> None:
    with pytest.raises(InvalidArgumentError, match="not a partial evaluation"):
        Partial.from_bytes(b"PAR1")
    good = plan.fold([], as_of="2026-06-30").to_bytes()
    with pytest.raises(InvalidArgumentError, match="cannot be read"):
        Partial.from_bytes(good[:-3])
    with pytest.raises(TypeError):
        Partial.from_bytes("SPPE")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Partial()


def test_a_batch_number_out_of_range_is_the_librarys_error(plan: Plan) -> None:
    with pytest.raises(InvalidArgumentError, match="batch"):
        plan.fold([], as_of="2026-06-30", batch=-1)
    with pytest.raises(InvalidArgumentError, match="batch"):
        plan.fold([], as_of="2026-06-30", batch=2**64)
    with pytest.raises(TypeError):
        plan.fold([], as_of="2026-06-30", batch=True)


def test_merge_partials_in_any_order(plan: Plan, actuals: salesplan.Actuals) -> None:
    text = _read(CASE_STUDY / "actuals.csv").splitlines()
    halves = ["\n".join([text[0], *text[1:151]]), "\n".join([text[0], *text[151:]])]
    parts = [plan.fold(h, as_of="2026-09-30", hierarchy=["segment"], batch=i) for i, h in enumerate(halves)]
    one = salesplan.merge_partials(parts)
    other = salesplan.merge_partials(reversed(parts))
    assert one.to_bytes() == other.to_bytes()
    assert parts[0].rows == 150  # merge_partials copied the first
    whole = plan.evaluate(actuals, as_of="2026-09-30", hierarchy=["segment"])
    assert plan.evaluate_partial(one).to_json() == whole.to_json()
    with pytest.raises(ValueError, match="no partial"):
        salesplan.merge_partials([])


def test_evaluate_batches_reads_a_stream_of_arrow_batches(plan: Plan, table: Any) -> None:
    whole = plan.evaluate(table, as_of="2026-06-30", hierarchy=["region", "segment"])
    batches = table.to_batches(max_chunksize=7)
    assert len(batches) > 40
    streamed = plan.evaluate_batches(batches, as_of="2026-06-30", hierarchy=["region", "segment"])
    assert streamed.to_json() == whole.to_json()
    reader = table.to_reader(max_chunksize=50)
    streamed = plan.evaluate_batches(reader, as_of="2026-06-30", hierarchy=["region", "segment"])
    assert streamed.to_json() == whole.to_json()
    with pytest.raises(TypeError, match="iterable"):
        plan.evaluate_batches("actuals.csv", as_of="2026-06-30")


def test_evaluate_batches_from_polars_and_duckdb(plan: Plan, table: Any) -> None:
    whole = plan.evaluate(table, as_of="2026-12-31", hierarchy=["segment"]).to_json()
    pl = pytest.importorskip("polars")
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    slices = frame.iter_slices(n_rows=64)
    assert plan.evaluate_batches(slices, as_of="2026-12-31", hierarchy=["segment"]).to_json() == whole
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.register("actuals", table)
    # DuckDB keeps the order of the rows (preserve_insertion_order).
    reader = con.sql("select * from actuals").to_arrow_reader(100)
    assert plan.evaluate_batches(reader, as_of="2026-12-31", hierarchy=["segment"]).to_json() == whole


def test_small_arrow_batches_are_gathered_before_folding(plan: Plan, table: Any) -> None:
    from salesplan._partial import chunked

    batches = table.to_batches(max_chunksize=7)
    chunks = list(chunked(batches, rows=50))
    assert [c.num_rows for c in chunks[:-1]] == [56] * (len(chunks) - 1)
    assert sum(c.num_rows for c in chunks) == table.num_rows
    assert pa_concat(chunks).equals(table)
    # Anything but a RecordBatch passes through, in its place.
    marker = object()
    mixed = list(chunked([batches[0], marker, batches[1]], rows=1000))
    assert mixed[1] is marker and [m.num_rows for m in (mixed[0], mixed[2])] == [7, 7]
    # Folding chunk by chunk gives the whole's evaluation.
    merged = salesplan.merge_partials(
        plan.fold(c, as_of="2026-06-30", hierarchy=["region"], batch=i) for i, c in enumerate(chunks)
    )
    whole = plan.evaluate(table, as_of="2026-06-30", hierarchy=["region"])
    assert plan.evaluate_partial(merged).to_json() == whole.to_json()


def pa_concat(tables: List[Any]) -> Any:
    pa = pytest.importorskip("pyarrow")
    return pa.concat_tables(tables).combine_chunks()
