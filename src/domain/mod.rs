//! The domain as plain Rust: no terminal, no files. Rules, panels, cases and the arithmetic
//! by which a panel decides.

/// Which claims, outcomes, recusals and reviews of a case the rules and the panel admit.
pub mod admissible;
/// Ordering an agenda so that recusing members step out and back in as few times as possible.
pub mod agenda;
/// Opening a meeting and who is in the room: roll, arrivals, departures, presiding member.
pub mod attendance;
/// Re-deriving a meeting's results from what its record holds.
pub mod audit;
/// A case before the panel: the official concerned, the facts, the claims and the proposal.
pub mod case;
/// What happens in a meeting, one event per recorded step, and how an event changes it.
pub mod event;
/// Taking up a case: intake, consent to reconsider, findings, recusals, the proposal.
pub mod hearing;
/// A meeting as the minutes record it: the record's types and the refusals of the meeting rule.
pub mod meeting;
/// A review panel: its members and their roles, and the rules it applies.
pub mod panel;
/// The pass rules, and whether a tally passes under one: the code that applies the pass rule.
pub mod pass_rule;
/// What the queue of cases can be narrowed to and ordered by.
pub mod queue;
/// Quorum: for the meeting and for one case, and the members' numbers it is counted from.
pub mod quorum;
/// The rules a panel applies: kinds, distinctions, situations or grounds, outcomes, meeting rule.
pub mod rules;
/// Where a case stands across the panel's minutes.
pub mod standing;
/// The tally of a round: the code that counts a vote.
pub mod tally;
/// Texts the rules give in Chinese and English, and the language a reader chose.
pub mod text;
/// Rounds of a vote: who may vote, opinions or counts, closing and voiding, determinations.
pub mod vote;
