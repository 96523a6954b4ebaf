//! The results of a record re-derived from its votes by the domain's audit, and what that
//! audit rests on (also used by the invariant tests).

use crate::domain::audit::{self, Basis, Discrepancy};
use crate::domain::panel::Panel;
use crate::domain::rules::Rules;
use crate::store::minutes::Minutes;

/// The results re-derived from the record's votes, against what it says: from the panel as
/// the minutes record it, and the rules' deferral outcomes when the panel's rules are the ones
/// the minutes name.
pub fn rederive(m: &Minutes, panel: Option<&Panel>) -> Vec<Discrepancy> {
    let rules = panel
        .map(|p| &p.rules)
        .filter(|r| r.id == m.rules.id && r.version == m.rules.version);
    audit::audit(&m.meeting(), &basis(m, rules))
}

/// What the audit of `m` rests on: the panel as the minutes record it, their stated quorum,
/// and the deferral outcomes of `rules` when known.
pub fn basis(m: &Minutes, rules: Option<&Rules>) -> Basis {
    Basis {
        seats: m
            .panel
            .members
            .iter()
            .map(|x| audit::Seat::recorded(&x.id, &x.role))
            .collect(),
        quorum: Some(audit::StatedQuorum {
            fraction: m.quorum.fraction.clone(),
            voting: m.quorum.voting,
            present: m.quorum.present,
            needed: m.quorum.needed,
            met: m.quorum.met,
        }),
        deferrals: rules.map(audit::deferrals),
    }
}
