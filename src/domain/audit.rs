//! PLACEHOLDER until the real module lands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Discrepancy {}
