// The Node entry re-exports wasm-bindgen's output unchanged in type: the
// guard changes only what a panic throws (see js/guard.js). `Plan` is
// js/plan.js.
export * from "../pkg/salesplan.js";
export { Plan } from "./plan.js";
