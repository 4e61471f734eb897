//! A panic in the core is a bug, but it must not pass silently: the hook
//! writes the panic message and a JavaScript stack to `console.error`. The
//! WebAssembly instance then traps, which JavaScript sees as a thrown
//! `WebAssembly.RuntimeError`. The package's entry module (`js/guard.js`)
//! catches that on every export and throws a `SalesplanError` with code
//! `"internal"` instead, its message taken from [`take_panic_message`].

use std::sync::{Mutex, Once};

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);

    /// A JavaScript `Error`, created only to read its `stack`.
    #[wasm_bindgen(js_name = Error)]
    type StackProbe;

    #[wasm_bindgen(constructor, js_class = "Error")]
    fn new() -> StackProbe;

    #[wasm_bindgen(method, getter)]
    fn stack(this: &StackProbe) -> String;
}

/// The message of the last panic, until the entry module takes it.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// The message of the last panic (`None` when there was none since the
/// last call), for the entry module to put in the error it throws. Not
/// part of the package's API.
#[wasm_bindgen(js_name = __takePanicMessage, skip_typescript)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.lock().ok().and_then(|mut last| last.take())
}

/// Installs the hook (once; later calls do nothing).
pub fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| info.to_string());
            if let Ok(mut last) = LAST_PANIC.lock() {
                *last = Some(message);
            }
            let stack = StackProbe::new().stack();
            console_error(&format!(
                "salesplan panicked (this is a bug): {info}\n\nStack:\n{stack}"
            ));
        }));
    });
}
