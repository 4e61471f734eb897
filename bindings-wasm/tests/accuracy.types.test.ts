// Type-level tests of accuracy and snapshot: `tsc --noEmit` checks that they
// can be used as documented and that misuse is a type error. Only
// type-checked; accuracy.test.mjs tests the behaviour.
import {
  accuracy,
  evaluate,
  examplePlan,
  simulate,
  snapshot,
  type Accuracy,
  type AccuracySeries,
  type Actuals,
  type ForecastMethod,
  type Snapshot,
} from "salesplan";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

declare const actuals: Actuals;
const plan = examplePlan();
const march = evaluate(plan, actuals, { as_of: "2026-03-31" }).toJSON();
const sim = simulate(plan, actuals, null, { as_of: "2026-03-31", trials: 500 });
const kept: Snapshot = snapshot(plan, march, sim);
const bare: Snapshot = snapshot(plan, march);
const closing = evaluate(plan, actuals, { as_of: "2026-12-31" }).toJSON();
const fromList: Accuracy = accuracy(plan, [kept, bare], closing);
const fromLines: Accuracy = accuracy(plan, JSON.stringify(kept) + "\n", closing);
accuracy(plan, { snapshots: [kept] }, closing);
assertType<Equal<ReturnType<typeof accuracy>, Accuracy>>();
const series: AccuracySeries | undefined = fromList.series[0];
const method: ForecastMethod | undefined = series?.methods[0]?.method;
const bias: string | null | undefined = series?.methods[0]?.summary.bias;
const share: string | undefined = fromLines.series[0]?.coverage?.share;
const p50: string | undefined = kept.simulations?.[0]?.p50;
// @ts-expect-error: the closing evaluation is required
accuracy(plan, [kept]);
// @ts-expect-error: counts are numbers
const count: string | undefined = series?.methods[0]?.summary.count;
export { bias, count, method, p50, share };
