"""Currencies and split credit: the conformance cases of tests/currencies
and tests/credit (the same files as the Rust suite and node), read through
every way in — a path, CSV text, records, pyarrow, pandas and polars — and
the bad input of rate tables and credit cells."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest

import salesplan
from salesplan import Actuals, ActualsError, InvalidArgumentError, Plan, SalesplanError

ROOT = Path(__file__).resolve().parents[2] / "tests"
FAMILIES = ("currencies", "credit")


def _cases() -> List[Path]:
    return [d for family in FAMILIES for d in sorted((ROOT / family).iterdir()) if (d / "expected.json").is_file()]


def normalise(value: Any) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _error(e: SalesplanError) -> Dict[str, Any]:
    out: Dict[str, Any] = {"code": e.code, "path": e.path, "message": str(e)}
    if isinstance(e, ActualsError):
        out["problems"] = e.problems
    return {"error": out}


def _rows(actuals: Actuals) -> List[Dict[str, Any]]:
    return [
        {"date": r["date"].isoformat(), "measure": r["measure"], "value": str(r["value"]), "tags": r["tags"]}
        for r in actuals.to_records()
    ]


Loader = Callable[[Plan, Path, bool, Optional[Path]], Actuals]


def run(folder: Path, load: Loader) -> Dict[str, Any]:
    plan = salesplan.example_plan()
    options = json.loads((folder / "input.json").read_text(encoding="utf-8"))
    rates = folder / options["rates"] if "rates" in options else None
    try:
        actuals = load(plan, folder / options["actuals"], bool(options.get("lenient")), rates)
    except SalesplanError as e:
        return _error(e)
    out: Dict[str, Any] = {"rows": _rows(actuals), "problems": actuals.problems}
    if "evaluate" in options:
        evaluate = options["evaluate"]
        evaluation = plan.evaluate(actuals, as_of=evaluate["as_of"], hierarchy=evaluate["hierarchy"])
        kpis = json.loads(evaluation.to_json())["kpis"]
        out["revenue"] = [{"node": k["node"], "actual": k["actual"]} for k in kpis if k["kpi"] == "K-REV"]
        if "company_total" in options:
            assert str(evaluation.kpi("K-REV")["actual"]) == options["company_total"]
    return out


def by_path(plan: Plan, actuals: Path, lenient: bool, rates: Optional[Path]) -> Actuals:
    return plan.load_actuals(actuals, lenient=lenient, rates=rates)


def by_text(plan: Plan, actuals: Path, lenient: bool, rates: Optional[Path]) -> Actuals:
    table = None if rates is None else rates.read_text(encoding="utf-8")
    return plan.load_actuals(actuals.read_text(encoding="utf-8"), lenient=lenient, rates=table)


def by_records(plan: Plan, actuals: Path, lenient: bool, rates: Optional[Path]) -> Actuals:
    """Rows and rates as lists of dicts (the JSON cases only)."""
    table = None if rates is None else _rate_records(rates)
    records = json.loads(actuals.read_text(encoding="utf-8"))
    return Actuals.from_records(plan, records, lenient=lenient, rates=table)


def _rate_records(rates: Path) -> List[Dict[str, Any]]:
    text = rates.read_text(encoding="utf-8")
    if rates.suffix == ".json":
        rows: List[Dict[str, Any]] = json.loads(text)
    else:
        header, *lines = text.splitlines()
        rows = [dict(zip(header.split(","), line.split(","))) for line in lines]
    return [{**r, "date": datetime.date.fromisoformat(r["date"]), "rate": Decimal(r["rate"])} for r in rows]


def by_pyarrow(plan: Plan, actuals: Path, lenient: bool, rates: Optional[Path]) -> Actuals:
    pa_csv = pytest.importorskip("pyarrow.csv")
    pa = pytest.importorskip("pyarrow")
    names = actuals.read_text(encoding="utf-8").splitlines()[0].split(",")
    convert = pa_csv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=True)
    table = pa_csv.read_csv(actuals, convert_options=convert)
    return Actuals.from_arrow(plan, table, lenient=lenient, rates=rates)


def by_pandas(plan: Plan, actuals: Path, lenient: bool, rates: Optional[Path]) -> Actuals:
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(actuals, dtype=str, keep_default_na=False)
    table = None if rates is None or rates.suffix == ".json" else pd.read_csv(rates, dtype=str)
    return Actuals.from_dataframe(plan, frame, lenient=lenient, rates=rates if table is None else table)


def by_polars(plan: Plan, actuals: Path, lenient: bool, rates: Optional[Path]) -> Actuals:
    pl = pytest.importorskip("polars")
    frame = pl.read_csv(actuals, infer_schema=False)
    table = None if rates is None or rates.suffix == ".json" else pl.read_csv(rates, infer_schema=False)
    return plan.load_actuals(frame, lenient=lenient, rates=rates if table is None else table)


CSV_WAYS = {"path": by_path, "text": by_text, "pyarrow": by_pyarrow, "pandas": by_pandas, "polars": by_polars}
JSON_WAYS = {"path": by_path, "text": by_text, "records": by_records}


def _runs() -> List[Any]:
    runs = []
    for folder in _cases():
        options = json.loads((folder / "input.json").read_text(encoding="utf-8"))
        ways = JSON_WAYS if options["actuals"].endswith(".json") else CSV_WAYS
        for way in ways:
            runs.append(pytest.param(folder, way, id=f"{folder.parent.name}/{folder.name}/{way}"))
    return runs


def test_cases_exist() -> None:
    assert len(_cases()) >= 10


@pytest.mark.parametrize(("folder", "way"), _runs())
def test_case(folder: Path, way: str) -> None:
    ways = {**CSV_WAYS, **JSON_WAYS}
    expected = (folder / "expected.json").read_text(encoding="utf-8")
    assert normalise(run(folder, ways[way])) == expected


def test_rate_forms_agree(plan: Plan) -> None:
    folder = ROOT / "currencies" / "usd-eur-mid-period"
    source = folder / "actuals.csv"
    want = _rows(plan.load_actuals(source, rates=folder / "rates.csv"))
    for rates in (
        str(folder / "rates.csv"),
        (folder / "rates.csv").read_text(encoding="utf-8"),
        _rate_records(folder / "rates.csv"),
        ROOT / "currencies" / "json-rows-and-rates" / "rates.json",
    ):
        assert _rows(plan.load_actuals(source, rates=rates)) == want
    evaluation = plan.evaluate(source, as_of="2026-12-31", rates=folder / "rates.csv")
    assert evaluation.kpi("K-REV")["actual"] == Decimal("2538145.25")


def test_a_missing_rate_names_the_currency_the_date_and_the_row(plan: Plan) -> None:
    text = "date,measure,value,currency\n2026-03-01,revenue,1,USD\n2026-03-02,revenue,2,EUR\n"
    rates = [{"date": "2026-03-02", "from": "USD", "to": "CNY", "rate": "7.1"}]
    with pytest.raises(ActualsError) as info:
        plan.load_actuals(text, rates=rates)
    problems = info.value.problems
    assert [(p["row"], p["column"]) for p in problems] == [(1, "currency"), (2, "currency")]
    assert "USD" in problems[0]["message"] and "2026-03-01" in problems[0]["message"]
    assert "EUR" in problems[1]["message"] and "2026-03-02" in problems[1]["message"]
    # Without any rates, a foreign row is refused too; with lenient, skipped.
    with pytest.raises(ActualsError):
        plan.evaluate(text, as_of="2026-12-31")
    assert len(plan.load_actuals(text, lenient=True, rates=rates)) == 0


@pytest.mark.parametrize(
    ("rates", "path", "words"),
    [
        ("date,from,to,rate\n2026-01-01,USD,CNY,0\n", None, "row 1, column rate"),
        ("date,from,to,rate\n2026-01-01,USD,CNY,-1\n", None, "row 1, column rate"),
        ("date,from,to,rate\n2026-13-01,USD,CNY,7\n", None, "row 1, column date"),
        ("date,from,to,rate\n2026-01-01,usd,CNY,7\n", None, "row 1, column from"),
        ("date,from,to,rate\n2026-01-01,USD,CNY,7\n2026-01-01,USD,CNY,7.1\n", None, "row 2, column date"),
        ("date,from,to,rate\n2026-01-01,USD,EUR,0.9\n", None, "plan's currency is CNY"),
        ('[{"date": "2026-01-01", "from": "USD", "to": "CNY", "rate": 7.1}]', "/0/rate", "decimal strings"),
        ([{"date": "2026-01-01", "from": "USD", "to": "EUR", "rate": "0.9"}], "/0/to", "plan's currency is CNY"),
        ("date,from,rate\n", None, "`to` is missing"),
    ],
)
def test_bad_rate_tables_are_refused_whole(plan: Plan, rates: Any, path: Optional[str], words: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        plan.load_actuals("date,measure,value\n2026-01-01,revenue,1\n", rates=rates)
    assert info.value.code == "invalid_argument"
    assert info.value.path == path
    assert words in str(info.value)


def test_rates_in_a_form_of_no_table_are_a_type_error(plan: Plan) -> None:
    with pytest.raises(TypeError):
        plan.load_actuals("date,measure,value\n2026-01-01,revenue,1\n", rates={"USD": "7.1"})  # type: ignore[arg-type]
    loaded = plan.load_actuals("date,measure,value\n2026-01-01,revenue,1\n")
    with pytest.raises(TypeError):
        plan.evaluate(loaded, as_of="2026-12-31", rates="date,from,to,rate\n")


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("rep=a:0.6;rep=b:0.3", "total 0.9"),
        ("rep=a:1;rep=b:0", "share 0 of rep=b"),
        ("rep=a:0.5;region=b:0.5", "names rep and region"),
        ("rep=a:0.5;rep=a:0.5", "named twice"),
        ("rep a 1", "not dimension=value:share"),
    ],
)
def test_bad_credit_cells_name_the_row_and_the_column(plan: Plan, cell: str, words: str) -> None:
    records = [
        {"date": "2026-01-05", "measure": "revenue", "value": "1"},
        {"date": "2026-01-05", "measure": "revenue", "value": "100", "credit": cell},
    ]
    with pytest.raises(ActualsError) as info:
        Actuals.from_records(plan, records)
    (problem,) = info.value.problems
    assert (problem["row"], problem["column"]) == (2, "credit")
    assert words in problem["message"]


def test_split_credit_keeps_the_total_to_the_cent(plan: Plan) -> None:
    text = "date,measure,value,rep,credit\n2026-02-01,revenue,100.00,,rep=a:0.3333;rep=b:0.3333;rep=c:0.3334\n"
    records = plan.load_actuals(text).to_records()
    assert [(r["tags"]["rep"], r["value"]) for r in records] == [
        ("a", Decimal("33.33")),
        ("b", Decimal("33.33")),
        ("c", Decimal("33.34")),
    ]
    assert sum(r["value"] for r in records) == Decimal("100.00")


def test_pipeline_deals_convert_at_the_rate_of_the_as_of_date(plan: Plan) -> None:
    actuals = plan.load_actuals("date,measure,value\n2026-01-05,revenue,100\n")
    deals = [
        {"id": "D-1", "amount": "1000.00", "probability": "0.5", "expected_close": "2026-09-30", "currency": "USD"},
        {"id": "D-2", "amount": "50.00", "probability": "1", "expected_close": "2026-09-30", "currency": "CNY"},
    ]
    rates = "date,from,to,rate\n2026-01-01,USD,CNY,7.10\n2026-07-01,USD,CNY,7.20\n"

    def forecast(as_of: str) -> Any:
        evaluation = plan.evaluate(actuals, as_of=as_of, pipeline=deals, rates=rates)
        return evaluation.kpi("K-REV")["forecast_pipeline"]

    # 100 + 7100.00 x 0.5 + 50.00, then 100 + 7200.00 x 0.5 + 50.00.
    assert forecast("2026-06-30") == Decimal("3700.00")
    assert forecast("2026-07-15") == Decimal("3750.00")
    with pytest.raises(InvalidArgumentError) as info:
        plan.evaluate(actuals, as_of="2026-06-30", pipeline=deals)
    assert info.value.path == "/0/currency"
    assert "D-1 is in USD" in str(info.value)
    with pytest.raises(InvalidArgumentError):
        plan.evaluate(actuals, as_of="2026-06-30", pipeline=deals, rates="date,from,to,rate\n2026-08-01,USD,CNY,7\n")
