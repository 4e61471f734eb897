// The package's entry for browsers (`salesplan/web`): wasm-bindgen's web
// output (pkg-web/) with every export guarded, so that a panic in the Rust
// code throws a SalesplanError with code "internal" instead of a
// WebAssembly.RuntimeError (js/guard.js). `init` (the default export) is
// passed through. tests/panic.test.mjs checks that this list is every
// export of pkg-web/.
import * as raw from "../pkg-web/salesplan.js";

import { guardExports } from "./guard.js";
import { definePlan } from "./plan.js";

export { default } from "../pkg-web/salesplan.js";
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
  initSync,
} = guarded;

/** A plan read once, with the functions above as its methods (js/plan.js). */
export const Plan = definePlan(guarded);
