/* ---- Values exchanged with salesplan (hand-written, see src/typings.d.ts) ---- */

/** An exact decimal number written as a string: `"120000000.00"`, `"0.2"`. Rates and weights are fractions (`"0.2"` is 20%). */
export type DecimalString = string;
/** An ISO date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** A named period of the plan's calendar: `"2026-03"`, `"2026-Q1"`, `"FY2026"`, an ISO week `"2026-W05"`, a retail month `"FY2026-P01"`. */
export type PeriodName = string;

/** How serious a finding is. */
export type Severity = "error" | "warning" | "info";

/** One finding about a plan, from `validatePlan`. */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `"budget_exceeded"`. */
  code: string;
  /** JSON pointer to the place in the document, e.g. `"/goals/1/id"`. */
  path: string;
  /** A sentence for people. */
  message: string;
}

/** The stable codes of a `SalesplanError`. */
export type ErrorCode =
  | "syntax"
  | "unknown_field"
  | "missing_field"
  | "invalid_type"
  | "invalid_value"
  | "duplicate_key"
  | "unsupported_schema"
  | "invalid_amount"
  | "invalid_period"
  | "invalid_actuals"
  | "invalid_argument"
  | "overflow"
  | "limit_exceeded"
  | "rejected"
  /** A bug in salesplan, never bad input (a panic of the Rust code): please report it. */
  | "internal";

/**
 * What every export throws when its input cannot be read: a real `Error`
 * whose `name` is `"SalesplanError"`. A bug in salesplan (a panic of the
 * Rust code) is thrown as one too, with code `"internal"`, `path` `null`,
 * the panic's message in `message` and the `WebAssembly.RuntimeError` of
 * the trap as `cause`.
 */
export interface SalesplanError extends Error {
  name: "SalesplanError";
  /** The core's stable code, the same in every language binding. */
  code: ErrorCode;
  /** JSON pointer to the offending value (`""` for the whole document), or `null` when the error is not about a place in a document. */
  path: string | null;
  /** With code `"invalid_actuals"`: every bad row. */
  problems?: RowProblem[];
  /** With code `"rejected"`: every finding of the plan the change would have made, errors first, as `validatePlan` gives them. */
  diagnostics?: Diagnostic[];
}

/** Options of `formatAmount`; absent fields take the defaults. */
export interface AmountFormatOptions {
  /** `"auto"` (default): 亿 from 10⁸, 万 from 10⁴, no unit below. */
  unit?: "auto" | "yi" | "wan" | "none";
  /** Most decimal places kept in the chosen unit (default 4); rounded half away from zero, trailing zeros dropped. */
  maxDecimals?: number;
  /** Separate thousands with commas (default `true`). */
  grouping?: boolean;
}

/** The JSON Schema (draft 2020-12) of a plan document. */
export interface PlanSchema {
  $schema: string;
  $id: string;
  title: string;
  type: "object";
  properties: Record<string, unknown>;
  required: string[];
  $defs: Record<string, unknown>;
  [keyword: string]: unknown;
}

/** A sales action plan (销售行动计划), `"schema": "salesplan/1"`. Unknown fields are refused. */
export interface PlanDocument {
  schema: "salesplan/1";
  id: string;
  name: string;
  description?: string;
  /** ISO 4217 code of every amount in the plan, e.g. `"CNY"`. */
  currency: string;
  period: PlanPeriod;
  baseline?: Baseline;
  measures?: MeasureDef[];
  /** 目标设定 */
  goals?: Goal[];
  /** 市场分析 */
  market?: Market;
  /** 策略制定 */
  strategies?: Strategy[];
  /** 资源分配 */
  resources?: Resources;
  /** 执行计划 */
  execution?: Execution;
  /** 风险控制 */
  risks?: Risks;
  /** 绩效评估 */
  kpis?: Kpi[];
  /** 调整机制 */
  rules?: Rule[];
  /** Where this version of the plan came from; absent in a first draft, which counts as revision 1. */
  revision?: RevisionInfo | null;
}

/** The revision a plan document is, and how it was made. */
export interface RevisionInfo {
  /** Revision number, from 1. */
  number: number;
  author: string;
  /** When, as the caller gave it (RFC 3339). */
  at: string;
  reason: string;
  /** The revision it was made from. */
  parent?: number | null;
  /** The proposals accepted into it (`RULE@AS_OF`). */
  proposals?: string[];
}

/**
 * How finely the plan is phased: months (calendar months, or a retail
 * calendar's `FY2026-P01` … `FY2026-P12`), quarters, or ISO weeks
 * (`2026-W05`, the first and last clipped to the plan).
 */
export type Granularity = "month" | "quarter" | "week";

/** How a retail calendar splits the 13 weeks of each quarter into months. */
export type RetailPattern = "4-4-5" | "4-5-4" | "5-4-4";

export interface PlanPeriod {
  start: IsoDate;
  end: IsoDate;
  granularity: Granularity;
  /** Month (1–12) in which the fiscal year starts; 1 by default. Not used with a retail `calendar`. */
  fiscal_year_start_month?: number;
  /**
   * A retail calendar of 52- and 53-week fiscal years, the first starting
   * on `start` (a Monday); the 53rd week goes to the last month.
   */
  calendar?: RetailPattern | null;
}

export interface Baseline {
  period?: string;
  measures?: Record<string, DecimalString>;
}

export interface MeasureDef {
  id: string;
  name?: string;
  unit?: KpiUnit;
}

export interface Goal {
  id: string;
  name: string;
  description?: string;
  metric?: string;
  segment?: string;
  target?: DecimalString;
  baseline?: DecimalString;
  growth?: DecimalString;
  deadline?: IsoDate;
  owner?: string;
  weight?: DecimalString;
  seasonality?: Record<PeriodName, DecimalString>;
}

export type Level = "low" | "medium" | "high";

export interface Market {
  tam?: DecimalString;
  sam?: DecimalString;
  som?: DecimalString;
  share_ceiling?: DecimalString;
  segments?: Segment[];
  competitors?: Competitor[];
  personas?: Persona[];
  trends?: Trend[];
}

export interface Segment {
  id: string;
  name: string;
  description?: string;
  size?: DecimalString;
  growth?: DecimalString;
  our_share?: DecimalString;
  price_sensitivity?: Level;
}

export interface Competitor {
  id: string;
  name: string;
  share?: DecimalString;
  segments?: string[];
  strengths?: string[];
  weaknesses?: string[];
}

export interface Persona {
  id: string;
  name: string;
  segment?: string;
  needs?: string[];
  pain_points?: string[];
  buying_criteria?: string[];
}

export type TrendDirection = "up" | "down" | "flat";

export interface Trend {
  id: string;
  name: string;
  direction: TrendDirection;
  impact: Level;
  segments?: string[];
  description?: string;
}

export type Lever =
  | "product" | "pricing" | "promotion" | "channel" | "acquisition"
  | "retention" | "service" | "training" | "other";

export interface Strategy {
  id: string;
  name: string;
  description?: string;
  lever: Lever;
  goals?: string[];
  segments?: string[];
  effects?: Effect[];
  cost?: DecimalString;
  owner?: string;
  start?: IsoDate;
  end?: IsoDate;
}

export interface Effect {
  kpi: string;
  change: DecimalString;
  description?: string;
}

export interface Resources {
  total_budget?: DecimalString;
  headcount?: Headcount[];
  budget?: BudgetLine[];
  tools?: Tool[];
  training?: Training[];
}

export interface Headcount {
  id: string;
  role: string;
  team?: string;
  segment?: string;
  heads: number;
  new_hires?: number;
  quota?: DecimalString;
  ramp_months?: number;
  attrition?: DecimalString;
  cost_per_head?: DecimalString;
}

export type BudgetCategory =
  | "headcount" | "promotion" | "tooling" | "training" | "service" | "events" | "other";

export interface BudgetLine {
  id: string;
  name: string;
  category: BudgetCategory;
  amount: DecimalString;
  strategy?: string;
  phasing?: Record<PeriodName, DecimalString>;
}

export interface Tool {
  id: string;
  name: string;
  cost?: DecimalString;
  budget_line?: string;
  strategies?: string[];
}

export interface Training {
  id: string;
  name: string;
  audience?: string;
  date?: IsoDate;
  cost?: DecimalString;
  budget_line?: string;
}

export interface Execution {
  tasks?: Task[];
  milestones?: Milestone[];
}

export type Phase =
  | "preparation" | "strategy" | "resourcing" | "execution" | "monitoring" | "optimisation";

export type TaskStatus = "not_started" | "in_progress" | "done" | "blocked" | "cancelled";

export interface Task {
  id: string;
  name: string;
  phase?: Phase;
  owner?: string;
  start: IsoDate;
  due: IsoDate;
  status?: TaskStatus;
  progress?: DecimalString;
  depends_on?: string[];
  strategy?: string;
}

export interface Milestone {
  id: string;
  name: string;
  date: IsoDate;
  criteria?: string[];
  tasks?: string[];
}

export type RiskLevel = "low" | "medium" | "high" | "critical";
export type RiskCategory = "market" | "customer" | "execution" | "financial" | "other";
export type ThresholdBasis = "attainment" | "value";

export interface Risks {
  matrix?: RiskMatrix;
  register?: Risk[];
}

export interface RiskMatrix {
  likelihood_levels: number;
  impact_levels: number;
  bands: RiskBand[];
}

export interface RiskBand {
  level: RiskLevel;
  min_score: number;
  label_en?: string;
  label_zh?: string;
}

export interface Risk {
  id: string;
  name: string;
  category: RiskCategory;
  description?: string;
  likelihood: number;
  impact: number;
  probability?: DecimalString;
  impact_amount?: DecimalString;
  owner?: string;
  mitigations?: Mitigation[];
  residual_likelihood?: number;
  residual_impact?: number;
  indicators?: RiskIndicator[];
  /** Key risk indicators written as rule conditions over any fact. */
  signals?: RiskSignal[];
}

/** A key risk indicator written as a condition in the rule language (`task("T-05").slip_days > 10`). */
export interface RiskSignal {
  when: string;
  description?: string;
  /** Likelihood steps the risk rises by while the condition holds (default 1). */
  raise_likelihood?: number;
}

export interface Mitigation {
  action: string;
  owner?: string;
  due?: IsoDate;
  cost?: DecimalString;
}

export type Crossing = "above" | "below";

export interface RiskIndicator {
  kpi: string;
  when: Crossing;
  threshold: DecimalString;
  basis?: ThresholdBasis;
  /** Likelihood steps the risk rises by while the indicator is breached (default 1). */
  raise_likelihood?: number;
}

export type KpiUnit = "money" | "count" | "ratio" | "score" | "days";
export type Direction = "higher_is_better" | "lower_is_better";

export interface Kpi {
  id: string;
  name: string;
  description?: string;
  unit: KpiUnit;
  direction: Direction;
  /** Over measures, e.g. `"won_deals / opportunities"`. */
  formula: string;
  goal?: string;
  filter?: Record<string, string>;
  target?: DecimalString;
  targets?: Record<PeriodName, DecimalString>;
  thresholds?: Thresholds;
  weight?: DecimalString;
}

export interface Thresholds {
  basis?: ThresholdBasis;
  on_track: DecimalString;
  off_track: DecimalString;
}

export interface Rule {
  id: string;
  name: string;
  description?: string;
  /** The condition over the evaluation, e.g. `kpi("K-CONV").attainment < 0.9`. */
  when: string;
  kpis?: string[];
  actions: Action[];
  priority?: number;
  cooldown_periods?: number;
  enabled?: boolean;
}

/** A structured change a rule proposes, tagged by `type`. */
export type Action =
  | { type: "add_strategy"; strategy: Strategy }
  | { type: "add_task"; task: Task }
  | { type: "move_budget"; from: string; to: string; amount?: DecimalString; share?: DecimalString }
  | { type: "set_goal_target"; goal: string; target: DecimalString }
  | { type: "set_kpi_target"; kpi: string; target: DecimalString }
  | { type: "rephase"; goal: string }
  | { type: "set_risk"; risk: string; likelihood?: number; impact?: number }
  | { type: "set_thresholds"; kpi: string; on_track: DecimalString; off_track: DecimalString }
  | { type: "recommend"; message: string; escalate_to?: string };

/* ---- Actuals, evaluation and planning arithmetic ---- */

/** A decimal given to a function: a string (a plain numeral keeps its scale, `"0.50"`; `"1.2亿"` is read as `parseAmount` reads it), a finite number (its shortest decimal form) or a bigint. */
export type DecimalInput = string | number | bigint;

/** A row of actuals that could not be used. */
export interface RowProblem {
  /** 1-based data row (the CSV header is row 0; in JSON, row 1 is the array's first element). */
  row: number;
  /** The column or JSON key at fault (`""` for the whole row). */
  column: string;
  message: string;
}

/** Valid rows of actuals that the evaluation will not count: kept, and reported rather than refused, in strict and lenient loads alike. */
export interface LoadWarning {
  /** `"outside_period"`: rows dated before the plan period starts or after it ends. */
  code: "outside_period";
  /** How many rows. */
  rows: number;
  /** The first of them (at most ten), numbered as `RowProblem.row` numbers rows. */
  first_rows: number[];
  /** The earliest date among them. */
  earliest: IsoDate;
  /** The latest date among them. */
  latest: IsoDate;
  message: string;
}

/** An observation given to `loadActuals` or `Actuals.fromRecords`. */
export interface ObservationInput {
  date: IsoDate;
  /** A measure the plan knows (`"revenue"`, `"won_deals"`, … or one it declares). */
  measure: string;
  /** An exact decimal string, or a number read by its shortest decimal form. */
  value: DecimalString | number;
  /** Dimension tags (`{"region": "east"}`); `null` means none. */
  tags?: Record<string, string | null>;
  /** The value's currency when it is not the plan's (`"USD"`), converted with the load's `rates`; `null` means the plan's. */
  currency?: string | null;
  /** The row's credit split between values of one dimension, `"rep=a:0.6;rep=b:0.4"`; `null` means none. */
  credit?: string | null;
}

/** An observation as `Actuals.toRecords` gives it. */
export interface Observation {
  date: IsoDate;
  measure: string;
  value: DecimalString;
  tags: Record<string, string>;
}

/** Options of `Actuals.fromCsv`, `fromJson` and `fromRecords`. */
export interface LoadOptions {
  /** Skip bad rows and list them in `problems` instead of throwing (default `false`). */
  lenient?: boolean;
  /** Exchange rates for rows whose `currency` is not the plan's: CSV text `date,from,to,rate`, JSON text, or the rows. Each row is converted at the rate in effect on its date, rounded to the cent. */
  rates?: RatesInput;
}

/** A rate table: CSV text with the header `date,from,to,rate`, JSON text, or its rows (rates as decimal strings). */
export type RatesInput = string | RateRow[];

/** One exchange rate: a unit of `from` is worth `rate` units of `to` (the plan's currency) from `date` until the next rate of the pair. */
export interface RateRow {
  date: IsoDate;
  from: string;
  to: string;
  /** An exact decimal above zero, as a string (`"7.10"`). */
  rate: string;
}

/** A dictionary-encoded text column: `codes[row]` indexes `values`, as Arrow dictionaries and pandas categoricals hold text. In an `Int32Array`, a negative code is a missing value. */
export interface DictionaryColumn {
  codes: Uint32Array | Int32Array;
  values: string[];
}

/** A text column of `Actuals.fromColumns`: a string (or `null`, missing) per row, or dictionary-encoded. */
export type TextColumnInput = (string | null)[] | DictionaryColumn;

/** Observations by column, for `Actuals.fromColumns`; every column has one entry per row. */
export interface ActualsColumns {
  /** Days since 1970-01-01 (Arrow `date32`), or ISO dates (`null` is missing). */
  date: Int32Array | (IsoDate | null)[];
  /** The measure of each row. */
  measure: TextColumnInput;
  /** Floats (`NaN` is missing; each read as its shortest decimal), integers in minor units with `scale`, or exact decimal strings. */
  value: Float64Array | BigInt64Array | (DecimalString | null)[];
  /** Decimal places of a `BigInt64Array` value column (default 0; `2` for cents). Only with a `BigInt64Array`. */
  scale?: number;
  /** Dimension name → tag column (`{"region": ["east", …]}`); `null` or `""` is no tag. */
  tags?: Record<string, TextColumnInput>;
}

/** Options of `loadActuals`. */
export interface LoadActualsOptions {
  /** How to read a string source; by default JSON when it starts with `[` or `{`, else CSV. */
  format?: "csv" | "json";
  lenient?: boolean;
  /** Exchange rates for rows in other currencies; see `LoadOptions.rates`. */
  rates?: RatesInput;
}

/** Where a KPI stands against its thresholds. */
export type Status = "on_track" | "at_risk" | "off_track";

/** One KPI for one node in one period. */
export interface PeriodResult {
  period: PeriodName;
  target: DecimalString | null;
  actual: DecimalString | null;
  attainment: DecimalString | null;
}

/** One KPI for one node: `""` is the company, others are `"region=east/rep=r1"`. */
export interface KpiResult {
  kpi: string;
  node: string;
  /** Target for the whole plan period. */
  target: DecimalString | null;
  /** Value from the plan's start to `asOf`. */
  actual: DecimalString | null;
  /** What the target curve expects by `asOf`. */
  expected: DecimalString | null;
  /** actual − expected. */
  variance: DecimalString | null;
  /** Direction-aware attainment: above 1 is good. */
  attainment: DecimalString | null;
  forecast_run_rate: DecimalString | null;
  forecast_trend: DecimalString | null;
  /** Revenue KPIs with a pipeline: the actual plus weighted open deals. */
  forecast_pipeline: DecimalString | null;
  status: Status | null;
  /** Slope of the last completed periods' values, per period. */
  trend: DecimalString | null;
  periods: PeriodResult[];
}

/** One node's revenue variance to date, split into effects that sum to it exactly. */
export interface NodeGap {
  node: string;
  variance: DecimalString;
  volume: DecimalString;
  conversion: DecimalString;
  deal_size: DecimalString;
  biggest: "volume" | "conversion" | "deal_size";
}

/** What `evaluatePlan` returns. */
export interface Evaluation {
  as_of: IsoDate;
  /** Every KPI for every node, the company first. */
  kpis: KpiResult[];
  /** Every node's revenue gap explained, largest shortfall first. */
  gaps: NodeGap[];
  /** The plan's execution, budget, capacity and strategy effects, when monitored (`monitor`). */
  monitoring?: Monitoring;
}

/** A dated report of where a task stands. */
export interface ProgressUpdate {
  date: IsoDate;
  task: string;
  status?: TaskStatus;
  /** Fraction done, 0 to 1. */
  progress?: DecimalString;
  note?: string;
}

/** The options of `monitor`. */
export interface MonitorOptions {
  /** Progress updates: the updates, or CSV or JSON text of them. */
  updates?: ProgressUpdate[] | string;
  /** Resource actuals (`spend` tagged `budget_line`, `heads` tagged `headcount`): CSV or JSON text, or rows. */
  resources?: string | ObservationInput[];
  /** A forecast accuracy (what `accuracy` returns, or its JSON text), for the `forecast("K-REV")` facts. */
  accuracy?: Accuracy | string;
}

/** The plan's execution, budget, capacity and strategies as of a day. */
export interface Monitoring {
  as_of: IsoDate;
  execution: ExecutionTracking;
  /** Present with resource actuals. */
  budget?: BudgetBurn;
  /** Present with resource actuals. */
  capacity?: CapacityActuals;
  strategies: StrategyEffects[];
  /** The forecast accuracy given, when one was. */
  accuracy?: Accuracy;
}

export interface ExecutionTracking {
  as_of: IsoDate;
  tasks: TaskTracking[];
  critical_path: string[];
  planned_finish: IsoDate | null;
  forecast_finish: IsoDate | null;
  milestones: MilestoneTracking[];
}

export type ScheduleStatus =
  | "not_started"
  | "on_schedule"
  | "behind"
  | "late_start"
  | "overdue"
  | "blocked"
  | "done"
  | "cancelled";

export interface TaskTracking {
  task: string;
  name: string;
  owner: string | null;
  start: IsoDate;
  due: IsoDate;
  status: ScheduleStatus;
  reported_status: TaskStatus;
  updated: IsoDate | null;
  expected_progress: DecimalString;
  progress: DecimalString;
  progress_gap: DecimalString;
  forecast_finish: IsoDate;
  /** Forecast finish − due, in days (negative when ahead). */
  slip_days: number;
  earliest_start: IsoDate;
  latest_finish: IsoDate;
  total_float_days: number;
  critical: boolean;
}

export interface MilestoneTracking {
  milestone: string;
  name: string;
  date: IsoDate;
  forecast_date: IsoDate;
  slip_days: number;
  status: "reached" | "reached_late" | "on_track" | "at_risk" | "missed";
  at_risk: boolean;
}

export interface BudgetBurn {
  as_of: IsoDate;
  lines: BudgetLineBurn[];
  by_category: (BudgetTotals & { category: BudgetCategory })[];
  by_strategy: (BudgetTotals & { strategy: string | null })[];
  total: BudgetTotals;
}

export interface BudgetTotals {
  amount: DecimalString;
  spent: DecimalString;
  expected: DecimalString;
  variance: DecimalString;
  burn: DecimalString | null;
  burn_rate: DecimalString | null;
  forecast_at_completion: DecimalString;
  overrun: DecimalString;
  status: "under" | "on_plan" | "over";
}

export interface BudgetLineBurn {
  id: string;
  name: string;
  category: BudgetCategory;
  strategy: string | null;
  amount: DecimalString;
  spent: DecimalString;
  expected: DecimalString;
  variance: DecimalString;
  burn: DecimalString | null;
  burn_rate: DecimalString | null;
  forecast_at_completion: DecimalString;
  overrun: DecimalString;
  status: "under" | "on_plan" | "over";
}

export interface CapacityActuals {
  as_of: IsoDate;
  lines: HeadcountActuals[];
  planned_capacity: DecimalString | null;
  forecast_capacity: DecimalString | null;
  target: DecimalString | null;
  coverage: DecimalString | null;
}

export interface HeadcountActuals {
  id: string;
  role: string;
  planned: DecimalString;
  months: { period: string; planned: DecimalString; actual: DecimalString | null }[];
  heads: DecimalString | null;
  heads_gap: DecimalString | null;
  capacity_to_date: DecimalString | null;
  planned_capacity: DecimalString | null;
  forecast_capacity: DecimalString | null;
}

export interface StrategyEffects {
  strategy: string;
  name: string;
  start: IsoDate | null;
  effects: EffectCheck[];
  /** The lowest realised share of its measurable effects. */
  realised: DecimalString | null;
}

export interface EffectCheck {
  kpi: string;
  assumed: DecimalString;
  before_periods: string[];
  after_periods: string[];
  before: DecimalString | null;
  after: DecimalString | null;
  realised: DecimalString | null;
  realised_share: DecimalString | null;
  /** Why the effect cannot be measured yet. */
  unmeasurable: string | null;
}

/** The decimal fields of a `KpiResult`: the columns of `EvaluationResult.column`. */
export type KpiNumberField =
  | "target"
  | "actual"
  | "expected"
  | "variance"
  | "attainment"
  | "forecast_run_rate"
  | "forecast_trend"
  | "forecast_pipeline"
  | "trend";

/** The text fields of a `KpiResult`: the columns of `EvaluationResult.texts`. */
export type KpiTextField = "kpi" | "node" | "status";

/** The decimal fields of a `PeriodResult`: the columns of `EvaluationResult.periodColumn`. */
export type PeriodNumberField = "target" | "actual" | "attainment";

/** The texts of every period row: the columns of `EvaluationResult.periodTexts`. */
export type PeriodTextField = "kpi" | "node" | "period";

/** An open deal, for the pipeline forecast. */
export interface Deal {
  id: string;
  amount: DecimalString;
  /** Chance of winning it, `"0"` to `"1"`. */
  probability: DecimalString;
  /** The lowest amount it may close at, for `simulate` (with `amount_high`; `amount_low ≤ amount ≤ amount_high`). */
  amount_low?: DecimalString;
  /** The highest amount it may close at (with `amount_low`). */
  amount_high?: DecimalString;
  expected_close: IsoDate;
  stage?: string;
  tags?: Record<string, string>;
  /** The amounts' currency when it is not the plan's: `evaluatePlan` converts the deal with its `rates` at the rate in effect on `asOf`; elsewhere such a deal is refused. */
  currency?: string;
}

/** Options of `evaluatePlan`. */
/** Options of the chart exports (`chartBurnUp`, ...); each reads what it needs. */
export interface ChartOptions {
  /** `"zh"` (default: amounts in 万/亿) or `"en"`. */
  lang?: "zh" | "en";
  /** The KPI of a burn-up (by default the plan's `sum(revenue)` KPI). */
  kpi?: string;
  /** The node (`""`, the company, by default), as `region=east`. */
  node?: string;
  /** The day of a Gantt chart or a budget burn. */
  asOf?: IsoDate;
}

/** Options of `report`. */
export interface ReportOptions {
  /** The day of the review. */
  asOf: IsoDate;
  /** Tag dimensions from the top down, as `evaluate` takes them. */
  hierarchy?: string[];
  /** Open deals, for the pipeline forecast and the simulation. */
  pipeline?: Deal[];
  /** `"zh"` (default: amounts in 万/亿) or `"en"`. */
  lang?: "zh" | "en";
  /** `"html"` (default: one self-contained document) or `"md"`. */
  format?: "html" | "md";
  /** `simulate`'s options without `asOf` (default `{}`: 10,000 trials, seed 0), or `false` to leave the simulation out. */
  simulation?: Omit<SimulationOptions, "asOf"> | false;
}

/** Options of `fold` and `Partial.empty`. */
export interface FoldOptions {
  /** The day the partial evaluates as of. */
  asOf: IsoDate;
  /** Tag dimensions from the top down, as `evaluate` takes them. */
  hierarchy?: string[];
  /** Places the batch among the others (a whole number, default 0): batches numbered in the order of the rows evaluate as all the rows do. */
  batch?: number;
}

/** Options of `evaluatePartial`: `evaluate`'s but the day and the hierarchy, which the partial holds. */
export interface EvaluatePartialOptions {
  /** Completed periods the trend looks back over (default 3). */
  trendPeriods?: number;
  /** Open deals, for the pipeline forecast of revenue KPIs. */
  pipeline?: Deal[];
  /** A tree rooted at the company whose ids are node names: additive KPIs' targets are split down it. */
  cascade?: CascadeNode;
}

export interface EvaluateOptions {
  /** The day of the evaluation; actuals after it are ignored. */
  asOf: IsoDate;
  /** Tag dimensions from the top down (`["region", "rep"]`); every combination in the actuals becomes a node. */
  hierarchy?: string[];
  /** Completed periods the trend looks back over (default 3). */
  trendPeriods?: number;
  /** Open deals, for the pipeline forecast of revenue KPIs. */
  pipeline?: Deal[];
  /** A tree rooted at the company whose ids are node names (`"region=east"`): additive KPIs' targets are split down it. */
  cascade?: CascadeNode;
  /** For `evaluatePlan` only: exchange rates that convert the deals of `pipeline` with a `currency`, at the rate in effect on `asOf`, rounded to the cent. */
  rates?: RatesInput;
}

/** A goal's target for one period, from `phaseGoal`; `start` and `end` are clipped to the plan. */
export interface PeriodTarget {
  period: PeriodName;
  start: IsoDate;
  end: IsoDate;
  target: DecimalString;
}

/** A node of the tree `cascade` splits a target down. */
export interface CascadeNode {
  id: string;
  name?: string;
  /** Share among its siblings (default `"1"`). */
  weight?: DecimalString;
  /** The number its owner submitted bottom-up. */
  submitted?: DecimalString;
  children?: CascadeNode[];
}

/** A node's share of the target; `children` is absent on leaves. */
export interface Allocation {
  id: string;
  target: DecimalString;
  /** The submitted number, or the children's sum when all of them have one. */
  bottom_up: DecimalString | null;
  /** bottom_up − target. */
  gap: DecimalString | null;
  children?: Allocation[];
}

/** One side of a revenue funnel, for `decomposeGap`. */
export interface Funnel {
  leads: DecimalInput;
  won: DecimalInput;
  revenue: DecimalInput;
}

/** The revenue variance split into effects that sum to it exactly. */
export interface GapEffects {
  variance: DecimalString;
  volume: DecimalString;
  conversion: DecimalString;
  deal_size: DecimalString;
}

/** What a revenue target needs, each rounded up. */
export interface ReverseFunnel {
  deals: DecimalString;
  opportunities: DecimalString;
  leads: DecimalString;
}

/** Customer acquisition cost, lifetime value, their ratio and payback months. */
export interface UnitEconomics {
  cac: DecimalString;
  ltv: DecimalString;
  ltv_to_cac: DecimalString;
  payback_months: DecimalString;
}

/** A person's (or the company's) score on one qualitative criterion, for `scorecards`. */
export interface RubricScore {
  /** What is judged (`"coaching quality"`). */
  criterion: string;
  /** 1 (poor) to 5 (excellent). */
  score: number;
  /** Who judged. */
  reviewer: string;
  comment?: string;
  /** The period judged (`"2026-Q2"`). */
  period?: string;
  /** The goal owner judged; with neither `owner` nor `node`, the company. */
  owner?: string;
  /** The node judged (`"region=east"`). */
  node?: string;
  /** Weight among the subject's rubrics (default `"1"`). */
  weight?: DecimalString;
}

/** Options of `scorecards`. */
export interface ScorecardOptions {
  /** Share of the score from rubrics when there are both (default `"0.3"`). */
  rubricShare?: DecimalString | number;
  /** Highest attainment that earns points (default `"1"`). */
  cap?: DecimalString | number;
}

/** What a scorecard is about. */
export type ScorecardSubject = "company" | "owner" | "node";

/** One KPI's contribution to a scorecard. */
export interface ScoreLine {
  kpi: string;
  /** The KPI's weight in the plan, before rescaling. */
  weight: DecimalString;
  attainment: DecimalString;
  /** Points earned, out of 100. */
  points: DecimalString;
}

/** A scorecard, from `scorecards`. */
export interface Scorecard {
  subject: ScorecardSubject;
  /** The owner's name or the node (`""` for the company). */
  name: string;
  /** Weighted KPI points, when any KPI has an attainment. */
  kpi_score: DecimalString | null;
  /** Weighted rubric points, when there are reviews. */
  rubric_score: DecimalString | null;
  /** The combined score out of 100. */
  score: DecimalString;
  grade: "A" | "B" | "C" | "D" | "E";
  /** The KPIs that counted. */
  lines: ScoreLine[];
}

/* ---- Risk control ---- */

/** A likelihood and an impact on the plan's risk matrix, their product and its band. */
export interface Score {
  likelihood: number;
  impact: number;
  /** likelihood × impact. */
  score: number;
  /** The band of the score; `null` below every band. */
  level: RiskLevel | null;
}

/** What a key risk indicator read from the evaluation. */
export interface IndicatorReading {
  kpi: string;
  when: Crossing;
  threshold: DecimalString;
  basis: ThresholdBasis;
  /** The company's value or attainment of the KPI; `null` without an evaluation or without data. */
  value: DecimalString | null;
  /** Whether the indicator fired. */
  breached: boolean;
  /** Likelihood steps it adds when it fires. */
  raise: number;
}

/** One risk of the register, scored. */
export interface ScoredRisk {
  risk: string;
  name: string;
  category: RiskCategory;
  owner: string | null;
  /** As written in the plan. */
  planned: Score;
  /** Inherent score after the indicators' raises. */
  inherent: Score;
  /** Residual (after mitigation) score after the indicators' raises. */
  residual: Score;
  probability: DecimalString | null;
  impact_amount: DecimalString | null;
  /** probability × impact amount, when the risk gives both. */
  exposure: DecimalString | null;
  /** Number of mitigations. */
  mitigations: number;
  indicators: IndicatorReading[];
  /** Every signal and whether it held; absent when the risk has none. */
  signals?: SignalReading[];
}

/** What a risk signal read. */
export interface SignalReading {
  when: string;
  breached: boolean;
  raise: number;
}

/** A risk that indicators moved. */
export interface RiskMove {
  risk: string;
  /** The KPIs whose indicators fired. */
  kpis: string[];
  /** The signals that held; absent when none did. */
  signals?: string[];
  from_likelihood: number;
  to_likelihood: number;
  from_level: RiskLevel | null;
  to_level: RiskLevel | null;
  /** A sentence for people. */
  message: string;
}

/** One group's count and exposure. */
export interface RiskTotal {
  /** The category, owner (`""`: none) or level (`""`: below every band). */
  key: string;
  count: number;
  /** Σ exposure of the risks in the group that state one. */
  exposure: DecimalString;
}

/** Counts and exposure by group; levels are the current inherent ones. */
export interface RiskTotals {
  exposure: DecimalString;
  /** In the order market, customer, execution, financial, other. */
  by_category: RiskTotal[];
  /** By owner's name. */
  by_owner: RiskTotal[];
  /** Lowest level first. */
  by_level: RiskTotal[];
}

/** Risks per cell of the matrix: `inherent[l - 1][i - 1]` counts the risks at likelihood `l` and impact `i`. */
export interface RiskHeatmap {
  inherent: number[][];
  residual: number[][];
}

/** What `riskRegister` returns. */
export interface RiskRegister {
  /** The evaluation's day, when indicators were read. */
  as_of: IsoDate | null;
  /** The matrix the scores are on. */
  matrix: RiskMatrix;
  /** Every risk, in plan order. */
  risks: ScoredRisk[];
  /** The risks that indicators moved. */
  moves: RiskMove[];
  totals: RiskTotals;
  heatmap: RiskHeatmap;
}

/** Whether `simulate` adds deals not yet in the pipeline, fitted from the actuals. */
export type NewBusinessMode = "fit" | "none";

/** Options of `simulate`, in camelCase as `evaluatePlan`'s; all but `asOf` may be left out. */
export interface SimulationOptions {
  /** The day of the simulation: actuals up to it are closed, deals after it are open. */
  asOf: IsoDate;
  /** The goal; by default the first revenue goal without a segment. */
  goal?: string;
  /** The amount to reach; by default the goal's target. */
  target?: DecimalString;
  /** Number of trials, 1 to 10,000,000 (default 10,000). */
  trials?: number;
  /** Seed of the random streams, 0 to 2⁵³ − 1 (default 0): the same seed gives the same numbers in every build. */
  seed?: number;
  /** `"fit"` (default) or `"none"`: the open pipeline is all there is. */
  newBusiness?: NewBusinessMode;
  /** The day after which new business closes; by default `asOf`. */
  newBusinessFrom?: IsoDate;
  /** Whether the open pipeline is part of the fitted run rate (default `true`). */
  netOfPipeline?: boolean;
  /** Multiplies the fitted run rate, for what-if scenarios (`"1.1"` is 10% more new business; 0 to 100, default 1). */
  runRateFactor?: DecimalString;
  /** Number of histogram bins, 1 to 1,000 (default 20). */
  bins?: number;
  /** How many deals to list by their share of the variance (default 10). */
  drivers?: number;
  /** Read and ignored: the WebAssembly build runs on one thread, and the result never depends on it. */
  threads?: number;
}

/** The open pipeline as a simulation counts it. */
export interface PipelineSummary {
  /** Deals simulated. */
  deals: number;
  /** Σ amount × probability over them. */
  weighted: DecimalString;
  /** Left out: expected to close on or before `as_of`. */
  overdue: number;
  /** Left out: closing after `end`. */
  after_end: number;
  /** Left out: outside the goal's segment. */
  outside_goal: number;
}

/** New business as fitted from the periods completed by `as_of`. */
export interface NewBusinessFit {
  /** New business closes after this day. */
  from: IsoDate;
  /** Completed periods the fit used. */
  periods: number;
  won_deals: DecimalString;
  mean_size: DecimalString;
  /** Coefficient of variation of deal size. */
  size_cv: DecimalString;
  /** What the run rate brings after `from`: deals won … */
  run_rate_deals: DecimalString;
  /** … and their amount. */
  run_rate_amount: DecimalString;
  /** The weighted pipeline taken off the run rate (zero when `netOfPipeline` is off). */
  pipeline_offset: DecimalString;
  /** Expected new deals simulated. */
  expected_deals: DecimalString;
  expected_amount: DecimalString;
  /** Share of the outcome's variance. */
  variance_share: DecimalString;
}

/** Outcomes in `[from, to)` (the last bin includes `to`). */
export interface Bin {
  from: DecimalString;
  to: DecimalString;
  count: number;
}

/** A deal and its share of the outcome's variance. */
export interface Driver {
  deal: string;
  amount: DecimalString;
  probability: DecimalString;
  /** Its expected contribution. */
  expected: DecimalString;
  std_dev: DecimalString;
  variance_share: DecimalString;
}

/** What `simulate` returns: the distribution of what the goal's measure reaches. Amounts are rounded to cents. */
export interface Simulation {
  goal: string;
  as_of: IsoDate;
  /** The last day that counts (the goal's deadline or the plan's end). */
  end: IsoDate;
  target: DecimalString;
  trials: number;
  seed: number;
  /** How the numbers were made. */
  arithmetic: string;
  /** Closed to date. */
  closed: DecimalString;
  pipeline: PipelineSummary;
  /** `null` with `newBusiness: "none"`. */
  new_business: NewBusinessFit | null;
  /** Share of trials reaching the target (6 decimals). */
  probability: DecimalString;
  /** √(p(1−p)/n) (6 decimals). */
  standard_error: DecimalString;
  /** The exact probability for a small pipeline of fixed amounts without new business. */
  exact_probability: DecimalString | null;
  mean: DecimalString;
  p10: DecimalString;
  p50: DecimalString;
  p90: DecimalString;
  min: DecimalString;
  max: DecimalString;
  /** E[max(target − outcome, 0)]. */
  expected_shortfall: DecimalString;
  /** Equal-width bins from the lowest to the highest outcome. */
  histogram: Bin[];
  /** The deals with the largest share of the variance. */
  drivers: Driver[];
}

/* ---- Adjustment ---- */

/** A proposal once accepted, for cooldowns: the rule and the day of the evaluation it came from. */
export interface Accepted {
  rule: string;
  as_of: IsoDate;
}

/** A fact a rule's condition read, and its value. */
export interface FactReading {
  /** As written in the condition, e.g. `kpi("K-CONV").attainment`. */
  fact: string;
  /** A decimal string or a text; `null` without a value. */
  value: string | null;
}

/** A rule that fired: what it read and what it proposes. */
export interface Proposal {
  /** `RULE@AS_OF`, unique in a set of proposals. */
  id: string;
  rule: string;
  /** The rule's name. */
  name: string;
  /** The day of the evaluation. */
  as_of: IsoDate;
  /** The rule's priority (higher first). */
  priority: number;
  /** The condition that held. */
  condition: string;
  facts: FactReading[];
  /** The facts in one sentence. */
  explanation: string;
  actions: Action[];
  /** What the actions touch: `budget:B-PROMO`, `goal:G-REV`, `strategy:S-CARE`, … */
  touches: string[];
}

/** Proposals that touch the same thing; both stay, for a person to choose. */
export interface Conflict {
  target: string;
  /** The proposals' ids. */
  proposals: string[];
}

/** A rule whose condition held but which is in its cooldown. */
export interface Suppressed {
  rule: string;
  reason: string;
}

/** What `propose` returns. */
export interface Proposals {
  as_of: IsoDate;
  /** Highest priority first, then plan order. */
  proposals: Proposal[];
  conflicts: Conflict[];
  suppressed: Suppressed[];
}

/** Who makes a change, when and why. */
export interface Change {
  author: string;
  /** RFC 3339 (`"2026-07-03T09:00:00+08:00"`); a `Date` is written as `JSON.stringify` writes it (UTC). The library never reads the clock. */
  at: string | Date;
  reason: string;
}

/** One operation of a JSON Patch (RFC 6902), tagged by `op`; paths are JSON pointers. */
export type PatchOp =
  | { op: "add"; path: string; value: unknown }
  | { op: "remove"; path: string }
  | { op: "replace"; path: string; value: unknown }
  | { op: "move"; from: string; path: string }
  | { op: "copy"; from: string; path: string }
  | { op: "test"; path: string; value: unknown };

/** The record of one revision. */
export interface Revision {
  number: number;
  /** The revision it was made from. */
  parent: number;
  author: string;
  /** As the change gave it. */
  at: string;
  reason: string;
  /** The proposals accepted into it. */
  accepted: Accepted[];
  /** The change from the parent's content. */
  patch: PatchOp[];
}

/** What `applyProposals`, `editPlan` and `History.undo` return: the new plan (its `revision` member says which) and the record. */
export interface Revised {
  plan: PlanDocument;
  revision: Revision;
}

/** A log as `History.toJSON` writes it and `History.fromJson` reads it. */
export interface HistoryDocument {
  /** The first plan of the log. */
  base: PlanDocument;
  /** Every revision after it; each one's parent is the one before. */
  revisions: Revision[];
}

/** Options of `replay`: those of `evaluatePlan` for every evaluation, with `until` for `asOf`. */
export interface ReplayOptions {
  /** The last day to replay to; periods ending after it are left out (default: the plan's end). */
  until?: IsoDate;
  hierarchy?: string[];
  trendPeriods?: number;
  pipeline?: Deal[];
  cascade?: CascadeNode;
}

/** One period of a replay. */
export interface ReplayStep {
  period: PeriodName;
  /** Its last day: the day of the evaluation. */
  as_of: IsoDate;
  /** What fired. */
  proposals: Proposal[];
  /** What held but was cooling down. */
  suppressed: Suppressed[];
}

/** When a rule first fired in a replay. */
export interface FirstFired {
  rule: string;
  /** The first day it fired; `null` if it never did. */
  as_of: IsoDate | null;
  /** In how many periods it fired. */
  times: number;
}

/** What `replay` returns. */
export interface Replay {
  /** Every period, in order. */
  steps: ReplayStep[];
  /** Per rule, in plan order. */
  first_fired: FirstFired[];
}

/** A named change to the plan, for `compareScenarios`. */
export interface Scenario {
  /** Unique in a comparison; `"base"` is the plan as it is. */
  name: string;
  description?: string;
  /** A JSON Patch on the plan's content (default: none). */
  patch?: PatchOp[];
  /** Multiplies the new business the simulation fits (default `"1"`). */
  run_rate_factor?: DecimalString;
}

/** The simulation options of `compareScenarios`: those of `simulate`, as of the evaluation's day. */
export type ScenarioSimulationOptions = Omit<SimulationOptions, "asOf"> & {
  /** If given, the same day as the evaluation's `asOf`. */
  asOf?: IsoDate;
};

/** Options of `compareScenarios`: those of `evaluatePlan`, and `simulate`'s to simulate every scenario too. */
export interface CompareScenariosOptions extends EvaluateOptions {
  simulation?: ScenarioSimulationOptions | null;
}

/** One scenario's figures, beside the others'. */
export interface ScenarioRow {
  /** Its name; `"base"` first. */
  scenario: string;
  /** Validation errors of its plan. */
  errors: number;
  warnings: number;
  /** The revenue goal's target. */
  target: DecimalString | null;
  /** Heads × quota after ramp and attrition. */
  sales_capacity: DecimalString | null;
  /** target − capacity (positive: short). */
  capacity_gap: DecimalString | null;
  /** Σ budget lines. */
  budget: DecimalString;
  /** Attainment of the goal's revenue KPI to date. */
  attainment: DecimalString | null;
  /** Its run-rate forecast. */
  forecast: DecimalString | null;
  /** KPIs off track for the company. */
  off_track: string[];
  /** Rules that would fire. */
  proposals: string[];
  /** Chance of reaching the target; `null` without a simulation. */
  probability: DecimalString | null;
  /** Median outcome; `null` without a simulation. */
  p50: DecimalString | null;
}

/** What `compareScenarios` returns. */
export interface ScenarioComparison {
  as_of: IsoDate;
  /** The base, then every scenario in order. */
  rows: ScenarioRow[];
}

/** What a fact of `RuleSet.facts` holds. */
export type FactKind = "number" | "text";

/**
 * One context for `RuleSet.evaluate`: a value per fact name
 * (`kpi("K-CONV").attainment`). A number fact takes a decimal string (exact)
 * or a number (read as the shortest decimal that gives it back); a text
 * fact a word (`"off_track"`, `"high"`); `null` or a missing key is no value.
 */
export type FactContext = Record<string, DecimalString | number | string | null | undefined>;

/**
 * The contexts for `RuleSet.evaluateMany`: a column per fact name, each with
 * one value per context. Number facts: a `Float64Array` (`NaN` for no value)
 * or an array of decimal strings, numbers and `null`s; text facts: an array
 * of words and `null`s.
 */
export type FactColumns = Record<string, Float64Array | ReadonlyArray<DecimalString | number | string | null>>;

/** What `RuleSet.evaluateMany` returns. */
export interface FiredRules {
  /** The rules' ids, in plan order: the columns of `fired`. */
  rules: string[];
  /** How many contexts were evaluated: the rows of `fired`. */
  contexts: number;
  /** A byte per context and rule, row-major: `fired[c * rules.length + r]` is 1 when rule `r` holds in context `c`. */
  fired: Uint8Array;
}

/** One day's forecasts kept in a history: what `snapshot` returns, one line of a JSON Lines history. */
export interface Snapshot {
  as_of: IsoDate;
  /** The evaluation as of `as_of`, as `evaluatePlan` returns it. */
  evaluation: Evaluation;
  /** Simulated outcomes of KPIs for the plan period; absent when none. */
  simulations?: SnapshotPercentiles[];
}

/** A KPI's simulated outcome in a snapshot. */
export interface SnapshotPercentiles {
  kpi: string;
  /** `""` (the default) for the company. */
  node?: string;
  p10: DecimalString;
  p50: DecimalString;
  p90: DecimalString;
}

/** A forecast method scored by `accuracy`. */
export type ForecastMethod = "run_rate" | "trend" | "pipeline" | "simulation_p50";

/** Accuracy over points: ratios rounded to four places, `null` when their denominator is zero. */
export interface AccuracySummary {
  count: number;
  /** Mean absolute percentage error. */
  mape: DecimalString | null;
  /** Σ|error| ÷ Σ|actual|. */
  wape: DecimalString | null;
  /** Σ error ÷ Σ actual: positive means over-forecast. */
  bias: DecimalString | null;
}

/** One snapshot's forecast against the actual at the close. */
export interface AccuracyPoint {
  as_of: IsoDate;
  forecast: DecimalString;
  actual: DecimalString;
  /** forecast − actual. */
  error: DecimalString;
  /** |error| ÷ |actual|. */
  ape: DecimalString | null;
}

/** One bar of a forecast waterfall. */
export interface WaterfallStep {
  as_of: IsoDate;
  kind: "forecast" | "actual";
  value: DecimalString;
  /** The change from the bar before; `null` for the first. */
  change: DecimalString | null;
}

/** Share of simulated snapshots whose actual fell within P10–P90. */
export interface AccuracyCoverage {
  count: number;
  inside: number;
  share: DecimalString;
}

/** One KPI × node scored by `accuracy`. */
export interface AccuracySeries {
  kpi: string;
  node: string;
  goal: string | null;
  /** The goal's owner. */
  owner: string | null;
  actual: DecimalString;
  methods: {
    method: ForecastMethod;
    summary: AccuracySummary;
    points: AccuracyPoint[];
    waterfall: WaterfallStep[];
  }[];
  coverage: AccuracyCoverage | null;
}

/** What `accuracy` returns. */
export interface Accuracy {
  close: IsoDate;
  snapshots: IsoDate[];
  /** Decimal places of the ratios. */
  decimals: number;
  series: AccuracySeries[];
  /** Company figures pooled by goal owner (`null`: KPIs without one). */
  owners: {
    owner: string | null;
    kpis: string[];
    methods: { method: ForecastMethod; summary: AccuracySummary }[];
    coverage: AccuracyCoverage | null;
  }[];
}
