// The charts: a figure per chart, filled with the SVG text of the package's
// chart export when the build has one (`chartBurnUp` for
// data-chart="burn_up", …) and a note when it has none. Every chart export
// is called as `chartX(plan, {asOf, evaluation, register, simulation})`.
import * as salesplan from "../js/salesplan-web.js";

import { h, isSalesplanError } from "./dom.js";

/** `burn_up` → `chartBurnUp`. */
const exportName = (chart) => "chart" + chart.replace(/(^|_)([a-z])/g, (_, __, c) => c.toUpperCase());

/** Puts a caption in `figure` instead of a chart, and says why in its data-state. */
function caption(figure, state, text) {
  figure.dataset.state = state;
  figure.replaceChildren(h("figcaption", {}, text));
}

/** Fills every `figure[data-chart]` of `#charts` for the plan text `plan` (`null`: none) from `inputs`. */
export function drawCharts(plan, inputs) {
  for (const figure of document.querySelectorAll("#charts figure[data-chart]")) {
    const title = figure.dataset.chart.replace(/_/g, " ");
    const draw = salesplan[exportName(figure.dataset.chart)];
    if (typeof draw !== "function") {
      caption(figure, "absent", `${title}: this build has no chart for it yet.`);
    } else if (plan === null) {
      caption(figure, "waiting", `${title}: waiting for a plan that can be read.`);
    } else {
      try {
        figure.innerHTML = draw(plan, inputs);
        figure.dataset.state = "drawn";
      } catch (error) {
        if (!isSalesplanError(error)) throw error;
        caption(figure, "failed", `${title}: ${error.code}: ${error.message}`);
      }
    }
  }
}
