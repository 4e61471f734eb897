//! The invariants the fuzz targets check.
//!
//! Each public function takes the fuzzer's bytes and panics only when the
//! library breaks a promise: a panic inside the library, an error without a
//! stable code or with a malformed JSON pointer, a plan that does not read
//! back as written, a compiled rule that disagrees with its reference
//! evaluation, a roll-up that does not add up, an accepted revision with errors, an undo that does not
//! restore the plan, an amount that does not read back as written, a partial
//! evaluation that does not read back or merge both ways alike.
//!
//! The fuzz targets under `fuzz/` are one-line calls into this crate, and
//! its tests replay the committed crash inputs and seeds on stable Rust.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod amount;
mod bytes;
mod condition;
mod documents;
mod options;
mod partial;
mod revision;
mod rollup;

pub use amount::amount;
pub use condition::condition;
pub use documents::{actuals, plan};
pub use options::options;
pub use partial::partial;
pub use revision::patch;
pub use rollup::rollup;

use std::sync::OnceLock;

use salesplan::actuals::{Actuals, LoadMode};
use salesplan::{Error, Plan};

/// The names of the targets, as the fuzz crate and the replay tests know
/// them.
pub const TARGETS: &[&str] = &[
    "plan",
    "actuals",
    "condition",
    "patch",
    "amount",
    "options",
    "rollup",
    "partial",
];

/// Runs the check of a target by its name; `false` for an unknown name.
pub fn run(target: &str, data: &[u8]) -> bool {
    let check: fn(&[u8]) = match target {
        "plan" => plan,
        "actuals" => actuals,
        "condition" => condition,
        "patch" => patch,
        "amount" => amount,
        "options" => options,
        "rollup" => rollup,
        "partial" => partial,
        _ => return false,
    };
    check(data);
    true
}

/// The case study, read once.
fn case_study() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(salesplan::example_plan)
}

/// The case study's actuals, as the evaluation tests use them.
fn case_actuals() -> &'static Actuals {
    static ACTUALS: OnceLock<Actuals> = OnceLock::new();
    ACTUALS.get_or_init(|| {
        let text = include_str!("../../tests/evaluations/case-study/actuals.csv");
        match case_study().actuals_from_csv(text, LoadMode::Strict) {
            Ok(report) => report.actuals,
            Err(e) => panic!("the case study's actuals do not load: {e}"),
        }
    })
}

/// An error must carry a stable code, say something, and point (when it
/// points) with a JSON pointer.
fn check_error(error: &Error) {
    assert!(!error.code().is_empty(), "error without a code: {error:?}");
    assert!(
        !error.to_string().is_empty(),
        "error without a message: {error:?}"
    );
    if let Some(path) = error.path() {
        assert!(
            path.is_empty() || path.starts_with('/'),
            "error path {path:?} is not a JSON pointer: {error:?}"
        );
    }
}
