//! One case of the minutes on paper: who and what, the members' consent to reconsider,
//! recusals, the proposal, the findings on each distinction, what was found, the rounds
//! (see `round`), the standing determination and every other version.

use crate::domain::meeting::{CaseRecord, Determination, Side};
use crate::domain::rules::Kind;
use crate::i18n as t;
use crate::print::doc::{Doc, Field, field};

use super::Builder;

impl<'a> Builder<'a> {
    pub(super) fn case(&self, doc: &mut Doc, n: usize, c: &'a CaseRecord) {
        let lang = self.lang;
        let kind = self.kind(&c.kind);
        doc.heading(2, t::pr_case_heading(n, &c.case, &c.title));
        let mut f = vec![
            field(
                t::PR_KIND.get(lang),
                kind.map_or(c.kind.as_str(), |k| k.name.get(lang)),
            ),
            field(t::PR_SUBJECT.get(lang), &c.subject.name),
            field(t::PR_POSITION.get(lang), &c.subject.position),
            field(t::PR_UNIT.get(lang), &c.subject.unit),
        ];
        if let Some(r) = &c.review_of {
            f.push(field(t::REVIEW_OF.get(lang), r));
        }
        if let Some(p) = &c.presenter {
            f.push(field(t::PRESENTER.get(lang), p));
        }
        doc.fields(f);

        // The members' consent came before anything else was recorded on the case.
        if let Some(r) = &c.reconsideration {
            doc.heading(3, t::PR_RECONSIDERATION.get(lang));
            let mut f = vec![field(t::PR_DECIDED_IN.get(lang), &r.decided_in)];
            if let Some(s) = &r.standing {
                f.push(field(t::PR_OUTCOME.get(lang), self.outcome(&c.kind, s)));
            }
            if let Some(m) = r.method {
                f.push(field(t::METHOD.get(lang), t::method(m, lang)));
            }
            f.push(field(
                t::PR_AGREED_TO_RECONSIDER.get(lang),
                t::reconsider_counts(r.agree, r.of, r.present, lang),
            ));
            // An open method names who agreed; a secret one only counts, whatever the file.
            if !r.members.is_empty() && !r.method.is_some_and(|m| m.is_secret()) {
                f.push(field(t::PR_AGREED_BY.get(lang), self.names(&r.members)));
            }
            f.push(field(t::PR_AT.get(lang), self.when(&r.at)));
            doc.fields(f);
        }

        doc.heading(3, t::PR_RECUSALS.get(lang));
        let recusals = c
            .recusals
            .iter()
            .map(|r| {
                let how = if r.declared {
                    t::PR_DECLARED
                } else {
                    t::PR_LISTED
                };
                t::pr_aside(
                    &t::pr_labelled(self.name(&r.member), &r.reason, lang),
                    how.get(lang),
                    lang,
                )
            })
            .collect();
        doc.list_or(recusals, t::PR_NONE.get(lang));

        doc.heading(3, t::PROPOSAL.get(lang));
        match &c.proposal {
            Some(p) => doc.fields(vec![
                field(t::PR_OUTCOME.get(lang), self.outcome(&c.kind, &p.outcome)),
                field(t::PR_BASIS.get(lang), &p.basis),
            ]),
            None => doc.para(t::PR_NONE.get(lang)),
        }

        self.findings(doc, c, kind);
        self.found(doc, c, kind);

        doc.heading(3, t::PR_VOTE.get(lang));
        if c.rounds.is_empty() {
            doc.para(t::PR_NO_ROUNDS.get(lang));
        }
        for r in &c.rounds {
            self.round(doc, c, r);
        }

        doc.heading(3, t::DETERMINATION.get(lang));
        let standing = c.determination();
        match standing {
            Some(d) => {
                let mut f = self.determination(c, d);
                if let Some(n) = c.determination_version().filter(|&n| n > 1) {
                    f.insert(
                        1,
                        field(
                            t::PR_VERSION.get(lang),
                            t::amended_version(n, c.determination_amends(), lang),
                        ),
                    );
                }
                doc.fields(f);
            }
            None => doc.para(t::PR_NO_DETERMINATION.get(lang)),
        }
        // A reconsideration that ended without a new decision leaves the earlier one standing.
        if let Some(r) = &c.reconsideration
            && let Some(outcome) = &r.standing
            && standing.is_none_or(|d| self.is_deferral(c, d))
        {
            doc.para(t::reconsideration_no_change(
                &r.decided_in,
                &self.outcome(&c.kind, outcome),
                lang,
            ));
        }
        // Every other version, withdrawn ones marked with the void that withdrew them.
        let others: Vec<(usize, &Determination)> = c
            .determinations
            .iter()
            .enumerate()
            .filter(|(_, d)| !standing.is_some_and(|s| std::ptr::eq(s, *d)))
            .collect();
        if !others.is_empty() {
            let after = c.determination_version().unwrap_or(0);
            let heading = if others.iter().all(|(i, _)| *i < after) {
                t::PR_EARLIER_VERSIONS
            } else {
                t::PR_OTHER_VERSIONS
            };
            doc.heading(3, heading.get(lang));
            for (i, d) in others {
                doc.heading(4, t::pr_version_marked(i + 1, d.withdrawn.is_some(), lang));
                doc.fields(self.determination(c, d));
            }
        }
    }

    /// Whether `d` is a deferral: by the rules when known, else by resting on no round.
    fn is_deferral(&self, c: &CaseRecord, d: &Determination) -> bool {
        match self.rules {
            Some(r) => crate::domain::standing::is_deferral(r, &c.kind, &d.outcome),
            None => d.round.is_none(),
        }
    }

    fn findings(&self, doc: &mut Doc, c: &CaseRecord, kind: Option<&Kind>) {
        let lang = self.lang;
        let has_distinctions = kind.is_some_and(|k| !k.distinctions.is_empty());
        if !has_distinctions && c.findings.is_empty() {
            return;
        }
        doc.heading(3, t::DISTINCTIONS.get(lang));
        if c.findings.is_empty() {
            doc.para(t::PR_NO_FINDING.get(lang));
        }
        for f in &c.findings {
            let d = kind.and_then(|k| k.distinction(&f.distinction));
            let title = match d.and_then(|d| d.name.as_ref()) {
                Some(n) => format!("{} {}", f.distinction, n.get(lang)),
                None => f.distinction.clone(),
            };
            doc.heading(4, title);
            let side = match f.side {
                Side::Tolerable => t::PR_TOLERABLE,
                Side::NotTolerable => t::PR_NOT_TOLERABLE,
            };
            let mut fields = vec![field(t::PR_FINDING.get(lang), side.get(lang))];
            if let Some(d) = d {
                // Both sides, the one found marked: the panel weighed them side by side.
                let mark = |s: Side| if f.side == s { "[x] " } else { "[ ] " };
                fields.push(field(
                    t::PR_TOLERABLE.get(lang),
                    format!("{}{}", mark(Side::Tolerable), d.tolerable.get(lang)),
                ));
                fields.push(field(
                    t::PR_NOT_TOLERABLE.get(lang),
                    format!("{}{}", mark(Side::NotTolerable), d.not_tolerable.get(lang)),
                ));
            }
            if !f.basis.is_empty() {
                fields.push(field(t::PR_BASIS.get(lang), &f.basis));
            }
            doc.fields(fields);
        }
    }

    fn found(&self, doc: &mut Doc, c: &CaseRecord, kind: Option<&Kind>) {
        let found = [
            t::PR_SITUATIONS_FOUND,
            t::PR_GROUNDS_FOUND,
            t::PR_ITEMS_FOUND,
        ];
        crate::print::items(doc, found, &c.found, kind, self.lang);
    }

    fn determination(&self, c: &CaseRecord, d: &'a Determination) -> Vec<Field> {
        let lang = self.lang;
        let mut f = vec![field(
            t::PR_OUTCOME.get(lang),
            self.outcome(&c.kind, &d.outcome),
        )];
        // A withdrawn version names the voided round as what withdrew it, never as a basis.
        match &d.withdrawn {
            Some(w) => f.push(field(
                t::PR_WITHDRAWN.get(lang),
                t::withdrawn_because(w.round, &self.when(&w.at), &w.reason, lang),
            )),
            None => f.push(field(
                t::PR_BY_ROUND.get(lang),
                t::pr_by_round(d.round, lang),
            )),
        }
        f.push(field(t::RATIONALE.get(lang), &d.rationale));
        if !d.dissent.is_empty() {
            f.push(field(t::DISSENT.get(lang), &d.dissent));
        }
        if !d.override_reason.is_empty() {
            f.push(field(t::OVERRIDE.get(lang), &d.override_reason));
        }
        f.push(field(t::PR_DECIDED_AT.get(lang), self.when(&d.decided_at)));
        f.push(field(t::PR_IN_ROOM.get(lang), self.names(&d.present)));
        f
    }
}
