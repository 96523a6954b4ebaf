//! Quorum: the fraction of members that must be present, for the meeting and for one case
//! (the entitled: voting members not recused, and those of them present).
//!
//! Integers only: a fraction a/b is met by n of m when n·b ≥ a·m, so no rounding can ever
//! decide a vote. Every number the minutes show is returned, not only the verdict.

use std::fmt;
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

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_THIRDS: Fraction = Fraction { num: 2, den: 3 };

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
