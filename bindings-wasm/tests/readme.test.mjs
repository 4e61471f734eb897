// The JavaScript example in the repository README, and the risk control
// example in this package's README, run as written against the Node build
// and print what their comments say.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
const packageReadme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8");
const pkg = pathToFileURL(fileURLToPath(new URL("../pkg/salesplan.js", import.meta.url))).href;

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

test("README JavaScript example", async () => {
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 1);
  assert.deepEqual(await printedBy(blocks[0]), ["[]", "120000000", "3,500万", "invalid_type /id"]);
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
