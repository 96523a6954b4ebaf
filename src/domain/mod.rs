//! The domain as plain Rust: no terminal, no files. Rules, panels, cases and the arithmetic
//! by which a panel decides.

pub mod agenda;
pub mod audit;
pub mod case;
pub mod event;
pub mod meeting;
pub mod panel;
pub mod queue;
pub mod quorum;
pub mod rules;
pub mod standing;
pub mod text;
pub mod vote;
