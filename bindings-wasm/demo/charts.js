// The charts: a figure per chart, filled with the SVG text of the package's
// chart export (`chartBurnUp` for data-chart="burn_up", …), each given what
// it draws from; a note instead when an input is not there yet (the
// simulation runs in a worker and arrives later) or the chart refuses.
import * as salesplan from "../js/salesplan-web.js";

import { h, isSalesplanError } from "./dom.js";

/** The language of the pictures: the page's. */
const LANG = "en";

/**
 * How each chart is drawn from the plan text and `{ as_of: asOf, evaluation,
 * register, simulation}`; `null` when an input it needs is missing.
 */
const DRAW = {
  burn_up: (plan, i) => i.evaluation && salesplan.chartBurnUp(plan, i.evaluation, { lang: LANG }, i.simulation),
  kpi_bullets: (plan, i) => i.evaluation && salesplan.chartKpiBullets(plan, i.evaluation, { lang: LANG }),
  gap_waterfall: (_, i) => i.evaluation && salesplan.chartGapWaterfall(i.evaluation, { lang: LANG }),
  risk_heatmap: (_, i) => i.register && salesplan.chartRiskHeatmap(i.register, { lang: LANG }),
  outcome_histogram: (_, i) => i.simulation && salesplan.chartOutcomeHistogram(i.simulation, { lang: LANG }),
  gantt: (plan, i) => salesplan.chartGantt(plan, { lang: LANG, as_of: i.as_of }),
  budget_burn: (plan, i) => salesplan.chartBudgetBurn(plan, { lang: LANG, as_of: i.as_of }),
};

/** Puts a caption in `figure` instead of a chart, and says why in its data-state. */
function caption(figure, state, text) {
  figure.dataset.state = state;
  figure.replaceChildren(h("figcaption", {}, text));
}

/** Fills every `figure[data-chart]` of `#charts` for the plan text `plan` (`null`: none) from `inputs`. */
export function drawCharts(plan, inputs) {
  for (const figure of document.querySelectorAll("#charts figure[data-chart]")) {
    const title = figure.dataset.chart.replace(/_/g, " ");
    const draw = DRAW[figure.dataset.chart];
    if (draw === undefined) {
      caption(figure, "absent", `${title}: this build has no chart for it.`);
    } else if (plan === null) {
      caption(figure, "waiting", `${title}: waiting for a plan that can be read.`);
    } else {
      try {
        const svg = draw(plan, inputs);
        if (svg) {
          figure.innerHTML = svg;
          figure.dataset.state = "drawn";
        } else {
          caption(figure, "waiting", `${title}: waiting for its inputs (the simulation runs apart).`);
        }
      } catch (error) {
        if (!isSalesplanError(error)) throw error;
        caption(figure, "failed", `${title}: ${error.code}: ${error.message}`);
      }
    }
  }
}
