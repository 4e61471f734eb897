// Type-level tests of EvaluationResult and RuleSet: `tsc --noEmit` checks that
// they can be used as documented, with precise types, and that misuse is a
// type error. Only type-checked; rules-many.test.mjs and
// evaluation-result.test.mjs test the behaviour.
import {
  Actuals,
  EvaluationResult,
  RuleSet,
  evaluate,
  examplePlan,
  type Evaluation,
  type FactColumns,
  type FactKind,
  type FiredRules,
  type KpiNumberField,
  type KpiResult,
} from "salesplan";
import * as web from "salesplan/web";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

declare const actuals: Actuals;
const plan = examplePlan();

// --- EvaluationResult ---------------------------------------------------------
const result: EvaluationResult = evaluate(plan, actuals, { as_of: "2026-06-30", hierarchy: ["region", "rep"] });
const one: KpiResult | undefined = result.kpi("K-REV");
const east: KpiResult | undefined = result.kpi("K-REV", "region=east");
const whole: Evaluation = result.toJSON();
const same: Evaluation = result.toObject();
const actual: Float64Array = result.column("actual");
const nodes: (string | null)[] = result.texts("node");
const periods: string[] = result.periodTexts("period");
const periodActual: Float64Array = result.periodColumn("attainment");
const sizes: [number, number] = [result.length, result.periodLength];
const asOf: string = result.asOf;
const field: KpiNumberField = "forecast_trend";
result.column(field);
assertType<Equal<ReturnType<typeof evaluate>, EvaluationResult>>();
assertType<Equal<ReturnType<typeof web.evaluate>, web.EvaluationResult>>();
// @ts-expect-error: status is a text column
result.column("status");
// @ts-expect-error: actual is a number column
result.texts("actual");
// @ts-expect-error: periods have no expected value
result.periodColumn("expected");
// @ts-expect-error: made by evaluate, not constructed
new EvaluationResult();
result.free();

// --- RuleSet -------------------------------------------------------------------
const rules = new RuleSet(plan);
const ids: string[] = rules.ids;
const facts: string[] = rules.facts;
const kinds: FactKind[] = rules.factKinds;
const enabled: boolean[] = rules.enabled;
const context: Record<string, string | null> = rules.factsOf(result);
const fired: string[] = rules.evaluate({ 'kpi("K-CONV").attainment': 0.85, 'kpi("K-REV").pace': "0.95", other: null });
const columns: FactColumns = {
  'kpi("K-CONV").attainment': new Float64Array([0.85, 0.95]),
  'kpi("K-REV").pace': ["0.8", null],
  'kpi("K-REV-HIGH").trend': [1, 2],
};
const many: FiredRules = rules.evaluateMany(columns);
const bytes: Uint8Array = many.fired;
const counts: [number, string[]] = [many.contexts, many.rules];
// @ts-expect-error: a column is an array or a Float64Array
rules.evaluateMany({ 'kpi("K-REV").pace': 0.9 });
// @ts-expect-error: facts are named
rules.evaluate([0.9]);
rules.free();

export { one, east, whole, same, actual, nodes, periods, periodActual, sizes, asOf, ids, facts, kinds, enabled, context, fired, bytes, counts };
