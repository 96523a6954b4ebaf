//! The pass rules and their application: whether a tally passes for a case with its counts.
//!
//! Integers only, as for quorum: no rounding can ever decide a vote.

use serde::{Deserialize, Serialize};

use super::quorum::{CaseCounts, Fraction};
use super::tally::Tally;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassRule {
    /// agree·2 > E (the regulations' rule: of the members entitled to attend).
    MoreThanHalfOfEntitled,
    /// agree·2 > PE.
    MoreThanHalfOfPresent,
    /// agree·2 > agree + disagree; defer and abstain are not cast.
    MoreThanHalfOfVotesCast,
    /// agree·3 ≥ 2·E.
    TwoThirdsOfEntitled,
}

impl PassRule {
    pub const ALL: [PassRule; 4] = [
        PassRule::MoreThanHalfOfEntitled,
        PassRule::MoreThanHalfOfPresent,
        PassRule::MoreThanHalfOfVotesCast,
        PassRule::TwoThirdsOfEntitled,
    ];

    pub fn id(self) -> &'static str {
        match self {
            PassRule::MoreThanHalfOfEntitled => "more_than_half_of_entitled",
            PassRule::MoreThanHalfOfPresent => "more_than_half_of_present",
            PassRule::MoreThanHalfOfVotesCast => "more_than_half_of_votes_cast",
            PassRule::TwoThirdsOfEntitled => "two_thirds_of_entitled",
        }
    }

    pub fn from_id(s: &str) -> Option<PassRule> {
        PassRule::ALL.into_iter().find(|r| r.id() == s)
    }
}

/// The pass rule applied to a tally, with its arithmetic for the minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub rule: PassRule,
    /// What the rule counts against: E, PE or the votes cast.
    pub base: u32,
    /// The fewest agreeing opinions that pass, given the other opinions as they stand.
    pub needed: u32,
    /// Whether `needed` can be reached at all by the members who may vote.
    pub reachable: bool,
    pub passed: bool,
}

/// Whether `tally` passes under `rule` for a case with `counts`. A case without its quorum
/// never passes: only deferral is possible then.
pub fn verdict(rule: PassRule, counts: &CaseCounts, q: Fraction, tally: &Tally) -> Verdict {
    let agree = u64::from(tally.agree);
    let (base, needed) = match rule {
        PassRule::MoreThanHalfOfEntitled => (counts.entitled, counts.entitled / 2 + 1),
        PassRule::MoreThanHalfOfPresent => {
            (counts.present_entitled, counts.present_entitled / 2 + 1)
        }
        // agree·2 > agree + disagree ⇔ agree > disagree.
        PassRule::MoreThanHalfOfVotesCast => (tally.cast(), tally.disagree + 1),
        PassRule::TwoThirdsOfEntitled => {
            let n = (2 * u64::from(counts.entitled)).div_ceil(3);
            (counts.entitled, u32::try_from(n).unwrap_or(u32::MAX).max(1))
        }
    };
    let rule_holds = match rule {
        PassRule::MoreThanHalfOfEntitled => agree * 2 > u64::from(counts.entitled),
        PassRule::MoreThanHalfOfPresent => agree * 2 > u64::from(counts.present_entitled),
        PassRule::MoreThanHalfOfVotesCast => agree * 2 > u64::from(tally.cast()),
        PassRule::TwoThirdsOfEntitled => agree > 0 && agree * 3 >= 2 * u64::from(counts.entitled),
    };
    let has_quorum = counts.quorum(q).met;
    Verdict {
        rule,
        base,
        needed,
        reachable: has_quorum && needed <= counts.present_entitled,
        passed: has_quorum && rule_holds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_THIRDS: Fraction = Fraction { num: 2, den: 3 };

    fn tally(agree: u32, disagree: u32, defer: u32, abstain: u32) -> Tally {
        Tally {
            agree,
            disagree,
            defer,
            abstain,
        }
    }

    #[test]
    fn a_tie_does_not_pass() {
        // Six entitled, three agree: not more than half.
        let c = CaseCounts::new(6, 6, 0, 0);
        let v = verdict(
            PassRule::MoreThanHalfOfEntitled,
            &c,
            TWO_THIRDS,
            &tally(3, 3, 0, 0),
        );
        assert_eq!((v.base, v.needed, v.passed), (6, 4, false));
        let v = verdict(
            PassRule::MoreThanHalfOfVotesCast,
            &c,
            TWO_THIRDS,
            &tally(3, 3, 0, 0),
        );
        assert!(!v.passed);
    }

    #[test]
    fn majority_is_of_the_entitled_not_of_those_present() {
        // Six voting, five present, four agree: 4·2 > 6 passes; three would not.
        let c = CaseCounts::new(6, 5, 0, 0);
        assert!(
            verdict(
                PassRule::MoreThanHalfOfEntitled,
                &c,
                TWO_THIRDS,
                &tally(4, 1, 0, 0)
            )
            .passed
        );
        let v = verdict(
            PassRule::MoreThanHalfOfEntitled,
            &c,
            TWO_THIRDS,
            &tally(3, 0, 2, 0),
        );
        assert!(!v.passed);
        // Of those present, three of five is enough.
        assert!(
            verdict(
                PassRule::MoreThanHalfOfPresent,
                &c,
                TWO_THIRDS,
                &tally(3, 0, 2, 0)
            )
            .passed
        );
    }

    #[test]
    fn a_recused_member_who_is_present_does_not_count() {
        // Six voting, all present, one recused but still in the room.
        let c = CaseCounts::new(6, 6, 1, 1);
        assert_eq!((c.entitled, c.present_entitled), (5, 5));
        let v = verdict(
            PassRule::MoreThanHalfOfEntitled,
            &c,
            TWO_THIRDS,
            &tally(3, 2, 0, 0),
        );
        assert_eq!((v.base, v.needed, v.passed), (5, 3, true));
        // The recused member stepped out: present_entitled is the same.
        assert_eq!(CaseCounts::new(6, 5, 1, 0).present_entitled, 5);
    }

    #[test]
    fn everyone_recused_leaves_no_quorum_and_nothing_passes() {
        let c = CaseCounts::new(3, 3, 3, 3);
        assert_eq!((c.entitled, c.present_entitled), (0, 0));
        assert!(!c.quorum(TWO_THIRDS).met);
        let v = verdict(
            PassRule::MoreThanHalfOfVotesCast,
            &c,
            TWO_THIRDS,
            &tally(0, 0, 0, 0),
        );
        assert!(!v.passed && !v.reachable);
    }

    #[test]
    fn quorum_lost_blocks_a_unanimous_vote() {
        // Seven voting, four present: 4·3 < 2·7.
        let c = CaseCounts::new(7, 4, 0, 0);
        assert!(!c.quorum(TWO_THIRDS).met);
        let v = verdict(
            PassRule::MoreThanHalfOfPresent,
            &c,
            TWO_THIRDS,
            &tally(4, 0, 0, 0),
        );
        assert!(!v.passed);
    }

    #[test]
    fn a_panel_of_one() {
        let c = CaseCounts::new(1, 1, 0, 0);
        assert!(c.quorum(TWO_THIRDS).met);
        assert!(
            verdict(
                PassRule::MoreThanHalfOfEntitled,
                &c,
                TWO_THIRDS,
                &tally(1, 0, 0, 0)
            )
            .passed
        );
        assert!(
            !verdict(
                PassRule::MoreThanHalfOfEntitled,
                &c,
                TWO_THIRDS,
                &tally(0, 0, 1, 0)
            )
            .passed
        );
    }

    #[test]
    fn secret_ballot_counts_only_abstentions_are_not_cast() {
        let c = CaseCounts::new(6, 6, 0, 0);
        let t = tally(2, 1, 0, 3);
        assert_eq!(t.cast(), 3);
        let v = verdict(PassRule::MoreThanHalfOfVotesCast, &c, TWO_THIRDS, &t);
        assert_eq!((v.base, v.needed, v.passed), (3, 2, true));
        assert!(!verdict(PassRule::MoreThanHalfOfEntitled, &c, TWO_THIRDS, &t).passed);
    }

    #[test]
    fn two_thirds_of_entitled() {
        let c = CaseCounts::new(6, 6, 0, 0);
        let v = verdict(
            PassRule::TwoThirdsOfEntitled,
            &c,
            TWO_THIRDS,
            &tally(4, 2, 0, 0),
        );
        assert_eq!((v.needed, v.passed), (4, true));
        assert!(
            !verdict(
                PassRule::TwoThirdsOfEntitled,
                &c,
                TWO_THIRDS,
                &tally(3, 3, 0, 0)
            )
            .passed
        );
        let c = CaseCounts::new(7, 7, 0, 0);
        assert_eq!(
            verdict(
                PassRule::TwoThirdsOfEntitled,
                &c,
                TWO_THIRDS,
                &tally(5, 0, 0, 0)
            )
            .needed,
            5
        );
    }
}
