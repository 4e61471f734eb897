// Small DOM helpers shared by the demo's panels.

/** The first element matching `selector`. */
export const $ = (selector, root = document) => root.querySelector(selector);

/**
 * A new element: `h("td", {className: "num", dataset: {value: "1"}}, "text", child)`.
 * Properties are set as properties, `dataset` entries as data attributes;
 * `null`, `undefined` and `false` children are left out.
 */
export function h(tag, properties = {}, ...children) {
  const element = document.createElement(tag);
  const { dataset, ...rest } = properties ?? {};
  Object.assign(element, rest);
  for (const [key, value] of Object.entries(dataset ?? {})) {
    if (value !== null && value !== undefined) element.dataset[key] = value;
  }
  element.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

/** Whether `error` is what salesplan throws for input it cannot use. */
export const isSalesplanError = (error) => error?.name === "SalesplanError";

/**
 * Shows a SalesplanError in `box` (an element with role="alert") and
 * returns its plain form; anything else is a bug of the page and is thrown
 * again.
 */
export function showError(box, error, lead = "") {
  if (!isSalesplanError(error)) throw error;
  box.replaceChildren(
    lead,
    h("code", {}, error.code),
    error.path === null || error.path === undefined ? "" : ` at ${error.path || "(the whole document)"}`,
    h("br"),
    error.message,
  );
  box.hidden = false;
  return { code: error.code, path: error.path ?? null, message: error.message };
}

/** Puts a note (a muted paragraph) in `container` instead of its contents. */
export function showNote(container, text) {
  container.replaceChildren(h("p", { className: "note" }, text));
}
