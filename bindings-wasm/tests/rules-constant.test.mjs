// A rule whose condition reads no fact (`2 > 5`), evaluated first in a
// fresh module: the core indexed the constant 1 of the condition's
// arithmetic past the end of its empty scratch, which aborted the module.
// Node runs each test file in its own process, so this is the module's
// first evaluation.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { RuleSet, examplePlan } from "salesplan";

describe("RuleSet without facts", () => {
  it("evaluates conditions of constants first thing", () => {
    const plan = structuredClone(examplePlan());
    const template = plan.rules[0];
    plan.rules = [
      ["R-NEVER", "2 > 5"],
      ["R-ALWAYS", "1 + 1 == 2 * 1"],
    ].map(([id, when]) => ({ ...template, id, name: id, when, actions: [{ type: "recommend", message: "m" }] }));
    const rules = new RuleSet(plan);
    try {
      assert.deepEqual(rules.facts, []);
      assert.deepEqual(rules.evaluate({}), ["R-ALWAYS"]);
    } finally {
      rules.free();
    }
  });
});
