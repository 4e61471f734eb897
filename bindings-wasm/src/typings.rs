//! TypeScript declarations of the values that cross the boundary: the plan
//! document, diagnostics, options and the error shape. The exports refer to
//! them through `unchecked_param_type` / `unchecked_return_type`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPINGS: &str = include_str!("typings.d.ts");
