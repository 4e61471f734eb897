// The plan-review conformance suite (tests/reports/ at the repository
// root, format in tests/README.md): the case study's review in a language
// and a format, the same text Rust and Python write (the version in the
// footer written as VERSION).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { Actuals, examplePlanJson, report, version } from "salesplan";

import { reportsDir } from "./helpers.mjs";

const read = (path) => readFileSync(path, "utf8");

const cases = existsSync(reportsDir)
  ? readdirSync(reportsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  : [];

describe("plan-review conformance", () => {
  it("has the cases", () => {
    assert.ok(cases.length >= 4, `no review cases in ${reportsDir}`);
  });

  for (const name of cases) {
    it(name, () => {
      const folder = join(reportsDir, name);
      const input = JSON.parse(read(join(folder, "input.json")));
      const plan = examplePlanJson();
      const actuals = Actuals.fromCsv(plan, read(join(folder, input.actuals)));
      const text = report(plan, actuals, {
        as_of: input.as_of,
        hierarchy: input.hierarchy,
        pipeline: JSON.parse(read(join(folder, input.pipeline))),
        lang: input.lang,
        format: input.format,
        simulation: input.simulation,
      });
      actuals.free();
      const expected = read(join(folder, `expected.${input.format}`));
      assert.equal(text.replaceAll(`salesplan ${version()}`, "salesplan VERSION"), expected);
    });
  }

  it("refuses a language it does not write, and unknown options", () => {
    const plan = examplePlanJson();
    const actuals = Actuals.fromCsv(plan, "date,measure,value\n2026-01-05,revenue,10\n");
    assert.throws(
      () => report(plan, actuals, { as_of: "2026-06-30", lang: "fr" }),
      (e) => e.name === "SalesplanError" && e.code === "invalid_argument" && /lang/.test(e.message),
    );
    assert.throws(
      () => report(plan, actuals, { as_of: "2026-06-30", colour: "red" }),
      (e) => e.name === "SalesplanError",
    );
    assert.throws(
      () => report(plan, actuals, { as_of: "2026-06-30", simulation: { trials: 10, bogus: 1 } }),
      (e) => e.name === "SalesplanError",
    );
    const text = report(plan, actuals, { as_of: "2026-06-30", simulation: false, format: "md", lang: "en" });
    assert.ok(text.startsWith("# "));
    assert.ok(!text.includes("## Chance of reaching the target"));
    actuals.free();
  });
});
