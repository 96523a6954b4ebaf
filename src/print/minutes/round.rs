//! One vote round of the minutes on paper: what was put, the opinions (names only for an open
//! ballot), the tally and its arithmetic, withdrawn opinions and corrections.

use crate::domain::meeting::{CaseRecord, Round};
use crate::domain::rules::Opinion;
use crate::i18n as t;
use crate::print::doc::{Block, Doc, field};

use super::Builder;

impl<'a> Builder<'a> {
    pub(super) fn round(&self, doc: &mut Doc, c: &CaseRecord, r: &'a Round) {
        let lang = self.lang;
        doc.heading(4, t::pr_round(r.number, r.void.is_some(), lang));
        let mut f = vec![field(
            t::PR_PUT.get(lang),
            self.outcome(&c.kind, &r.proposal.outcome),
        )];
        // The basis put to the vote is printed when it is not the proposal shown above.
        if c.proposal
            .as_ref()
            .is_none_or(|p| p.basis != r.proposal.basis)
        {
            f.push(field(t::PR_BASIS.get(lang), &r.proposal.basis));
        }
        f.push(field(t::METHOD.get(lang), t::method(r.method, lang)));
        f.push(field(
            t::PR_TIME.get(lang),
            t::pr_span(
                &self.when(&r.opened_at),
                r.closed_at.as_deref().map(|c| self.when(c)).as_deref(),
                lang,
            ),
        ));
        doc.fields(f);

        if r.method.is_secret() {
            // No name is stored for a secret ballot, and none is printed, whatever the file.
            doc.para(t::PR_SECRET_COUNTS.get(lang));
        } else if r.opinions.is_empty() {
            doc.para(t::PR_NONE.get(lang));
        } else {
            doc.push(Block::Table {
                head: vec![
                    t::PR_ORDER.get(lang).into(),
                    t::PR_MEMBER.get(lang).into(),
                    t::PR_OPINION.get(lang).into(),
                ],
                rows: r
                    .opinions
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        vec![
                            (i + 1).to_string(),
                            self.name(&v.member).to_string(),
                            self.opinion(v.opinion).to_string(),
                        ]
                    })
                    .collect(),
            });
        }

        let counts: Vec<String> = [
            (Opinion::Agree, r.tally.agree),
            (Opinion::Disagree, r.tally.disagree),
            (Opinion::Defer, r.tally.defer),
            (Opinion::Abstain, r.tally.abstain),
        ]
        .iter()
        .map(|(o, n)| format!("{} {n}", self.opinion(*o)))
        .collect();
        let counts: Vec<&str> = counts.iter().map(String::as_str).collect();
        let mut f = vec![field(
            t::PR_TALLY.get(lang),
            t::pr_counts_join(&counts, lang),
        )];
        if let Some(a) = &r.arithmetic {
            f.push(field(
                t::PR_MEMBERS.get(lang),
                t::pr_counts(a.voting, a.entitled, a.present, a.present_entitled, lang),
            ));
            if !a.recused.is_empty() {
                f.push(field(t::RECUSED.get(lang), self.names(&a.recused)));
            }
            f.push(field(
                t::PR_CASE_QUORUM.get(lang),
                t::pr_case_quorum(&a.quorum, a.entitled, a.quorum_needed, a.quorum_met, lang),
            ));
            f.push(field(
                t::PR_PASS_RULE.get(lang),
                t::pr_needed(a.rule, a.base, a.needed, lang),
            ));
        }
        let result = match r.passed {
            Some(true) => t::PR_PASSED,
            Some(false) => t::PR_NOT_PASSED,
            None => t::PR_ROUND_OPEN,
        };
        f.push(field(t::PR_RESULT.get(lang), result.get(lang)));
        if let Some(v) = &r.void {
            f.push(field(
                t::PR_VOIDED.get(lang),
                format!("{} {}", self.when(&v.at), v.reason),
            ));
        }
        // Opinions withdrawn when their members left during the round: names only for an
        // open method.
        if !r.withdrawn.is_empty() {
            let text = if r.method.is_secret() {
                t::opinions_withdrawn_count(r.withdrawn.len(), lang)
            } else {
                r.withdrawn
                    .iter()
                    .map(|x| {
                        t::opinion_withdrawn(
                            &self.when(&x.at),
                            self.name(&x.member),
                            self.opinion(x.opinion),
                            lang,
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            f.push(field(t::PR_WITHDRAWN_OPINIONS.get(lang), text));
        }
        if let Some(q) = &r.quorum_lost {
            f.push(field(
                t::PR_CASE_QUORUM.get(lang),
                format!(
                    "{} {}",
                    self.when(&q.at),
                    t::quorum_lost(q.present_entitled, q.needed, lang)
                ),
            ));
        }
        // A correction names who voted how: never for a secret ballot.
        if !r.corrections.is_empty() && !r.method.is_secret() {
            let lines: Vec<String> = r
                .corrections
                .iter()
                .map(|x| {
                    t::pr_correction(
                        &self.when(&x.at),
                        self.name(&x.member),
                        self.opinion(x.from),
                        self.opinion(x.to),
                        lang,
                    )
                })
                .collect();
            f.push(field(t::PR_CORRECTIONS.get(lang), lines.join("\n")));
        }
        doc.fields(f);
    }
}
