// Runs `simulate` off the page's thread, so that the page stays responsive
// while thousands of trials run. A message is
// `{id, plan, csv, pipeline, options}` (the plan's text, the actuals' CSV
// text or null, the deals or null, SimulationOptions); the answer is
// `{id, result}` or `{id, error: {name, code, path, message}}`. Actuals are
// read here again: a WebAssembly handle cannot cross to a worker.
import init, { Actuals, simulate } from "../js/salesplan-web.js";

const ready = init();

/** An error as plain data that can be posted back. */
const plain = (error) => ({
  name: error?.name ?? "Error",
  code: error?.code ?? null,
  path: error?.path ?? null,
  message: String(error?.message ?? error),
});

self.addEventListener("message", async ({ data }) => {
  const { id, plan, csv, pipeline, options } = data;
  let actuals = null;
  try {
    await ready;
    actuals = csv === null ? null : Actuals.fromCsv(plan, csv, { lenient: true });
    const started = performance.now();
    const result = simulate(plan, actuals, pipeline, options);
    self.postMessage({ id, result, millis: Math.round(performance.now() - started) });
  } catch (error) {
    self.postMessage({ id, error: plain(error) });
  } finally {
    actuals?.free();
  }
});
