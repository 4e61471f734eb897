//! A panic in the core is a bug, but it must not pass silently: the hook
//! writes the panic message and a JavaScript stack to `console.error`. The
//! WebAssembly instance then traps, which JavaScript sees as a thrown
//! `WebAssembly.RuntimeError`.

use std::sync::Once;

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

/// Installs the hook (once; later calls do nothing).
pub fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let stack = StackProbe::new().stack();
            console_error(&format!(
                "salesplan panicked (this is a bug): {info}\n\nStack:\n{stack}"
            ));
        }));
    });
}
