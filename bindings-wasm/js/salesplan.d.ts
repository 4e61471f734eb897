// The Node entry re-exports wasm-bindgen's output unchanged in type: the
// guard changes only what a panic throws (see js/guard.js).
export * from "../pkg/salesplan.js";
