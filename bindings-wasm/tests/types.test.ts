// Type-level tests: `tsc --noEmit` checks that every export can be used as
// documented, with precise types, and that misuse is a type error (each
// `@ts-expect-error` fails the check if the line below it compiles). This
// file is only type-checked; the behaviour is tested by the *.test.mjs files.
import {
  Actuals,
  History,
  allocate,
  apply,
  cascade,
  decomposeGap,
  diff,
  edit,
  evaluate,
  examplePlan,
  examplePlanJson,
  formatAmount,
  headsNeeded,
  loadActuals,
  parseAmount,
  parsePlan,
  phaseGoal,
  planSchema,
  propose,
  replay,
  reverseFunnel,
  riskRegister,
  scenarios,
  scorecards,
  simulate,
  type Accepted,
  type ActualsColumns,
  type Allocation,
  type AmountFormatOptions,
  type CascadeNode,
  type Change,
  type ScenariosOptions,
  type Conflict,
  type Deal,
  type Diagnostic,
  type ErrorCode,
  type EvaluateOptions,
  type Evaluation,
  type EvaluationResult,
  type FactReading,
  type FirstFired,
  type GapEffects,
  type HistoryDocument,
  type KpiResult,
  type LoadWarning,
  type NodeGap,
  type Observation,
  type ObservationInput,
  type PatchOp,
  type PeriodResult,
  type PeriodTarget,
  type PlanDocument,
  type PlanSchema,
  type Proposal,
  type Proposals,
  type RateRow,
  type Replay,
  type ReplayOptions,
  type ReplayStep,
  type ReverseFunnel,
  type Revised,
  type Revision,
  type RiskLevel,
  type RiskMove,
  type RiskRegister,
  type RowProblem,
  type RubricScore,
  type SalesplanError,
  type Scenario,
  type ScenarioComparison,
  type ScenarioRow,
  type Scorecard,
  type ScorecardOptions,
  type ScoredRisk,
  type Severity,
  type Simulation,
  type SimulationOptions,
  type Status,
  type Suppressed,
  type UnitEconomics,
  unitEconomics,
  validate,
  version,
} from "salesplan";
import initWeb, * as web from "salesplan/web";

/** Fails to compile unless A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

// --- documents ---------------------------------------------------------------
const plan: PlanDocument = examplePlan();
const fromText: PlanDocument = parsePlan(examplePlanJson());
const fromObject: PlanDocument = parsePlan(plan);
const target: string | null | undefined = plan.goals?.[0]?.target;
assertType<Equal<ReturnType<typeof parsePlan>, PlanDocument>>();
assertType<Equal<Parameters<typeof parsePlan>[0], PlanDocument | string>>();
assertType<Equal<Parameters<typeof validate>[0], PlanDocument | string>>();

const written: PlanDocument = {
  schema: "salesplan/1",
  id: "p",
  name: "Minimal",
  currency: "CNY",
  period: { start: "2026-01-01", end: "2026-12-31", granularity: "month" },
  goals: [{ id: "G-REV", name: "Revenue", metric: "revenue", target: "120000000.00", deadline: "2026-12-31" }],
  rules: [
    {
      id: "R-1",
      name: "Recommend",
      when: 'kpi("K-CONV").attainment < 0.9',
      actions: [{ type: "recommend", message: "add training" }, { type: "rephase", goal: "G-REV" }],
    },
  ],
};
parsePlan(written);

// @ts-expect-error: the schema version is a literal
parsePlan({ ...written, schema: "salesplan/2" });
// @ts-expect-error: money is an exact string, not a number
parsePlan({ ...written, goals: [{ id: "G", name: "G", target: 120000000 }] });
// @ts-expect-error: an unknown section
parsePlan({ ...written, colour: "red" });
// @ts-expect-error: granularity is one of a few names
parsePlan({ ...written, period: { ...written.period, granularity: "fortnight" } });
// @ts-expect-error: actions are tagged by type
parsePlan({ ...written, rules: [{ id: "R", name: "R", when: "true", actions: [{ type: "explode" }] }] });
// @ts-expect-error: not a document
parsePlan(42);

// --- diagnostics -------------------------------------------------------------
const diagnostics: Diagnostic[] = validate(fromText);
assertType<Equal<ReturnType<typeof validate>, Diagnostic[]>>();
assertType<Equal<Diagnostic["severity"], Severity>>();
assertType<Equal<Severity, "error" | "warning" | "info">>();
const errors: number = diagnostics.filter((d) => d.severity === "error").length;
const where: string[] = validate(fromObject).map((d) => `${d.path} ${d.code}: ${d.message}`);
// @ts-expect-error: severities are a closed set
const impossible: boolean = diagnostics.some((d) => d.severity === "fatal");

// --- errors ------------------------------------------------------------------
function describeError(error: unknown): string {
  if (error instanceof Error && error.name === "SalesplanError") {
    const e = error as SalesplanError;
    const code: ErrorCode = e.code;
    const path: string | null = e.path;
    const rows: RowProblem[] = e.problems ?? [];
    const findings: Diagnostic[] = e.code === "rejected" ? (e.diagnostics ?? []) : [];
    return `${code} at ${path ?? "-"}: ${e.message} (${rows.length} bad rows, ${findings.length} findings)`;
  }
  return String(error);
}
assertType<Equal<SalesplanError["path"], string | null>>();
assertType<Equal<SalesplanError["diagnostics"], Diagnostic[] | undefined>>();
const rejectedCode: ErrorCode = "rejected";
const limitCode: ErrorCode = "limit_exceeded";
const internalCode: ErrorCode = "internal";
// The README's example.
function check(text: string): Diagnostic[] | SalesplanError {
  try {
    const plan: PlanDocument = parsePlan(text);
    return validate(plan);
  } catch (e) {
    if (e instanceof Error && e.name === "SalesplanError") return e as SalesplanError;
    throw e;
  }
}
assertType<Equal<SalesplanError["name"], "SalesplanError">>();
const asError: Error = {} as SalesplanError;

// --- schema ------------------------------------------------------------------
const schema: PlanSchema = planSchema();
const required: string[] = schema.required;
const draft: string = schema.$schema;

// --- amounts -----------------------------------------------------------------
const exact: string = parseAmount("1.2亿");
assertType<Equal<ReturnType<typeof parseAmount>, string>>();
const options: AmountFormatOptions = { unit: "wan", max_decimals: 2, grouping: false };
const formatted: string[] = [
  formatAmount(exact),
  formatAmount("3,500万", options),
  formatAmount(35000000),
  formatAmount(35000000n, { unit: "yi" }),
  formatAmount("1", {}),
];
// @ts-expect-error: an amount of money is never parsed from a number
parseAmount(1.2);
// @ts-expect-error: unknown unit
formatAmount("1", { unit: "million" });
// @ts-expect-error: unknown option
formatAmount("1", { colour: "red" });
// @ts-expect-error: not an amount
formatAmount({ amount: "1" });

// --- actuals -----------------------------------------------------------------
const csv = "date,measure,value,region\n2026-01-20,revenue,6500000,east\n";
const actuals: Actuals = loadActuals(plan, csv);
const lenient: Actuals = loadActuals(examplePlanJson(), csv, { lenient: true, format: "csv" });
const rows: ObservationInput[] = [
  { date: "2026-01-20", measure: "revenue", value: "6500000", tags: { region: "east", rep: null } },
  { date: "2026-01-21", measure: "won_deals", value: 3 },
];
const fromRows: Actuals = loadActuals(plan, rows);
const records: Observation[] = Actuals.fromRecords(plan, actuals.toRecords()).toRecords();
const fromCsv: Actuals = Actuals.fromCsv(plan, csv, { lenient: true });
const fromJson: Actuals = Actuals.fromJson(plan, JSON.stringify(rows));
const rateRows: RateRow[] = [{ date: "2026-01-01", from: "USD", to: "CNY", rate: "7.10" }];
const converted: Actuals = loadActuals(plan, [{ ...rows[0]!, currency: "USD", credit: "rep=a:0.5;rep=b:0.5" }], {
  rates: rateRows,
});
const convertedCsv: Actuals = Actuals.fromCsv(plan, csv, { rates: "date,from,to,rate\n" });
// @ts-expect-error: a rate is a decimal string
Actuals.fromJson(plan, "[]", { rates: [{ date: "2026-01-01", from: "USD", to: "CNY", rate: 7.1 }] });
const problems: RowProblem[] = lenient.problems;
const warnings: LoadWarning[] = lenient.warnings;
const firstOutside: number | undefined = warnings[0]?.first_rows[0];
assertType<Equal<LoadWarning["code"], "outside_period">>();
const count: number =
  actuals.length + fromRows.length + fromCsv.length + fromJson.length + converted.length + convertedCsv.length;
const firstValue: string | undefined = records[0]?.value;
assertType<Equal<Observation["tags"], Record<string, string>>>();
assertType<Equal<Parameters<typeof loadActuals>[1], string | ObservationInput[]>>();
// @ts-expect-error: the constructor is private; load actuals instead
new Actuals();
// @ts-expect-error: formats are csv or json
loadActuals(plan, csv, { format: "xlsx" });
// @ts-expect-error: the Actuals methods take no format
Actuals.fromCsv(plan, csv, { format: "csv" });
// @ts-expect-error: a row problem's row is a number
const rowText: string = problems[0]!.row;
// @ts-expect-error: records need a measure
loadActuals(plan, [{ date: "2026-01-20", value: "1" }]);
const columns: ActualsColumns = {
  date: Int32Array.of(20473),
  measure: { codes: Uint32Array.of(0), values: ["revenue"] },
  value: BigInt64Array.of(650000000n),
  scale: 2,
  tags: { region: ["east"], rep: { codes: Int32Array.of(-1), values: [] } },
};
const fromColumns: Actuals = Actuals.fromColumns(plan, columns, { lenient: true });
const stringColumns: Actuals = Actuals.fromColumns(plan, { date: ["2026-01-20"], measure: [null], value: ["1.5"] });
// @ts-expect-error: dates are days in an Int32Array or ISO strings
Actuals.fromColumns(plan, { date: Float64Array.of(1), measure: ["revenue"], value: ["1"] });
// @ts-expect-error: the value column is required
Actuals.fromColumns(plan, { date: ["2026-01-20"], measure: ["revenue"] });
fromColumns.free();
stringColumns.free();
actuals.free();

// --- evaluation --------------------------------------------------------------
const deals: Deal[] = [
  { id: "D-1", amount: "6000000.00", probability: "0.6", expected_close: "2026-07-20", tags: { region: "east" } },
];
const regions: CascadeNode = { id: "company", children: [{ id: "region=east", weight: "5" }, { id: "region=west" }] };
const evaluateOptions: EvaluateOptions = {
  as_of: "2026-06-30",
  hierarchy: ["region"],
  trend_periods: 3,
  pipeline: deals,
  cascade: regions,
};
const evaluation: Evaluation = evaluate(plan, fromRows, evaluateOptions).toJSON();
assertType<Equal<ReturnType<typeof evaluate>, EvaluationResult>>();
const revenue: KpiResult | undefined = evaluation.kpis.find((k) => k.kpi === "K-REV" && k.node === "");
const status: Status | null | undefined = revenue?.status;
const attainment: string | null | undefined = revenue?.attainment;
const periods: PeriodResult[] = revenue?.periods ?? [];
const gaps: NodeGap[] = evaluation.gaps;
assertType<Equal<Status, "on_track" | "at_risk" | "off_track">>();
assertType<Equal<NodeGap["biggest"], "volume" | "conversion" | "deal_size">>();
// @ts-expect-error: as_of is required
evaluate(plan, fromRows, { hierarchy: ["region"] }).toJSON();
// @ts-expect-error: actuals are loaded first
evaluate(plan, rows, { as_of: "2026-06-30" }).toJSON();
// @ts-expect-error: the hierarchy is a list of dimensions
evaluate(plan, fromRows, { as_of: "2026-06-30", hierarchy: "region" }).toJSON();
// @ts-expect-error: statuses are a closed set
const late: boolean = revenue?.status === "late";
// @ts-expect-error: decimals are strings, never numbers
const asNumber: number | null | undefined = revenue?.actual;

const rubrics: RubricScore[] = [{ criterion: "Coaching", score: 4, reviewer: "CEO", owner: "Sales VP Li Wei" }];
const scoreOptions: ScorecardOptions = { rubric_share: "0.3", cap: "1.2" };
const cards: Scorecard[] = scorecards(plan, evaluate(plan, fromRows, evaluateOptions), rubrics, scoreOptions);
const grade: "A" | "B" | "C" | "D" | "E" | undefined = cards[0]?.grade;
const kpiScore: string | null | undefined = cards[0]?.kpi_score;
scorecards(plan, evaluation);
// @ts-expect-error: scorecards score an evaluation, not actuals
scorecards(plan, fromRows);
// @ts-expect-error: rubrics need a reviewer
scorecards(plan, evaluation, [{ criterion: "Coaching", score: 4 }]);
// @ts-expect-error: subjects are a closed set
const team: boolean = cards[0]?.subject === "team";

// --- risk control ------------------------------------------------------------
const planned: RiskRegister = riskRegister(plan);
const moved: RiskRegister = riskRegister(examplePlanJson(), evaluation);
riskRegister(plan, null);
assertType<Equal<ReturnType<typeof riskRegister>, RiskRegister>>();
assertType<Equal<RiskRegister["as_of"], string | null>>();
const churn: ScoredRisk | undefined = moved.risks.find((r) => r.risk === "R-CHURN");
const level: RiskLevel | null | undefined = churn?.inherent.level;
const exposure: string | null | undefined = churn?.exposure;
const fired: boolean = churn?.indicators.some((i) => i.breached) ?? false;
const moves: RiskMove[] = moved.moves;
const cell: number | undefined = planned.heatmap.inherent[0]?.[0];
// @ts-expect-error: an evaluation, not its options
riskRegister(plan, evaluateOptions);
// @ts-expect-error: scores are numbers
const scoreText: string | undefined = churn?.planned.score;

const simulationOptions: SimulationOptions = {
  as_of: "2026-06-30",
  goal: "G-REV",
  target: "120000000",
  trials: 20000,
  seed: 2026,
  new_business: "fit",
  new_business_from: "2026-07-31",
  net_of_pipeline: false,
  run_rate_factor: "1.1",
  bins: 20,
  drivers: 5,
  threads: 0,
};
const ranged: Deal[] = [
  { id: "D-2", amount: "5000000.00", amount_low: "3000000.00", amount_high: "8000000.00", probability: "0.6", expected_close: "2026-09-30" },
];
const simulation: Simulation = simulate(plan, fromRows, deals, simulationOptions);
const pipelineOnly: Simulation = simulate(plan, null, ranged, { as_of: "2026-06-30", new_business: "none" });
simulate(plan, undefined, null, { as_of: "2026-06-30" });
assertType<Equal<ReturnType<typeof simulate>, Simulation>>();
assertType<Equal<Simulation["exact_probability"], string | null>>();
const probability: string = simulation.probability;
const seed: number = pipelineOnly.seed;
const meanSize: string | undefined = simulation.new_business?.mean_size;
const binCounts: number[] = simulation.histogram.map((bin) => bin.count);
const driver: string | undefined = simulation.drivers[0]?.deal;
// @ts-expect-error: as_of is required
simulate(plan, null, [], { trials: 100 });
simulate(plan, null, [], { as_of: "2026-06-30" });
// @ts-expect-error: new business is "fit" or "none"
simulate(plan, null, [], { as_of: "2026-06-30", new_business: "maybe" });
// @ts-expect-error: a target is a decimal string
simulate(plan, null, [], { as_of: "2026-06-30", target: 120000000 });
// @ts-expect-error: actuals are loaded first
simulate(plan, rows, [], { as_of: "2026-06-30" });
// @ts-expect-error: probabilities are decimal strings
const probabilityNumber: number = simulation.probability;

// --- adjustment --------------------------------------------------------------
const proposals: Proposals = propose(plan, evaluation);
const cooled: Proposals = propose(examplePlanJson(), evaluation, [{ rule: "R-CONV-SERVICE", as_of: "2026-06-30" }]);
propose(plan, evaluation, null);
assertType<Equal<ReturnType<typeof propose>, Proposals>>();
const firstProposal: Proposal | undefined = proposals.proposals[0];
const facts: FactReading[] = firstProposal?.facts ?? [];
const factValue: string | null | undefined = facts[0]?.value;
const conflicts: Conflict[] = proposals.conflicts;
const suppressed: Suppressed[] = cooled.suppressed;
const actionTypes: string[] = (firstProposal?.actions ?? []).map((a) => a.type);
const change: Change = { author: "Sales VP Li Wei", at: "2026-07-03T09:00:00+08:00", reason: "Conversion lags" };
const revised: Revised = apply(plan, proposals, change, evaluation);
apply(plan, proposals.proposals.filter((p) => p.rule === "R-CONV-SERVICE"), { ...change, at: new Date() });
apply(plan, [], change, null);
assertType<Equal<ReturnType<typeof apply>, Revised>>();
const revision: Revision = revised.revision;
const revisionNumber: number = revision.number;
const acceptedRules: Accepted[] = revision.accepted;
const planRevision: number | undefined = revised.plan.revision?.number;
const patch: PatchOp[] = diff(plan, revised.plan);
const edited: Revised = edit(plan, [{ op: "replace", path: "/resources/budget/1/amount", value: "6000000.00" }], change);
const paths: string[] = patch.map((op) => (op.op === "move" || op.op === "copy" ? `${op.from} → ${op.path}` : op.path));
assertType<Equal<Extract<PatchOp, { op: "remove" }>, { op: "remove"; path: string }>>();
// @ts-expect-error: a change needs a reason
apply(plan, proposals, { author: "A", at: "2026-07-03T09:00:00Z" });
// @ts-expect-error: proposals come from propose
apply(plan, ["R-CONV-SERVICE"], change);
// @ts-expect-error: operations are a closed set
edit(plan, [{ op: "merge", path: "/id", value: "x" }], change);
// @ts-expect-error: a move needs a from
edit(plan, [{ op: "move", path: "/id" }], change);
// @ts-expect-error: an evaluation, not its options
propose(plan, evaluateOptions);

const history: History = new History(plan);
const committed: number = history.commit(revised);
const latest: PlanDocument = history.latest();
const rebuilt: PlanDocument = history.plan(1);
const undone: Revised = history.undo({ ...change, reason: "Not this year" });
const logPatch: PatchOp[] = history.diff(1, 3);
const accepted: Accepted[] = history.accepted();
const log: Revision[] = history.revisions;
const latestNumber: number = history.latestNumber;
const saved: HistoryDocument = history.toJSON();
const back: History = History.fromJson(JSON.stringify(history));
History.fromJson(saved);
const basePlan: PlanDocument = back.base;
propose(latest, evaluation, history.accepted());
// @ts-expect-error: a revision number is a number
history.plan("1");
// @ts-expect-error: commit takes what apply gives
history.commit(revised.revision);
back.free();
history.free();

const replayOptions: ReplayOptions = { until: "2026-12-31", hierarchy: ["region"], pipeline: deals };
const year: Replay = replay(plan, fromRows, replayOptions);
replay(plan, fromRows);
const steps: ReplayStep[] = year.steps;
const firstFired: FirstFired[] = year.first_fired;
const firstDay: string | null | undefined = firstFired[0]?.as_of;
// @ts-expect-error: a replay runs until a day, not as of one
replay(plan, fromRows, { as_of: "2026-12-31" });

const whatIfs: Scenario[] = [
  { name: "conversion +3 pts", run_rate_factor: "1.136", patch: [{ op: "replace", path: "/kpis/2/target", value: "0.31" }] },
  { name: "two more reps", description: "12 heads", patch: [{ op: "replace", path: "/resources/headcount/0/heads", value: 12 }] },
];
const compareOptions: ScenariosOptions = { as_of: "2026-06-30", pipeline: deals, simulation: { trials: 5000, seed: 7 } };
const comparison: ScenarioComparison = scenarios(plan, whatIfs, fromRows, compareOptions);
scenarios(plan, [], fromRows, { as_of: "2026-06-30" });
const rowsOut: ScenarioRow[] = comparison.rows;
const chance: string | null | undefined = rowsOut[0]?.probability;
const errorsOut: number | undefined = rowsOut[0]?.errors;
// @ts-expect-error: a scenario needs a name
scenarios(plan, [{ patch: [] }], fromRows, { as_of: "2026-06-30" });
scenarios(plan, [], fromRows, { as_of: "2026-06-30", simulation: { run_rate_factor: "1.1" } });
// @ts-expect-error: the simulation's options leave out the day or give the evaluation's
scenarios(plan, [], fromRows, { as_of: "2026-06-30", simulation: { as_of: 20260630 } });
// @ts-expect-error: as_of is required
scenarios(plan, [], fromRows, { simulation: {} });

// --- planning arithmetic -----------------------------------------------------
const phases: PeriodTarget[] = phaseGoal(plan, "G-REV");
const parts: string[] = allocate("100.00", ["1", 2, 3n], 2);
const allocation: Allocation = cascade("1.2亿", { id: "CO", children: [{ id: "A", weight: "2", submitted: "1" }] });
const childTargets: string[] = (allocation.children ?? []).map((c) => c.target);
const gap: GapEffects = decomposeGap(
  { leads: 1000, won: 250, revenue: "5000万" },
  { leads: "1000", won: 220n, revenue: "44000000" },
);
const funnel: ReverseFunnel = reverseFunnel("1.2亿", 400000, "0.25", "0.3");
const heads: string = headsNeeded("3000万", "400万", 3, "0.10", 12);
const economics: UnitEconomics = unitEconomics("2000万", 300, 330000, "0.6", "0.15");
assertType<Equal<Allocation["gap"], string | null>>();
// @ts-expect-error: cascade weights are decimal strings
cascade(100, { id: "CO", children: [{ id: "A", weight: 2 }] });
// @ts-expect-error: a tree needs ids
cascade(100, { children: [] });
// @ts-expect-error: a funnel has leads, won and revenue
decomposeGap({ leads: 1, won: 1 }, { leads: 1, won: 1, revenue: 1 });
// @ts-expect-error: months are numbers
headsNeeded(1, 1, "3", 0, 12);

// --- version -----------------------------------------------------------------
const v: string = version();

// --- the web build: the same API after init() --------------------------------
async function useWeb(): Promise<Diagnostic[]> {
  await initWeb();
  const webPlan: PlanDocument = web.examplePlan();
  const amount: string = web.parseAmount("1亿2000万");
  assertType<Equal<typeof web.validate, typeof validate>>();
  assertType<Equal<typeof web.simulate, typeof simulate>>();
  assertType<Equal<typeof web.riskRegister, typeof riskRegister>>();
  assertType<Equal<typeof web.propose, typeof propose>>();
  assertType<Equal<typeof web.scenarios, typeof scenarios>>();
  const webHistory: web.History = new web.History(webPlan);
  webHistory.free();
  return amount === "120000000" ? web.validate(webPlan) : [];
}

export const used = [
  check, plan, target, errors, where, impossible, describeError, asError, required, draft, formatted, v, useWeb,
  records, count, firstValue, firstOutside, rowText, evaluation, status, attainment, periods, gaps, late, asNumber,
  phases, parts, childTargets, gap, funnel, heads, economics, grade, kpiScore, team,
  level, exposure, fired, moves, cell, scoreText, probability, seed, meanSize, binCounts, driver, probabilityNumber,
  rejectedCode, limitCode, internalCode, factValue, conflicts, suppressed, actionTypes, revisionNumber, acceptedRules, planRevision, edited, paths,
  committed, rebuilt, undone, logPatch, accepted, log, latestNumber, basePlan, steps, firstDay, chance, errorsOut,
];
