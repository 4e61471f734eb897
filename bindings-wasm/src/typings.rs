//! TypeScript declarations of the values that cross the boundary. The
//! exports refer to them through `unchecked_param_type` /
//! `unchecked_return_type`.
//!
//! * `types.generated.d.ts`: the plan document, every output and the core's
//!   options, generated from `schema/*.schema.json` by
//!   `scripts/generate-types.py` (never edited by hand).
//! * `typings.d.ts`: what only this package has (its error, column and row
//!   inputs, the option bags of its functions), built on those.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const GENERATED: &str = include_str!("types.generated.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TYPINGS: &str = include_str!("typings.d.ts");
