//! Monitoring: the plan's resources against what really happened.

pub mod budget;
pub mod capacity;
