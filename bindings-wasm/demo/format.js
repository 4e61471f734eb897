// How the demo writes the exact decimal strings salesplan returns: money in
// 万 and 亿, ratios as percentages and other units as plain numbers, each
// rounded for reading by formatAmount (exact decimal rounding, half away
// from zero). The exact value stays in the data-value of its cell.
import { formatAmount } from "../js/salesplan-web.js";

/** Plain numbers with at most two decimals. */
const PLAIN = { unit: "none", max_decimals: 2 };

/** A decimal string times 100, by moving the point: `"0.7857"` → `"78.57"`. */
function hundredfold(decimal) {
  const negative = decimal.startsWith("-");
  const [whole, fraction = ""] = (negative ? decimal.slice(1) : decimal).split(".");
  const digits = fraction.padEnd(2, "0");
  const integer = (whole + digits.slice(0, 2)).replace(/^0+(?=\d)/, "");
  const rest = digits.slice(2);
  return `${negative ? "-" : ""}${integer}${rest ? "." + rest : ""}`;
}

/** A fraction as a percentage with at most two decimals: `"0.216666…"` → `"21.67%"`. */
export const percent = (decimal) => `${formatAmount(hundredfold(decimal), PLAIN)}%`;

/** An amount of money for people: `"51216000.00"` → `"5,121.6万"`. */
export const money = (decimal) => formatAmount(decimal);

/** A value of a KPI in its unit (`money`, `ratio`, `count`, `score`, `days`); `null` is a dash. */
export function inUnit(unit, decimal) {
  if (decimal === null || decimal === undefined) return "–";
  if (unit === "money") return money(decimal);
  if (unit === "ratio") return percent(decimal);
  return formatAmount(decimal, PLAIN);
}

/** How a KPI status is written. */
export const STATUS_TEXT = { on_track: "on track", at_risk: "at risk", off_track: "off track" };
