// The demo page's whole loop in headless Chromium, driven like a person:
// the case study's plan and FY2026 actuals load by themselves, the
// evaluation, the risk register, the seeded simulation and the rules'
// proposals at mid-year show what the native build computes (the
// conformance files under tests/ at the repository root, and the Node build
// for what they do not hold), accepting the proposal shows revision 2's
// change and its year's end on track, another CSV is read with its bad and
// out-of-period rows reported, and a screenshot is taken. Set
// SALESPLAN_DEMO_SCREENSHOT to keep the screenshot at a path of your own.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import * as salesplan from "salesplan";

import { openDemo } from "./chromium.mjs";
import { adjustDir, evaluationsDir, riskDir } from "./helpers.mjs";

const readJson = (...path) => JSON.parse(readFileSync(join(...path), "utf8"));
const caseStudy = join(evaluationsDir, "case-study");
const midYear = readJson(caseStudy, "midyear.expected.json");
const deals = readJson(caseStudy, "pipeline.json");
const register = readJson(riskDir, "register-midyear", "expected.json").result;
const simulation = readJson(riskDir, "simulate-midyear", "expected.json").result;
const simulationInput = readJson(riskDir, "simulate-midyear", "input.json");
const loop = readJson(adjustDir, "case-study-loop", "expected.json").result;
const loopInput = readJson(adjustDir, "case-study-loop", "input.json");

/** The decimal fields of a KPI row, as the page's table has them. */
const FIELDS = ["target", "expected", "actual", "attainment", "forecast_run_rate", "forecast_trend", "forecast_pipeline"];

describe("the demo page's plan loop", { timeout: 180_000 }, () => {
  let demo;
  let page;
  let problems = [];

  before(async () => {
    demo = await openDemo();
    ({ page, problems } = demo);
  });

  after(async () => {
    await demo?.close();
  });

  /** Every KPI row of the table in `selector`: kpi, node, status and the exact decimals (null when absent). */
  const kpiRows = (selector) =>
    page.$$eval(`${selector} tbody tr`, (rows) =>
      rows.map((row) => {
        const values = {};
        for (const cell of row.querySelectorAll("td[data-field]")) values[cell.dataset.field] = cell.dataset.value ?? null;
        return { kpi: row.dataset.kpi, node: row.dataset.node, ...values };
      }),
    );

  /** The text of the cell `field` in the company's row of `kpi` in `selector`. */
  const cellText = (selector, kpi, field) => page.textContent(`${selector} tr[data-kpi="${kpi}"][data-node=""] td[data-field="${field}"]`);

  it("loads the case study's plan, actuals and open deals by itself", async () => {
    assert.equal(await page.getAttribute("html", "data-state"), "ready", problems.join("\n"));
    assert.equal(await page.inputValue("#as-of"), "2026-06-30");
    assert.match(await page.textContent("#summary"), /^0 errors/);
    const csvRows = readFileSync(join(caseStudy, "actuals.csv"), "utf8").trim().split("\n").length - 1;
    const counts = await page.$eval("#actuals-counts", (e) => ({ ...e.dataset, text: e.textContent }));
    assert.deepEqual(counts, { rows: String(csvRows), skipped: "0", warnings: "0", text: `${csvRows} rows loaded · 0 skipped · 0 warnings` });
    assert.match(await page.textContent("#actuals-source"), /actuals\.csv/);
    assert.equal(await page.textContent("#pipeline-source"), `${deals.length} open deals from case study: pipeline.json`);
  });

  it("evaluates the company at mid-year, amounts in 万 and 亿", async () => {
    const company = midYear.kpis.filter((k) => k.node === "");
    const rows = await kpiRows("#evaluation");
    assert.deepEqual(
      rows,
      company.map((k) => ({ kpi: k.kpi, node: k.node, status: k.status, ...Object.fromEntries(FIELDS.map((f) => [f, k[f]])) })),
    );
    const revenue = company.find((k) => k.kpi === "K-REV");
    assert.equal(revenue.actual, "51216000.00");
    assert.equal(await cellText("#evaluation", "K-REV", "actual"), salesplan.formatAmount(revenue.actual));
    assert.equal(await cellText("#evaluation", "K-REV", "target"), "1.2亿");
    assert.equal(await cellText("#evaluation", "K-REV", "status"), "on track");
    assert.equal(await cellText("#evaluation", "K-CONV", "attainment"), "78.57%");
  });

  it("evaluates every region when the hierarchy is chosen, as the native build does", async () => {
    await page.selectOption("#hierarchy", "region");
    await page.waitForSelector('#evaluation tr[data-node="region=east"]');
    const rows = await kpiRows("#evaluation");
    assert.deepEqual(
      rows,
      midYear.kpis.map((k) => ({ kpi: k.kpi, node: k.node, status: k.status, ...Object.fromEntries(FIELDS.map((f) => [f, k[f]])) })),
    );
  });

  it("scores the risk register against the evaluation", async () => {
    const rows = await page.$$eval("#risks tbody tr", (trs) =>
      trs.map((tr) => ({
        risk: tr.dataset.risk,
        inherent: tr.dataset.inherent,
        residual: tr.dataset.residual,
        exposure: tr.querySelector("td.num").dataset.value ?? null,
        breached: [...tr.querySelectorAll("li[data-breached='true']")].map((li) => li.dataset.kpi),
      })),
    );
    assert.deepEqual(
      rows,
      register.risks.map((r) => ({
        risk: r.risk,
        inherent: r.inherent.level ?? "",
        residual: r.residual.level ?? "",
        exposure: r.exposure,
        breached: r.indicators.filter((i) => i.breached).map((i) => i.kpi),
      })),
    );
    assert.deepEqual(await page.$$eval("#risks ul.moves li", (lis) => lis.map((li) => li.textContent)), register.moves.map((m) => m.message));
  });

  it("simulates in a worker with the native build's numbers for the same seed", async () => {
    assert.equal(Number(await page.inputValue("#trials")), simulationInput.options.trials);
    assert.equal(Number(await page.inputValue("#seed")), simulationInput.options.seed);
    await page.waitForSelector("#simulation[data-state='done']", { timeout: 60_000 });
    const shown = await page.$$eval("#simulation-result [data-field]", (cells) => Object.fromEntries(cells.map((c) => [c.dataset.field, c.dataset.value])));
    assert.deepEqual(shown, {
      probability: simulation.probability,
      p10: simulation.p10,
      p50: simulation.p50,
      p90: simulation.p90,
      target: simulation.target,
    });
    assert.equal(await page.getAttribute("#simulation-result", "data-probability"), simulation.probability);
    assert.equal(await page.textContent("#simulation-result [data-field='target']"), "1.2亿");
  });

  it("shows a simulation option out of range as the package's error, and runs again when it is put right", async () => {
    await page.fill("#trials", "0");
    await page.dispatchEvent("#trials", "change");
    await page.waitForSelector("#simulation[data-state='failed']");
    assert.match(await page.textContent("#simulation-error"), /^The simulation cannot run: invalid_argument/);
    await page.fill("#trials", String(simulationInput.options.trials));
    await page.click("#simulate");
    await page.waitForSelector("#simulation[data-state='done']", { timeout: 60_000 });
    assert.equal(await page.isVisible("#simulation-error"), false);
    assert.equal(await page.getAttribute("#simulation-result", "data-probability"), simulation.probability);
  });

  it("draws every chart, each a non-empty picture, the burn-up not blank", async () => {
    const figures = await page.$$eval("#charts figure[data-chart]", (list) =>
      list.map((f) => {
        const svg = f.querySelector("svg");
        const box = svg?.getBoundingClientRect();
        return { chart: f.dataset.chart, state: f.dataset.state, width: box?.width ?? 0, height: box?.height ?? 0 };
      }),
    );
    assert.deepEqual(figures.map((f) => f.chart), ["burn_up", "kpi_bullets", "gap_waterfall", "risk_heatmap", "outcome_histogram", "gantt", "budget_burn"]);
    for (const figure of figures) {
      assert.equal(figure.state, "drawn", figure.chart);
      assert.ok(figure.width > 100 && figure.height > 50, `${figure.chart}: ${figure.width}×${figure.height}`);
    }
    // The burn-up as pixels: a screenshot of its figure has many colours,
    // not one blank background.
    const png = await page.locator("#charts figure[data-chart='burn_up'] svg").screenshot();
    const colours = await page.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = new OffscreenCanvas(image.width, image.height);
      const context = canvas.getContext("2d");
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      const seen = new Set();
      let ink = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const rgb = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
        seen.add(rgb);
        if (rgb !== 0xffffff) ink += 1;
      }
      return { distinct: seen.size, ink, total: pixels.length / 4 };
    }, png.toString("base64"));
    assert.ok(colours.distinct > 20, `only ${colours.distinct} colours in the burn-up`);
    assert.ok(colours.ink > colours.total / 50, `the burn-up is nearly blank: ${colours.ink} of ${colours.total} pixels drawn`);
  });

  it("proposes customer service at mid-year, with its facts and actions", async () => {
    const proposal = loop.proposals.proposals[0];
    assert.equal(proposal.id, "R-CONV-SERVICE@2026-06-30");
    const card = `#proposals article[data-proposal="${proposal.id}"]`;
    assert.deepEqual(
      await page.$$eval("#proposals article", (list) => list.map((a) => a.dataset.proposal)),
      loop.proposals.proposals.map((p) => p.id),
    );
    assert.deepEqual(
      await page.$$eval(`${card} table.facts tbody tr`, (rows) => rows.map((r) => ({ fact: r.cells[0].textContent, value: r.cells[1].textContent }))),
      proposal.facts,
    );
    assert.deepEqual(await page.$$eval(`${card} ol.actions-list li`, (lis) => lis.map((li) => li.dataset.type)), proposal.actions.map((a) => a.type));
    assert.match(await page.textContent(`${card} ol.actions-list`), /move 150万 from B-PROMO to B-TRAIN/);
  });

  it("accepts it: revision 2's change, and its year's end on track; the editor holds revision 2", async () => {
    assert.equal(await page.isVisible("#revision"), false);
    assert.equal(await page.inputValue("#change-author"), loopInput.change.author);
    await page.click('#proposals article[data-proposal="R-CONV-SERVICE@2026-06-30"] button.accept');
    await page.waitForSelector("#revision[data-number='2']", { state: "visible" });

    // The diff the page shows is the one the native build makes for the same change.
    const plan = salesplan.examplePlanJson();
    const actuals = salesplan.Actuals.fromCsv(plan, readFileSync(join(caseStudy, "actuals.csv"), "utf8"));
    let expectedPatch;
    try {
      const evaluation = salesplan.evaluate(plan, actuals, { as_of: "2026-06-30", hierarchy: ["region"], pipeline: deals }).toJSON();
      const [proposal] = salesplan.propose(plan, evaluation).proposals;
      const revised = salesplan.apply(plan, [proposal], loopInput.change, evaluation);
      expectedPatch = salesplan.diff(plan, revised.plan);
    } finally {
      actuals.free();
    }
    const shownPatch = await page.$$eval("#diff tbody tr", (rows) => rows.map((r) => [r.dataset.op, r.dataset.path]));
    assert.deepEqual(shownPatch, expectedPatch.map((op) => [op.op, op.path]));
    assert.ok(shownPatch.some(([op, path]) => op === "add" && path.startsWith("/strategies/")), JSON.stringify(shownPatch));

    const [yearEnd] = (await kpiRows("#year-end")).filter((r) => r.kpi === "K-REV");
    assert.equal(yearEnd.status, "on_track");
    assert.equal(yearEnd.status, loop.final.status);
    assert.equal(yearEnd.actual, loop.final.actual);
    assert.equal(yearEnd.attainment, loop.final.attainment);
    assert.equal(await cellText("#year-end", "K-REV", "status"), "on track");

    const edited = JSON.parse(await page.inputValue("#plan"));
    assert.deepEqual(edited.revision, loop.plan_revision);
    assert.ok(edited.strategies.some((s) => s.id === "S-CARE"));
    // The page carries on with revision 2: valid, and the rule cools down.
    assert.match(await page.textContent("#summary"), /^0 errors/);
    assert.equal(await page.$$eval("#proposals article", (list) => list.length), 0);
    assert.equal(await page.getAttribute("#proposals [data-suppressed]", "data-suppressed"), "R-CONV-SERVICE");
  });

  it("takes a screenshot of the whole page", async () => {
    await page.waitForSelector("#simulation[data-state='done']", { timeout: 60_000 });
    const path = process.env.SALESPLAN_DEMO_SCREENSHOT || join(mkdtempSync(join(tmpdir(), "salesplan-demo-")), "demo.png");
    await page.screenshot({ path, fullPage: true });
    const png = readFileSync(path);
    assert.ok(statSync(path).size > 10_000, `${path}: ${statSync(path).size} bytes`);
    assert.deepEqual([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(""), "PNG");
    console.log(`# demo screenshot: ${path}`);
  });

  it("reads another CSV: bad rows are skipped and listed, rows outside the year are warned about", async () => {
    const csv = [
      "date,measure,value,region",
      "2026-01-31,revenue,1200000.00,east",
      "2026-02-30,revenue,1300000.00,east",
      "2026-03-31,revenue,1500000.00,west",
      "2027-01-31,revenue,900000.00,east",
    ].join("\n");
    await page.setInputFiles("#file", { name: "three-months.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.waitForSelector("#actuals-source:has-text('three-months.csv')");
    const counts = await page.$eval("#actuals-counts", (e) => ({ ...e.dataset }));
    assert.deepEqual(counts, { rows: "3", skipped: "1", warnings: "1" });
    const skipped = await page.$$eval("#actuals-problems tbody tr", (rows) => rows.map((r) => [r.cells[0].textContent, r.cells[1].textContent]));
    assert.deepEqual(skipped, [["2", "date"]]);
    assert.match(await page.textContent("#actuals-warnings"), /outside_period/);
    // The table follows the new actuals: 120万 + 150万 by mid-year.
    assert.equal((await kpiRows("#evaluation")).find((r) => r.kpi === "K-REV" && r.node === "").actual, "2700000.00");

    await page.click("#use-case-study");
    await page.waitForSelector("#actuals-counts[data-rows='300']");
  });

  it("takes a JSON list of open deals dropped on the page as the pipeline", async () => {
    const deal = { id: "D-900", amount: "20000000.00", probability: "0.5", expected_close: "2026-09-30" };
    const dropped = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "one-deal.json", { type: "application/json" }));
      return transfer;
    }, JSON.stringify([deal]));
    await page.dispatchEvent("#drop", "drop", { dataTransfer: dropped });
    await page.waitForSelector("#pipeline-source:has-text('one-deal.json')");
    assert.equal(await page.textContent("#pipeline-source"), "1 open deal from one-deal.json");
    // The pipeline forecast is the actual plus the weighted deal: 5,121.6万 + 1,000万.
    const revenue = (await kpiRows("#evaluation")).find((r) => r.kpi === "K-REV" && r.node === "");
    assert.equal(revenue.forecast_pipeline, "61216000.00");

    await page.click("#use-case-study");
    await page.waitForSelector(`#pipeline-source:has-text('${deals.length} open deals')`);
  });

  it("gives no console errors or warnings on the way", () => {
    assert.deepEqual(problems, []);
  });
});

describe("the demo page without the case study's files", { timeout: 60_000 }, () => {
  let demo;

  before(async () => {
    demo = await openDemo({ mounts: {} });
  });

  after(async () => {
    await demo?.close();
  });

  it("still loads, validates the plan and asks for a file of actuals", async () => {
    const { page, problems } = demo;
    assert.equal(await page.getAttribute("html", "data-state"), "ready", problems.join("\n"));
    assert.match(await page.textContent("#summary"), /^0 errors/);
    assert.equal(await page.textContent("#actuals-source"), "No actuals yet: choose or drop a CSV file.");
    assert.equal(await page.textContent("#evaluation"), "There are no actuals to evaluate.");
    assert.equal(await page.getAttribute("#simulation", "data-state"), "idle");
    // The only complaints are the two files the server does not have.
    assert.deepEqual(
      problems.filter((p) => !/404/.test(p)),
      [],
    );
    assert.equal(problems.length, 2, problems.join("\n"));
  });
});
