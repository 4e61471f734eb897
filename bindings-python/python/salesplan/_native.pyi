"""Type stubs for the native module ``salesplan._native`` (checked by
``mypy.stubtest``)."""

from decimal import Decimal
from typing import Dict, List, Literal, Mapping, Optional, Sequence, Tuple, Union, final

from typing_extensions import CapsuleType

from salesplan._types import DecimalLike, Funnel, RowProblem

__all__ = [
    "Actuals",
    "ActualsError",
    "AmountError",
    "Diagnostic",
    "EXAMPLE_PLAN_JSON",
    "Evaluation",
    "InvalidArgumentError",
    "ParseError",
    "PeriodError",
    "Plan",
    "RiskRegister",
    "SCHEMA_VERSION",
    "SalesplanError",
    "Simulation",
    "__version__",
    "allocate",
    "cascade_json",
    "decompose_gap_json",
    "example_plan",
    "format_amount",
    "format_money",
    "heads_needed",
    "parse_amount",
    "plan_schema_json",
    "reverse_funnel_json",
    "rollup_arrays",
    "rollup_arrow",
    "unit_economics_json",
]

__version__: str
SCHEMA_VERSION: str
EXAMPLE_PLAN_JSON: str

@final
class Plan:
    @staticmethod
    def from_json(text: str) -> Plan: ...
    def to_json(self) -> str: ...
    def validate(self) -> List[Diagnostic]: ...
    def evaluate(
        self,
        actuals: Actuals,
        as_of: str,
        hierarchy: Sequence[str] = ...,
        trend_periods: int = 3,
        pipeline: Optional[str] = None,
        cascade: Optional[str] = None,
    ) -> Evaluation: ...
    def phase_goal_json(self, goal_id: str) -> str: ...
    def scorecards_json(self, evaluation: Evaluation, rubrics: str, rubric_share: str, cap: str) -> str: ...
    def risk_register(self, evaluation: Optional[Evaluation] = None) -> RiskRegister: ...
    def simulate(
        self,
        actuals: Optional[Actuals],
        pipeline: Optional[str],
        options: str,
        target: Optional[DecimalLike] = None,
    ) -> Simulation: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def currency(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class Diagnostic:
    @property
    def severity(self) -> Literal["error", "warning", "info"]: ...
    @property
    def code(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def message(self) -> str: ...
    def to_dict(self) -> Dict[str, str]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Actuals:
    @staticmethod
    def from_csv(plan: Plan, text: str, lenient: bool = False) -> Actuals: ...
    @staticmethod
    def from_json(plan: Plan, text: str, lenient: bool = False) -> Actuals: ...
    @staticmethod
    def from_arrow(plan: Plan, stream: CapsuleType, lenient: bool = False) -> Actuals: ...
    @property
    def problems(self) -> List[RowProblem]: ...
    def to_json(self) -> str: ...
    def __len__(self) -> int: ...

@final
class Evaluation:
    @property
    def as_of(self) -> str: ...
    def to_json(self) -> str: ...

@final
class RiskRegister:
    @property
    def as_of(self) -> Optional[str]: ...
    def to_json(self) -> str: ...

@final
class Simulation:
    def to_json(self) -> str: ...
    @property
    def goal(self) -> str: ...
    @property
    def target(self) -> Decimal: ...
    @property
    def trials(self) -> int: ...
    @property
    def seed(self) -> int: ...
    @property
    def probability(self) -> Decimal: ...
    @property
    def standard_error(self) -> Decimal: ...
    @property
    def exact_probability(self) -> Optional[Decimal]: ...
    @property
    def mean(self) -> Decimal: ...
    @property
    def p10(self) -> Decimal: ...
    @property
    def p50(self) -> Decimal: ...
    @property
    def p90(self) -> Decimal: ...
    @property
    def expected_shortfall(self) -> Decimal: ...

def example_plan() -> Plan: ...
def plan_schema_json() -> str: ...
def parse_amount(text: str) -> Decimal: ...
def format_amount(
    amount: Union[Decimal, int, str],
    unit: Literal["auto", "yi", "wan", "none"] = "auto",
    max_decimals: int = 4,
    grouping: bool = True,
) -> str: ...
def format_money(amount: Union[Decimal, int, str], currency: str) -> str: ...
def allocate(total: DecimalLike, weights: Sequence[DecimalLike], scale: int = 2) -> List[Decimal]: ...
def cascade_json(total: DecimalLike, tree: str) -> str: ...
def decompose_gap_json(
    planned: Funnel, actual: Funnel
) -> str: ...
def reverse_funnel_json(
    target: DecimalLike,
    deal_size: DecimalLike,
    win_rate: DecimalLike,
    lead_to_opportunity: DecimalLike,
) -> str: ...
def heads_needed(
    target: DecimalLike,
    quota: DecimalLike,
    ramp_months: int,
    attrition: DecimalLike,
    months: int,
) -> Decimal: ...
_RollupOutput = Tuple[List[str], bytes, Optional[Tuple[bytes, bytes]]]

def rollup_arrays(
    keys: object,
    days: object,
    amounts: object,
    scale: int,
    start: str,
    end: str,
    key_count: Optional[int] = None,
    quotas: Optional[object] = None,
) -> _RollupOutput: ...
def rollup_arrow(
    stream: CapsuleType,
    key: str,
    day: str,
    amount: str,
    scale: int,
    start: str,
    end: str,
    key_count: Optional[int] = None,
    quotas: Optional[object] = None,
) -> _RollupOutput: ...
def unit_economics_json(
    acquisition_spend: DecimalLike,
    new_customers: DecimalLike,
    yearly_revenue_per_customer: DecimalLike,
    gross_margin: DecimalLike,
    yearly_churn: DecimalLike,
) -> str: ...

class SalesplanError(Exception):
    code: str
    path: Optional[str]

class ParseError(SalesplanError, ValueError): ...
class AmountError(SalesplanError, ValueError): ...
class PeriodError(SalesplanError, ValueError): ...

class ActualsError(SalesplanError, ValueError):
    problems: List[RowProblem]

class InvalidArgumentError(SalesplanError, ValueError): ...
