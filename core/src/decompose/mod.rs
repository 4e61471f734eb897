//! Decomposition of targets: through time (phasing by seasonality) and
//! through the organisation (cascades with bottom-up reconciliation), exact
//! to the cent.

mod allocate;
pub mod cascade;
mod phasing;

pub use allocate::allocate;
pub use cascade::{cascade, Allocation, Node};
pub use phasing::PeriodTarget;
