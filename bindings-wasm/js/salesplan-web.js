// The package's entry for browsers (`salesplan/web`): wasm-bindgen's web
// output (pkg-web/) with every export guarded, so that a panic in the Rust
// code throws a SalesplanError with code "internal" instead of a
// WebAssembly.RuntimeError (js/guard.js). `init` (the default export) is
// passed through. tests/panic.test.mjs checks that this list is every
// export of pkg-web/.
import * as raw from "../pkg-web/salesplan.js";

import { guardExports } from "./guard.js";

export { default } from "../pkg-web/salesplan.js";
export const {
  Actuals,
  EvaluationResult,
  History,
  Partial,
  RuleSet,
  accuracy,
  allocate,
  applyProposals,
  cascade,
  chartBudgetBurn,
  chartBurnUp,
  chartGantt,
  chartGapWaterfall,
  chartKpiBullets,
  chartOutcomeHistogram,
  chartRiskHeatmap,
  compareScenarios,
  decomposeGap,
  diffPlans,
  editPlan,
  evaluate,
  evaluatePartial,
  evaluatePlan,
  examplePlan,
  examplePlanJson,
  fold,
  formatAmount,
  headsNeeded,
  loadActuals,
  monitor,
  parseAmount,
  parsePlan,
  phaseGoal,
  planSchema,
  propose,
  replay,
  report,
  reverseFunnel,
  riskRegister,
  scorecards,
  simulate,
  snapshot,
  unitEconomics,
  validatePlan,
  version,
  initSync,
} = guardExports(raw);
