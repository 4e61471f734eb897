"""A panic in the Rust code is a bug, but it must never abort Python nor
arrive as anything but the library's own error: `InternalError`, a
`SalesplanError` with code "internal", chained from pyo3's
`PanicException`; and the module keeps working afterwards. The test-only
`_native._panic_probe` panics on purpose."""

from __future__ import annotations

import inspect
import types

import pytest

import salesplan
from salesplan import InternalError, InvalidArgumentError, SalesplanError, _guard, _native


def test_the_probe_does_nothing_outside_the_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SALESPLAN_PANIC_PROBE", raising=False)
    with pytest.raises(InvalidArgumentError):
        _native._panic_probe("boom")


def test_a_panic_is_an_internal_error_and_the_module_stays_usable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESPLAN_PANIC_PROBE", "1")
    for _ in range(3):
        with pytest.raises(SalesplanError) as info:
            _native._panic_probe("boom on purpose")
        error = info.value
        assert type(error) is InternalError
        assert isinstance(error, RuntimeError)
        assert (error.code, error.path) == ("internal", None)
        assert "boom on purpose" in str(error)
        assert "a bug in salesplan (please report it)" in str(error)
        assert type(error.__cause__).__name__ == "PanicException"
        assert "boom on purpose" in str(error.__cause__)
    # The next calls work.
    assert salesplan.parse_amount("1.2亿") == 120000000
    plan = salesplan.example_plan()
    assert not [d for d in plan.validate() if d.severity == "error"]
    actuals = plan.load_actuals("date,measure,value\n2026-01-05,revenue,1\n")
    evaluation = plan.evaluate(actuals, as_of="2026-01-31")
    assert evaluation.kpi("K-REV")["actual"] == 1


def _unguarded(owner: object) -> list[str]:
    """Names of the native calls in ``owner`` that the guard left out."""
    left = []
    for name, value in vars(owner).items():
        if name in _guard._LEFT_ALONE:
            continue
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
        elif isinstance(value, property):
            value = value.fget
        native = (
            types.BuiltinFunctionType,
            types.MethodDescriptorType,
            types.WrapperDescriptorType,
            types.ClassMethodDescriptorType,
            types.GetSetDescriptorType,
        )
        if isinstance(value, native) or (callable(value) and not isinstance(value, type)):
            if not getattr(value, _guard.GUARDED, False):
                left.append(name)
    return left


def test_every_native_function_method_and_property_is_guarded() -> None:
    assert _unguarded(_native) == []
    classes = [v for v in vars(_native).values() if isinstance(v, type) and not issubclass(v, BaseException)]
    assert len(classes) >= 10
    for cls in classes:
        assert _unguarded(cls) == [], cls.__name__
    # The re-exports of the package are the guarded functions.
    assert getattr(salesplan.parse_amount, _guard.GUARDED)
    assert getattr(salesplan.format_money, _guard.GUARDED)


def test_a_panic_in_a_method_is_an_internal_error() -> None:
    """The same wrapper guards methods: a panic raised inside one (here a
    stand-in, since only the probe panics on purpose) arrives as
    InternalError, and the method is still there afterwards."""

    def panics(self: object) -> None:
        raise _guard._PANIC("boom in a method")

    class Native:
        method = _guard.guard(panics)

    with pytest.raises(InternalError) as info:
        Native().method()
    assert info.value.code == "internal"
    assert isinstance(info.value.__cause__, _guard._PANIC)


def test_guarded_calls_keep_their_signatures_and_behaviour() -> None:
    plan = salesplan.example_plan()
    native = plan._plan
    assert native == _native.Plan.from_json(native.to_json())
    assert repr(native).startswith("Plan(")
    assert list(inspect.signature(_native.parse_amount).parameters) == ["text"]
    assert _native.Plan.from_json.__name__ == "from_json"
    with pytest.raises(salesplan.AmountError):
        salesplan.parse_amount("1.2亿亿")


def test_only_history_and_rule_set_have_constructors() -> None:
    """Python cannot wrap a native ``__new__``: the two constructors,
    ``History(plan)`` and ``RuleSet(plan)``, catch their panics in Rust
    (``errors::catch_panic``). A class that gains a constructor must do the
    same, and be named here."""
    classes = {n: c for n, c in vars(_native).items() if isinstance(c, type) and not issubclass(c, BaseException)}
    for name, cls in classes.items():
        if name not in ("History", "RuleSet"):
            with pytest.raises(TypeError, match="cannot create"):
                cls()
    plan = salesplan.example_plan()._plan
    assert isinstance(_native.History(plan), _native.History)
    assert isinstance(_native.RuleSet(plan), _native.RuleSet)
