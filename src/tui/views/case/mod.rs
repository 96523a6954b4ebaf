//! The case screen: who and what, the facts, the three distinctions side by side (tolerable
//! on the left, not tolerable on the right), the situations or grounds, and the vote.
//!
//! At 120x40 and above every part shows at once; below, the distinctions keep their two
//! columns (except while the situations or grounds are in front) and the other parts share
//! one pane that `Tab` brings forward. A part whose text runs past its height says how many
//! lines are below.

mod distinctions;
mod earlier;
mod items;
mod tally;
mod vote;

pub use tally::closing_line;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::case::Case;
use crate::domain::rules::Kind;
use crate::i18n;
use crate::text::{fit, width, wrap};
use crate::tui::app::{Part, Shown};

use super::Ctx;
use distinctions::{distinction_lines, distinctions};
use items::items;
use vote::vote_or_review;

/// Draws the case screen; says how far the part in front can scroll at this size.
pub fn draw(frame: &mut Frame, cx: &Ctx, area: Rect) -> u16 {
    let app = cx.app;
    let Some(case) = app.case() else { return 0 };
    let Some(kind) = app.session.kind_of(case) else {
        return 0;
    };
    // The meeting's own record, else the earlier one a decision stands on (read-only).
    let shown = app.session.shown_record(&case.id);
    let record = shown.map(|s| s.record);
    let (head, cut) = header_lines(cx, case, kind, shown, usize::from(area.width));
    let [head_area, rest] =
        Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(head), head_area);

    let subject = Subject {
        case,
        kind,
        shown,
        cut: &cut,
    };
    let large = area.width >= 118 && area.height >= 30;
    let part = app.part();
    let has_distinctions = !kind.distinctions.is_empty();
    // On a small screen the distinctions fold to one line each (still side by side) while
    // another part is in front, to leave it room.
    let compact = !large && part != Part::Distinctions;
    let dist_max = rest.height.saturating_sub(5);
    let dist_lines = if has_distinctions {
        distinction_lines(
            cx,
            kind,
            record,
            usize::from(rest.width).saturating_sub(2),
            compact,
            usize::from(dist_max.saturating_sub(2)),
        )
    } else {
        Vec::new()
    };
    let dist_h = (dist_lines.len() as u16 + 2).min(dist_max);
    if large {
        // The situations and the vote read whole when in front: the facts give up height
        // (they say how much is below).
        let bottom_c = if matches!(part, Part::Items | Part::Vote) {
            Constraint::Percentage(60)
        } else {
            Constraint::Percentage(40)
        };
        let [top, mid, bottom] = Layout::vertical([
            Constraint::Min(6),
            Constraint::Length(if has_distinctions { dist_h } else { 0 }),
            bottom_c,
        ])
        .areas(rest);
        let f = facts(frame, cx, case, top, part == Part::Facts);
        if has_distinctions {
            distinctions(frame, cx, dist_lines, mid, part == Part::Distinctions);
        }
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(bottom);
        let i = items(frame, cx, case, kind, record, left, part == Part::Items);
        let v = vote_or_review(frame, cx, &subject, right, part == Part::Vote);
        // Only the part in front scrolls; the others say 0.
        f.max(i).max(v)
    } else {
        // The situations (nine at most, most two lines long) need every row to read whole;
        // the distinctions, read a Tab ago, step aside for them.
        let (dist_area, pane) = if has_distinctions && part != Part::Items {
            let [d, p] =
                Layout::vertical([Constraint::Length(dist_h), Constraint::Min(0)]).areas(rest);
            (Some(d), p)
        } else {
            (None, rest)
        };
        if let Some(d) = dist_area {
            distinctions(frame, cx, dist_lines, d, part == Part::Distinctions);
        }
        match part {
            Part::Facts | Part::Distinctions => facts(frame, cx, case, pane, part == Part::Facts),
            Part::Items => items(frame, cx, case, kind, record, pane, true),
            Part::Vote => vote_or_review(frame, cx, &subject, pane, true),
        }
    }
}

/// The case on screen, and what its header had to cut.
#[derive(Clone, Copy)]
struct Subject<'a> {
    case: &'a Case,
    kind: &'a Kind,
    shown: Option<Shown<'a>>,
    cut: &'a [String],
}

/// The header's lines, and the texts it had to cut (the proposal, the queue's notes): the
/// vote part shows those whole.
fn header_lines(
    cx: &Ctx,
    case: &Case,
    kind: &Kind,
    shown: Option<Shown>,
    w: usize,
) -> (Vec<Line<'static>>, Vec<String>) {
    let mut cut = Vec::new();
    let mut keep_whole = |t: String| -> String {
        if width(&t) > w {
            cut.push(t.clone());
        }
        t
    };
    let lang = cx.lang;
    let app = cx.app;
    let record = shown.map(|s| s.record);
    // A record from an earlier meeting says so on the first line, whatever the title's length.
    let mark = shown
        .filter(|s| s.earlier)
        .map(|s| format!("  [{}]", i18n::record_of_meeting(s.meeting, lang)));
    let mark_w = mark.as_deref().map_or(0, width).min(w);
    let mut first = vec![Span::styled(
        fit(&format!("{}  {}", case.id, case.title), w - mark_w),
        cx.theme.title(),
    )];
    if let Some(m) = mark {
        first.push(Span::styled(fit(&m, mark_w), cx.theme.warn()));
    }
    let mut lines = vec![Line::from(first)];
    // Kind, date and claims first: the names after them give way on a narrow screen.
    lines.push(Line::raw(fit(
        &format!(
            "{} | {} {} | {} {} | {} {} | {}",
            kind.short(lang),
            i18n::RECEIVED.get(lang),
            case.received,
            i18n::CLAIMED.get(lang),
            if case.claimed.is_empty() {
                i18n::NONE.get(lang).to_string()
            } else {
                case.claimed.join(",")
            },
            case.subject.name,
            case.subject.position,
            case.subject.unit,
        ),
        w,
    )));
    let proposal = record
        .and_then(|r| r.proposal.as_ref())
        .or(case.proposal.as_ref());
    let p = match proposal {
        Some(p) => {
            let label = kind
                .outcome(&p.outcome)
                .map_or(p.outcome.as_str(), |o| o.label.get(lang));
            if p.basis.is_empty() {
                label.to_string()
            } else {
                format!("{label} - {}", p.basis)
            }
        }
        None => i18n::NO_PROPOSAL.get(lang).to_string(),
    };
    lines.push(Line::raw(fit(
        &keep_whole(format!("{}: {p}", i18n::PROPOSAL.get(lang))),
        w,
    )));
    // The queue's notes on the case: why it is held back, what materials are missing.
    for (label, note) in [
        (i18n::ST_HELD, app.session.state.held(&case.id)),
        (i18n::ST_INCOMPLETE, app.session.state.incomplete(&case.id)),
    ] {
        if let Some(n) = note {
            lines.push(Line::from(Span::styled(
                fit(&keep_whole(format!("{}: {}", label.get(lang), n.note)), w),
                cx.theme.warn(),
            )));
        }
    }
    // Who must step out is always on screen, whatever pane is in front; the reasons are in
    // the vote pane.
    let recused: Vec<&str> = match record {
        Some(r) => r
            .recusals
            .iter()
            .map(|x| i18n::member_name(&app.session.panel, &x.member))
            .collect(),
        None => case
            .conflicts
            .iter()
            .map(|c| i18n::member_name(&app.session.panel, &c.member))
            .collect(),
    };
    if !recused.is_empty() {
        lines.push(Line::from(Span::styled(
            fit(
                &format!(
                    "{}: {}",
                    i18n::RECUSED.get(lang),
                    i18n::pr_join(&recused, lang)
                ),
                w,
            ),
            cx.theme.warn(),
        )));
    }
    // The decision under review, as it stands now (the open meeting included), in full.
    if let Some(target) = &case.review_of {
        let what = match app.session.standing(target) {
            Some(st) => {
                let d = st.determination;
                let label = app
                    .session
                    .panel
                    .rules
                    .kind(&st.record.kind)
                    .and_then(|k| k.outcome(&d.outcome))
                    .map_or(d.outcome.as_str(), |o| o.label.get(lang));
                format!("{} {target}: {label}, {}", st.meeting, d.rationale)
            }
            None => format!("{target}: {}", i18n::ST_PENDING.get(lang)),
        };
        for l in wrap(&format!("{}: {what}", i18n::REVIEW_OF.get(lang)), w) {
            lines.push(Line::raw(l));
        }
    }
    (lines, cut)
}

fn facts(frame: &mut Frame, cx: &Ctx, case: &Case, area: Rect, focused: bool) -> u16 {
    let inner_w = usize::from(area.width).saturating_sub(2);
    let mut lines: Vec<Line> = wrap(&i18n::case_summary(case), inner_w)
        .into_iter()
        .map(Line::raw)
        .collect();
    for (i, f) in case.facts().iter().enumerate() {
        let prefix = format!("{}. ", i + 1);
        let pw = width(&prefix);
        for (j, l) in wrap(f, inner_w.saturating_sub(pw)).into_iter().enumerate() {
            let lead = if j == 0 {
                prefix.clone()
            } else {
                " ".repeat(pw)
            };
            lines.push(Line::raw(format!("{lead}{l}")));
        }
    }
    let block = cx.block(i18n::FACTS.get(cx.lang), focused);
    let inner_h = usize::from(area.height).saturating_sub(2);
    let max = if focused {
        scroll_max(lines.len(), inner_h)
    } else {
        0
    };
    let lines = window(cx, lines, inner_h, usize::from(cx.app.case_view.scroll));
    frame.render_widget(Paragraph::new(lines).block(block), area);
    max
}

/// The furthest a part of `lines` in `h` rows can scroll (see `CaseView::scroll_max`).
fn scroll_max(lines: usize, h: usize) -> u16 {
    u16::try_from(lines.saturating_sub(h)).unwrap_or(u16::MAX)
}

/// The `h` rows of `lines` from `scroll` on. When text continues below, the last row says
/// how many lines follow; the furthest scroll shows the last line, and no further.
pub fn window<'a>(cx: &Ctx, lines: Vec<Line<'a>>, h: usize, scroll: usize) -> Vec<Line<'a>> {
    if lines.len() <= h {
        return lines;
    }
    let max = lines.len() - h;
    let from = scroll.min(max);
    if from == max || h == 0 {
        return lines.into_iter().skip(from).collect();
    }
    let shown = h - 1;
    let left = lines.len() - from - shown;
    let mut out: Vec<Line> = lines.into_iter().skip(from).take(shown).collect();
    out.push(Line::from(Span::styled(
        i18n::more_lines(left, cx.lang),
        cx.theme.warn(),
    )));
    out
}
