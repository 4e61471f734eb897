// The example of the package README's "Large results and many contexts"
// runs as written against the Node build and prints what its comments say.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

import { packageDir } from "./helpers.mjs";

const readme = readFileSync(join(packageDir, "README.md"), "utf8");
const pkg = pathToFileURL(join(packageDir, "js", "salesplan.js")).href;

test("package README: large results and many contexts", async () => {
  const block = /^### Large results and many contexts\n[\s\S]*?```js\n([\s\S]*?)```/m.exec(readme)?.[1];
  assert.ok(block, "no example under the heading");
  // Each console.log is followed by a comment with what it prints.
  const said = [...block.matchAll(/^console\.log\(.*\n\/\/ (.*)$/gm)].map((m) => m[1]);
  assert.equal(said.length, 5);
  const printed = [];
  const log = console.log;
  const cwd = process.cwd();
  console.log = (...args) => printed.push(args.join(" "));
  process.chdir(join(packageDir, ".."));
  try {
    const source = block.replace('from "salesplan"', `from ${JSON.stringify(pkg)}`);
    await import(`data:text/javascript,${encodeURIComponent(source)}`);
  } finally {
    console.log = log;
    process.chdir(cwd);
  }
  assert.deepEqual(printed, said);
});
