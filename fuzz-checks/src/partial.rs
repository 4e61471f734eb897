//! Partial evaluations from bytes: what arrives over a network.

use salesplan::evaluate::{EvaluationOptions, Partial};

use crate::{case_actuals, case_study, check_error};

/// Bytes read as a partial evaluation (`Partial::from_bytes`).
///
/// Bytes that are not a partial are refused with a typed error; a partial
/// that reads writes back to the same bytes' partial, merges with the case
/// study's own partial for its day and hierarchy or is refused, and
/// evaluates or is refused — never a panic.
pub fn partial(data: &[u8]) {
    let partial = match Partial::from_bytes(data) {
        Ok(p) => p,
        Err(e) => {
            check_error(&e);
            assert_eq!(e.code(), "invalid_argument", "{e:?}");
            return;
        }
    };
    let again = Partial::from_bytes(&partial.to_bytes()).expect("a partial reads its own bytes");
    assert_eq!(again, partial, "a partial does not read back as written");
    let plan = case_study();
    let options = EvaluationOptions {
        hierarchy: partial.hierarchy().to_vec(),
        ..EvaluationOptions::as_of(partial.as_of())
    };
    if let Err(e) = plan.evaluate_partial(&partial, &options) {
        check_error(&e);
    }
    // Merged with the case study's own rows, in both orders.
    let Ok(own) = plan.fold(case_actuals(), &options, 1 << 40) else {
        return;
    };
    let mut a = own.clone();
    let mut b = partial.clone();
    match (a.merge(&partial), b.merge(&own)) {
        (Ok(()), Ok(())) => {
            assert_eq!(a, b, "merging is not commutative");
            if let Err(e) = plan.evaluate_partial(&a, &options) {
                check_error(&e);
            }
        }
        (Err(x), Err(y)) => {
            check_error(&x);
            check_error(&y);
            assert_eq!(a, own, "a refused merge changed the partial");
        }
        (x, y) => panic!("merging one way gives {x:?}, the other {y:?}"),
    }
}
