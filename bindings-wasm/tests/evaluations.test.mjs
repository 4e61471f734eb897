// The evaluation conformance suite (tests/evaluations/ at the repository
// root, format in core/tests/evaluations.rs): a plan (plan.json, or the case
// study), actuals.csv, an optional open pipeline.json, and for each
// NAME.options.json the evaluation expected in NAME.expected.json, byte for
// byte after normalisation.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { Actuals, evaluate, examplePlanJson } from "salesplan";

import { evaluationsDir, normalise } from "./helpers.mjs";

const read = (path) => readFileSync(path, "utf8");

/** [folder, name] of every NAME.options.json, in order. */
const cases = existsSync(evaluationsDir)
  ? readdirSync(evaluationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
      .flatMap((folder) =>
        readdirSync(join(evaluationsDir, folder))
          .filter((file) => file.endsWith(".options.json"))
          .sort()
          .map((file) => [folder, file.slice(0, -".options.json".length)]),
      )
  : [];

function evaluateCase(folder, options) {
  const planPath = join(folder, "plan.json");
  const plan = existsSync(planPath) ? read(planPath) : examplePlanJson();
  const actuals = Actuals.fromCsv(plan, read(join(folder, "actuals.csv")));
  const pipelinePath = join(folder, "pipeline.json");
  try {
    return evaluate(plan, actuals, {
      as_of: options.as_of,
      hierarchy: options.hierarchy ?? [],
      ...(existsSync(pipelinePath) ? { pipeline: JSON.parse(read(pipelinePath)) } : {}),
    }).toJSON();
  } finally {
    actuals.free();
  }
}

describe("evaluation conformance", () => {
  it("has the mid-year and year-end cases", () => {
    assert.ok(cases.length >= 2, `no evaluations in ${evaluationsDir}`);
  });

  for (const [folder, name] of cases) {
    it(`${folder}/${name}`, () => {
      const directory = join(evaluationsDir, folder);
      const options = JSON.parse(read(join(directory, `${name}.options.json`)));
      const expected = read(join(directory, `${name}.expected.json`));
      assert.equal(normalise(evaluateCase(directory, options)), expected);
    });
  }
});
