//! The minutes of a meeting as a document to print, sign and file.
//!
//! Everything comes from the minutes file itself (names from its own panel record), except
//! the rule texts and labels, which come from the panel's rules when the caller found them:
//! without rules, ids stand in for them.

use crate::domain::meeting::{CaseRecord, Determination, Round, Side};
use crate::domain::panel::Role;
use crate::domain::rules::{Kind, Opinion, Rules};
use crate::domain::text::Lang;
use crate::store::minutes::{Minutes, Seal};

use super::doc::{Block, Doc, Field, field, mono};
use crate::i18n as t;

/// What the minutes alone do not say: the rules (for texts and labels) and the panel's
/// classification line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Extra<'a> {
    pub rules: Option<&'a Rules>,
    pub classification: Option<&'a str>,
}

pub fn build(m: &Minutes, seal: &Seal, extra: Extra, lang: Lang) -> Doc {
    let b = Builder {
        m,
        rules: extra.rules,
        lang,
        day: date_of(&m.meeting.opened_at),
    };
    let mut doc = Doc::new(
        format!(
            "{} {} {}",
            m.panel.name,
            t::PR_MINUTES.get(lang),
            m.meeting.id
        ),
        lang,
    );
    if let Some(c) = extra.classification {
        doc.push(Block::Mark(t::pr_labelled(
            t::PR_CLASSIFICATION.get(lang),
            c,
            lang,
        )));
    }
    doc.push(Block::Title {
        title: m.panel.name.clone(),
        lines: vec![
            t::PR_MINUTES.get(lang).to_string(),
            t::pr_labelled(t::PR_MEETING_ID.get(lang), &m.meeting.id, lang),
            t::pr_labelled(t::PR_DATE.get(lang), b.day, lang),
        ],
    });
    b.seal_notice(&mut doc, seal);
    b.header(&mut doc);
    b.attendance(&mut doc);
    doc.heading(1, t::PR_CASES.get(lang));
    if m.cases.is_empty() {
        doc.para(t::PR_NONE.get(lang));
    }
    for (i, c) in m.cases.iter().enumerate() {
        b.case(&mut doc, i + 1, c);
    }
    b.signatures(&mut doc, seal);
    doc
}

struct Builder<'a> {
    m: &'a Minutes,
    rules: Option<&'a Rules>,
    lang: Lang,
    /// The day the meeting opened: times on that day are printed as the clock alone.
    day: &'a str,
}

impl<'a> Builder<'a> {
    fn name(&self, id: &'a str) -> &'a str {
        self.m.member_name(id)
    }

    fn names(&self, ids: &'a [String]) -> String {
        let names: Vec<&str> = ids.iter().map(|i| self.name(i)).collect();
        t::pr_join(&names, self.lang)
    }

    fn when(&self, at: &'a str) -> String {
        when(at, self.day)
    }

    fn kind(&self, id: &str) -> Option<&'a Kind> {
        self.rules.and_then(|r| r.kind(id))
    }

    fn outcome(&self, kind: &str, outcome: &str) -> String {
        self.kind(kind)
            .and_then(|k| k.outcome(outcome))
            .map_or(outcome, |o| o.label.get(self.lang))
            .to_string()
    }

    fn opinion(&self, o: Opinion) -> &'a str {
        self.rules.map_or(o.id(), |r| r.opinion_label(o, self.lang))
    }

    fn seal_notice(&self, doc: &mut Doc, seal: &Seal) {
        match seal {
            Seal::Intact => {}
            Seal::NotFinal => doc.push(Block::Notice(t::PR_NOT_FINAL.get(self.lang).into())),
            Seal::Broken(_) | Seal::BrokenFinalization => {
                doc.push(Block::Notice(t::PR_SEAL_BROKEN.get(self.lang).into()))
            }
        }
    }

    fn header(&self, doc: &mut Doc) {
        let (m, lang) = (self.m, self.lang);
        // The meeting's id and date stand under the title already.
        let mut f = vec![field(
            t::PR_TIME.get(lang),
            t::pr_span(
                &self.when(&m.meeting.opened_at),
                m.meeting
                    .closed_at
                    .as_deref()
                    .map(|c| self.when(c))
                    .as_deref(),
                lang,
            ),
        )];
        if let Some(u) = &m.panel.unit {
            f.push(field(t::PR_CONVENED_BY.get(lang), u));
        }
        let mut rules = t::pr_rules(&m.rules.id, &m.rules.version, lang);
        if let Some(r) = self.rules {
            rules = format!("{rules}\n{}", r.title.get(lang));
        }
        f.push(field(t::PR_RULES.get(lang), rules));
        f.push(field(
            t::METHOD.get(lang),
            t::method(m.meeting.method, lang),
        ));
        f.push(field(t::PR_CHAIR.get(lang), self.name(&m.meeting.chair)));
        if let Some(a) = &m.meeting.acting_chair {
            f.push(field(t::PR_ACTING_CHAIR.get(lang), self.name(a)));
        }
        if let Some(c) = &m.meeting.clerk {
            f.push(field(t::PR_CLERK.get(lang), self.name(c)));
        }
        doc.fields(f);
    }

    fn role(&self, id: &str) -> String {
        let role = self
            .m
            .panel
            .members
            .iter()
            .find(|x| x.id == id)
            .map_or("", |x| match Role::from_id(&x.role) {
                Some(r) => t::role(r, self.lang),
                None => x.role.as_str(),
            });
        if self.m.meeting.acting_chair.as_deref() == Some(id) {
            t::pr_aside(role, t::ACTING_CHAIR.get(self.lang), self.lang)
        } else {
            role.to_string()
        }
    }

    fn attendance(&self, doc: &mut Doc) {
        let (a, lang) = (&self.m.attendance, self.lang);
        doc.heading(1, t::PR_ATTENDANCE.get(lang));
        // Who attended at any time: present at the end, or arriving or leaving on the way.
        // `attendance` in the file is the room as it stood last; the paper is the meeting.
        let moved = |id: &str| a.movements.iter().any(|x| x.member == id);
        let attended: Vec<&str> = self
            .m
            .panel
            .members
            .iter()
            .map(|x| x.id.as_str())
            .filter(|id| a.present.iter().any(|p| p == id) || moved(id))
            .collect();
        doc.heading(3, t::PR_PRESENT.get(lang));
        if attended.is_empty() {
            doc.para(t::PR_NONE.get(lang));
        } else {
            doc.push(Block::Table {
                head: vec![t::PR_NAME.get(lang).into(), t::PR_ROLE.get(lang).into()],
                rows: attended
                    .iter()
                    .map(|p| vec![self.name(p).to_string(), self.role(p)])
                    .collect(),
            });
        }
        let never: Vec<_> = a.absent.iter().filter(|x| !moved(&x.member)).collect();
        doc.heading(3, t::PR_ABSENT.get(lang));
        if never.is_empty() {
            doc.para(t::PR_NONE.get(lang));
        } else {
            doc.push(Block::Table {
                head: vec![t::PR_NAME.get(lang).into(), t::PR_REASON.get(lang).into()],
                rows: never
                    .iter()
                    .map(|x| vec![self.name(&x.member).to_string(), x.reason.clone()])
                    .collect(),
            });
        }
        doc.heading(3, t::ATTENDEES.get(lang));
        doc.list_or(a.attendees.clone(), t::PR_NONE.get(lang));
        if !a.movements.is_empty() {
            doc.heading(3, t::PR_MOVEMENTS.get(lang));
            doc.push(Block::Table {
                head: vec![
                    t::PR_TIME.get(lang).into(),
                    t::PR_NAME.get(lang).into(),
                    t::PR_MOVE.get(lang).into(),
                    t::PR_REASON.get(lang).into(),
                ],
                rows: a
                    .movements
                    .iter()
                    .map(|x| {
                        let how = if x.arrived { t::PR_ARRIVED } else { t::PR_LEFT };
                        vec![
                            self.when(&x.at),
                            self.name(&x.member).to_string(),
                            how.get(lang).to_string(),
                            x.reason.clone(),
                        ]
                    })
                    .collect(),
            });
        }
        let q = &self.m.quorum;
        doc.heading(3, t::PR_QUORUM.get(lang));
        doc.para(t::pr_meeting_quorum(
            &q.fraction,
            q.voting,
            q.present,
            q.needed,
            q.met,
            lang,
        ));
    }

    fn case(&self, doc: &mut Doc, n: usize, c: &'a CaseRecord) {
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
        super::items(doc, found, &c.found, kind, self.lang);
    }

    fn round(&self, doc: &mut Doc, c: &CaseRecord, r: &'a Round) {
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

    fn signatures(&self, doc: &mut Doc, seal: &Seal) {
        let (m, lang) = (self.m, self.lang);
        doc.heading(1, t::PR_SIGNATURES.get(lang));
        let mut rows = Vec::new();
        match &m.meeting.acting_chair {
            Some(a) => rows.push((t::PR_ACTING_CHAIR.get(lang).to_string(), self.name(a))),
            None => rows.push((
                t::PR_CHAIR.get(lang).to_string(),
                self.name(&m.meeting.chair),
            )),
        }
        if let Some(c) = &m.meeting.clerk {
            rows.push((t::PR_CLERK.get(lang).to_string(), self.name(c)));
        }
        doc.push(Block::Signatures {
            sign: t::PR_SIGN.get(lang).into(),
            date: t::PR_SIGN_DATE.get(lang).into(),
            rows: rows.into_iter().map(|(r, n)| (r, n.to_string())).collect(),
        });
        match &m.finalization {
            Some(f) => {
                doc.heading(3, t::PR_FINALIZATION.get(lang));
                let mut rows = vec![mono(t::PR_DIGEST.get(lang), &f.minutes_digest)];
                // The seal covers the finalization too: on paper, it pins every byte.
                if !f.seal.is_empty() {
                    rows.push(mono(t::PR_SEAL.get(lang), &f.seal));
                }
                let user = match f.uid {
                    Some(uid) => format!("{} (uid {uid})", f.user),
                    None => f.user.clone(),
                };
                rows.extend([
                    field(
                        t::PR_FINALIZED_BY.get(lang),
                        t::pr_aside(self.name(&f.by), &f.by, lang),
                    ),
                    field(t::PR_SYSTEM_USER.get(lang), &user),
                    field(t::PR_FINALIZED_AT.get(lang), &f.at),
                ]);
                doc.fields(rows);
                doc.para(t::PR_HOW_TO_VERIFY.get(lang));
                self.seal_notice(doc, seal);
            }
            None => doc.push(Block::Notice(t::PR_NOT_FINAL.get(lang).into())),
        }
    }
}

/// The date of an RFC 3339 time (`2026-11-20` of `2026-11-20T09:00:00+08:00`), or the text
/// as it is when it is not one.
pub fn date_of(at: &str) -> &str {
    match at.get(..10) {
        Some(d) if is_rfc3339(at) => d,
        _ => at,
    }
}

/// An RFC 3339 time as the clock alone on `day`, else as date and clock; any other text as
/// it is. Seconds and the offset are left out: the panel's time zone is the meeting's.
pub fn when(at: &str, day: &str) -> String {
    if !is_rfc3339(at) {
        return at.to_string();
    }
    let (date, clock) = (&at[..10], &at[11..16]);
    if date == day {
        clock.to_string()
    } else {
        format!("{date} {clock}")
    }
}

/// Whether `s` starts like `2026-11-20T09:00`; only then are its parts cut out by position.
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 16
        && b.iter().take(16).enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_print_as_the_clock_on_the_meeting_day() {
        assert_eq!(when("2026-11-20T09:08:00+08:00", "2026-11-20"), "09:08");
        assert_eq!(
            when("2026-11-21T09:08:00+08:00", "2026-11-20"),
            "2026-11-21 09:08"
        );
        assert_eq!(when("昨天下午", "2026-11-20"), "昨天下午");
        assert_eq!(date_of("2026-11-20T09:00:00+08:00"), "2026-11-20");
        assert_eq!(date_of("2026-11-20"), "2026-11-20");
    }
}
