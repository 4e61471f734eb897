"""The bad-input suite (tests/bad-input at the repository root, format in
tests/README.md): every case's input, given to the Python entry point the
case names, must raise the library's exception class for the expected code,
with the expected ``code`` and ``path`` (and bad rows, for actuals), never
a generic exception from the binding. Rust and node run the same cases.

Values that exist only in Python (``float('nan')``, ``Decimal('sNaN')``,
numpy ``NaT``, pandas ``NA``) are written ``{"$value": NAME}`` in a case and
made here."""

from __future__ import annotations

import datetime
import inspect
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import salesplan
from salesplan import Actuals, History, Plan, SalesplanError, Simulation

SUITE = Path(__file__).resolve().parents[2] / "tests" / "bad-input"

# The exception class each code is raised as.
CLASSES = {
    "syntax": "ParseError",
    "unknown_field": "ParseError",
    "missing_field": "ParseError",
    "invalid_type": "ParseError",
    "invalid_value": "ParseError",
    "duplicate_key": "ParseError",
    "unsupported_schema": "ParseError",
    "invalid_amount": "AmountError",
    "invalid_period": "PeriodError",
    "invalid_actuals": "ActualsError",
    "invalid_argument": "InvalidArgumentError",
    "rejected": "RejectedError",
}

# The options Plan.simulate takes as keyword arguments.
SIMULATE_KEYWORDS = {
    name
    for name, parameter in inspect.signature(Plan.simulate).parameters.items()
    if parameter.kind is inspect.Parameter.KEYWORD_ONLY
}

PYTHON_VALUES: Dict[str, Any] = {
    "NaN": float("nan"),
    "Infinity": float("inf"),
    "sNaN": Decimal("sNaN"),
    "DecimalInfinity": Decimal("Infinity"),
}


def _read(path: Path) -> str:
    # Bytes, not read_text: no newline translation, the text exactly as stored.
    return path.read_bytes().decode("utf-8")


def _cases() -> List[str]:
    if not SUITE.is_dir():
        return []
    return sorted(p.name for p in SUITE.iterdir() if (p / "case.json").is_file())


def _runs_here(case: Dict[str, Any]) -> bool:
    return "python" in case.get("languages", ["python"])


def values(value: Any) -> Any:
    """The case's JSON with every ``{"$value": NAME}`` made a Python value."""
    if isinstance(value, dict):
        if set(value) == {"$value"}:
            return PYTHON_VALUES[value["$value"]]
        return {k: values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [values(v) for v in value]
    return value


def _text(folder: Path, case: Dict[str, Any]) -> Optional[str]:
    """The input as text, or ``None`` when it is a value."""
    if "input_file" in case:
        return _read(folder / case["input_file"])
    given = case.get("input")
    return given if isinstance(given, str) else None


def _plan(folder: Path, case: Dict[str, Any]) -> Plan:
    name = case.get("plan")
    return Plan.from_json(_read(folder / name)) if name else salesplan.example_plan()


def _rows(problems: List[Any]) -> List[Dict[str, Any]]:
    return [{"row": p["row"], "column": p["column"]} for p in problems]


def _loaded(actuals: Actuals) -> Dict[str, Any]:
    return {"loaded": {"rows": len(actuals), "problems": _rows(actuals.problems)}}


def _date(text: Any) -> Any:
    return None if text is None else datetime.date.fromisoformat(text)


def _arrow_table(spec: Dict[str, Any]) -> Any:
    """The case's columns as a pyarrow table."""
    pa = pytest.importorskip("pyarrow")

    def column(given: Any, kind: Any) -> Any:
        if isinstance(given, dict) and "booleans" in given:
            return pa.array(given["booleans"], pa.bool_())
        return pa.array(given, kind)

    value = spec["value"]
    if "floats" in value:
        values_column = pa.array(values(value["floats"]), pa.float64())
    elif "decimals" in value:
        values_column = pa.array([None if v is None else Decimal(v) for v in value["decimals"]])
    elif "units" in value:
        scale = value["scale"]
        units = [None if u is None else Decimal(int(u)).scaleb(-scale) for u in value["units"]]
        values_column = pa.array(units, pa.decimal128(38, scale))
    else:
        values_column = column(value, None)
    dates = spec["date"]
    arrays = {
        "date": column(dates, pa.date32()) if isinstance(dates, dict) else pa.array([_date(d) for d in dates], pa.date32()),
        "measure": pa.array(spec["measure"], pa.string()),
        "value": values_column,
    }
    for name, tags in spec.get("tags", {}).items():
        arrays[name] = pa.array(tags, pa.string())
    return pa.table(arrays)


def _frame(spec: Dict[str, Any]) -> Any:
    """The case's columns as a pandas DataFrame: dates as datetime64 (NaT
    where missing), values as the nullable Float64 (pd.NA where missing)."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    made = {"NaT": pd.NaT, "NA": pd.NA}

    def cell(v: Any) -> Any:
        return made[v["$value"]] if isinstance(v, dict) else v

    return pd.DataFrame(
        {
            "date": pd.to_datetime(pd.Series([cell(d) for d in spec["date"]])),
            "measure": spec["measure"],
            "value": pd.array([cell(v) for v in spec["value"]["floats"]], dtype="Float64"),
        }
    )


def _simulate(plan: Plan, case: Dict[str, Any]) -> Simulation:
    options = values(case["input"])
    pipeline = values(case.get("pipeline"))
    if set(options) <= SIMULATE_KEYWORDS:
        return plan.simulate(None, pipeline, **options)
    # An unknown option cannot get past Python's keyword arguments; the
    # native entry point takes the options as JSON, as the core reads them.
    deals = None if pipeline is None else json.dumps(pipeline)
    return Simulation._wrap(plan._plan.simulate(None, deals, json.dumps(options)))


def run(folder: Path, case: Dict[str, Any]) -> Dict[str, Any]:
    entry = case["entry"]
    lenient = bool(case.get("lenient", False))
    text = _text(folder, case)
    try:
        if entry == "plan":
            plan = Plan.from_json(text) if text is not None else Plan.from_dict(values(case["input"]))
            errors = [{"code": d.code, "path": d.path} for d in plan.validate() if d.severity == "error"]
            return {"diagnostics": errors}
        if entry == "actuals_csv":
            assert text is not None
            return _loaded(Actuals.from_csv(_plan(folder, case), text, lenient=lenient))
        if entry == "actuals_json":
            assert text is not None
            return _loaded(Actuals.from_json(_plan(folder, case), text, lenient=lenient))
        if entry == "actuals_records":
            return _loaded(Actuals.from_records(_plan(folder, case), values(case["input"]), lenient=lenient))
        if entry == "actuals_columns":
            table = _arrow_table(case["columns"])
            return _loaded(Actuals.from_arrow(_plan(folder, case), table, lenient=lenient))
        if entry == "actuals_frame":
            frame = _frame(case["columns"])
            return _loaded(Actuals.from_dataframe(_plan(folder, case), frame, lenient=lenient))
        if entry == "pipeline":
            plan = _plan(folder, case)
            pipeline = text if text is not None else values(case["input"])
            plan.evaluate(plan.load_actuals([]), as_of="2026-06-30", pipeline=pipeline)
            return {"ok": True}
        if entry == "rules":
            plan = _plan(folder, case)
            evaluation = plan.evaluate(plan.load_actuals([]), as_of=case.get("as_of", "2026-06-30"))
            plan.propose(evaluation)
            return {"ok": True}
        if entry == "patch":
            plan = _plan(folder, case)
            change = {"author": "Li Wei", "at": "2026-07-03T09:00:00+08:00", "reason": "a test of bad input"}
            change.update(case.get("change", {}))
            plan.edit(values(case["input"]), **change)
            return {"ok": True}
        if entry == "history":
            assert text is not None
            History.from_json(text)
            return {"ok": True}
        if entry == "evaluate":
            plan = _plan(folder, case)
            actuals = plan.load_actuals(_read(folder / case["actuals"]) if "actuals" in case else [])
            plan.evaluate(actuals, **values(case["input"]))
            return {"ok": True}
        if entry == "simulate":
            _simulate(_plan(folder, case), case)
            return {"ok": True}
        raise AssertionError(f"unknown entry point {entry}")
    except SalesplanError as e:
        expected_class = CLASSES.get(e.code, "SalesplanError")
        assert type(e).__name__ == expected_class, f"{e.code} raised as {type(e).__name__}"
        error: Dict[str, Any] = {"code": e.code, "path": e.path}
        if e.code == "invalid_actuals":
            error["problems"] = _rows(e.problems)  # type: ignore[attr-defined]
        if e.code == "rejected":
            found = e.diagnostics  # type: ignore[attr-defined]
            error["diagnostics"] = [{"code": d.code, "path": d.path} for d in found if d.severity == "error"]
        return {"error": error}


def test_cases_exist() -> None:
    assert len(_cases()) >= 60, f"expected at least 60 bad-input cases in {SUITE}"


@pytest.mark.parametrize("name", _cases())
def test_case(name: str) -> None:
    folder = SUITE / name
    case = json.loads(_read(folder / "case.json"))
    if not _runs_here(case):
        pytest.skip(f"runs in {', '.join(case['languages'])}")
    actual = run(folder, case)
    # Rust writes the expected outcome of the cases it runs; the others are
    # written by the first language they list.
    languages = case.get("languages", ["rust", "python", "js"])
    if os.environ.get("SALESPLAN_BLESS") and "rust" not in languages and languages[0] == "python":
        case["expected"] = actual
        text = json.dumps(case, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
        (folder / "case.json").write_bytes(text.encode("utf-8"))
        return
    assert actual == case["expected"]
