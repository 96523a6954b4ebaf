//! The vote part: the open round and the members to hear, the determination, closed
//! rounds, recusals and the presenter; beside it, for a review, the decision under review.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::meeting::Round;
use crate::i18n;
use crate::text::{fit, pad, wrap};

use super::super::Ctx;
use super::earlier::earlier_pane;
use super::tally::tally_line;
use super::{Subject, scroll_max, window};

/// The vote pane, most pressing first: the open round with its live tally and the members
/// to hear; then the standing determination (and any withdrawn since); then closed rounds
/// (latest first), recusals with their reasons, the presenter, and an earlier meeting's
/// decision.
pub(super) fn vote(
    frame: &mut Frame,
    cx: &Ctx,
    subject: &Subject,
    area: Rect,
    focused: bool,
) -> u16 {
    let Subject {
        case,
        kind,
        shown,
        cut,
    } = *subject;
    let app = cx.app;
    let lang = cx.lang;
    let record = shown.map(|s| s.record);
    let w = usize::from(area.width).saturating_sub(2);
    let name = |id: &str| i18n::member_name(&app.session.panel, id).to_string();
    let outcome_label =
        |o: &str| -> String { kind.outcome(o).map_or(o, |x| x.label.get(lang)).to_string() };
    let mut lines: Vec<Line> = Vec::new();
    let mut focus_line: Option<usize> = None;
    let mut voters_shown = 0;
    // The live meeting, only when the record shown is its own.
    let meeting = app
        .session
        .meeting
        .as_ref()
        .filter(|_| shown.is_some_and(|s| !s.earlier));
    let rounds = record.map(|r| r.rounds.as_slice()).unwrap_or(&[]);
    let push_wrapped = |lines: &mut Vec<Line>, text: &str, indent: usize, style: Style| {
        for l in wrap(text, w.saturating_sub(indent)) {
            lines.push(Line::from(Span::styled(
                format!("{}{l}", " ".repeat(indent)),
                style,
            )));
        }
    };
    let round_title = |round: &Round| -> String {
        let n = i18n::round_title(round.number, lang);
        let status = if let Some(v) = &round.void {
            format!(" [{}: {}]", i18n::VOID.get(lang), v.reason)
        } else if round.is_open() {
            format!(" [{}]", i18n::OPEN.get(lang))
        } else {
            String::new()
        };
        let what = i18n::pr_aside(
            &outcome_label(&round.proposal.outcome),
            i18n::method(round.method, lang),
            lang,
        );
        format!("{n} {what}{status}")
    };
    let arithmetic = |round: &Round| match (&round.arithmetic, meeting) {
        (Some(a), _) => Some((a.clone(), round.passed == Some(true))),
        (None, Some(m)) if round.is_open() => m.preview(&app.session.panel, &case.id),
        _ => None,
    };
    // Opinions withdrawn when their members left, and a quorum lost: in words.
    let departures = |lines: &mut Vec<Line>, round: &Round| {
        let day = crate::print::minutes::date_of(&round.opened_at);
        if round.method.is_secret() {
            if !round.withdrawn.is_empty() {
                push_wrapped(
                    lines,
                    &i18n::opinions_withdrawn_count(round.withdrawn.len(), lang),
                    2,
                    cx.theme.warn(),
                );
            }
        } else {
            for x in &round.withdrawn {
                push_wrapped(
                    lines,
                    &i18n::opinion_withdrawn(
                        &crate::print::minutes::when(&x.at, day),
                        &name(&x.member),
                        app.session.panel.rules.opinion_label(x.opinion, lang),
                        lang,
                    ),
                    2,
                    cx.theme.warn(),
                );
            }
        }
        let lost = match (&round.quorum_lost, meeting) {
            (Some(q), _) => Some((q.present_entitled, q.needed)),
            (None, Some(m)) if round.is_open() => {
                let q = m
                    .counts(&app.session.panel, &case.id)
                    .quorum(app.session.panel.rules.meeting.quorum);
                (!q.met).then_some((q.present, q.needed))
            }
            _ => None,
        };
        if let Some((pe, needed)) = lost {
            push_wrapped(
                lines,
                &i18n::quorum_lost(pe, needed, lang),
                2,
                cx.theme.warn(),
            );
        }
    };

    if let Some(round) = rounds.iter().rev().find(|r| r.is_open()) {
        push_wrapped(&mut lines, &round_title(round), 0, cx.theme.title());
        if let Some((a, passed)) = arithmetic(round) {
            lines.push(Line::raw(fit(
                &format!("  {}", tally_line(lang, round, &a, passed)),
                w,
            )));
        }
        if round.method.is_secret() {
            lines.push(Line::from(Span::styled(
                format!("  {}", i18n::SECRET_COUNTS.get(lang)),
                cx.theme.dim(),
            )));
        } else {
            let voters = meeting
                .map(|m| m.voters(&app.session.panel, &case.id))
                .unwrap_or_default();
            voters_shown = voters.len();
            let cursor = app.case_view.voter.min(voters.len().saturating_sub(1));
            for (i, v) in voters.iter().enumerate() {
                let said = round
                    .opinions
                    .iter()
                    .find(|o| &o.member == v)
                    .map(|o| {
                        app.session
                            .panel
                            .rules
                            .opinion_label(o.opinion, lang)
                            .to_string()
                    })
                    .unwrap_or_else(|| "-".into());
                let style = if i == cursor && focused {
                    focus_line = Some(lines.len());
                    cx.theme.selected()
                } else {
                    Style::new()
                };
                lines.push(Line::from(Span::styled(
                    format!("  {} {}", pad(&name(v), 10), said),
                    style,
                )));
            }
        }
        departures(&mut lines, round);
    }
    // What the header cut (a long proposal, a note), whole, after the members to hear.
    for t in cut {
        push_wrapped(&mut lines, t, 0, Style::new());
    }
    if let Some(r) = record {
        // One current determination: the standing one, its version named once amended.
        let standing = r.determination();
        if let Some(d) = standing {
            let amended = r
                .determination_version()
                .filter(|&n| n > 1)
                .map(|n| {
                    format!(
                        " [{}]",
                        i18n::amended_version(n, r.determination_amends(), lang)
                    )
                })
                .unwrap_or_default();
            let text = format!(
                "{}: {}{amended} - {}",
                i18n::DETERMINATION.get(lang),
                outcome_label(&d.outcome),
                d.rationale
            );
            push_wrapped(&mut lines, &text, 0, cx.theme.tolerable());
            for (label, t) in [
                (i18n::DISSENT, &d.dissent),
                (i18n::OVERRIDE, &d.override_reason),
            ] {
                if !t.is_empty() {
                    push_wrapped(
                        &mut lines,
                        &format!("{}: {t}", label.get(lang)),
                        2,
                        Style::new(),
                    );
                }
            }
        }
        // Versions withdrawn since: shown as withdrawn, with the void that withdrew them.
        let after = r.determination_version().unwrap_or(0);
        for d in r.determinations.iter().skip(after).rev() {
            let Some(wd) = &d.withdrawn else { continue };
            let text = format!(
                "{} [{}]: {} - {}",
                i18n::DETERMINATION.get(lang),
                i18n::WITHDRAWN.get(lang),
                outcome_label(&d.outcome),
                d.rationale
            );
            push_wrapped(&mut lines, &text, 0, cx.theme.warn());
            let at =
                crate::print::minutes::when(&wd.at, crate::print::minutes::date_of(&d.decided_at));
            push_wrapped(
                &mut lines,
                &i18n::withdrawn_because(wd.round, &at, &wd.reason, lang),
                2,
                cx.theme.warn(),
            );
        }
    }
    if rounds.is_empty() {
        lines.push(Line::from(Span::styled(
            fit(i18n::NOT_OPENED.get(lang), w),
            cx.theme.dim(),
        )));
    }
    for round in rounds.iter().rev().filter(|r| !r.is_open()) {
        // A void's reason is part of the title: wrapped, not cut.
        push_wrapped(&mut lines, &round_title(round), 0, cx.theme.title());
        if let Some((a, passed)) = arithmetic(round) {
            lines.push(Line::raw(fit(
                &format!("  {}", tally_line(lang, round, &a, passed)),
                w,
            )));
        }
        if round.method.is_secret() {
            // Counts only: nothing links a member to a ballot, whatever the file holds.
            lines.push(Line::from(Span::styled(
                format!("  {}", i18n::SECRET_COUNTS.get(lang)),
                cx.theme.dim(),
            )));
        } else if !round.opinions.is_empty() {
            let said: Vec<String> = round
                .opinions
                .iter()
                .map(|o| {
                    format!(
                        "{} {}",
                        name(&o.member),
                        app.session.panel.rules.opinion_label(o.opinion, lang)
                    )
                })
                .collect();
            for l in wrap(&said.join(", "), w.saturating_sub(2)) {
                lines.push(Line::raw(format!("  {l}")));
            }
        }
        departures(&mut lines, round);
    }
    // Recusals: from the file until the case is taken up, then as the meeting records them.
    let recusals: Vec<(String, String)> = match record {
        Some(r) => r
            .recusals
            .iter()
            .map(|x| (name(&x.member), x.reason.clone()))
            .collect(),
        None => case
            .conflicts
            .iter()
            .map(|c| (name(&c.member), c.reason.clone()))
            .collect(),
    };
    for (n, reason) in &recusals {
        push_wrapped(
            &mut lines,
            &format!("{}: {n} ({reason})", i18n::RECUSED.get(lang)),
            0,
            cx.theme.warn(),
        );
    }
    if let Some(p) = record.and_then(|r| r.presenter.as_ref()) {
        push_wrapped(
            &mut lines,
            &format!("{}: {p}", i18n::PRESENTER.get(lang)),
            0,
            Style::new(),
        );
    }
    if let Some(rc) = record.and_then(|r| r.reconsideration.as_ref()) {
        lines.push(Line::raw(fit(
            &format!(
                "{}: {} {}/{}",
                i18n::K_RECONSIDER.get(lang),
                rc.decided_in,
                rc.agree,
                rc.of
            ),
            w,
        )));
    }
    // Corrections made after finalizing, beside what they correct.
    for list in app.session.addenda.values() {
        for (a, ok) in list {
            for c in a
                .corrections
                .iter()
                .filter(|c| c.case.as_deref() == Some(&case.id))
            {
                let mark = if *ok { "" } else { " [!]" };
                push_wrapped(
                    &mut lines,
                    &format!(
                        "{} {} #{}{mark}: {} ({})",
                        i18n::ADDENDUM.get(lang),
                        a.minutes,
                        a.number,
                        c.text,
                        a.reason
                    ),
                    0,
                    cx.theme.warn(),
                );
            }
        }
    }
    // A case decided at an earlier meeting, taken up again here, shows the decision that
    // stands until a new one passes, whole.
    if shown.is_some_and(|s| !s.earlier)
        && let Some((mid, _)) = app.session.decided_in(&case.id)
        && let Some(d) = app
            .session
            .earlier_by_id(&mid)
            .and_then(|m| m.cases.iter().find(|c| c.case == case.id))
            .and_then(|c| c.determination())
    {
        let deferred_here = record.and_then(|r| r.determination()).is_some_and(|x| {
            app.session
                .panel
                .rules
                .kind(&case.kind)
                .and_then(|k| k.outcome(&x.outcome))
                .is_some_and(|o| o.deferral)
        });
        let text = if deferred_here {
            i18n::reconsideration_no_change(&mid, &outcome_label(&d.outcome), lang)
        } else {
            format!(
                "{} {}: {} - {}",
                i18n::DECIDED_AT.get(lang),
                mid,
                outcome_label(&d.outcome),
                d.rationale
            )
        };
        for l in wrap(&text, w) {
            lines.push(Line::from(Span::styled(l, cx.theme.dim())));
        }
    }
    let inner_h = usize::from(area.height).saturating_sub(2);
    // The voter cursor keeps the member to hear in sight; moving down past the last voter
    // (or with no round open, where there is no one to hear) scrolls on to read the rest.
    // `j`/`k` move `case_view.voter` among the voters, then `case_view.scroll`.
    let scroll = match (focus_line, voters_shown) {
        (Some(f), n) if n > 0 => {
            (f + 2).saturating_sub(inner_h) + usize::from(app.case_view.scroll)
        }
        _ if focused => usize::from(app.case_view.scroll),
        _ => 0,
    };
    let max = if focused {
        scroll_max(lines.len(), inner_h)
    } else {
        0
    };
    frame.render_widget(
        Paragraph::new(window(cx, lines, inner_h, scroll))
            .block(cx.block(i18n::VOTE.get(lang), focused)),
        area,
    );
    max
}

/// The vote pane; for a review case (复核) whose earlier decision docket has, the earlier
/// findings, rounds and determination on the left and this review's on the right.
pub(super) fn vote_or_review(
    frame: &mut Frame,
    cx: &Ctx,
    subject: &Subject,
    area: Rect,
    focused: bool,
) -> u16 {
    let case = subject.case;
    // The decision under review as it stands now: an earlier meeting's, or the open one's.
    let earlier = case
        .review_of
        .as_ref()
        .and_then(|target| cx.app.session.standing(target));
    let Some(st) = earlier else {
        return vote(frame, cx, subject, area, focused);
    };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    earlier_pane(frame, cx, st.meeting, st.record, left);
    vote(frame, cx, subject, right, focused)
}
