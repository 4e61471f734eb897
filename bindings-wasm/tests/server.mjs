// A tiny static file server for the demo page and the web build, on
// 127.0.0.1 and a free port. Used by the browser tests; `npm run demo` runs
// it by hand and prints the address of the demo.
//
// Besides the package folder it serves, read-only, the case study's actuals
// and open deals from the repository (tests/evaluations/case-study/) under
// /case-study/, so that the demo page loads the very files the conformance
// suite reads instead of a copy kept in the package.
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

import { evaluationsDir, packageDir } from "./helpers.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
};

/** URL prefix → folder served under it, besides the root: the case study's data. */
export const DATA_MOUNTS = Object.freeze({ "/case-study/": join(evaluationsDir, "case-study") });

/**
 * The file a request path names: under the folder of the longest mount
 * prefix it starts with, else under `base`; `null` when the path climbs out
 * of that folder.
 */
function locate(base, mounts, pathname) {
  let folder = base;
  let rest = pathname;
  for (const [prefix, mounted] of mounts) {
    if (pathname.startsWith(prefix)) {
      folder = mounted;
      rest = pathname.slice(prefix.length - 1);
      break;
    }
  }
  const file = resolve(folder, "." + rest);
  return file === folder || file.startsWith(folder + sep) ? file : null;
}

/**
 * Serves the files under `root`, and those under each folder of `mounts`
 * at its prefix (`{"/case-study/": folder}`), for GET and HEAD only;
 * resolves to `{url, close}`.
 */
export function serve(root = packageDir, port = 0, mounts = DATA_MOUNTS) {
  const base = resolve(root);
  const mounted = Object.entries(mounts)
    .map(([prefix, folder]) => [prefix.endsWith("/") ? prefix : prefix + "/", resolve(folder)])
    .sort(([a], [b]) => b.length - a.length);
  const server = createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("read-only");
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    } catch {
      response.writeHead(400, { "content-type": "text/plain" }).end("bad path");
      return;
    }
    let file = locate(base, mounted, pathname);
    if (file === null) {
      response.writeHead(403, { "content-type": "text/plain" }).end("forbidden");
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      statSync(file);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      const { port } = server.address();
      done({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((closed) => {
            server.close(closed);
            server.closeAllConnections();
          }),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url } = await serve(packageDir, Number(process.env.PORT ?? 8080));
  console.log(`salesplan demo: ${url}/demo/ (Ctrl-C to stop)`);
}
