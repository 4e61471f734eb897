"""Sales action plans (销售行动计划) as data.

Read a plan, check it, and get exact numbers back::

    >>> import salesplan
    >>> plan = salesplan.example_plan()
    >>> [d for d in plan.validate() if d.severity == "error"]
    []
    >>> plan.to_dict()["goals"][0]["target"] == salesplan.parse_amount("1.2亿")
    True

Load what really happened and see where the plan stands::

    >>> actuals = plan.load_actuals(
    ...     "date,measure,value,region\\n"
    ...     "2026-01-20,revenue,6500000,east\\n"
    ...     "2026-01-25,revenue,500000,west\\n"
    ... )
    >>> len(actuals)
    2
    >>> evaluation = plan.evaluate(actuals, as_of="2026-01-31", hierarchy=["region"])
    >>> revenue = evaluation.kpi("K-REV")
    >>> revenue["actual"], revenue["expected"], revenue["status"]
    (Decimal('7000000'), Decimal('7200000.00'), 'on_track')
    >>> evaluation.kpi("K-REV", node="region=west")["actual"]
    Decimal('500000')

The plan's rules read the evaluation and propose changes, which a person
accepts into a new revision of the plan; none fire in January::

    >>> plan.propose(evaluation)
    Proposals(as_of=2026-01-31, proposals=0, conflicts=0, suppressed=0)

Every rule lives in the Rust core (``salesplan._native``); this package adds
dicts with ``decimal.Decimal`` and ``datetime.date``, files, pandas DataFrames
(when pandas is installed) and Jupyter display.
"""

from __future__ import annotations

import datetime
import decimal
import html
import json
import os
from typing import (
    Any,
    Dict,
    Iterable,
    List,
    Literal,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Type,
    TypeVar,
    Union,
)

# First: every later reader of the native module gets its guarded exports.
from . import _guard  # noqa: F401  (imported for its effect)
from . import _accuracy, _adjust, _convert, _files, _native, _partial, _schema
from ._accuracy import Accuracy, HistorySource
from ._actuals import Actuals, ActualsFormat, ActualsSource
from ._rates import RatesSource, rates_text
from ._adjust import ChangeTime, History, Patch, Proposals, Replay, Revised, RuleSet, ScenarioComparison
from ._analysis import cascade, decompose_gap, reverse_funnel, unit_economics
from ._evaluation import Evaluation
from ._monitoring import Monitoring, ResourcesSource, UpdatesSource, source_text
from ._partial import Partial, merge as merge_partials
from ._report import Report, ReportFormat, ReportLang
from ._chart import Chart, ChartKind
from ._pipeline import Pipeline, pipeline_json
from ._risk import RiskRegister, Simulation
from ._rollup import MonthlyRollup, rollup_by_month
from ._native import (
    SCHEMA_VERSION,
    ActualsError,
    AmountError,
    Diagnostic,
    InternalError,
    InvalidArgumentError,
    LimitExceededError,
    ParseError,
    PeriodError,
    RejectedError,
    SalesplanError,
    __version__,
    format_amount,
    format_money,
    allocate,
    heads_needed,
    parse_amount,
)
from ._types import (
    Accepted,
    PlanSummary,
    Allocation,
    CascadeNode,
    Conflict,
    DecimalLike,
    EvaluationDict,
    FactInput,
    FactKind,
    FactReading,
    FactValue,
    FirstFired,
    Funnel,
    GapEffects,
    HistogramBin,
    IndicatorReading,
    KpiResult,
    LoadWarning,
    NewBusinessFit,
    NodeGap,
    Observation,
    PatchOp,
    PatchOperation,
    PeriodResult,
    PeriodTarget,
    PipelineSummary,
    Proposal,
    ProposalsDict,
    ReplayDict,
    ReplayStep,
    ReverseFunnel,
    Revision,
    RevisionInfo,
    RiskBand,
    RiskCategory,
    RiskHeatmap,
    RiskLevel,
    RiskMatrix,
    RiskMove,
    RiskRegisterDict,
    RiskScore,
    RiskTotal,
    RiskTotals,
    RowProblem,
    Scenario,
    ScenarioComparisonDict,
    ScenarioRow,
    ScoredRisk,
    SignalReading,
    SimulationDict,
    SimulationDriver,
    Status,
    Suppressed,
    UnitEconomics,
)

__all__ = [
    "SCHEMA_VERSION",
    "Accepted",
    "Accuracy",
    "Actuals",
    "ActualsError",
    "ActualsFormat",
    "ActualsSource",
    "Allocation",
    "AmountError",
    "AmountUnit",
    "CascadeNode",
    "Chart",
    "ChartKind",
    "ChangeTime",
    "Conflict",
    "DecimalLike",
    "Diagnostic",
    "Evaluation",
    "EvaluationDict",
    "FactInput",
    "FactKind",
    "FactReading",
    "FactValue",
    "FirstFired",
    "Funnel",
    "GapEffects",
    "HistogramBin",
    "History",
    "HistorySource",
    "IndicatorReading",
    "InternalError",
    "InvalidArgumentError",
    "KpiResult",
    "LimitExceededError",
    "LoadWarning",
    "Monitoring",
    "MonthlyRollup",
    "NewBusiness",
    "NewBusinessFit",
    "NodeGap",
    "Observation",
    "ParseError",
    "Partial",
    "Patch",
    "PatchOp",
    "PatchOperation",
    "PeriodError",
    "PeriodResult",
    "PeriodTarget",
    "Pipeline",
    "PipelineSummary",
    "Plan",
    "Proposal",
    "Proposals",
    "ProposalsDict",
    "RatesSource",
    "RejectedError",
    "Report",
    "ResourcesSource",
    "ReportFormat",
    "ReportLang",
    "Replay",
    "ReplayDict",
    "ReplayStep",
    "ReverseFunnel",
    "Revised",
    "Revision",
    "RevisionInfo",
    "RiskBand",
    "RiskCategory",
    "RiskHeatmap",
    "RiskLevel",
    "RiskMatrix",
    "RiskMove",
    "RiskRegister",
    "RiskRegisterDict",
    "RiskScore",
    "RiskTotal",
    "RiskTotals",
    "RowProblem",
    "RuleSet",
    "SalesplanError",
    "Scenario",
    "SignalReading",
    "ScenarioComparison",
    "ScenarioComparisonDict",
    "ScenarioRow",
    "ScoredRisk",
    "Simulation",
    "SimulationDict",
    "SimulationDriver",
    "Status",
    "Suppressed",
    "UnitEconomics",
    "UpdatesSource",
    "__version__",
    "allocate",
    "apply_patch",
    "cascade",
    "decompose_gap",
    "example_plan",
    "format_amount",
    "format_money",
    "heads_needed",
    "merge_partials",
    "parse_amount",
    "options_schema",
    "outputs_schema",
    "plan_schema",
    "SECTIONS",
    "PlanSummary",
    "rollup_by_month",
    "reverse_funnel",
    "unit_economics",
]

AmountUnit = Literal["auto", "yi", "wan", "none"]
"""The units ``format_amount`` can write in: automatic, 亿, 万 or none."""

NewBusiness = Literal["fit", "none"]
"""Whether :meth:`Plan.simulate` adds deals not yet in the pipeline, fitted
from the actuals, or takes the open pipeline as all there is."""

_to_python = _schema.PLAN.document

# The eight sections, in document order: (key, Chinese name, English name).
SECTIONS: Tuple[Tuple[str, str, str], ...] = tuple(_native.sections())

_P = TypeVar("_P", bound="Plan")


class Plan:
    """A sales action plan read from a ``salesplan/1`` document.

    Make one with :meth:`from_json`, :meth:`from_dict`, :meth:`load` or
    :func:`example_plan`. A plan is immutable; equal plans hold the same
    document.
    """

    __slots__ = ("_plan",)
    _plan: _native.Plan

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise TypeError(
            "create a Plan with Plan.from_json(text), Plan.from_dict(d), "
            "Plan.load(path) or salesplan.example_plan()"
        )

    @classmethod
    def _wrap(cls: Type[_P], plan: _native.Plan) -> _P:
        self = cls.__new__(cls)
        self._plan = plan
        return self

    @classmethod
    def from_json(cls: Type[_P], text: str) -> _P:
        """Read a plan from JSON text.

        Raises :class:`ParseError` (a ``ValueError``) with ``.code`` and
        ``.path`` (a JSON pointer such as ``"/goals/0/deadline"``).
        """
        return cls._wrap(_native.Plan.from_json(text))

    @classmethod
    def from_dict(cls: Type[_P], document: Mapping[str, Any]) -> _P:
        """Read a plan from a dict, as :meth:`to_dict` gives it.

        Amounts may be ``decimal.Decimal`` or decimal strings, dates
        ``datetime.date`` or ISO strings; floats are refused, not rounded,
        and so are ``nan`` and infinities (with their path).
        """
        return cls.from_json(_convert.to_json_text(document))

    @classmethod
    def load(cls: Type[_P], path: Union[str, "os.PathLike[str]"]) -> _P:
        """Read a plan from a UTF-8 JSON file."""
        with open(path, encoding="utf-8") as file:
            return cls.from_json(file.read())

    def save(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Write the plan to a UTF-8 JSON file that :meth:`load` reads:
        whole or not at all — the text goes to a temporary file beside it,
        renamed over the old file, so a failed write leaves it as it was."""
        _files.replace_text(path, self.to_json())

    def to_json(self) -> str:
        """The plan as pretty-printed JSON (decimals as strings)."""
        return self._plan.to_json()

    def to_dict(self) -> Dict[str, Any]:
        """The plan as a dict: decimals as ``decimal.Decimal``, dates as
        ``datetime.date``."""
        result: Dict[str, Any] = _to_python(json.loads(self._plan.to_json()))
        return result

    def validate(self) -> List[Diagnostic]:
        """Every finding about the plan (errors, warnings, infos), in a
        stable order."""
        return self._plan.validate()

    def load_actuals(
        self,
        source: ActualsSource,
        *,
        lenient: bool = False,
        format: Optional[ActualsFormat] = None,
        rates: Optional[RatesSource] = None,
    ) -> Actuals:
        """Read actuals, checking every row against the plan.

        ``source`` is a path (``.json`` files are JSON, others CSV), CSV or
        JSON text (JSON when it starts with ``[``), an iterable of dicts
        ``{"date", "measure", "value", "tags"}``, or a pandas or polars
        DataFrame with columns ``date``, ``measure``, ``value`` and one per
        tag. A string is a path when it is one line ending in ``.csv`` or
        ``.json``. ``format`` overrides the guess.

        Raises :class:`ActualsError` (a ``ValueError``) with ``.problems``,
        every bad row, unless ``lenient``: then bad rows are skipped and
        listed in :attr:`Actuals.problems`.

        A ``currency`` column converts rows in other currencies at the
        dated rates of ``rates`` (a path, CSV text ``date,from,to,rate``,
        JSON text, a list of dicts or a DataFrame): each row at the rate in
        effect on its date, rounded to the cent. A ``credit`` column
        (``"rep=a:0.6;rep=b:0.4"``) splits a row between several values of
        a dimension, exactly to the cent. A malformed rate table raises
        :class:`InvalidArgumentError`.
        """
        return Actuals.load(self, source, lenient=lenient, format=format, rates=rates)

    def evaluate(
        self,
        actuals: Union[Actuals, ActualsSource],
        *,
        as_of: Union[datetime.date, str],
        hierarchy: Sequence[str] = (),
        trend_periods: int = 3,
        pipeline: Optional[Pipeline] = None,
        cascade: Optional[CascadeNode] = None,
        rates: Optional[RatesSource] = None,
        updates: Optional[UpdatesSource] = None,
        resources: Optional[ResourcesSource] = None,
        accuracy: Union[Accuracy, str, Mapping[str, Any], None] = None,
    ) -> Evaluation:
        """Evaluate every KPI against actuals as of a day.

        ``actuals`` is an :class:`Actuals` or anything :meth:`load_actuals`
        reads (loaded strictly). ``hierarchy`` names tag dimensions from the
        top down (``["region", "rep"]``): every combination in the actuals
        becomes a node under the company. ``trend_periods`` is how many
        completed periods the trend looks back over. ``pipeline`` lists open
        deals ``{"id", "amount", "probability", "expected_close", "stage",
        "tags"}`` (or is their JSON text) for the pipeline forecast of
        revenue KPIs. ``cascade`` is a tree (as :func:`cascade` takes) whose
        root is the company and whose ids are node names
        (``"region=east"``): additive KPIs' targets are split down it, so
        that those nodes have targets too. ``rates`` (as :meth:`load_actuals`
        takes them) converts rows of raw ``actuals`` in other currencies,
        each at the rate of its date, and deals of the pipeline with a
        ``currency``, at the rate in effect on ``as_of``. With ``updates``,
        ``resources`` or ``accuracy`` the evaluation also carries the plan's
        monitoring (see :meth:`monitor`).
        """
        if not isinstance(actuals, Actuals):
            actuals = self.load_actuals(actuals, rates=rates)
        elif rates is not None and pipeline is None:
            raise TypeError("rates apply to raw actuals or a pipeline: pass them to plan.load_actuals()")
        deals = pipeline_json(pipeline)
        table = rates_text(rates)
        if deals is not None and table is not None:
            deals = _native.convert_deals_json(self._plan, deals, table, _day(as_of))
        tree = None if cascade is None else _convert.to_json_text(cascade)
        evaluation = Evaluation._wrap(
            self._plan.evaluate(actuals._actuals, _day(as_of), _hierarchy(hierarchy), trend_periods, deals, tree),
            self._plan,
        )
        if updates is None and resources is None and accuracy is None:
            return evaluation
        return self.monitor(evaluation, updates=updates, resources=resources, accuracy=accuracy)

    def monitor(
        self,
        evaluation: Evaluation,
        *,
        updates: Optional[UpdatesSource] = None,
        resources: Optional[ResourcesSource] = None,
        accuracy: Union[Accuracy, str, Mapping[str, Any], None] = None,
    ) -> Evaluation:
        """A copy of ``evaluation`` that carries the plan's monitoring as of
        its day (:attr:`Evaluation.monitoring`): every task's schedule
        status, progress, slip and forecast finish, the critical path and
        each milestone's forecast; budget burn and capacity against plan
        from ``resources`` (``spend`` rows tagged ``budget_line``, ``heads``
        rows tagged ``headcount``); each strategy's effect, assumed against
        realised. ``updates`` are dated progress reports
        ``{"date", "task", "status", "progress", "note"}`` (a path, CSV or
        JSON text, or dicts); the latest on or before the day wins.
        ``accuracy`` (an :class:`Accuracy` from :meth:`accuracy`, or its
        JSON text or dict) gives the ``forecast("K-REV")`` facts. Rules and risk signals then read these facts
        (``task("T-05").slip_days``, ``budget("B-PROMO").burn``).

        Raises :class:`ParseError` for an update naming an unknown task or
        field (with its path, ``/3/task``), :class:`ActualsError` for
        resource rows naming no budget or headcount line.
        """
        _check_evaluation(evaluation)
        if isinstance(accuracy, Accuracy):
            accuracy = accuracy.to_json()
        elif isinstance(accuracy, Mapping):
            accuracy = json.dumps(accuracy, default=str)
        elif accuracy is not None and not isinstance(accuracy, str):
            raise TypeError(f"accuracy must be an Accuracy from plan.accuracy(...) or its JSON, not {type(accuracy).__name__}")
        monitored = _native.monitor(
            self._plan,
            evaluation._evaluation,
            None if updates is None else source_text(updates, "updates"),
            None if resources is None else source_text(resources, "resources"),
            accuracy,
        )
        return Evaluation._wrap(monitored, self._plan)

    def report(
        self,
        actuals: Union[Actuals, ActualsSource],
        *,
        as_of: Union[datetime.date, str],
        hierarchy: Sequence[str] = (),
        pipeline: Optional[Pipeline] = None,
        lang: ReportLang = "zh",
        format: ReportFormat = "html",
        simulate: Optional[Mapping[str, Any]] = None,
    ) -> Report:
        """The plan review (经营复盘) as of a day: the headline (target,
        actual, attainment, status, forecasts, the chance of reaching the
        target), every KPI by node, the revenue gap explained, the risk
        register, the simulation, the rules' proposals with what accepting
        them would change, the tasks and the budget. ``format`` ``"html"``
        (one self-contained file, inline CSS and SVG, prints to A4) or
        ``"md"``; ``lang`` ``"zh"`` (amounts in 万/亿) or ``"en"``.
        ``simulate`` takes :meth:`simulate`'s options as a dict
        (``{"trials": 10000, "seed": 0}`` by default); ``{"trials": 0}``
        leaves the simulation out. The same inputs give the same text in
        Rust, Python and JavaScript."""
        if not isinstance(actuals, Actuals):
            actuals = self.load_actuals(actuals)
        if not isinstance(lang, str) or not isinstance(format, str):
            raise TypeError("lang and format must be strings, such as 'zh' and 'html'")
        given = dict(simulate or {})
        simulation = None
        if given.get("trials", 1) != 0:
            simulation = _convert.to_json_text(_simulation_options(_day(as_of), given))
        text = _native.review(
            self._plan,
            actuals._actuals,
            _day(as_of),
            _hierarchy(hierarchy),
            pipeline_json(pipeline),
            lang,
            format,
            simulation,
        )
        return Report(text, format, lang)

    def chart(self, kind: ChartKind, *, as_of: Union[datetime.date, str], lang: str = "zh") -> Chart:
        """A picture of the plan as SVG, shown inline in Jupyter:
        ``"gantt"`` (tasks and milestones, the critical path, ``as_of``
        marked) or ``"budget_burn"`` (each budget line's phasing,
        cumulative). The pictures of an evaluation are
        :meth:`Evaluation.chart`'s."""
        return Chart(kind, _native.chart(kind, lang, plan=self._plan, as_of=_day(as_of)))

    def fold(
        self,
        actuals: Union[Actuals, ActualsSource],
        *,
        as_of: Union[datetime.date, str],
        hierarchy: Sequence[str] = (),
        batch: int = 0,
    ) -> Partial:
        """Fold one batch of actuals into a :class:`Partial` for evaluation
        as of a day by a hierarchy, to merge with other batches' partials
        (:meth:`Partial.merge`) and evaluate once
        (:meth:`evaluate_partial`). ``batch`` (0 to 2^64 - 1) places the
        batch among the others: batches numbered in the order of the rows
        give what :meth:`evaluate` gives for all the rows, byte for byte,
        whatever order they are merged in."""
        return _partial.fold(self, actuals, _day(as_of), _hierarchy(hierarchy), batch)

    def evaluate_partial(
        self,
        partial: Partial,
        *,
        trend_periods: int = 3,
        pipeline: Optional[Pipeline] = None,
        cascade: Optional[CascadeNode] = None,
    ) -> Evaluation:
        """The :class:`Evaluation` of merged partials (as of their day, by
        their hierarchy; the other options as :meth:`evaluate` takes them).
        Raises :class:`InvalidArgumentError` for a partial folded for
        another plan."""
        return _partial.evaluate_partial(self, partial, trend_periods=trend_periods, pipeline=pipeline, cascade=cascade)

    def evaluate_batches(
        self,
        batches: Iterable[Any],
        *,
        as_of: Union[datetime.date, str],
        hierarchy: Sequence[str] = (),
        trend_periods: int = 3,
        pipeline: Optional[Pipeline] = None,
        cascade: Optional[CascadeNode] = None,
    ) -> Evaluation:
        """Evaluate actuals given as a stream of Arrow batches (or
        :class:`Actuals`), holding one batch at a time: a pyarrow
        ``RecordBatchReader`` or ``dataset.Scanner.to_batches()``, a DuckDB
        ``fetch_record_batch()``, polars ``collect_batches()`` or
        ``iter_slices()``. The same answer as :meth:`evaluate` of all the
        rows in order."""
        return _partial.evaluate_batches(
            self, batches, _day(as_of), _hierarchy(hierarchy), trend_periods, pipeline, cascade
        )

    def scorecards(
        self,
        evaluation: Evaluation,
        rubrics: Sequence[Mapping[str, Any]] = (),
        *,
        rubric_share: Union[decimal.Decimal, str] = "0.3",
        cap: Union[decimal.Decimal, str] = "1",
    ) -> List[Dict[str, Any]]:
        """Scorecards for the company, every goal owner and every node with
        results or reviews: weighted KPI attainment (the plan's KPI weights,
        attainment capped at ``cap``) and rubric scores ``{"criterion",
        "score" (1-5), "reviewer", "comment", "period", "owner", "node",
        "weight"}`` combined with ``rubric_share``, a score out of 100 and a
        grade A-E. Decimals come back as ``decimal.Decimal``."""
        text = self._plan.scorecards_json(
            evaluation._evaluation, _convert.to_json_text(list(rubrics)), str(rubric_share), str(cap)
        )
        cards: List[Dict[str, Any]] = _schema.output(json.loads(text), "Scorecard")
        return cards

    def risk_register(self, evaluation: Optional[Evaluation] = None) -> RiskRegister:
        """The risk register scored on the plan's likelihood × impact matrix:
        each risk as planned, inherent and residual (after mitigation), its
        exposure (probability × impact amount), totals by category, owner
        and level, and heat maps.

        With an ``evaluation`` of this plan (from :meth:`evaluate`), every
        key risk indicator reads its KPI for the company and, when it
        crosses its threshold, raises the risk's likelihood;
        :attr:`RiskRegister.moves` lists the risks that moved."""
        if evaluation is None:
            return RiskRegister._wrap(self._plan.risk_register())
        _check_evaluation(evaluation)
        return RiskRegister._wrap(self._plan.risk_register(evaluation._evaluation))

    def simulate(
        self,
        actuals: Union[Actuals, ActualsSource, None],
        pipeline: Optional[Pipeline] = None,
        *,
        as_of: Union[datetime.date, str],
        trials: int = 10000,
        seed: int = 0,
        goal: Optional[str] = None,
        target: Optional[DecimalLike] = None,
        new_business: NewBusiness = "fit",
        new_business_from: Union[datetime.date, str, None] = None,
        net_of_pipeline: bool = True,
        bins: int = 20,
        drivers: int = 10,
        threads: int = 0,
        run_rate_factor: Optional[DecimalLike] = None,
    ) -> Simulation:
        """Simulate the chance of reaching a goal's target by its deadline
        (or the plan's end): the actuals closed by ``as_of``, the open
        ``pipeline`` (deals won independently with their probability, at
        their amount or, with ``amount_low`` and ``amount_high``, a
        triangular draw) and, with ``new_business="fit"``, deals not yet in
        the pipeline at the run rate of the completed periods.

        ``actuals`` is an :class:`Actuals`, anything :meth:`load_actuals`
        reads, or ``None`` for none (then ``new_business="none"``).
        ``pipeline`` is as for :meth:`evaluate`. ``goal`` is by default the
        first revenue goal without a segment, ``target`` (``Decimal``,
        ``int`` or ``"1.2亿"``) by default its target. ``trials`` runs from 1
        to 10,000,000; ``seed`` from 0 to 2⁵³ − 1; the same seed gives the
        same numbers on any number of ``threads`` (0: every core). New
        business closes after ``new_business_from`` (by default ``as_of``)
        and, with ``net_of_pipeline``, brings only what the run rate expects
        beyond the weighted pipeline. ``run_rate_factor`` (0 to 100, 1 by
        default) multiplies the new business fitted, for what-ifs
        (``"1.136"``: 25/22 as many won deals). ``bins`` histogram bins (1 to
        1,000), ``drivers`` deals listed by their share of the variance.

        The options are checked by the core: a wrong type raises
        :class:`ParseError` with the option's path (``"/trials"``), a value
        out of range :class:`InvalidArgumentError` naming it."""
        if actuals is not None and not isinstance(actuals, Actuals):
            actuals = self.load_actuals(actuals)
        options: Dict[str, Any] = {
            "as_of": _day(as_of),
            "trials": trials,
            "seed": seed,
            "new_business": new_business,
            "net_of_pipeline": net_of_pipeline,
            "bins": bins,
            "drivers": drivers,
            "threads": threads,
        }
        if goal is not None:
            options["goal"] = goal
        if new_business_from is not None:
            options["new_business_from"] = _day(new_business_from)
        if run_rate_factor is not None:
            options["run_rate_factor"] = _convert.decimal_text("run_rate_factor", run_rate_factor)
        simulation = self._plan.simulate(
            None if actuals is None else actuals._actuals,
            pipeline_json(pipeline),
            _convert.to_json_text(options),
            target,
        )
        return Simulation._wrap(simulation)

    def accuracy(self, history: HistorySource, closing: Evaluation) -> Accuracy:
        """How good the forecasts of ``history`` were, against ``closing``
        (an :class:`Evaluation` of this plan as of the period's close). The
        history is a path to a file of JSON Lines (one snapshot a line, as
        :meth:`snapshot` appends them) or of a JSON document
        ``{"snapshots": [...]}``, that text itself (a ``str`` starting with
        ``{`` or ``[``), or a list of snapshot dicts. A history that cannot
        be read raises :class:`ParseError` with the JSON path (in JSON Lines,
        the snapshot's path as in a document and its line in the message);
        snapshots out of date order, given twice, after the close or naming
        KPIs the plan does not have raise :class:`InvalidArgumentError`."""
        _check_evaluation(closing)
        text = _accuracy.history_text(history)
        return Accuracy._wrap(_native.accuracy(self._plan, text, closing._evaluation))

    def snapshot(
        self,
        evaluation: Evaluation,
        simulation: Optional[Simulation] = None,
        *,
        append_to: Union[str, "os.PathLike[str]", None] = None,
    ) -> Dict[str, Any]:
        """A snapshot for a forecast history: ``evaluation`` (of this plan)
        and, when given, the P10/P50/P90 of a ``simulation`` made the same
        day, kept as the company outcome of the KPI that sums the simulated
        goal's measure. With ``append_to``, the snapshot is also appended as
        one line to that JSON Lines file (created if missing). Returns the
        snapshot as stored: decimals as strings."""
        _check_evaluation(evaluation)
        if simulation is not None and not isinstance(simulation, Simulation):
            raise TypeError(f"simulation must be a Simulation from plan.simulate(...), not {type(simulation).__name__}")
        native = None if simulation is None else simulation._simulation
        line = _accuracy.snapshot_line(self._plan, evaluation._evaluation, native)
        if append_to is not None:
            _accuracy.append_line(append_to, line)
        result: Dict[str, Any] = json.loads(line)
        return result

    def propose(
        self, evaluation: Evaluation, accepted: Optional[Sequence[Mapping[str, Any]]] = None
    ) -> Proposals:
        """What the plan's rules propose: every enabled rule whose condition
        holds on ``evaluation`` (an :class:`Evaluation` of this plan) and the
        risk register it moves, with the facts that made it fire and the
        actions it proposes, highest priority first; proposals that touch
        the same thing are listed as conflicts. ``accepted`` lists proposals
        accepted before (``{"rule", "as_of"}``, such as
        :meth:`History.accepted` gives): a rule within ``cooldown_periods``
        of one of its own is held back (:attr:`Proposals.suppressed`).

        A condition that does not compile raises
        :class:`InvalidArgumentError` naming the rule and the column
        (:meth:`validate` reports them all)."""
        _check_evaluation(evaluation)
        return Proposals._wrap(self._plan.propose(evaluation._evaluation, _adjust.accepted_json(accepted)))

    def apply(
        self: _P,
        proposals: Union[Proposals, Sequence[Mapping[str, Any]]],
        *,
        author: str,
        reason: str,
        at: ChangeTime,
        evaluation: Optional[Evaluation] = None,
    ) -> Revised:
        """Accept proposals into a new revision: their actions in order, then
        validation. ``proposals`` is a :class:`Proposals` (all of them) or a
        list of proposal dicts (such as some of ``proposals.proposals``).
        ``author``, ``reason`` and ``at`` (RFC 3339 text or a timezone-aware
        ``datetime``) are recorded; the library never reads the clock.
        ``evaluation`` is the one the proposals came from, which
        ``rephase`` actions need.

        The new plan (:attr:`Revised.plan`) is revision
        :attr:`revision_number` + 1. If it would have errors the change is
        refused: :class:`RejectedError` with every diagnostic, and nothing
        changes. An action that cannot be carried out (a budget line that
        does not exist, more than the line holds) raises
        :class:`InvalidArgumentError`."""
        if isinstance(proposals, Proposals):
            given: Union[_native.Proposals, str] = proposals._proposals
        elif isinstance(proposals, (str, bytes, Mapping)):
            raise TypeError(
                "proposals must be Proposals from plan.propose(...) or a list of proposal dicts, "
                f"not {type(proposals).__name__}"
            )
        else:
            given = _convert.to_json_text(list(proposals))
        if evaluation is not None:
            _check_evaluation(evaluation)
        native = self._plan.apply(
            given, author, _adjust.change_time(at), reason, None if evaluation is None else evaluation._evaluation
        )
        return Revised._wrap(native, type(self)._wrap(native.plan))

    def edit(self: _P, patch: Patch, *, author: str, reason: str, at: ChangeTime) -> Revised:
        """A manual edit as a new revision: ``patch`` is a JSON Patch (RFC
        6902) on the plan's content, a list of operations ``{"op", "path",
        "value"}`` (values may be ``Decimal`` and ``date``) or its JSON
        text. It is applied whole or not at all; it may not touch
        ``/revision``. Refused, like :meth:`apply`, with
        :class:`RejectedError` when the result has errors."""
        native = self._plan.edit(_adjust.patch_json(patch), author, _adjust.change_time(at), reason)
        return Revised._wrap(native, type(self)._wrap(native.plan))

    @staticmethod
    def diff(a: Plan, b: Plan) -> List[PatchOp]:
        """The JSON Patch that turns plan ``a``'s content into plan ``b``'s
        (their ``revision`` members aside); its values typed as in
        :meth:`to_dict`. ``apply_patch(a.to_dict(), Plan.diff(a, b))`` is
        ``b``'s content."""
        return _adjust.typed_patch(_native.Plan.diff_json(a._plan, b._plan))

    def replay(
        self,
        actuals: Union[Actuals, ActualsSource],
        *,
        until: Union[datetime.date, str, None] = None,
        hierarchy: Sequence[str] = (),
        trend_periods: int = 3,
        pipeline: Optional[Pipeline] = None,
        cascade: Optional[CascadeNode] = None,
    ) -> Replay:
        """Replay the rules over ``actuals``: at the end of every period from
        the plan's start until the last period the actuals reach (or
        ``until``, by default the plan's end), evaluate and propose as
        :meth:`propose` does, each proposal taken as accepted the day it
        fires so that cooldowns play out. The plan is not revised along the
        way. ``hierarchy``, ``trend_periods``, ``pipeline`` and ``cascade``
        are as for :meth:`evaluate`."""
        if not isinstance(actuals, Actuals):
            actuals = self.load_actuals(actuals)
        options = _evaluation_options(None if until is None else _day(until), hierarchy, trend_periods, pipeline, cascade)
        return Replay._wrap(self._plan.replay_json(actuals._actuals, options))

    def scenarios(
        self,
        scenarios: Sequence[Scenario],
        actuals: Union[Actuals, ActualsSource],
        *,
        as_of: Union[datetime.date, str],
        hierarchy: Sequence[str] = (),
        trend_periods: int = 3,
        pipeline: Optional[Pipeline] = None,
        cascade: Optional[CascadeNode] = None,
        simulate: Optional[Mapping[str, Any]] = None,
    ) -> ScenarioComparison:
        """What-if scenarios beside the plan as it is (``"base"``, first):
        each ``{"name", "patch", "run_rate_factor", "description"}`` a JSON
        Patch on the plan, evaluated against the same ``actuals`` as of
        ``as_of`` (with ``hierarchy``, ``trend_periods``, ``pipeline`` and
        ``cascade`` as for :meth:`evaluate`), checked against capacity and budget, and the
        rules it would fire. A scenario whose plan has errors still gets a
        row, with its error count.

        With ``simulate`` (a dict of :meth:`simulate`'s keyword options,
        such as ``{"trials": 5000, "seed": 7}``; ``{}`` for the defaults)
        each is also simulated as of ``as_of``, a scenario's
        ``run_rate_factor`` scaling the new business. A duplicate name or a
        patch that cannot be applied raises :class:`InvalidArgumentError`
        naming it (``scenarios/0/patch``)."""
        if not isinstance(actuals, Actuals):
            actuals = self.load_actuals(actuals)
        if isinstance(scenarios, (str, bytes, Mapping)):
            raise TypeError(f"scenarios must be a list of dicts, not {type(scenarios).__name__}")
        given = [_scenario(s) for s in scenarios]
        day = _day(as_of)
        options = None if simulate is None else _convert.to_json_text(_simulation_options(day, simulate))
        evaluation = _evaluation_options(day, hierarchy, trend_periods, pipeline, cascade)
        text = self._plan.scenarios_json(_convert.to_json_text(given), actuals._actuals, evaluation, options)
        return ScenarioComparison._wrap(text)

    @property
    def revision(self) -> Optional[RevisionInfo]:
        """Which revision this document is, its parent, who made it, when and
        why (the document's ``revision`` member); ``None`` in a first
        draft."""
        info: Optional[RevisionInfo] = json.loads(self._plan.to_json()).get("revision")
        return info

    @property
    def revision_number(self) -> int:
        """The revision this document is: 1 in a first draft."""
        return self._plan.revision_number

    def phase_goal(self, goal_id: str) -> List[PeriodTarget]:
        """A goal's target split over the plan's periods by its seasonality
        (evenly without), in cents, summing to the target exactly."""
        phases: List[PeriodTarget] = _schema.output(json.loads(self._plan.phase_goal_json(goal_id)), "PeriodTarget")
        return phases

    @property
    def id(self) -> str:
        """The plan's id."""
        return self._plan.id

    @property
    def name(self) -> str:
        """The plan's name."""
        return self._plan.name

    @property
    def currency(self) -> str:
        """The ISO 4217 code of every amount in the plan."""
        return self._plan.currency

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Plan):
            return NotImplemented
        return self._plan == other._plan

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._plan)

    def __reduce__(self) -> Tuple[Any, Tuple[str]]:
        return (type(self).from_json, (self.to_json(),))

    def summary(self) -> PlanSummary:
        """The headline numbers a person looks at first, per section: the
        goals with their effective targets (stated, or the baseline grown),
        market sizes, strategy costs, budget and people, tasks, risks by
        level and exposure, KPI and rule counts, and the diagnostics by
        severity (a fresh dict, typed)."""
        summary: PlanSummary = _schema.output(json.loads(self._plan.summary_json()), "Summary")
        return summary

    def _repr_html_(self) -> str:
        document = self.to_dict()
        rows = []
        for key, chinese, _ in SECTIONS:
            count, detail = _count(document.get(key))
            rows.append(
                f"<tr><td>{key}</td><td>{chinese}</td>"
                f"<td style='text-align:right'>{count}</td><td>{html.escape(detail)}</td></tr>"
            )
        period = document.get("period", {})
        caption = (
            f"<b>{html.escape(self.name)}</b> <code>{html.escape(self.id)}</code> · "
            f"{period.get('start')} – {period.get('end')} · {html.escape(self.currency)}"
        )
        revision = document.get("revision")
        if revision:
            caption += f" · revision {revision['number']} by {html.escape(revision['author'])}"
        headline = _headline(self.summary(), document, self.currency)
        if headline:
            caption += f"<br>{html.escape(headline)}"
        return (
            f"<table><caption style='text-align:left'>{caption}</caption>"
            "<thead><tr><th>section</th><th></th><th>items</th><th></th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


def _day(value: Union[datetime.date, str]) -> Any:
    """A day as the core reads it: ``YYYY-MM-DD`` (a datetime's date)."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, datetime.date) else value


def _evaluation_options(
    as_of: Optional[str],
    hierarchy: Sequence[str],
    trend_periods: int,
    pipeline: Optional[Pipeline],
    cascade: Optional[CascadeNode],
) -> str:
    """The core's evaluation options as JSON text (``as_of`` left out
    when ``None``); the core reads them with its defaults and checks."""
    parts = [f'"hierarchy": {_convert.to_json_text(_hierarchy(hierarchy))}']
    if as_of is not None:
        parts.append(f'"as_of": {json.dumps(as_of)}')
    if not isinstance(trend_periods, int) or isinstance(trend_periods, bool):
        raise TypeError(f"trend_periods must be an int, not {type(trend_periods).__name__}")
    parts.append(f'"trend_periods": {trend_periods}')
    deals = pipeline_json(pipeline)
    if deals is not None:
        parts.append(f'"pipeline": {deals}')
    if cascade is not None:
        parts.append(f'"cascade": {_convert.to_json_text(cascade)}')
    return "{" + ", ".join(parts) + "}"


def _hierarchy(hierarchy: Sequence[str]) -> List[str]:
    if isinstance(hierarchy, str):
        raise TypeError("hierarchy must be a sequence of tag names, such as ['region']")
    return list(hierarchy)


def _check_evaluation(evaluation: object) -> None:
    if not isinstance(evaluation, Evaluation):
        raise TypeError(f"evaluation must be an Evaluation from plan.evaluate(...), not {type(evaluation).__name__}")


# Options of Plan.simulate that hold decimals, and those that hold days.
_SIMULATION_DECIMALS = ("target", "run_rate_factor")
_SIMULATION_DAYS = ("as_of", "new_business_from")


def _simulation_options(as_of: str, given: Mapping[str, Any]) -> Dict[str, Any]:
    """Keyword options of :meth:`Plan.simulate` as the core reads them,
    as of the comparison's day; the core checks names and values."""
    if not isinstance(given, Mapping):
        raise TypeError(f"simulate must be a dict of simulation options, not {type(given).__name__}")
    options: Dict[str, Any] = {}
    for name, value in given.items():
        if name in _SIMULATION_DECIMALS and value is not None:
            value = _convert.decimal_text(name, value)
        elif name in _SIMULATION_DAYS and isinstance(value, datetime.date):
            value = _day(value)
        options[name] = value
    options["as_of"] = as_of
    return options


def _scenario(scenario: Mapping[str, Any]) -> Dict[str, Any]:
    """A scenario as the core reads it."""
    if not isinstance(scenario, Mapping):
        raise TypeError(f"a scenario must be a dict {{'name', 'patch', ...}}, not {type(scenario).__name__}")
    out = dict(scenario)
    if out.get("run_rate_factor") is not None:
        out["run_rate_factor"] = _convert.decimal_text("run_rate_factor", out["run_rate_factor"])
    if isinstance(out.get("patch"), str):
        out["patch"] = json.loads(out["patch"])
    return out


def _count(section: Any) -> Tuple[int, str]:
    """Items in a section: a list's length, or the lists inside an object."""
    if isinstance(section, list):
        return len(section), ""
    if isinstance(section, dict):
        parts = [(name, len(items)) for name, items in section.items() if isinstance(items, list)]
        return sum(n for _, n in parts), ", ".join(f"{name} {n}" for name, n in parts)
    return 0, ""


def _headline(summary: PlanSummary, document: Mapping[str, Any], currency: str) -> str:
    """The first revenue goal's effective target (as the core's summary
    gives it: stated, or the baseline grown), for display."""
    deadlines = {g.get("id"): g.get("deadline") for g in document.get("goals", [])}
    for goal in summary["goals"]:
        if goal["metric"] == "revenue" and goal["target"] is not None:
            deadline = deadlines.get(goal["id"])
            due = f", by {deadline}" if deadline is not None else ""
            return f"revenue target {format_amount(goal['target'])} {currency} ({goal['id']}{due})"
    return ""


def example_plan() -> Plan:
    """The case study: 1.2亿元 revenue in FY2026, +20% on FY2025."""
    return Plan._wrap(_native.example_plan())


def apply_patch(document: Mapping[str, Any], patch: Patch) -> Dict[str, Any]:
    """A copy of a plan document (as :meth:`Plan.to_dict` gives it) with a
    JSON Patch (RFC 6902) applied, whole or not at all: an operation that
    cannot be applied raises :class:`InvalidArgumentError` naming it
    (``patch/2``). The result is typed as :meth:`Plan.to_dict` types it;
    :meth:`Plan.from_dict` reads it."""
    text = _native.apply_patch_json(_convert.to_json_text(document), _adjust.patch_json(patch))
    result: Dict[str, Any] = _to_python(json.loads(text))
    return result


def plan_schema() -> Dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan document (a fresh dict)."""
    schema: Dict[str, Any] = json.loads(_native.plan_schema_json())
    return schema


def outputs_schema() -> Dict[str, Any]:
    """The JSON Schemas of every value the library hands back, under
    ``$defs`` by name (``Evaluation``, ``Simulation``, ...): what the typed
    dictionaries of :mod:`salesplan` are generated from (a fresh dict)."""
    schema: Dict[str, Any] = json.loads(_native.outputs_schema_json())
    return schema


def options_schema() -> Dict[str, Any]:
    """The JSON Schemas of every option object and input value the library
    reads, under ``$defs`` by name (``EvaluationOptions``, ``Deal``, ...),
    with their defaults (a fresh dict)."""
    schema: Dict[str, Any] = json.loads(_native.options_schema_json())
    return schema
