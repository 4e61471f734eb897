// A panic in Rust is a bug, but it must never pass silently nor arrive as
// anything but the package's own error. This loads a build with the
// `panic-probe` feature (made by scripts/test-wasm.sh into pkg/panic-probe/),
// which has one extra export that panics on purpose, through the same guard
// as the package's entry modules; and checks that those entry modules export
// every export of their build, guarded.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";

import * as salesplan from "salesplan";

import { GUARDED, guardExports } from "../js/guard.js";
import { packageDir } from "./helpers.mjs";

const probePath = join(packageDir, "pkg", "panic-probe", "salesplan.js");

/** The exports of a wasm-bindgen build that are its API. */
const api = (module) => Object.keys(module).filter((name) => !name.startsWith("__")).sort();

/** The exports but `Plan` (js/plan.js), whose methods only call guarded exports. */
const withoutPlan = (module) => Object.fromEntries(Object.entries(module).filter(([name]) => name !== "Plan"));

/** Names of the functions, methods, getters and constructors left unguarded. */
function unguarded(exports) {
  const left = [];
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value !== "function" || name === "default") continue;
    if (!value[GUARDED]) left.push(name);
    for (const [owner, target] of [[`${name}.`, value], [`${name}.prototype.`, value.prototype]]) {
      // Guarded functions have no prototype; classes have their methods there.
      if (!target) continue;
      for (const key of Reflect.ownKeys(target)) {
        if (["constructor", "length", "name", "prototype", GUARDED].includes(key)) continue;
        const descriptor = Object.getOwnPropertyDescriptor(target, key);
        for (const part of ["value", "get", "set"]) {
          if (typeof descriptor[part] === "function" && !descriptor[part][GUARDED]) left.push(`${owner}${String(key)}`);
        }
      }
    }
  }
  return left;
}

describe("a panic", () => {
  it("is logged, thrown as a SalesplanError with code internal, and the module stays usable", async (t) => {
    assert.ok(existsSync(probePath), `${probePath} is missing: build it with scripts/test-wasm.sh`);
    const probe = guardExports(await import(pathToFileURL(probePath).href));
    const logged = [];
    t.mock.method(console, "error", (...args) => logged.push(args.join(" ")));

    for (let i = 0; i < 3; i += 1) {
      assert.throws(() => probe.__panicProbe(`boom on purpose ${i}`), (error) => {
        assert.ok(error instanceof Error, String(error));
        assert.ok(!(error instanceof WebAssembly.RuntimeError), String(error));
        assert.equal(error.name, "SalesplanError");
        assert.equal(error.code, "internal");
        assert.equal(error.path, null);
        assert.equal(error.message, `a bug in salesplan (please report it): boom on purpose ${i}`);
        assert.ok(error.cause instanceof WebAssembly.RuntimeError, String(error.cause));
        return true;
      });
    }
    assert.equal(logged.length, 3);
    assert.match(logged[0], /salesplan panicked \(this is a bug\)/);
    assert.match(logged[0], /boom on purpose 0/);
    assert.match(logged[0], /Stack:/);

    t.mock.restoreAll();
    // The next calls work, methods of classes included.
    assert.equal(probe.parseAmount("1.2亿"), "120000000");
    assert.equal(probe.validate(probe.examplePlan()).filter((d) => d.severity === "error").length, 0);
    const actuals = probe.loadActuals(probe.examplePlan(), "date,measure,value\n2026-01-05,revenue,1\n");
    const evaluation = probe.evaluate(probe.examplePlan(), actuals, { as_of: "2026-01-31" });
    assert.equal(evaluation.kpi("K-REV").actual, "1");
    // Other errors pass through as they were.
    assert.throws(() => probe.parseAmount("1.2亿亿"), (error) => error.name === "SalesplanError" && error.code === "invalid_amount");
  });

  it("in a method or a constructor is a SalesplanError too", () => {
    // Only the probe panics on purpose; a stand-in class whose members trap
    // shows that the guard wraps methods, getters, statics and `new` alike.
    const trap = () => {
      throw new WebAssembly.RuntimeError("unreachable");
    };
    class Handle {
      constructor(fail) {
        if (fail) trap();
      }
      method() {
        trap();
      }
      get value() {
        return trap();
      }
      static make() {
        trap();
      }
    }
    const { Handle: Guarded, plain } = guardExports({ Handle, plain: trap, __takePanicMessage: () => "from the hook" });
    const internal = (error) => error.code === "internal" && error.cause instanceof WebAssembly.RuntimeError;
    assert.throws(() => plain(), internal);
    assert.throws(() => new Guarded(true), internal);
    const handle = new Guarded(false);
    assert.ok(handle instanceof Guarded && handle instanceof Handle);
    assert.throws(() => handle.method(), internal);
    assert.throws(() => handle.value, internal);
    assert.throws(() => Guarded.make(), (error) => internal(error) && /from the hook$/.test(error.message));
    // A TypeError from a wrong argument is not a bug of the library.
    assert.throws(() => guardExports({ f: () => null.x }).f(), TypeError);
  });
});

describe("the entry modules", () => {
  it("export every export of the Node build, every call guarded", async () => {
    const raw = await import(pathToFileURL(join(packageDir, "pkg", "salesplan.js")).href);
    assert.deepEqual(api(salesplan), [...api(raw), "Plan"].sort());
    assert.deepEqual(unguarded(withoutPlan(salesplan)), []);
    assert.ok(Object.keys(salesplan).length > 25);
  });

  it("export every export of the web build, every call guarded, and init", async () => {
    const raw = await import(pathToFileURL(join(packageDir, "pkg-web", "salesplan.js")).href);
    const web = await import("salesplan/web");
    assert.deepEqual(api(web), [...api(raw), "Plan"].sort());
    assert.equal(web.default, raw.default);
    assert.deepEqual(unguarded(withoutPlan(web)), []);
  });
});
