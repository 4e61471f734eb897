// Shared by the node tests: paths and the normal form of JSON used by the
// conformance suite.
import { fileURLToPath } from "node:url";

/** The folder of the npm package (bindings-wasm/). */
export const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** The language-neutral conformance cases (tests/cases/ at the repository root). */
export const casesDir = fileURLToPath(new URL("../../tests/cases/", import.meta.url));

/** The evaluation conformance cases (tests/evaluations/). */
export const evaluationsDir = fileURLToPath(new URL("../../tests/evaluations/", import.meta.url));

/** The decomposition conformance cases (tests/decompositions/). */
export const decompositionsDir = fileURLToPath(new URL("../../tests/decompositions/", import.meta.url));

/** The risk conformance cases (tests/risk/). */
export const riskDir = fileURLToPath(new URL("../../tests/risk/", import.meta.url));

/** The adjustment conformance cases (tests/adjust/). */
export const adjustDir = fileURLToPath(new URL("../../tests/adjust/", import.meta.url));

/** The actuals conformance cases (tests/actuals/). */
export const actualsDir = fileURLToPath(new URL("../../tests/actuals/", import.meta.url));

/** The plan-review cases (tests/reports/). */
export const reportsDir = fileURLToPath(new URL("../../tests/reports/", import.meta.url));

/** The partial-evaluation cases (tests/partials/). */
export const partialsDir = fileURLToPath(new URL("../../tests/partials/", import.meta.url));

/** The bad-input cases (tests/bad-input/). */
export const badInputDir = fileURLToPath(new URL("../../tests/bad-input/", import.meta.url));

/** A copy of `value` whose object keys are sorted, recursively. */
export function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys(value[key])]),
    );
  }
  return value;
}

/** The normal form of the expected files: sorted keys, two spaces, a final newline. */
export function normalise(value) {
  return JSON.stringify(sortKeys(value), null, 2) + "\n";
}

/** Calls `f` and returns what it throws (failing when it returns). */
export function thrown(f) {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("expected an exception");
}

/** The monitoring cases (tests/monitoring/). */
export const monitoringDir = fileURLToPath(new URL("../../tests/monitoring/", import.meta.url));
