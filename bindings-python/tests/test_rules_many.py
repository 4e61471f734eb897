"""RuleSet: a plan's rules over many contexts at once (the core's
``RuleSet::evaluate_many``) give the answers of the one-context path
(``RuleSet::evaluate``) for the same facts, whatever the columns come in:
numpy arrays, lists, pandas, polars, pyarrow (float64, integers,
decimal128, strings, dictionaries). The shared case is
``tests/rules-many/case.json``."""

from __future__ import annotations

import datetime
import json
import math
import random
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List

import pytest

import salesplan
from salesplan import Actuals, InvalidArgumentError, Plan, RuleSet

CASE = Path(__file__).resolve().parents[2] / "tests" / "rules-many" / "case.json"
np = pytest.importorskip("numpy")


@pytest.fixture(scope="module")
def case() -> Dict[str, Any]:
    loaded: Dict[str, Any] = json.loads(CASE.read_text(encoding="utf-8"))
    return loaded


def _plan_with(rules: List[Dict[str, str]]) -> Plan:
    document = json.loads(salesplan.example_plan().to_json())
    template = document["rules"][0]
    document["rules"] = [
        {**template, "id": r["id"], "name": r["id"], "when": r["when"], "actions": [{"type": "recommend", "message": "m"}]}
        for r in rules
    ]
    return Plan.from_dict(document)


@pytest.fixture(scope="module")
def rules(case: Dict[str, Any]) -> RuleSet:
    return RuleSet(_plan_with(case["rules"]))


def _names(rules: RuleSet, fired: Any) -> List[List[str]]:
    return [[rule for rule, holds in zip(rules.ids, row) if holds] for row in fired.tolist()]


def _numpy_columns(rules: RuleSet, case: Dict[str, Any]) -> Dict[str, Any]:
    kinds = rules.fact_kinds
    return {
        fact: np.array([math.nan if v is None else v for v in column], dtype=np.float64) if kinds[fact] == "number" else column
        for fact, column in case["columns"].items()
    }


def _exact(value: Any) -> Any:
    return Decimal(repr(value)) if isinstance(value, float) else value


def test_the_case_lists_the_rules_facts(rules: RuleSet, case: Dict[str, Any]) -> None:
    assert rules.ids == [r["id"] for r in case["rules"]]
    assert rules.facts == list(case["columns"])
    assert rules.enabled == [True] * len(rules.ids)
    assert repr(rules) == f"RuleSet(rules={len(rules.ids)}, facts={len(rules.facts)})"


def test_one_context_at_a_time(rules: RuleSet, case: Dict[str, Any]) -> None:
    columns = case["columns"]
    for i, expected in enumerate(case["expected"]):
        assert rules.evaluate({fact: _exact(column[i]) for fact, column in columns.items()}) == expected
        # A float is read as the decimal repr prints.
        assert rules.evaluate({fact: column[i] for fact, column in columns.items()}) == expected


def test_numpy_float_columns(rules: RuleSet, case: Dict[str, Any]) -> None:
    fired = rules.fired(_numpy_columns(rules, case))
    assert fired.dtype == np.bool_ and fired.shape == (len(case["expected"]), len(rules.ids))
    assert _names(rules, fired) == case["expected"]


def test_lists_of_decimals_floats_and_ints(rules: RuleSet, case: Dict[str, Any]) -> None:
    decimals = {fact: [_exact(v) for v in column] for fact, column in case["columns"].items()}
    assert _names(rules, rules.fired(decimals)) == case["expected"]
    assert _names(rules, rules.fired(case["columns"])) == case["expected"]  # floats, ints and None
    as_text = {f: [None if v is None else format(v, "f") for v in c] if rules.fact_kinds[f] == "number" else c for f, c in decimals.items()}
    assert _names(rules, rules.fired(as_text)) == case["expected"]


def test_pandas(rules: RuleSet, case: Dict[str, Any]) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(_numpy_columns(rules, case), index=pd.RangeIndex(100, 100 + len(case["expected"])))
    frame["unused"] = "anything"
    assert _names(rules, rules.fired(frame)) == case["expected"]
    table = rules.fired_frame(frame)
    assert list(table.columns) == rules.ids and table.index.equals(frame.index)
    assert (table.dtypes == bool).all()
    decimals = pd.DataFrame({f: [_exact(v) for v in c] for f, c in case["columns"].items()})
    assert _names(rules, rules.fired(decimals)) == case["expected"]
    nullable = frame.astype({f: "Float64" for f, k in rules.fact_kinds.items() if k == "number"})
    assert _names(rules, rules.fired(nullable)) == case["expected"]


def test_pyarrow_and_polars(rules: RuleSet, case: Dict[str, Any]) -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.table(_numpy_columns(rules, case))
    # NaN is no value in float64 columns; so is null.
    with_nulls = pa.table({f: pa.array(c, type=pa.float64() if rules.fact_kinds[f] == "number" else pa.string()) for f, c in case["columns"].items()})
    assert _names(rules, rules.fired(table)) == case["expected"]
    assert _names(rules, rules.fired(with_nulls)) == case["expected"]
    def fixed(value: Any) -> Any:
        """As decimal128(38, 24) holds it: the case's finer values (the
        smallest floats) are read as 0 anyway, past a decimal's 28 places."""
        d = _exact(value)
        if isinstance(d, Decimal) and d.as_tuple().exponent < -24:  # type: ignore[operator]
            assert abs(d) < Decimal("1e-28")
            return Decimal(0)
        return d

    decimals = pa.table(
        {
            f: pa.array([fixed(v) for v in c], type=pa.decimal128(38, 24))
            if rules.fact_kinds[f] == "number"
            else pa.array(c).dictionary_encode()
            for f, c in case["columns"].items()
        }
    )
    assert _names(rules, rules.fired(decimals)) == case["expected"]
    batches = pa.Table.from_batches(table.to_batches(max_chunksize=37))
    assert _names(rules, rules.fired(batches)) == case["expected"]
    pl = pytest.importorskip("polars")
    assert _names(rules, rules.fired(pl.from_arrow(with_nulls))) == case["expected"]


def test_integer_columns(plan: Plan) -> None:
    rules = RuleSet(_plan_with([{"id": "R", "when": 'kpi("K-CONV").periods_below(0.9) >= 2'}]))
    fact = rules.facts[0]
    counts = np.array([0, 1, 2, 3], dtype=np.int32)
    assert rules.fired({fact: counts})[:, 0].tolist() == [False, False, True, True]
    assert rules.fired({fact: counts.astype(np.uint8)})[:, 0].tolist() == [False, False, True, True]
    pa = pytest.importorskip("pyarrow")
    assert rules.fired(pa.table({fact: pa.array([2, None, 1], type=pa.int16())}))[:, 0].tolist() == [True, False, False]


def test_floats_are_read_as_their_shortest_decimal() -> None:
    rules = RuleSet(_plan_with([{"id": "R", "when": 'kpi("K-CONV").attainment < 0.7'}]))
    fact = rules.facts[0]
    values = [0.7, math.nextafter(0.7, 0), 0.1 + 0.6, math.nan, math.inf, -math.inf, 1e-30]
    fired = rules.fired({fact: np.array(values)})[:, 0].tolist()
    # 0.1 + 0.6 is 0.7 as a float; 1e-30 has more places than a decimal
    # holds and is read as 0.
    assert fired == [False, True, False, False, False, False, True]
    assert [rules.evaluate({fact: v}) == ["R"] for v in values] == fired


def test_many_contexts_in_blocks(rules: RuleSet, case: Dict[str, Any]) -> None:
    """More contexts than one block, drawn from the case's values."""
    rng = random.Random(7)
    n = 9000
    columns = {f: [rng.choice(c) for _ in range(n)] for f, c in case["columns"].items()}
    fired = rules.fired(columns)
    assert fired.shape == (n, len(rules.ids))
    for i in range(0, n, 97):
        expected = rules.evaluate({f: c[i] for f, c in columns.items()})
        assert [r for r, holds in zip(rules.ids, fired[i]) if holds] == expected


def test_no_contexts(rules: RuleSet) -> None:
    empty: Dict[str, List[Any]] = {fact: [] for fact in rules.facts}
    assert rules.fired(empty).shape == (0, len(rules.ids))


def test_facts_of_evaluations_agree_with_propose(plan: Plan, actuals: Actuals) -> None:
    rules = RuleSet(plan)
    days = [datetime.date(2026, m, 28) for m in range(1, 13)]
    evaluations = [plan.evaluate(actuals, as_of=day) for day in days]
    contexts = [rules.facts_of(e) for e in evaluations]
    fired = rules.fired({f: [c[f] for c in contexts] for f in rules.facts})
    for evaluation, context, row in zip(evaluations, contexts, fired):
        proposed = [p["rule"] for p in plan.propose(evaluation)]
        one = rules.evaluate(context)
        assert sorted(proposed) == sorted(one)
        assert [r for r, holds in zip(rules.ids, row) if holds] == one
    assert any(rules.evaluate(c) for c in contexts)
    assert all(isinstance(v, (Decimal, type(None))) for c in contexts for v in c.values())


def test_errors(rules: RuleSet, case: Dict[str, Any]) -> None:
    columns = _numpy_columns(rules, case)
    missing = {f: c for f, c in columns.items() if f != rules.facts[0]}
    with pytest.raises(InvalidArgumentError, match=r"no column kpi\(\"K-CONV\"\)\.attainment"):
        rules.fired(missing)
    short = dict(columns, **{rules.facts[-1]: columns[rules.facts[-1]][:3]})
    with pytest.raises(InvalidArgumentError, match="has 3 values; the others 400"):
        rules.fired(short)
    status = next(f for f, k in rules.fact_kinds.items() if k == "text")
    with pytest.raises(InvalidArgumentError, match=r'"late" is not one of on_track, at_risk, off_track'):
        rules.fired(dict(columns, **{status: ["late"] * 400}))
    with pytest.raises(InvalidArgumentError, match="expected a number, found bool"):
        rules.evaluate({rules.facts[0]: True})
    with pytest.raises(InvalidArgumentError, match="is not a decimal number"):
        rules.evaluate({rules.facts[0]: "1e3"})
    with pytest.raises(InvalidArgumentError, match="expected a Decimal, int, float or None, found list"):
        rules.evaluate({rules.facts[0]: [1]})  # type: ignore[dict-item]
    with pytest.raises(TypeError, match="facts must be a pandas or polars DataFrame"):
        rules.fired([1, 2, 3])
    with pytest.raises(TypeError, match="plan must be a Plan"):
        RuleSet("plan")  # type: ignore[arg-type]
    pa = pytest.importorskip("pyarrow")
    with pytest.raises(InvalidArgumentError, match="expected float, integer or decimal128"):
        rules.fired(pa.table({f: pa.array(["x"] * 3) for f in rules.facts}))


def test_a_rule_that_does_not_compile() -> None:
    with pytest.raises(InvalidArgumentError) as info:
        RuleSet(_plan_with([{"id": "R", "when": 'kpi("K-NOPE").actual > 1'}]))
    assert "K-NOPE" in str(info.value)


def test_conditions_without_facts_on_a_fresh_thread() -> None:
    # A condition that reads no fact (``2 > 5``) indexed the constant 1 of
    # its arithmetic past the end of a thread's fresh scratch: the first
    # evaluation on a new thread panicked.
    import threading

    rules = RuleSet(_plan_with([{"id": "R-NEVER", "when": "2 > 5"}, {"id": "R-ALWAYS", "when": "1 + 1 == 2 * 1"}]))
    assert rules.facts == []
    results: List[Any] = []
    thread = threading.Thread(target=lambda: results.append(rules.evaluate({})))
    thread.start()
    thread.join()
    assert results == [["R-ALWAYS"]]
    assert rules.evaluate({}) == ["R-ALWAYS"]
