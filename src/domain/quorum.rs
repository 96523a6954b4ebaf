//! The meeting arithmetic: quorum, entitled and present members, the tally and the pass rules.
//!
//! Integers only: a fraction a/b is met by n of m when n·b ≥ a·m, so no rounding can ever
//! decide a vote. Every number the minutes show is returned, not only the verdict.

use std::fmt;

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A quorum such as 2/3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fraction {
    pub num: u32,
    pub den: u32,
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FractionError {
    /// Not of the form `a/b` with whole numbers.
    Syntax,
    ZeroDenominator,
    /// Above 1: no attendance can ever meet it.
    AboveOne,
}

impl FromStr for Fraction {
    type Err = FractionError;

    fn from_str(s: &str) -> Result<Fraction, FractionError> {
        let (a, b) = s.split_once('/').ok_or(FractionError::Syntax)?;
        let digits = |t: &str| !t.trim().is_empty() && t.trim().bytes().all(|c| c.is_ascii_digit());
        if !digits(a) || !digits(b) {
            return Err(FractionError::Syntax);
        }
        let num: u32 = a.trim().parse().map_err(|_| FractionError::Syntax)?;
        let den: u32 = b.trim().parse().map_err(|_| FractionError::Syntax)?;
        if den == 0 {
            return Err(FractionError::ZeroDenominator);
        }
        if num > den {
            return Err(FractionError::AboveOne);
        }
        Ok(Fraction { num, den })
    }
}

impl Fraction {
    /// Whether `part` of `whole` reaches this fraction: part·den ≥ num·whole.
    pub fn met_by(self, part: u32, whole: u32) -> bool {
        u64::from(part) * u64::from(self.den) >= u64::from(self.num) * u64::from(whole)
    }

    /// The fewest of `whole` that reach this fraction: ⌈num·whole / den⌉.
    pub fn needed_of(self, whole: u32) -> u32 {
        let n = u64::from(self.num) * u64::from(whole);
        let d = u64::from(self.den.max(1));
        // Never above `whole` for a valid fraction, so the conversion cannot fail.
        u32::try_from(n.div_ceil(d)).unwrap_or(u32::MAX)
    }
}

/// How many must agree, and of what, for a proposal to pass.
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

/// Attendance against a quorum: how many are there, how many must be, and whether that holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quorum {
    pub present: u32,
    pub of: u32,
    pub needed: u32,
    pub met: bool,
}

/// The meeting's quorum: present voting members P of V, P·b ≥ a·V. No voting members, no meeting.
pub fn meeting_quorum(voting: u32, present: u32, q: Fraction) -> Quorum {
    Quorum {
        present,
        of: voting,
        needed: q.needed_of(voting),
        met: voting > 0 && present <= voting && q.met_by(present, voting),
    }
}

/// The members' numbers for one case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseCounts {
    /// V: voting members (chair and members).
    pub voting: u32,
    /// R: voting members recused for this case.
    pub recused: u32,
    /// E = V − R: members entitled to take part.
    pub entitled: u32,
    /// P: voting members present.
    pub present: u32,
    /// PE = P minus the recused who are present.
    pub present_entitled: u32,
}

impl CaseCounts {
    /// `recused_present` of the `recused` are in the room; both are capped so the numbers stay
    /// consistent whatever the caller passes.
    pub fn new(voting: u32, present: u32, recused: u32, recused_present: u32) -> CaseCounts {
        let present = present.min(voting);
        let recused = recused.min(voting);
        let recused_present = recused_present.min(recused).min(present);
        CaseCounts {
            voting,
            recused,
            entitled: voting - recused,
            present,
            present_entitled: present - recused_present,
        }
    }

    /// The case quorum: PE·b ≥ a·E, and someone must be entitled at all (everyone recused means
    /// nobody can decide).
    pub fn quorum(&self, q: Fraction) -> Quorum {
        Quorum {
            present: self.present_entitled,
            of: self.entitled,
            needed: q.needed_of(self.entitled),
            met: self.entitled > 0 && q.met_by(self.present_entitled, self.entitled),
        }
    }
}

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
    fn fractions_parse_and_refuse_the_impossible() {
        assert_eq!("2/3".parse(), Ok(Fraction { num: 2, den: 3 }));
        assert_eq!(" 3 / 4 ".parse(), Ok(Fraction { num: 3, den: 4 }));
        assert_eq!("4/3".parse::<Fraction>(), Err(FractionError::AboveOne));
        assert_eq!(
            "1/0".parse::<Fraction>(),
            Err(FractionError::ZeroDenominator)
        );
        assert_eq!("0.66".parse::<Fraction>(), Err(FractionError::Syntax));
        assert_eq!("-1/2".parse::<Fraction>(), Err(FractionError::Syntax));
        assert_eq!("+2/+3".parse::<Fraction>(), Err(FractionError::Syntax));
    }

    #[test]
    fn meeting_quorum_of_six_needs_four() {
        let q = meeting_quorum(6, 4, TWO_THIRDS);
        assert_eq!((q.needed, q.met), (4, true));
        assert!(!meeting_quorum(6, 3, TWO_THIRDS).met);
        // 2/3 of 7 is 4.67: five must come.
        assert_eq!(meeting_quorum(7, 4, TWO_THIRDS).needed, 5);
        assert!(!meeting_quorum(7, 4, TWO_THIRDS).met);
        assert!(!meeting_quorum(0, 0, TWO_THIRDS).met);
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

    #[test]
    fn counts_are_capped_to_stay_consistent() {
        let c = CaseCounts::new(5, 9, 7, 8);
        assert_eq!(
            (
                c.voting,
                c.present,
                c.recused,
                c.entitled,
                c.present_entitled
            ),
            (5, 5, 5, 0, 0)
        );
    }
}
