// The simulation panel: the chance of reaching the revenue goal with a fixed
// seed, run in a worker (simulate-worker.js) whenever the inputs change or
// the button is pressed. Only the answer to the latest request is shown.
import { $, h, showError } from "./dom.js";
import { money, percent } from "./format.js";

const worker = new Worker(new URL("./simulate-worker.js", import.meta.url), { type: "module" });
let latest = 0;
let onResult = () => {};
let lastInputs = null;

worker.addEventListener("message", ({ data }) => {
  if (data.id !== latest) return;
  const panel = $("#simulation");
  if (data.error) {
    panel.dataset.state = "failed";
    $("#simulation-result").replaceChildren();
    // A worker's error arrives as plain data; shown as the page shows any other.
    const box = $("#simulation-error");
    if (data.error.name === "SalesplanError") {
      showError(box, Object.assign(new Error(data.error.message), data.error), "The simulation cannot run: ");
    } else {
      box.textContent = `The simulation failed: ${data.error.message}`;
      box.hidden = false;
    }
    onResult(null);
    return;
  }
  show(data.result, data.millis);
  panel.dataset.state = "done";
  onResult(data.result);
});

// The worker itself failed (its module did not load): say so rather than wait.
worker.addEventListener("error", (event) => {
  $("#simulation").dataset.state = "failed";
  const box = $("#simulation-error");
  box.textContent = `The simulation worker failed: ${event.message ?? "it did not start"}`;
  box.hidden = false;
});

/** A labelled figure of the result. */
const figure = (label, value, data = {}) => h("div", { className: "stat" }, h("span", { className: "muted" }, label), h("strong", { dataset: data }, value));

/** Shows a `Simulation`. */
function show(s, millis) {
  const result = $("#simulation-result");
  result.dataset.probability = s.probability;
  result.replaceChildren(
    h(
      "div",
      { className: "stats" },
      figure("P(attain)", percent(s.probability), { value: s.probability, field: "probability" }),
      figure("P10", money(s.p10), { value: s.p10, field: "p10" }),
      figure("P50", money(s.p50), { value: s.p50, field: "p50" }),
      figure("P90", money(s.p90), { value: s.p90, field: "p90" }),
      figure("Target", money(s.target), { value: s.target, field: "target" }),
    ),
    h(
      "p",
      { className: "muted" },
      `${s.goal} by ${s.end}: ${money(s.closed)} closed as of ${s.as_of}, ${s.pipeline.deals} open deals ` +
        `(weighted ${money(s.pipeline.weighted)})` +
        (s.new_business ? `, new business fitted on ${s.new_business.periods} months` : "") +
        `; mean ${money(s.mean)}, expected shortfall ${money(s.expected_shortfall)}. ` +
        `${s.trials} trials, seed ${s.seed}, ± ${percent(s.standard_error)}, ${millis} ms.`,
    ),
  );
}

/** Calls `callback` with each simulation shown (or `null` when one fails). */
export function onSimulation(callback) {
  onResult = callback;
}

/**
 * Asks the worker for a simulation of `inputs` (`{plan, csv, pipeline,
 * as_of}`), with the trials and seed of the panel's inputs; `null` inputs
 * repeat the last request.
 */
export function simulateSoon(inputs = lastInputs) {
  if (inputs === null) return;
  lastInputs = inputs;
  latest += 1;
  $("#simulation").dataset.state = "running";
  $("#simulation-error").hidden = true;
  $("#simulation-result").dataset.probability = "";
  const options = { as_of: inputs.as_of, trials: Number($("#trials").value), seed: Number($("#seed").value) };
  worker.postMessage({ id: latest, plan: inputs.plan, csv: inputs.csv, pipeline: inputs.pipeline, options });
}

/** Shows that there is nothing to simulate, and forgets earlier requests. */
export function noSimulation(reason) {
  latest += 1;
  lastInputs = null;
  $("#simulation").dataset.state = "idle";
  $("#simulation-error").hidden = true;
  $("#simulation-result").replaceChildren(h("p", { className: "note" }, reason));
  onResult(null);
}
