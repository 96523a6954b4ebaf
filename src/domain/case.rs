//! A case before the panel: the official concerned, the facts, what is claimed and proposed.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub id: String,
    /// The id of a kind of the panel's rules (tolerance, adjustment).
    pub kind: String,
    pub title: String,
    pub subject: Subject,
    pub received: Date,
    pub summary: String,
    pub facts: Vec<String>,
    /// Situations or grounds the submitting unit claims.
    pub claimed: Vec<String>,
    /// The department's preliminary opinion.
    pub proposal: Option<Proposal>,
    /// Members who must recuse, with why.
    pub conflicts: Vec<Conflict>,
    /// An earlier case whose determination this one reviews (复核).
    pub review_of: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subject {
    pub name: String,
    pub position: String,
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub outcome: String,
    pub basis: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub member: String,
    pub reason: String,
}

impl Case {
    pub fn must_recuse(&self, member: &str) -> bool {
        self.conflicts.iter().any(|c| c.member == member)
    }
}
