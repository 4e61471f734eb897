// The language-neutral conformance suite (tests/cases/ at the repository
// root, format in tests/README.md): every case's input, given as text, must
// give exactly the expected JSON, byte for byte after normalisation.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";

import { parsePlan, validate } from "salesplan";

import { casesDir, normalise } from "./helpers.mjs";

/** What every binding produces for one input text. */
function outcome(text) {
  try {
    parsePlan(text);
    return { diagnostics: validate(text) };
  } catch (error) {
    if (error?.name !== "SalesplanError") throw error;
    return { error: { code: error.code, path: error.path, message: error.message } };
  }
}

const cases = existsSync(casesDir)
  ? readdirSync(casesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  : [];

describe("conformance", () => {
  it("has cases", () => {
    assert.ok(cases.length > 0, `no cases in ${casesDir}`);
  });

  for (const name of cases) {
    it(name, () => {
      const input = readFileSync(join(casesDir, name, "input.json"), "utf8");
      const expected = readFileSync(join(casesDir, name, "expected.json"), "utf8");
      assert.equal(normalise(outcome(input)), expected);
    });
  }
});
