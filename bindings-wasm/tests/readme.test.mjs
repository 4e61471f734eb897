// The JavaScript examples in the repository README, and the risk control
// and adjustment loop examples in this package's README, run as written
// against the Node build and print what their comments say.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { packageDir } from "./helpers.mjs";

const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
const packageReadme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8");
const pkg = pathToFileURL(fileURLToPath(new URL("../js/salesplan.js", import.meta.url))).href;

/** Runs a block of JavaScript against the Node build; resolves to what it printed. */
async function printedBy(block) {
  const source = block.replace('from "salesplan"', `from ${JSON.stringify(pkg)}`);
  const printed = [];
  const log = console.log;
  console.log = (...args) => printed.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  try {
    await import(`data:text/javascript,${encodeURIComponent(source)}`);
  } finally {
    console.log = log;
  }
  return printed;
}

/** The ```js blocks of a README under a heading, up to the next heading of its level or above (prose after the last block counts in). */
function blocksUnder(text, heading) {
  const level = /^#+/.exec(heading)[0];
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) return [];
  const rest = text.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`^#{1,${level.length}} `, "m"));
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** What a block's comments say it prints: each `console.log(...)` followed by `// what`, or ending its line with it. */
function said(block) {
  const below = [...block.matchAll(/^[ \t]*console\.log\(.*\n[ \t]*\/\/ (.*)$/gm)].map((m) => [m.index, m[1]]);
  const after = [...block.matchAll(/^[ \t]*console\.log\(.*\);[ \t]+\/\/ (.*)$/gm)].map((m) => [m.index, m[1]]);
  return [...below, ...after].sort(([a], [b]) => a - b).map(([, what]) => what);
}

test("README JavaScript example", async () => {
  const [first] = blocksUnder(readme, "## JavaScript (WebAssembly)");
  assert.ok(first, "no JavaScript example in the README");
  assert.deepEqual(await printedBy(first), ["[]", "120000000", "3,500万", "invalid_type /id"]);
});

test("README: further JavaScript examples, run from the repository root", async (t) => {
  const blocks = [
    ...blocksUnder(readme, "## JavaScript (WebAssembly)").slice(1),
    ...blocksUnder(readme, "## Adjusting the plan"),
    ...blocksUnder(readme, "## Monitoring the whole plan"),
    ...blocksUnder(readme, "## Forecast accuracy"),
    ...blocksUnder(readme, "## Weeks and retail calendars"),
    ...blocksUnder(readme, "## Currencies and split credit"),
  ];
  if (blocks.length === 0) return t.skip("none");
  const cwd = process.cwd();
  process.chdir(join(packageDir, ".."));
  try {
    for (const block of blocks) {
      assert.ok(said(block).length > 0, "each console.log says what it prints in a comment");
      assert.deepEqual(await printedBy(block), said(block));
    }
  } finally {
    process.chdir(cwd);
  }
});

test("package README: the adjustment loop", async () => {
  const [block] = blocksUnder(packageReadme, "### The adjustment loop");
  assert.ok(block, "no adjustment loop example in README.md");
  assert.deepEqual(await printedBy(block), said(block));
  assert.deepEqual(said(block), [
    "R-CONV-SERVICE@2026-06-30, R-REV-PACE@2026-06-30",
    'kpi("K-CONV").attainment = 0.7857; kpi("K-REV-HIGH").trend = 400000',
    "2 add /execution/tasks/9; add /execution/tasks/10; replace /resources/budget/1/amount; replace /resources/budget/3/amount; add /strategies/3",
    "accepted as of 2026-06-30; cooling down for 2 period(s), 0 elapsed",
    'rejected 5 task T-10 refers to task "T-09", which does not exist',
    "3 0",
    "base: 125750000.00, two more reps: 133350000.00",
  ]);
});

test("package README: risk control", async () => {
  const block = /^### Risk control\n[\s\S]*?```js\n([\s\S]*?)```/m.exec(packageReadme)?.[1];
  assert.ok(block, "no risk control example in README.md");
  // Each console.log is followed by a comment with what it prints.
  const said = [...block.matchAll(/^console\.log\(.*\n\/\/ (.*)$/gm)].map((m) => m[1]);
  assert.equal(said.length, 4);
  assert.deepEqual(await printedBy(block), said);
  assert.deepEqual(said, [
    "R-MARKET high, R-CHURN high, R-EXEC medium, R-FIN medium",
    "6700000.00",
    "Customer churn and weak conversion: Conversion rate attainment 0.7143 is below 0.8; likelihood 4 → 5, score 12 → 15, level high",
    "0.217400 2455164.85 5192867.37",
  ]);
});
