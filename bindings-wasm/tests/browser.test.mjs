// The web build in headless Chromium: the demo page imports the web entry
// (js/salesplan-web.js, which guards pkg-web/), checks
// the example plan and reads an amount; the test reads what it reports and
// then drives the page like a person would. A seeded simulation in the page
// gives the numbers of the native build, and so do the case study's
// mid-year proposals.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { openDemo } from "./chromium.mjs";
import { adjustDir, evaluationsDir, riskDir } from "./helpers.mjs";

describe("web build in headless Chromium", { timeout: 120_000 }, () => {
  let demo;
  let page;
  let problems = [];

  before(async () => {
    demo = await openDemo();
    ({ page, problems } = demo);
  });

  /** Puts text in the editor at once (typing 30 kB key by key is slow). */
  const setPlanText = (text) => page.$eval("#plan", (textarea, value) => (textarea.value = value), text);

  after(async () => {
    await demo?.close();
  });

  it("loads the web build and reports the example plan", async () => {
    assert.equal(await page.getAttribute("html", "data-state"), "ready", problems.join("\n"));
    const report = await page.evaluate(() => window.salesplanDemo.report);
    assert.match(report.version, /^\d+\.\d+\.\d+/);
    assert.equal(report.exampleTarget, "120000000.00");
    assert.deepEqual(
      report.diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    assert.equal(report.amount, "120000000");
    assert.equal(await page.textContent("#amount-wan"), "12,000万");
    assert.match(await page.textContent("#summary"), /^0 errors/);
  });

  it("shows the diagnostics of an edited plan in the table", async () => {
    const text = await page.inputValue("#plan");
    const plan = JSON.parse(text);
    plan.execution.tasks[0].due = "2025-01-01";
    plan.goals[1].deadline = undefined;
    await setPlanText(JSON.stringify(plan, null, 2));
    await page.click("#validate");
    const codes = await page.$$eval("#diagnostics tbody tr td.code", (cells) => cells.map((c) => c.textContent));
    if (process.env.SALESPLAN_SCREENSHOT) {
      await page.screenshot({ path: process.env.SALESPLAN_SCREENSHOT, fullPage: true });
    }
    assert.ok(codes.includes("task_due_before_start"), codes.join(", "));
    assert.equal(await page.isVisible("#error"), false);
  });

  it("shows a SalesplanError for a document that cannot be read", async () => {
    await setPlanText('{"schema": "salesplan/1", "id": 7}');
    await page.click("#validate");
    assert.equal(await page.isVisible("#error"), true);
    assert.match(await page.textContent("#error"), /invalid_type at \/id/);
    assert.equal(await page.$$eval("#diagnostics tbody tr", (rows) => rows.length), 0);
    // And the raw error object, thrown by the web build itself.
    const error = await page.evaluate(async () => {
      const { parsePlan } = await import("/js/salesplan-web.js");
      try {
        parsePlan("{");
        return null;
      } catch (e) {
        return { isError: e instanceof Error, name: e.name, code: e.code, path: e.path };
      }
    });
    assert.deepEqual(error, { isError: true, name: "SalesplanError", code: "syntax", path: "" });
  });

  it("simulates with the same numbers as the native build", async () => {
    const read = (file) => JSON.parse(readFileSync(join(riskDir, "simulate-small-exact", file), "utf8"));
    const input = read("input.json");
    const camelCase = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    const options = Object.fromEntries(Object.entries(input.options).map(([k, v]) => [camelCase(k), v]));
    const simulation = await page.evaluate(async ([pipeline, options]) => {
      const { examplePlanJson, simulate } = await import("/js/salesplan-web.js");
      return simulate(examplePlanJson(), null, pipeline, options);
    }, [input.pipeline, options]);
    assert.deepEqual(simulation, read("expected.json").result);
  });

  it("proposes what the native build proposes at mid-year", async () => {
    const csv = readFileSync(join(evaluationsDir, "case-study", "actuals.csv"), "utf8");
    const proposals = await page.evaluate(async (csv) => {
      const { Actuals, evaluate, examplePlanJson, propose } = await import("/js/salesplan-web.js");
      const plan = examplePlanJson();
      const actuals = Actuals.fromCsv(plan, csv);
      try {
        return propose(plan, evaluate(plan, actuals, { as_of: "2026-06-30" }).toJSON());
      } finally {
        actuals.free();
      }
    }, csv);
    const expected = JSON.parse(readFileSync(join(adjustDir, "case-study-loop", "expected.json"), "utf8"));
    assert.deepEqual(proposals, expected.result.proposals);
  });

  it("resets to the example; no console errors or warnings on the way", async () => {
    await page.click("#reset");
    assert.match(await page.textContent("#summary"), /^0 errors/);
    assert.equal(await page.textContent("#diagnostics tbody"), "No findings.");
    assert.deepEqual(problems, []);
  });
});
