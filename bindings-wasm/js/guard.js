// A panic in the Rust code is a bug, but it must reach JavaScript as the
// package's own error. On wasm32 a panic aborts: the panic hook logs it to
// console.error and keeps its message, then the instance traps and the call
// throws a WebAssembly.RuntimeError. `guardExports` wraps, once at load,
// every exported function and every method, getter and constructor of every
// exported class so that such a trap is thrown as a SalesplanError with
// code "internal" (its `cause` the RuntimeError). Other errors pass through
// untouched. The entry modules (salesplan.js, salesplan-web.js) re-export
// what it returns.

/** Set on every guarded function and class. */
export const GUARDED = Symbol.for("salesplan.guarded");

// Exports that are not calls to guard: the web build's `init` (async, it
// loads the module) and the hook's mailbox, which the guard itself reads.
const LEFT_ALONE = new Set(["default", "__takePanicMessage"]);

const isClass = (value) => typeof value === "function" && /^class[\s{]/.test(Function.prototype.toString.call(value));

/**
 * The guarded exports of a module made by wasm-bindgen, as a plain object:
 * functions wrapped, classes wrapped in place (their prototypes and statics,
 * so that objects the module makes itself are guarded too) and behind a
 * proxy that guards `new`, everything else as it is.
 */
export function guardExports(raw) {
  const takeMessage = typeof raw.__takePanicMessage === "function" ? raw.__takePanicMessage : () => undefined;

  const internal = (trap) => {
    let message;
    try {
      message = takeMessage();
    } catch {
      message = undefined;
    }
    const error = new Error(`a bug in salesplan (please report it): ${message ?? trap.message}`, { cause: trap });
    error.name = "SalesplanError";
    error.code = "internal";
    error.path = null;
    return error;
  };

  const guard = (fn) => {
    if (fn[GUARDED]) return fn;
    const guarded = {
      [fn.name](...args) {
        try {
          return fn.apply(this, args);
        } catch (error) {
          throw error instanceof WebAssembly.RuntimeError ? internal(error) : error;
        }
      },
    }[fn.name];
    Object.defineProperty(guarded, "length", { value: fn.length });
    guarded[GUARDED] = true;
    return guarded;
  };

  const guardMembers = (target, skip) => {
    for (const key of Reflect.ownKeys(target)) {
      if (skip.includes(key)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (!descriptor.configurable) continue;
      let changed = false;
      for (const part of ["value", "get", "set"]) {
        if (typeof descriptor[part] === "function" && !isClass(descriptor[part])) {
          descriptor[part] = guard(descriptor[part]);
          changed = true;
        }
      }
      if (changed) Object.defineProperty(target, key, descriptor);
    }
  };

  const guardClass = (cls) => {
    if (cls[GUARDED]) return cls[GUARDED];
    guardMembers(cls.prototype, ["constructor"]);
    guardMembers(cls, ["length", "name", "prototype"]);
    const proxy = new Proxy(cls, {
      construct(target, args, newTarget) {
        try {
          return Reflect.construct(target, args, newTarget === proxy ? target : newTarget);
        } catch (error) {
          throw error instanceof WebAssembly.RuntimeError ? internal(error) : error;
        }
      },
    });
    Object.defineProperty(cls, GUARDED, { value: proxy });
    return proxy;
  };

  const guarded = {};
  for (const [name, value] of Object.entries(raw)) {
    if (LEFT_ALONE.has(name)) {
      if (name !== "__takePanicMessage") guarded[name] = value;
    } else if (isClass(value)) {
      guarded[name] = guardClass(value);
    } else if (typeof value === "function") {
      guarded[name] = guard(value);
    } else {
      guarded[name] = value;
    }
  }
  return guarded;
}
