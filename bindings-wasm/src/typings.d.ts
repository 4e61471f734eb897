/* ---- Values exchanged with salesplan (hand-written) ----
 *
 * The types of the values the core reads and writes (the plan document,
 * every output, the core's options) are generated from its JSON Schemas
 * into src/types.generated.d.ts. This file holds what only the JavaScript
 * package has: its error, its inputs (columns, rows, rates) and the option
 * bags of its functions, built on the generated types. Every key is
 * snake_case, as in the other languages (`as_of`); option keys written in
 * camelCase (`asOf`), as earlier releases took them, are still read.
 */

/** A named period of the plan's calendar: `"2026-03"`, `"2026-Q1"`, `"FY2026"`, an ISO week `"2026-W05"`, a retail month `"FY2026-P01"`. */
export type PeriodName = string;

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
  /** With code `"rejected"`: every finding of the plan the change would have made, errors first, as `validate` gives them. */
  diagnostics?: Diagnostic[];
}

/** Options of `formatAmount`: the core's `AmountFormat` (absent fields take the defaults). */
export type AmountFormatOptions = AmountFormat;

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

/* ---- Actuals, evaluation and planning arithmetic ---- */
/** A decimal given to a function: a string (a plain numeral keeps its scale, `"0.50"`; `"1.2亿"` is read as `parseAmount` reads it), a finite number (its shortest decimal form) or a bigint. */
export type DecimalInput = string | number | bigint;

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

/** One side of a revenue funnel as `decomposeGap` takes it: any decimal input. */
export interface FunnelInput {
  leads: DecimalInput;
  won: DecimalInput;
  revenue: DecimalInput;
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

/** Options of the chart exports (`chartBurnUp`, ...); each reads what it needs. */
export interface ChartOptions {
  /** `"zh"` (default: amounts in 万/亿) or `"en"`. */
  lang?: "zh" | "en";
  /** The KPI of a burn-up (by default the plan's `sum(revenue)` KPI). */
  kpi?: string;
  /** The node (`""`, the company, by default), as `region=east`. */
  node?: string;
  /** The day of a Gantt chart or a budget burn. */
  as_of?: IsoDate;
}

/** Options of `fold` and `Partial.empty`. */
export interface FoldOptions {
  /** The day the partial evaluates as of. */
  as_of: IsoDate;
  /** Tag dimensions from the top down, as `evaluate` takes them. */
  hierarchy?: string[];
  /** Places the batch among the others (a whole number, default 0): batches numbered in the order of the rows evaluate as all the rows do. */
  batch?: number;
}

/** Options of `evaluatePartial`: `evaluate`'s but the day and the hierarchy, which the partial holds. */
export type EvaluatePartialOptions = Omit<EvaluationOptions, "as_of" | "hierarchy">;

/** Options of `evaluate`: the core's `EvaluationOptions`, and rates for the deals. */
export type EvaluateOptions = EvaluationOptions & {
  /** Exchange rates that convert the deals of `pipeline` with a `currency`, at the rate in effect on `as_of`, rounded to the cent. */
  rates?: RatesInput;
};

/** Options of `report`: the day, the evaluation's hierarchy and deals, the report's language and format, and the simulation. */
export type ReviewOptions = ReportOptions & {
  /** The day of the review. */
  as_of: IsoDate;
  hierarchy?: string[];
  pipeline?: Deal[];
  /** `simulate`'s options without `as_of` (`{}` by default: 10,000 trials, seed 0), or `false` to leave the simulation out. */
  simulation?: Omit<SimulationOptions, "as_of"> | false;
};

/* ---- Adjustment ---- */
/** Who makes a change, when and why. */
export interface Change {
  author: string;
  /** RFC 3339 (`"2026-07-03T09:00:00+08:00"`); a `Date` is written as `JSON.stringify` writes it (UTC). The library never reads the clock. */
  at: string | Date;
  reason: string;
}

/** Options of `replay`: those of `evaluate` for every evaluation, with `until` for `as_of`. */
export type ReplayOptions = Omit<EvaluationOptions, "as_of"> & {
  /** The last day to replay to; periods ending after it are left out (default: the plan's end). */
  until?: IsoDate;
};

/** The simulation options of `scenarios`: those of `simulate`, as of the evaluation's day. */
export type ScenarioSimulationOptions = Omit<SimulationOptions, "as_of"> & {
  /** If given, the same day as the evaluation's `as_of`. */
  as_of?: IsoDate;
};

/** Options of `scenarios`: those of `evaluate`, and `simulate`'s to simulate every scenario too. */
export type ScenariosOptions = EvaluationOptions & {
  simulation?: ScenarioSimulationOptions | null;
};

/** @deprecated Use `ScenariosOptions`. */
export type CompareScenariosOptions = ScenariosOptions;

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
