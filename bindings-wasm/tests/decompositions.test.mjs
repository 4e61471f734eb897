// The decomposition conformance suite (tests/decompositions/ at the
// repository root, format in tests/README.md): allocation, goal phasing,
// cascades and gap decomposition, byte for byte after normalisation. A goal
// is phased over the case study or the plan `plan` names (relative to the
// case folder).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { allocate, cascade, decomposeGap, examplePlanJson, phaseGoal } from "salesplan";

import { decompositionsDir, normalise } from "./helpers.mjs";

const OPERATIONS = {
  allocate: (input) => allocate(input.total, input.weights, input.scale),
  phase_goal: (input, folder) =>
    phaseGoal(input.plan ? readFileSync(join(folder, input.plan), "utf8") : examplePlanJson(), input.goal),
  cascade: (input) => cascade(input.total, input.tree),
  gap: (input) => decomposeGap(input.planned, input.actual),
};

function run(input, folder) {
  const operation = OPERATIONS[input.operation];
  assert.ok(operation, `unknown operation ${input.operation}`);
  try {
    return { result: operation(input, folder) };
  } catch (error) {
    if (error?.name !== "SalesplanError") throw error;
    return { error: { code: error.code, message: error.message } };
  }
}

const cases = existsSync(decompositionsDir)
  ? readdirSync(decompositionsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(decompositionsDir, entry.name, "input.json")))
      .map((entry) => entry.name)
      .sort()
  : [];

describe("decomposition conformance", () => {
  it("has cases", () => {
    assert.ok(cases.length >= 8, `no decompositions in ${decompositionsDir}`);
  });

  for (const name of cases) {
    it(name, () => {
      const folder = join(decompositionsDir, name);
      const input = JSON.parse(readFileSync(join(folder, "input.json"), "utf8"));
      const expected = readFileSync(join(folder, "expected.json"), "utf8");
      assert.equal(normalise(run(input, folder)), expected);
    });
  }
});
