//! `History`: a base plan and the log of revisions after it, kept in
//! WebAssembly memory like `Actuals` (freed with `free()` or by the garbage
//! collector). It is saved as plain JSON (`JSON.stringify(history)`, through
//! `toJSON`) and read back with `History.fromJson`.

use salesplan::adjust::{History as Log, Revised, Revision};
use wasm_bindgen::prelude::*;

use crate::adjust::{change_from_js, revised_to_js};
use crate::interop::{
    count_from_js, invalid_argument, json_from_js, plan_from_js, to_js, type_name, value_from_js,
    Thrown,
};

/// A base plan and the revisions after it, in order: any revision can be
/// rebuilt, two revisions diffed, and the latest undone by a new revision
/// carrying the inverse patch. `accepted()` feeds the cooldowns of
/// `propose`. `new History(plan)` starts a log at `plan`;
/// `JSON.stringify(history)` writes it as `{base, revisions}` and
/// `History.fromJson` reads that back.
#[wasm_bindgen]
pub struct History {
    log: Log,
}

#[wasm_bindgen]
impl History {
    /// A log starting at `base` (a plan document or its JSON text), with no
    /// revisions after it.
    ///
    /// @throws {SalesplanError} when the plan cannot be read.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] base: JsValue,
    ) -> Result<History, Thrown> {
        Ok(History {
            log: Log::new(plan_from_js(&base)?),
        })
    }

    /// Reads a log as `toJSON` gives it (`{base, revisions}`), or its JSON
    /// text.
    ///
    /// @throws {SalesplanError} `"syntax"` for text that is not JSON; a
    /// document error with its path in the log (`/base/goals/0/target`,
    /// `/revisions/0/number`, `/notes` for an unknown member); for a value,
    /// `"invalid_argument"` when JSON cannot hold it.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "HistoryDocument | string")] value: JsValue,
    ) -> Result<History, Thrown> {
        let log = match value.as_string() {
            Some(text) => Log::from_json(&text)?,
            None => Log::from_value(json_from_js("history", &value)?)?,
        };
        Ok(History { log })
    }

    /// The log as a plain object, `{base, revisions}`: what
    /// `JSON.stringify(history)` writes and `History.fromJson` reads.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "HistoryDocument")]
    pub fn to_json(&self) -> Result<JsValue, Thrown> {
        to_js(&self.log)
    }

    /// The first plan of the log.
    #[wasm_bindgen(getter, unchecked_return_type = "PlanDocument")]
    pub fn base(&self) -> Result<JsValue, Thrown> {
        to_js(&self.log.base)
    }

    /// Every revision after the base, in order (a fresh array).
    #[wasm_bindgen(getter, unchecked_return_type = "Revision[]")]
    pub fn revisions(&self) -> Result<JsValue, Thrown> {
        to_js(&self.log.revisions)
    }

    /// The latest revision's number (the base's, 1 for a first draft,
    /// when there is none after it).
    #[wasm_bindgen(getter, js_name = latestNumber)]
    pub fn latest_number(&self) -> u32 {
        self.log.latest_number()
    }

    /// Revision `number`, rebuilt from the base and the patches, with its
    /// `revision` member.
    ///
    /// @throws {SalesplanError} `"invalid_argument"` for a number not in
    /// the log.
    #[wasm_bindgen(unchecked_return_type = "PlanDocument")]
    pub fn plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] number: JsValue,
    ) -> Result<JsValue, Thrown> {
        let number = count_from_js("number", &number)?;
        to_js(&self.log.plan(number)?)
    }

    /// The latest plan.
    #[wasm_bindgen(unchecked_return_type = "PlanDocument")]
    pub fn latest(&self) -> Result<JsValue, Thrown> {
        to_js(&self.log.latest()?)
    }

    /// Adds a revision made from the latest plan (what `apply` or
    /// `edit` gave for `history.latest()`); gives its number.
    ///
    /// @throws {SalesplanError} `"invalid_argument"` for a revision made
    /// from another one than the latest, or a value that is not
    /// `{plan, revision}`.
    pub fn commit(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Revised")] revised: JsValue,
    ) -> Result<u32, Thrown> {
        let revised = revised_from_js(&revised)?;
        Ok(self.log.commit(&revised)?)
    }

    /// Undoes the latest revision with a new one carrying its inverse
    /// patch, and commits it; gives it as `apply` would.
    ///
    /// @throws {SalesplanError} `"invalid_argument"` when the log has only
    /// its base, or for a bad change.
    #[wasm_bindgen(unchecked_return_type = "Revised")]
    pub fn undo(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Change")] change: JsValue,
    ) -> Result<JsValue, Thrown> {
        let change = change_from_js(&change)?;
        revised_to_js(&self.log.undo(&change)?)
    }

    /// The JSON Patch from revision `a` to revision `b`.
    ///
    /// @throws {SalesplanError} `"invalid_argument"` for a number not in
    /// the log.
    #[wasm_bindgen(unchecked_return_type = "PatchOp[]")]
    pub fn diff(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] a: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] b: JsValue,
    ) -> Result<JsValue, Thrown> {
        let a = count_from_js("a", &a)?;
        let b = count_from_js("b", &b)?;
        to_js(&self.log.diff(a, b)?)
    }

    /// Every proposal accepted in the log (`{rule, as_of}`), for the
    /// cooldowns of `propose`.
    #[wasm_bindgen(unchecked_return_type = "Accepted[]")]
    pub fn accepted(&self) -> Result<JsValue, Thrown> {
        to_js(&self.log.accepted())
    }
}

/// `{plan, revision}` as `apply` and `edit` give it.
fn revised_from_js(value: &JsValue) -> Result<Revised, Thrown> {
    let is_object = value.is_object() && !js_sys::Array::is_array(value);
    if !is_object {
        let found = type_name(value);
        let message = format!("expected {{plan, revision}} as apply gives it, found {found}");
        return Err(invalid_argument("revised", message).into());
    }
    let field = |name: &str| -> Result<JsValue, Thrown> {
        let found = js_sys::Reflect::get(value, &name.into()).map_err(Thrown::rethrow)?;
        if found.is_undefined() || found.is_null() {
            let message =
                format!("missing field `{name}`; expected {{plan, revision}} as apply gives it");
            return Err(invalid_argument("revised", message).into());
        }
        Ok(found)
    };
    let plan = plan_from_js(&field("plan")?)?;
    let revision: Revision = value_from_js("revised.revision", &field("revision")?)?;
    Ok(Revised { plan, revision })
}
