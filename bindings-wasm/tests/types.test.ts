// Type-level tests: `tsc --noEmit` checks that every export can be used as
// documented, with precise types, and that misuse is a type error (each
// `@ts-expect-error` fails the check if the line below it compiles). This
// file is only type-checked; the behaviour is tested by the *.test.mjs files.
import {
  examplePlan,
  examplePlanJson,
  formatAmount,
  parseAmount,
  parsePlan,
  planSchema,
  validatePlan,
  version,
  type AmountFormatOptions,
  type Diagnostic,
  type ErrorCode,
  type PlanDocument,
  type PlanSchema,
  type SalesplanError,
  type Severity,
} from "salesplan";
import initWeb, * as web from "salesplan/web";

/** Fails to compile unless A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

// --- documents ---------------------------------------------------------------
const plan: PlanDocument = examplePlan();
const fromText: PlanDocument = parsePlan(examplePlanJson());
const fromObject: PlanDocument = parsePlan(plan);
const target: string | undefined = plan.goals?.[0]?.target;
assertType<Equal<ReturnType<typeof parsePlan>, PlanDocument>>();
assertType<Equal<Parameters<typeof parsePlan>[0], PlanDocument | string>>();
assertType<Equal<Parameters<typeof validatePlan>[0], PlanDocument | string>>();

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
const diagnostics: Diagnostic[] = validatePlan(fromText);
assertType<Equal<ReturnType<typeof validatePlan>, Diagnostic[]>>();
assertType<Equal<Diagnostic["severity"], Severity>>();
assertType<Equal<Severity, "error" | "warning" | "info">>();
const errors: number = diagnostics.filter((d) => d.severity === "error").length;
const where: string[] = validatePlan(fromObject).map((d) => `${d.path} ${d.code}: ${d.message}`);
// @ts-expect-error: severities are a closed set
const impossible: boolean = diagnostics.some((d) => d.severity === "fatal");

// --- errors ------------------------------------------------------------------
function describeError(error: unknown): string {
  if (error instanceof Error && error.name === "SalesplanError") {
    const e = error as SalesplanError;
    const code: ErrorCode = e.code;
    const path: string | null = e.path;
    return `${code} at ${path ?? "-"}: ${e.message}`;
  }
  return String(error);
}
assertType<Equal<SalesplanError["path"], string | null>>();
// The README's example.
function check(text: string): Diagnostic[] | SalesplanError {
  try {
    const plan: PlanDocument = parsePlan(text);
    return validatePlan(plan);
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
const options: AmountFormatOptions = { unit: "wan", maxDecimals: 2, grouping: false };
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

// --- version -----------------------------------------------------------------
const v: string = version();

// --- the web build: the same API after init() --------------------------------
async function useWeb(): Promise<Diagnostic[]> {
  await initWeb();
  const webPlan: PlanDocument = web.examplePlan();
  const amount: string = web.parseAmount("1亿2000万");
  assertType<Equal<typeof web.validatePlan, typeof validatePlan>>();
  return amount === "120000000" ? web.validatePlan(webPlan) : [];
}

export const used = [check, plan, target, errors, where, impossible, describeError, asError, required, draft, formatted, v, useWeb];
