"""A panic in the Rust code is a bug, but it must never abort Python: it
arrives as an exception, and the module keeps working afterwards. The
test-only `_native._panic_probe` panics on purpose."""

from __future__ import annotations

import pytest

import salesplan
from salesplan import InvalidArgumentError, _native


def test_the_probe_does_nothing_outside_the_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SALESPLAN_PANIC_PROBE", raising=False)
    with pytest.raises(InvalidArgumentError):
        _native._panic_probe("boom")


def test_a_panic_is_an_exception_and_the_module_stays_usable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SALESPLAN_PANIC_PROBE", "1")
    for _ in range(3):
        # pyo3 raises its PanicException, a BaseException: an ordinary
        # `except Exception` does not swallow a bug.
        with pytest.raises(BaseException) as info:
            _native._panic_probe("boom on purpose")
        assert type(info.value).__name__ == "PanicException"
        assert "boom on purpose" in str(info.value)
    # The next calls work.
    assert salesplan.parse_amount("1.2亿") == 120000000
    plan = salesplan.example_plan()
    assert not [d for d in plan.validate() if d.severity == "error"]
    actuals = plan.load_actuals("date,measure,value\n2026-01-05,revenue,1\n")
    assert plan.evaluate(actuals, as_of="2026-01-31") is not None
