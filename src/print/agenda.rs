//! The next meeting's agenda, to send to the members before the meeting: which cases come
//! up, in which order, what is claimed and proposed, and who must step out for each.

use std::path::{Path, PathBuf};

use crate::domain::panel::Panel;
use crate::domain::rules::ReviewRule;
use crate::domain::text::Lang;
use crate::store::minutes::{self, Minutes, MinutesError};
use crate::store::panel::LoadedCase;

use super::doc::{Block, Doc, field};
use crate::i18n as t;

/// Every minutes file of a panel that reads, oldest first, and those that do not, with why.
#[derive(Debug, Default)]
pub struct History {
    pub minutes: Vec<Minutes>,
    pub unreadable: Vec<(PathBuf, String)>,
}

pub fn history(panel_dir: &Path, lang: Lang) -> History {
    let mut h = History::default();
    for path in minutes::list(panel_dir) {
        match minutes::read(&path) {
            Ok((_, m)) => h.minutes.push(m),
            Err(MinutesError::Io(e)) => h.unreadable.push((path, crate::i18n::io_error(&e, lang))),
            Err(MinutesError::Read { line, col, msg }) => {
                let message = crate::i18n::msg(&msg, lang);
                h.unreadable
                    .push((path, format!("{line}:{col}: {message}")));
            }
            Err(MinutesError::Yaml { line, col, message }) => {
                h.unreadable
                    .push((path, format!("{line}:{col}: {message}")));
            }
        }
    }
    h
}

/// The cases for the next meeting's agenda, in the order the meeting takes them up.
///
/// These are the pending cases: those on which no decision of the panel's minutes
/// (`minutes::list`) stands, ordered by received date, then id. A case whose standing
/// determination is a deferral is pending again (see `domain::standing`). Minutes that
/// cannot be read are skipped ([`history`] names them).
///
/// The working-state agenda the clerk orders in the queue (`state.yaml`) takes precedence:
/// its cases still open, in its order. Without one, every pending case is on it.
pub fn agenda_cases<'a>(
    panel_dir: &Path,
    rules: &crate::domain::rules::Rules,
    cases: &'a [LoadedCase],
) -> Vec<&'a LoadedCase> {
    // Only the minutes that read are wanted here: the language of the others' messages is moot.
    let minutes = history(panel_dir, Lang::En).minutes;
    ordered(panel_dir, pending(rules, &minutes, cases))
}

/// The open cases as the clerk's agenda (`state.yaml`) orders them, when there is one; else
/// all of them, as they are.
pub fn ordered<'a>(panel_dir: &Path, open: Vec<&'a LoadedCase>) -> Vec<&'a LoadedCase> {
    match crate::store::state::read(panel_dir) {
        Ok(state) if !state.agenda.is_empty() => state
            .agenda
            .iter()
            .filter_map(|id| open.iter().find(|c| &c.case.id == id).copied())
            .collect(),
        _ => open,
    }
}

/// [`agenda_cases`] over minutes already read: the cases no decision stands on.
pub fn pending<'a>(
    rules: &crate::domain::rules::Rules,
    history: &[Minutes],
    cases: &'a [LoadedCase],
) -> Vec<&'a LoadedCase> {
    let mut out: Vec<&LoadedCase> = cases
        .iter()
        .filter(|c| standing(rules, history, &c.case.id).is_none_or(|s| s.deferred))
        .collect();
    out.sort_by(|a, b| (a.case.received, &a.case.id).cmp(&(b.case.received, &b.case.id)));
    out
}

/// The standing determination of `case` across the minutes.
pub fn standing<'m>(
    rules: &crate::domain::rules::Rules,
    history: &'m [Minutes],
    case: &str,
) -> Option<crate::domain::standing::Standing<'m>> {
    crate::domain::standing::standing(
        rules,
        history.iter().filter_map(|m| {
            m.cases
                .iter()
                .find(|c| c.case == case)
                .map(|r| (m.meeting.id.as_str(), r))
        }),
    )
}

/// What the agenda needs besides the panel and its cases.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The panel's minutes, oldest first: earlier decisions of reviewed cases.
    pub history: &'a [Minutes],
    /// The date the agenda is produced, printed under its title.
    pub produced: &'a str,
}

pub fn build(panel: &Panel, cases: &[&LoadedCase], cx: Context, lang: Lang) -> Doc {
    let mut doc = Doc::new(format!("{} {}", panel.name, t::PR_AGENDA.get(lang)), lang);
    if let Some(c) = &panel.classification {
        doc.push(Block::Mark(t::pr_labelled(
            t::PR_CLASSIFICATION.get(lang),
            c,
            lang,
        )));
    }
    doc.push(Block::Title {
        title: panel.name.clone(),
        lines: vec![
            t::PR_AGENDA.get(lang).to_string(),
            t::pr_labelled(t::PR_PRODUCED.get(lang), cx.produced, lang),
            t::pr_case_count(cases.len(), lang),
        ],
    });
    let mut f = Vec::new();
    if let Some(u) = &panel.unit {
        f.push(field(t::PR_CONVENED_BY.get(lang), u));
    }
    f.push(field(
        t::PR_RULES.get(lang),
        format!(
            "{}\n{}\n{}",
            t::pr_rules(&panel.rules.id, &panel.rules.version, lang),
            panel.rules.title.get(lang),
            t::pr_rules_quorum(&panel.rules.meeting.quorum.to_string(), lang)
        ),
    ));
    doc.fields(f);
    if cases.is_empty() {
        doc.para(t::PR_NO_PENDING.get(lang));
    }
    for (i, c) in cases.iter().enumerate() {
        case(&mut doc, panel, i + 1, c, cx, lang);
    }
    doc
}

fn case(doc: &mut Doc, panel: &Panel, n: usize, lc: &LoadedCase, cx: Context, lang: Lang) {
    let c = &lc.case;
    let kind = panel.rules.kind(&c.kind);
    let outcome = |kind_id: &str, o: &str| -> String {
        panel
            .rules
            .kind(kind_id)
            .and_then(|k| k.outcome(o))
            .map_or(o, |x| x.label.get(lang))
            .to_string()
    };
    doc.heading(2, t::pr_case_heading(n, &c.id, &c.title));
    let mut f = vec![
        field(
            t::PR_KIND.get(lang),
            kind.map_or(c.kind.as_str(), |k| k.name.get(lang)),
        ),
        field(t::PR_SUBJECT.get(lang), &c.subject.name),
        field(t::PR_POSITION.get(lang), &c.subject.position),
        field(t::PR_UNIT.get(lang), &c.subject.unit),
        field(t::PR_RECEIVED.get(lang), c.received.to_string()),
    ];
    let earlier = c
        .review_of
        .as_deref()
        .and_then(|r| standing(&panel.rules, cx.history, r));
    if let Some(r) = &c.review_of {
        let decided =
            earlier.map(|s| (s.meeting, outcome(&s.record.kind, &s.determination.outcome)));
        f.push(field(
            t::REVIEW_OF.get(lang),
            t::pr_review_of(r, decided.as_ref().map(|(m, o)| (*m, o.as_str())), lang),
        ));
    }
    doc.fields(f);

    doc.heading(3, t::PR_SUMMARY.get(lang));
    doc.para(t::case_summary(c).into_owned());

    let claimed = [
        t::PR_SITUATIONS_CLAIMED,
        t::PR_GROUNDS_CLAIMED,
        t::PR_ITEMS_CLAIMED,
    ];
    super::items(doc, claimed, &c.claimed, kind, lang);

    doc.heading(3, t::PROPOSAL.get(lang));
    match &c.proposal {
        Some(p) => doc.fields(vec![
            field(t::PR_OUTCOME.get(lang), outcome(&c.kind, &p.outcome)),
            field(t::PR_BASIS.get(lang), &p.basis),
        ]),
        None => doc.para(t::PR_NONE.get(lang)),
    }

    doc.heading(3, t::PR_MUST_RECUSE.get(lang));
    let mut recuse: Vec<String> = c
        .conflicts
        .iter()
        .map(|x| t::pr_labelled(t::member_name(panel, &x.member), &x.reason, lang))
        .collect();
    // As the meeting will when it takes the case up: under `review: recuse`, the members who
    // sat on the decision under review step out too.
    if panel.rules.meeting.review == ReviewRule::Recuse
        && let Some(d) = earlier.map(|s| s.determination)
    {
        for m in panel.voting_members() {
            if d.present.contains(&m.id) && !c.must_recuse(&m.id) {
                recuse.push(t::pr_labelled(
                    &m.name,
                    t::PR_SAT_ON_REVIEWED.get(lang),
                    lang,
                ));
            }
        }
    }
    doc.list_or(recuse, t::PR_NONE.get(lang));
}
