// The JavaScript example in the repository README runs as written, against
// the Node build, and prints what its comments say.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
const pkg = pathToFileURL(fileURLToPath(new URL("../pkg/salesplan.js", import.meta.url))).href;

test("README JavaScript example", async () => {
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 1);
  const source = blocks[0].replace('from "salesplan"', `from ${JSON.stringify(pkg)}`);
  const printed = [];
  const log = console.log;
  console.log = (...args) => printed.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  try {
    await import(`data:text/javascript,${encodeURIComponent(source)}`);
  } finally {
    console.log = log;
  }
  assert.deepEqual(printed, ["[]", "120000000", "3,500万", "invalid_type /id"]);
});
