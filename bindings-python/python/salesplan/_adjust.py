"""Adjustment (调整机制): what the plan's rules propose, revisions made by
accepting proposals or editing the plan, the log of revisions, replays of
the rules over the past, and what-if scenarios beside the base; as typed
dicts and pandas DataFrames (pandas is needed only for the DataFrames).

A proposal's actions and a revision's patch are pieces of a plan: they are
typed by the plan's JSON Schema (``Decimal``, ``date``) as
:meth:`Plan.to_dict` types the plan itself."""

from __future__ import annotations

import datetime
import html
import json
import os
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Type,
    TypeVar,
    Union,
)

from . import _convert, _files, _native, _schema
from ._risk import _frame, _html_row, fresh
from ._types import (
    Accepted,
    Conflict,
    FactInput,
    FactKind,
    FactValue,
    FirstFired,
    PatchOp,
    Proposal,
    ProposalsDict,
    ReplayDict,
    Revision,
    ScenarioComparisonDict,
    ScenarioRow,
    Suppressed,
)

if TYPE_CHECKING:
    import numpy
    import pandas

    from . import Plan
    from ._evaluation import Evaluation

Patch = Union[str, Sequence[Mapping[str, Any]]]
"""A JSON Patch (RFC 6902): a list of operations ``{"op", "path", "value"}``
(``value`` may hold ``Decimal`` and ``date``), or its JSON text."""

ChangeTime = Union[str, datetime.datetime]
"""When a change is made: RFC 3339 text (``"2026-07-03T09:00:00+08:00"``)
or a timezone-aware ``datetime``."""

# Leading columns of the DataFrames, in this order; fields the core adds
# later follow them.
_PROPOSAL_COLUMNS: Tuple[str, ...] = (
    "id",
    "rule",
    "name",
    "as_of",
    "priority",
    "condition",
    "explanation",
    "facts",
    "actions",
    "touches",
)
_REPLAY_COLUMNS: Tuple[str, ...] = ("period", "as_of", "rule", "outcome", "detail")
_SCENARIO_COLUMNS: Tuple[str, ...] = (
    "scenario",
    "errors",
    "warnings",
    "target",
    "sales_capacity",
    "capacity_gap",
    "budget",
    "attainment",
    "forecast",
    "off_track",
    "proposals",
    "probability",
    "p50",
)


# A patch inside an output: each value typed by where it goes in a plan.
_PLAN_PARTS: Mapping[str, _convert.Convert] = {"patch": _schema.PLAN.patch}


def typed(value: Any, name: str) -> Any:
    """An adjustment output of the core (plain JSON) typed by its schema."""
    return _schema.output(value, name, _PLAN_PARTS)


def patch_json(patch: Patch, name: str = "patch") -> str:
    """A JSON Patch as the core reads it: JSON text."""
    if isinstance(patch, str):
        return patch
    if isinstance(patch, bytes):
        raise TypeError(f"{name} must be a list of operations or their JSON text, not {type(patch).__name__}")
    # One operation given alone is passed as it is: the core refuses it
    # with its path, as in every language.
    return _convert.to_json_text(patch if isinstance(patch, Mapping) else list(patch))


def typed_patch(text: str) -> List[PatchOp]:
    """A JSON Patch on a plan from the core, its values typed."""
    patch: List[PatchOp] = _schema.PLAN.patch(json.loads(text))
    return patch


def change_time(at: ChangeTime) -> str:
    """A change's time as RFC 3339 text; the core checks it."""
    if isinstance(at, datetime.datetime):
        return at.isoformat()
    if not isinstance(at, str):
        raise TypeError(f"at must be RFC 3339 text or a timezone-aware datetime, not {type(at).__name__}")
    return at


def accepted_json(accepted: Optional[Iterable[Mapping[str, Any]]]) -> Optional[str]:
    """Accepted proposals ``{"rule", "as_of"}`` as JSON text, or ``None``."""
    if accepted is None:
        return None
    if isinstance(accepted, (str, bytes, Mapping)):
        raise TypeError(f"accepted must be a list of {{'rule', 'as_of'}} dicts, not {type(accepted).__name__}")
    return _convert.to_json_text(list(accepted))


def _plan(native: _native.Plan) -> Plan:
    from . import Plan

    return Plan._wrap(native)


_PS = TypeVar("_PS", bound="Proposals")


class Proposals:
    """What the plan's rules propose as of a day: every enabled rule whose
    condition holds on the evaluation (and the risk register it moves),
    with the facts that made it fire and the actions it proposes, highest
    priority first; proposals that touch the same budget line, goal, KPI,
    risk, strategy or task (:attr:`conflicts`); and rules held back by
    their cooldown (:attr:`suppressed`).

    Made by :meth:`Plan.propose`; accept them with :meth:`Plan.apply`.
    Iterating gives the proposals as dicts.
    """

    __slots__ = ("_proposals", "_typed")
    _proposals: _native.Proposals
    _typed: Optional[ProposalsDict]

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError("create Proposals with plan.propose(evaluation) or Proposals.from_json(text)")

    @classmethod
    def _wrap(cls: Type[_PS], proposals: _native.Proposals) -> _PS:
        self = cls.__new__(cls)
        self._proposals = proposals
        self._typed = None
        return self

    def _document(self) -> ProposalsDict:
        """The proposals typed, read from their JSON once; callers hand out
        copies (:func:`fresh`)."""
        if self._typed is None:
            self._typed = typed(json.loads(self.to_json()), "Proposals")
        return self._typed

    @classmethod
    def from_json(cls: Type[_PS], text: str) -> _PS:
        """Read proposals written by :meth:`to_json` (or by the command
        line's ``salesplan propose --format json``)."""
        return cls._wrap(_native.Proposals.from_json(text))

    @property
    def as_of(self) -> datetime.date:
        """The day of the evaluation."""
        return datetime.date.fromisoformat(self._proposals.as_of)

    def to_json(self) -> str:
        """The proposals as JSON text, decimals as strings: the same in every
        language."""
        return self._proposals.to_json()

    def to_dict(self) -> ProposalsDict:
        """Proposals, conflicts and suppressed rules as a dict: ``Decimal``,
        ``date`` and ``None``."""
        result: ProposalsDict = fresh(self._document())
        return result

    @property
    def proposals(self) -> List[Proposal]:
        """The rules that fired, highest priority first, then plan order."""
        result: List[Proposal] = fresh(self._document()["proposals"])
        return result

    @property
    def conflicts(self) -> List[Conflict]:
        """What more than one proposal touches, and which ones."""
        result: List[Conflict] = fresh(self._document()["conflicts"])
        return result

    @property
    def suppressed(self) -> List[Suppressed]:
        """Rules that held but are cooling down after an accepted proposal."""
        result: List[Suppressed] = fresh(self._document()["suppressed"])
        return result

    def proposal(self, key: str) -> Proposal:
        """One proposal, by its id (``"R-CONV-SERVICE@2026-06-30"``) or its
        rule; ``KeyError`` when there is none."""
        for proposal in self._document()["proposals"]:
            if key in (proposal["id"], proposal["rule"]):
                result: Proposal = fresh(proposal)
                return result
        raise KeyError(key)

    def to_frame(self) -> pandas.DataFrame:
        """A pandas DataFrame with a row per proposal: id, rule, name, as_of,
        priority, condition, explanation, facts (a dict of each fact read to
        its value), actions and touches."""
        rows = [dict(p, facts={f["fact"]: f["value"] for f in p["facts"]}) for p in self.proposals]
        return _frame("Proposals.to_frame()", rows, _PROPOSAL_COLUMNS, False)

    def __iter__(self) -> Iterator[Proposal]:
        return iter(self.proposals)

    def __len__(self) -> int:
        return len(self._proposals)

    def __repr__(self) -> str:
        return repr(self._proposals)

    def _repr_html_(self) -> str:
        """The proposals, their reasons and actions, for Jupyter."""
        d = self._document()
        head = "".join(f"<th>{name}</th>" for name in ("proposal", "priority", "because", "actions"))
        body = "".join(
            _html_row((p["id"], p["priority"], p["explanation"], ", ".join(a.get("type", "") for a in p["actions"])))
            for p in d["proposals"]
        )
        caption = f"as of {d['as_of']} · {len(d['proposals'])} proposal(s)"
        if d["conflicts"]:
            caption += " · conflicts: " + "; ".join(f"{c['target']} ({', '.join(c['proposals'])})" for c in d["conflicts"])
        if d["suppressed"]:
            caption += " · cooling down: " + ", ".join(s["rule"] for s in d["suppressed"])
        return (
            f"<table><caption style='text-align:left'>{html.escape(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


class Revised:
    """A new revision of a plan: the new :class:`Plan` (:attr:`plan`,
    numbered one up, its ``revision`` member saying who, when and why) and
    the record of how it was made (:attr:`revision`, with the JSON Patch
    from the parent). Commit it to a :class:`History` to keep the log.

    Made by :meth:`Plan.apply`, :meth:`Plan.edit` and :meth:`History.undo`.
    """

    __slots__ = ("_revised", "_plan", "_typed")
    _revised: _native.Revised
    _plan: Plan
    _typed: Optional[Revision]

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError("create a Revised with plan.apply(proposals, ...) or plan.edit(patch, ...)")

    @classmethod
    def _wrap(cls, revised: _native.Revised, plan: Plan) -> Revised:
        self = cls.__new__(cls)
        self._revised = revised
        self._plan = plan
        self._typed = None
        return self

    def _record(self) -> Revision:
        """The record typed, read from its JSON once; callers hand out
        copies (:func:`fresh`)."""
        if self._typed is None:
            self._typed = typed(json.loads(self._revised.revision_json()), "Revision")
        return self._typed

    @property
    def plan(self) -> Plan:
        """The new plan."""
        return self._plan

    @property
    def number(self) -> int:
        """Its revision number."""
        return self._revised.number

    @property
    def parent(self) -> int:
        """The revision it was made from."""
        return self._revised.parent

    @property
    def revision(self) -> Revision:
        """The record: number, parent, author, time, reason, the proposals
        accepted and the patch from the parent's content."""
        result: Revision = fresh(self._record())
        return result

    @property
    def patch(self) -> List[PatchOp]:
        """The JSON Patch from the parent's content to the new plan's."""
        result: List[PatchOp] = fresh(self._record()["patch"])
        return result

    def to_json(self) -> str:
        """The record as JSON text, decimals as strings."""
        return self._revised.revision_json()

    def __repr__(self) -> str:
        return repr(self._revised)


_H = TypeVar("_H", bound="History")


class History:
    """A base plan and the log of revisions after it: any revision can be
    rebuilt, two revisions diffed, and the latest undone by a new revision
    carrying the inverse patch. :meth:`accepted` feeds the cooldowns of
    :meth:`Plan.propose`.

    ``History(plan)`` starts a log at ``plan``; :meth:`from_json` reads one
    back (also one written by the command line's ``--history``).
    """

    __slots__ = ("_history",)
    _history: _native.History

    def __init__(self, base: Plan) -> None:
        from . import Plan

        if not isinstance(base, Plan):
            raise TypeError(f"base must be a Plan, not {type(base).__name__}")
        self._history = _native.History(base._plan)

    @classmethod
    def from_json(cls: Type[_H], text: str) -> _H:
        """Read a log written by :meth:`to_json`.

        Raises :class:`ParseError` with the JSON pointer into the log
        (``"/base/goals/0/target"``, ``"/revisions/0/number"``)."""
        self = cls.__new__(cls)
        self._history = _native.History.from_json(text)
        return self

    @classmethod
    def load(cls: Type[_H], path: Union[str, "os.PathLike[str]"]) -> _H:
        """Read a log from a UTF-8 JSON file."""
        with open(path, encoding="utf-8") as file:
            return cls.from_json(file.read())

    def save(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Write the log to a UTF-8 JSON file that :meth:`load` reads: whole
        or not at all, as :meth:`Plan.save` writes."""
        _files.replace_text(path, self.to_json())

    def to_json(self) -> str:
        """The log as JSON text: ``{"base": plan, "revisions": [...]}``."""
        return self._history.to_json()

    @property
    def base(self) -> Plan:
        """The first plan of the log."""
        return _plan(self._history.base)

    @property
    def latest_number(self) -> int:
        """The latest revision's number."""
        return self._history.latest_number

    def plan(self, number: int) -> Plan:
        """Revision ``number``, rebuilt from the base and the patches;
        :class:`InvalidArgumentError` for a number not in the log."""
        return _plan(self._history.plan(number))

    def latest(self) -> Plan:
        """The latest plan."""
        return _plan(self._history.latest())

    def commit(self, revised: Revised) -> int:
        """Add a revision made from the latest plan (by :meth:`Plan.apply` or
        :meth:`Plan.edit`); gives its number. A revision made from another
        one raises :class:`InvalidArgumentError`."""
        if not isinstance(revised, Revised):
            raise TypeError(f"revised must be a Revised from plan.apply or plan.edit, not {type(revised).__name__}")
        return self._history.commit(revised._revised)

    def undo(self, *, author: str, reason: str, at: ChangeTime) -> Revised:
        """Undo the latest revision with a new one carrying its inverse
        patch, committed to the log; :class:`InvalidArgumentError` when the
        log has only its base."""
        native = self._history.undo(author, change_time(at), reason)
        return Revised._wrap(native, _plan(native.plan))

    def diff(self, a: int, b: int) -> List[PatchOp]:
        """The JSON Patch from revision ``a`` to revision ``b``."""
        return typed_patch(self._history.diff_json(a, b))

    def log(self) -> List[Revision]:
        """Every revision after the base, in order."""
        revisions: List[Revision] = typed(json.loads(self._history.revisions_json()), "Revision")
        return revisions

    def accepted(self) -> List[Accepted]:
        """Every proposal accepted in the log (``{"rule", "as_of"}``), for
        the cooldowns of :meth:`Plan.propose`."""
        accepted: List[Accepted] = typed(json.loads(self._history.accepted_json()), "Accepted")
        return accepted

    def __len__(self) -> int:
        return len(self._history)

    def __repr__(self) -> str:
        return repr(self._history)

    def __reduce__(self) -> Tuple[Any, Tuple[str]]:
        return (type(self).from_json, (self.to_json(),))

    def _repr_html_(self) -> str:
        """The log, for Jupyter."""
        head = "".join(f"<th>{name}</th>" for name in ("revision", "from", "author", "at", "reason", "operations"))
        body = "".join(
            _html_row((r["number"], r["parent"], r["author"], r["at"], r["reason"], len(r["patch"])))
            for r in self.log()
        )
        base = self.base
        caption = f"{base.id} · revision {base.revision_number} to {self.latest_number}"
        return (
            f"<table><caption style='text-align:left'>{html.escape(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


class Replay:
    """The rules replayed over the past, period by period: at the end of
    every period the plan is evaluated and proposed against, each proposal
    taken as accepted the day it fires (so cooldowns play out); the plan
    itself is not revised along the way.

    Made by :meth:`Plan.replay`.
    """

    __slots__ = ("_text", "_typed")
    _text: str
    _typed: Any

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError("create a Replay with plan.replay(actuals)")

    @classmethod
    def _wrap(cls, text: str) -> Replay:
        self = cls.__new__(cls)
        self._text = text
        self._typed = None
        return self

    def _document(self) -> Any:
        """The text typed, read once; callers hand out copies
        (:func:`fresh`)."""
        if self._typed is None:
            self._typed = typed(json.loads(self._text), "Replay")
        return self._typed

    def to_json(self) -> str:
        """The replay as JSON text, decimals as strings."""
        return self._text

    def to_dict(self) -> ReplayDict:
        """Every period (``steps``: what fired, what was held back) and per
        rule when it first fired (``first_fired``)."""
        result: ReplayDict = fresh(self._document())
        return result

    @property
    def first_fired(self) -> List[FirstFired]:
        """Per rule, in plan order, the first day it fired (``None``: never)
        and in how many periods."""
        result: List[FirstFired] = fresh(self._document()["first_fired"])
        return result

    def to_frame(self) -> pandas.DataFrame:
        """A pandas DataFrame with a row per period and rule that fired or
        was held back by its cooldown: period, as_of, rule, outcome
        (``"fired"`` or ``"suppressed"``) and detail (the facts that fired
        it, or why it was held back). Periods where nothing held have no
        row; :meth:`to_dict` lists every period."""
        rows: List[Dict[str, Any]] = []
        for step in self._document()["steps"]:
            at = {"period": step["period"], "as_of": step["as_of"]}
            rows += [dict(at, rule=p["rule"], outcome="fired", detail=p["explanation"]) for p in step["proposals"]]
            rows += [dict(at, rule=s["rule"], outcome="suppressed", detail=s["reason"]) for s in step["suppressed"]]
        return _frame("Replay.to_frame()", rows, _REPLAY_COLUMNS, False)

    def __repr__(self) -> str:
        d = self._document()
        fired = sum(len(s["proposals"]) for s in d["steps"])
        return f"Replay(periods={len(d['steps'])}, proposals={fired})"

    def _repr_html_(self) -> str:
        """What fired and what was held back in each period, for Jupyter."""
        head = "".join(f"<th>{name}</th>" for name in ("period", "fired", "held back"))
        body = "".join(
            _html_row(
                (
                    s["period"],
                    ", ".join(p["rule"] for p in s["proposals"]) or None,
                    ", ".join(h["rule"] for h in s["suppressed"]) or None,
                )
            )
            for s in self._document()["steps"]
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


class ScenarioComparison:
    """What-if scenarios beside the base: each a patch on the plan,
    evaluated against the same actuals, checked against capacity and
    budget, and (when asked) simulated. A scenario whose plan has errors
    still gets a row, with its error count.

    Made by :meth:`Plan.scenarios`. Decimals are exact ``decimal.Decimal``s
    in :meth:`to_dict` and :meth:`to_frame` (floats with ``as_float=True``).
    """

    __slots__ = ("_text", "_typed")
    _text: str
    _typed: Any

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError("create a ScenarioComparison with plan.scenarios(scenarios, actuals, as_of=...)")

    @classmethod
    def _wrap(cls, text: str) -> ScenarioComparison:
        self = cls.__new__(cls)
        self._text = text
        self._typed = None
        return self

    def _document(self) -> Any:
        """The text typed, read once; callers hand out copies
        (:func:`fresh`)."""
        if self._typed is None:
            self._typed = typed(json.loads(self._text), "ScenarioComparison")
        return self._typed

    @property
    def as_of(self) -> datetime.date:
        """The day of the evaluations."""
        as_of: datetime.date = self._document()["as_of"]
        return as_of

    def to_json(self) -> str:
        """The comparison as JSON text, decimals as strings."""
        return self._text

    def to_dict(self) -> ScenarioComparisonDict:
        """The base, then every scenario: ``Decimal``, ``date`` and ``None``."""
        result: ScenarioComparisonDict = fresh(self._document())
        return result

    @property
    def rows(self) -> List[ScenarioRow]:
        """The base, then every scenario in order."""
        result: List[ScenarioRow] = fresh(self._document()["rows"])
        return result

    def row(self, scenario: str) -> ScenarioRow:
        """One scenario's figures (``"base"`` for the plan as it is);
        ``KeyError`` when there is none."""
        for row in self._document()["rows"]:
            if row["scenario"] == scenario:
                result: ScenarioRow = fresh(row)
                return result
        raise KeyError(scenario)

    def to_frame(self, *, as_float: bool = False) -> pandas.DataFrame:
        """A pandas DataFrame indexed by scenario (the base first): errors,
        warnings, target, sales_capacity, capacity_gap, budget, attainment,
        forecast, off_track, proposals, probability, p50. Decimals are
        ``Decimal`` objects, or ``float``s (``NaN`` for none) with
        ``as_float=True``."""
        rows = [dict(r) for r in self.rows]
        frame = _frame("ScenarioComparison.to_frame()", rows, _SCENARIO_COLUMNS, as_float)
        return frame.set_index("scenario")

    def __repr__(self) -> str:
        d = self._document()
        names = ", ".join(repr(r["scenario"]) for r in d["rows"])
        return f"ScenarioComparison(as_of={d['as_of']}, scenarios=[{names}])"

    def _repr_html_(self) -> str:
        """The headline figures per scenario, for Jupyter."""
        cells = ("scenario", "errors", "target", "capacity_gap", "budget", "forecast", "probability", "p50")
        head = "".join(f"<th>{name}</th>" for name in cells)
        body = "".join(_html_row(tuple(r[c] for c in cells)) for r in self._document()["rows"])
        return (
            f"<table><caption style='text-align:left'>as of {self.as_of}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )


_FACTS_TYPES = "a pandas or polars DataFrame, a pyarrow Table, or a mapping of fact names to columns"


class RuleSet:
    """A plan's adjustment rules compiled once, to run over facts without an
    evaluation: one context (:meth:`evaluate`) or many at once
    (:meth:`fired`, :meth:`fired_frame`), 64 contexts at a time in the core,
    with the same answers as one by one.

    A context gives a value to each fact the rules read (:attr:`facts`, as
    conditions write them: ``kpi("K-CONV").attainment``). Numbers are exact
    decimals: a ``Decimal``, an ``int`` or decimal128 column is read as it
    is; a ``float`` (float64 column) as the shortest decimal that gives the
    float back, the digits ``repr`` prints, so ``0.7`` is ``0.7`` and not
    the binary fraction ``0.6999999999999999555…`` the float holds. NaN,
    the infinities, nulls and ``None`` are no value: every comparison with
    one is false. Text facts (statuses, risk levels) are their words.

    ``RuleSet(plan)`` compiles every rule (disabled ones too, see
    :attr:`enabled`); a condition that does not compile raises
    :class:`InvalidArgumentError` naming the rule and the column.
    """

    __slots__ = ("_rules",)
    _rules: _native.RuleSet

    def __init__(self, plan: Plan) -> None:
        from . import Plan

        if not isinstance(plan, Plan):
            raise TypeError(f"plan must be a Plan, not {type(plan).__name__}")
        self._rules = _native.RuleSet(plan._plan)

    @property
    def ids(self) -> List[str]:
        """The rules' ids, in plan order: the columns of :meth:`fired`."""
        return self._rules.ids

    @property
    def enabled(self) -> List[bool]:
        """Whether each rule is enabled (:meth:`Plan.propose` skips the
        others; here every rule runs)."""
        return self._rules.enabled

    @property
    def facts(self) -> List[str]:
        """Every fact a rule reads: the keys of a context, the columns of
        the facts given to :meth:`fired`."""
        return self._rules.facts

    @property
    def fact_kinds(self) -> Dict[str, FactKind]:
        """Each fact's kind: ``"number"`` or ``"text"``."""
        return {
            name: "text" if text else "number" for name, text in zip(self._rules.facts, self._rules.text_facts)
        }

    def facts_of(self, evaluation: Evaluation) -> Dict[str, FactValue]:
        """The facts an evaluation of the plan gives the rules, with the
        risk register it moves, as :meth:`Plan.propose` reads them."""
        from . import _evaluation

        if not isinstance(evaluation, _evaluation.Evaluation):
            raise TypeError(f"evaluation must be an Evaluation, not {type(evaluation).__name__}")
        values = self._rules.facts_of(evaluation._evaluation)
        return dict(zip(self._rules.facts, values))

    def evaluate(self, facts: Mapping[str, FactInput]) -> List[str]:
        """The ids of the rules whose condition holds for one context (a
        missing fact is no value)."""
        ids = self._rules.ids
        fired = self._rules.evaluate([facts.get(name) for name in self._rules.facts])
        return [ids[i] for i in fired]

    def fired(self, facts: Any) -> numpy.ndarray[Any, Any]:
        """Which rules hold in each of many contexts: a numpy ``bool``
        array shaped (contexts, rules), ``[c, r]`` true when rule
        ``ids[r]`` holds in context ``c``.

        ``facts`` has a column per fact (others are ignored), a row per
        context: a pandas or polars DataFrame, a pyarrow Table (anything
        with ``__arrow_c_stream__``), or a mapping of fact name to a column
        (a numpy array, a pandas Series, a list). Number columns: float64
        (read as above), integers, decimal128 (Arrow), or objects
        (``Decimal``, ``int``, ``float``, ``None``); text columns: strings
        (Arrow strings or dictionaries, or objects). numpy float64 and
        int64 columns are read in place. Raises
        :class:`InvalidArgumentError` naming a missing column, one of
        another length, or a value not of its fact's kind."""
        import numpy as np

        if isinstance(facts, Mapping) or hasattr(facts, "iloc"):
            columns = [self._column(facts, name, text) for name, text in zip(self._rules.facts, self._rules.text_facts)]
            contexts, data = self._rules.evaluate_columns(columns)
        elif hasattr(facts, "__arrow_c_stream__"):
            contexts, data = self._rules.evaluate_arrow(facts.__arrow_c_stream__())
        else:
            raise TypeError(f"facts must be {_FACTS_TYPES}, not {type(facts).__name__}")
        fired: numpy.ndarray[Any, Any] = np.frombuffer(data, dtype=np.bool_).reshape(contexts, len(self._rules.ids))
        return fired

    def fired_frame(self, facts: Any) -> pandas.DataFrame:
        """:meth:`fired` as a pandas DataFrame: a ``bool`` column per rule
        id, a row per context (with the index of ``facts`` when it is a
        pandas DataFrame)."""
        from ._actuals import _require_pandas

        pd = _require_pandas("RuleSet.fired_frame()")
        index = facts.index if hasattr(facts, "iloc") else None
        frame: pandas.DataFrame = pd.DataFrame(self.fired(facts), columns=self._rules.ids, index=index)
        return frame

    @staticmethod
    def _column(facts: Any, name: str, text: bool) -> Any:
        """A column as the native object reads it: numpy float64 or int64
        in place, else a list of values; ``None`` when it is not there."""
        import numpy as np

        try:
            column = facts[name]
        except KeyError:
            return None
        if isinstance(column, list):
            return column
        if hasattr(column, "isna") and not isinstance(getattr(column, "dtype", None), np.dtype):
            # A pandas extension dtype (nullable numbers, Arrow strings):
            # its own missing value (pd.NA, NaN) becomes None.
            return [None if gone else value for value, gone in zip(column.tolist(), column.isna().tolist())]
        array = np.asarray(column.to_numpy() if hasattr(column, "to_numpy") else column)
        if array.ndim != 1:
            raise TypeError(f"column {name} must be one-dimensional, not shaped {array.shape}")
        if not text and array.dtype.kind == "f":
            return np.ascontiguousarray(array, dtype=np.float64)
        if not text and (array.dtype.kind == "i" or (array.dtype.kind == "u" and array.dtype.itemsize < 8)):
            return np.ascontiguousarray(array, dtype=np.int64)
        return array.tolist()

    def __repr__(self) -> str:
        return repr(self._rules)
