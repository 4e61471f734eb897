// A panic in Rust is a bug, but it must never pass silently. This loads a
// build with the `panic-probe` feature (made by scripts/test-wasm.sh into
// pkg/panic-probe/), which has one extra export that panics on purpose.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";
import { pathToFileURL } from "node:url";

import { packageDir } from "./helpers.mjs";

const probePath = join(packageDir, "pkg", "panic-probe", "salesplan.js");

it("a panic is logged to console.error, thrown as a RuntimeError, and the module stays usable", async (t) => {
  assert.ok(existsSync(probePath), `${probePath} is missing: build it with scripts/test-wasm.sh`);
  const probe = await import(pathToFileURL(probePath).href);
  const logged = [];
  t.mock.method(console, "error", (...args) => logged.push(args.join(" ")));

  assert.throws(() => probe.__panicProbe("boom on purpose"), (error) => {
    assert.ok(error instanceof WebAssembly.RuntimeError, String(error));
    return true;
  });
  assert.equal(logged.length, 1);
  assert.match(logged[0], /salesplan panicked \(this is a bug\)/);
  assert.match(logged[0], /boom on purpose/);
  assert.match(logged[0], /Stack:/);

  t.mock.restoreAll();
  assert.equal(probe.parseAmount("1.2亿"), "120000000");
  assert.equal(probe.validatePlan(probe.examplePlan()).filter((d) => d.severity === "error").length, 0);
});
