//! An `EvaluationResult` wherever an evaluation is taken (`propose`,
//! `riskRegister`, `apply`): the evaluation in WebAssembly memory
//! is shared with the call instead of being converted to plain objects
//! and read back, which on a large hierarchy costs far more than the call
//! itself.
//!
//! wasm-bindgen cannot borrow an exported object out of a value that may
//! also be a plain object, so the object shares itself: its hidden
//! `__share` method leaves a counted reference to its evaluation in a
//! slot that the call takes at once (WebAssembly here runs one thread).

use std::cell::RefCell;
use std::rc::Rc;

use salesplan::evaluate::Evaluation;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::evaluation::EvaluationResult;
use crate::interop::{output_from_js, Thrown};

/// The name of the hidden method of `EvaluationResult` that shares it.
const SHARE: &str = "__share";

thread_local! {
    /// The evaluation that `__share` left for the call that asked.
    static SHARED: RefCell<Option<Rc<Evaluation>>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
extern "C" {
    /// An `EvaluationResult`, seen from Rust as a JavaScript value.
    type Sharer;

    #[wasm_bindgen(method, catch, js_name = __share)]
    fn share(this: &Sharer) -> Result<(), JsValue>;
}

#[wasm_bindgen]
impl EvaluationResult {
    /// Leaves this evaluation for the call that asked (see the module).
    #[wasm_bindgen(js_name = __share, skip_typescript)]
    pub fn share(&self) {
        SHARED.with(|slot| *slot.borrow_mut() = Some(self.shared()));
    }
}

/// The evaluation given as `name`: an `EvaluationResult`'s own, shared,
/// or a plain object read as an evaluation.
///
/// # Errors
/// A freed `EvaluationResult`'s error; `invalid_argument` naming `name`
/// for a value that is not an evaluation.
pub(crate) fn evaluation_from_js(name: &str, value: &JsValue) -> Result<Rc<Evaluation>, Thrown> {
    let shares = js_sys::Reflect::get(value, &SHARE.into()).is_ok_and(|f| f.is_function());
    if shares {
        value
            .unchecked_ref::<Sharer>()
            .share()
            .map_err(Thrown::rethrow)?;
        if let Some(evaluation) = SHARED.with(|slot| slot.borrow_mut().take()) {
            return Ok(evaluation);
        }
    }
    Ok(Rc::new(output_from_js(name, value)?))
}
