"""salesplan.rollup_by_month: the exact (key, month) roll-up over numpy
arrays and Arrow tables, without a Python object per row or cell."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

import salesplan
from salesplan import InvalidArgumentError

np = pytest.importorskip("numpy")
pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")

DAYS = np.array(["2026-01-01", "2026-01-31", "2026-01-31", "2026-12-31", "2026-02-01"], dtype="datetime64[D]")
COLUMNS = {
    "rep": np.array([0, 1, 0, 2, 0], dtype=np.uint32),
    "day": DAYS.astype(np.int32),
    "cents": np.array([10, 250, 1, -300, 9999], dtype=np.int64),
}
YEAR = {"start": datetime.date(2026, 1, 1), "end": "2026-12-31"}


def _check(r: salesplan.MonthlyRollup) -> None:
    assert r.months[0] == "2026-01" and len(r.months) == 12
    assert r.sums.shape == (3, 12) and r.sums.dtype == np.int64
    assert r.sums[0, :2].tolist() == [11, 9999]
    assert r.sums[1, 0] == 250 and r.sums[2, 11] == -300
    assert int(r.sums.sum()) == int(COLUMNS["cents"].sum())
    assert r.sum(0, "2026-02") == Decimal("99.99")
    assert r.key_count == 3


def test_numpy_arrays() -> None:
    r = salesplan.rollup_by_month(COLUMNS, key="rep", day="day", amount="cents", scale=2, **YEAR)
    _check(r)
    assert r.attainment is None
    # datetime64[D] days and other integer dtypes are converted once.
    again = dict(COLUMNS, day=DAYS, rep=COLUMNS["rep"].astype(np.int64))
    r2 = salesplan.rollup_by_month(again, key="rep", day="day", amount="cents", scale=2, **YEAR)
    assert (r2.sums == r.sums).all()


def test_arrow_and_polars_tables() -> None:
    table = pa.table({**COLUMNS, "day": pa.array(DAYS.astype(np.int32)).cast(pa.date32())})
    kw = dict(key="rep", day="day", amount="cents", scale=2)
    _check(salesplan.rollup_by_month(table, **kw, **YEAR))  # type: ignore[arg-type]
    _check(salesplan.rollup_by_month(pl.from_arrow(table), **kw, **YEAR))  # type: ignore[arg-type]


def test_attainment_in_basis_points() -> None:
    quotas = np.full((3, 12), 3, dtype=np.int64)
    quotas[2, 0] = 0
    quotas[1, 0] = 16
    r = salesplan.rollup_by_month(
        COLUMNS, key="rep", day="day", amount="cents", scale=2, quotas=quotas, key_count=3, **YEAR
    )
    assert r.attainment is not None and r.attainment_mask is not None
    assert r.attainment[1, 0] == 156250  # 2.50 / 0.16 = 15.625
    assert r.attainment[0, 0] == 36667  # 0.11 / 0.03 = 3.6666… → 3.6667
    assert bool(r.attainment_mask[2, 0]) and not r.attainment_mask[0, 0]
    with pytest.raises(InvalidArgumentError, match="quotas"):
        salesplan.rollup_by_month(
            COLUMNS, key="rep", day="day", amount="cents", scale=2, quotas=quotas[:2], **YEAR
        )


def test_bad_rows_and_columns_are_named() -> None:
    with pytest.raises(InvalidArgumentError, match="row 3"):
        salesplan.rollup_by_month(
            COLUMNS, key="rep", day="day", amount="cents", scale=2, start="2026-01-01", end="2026-06-30"
        )
    with pytest.raises(InvalidArgumentError, match="row 1: key 1"):
        salesplan.rollup_by_month(COLUMNS, key="rep", day="day", amount="cents", scale=2, key_count=1, **YEAR)
    table = pa.table({**COLUMNS, "cents": pa.array([1.0] * 5)})
    with pytest.raises(InvalidArgumentError, match="column `cents` is Float64; expected int64"):
        salesplan.rollup_by_month(table, key="rep", day="day", amount="cents", scale=2, **YEAR)
    nulls = pa.table({**COLUMNS, "rep": pa.array([0, None, 0, 2, 0], pa.uint32())})
    with pytest.raises(InvalidArgumentError, match="column `rep` has nulls"):
        salesplan.rollup_by_month(nulls, key="rep", day="day", amount="cents", scale=2, **YEAR)
    with pytest.raises(InvalidArgumentError, match="no column `amount`"):
        salesplan.rollup_by_month(pa.table(COLUMNS), key="rep", day="day", amount="amount", scale=2, **YEAR)
    with pytest.raises(TypeError, match="mapping of numpy arrays"):
        salesplan.rollup_by_month([1], key="rep", day="day", amount="cents", scale=2, **YEAR)
