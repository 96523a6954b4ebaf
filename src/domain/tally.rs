//! The tally: opinions counted in one round, and the counting of a round's opinions.

use serde::{Deserialize, Serialize};

use super::meeting::Vote;
use super::rules::Opinion;

/// Opinions counted in one round.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub agree: u32,
    pub disagree: u32,
    pub defer: u32,
    pub abstain: u32,
}

impl Tally {
    pub fn total(&self) -> u32 {
        self.agree + self.disagree + self.defer + self.abstain
    }

    /// Votes cast: agree and disagree; defer and abstain are not cast.
    pub fn cast(&self) -> u32 {
        self.agree + self.disagree
    }
}

/// The opinions of a round counted, one per vote.
pub fn tally_of(votes: &[Vote]) -> Tally {
    let mut t = Tally::default();
    for v in votes {
        match v.opinion {
            Opinion::Agree => t.agree += 1,
            Opinion::Disagree => t.disagree += 1,
            Opinion::Defer => t.defer += 1,
            Opinion::Abstain => t.abstain += 1,
        }
    }
    t
}
