//! Risk control (风险控制): the register scored on the plan's matrix and
//! moved by key risk indicators ([`register`]), and the probability of
//! reaching a goal's target ([`simulate`]).

mod facts;
pub mod register;
pub mod simulate;

pub use facts::RegisterFacts;
pub use register::{RiskRegister, ScoredRisk};
pub use simulate::{Simulation, SimulationOptions};
