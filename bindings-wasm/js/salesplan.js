// The package's entry for Node: wasm-bindgen's output (pkg/) with every
// export guarded, so that a panic in the Rust code throws a SalesplanError
// with code "internal" instead of a WebAssembly.RuntimeError (js/guard.js).
// tests/panic.test.mjs checks that this list is every export of pkg/.
import * as raw from "../pkg/salesplan.js";

import { guardExports } from "./guard.js";
import { definePlan } from "./plan.js";

const guarded = guardExports(raw);

export const {
  Actuals,
  EvaluationResult,
  History,
  Partial,
  RuleSet,
  accuracy,
  allocate,
  apply,
  applyPatch,
  cascade,
  chartBudgetBurn,
  chartBurnUp,
  chartGantt,
  chartGapWaterfall,
  chartKpiBullets,
  chartOutcomeHistogram,
  chartRiskHeatmap,
  decomposeGap,
  diff,
  edit,
  evaluate,
  evaluatePartial,
  examplePlan,
  examplePlanJson,
  fold,
  formatAmount,
  formatMoney,
  headsNeeded,
  loadActuals,
  monitor,
  optionsSchema,
  outputsSchema,
  parseAmount,
  parsePlan,
  phaseGoal,
  planSchema,
  propose,
  replay,
  report,
  reverseFunnel,
  riskRegister,
  scenarios,
  scorecards,
  sections,
  simulate,
  snapshot,
  summary,
  unitEconomics,
  validate,
  version,
} = guarded;

/** A plan read once, with the functions above as its methods (js/plan.js). */
export const Plan = definePlan(guarded);
