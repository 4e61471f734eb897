// Where the demo's actuals and open deals come from: the case study's files,
// which the demo server maps from the repository (tests/evaluations/
// case-study/) to /case-study/, or a file the user picks or drops.

/** The case study's files, relative to this module. */
const CASE_STUDY = {
  actuals: new URL("../case-study/actuals.csv", import.meta.url),
  pipeline: new URL("../case-study/pipeline.json", import.meta.url),
};

/** The text at `url`, or `null` when it cannot be had. */
async function fetchText(url) {
  try {
    const response = await fetch(url, { cache: "no-store" });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

/** The array of deals in `text`, or `null` when it holds none. */
function dealsIn(text) {
  try {
    const deals = JSON.parse(text);
    return Array.isArray(deals) ? deals : null;
  } catch {
    return null;
  }
}

/**
 * The case study's FY2026 actuals and open deals as
 * `{actuals: {name, text} | null, pipeline: {name, deals} | null}`;
 * either is `null` when it cannot be had (the page then asks for a file).
 */
export async function caseStudyData() {
  const [csv, json] = await Promise.all([fetchText(CASE_STUDY.actuals), fetchText(CASE_STUDY.pipeline)]);
  const deals = json === null ? null : dealsIn(json);
  return {
    actuals: csv === null ? null : { name: "case study: actuals.csv", text: csv },
    pipeline: deals === null ? null : { name: "case study: pipeline.json", deals },
  };
}

/**
 * Reads a file the user chose: a `.json` file is a list of open deals
 * (`{kind: "pipeline", name, deals}`), anything else CSV actuals
 * (`{kind: "actuals", name, text}`). Throws a SyntaxError for JSON that
 * cannot be read, or a TypeError for JSON that is not an array.
 */
export async function readFile(file) {
  const text = await file.text();
  if (file.name.toLowerCase().endsWith(".json")) {
    const deals = JSON.parse(text);
    if (!Array.isArray(deals)) throw new TypeError(`${file.name} is not a JSON array of deals`);
    return { kind: "pipeline", name: file.name, deals };
  }
  return { kind: "actuals", name: file.name, text };
}
