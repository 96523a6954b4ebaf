//! The minutes of a meeting as a document to print, sign and file.
//!
//! Everything comes from the minutes file itself (names from its own panel record), except
//! the rule texts and labels, which come from the panel's rules when the caller found them:
//! without rules, ids stand in for them.
//!
//! Here the document's frame (title, attendance, signatures) and the times; each case in
//! `case`, each vote round in `round`.

mod case;
mod round;

use crate::domain::panel::Role;
use crate::domain::rules::{Kind, Opinion, Rules};
use crate::domain::text::Lang;
use crate::store::minutes::{Minutes, Seal};

use super::doc::{Block, Doc, field, mono};
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
