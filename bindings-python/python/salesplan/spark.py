"""Evaluation on Apache Spark through Arrow, with the single-process answer.

Each executor folds its partitions' Arrow batches into partial evaluations
(:meth:`salesplan.Plan.fold`) inside ``mapInArrow``; the partials — never
the rows — are merged in a tree (``treeAggregate``) and the driver
evaluates the merge (:meth:`salesplan.Plan.evaluate_partial`). The result
equals :meth:`salesplan.Plan.evaluate` over ``df.toArrow()`` (the rows in
partition order) byte for byte::

    from salesplan import spark as sp
    evaluation = sp.evaluate(plan, df, as_of="2026-06-30", hierarchy=["region", "rep"])

``df`` has the columns :meth:`salesplan.Actuals.from_arrow` reads: ``date``
(``DateType``), ``measure`` (string), ``value`` (``DecimalType`` stays exact:
Spark hands it over as Arrow decimal128; integers and doubles are read as
``from_arrow`` reads them) and one string column per tag. Rows are checked
as :meth:`salesplan.Plan.load_actuals` checks them: a bad row fails the job
with :class:`salesplan.ActualsError` (its row numbers count within an Arrow
batch of a partition).

The ``salesplan`` package must be installed on the executors (``pip install
salesplan`` in the cluster's Python environment, or ship its wheel with
``--py-files``/``spark.archives``). This module imports PySpark only when a
function is called.
"""

from __future__ import annotations

import datetime
import importlib
import json
from typing import TYPE_CHECKING, Any, Callable, Iterator, List, Optional, Sequence, Union

from ._evaluation import Evaluation
from ._partial import Partial

if TYPE_CHECKING:
    from . import Plan
    from ._pipeline import Pipeline
    from ._types import CascadeNode

__all__ = ["evaluate", "fired", "fold"]

# Chunks per partition (Arrow batches gathered to a million rows or more)
# stay below 2^32, so partition p's k-th chunk is p << 32 | k and chunk
# numbers follow the order of the rows.
_BATCH_BITS = 32


def fold(
    plan: "Plan",
    df: Any,
    *,
    as_of: Union[datetime.date, str],
    hierarchy: Sequence[str] = (),
    depth: int = 2,
) -> Partial:
    """Fold a Spark DataFrame of actuals into one merged :class:`Partial`:
    each partition on its executor, the partials merged in a tree of
    ``depth`` levels. Evaluate it with :meth:`salesplan.Plan.evaluate_partial`
    (or use :func:`evaluate`)."""
    from . import _partial as partial_module

    day = as_of.isoformat() if isinstance(as_of, datetime.date) else str(as_of)
    if isinstance(hierarchy, str):
        raise TypeError("hierarchy must be a sequence of tag names, such as ['region']")
    tags = list(hierarchy)
    # Checked here, before any executor starts: a bad date or formula is the
    # driver's error.
    empty = partial_module.empty(plan, day, tags)
    folder = _partition_folder(plan.to_json(), day, tags)
    folded = df.mapInArrow(folder, "partial binary")
    merged = folded.rdd.map(lambda row: bytes(row[0])).treeAggregate(None, _merge_bytes, _merge_bytes, depth)
    if merged is not None:
        empty.merge(Partial.from_bytes(merged))
    return empty


def evaluate(
    plan: "Plan",
    df: Any,
    *,
    as_of: Union[datetime.date, str],
    hierarchy: Sequence[str] = (),
    trend_periods: int = 3,
    pipeline: Optional["Pipeline"] = None,
    cascade: Optional["CascadeNode"] = None,
    depth: int = 2,
) -> Evaluation:
    """Evaluate a Spark DataFrame of actuals as :meth:`salesplan.Plan.evaluate`
    evaluates them in one process: the same :class:`salesplan.Evaluation`,
    byte for byte. Only partial evaluations cross the network."""
    merged = fold(plan, df, as_of=as_of, hierarchy=hierarchy, depth=depth)
    return plan.evaluate_partial(merged, trend_periods=trend_periods, pipeline=pipeline, cascade=cascade)


def fired(plan: "Plan", df: Any) -> Any:
    """The plan's rules over many contexts on Spark: ``df`` with a row per
    context and a column per fact (named as conditions write them, as
    :meth:`salesplan.RuleSet.fired` reads them; other columns are kept and
    not read), returned with one ``boolean`` column per rule, named by its
    id, true where the rule's condition holds — what
    :meth:`salesplan.RuleSet.fired` gives for each row. Lazy: a Spark
    DataFrame, computed in ``mapInArrow`` batch by batch on the executors.
    Raises :class:`salesplan.InvalidArgumentError` here for a rule that does
    not compile, and fails the job for a missing fact column."""
    from . import RuleSet

    ids = RuleSet(plan).ids
    names = list(df.columns)
    clash = [i for i in ids if i in names]
    if clash:
        raise ValueError(f"df already has columns named as rules: {clash}")
    schema = df.schema.json()
    document = plan.to_json()

    def fire_batches(batches: Iterator[Any]) -> Iterator[Any]:
        pyarrow = importlib.import_module("pyarrow")
        salesplan = importlib.import_module("salesplan")
        rules = salesplan.RuleSet(salesplan.Plan.from_json(document))
        for batch in batches:
            # The facts under the names the conditions write.
            table = pyarrow.Table.from_batches([batch]).rename_columns(names)
            holds = rules.fired(table)
            columns = list(batch.columns) + [pyarrow.array(holds[:, r]) for r in range(len(rules.ids))]
            yield pyarrow.RecordBatch.from_arrays(columns, names=names + list(rules.ids))

    types = importlib.import_module("pyspark.sql.types")
    out = types.StructType.fromJson(json.loads(schema))
    for rule in ids:
        out.add(rule, types.BooleanType(), nullable=False)
    # Fact names hold dots and quotes (`kpi("K-CONV").attainment`), which
    # mapInArrow cannot select by: the columns cross under plain names.
    plain = df.toDF(*[f"_{i}" for i in range(len(names))])
    return plain.mapInArrow(fire_batches, out)


def _partition_folder(document: str, as_of: str, hierarchy: List[str]) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The function ``mapInArrow`` runs on each partition: its batches
    folded and merged into one row holding the partial's bytes."""

    def fold_partition(batches: Iterator[Any]) -> Iterator[Any]:
        pyarrow = importlib.import_module("pyarrow")
        context = importlib.import_module("pyspark").TaskContext.get()
        salesplan = importlib.import_module("salesplan")
        _partial = importlib.import_module("salesplan._partial")

        plan = salesplan.Plan.from_json(document)
        partition = context.partitionId() if context is not None else 0
        merged: Optional[Partial] = None
        for k, table in enumerate(_partial.chunked(batches)):
            number = (partition << _BATCH_BITS) | k
            partial = plan.fold(table, as_of=as_of, hierarchy=hierarchy, batch=number)
            merged = partial if merged is None else merged.merge(partial)
        if merged is not None:
            data = pyarrow.array([merged.to_bytes()], pyarrow.binary())
            yield pyarrow.RecordBatch.from_arrays([data], names=["partial"])

    return fold_partition


def _merge_bytes(a: Optional[bytes], b: Optional[bytes]) -> Optional[bytes]:
    """Two encoded partials merged (``None`` is no partial)."""
    if a is None:
        return b
    if b is None:
        return a
    return Partial.from_bytes(a).merge(Partial.from_bytes(b)).to_bytes()
