// The package's entry for Node: wasm-bindgen's output (pkg/) with every
// export guarded, so that a panic in the Rust code throws a SalesplanError
// with code "internal" instead of a WebAssembly.RuntimeError (js/guard.js).
// tests/panic.test.mjs checks that this list is every export of pkg/.
import * as raw from "../pkg/salesplan.js";

import { guardExports } from "./guard.js";

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
} = guardExports(raw);
