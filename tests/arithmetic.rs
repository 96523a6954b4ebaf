//! The integer meeting arithmetic checked against a direct rational computation.

use docket::domain::pass_rule::{PassRule, verdict};
use docket::domain::quorum::{CaseCounts, Fraction, meeting_quorum};
use docket::domain::tally::Tally;
use num_rational::Ratio;
use proptest::prelude::*;

type Q = Ratio<u64>;

fn ratio(a: u32, b: u32) -> Option<Q> {
    (b > 0).then(|| Q::new(u64::from(a), u64::from(b)))
}

/// The pass rule as the regulations state it, in rationals.
fn rule_holds(rule: PassRule, c: &CaseCounts, t: &Tally) -> bool {
    let half = Q::new(1, 2);
    match rule {
        PassRule::MoreThanHalfOfEntitled => ratio(t.agree, c.entitled).is_some_and(|r| r > half),
        PassRule::MoreThanHalfOfPresent => {
            ratio(t.agree, c.present_entitled).is_some_and(|r| r > half)
        }
        PassRule::MoreThanHalfOfVotesCast => {
            ratio(t.agree, t.agree + t.disagree).is_some_and(|r| r > half)
        }
        PassRule::TwoThirdsOfEntitled => {
            t.agree > 0 && ratio(t.agree, c.entitled).is_some_and(|r| r >= Q::new(2, 3))
        }
    }
}

fn quorum_holds(present: u32, of: u32, q: Fraction) -> bool {
    ratio(present, of).is_some_and(|r| r >= Q::new(u64::from(q.num), u64::from(q.den)))
}

/// A consistent case: V voting, P present, R recused of whom some are present, and a tally
/// that does not exceed the members present and entitled.
fn case() -> impl Strategy<Value = (CaseCounts, Fraction, Tally)> {
    (1u32..40, 1u32..10)
        .prop_flat_map(|(v, den)| (Just(v), 0..=v, 0..=v, Just(den), 0..=den))
        .prop_flat_map(|(v, p, r, den, num)| {
            // Present recused members: at least those who must be, since PE ≤ E.
            let lo = p.saturating_sub(v - r);
            let hi = r.min(p);
            (
                Just(v),
                Just(p),
                Just(r),
                lo..=hi,
                Just(Fraction { num, den }),
            )
        })
        .prop_flat_map(|(v, p, r, rp, q)| {
            let c = CaseCounts::new(v, p, r, rp);
            let pe = c.present_entitled;
            (Just(c), Just(q), 0..=pe, 0..=pe, 0..=pe, 0..=pe)
        })
        .prop_filter_map(
            "tally within present and entitled",
            |(c, q, a, d, f, ab)| {
                let t = Tally {
                    agree: a,
                    disagree: d,
                    defer: f,
                    abstain: ab,
                };
                (t.total() <= c.present_entitled).then_some((c, q, t))
            },
        )
}

proptest! {
    #[test]
    fn meeting_quorum_matches_rationals(v in 0u32..60, p in 0u32..60, num in 0u32..12, den in 1u32..12) {
        prop_assume!(p <= v && num <= den);
        let q = Fraction { num, den };
        let m = meeting_quorum(v, p, q);
        prop_assert_eq!(m.met, quorum_holds(p, v, q));
        // `needed` is the fewest members that meet it.
        prop_assert!(v == 0 || quorum_holds(m.needed, v, q));
        prop_assert!(m.needed == 0 || !quorum_holds(m.needed - 1, v, q));
    }

    #[test]
    fn verdicts_match_rationals((c, q, t) in case()) {
        prop_assert_eq!(c.entitled, c.voting - c.recused);
        let case_quorum = c.entitled > 0 && quorum_holds(c.present_entitled, c.entitled, q);
        prop_assert_eq!(c.quorum(q).met, case_quorum);
        for rule in PassRule::ALL {
            let v = verdict(rule, &c, q, &t);
            prop_assert_eq!(v.passed, case_quorum && rule_holds(rule, &c, &t), "{:?}", rule);
            // `needed` is the fewest agreeing opinions that pass, the others unchanged.
            let with = |agree| Tally { agree, ..t };
            prop_assert!(rule_holds(rule, &c, &with(v.needed)) || c.entitled == 0
                || (rule == PassRule::MoreThanHalfOfPresent && c.present_entitled == 0));
            prop_assert!(v.needed == 0 || !rule_holds(rule, &c, &with(v.needed - 1)));
        }
    }
}
