//! The case screen: who and what, the facts, the three distinctions side by side (tolerable
//! on the left, not tolerable on the right), the situations or grounds, and the vote.
//!
//! At 120x40 and above every part shows at once; below, the distinctions keep their two
//! columns (except while the situations or grounds are in front) and the other parts share
//! one pane that `Tab` brings forward. A part whose text runs past its height says how many
//! lines are below.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::case::Case;
use crate::domain::meeting::{CaseRecord, Round, Side};
use crate::domain::quorum::PassRule;
use crate::domain::rules::{ItemNoun, Kind};
use crate::domain::text::Lang;
use crate::i18n;
use crate::text::{fit, pad, width, wrap};
use crate::tui::app::{Part, Shown};

use super::Ctx;

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
        let sep = if lang == Lang::Zh { "、" } else { ", " };
        lines.push(Line::from(Span::styled(
            fit(
                &format!("{}: {}", i18n::RECUSED.get(lang), recused.join(sep)),
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
    let mut lines: Vec<Line> = wrap(case.summary(), inner_w)
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

/// The distinctions as rows of two columns; the found side marked `[x]` and coloured, in at
/// most `h` rows. Each reads whole (wrapped, with its basis) unless `compact`; when that is
/// too tall, the selected one alone while the part is in front, and if even that is too tall
/// the rows around it with a "more" mark.
fn distinction_lines(
    cx: &Ctx,
    kind: &Kind,
    record: Option<&CaseRecord>,
    w: usize,
    compact: bool,
    h: usize,
) -> Vec<Line<'static>> {
    let focused = cx.app.part() == Part::Distinctions;
    let selected = cx.app.case_view.distinction;
    let (lines, _) = distinction_rows(cx, kind, record, w, &|_| !compact);
    if lines.len() <= h {
        return lines;
    }
    let (lines, (_, end)) = distinction_rows(cx, kind, record, w, &|i| {
        !compact && focused && i == selected
    });
    // Keep the selected distinction's last row above the "more" mark.
    let scroll = (end + 2).saturating_sub(h);
    window(cx, lines, h, scroll)
}

/// The rows of the distinctions, each wrapped whole when `whole(i)`, and where the selected
/// one's rows end.
fn distinction_rows(
    cx: &Ctx,
    kind: &Kind,
    record: Option<&CaseRecord>,
    w: usize,
    whole: &dyn Fn(usize) -> bool,
) -> (Vec<Line<'static>>, (usize, usize)) {
    let lang = cx.lang;
    let mut selected = (0, 0);
    let gutter = 4;
    let col = w.saturating_sub(gutter + 3) / 2;
    let mut lines = vec![Line::from(vec![
        Span::raw(" ".repeat(gutter)),
        Span::styled(pad(i18n::TOLERABLE.get(lang), col), cx.theme.title()),
        Span::raw(" | "),
        Span::styled(i18n::NOT_TOLERABLE.get(lang).to_string(), cx.theme.title()),
    ])];
    for (i, d) in kind.distinctions.iter().enumerate() {
        let compact = !whole(i);
        let start = lines.len();
        let finding = record.and_then(|r| r.finding(&d.id));
        let side = finding.map(|f| f.side);
        let mark = |s: Side| if side == Some(s) { "[x] " } else { "[ ] " };
        let side_text = |s: Side, t: &str| -> Vec<String> {
            let text = format!("{}{t}", mark(s));
            if compact {
                vec![fit(&text, col)]
            } else {
                wrap(&text, col)
            }
        };
        let left = side_text(Side::Tolerable, d.tolerable.get(lang));
        let right = side_text(Side::NotTolerable, d.not_tolerable.get(lang));
        let style_l = if side == Some(Side::Tolerable) {
            cx.theme.tolerable()
        } else {
            Style::new()
        };
        let style_r = if side == Some(Side::NotTolerable) {
            cx.theme.not_tolerable()
        } else {
            Style::new()
        };
        let cursor = i == cx.app.case_view.distinction;
        let id_style = if cursor && cx.app.part() == Part::Distinctions {
            cx.theme.selected()
        } else {
            cx.theme.title()
        };
        let n = left.len().max(right.len());
        for k in 0..n {
            let gut = if k == 0 {
                Span::styled(pad(&d.id, 3), id_style)
            } else {
                Span::raw("   ")
            };
            lines.push(Line::from(vec![
                gut,
                Span::raw(" "),
                Span::styled(pad(left.get(k).map_or("", String::as_str), col), style_l),
                Span::raw(" | "),
                Span::styled(right.get(k).cloned().unwrap_or_default(), style_r),
            ]));
        }
        if let Some(f) = finding.filter(|f| !f.basis.is_empty() && !compact) {
            for l in wrap(
                &format!("{}: {}", i18n::BASIS.get(lang), f.basis),
                w.saturating_sub(gutter),
            ) {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(gutter)),
                    Span::styled(l, cx.theme.dim()),
                ]));
            }
        }
        if i == cx.app.case_view.distinction {
            selected = (start, lines.len() - 1);
        }
    }
    (lines, selected)
}

fn distinctions(frame: &mut Frame, cx: &Ctx, lines: Vec<Line<'static>>, area: Rect, focused: bool) {
    let block = cx.block(i18n::DISTINCTIONS.get(cx.lang), focused);
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn items(
    frame: &mut Frame,
    cx: &Ctx,
    case: &Case,
    kind: &Kind,
    record: Option<&CaseRecord>,
    area: Rect,
    focused: bool,
) -> u16 {
    let lang = cx.lang;
    let inner_h = usize::from(area.height).saturating_sub(2).max(1);
    let inner_w = usize::from(area.width).saturating_sub(2);
    // In front, one column with every text whole, scrolled; else two columns when one
    // would not show every item (nine situations at 80x24).
    let columns = if kind.items.len() > inner_h && !focused {
        2
    } else {
        1
    };
    let w = (inner_w + 1) / columns - 1;
    let claimed_mark = i18n::CLAIMED.get(lang);
    let mark_w = width(claimed_mark);
    let heads: Vec<(String, Style)> = kind
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let claimed = case.claimed.contains(&item.id);
            let found = record.is_some_and(|r| r.found.contains(&item.id));
            let key = if i < 9 {
                format!("{}", i + 1)
            } else {
                " ".into()
            };
            let head = format!(
                "{key} {} {} {:<4} ",
                if found { "[x]" } else { "[ ]" },
                if claimed {
                    pad(claimed_mark, mark_w)
                } else {
                    " ".repeat(mark_w)
                },
                item.id
            );
            let style = if found {
                cx.theme.title()
            } else {
                Style::new()
            };
            (head, style)
        })
        .collect();
    // Each text is wrapped under its head to read whole, as many as the height holds (all
    // of them at 80x24 in Chinese when in front): the claimed and found ones first, then in
    // order; the rest stay one line, cut with "..".
    let wrapped: Vec<Vec<String>> = if focused {
        (0..kind.items.len())
            .map(|i| {
                let room = w.saturating_sub(width(&heads[i].0));
                wrap(kind.items[i].text.get(lang), room)
            })
            .collect()
    } else if columns == 1 {
        let mut extra = inner_h.saturating_sub(kind.items.len());
        let mut order: Vec<usize> = (0..kind.items.len()).collect();
        order.sort_by_key(|&i| {
            let id = &kind.items[i].id;
            let marked = case.claimed.contains(id) || record.is_some_and(|r| r.found.contains(id));
            !marked
        });
        let mut out = vec![Vec::new(); kind.items.len()];
        for i in order {
            let room = w.saturating_sub(width(&heads[i].0));
            let lines = wrap(kind.items[i].text.get(lang), room);
            if lines.len() > 1 && lines.len() - 1 <= extra {
                extra -= lines.len() - 1;
                out[i] = lines;
            }
        }
        out
    } else {
        vec![Vec::new(); kind.items.len()]
    };
    let mut cells: Vec<Line> = Vec::new();
    for (i, item) in kind.items.iter().enumerate() {
        let (head, style) = &heads[i];
        let hw = width(head);
        let room = w.saturating_sub(hw);
        if wrapped[i].is_empty() {
            cells.push(Line::from(vec![
                Span::styled(head.clone(), *style),
                Span::raw(pad(item.text.get(lang), room)),
            ]));
        } else {
            for (k, l) in wrapped[i].iter().enumerate() {
                let lead = if k == 0 {
                    Span::styled(head.clone(), *style)
                } else {
                    Span::raw(" ".repeat(hw))
                };
                cells.push(Line::from(vec![lead, Span::raw(l.clone())]));
            }
        }
    }
    let rows = cells.len().div_ceil(columns);
    let lines: Vec<Line> = (0..rows)
        .map(|r| {
            let mut spans = Vec::new();
            for c in 0..columns {
                if let Some(cell) = cells.get(c * rows + r) {
                    if c > 0 {
                        spans.push(Span::raw(" "));
                    }
                    spans.extend(cell.spans.iter().cloned());
                }
            }
            Line::from(spans)
        })
        .collect();
    let title = match kind.item_noun {
        ItemNoun::Situation => i18n::SITUATIONS.get(lang),
        ItemNoun::Ground => i18n::GROUNDS.get(lang),
    };
    let (lines, max) = if focused {
        let max = scroll_max(lines.len(), inner_h);
        (
            window(cx, lines, inner_h, usize::from(cx.app.case_view.scroll)),
            max,
        )
    } else {
        (lines, 0)
    };
    frame.render_widget(Paragraph::new(lines).block(cx.block(title, focused)), area);
    max
}

/// `同意 4 / 应到会 6 / 需 4 / 通过`: the tally against the pass rule, live.
pub fn tally_line(
    lang: Lang,
    round: &Round,
    arithmetic: &crate::domain::meeting::Arithmetic,
    passed: bool,
) -> String {
    let open = round.is_open();
    // While the round is open the verdict is only what closing it now would give.
    let verdict = match (open, passed) {
        (false, true) => i18n::PASSED.get(lang),
        (false, false) => i18n::FAILED.get(lang),
        (true, true) => i18n::WOULD_PASS.get(lang),
        (true, false) => i18n::NOT_YET.get(lang),
    };
    tally_with(lang, round, arithmetic, verdict)
}

fn tally_with(
    lang: Lang,
    round: &Round,
    arithmetic: &crate::domain::meeting::Arithmetic,
    verdict: &str,
) -> String {
    let base = match (arithmetic.rule, lang) {
        (PassRule::MoreThanHalfOfEntitled | PassRule::TwoThirdsOfEntitled, Lang::Zh) => "应到会",
        (PassRule::MoreThanHalfOfEntitled | PassRule::TwoThirdsOfEntitled, Lang::En) => "entitled",
        (PassRule::MoreThanHalfOfPresent, Lang::Zh) => "到会",
        (PassRule::MoreThanHalfOfPresent, Lang::En) => "present",
        (PassRule::MoreThanHalfOfVotesCast, Lang::Zh) => "投票",
        (PassRule::MoreThanHalfOfVotesCast, Lang::En) => "cast",
    };

    format!(
        "{} {} / {base} {} / {} {} / {verdict}",
        i18n::K_AGREE.get(lang),
        round.tally.agree,
        arithmetic.base,
        i18n::NEEDED.get(lang),
        arithmetic.needed
    )
}

/// The tally line of a round every opinion of which is in, about to close: "would pass" or
/// "would fail", never "not yet".
pub fn closing_line(
    lang: Lang,
    round: &Round,
    arithmetic: &crate::domain::meeting::Arithmetic,
    passed: bool,
) -> String {
    let verdict = if passed {
        i18n::WOULD_PASS.get(lang)
    } else {
        i18n::WOULD_FAIL.get(lang)
    };
    tally_with(lang, round, arithmetic, verdict)
}

/// The vote pane, most pressing first: the open round with its live tally and the members
/// to hear; then the standing determination (and any withdrawn since); then closed rounds
/// (latest first), recusals with their reasons, the presenter, and an earlier meeting's
/// decision.
fn vote(frame: &mut Frame, cx: &Ctx, subject: &Subject, area: Rect, focused: bool) -> u16 {
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
        let n = match lang {
            Lang::Zh => format!("第{}轮", round.number),
            Lang::En => format!("Round {}", round.number),
        };
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
            .history
            .iter()
            .find(|m| m.meeting.id == mid)
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
fn vote_or_review(
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

fn earlier_pane(frame: &mut Frame, cx: &Ctx, meeting: &str, r: &CaseRecord, area: Rect) {
    let lang = cx.lang;
    let w = usize::from(area.width).saturating_sub(2);
    let rules = &cx.app.session.panel.rules;
    let kind = rules.kind(&r.kind);
    let label = |o: &str| -> String {
        kind.and_then(|k| k.outcome(o))
            .map_or(o, |x| x.label.get(lang))
            .to_string()
    };
    let mut lines: Vec<Line> = vec![Line::from(Span::styled(
        fit(
            &format!("{} {}  {}", i18n::MEETING.get(lang), meeting, r.case),
            w,
        ),
        cx.theme.title(),
    ))];
    if let Some(d) = r.determination() {
        let text = format!(
            "{}: {} - {}",
            i18n::DETERMINATION.get(lang),
            label(&d.outcome),
            d.rationale
        );
        for l in wrap(&text, w) {
            lines.push(Line::from(Span::styled(l, cx.theme.tolerable())));
        }
        for (label, t) in [
            (i18n::DISSENT, &d.dissent),
            (i18n::OVERRIDE, &d.override_reason),
        ] {
            if !t.is_empty() {
                for l in wrap(&format!("{}: {t}", label.get(lang)), w) {
                    lines.push(Line::raw(l));
                }
            }
        }
    }
    for f in &r.findings {
        let side = match f.side {
            Side::Tolerable => i18n::TOLERABLE.get(lang),
            Side::NotTolerable => i18n::NOT_TOLERABLE.get(lang),
        };
        let style = match f.side {
            Side::Tolerable => cx.theme.tolerable(),
            Side::NotTolerable => cx.theme.not_tolerable(),
        };
        for l in wrap(&format!("{} {side} {}", f.distinction, f.basis), w) {
            lines.push(Line::from(Span::styled(l, style)));
        }
    }
    if !r.found.is_empty() {
        lines.push(Line::raw(fit(
            &format!("{}: {}", i18n::FOUND.get(lang), r.found.join(",")),
            w,
        )));
    }
    for round in r.rounds.iter().rev() {
        let n = match lang {
            Lang::Zh => format!("第{}轮", round.number),
            Lang::En => format!("Round {}", round.number),
        };
        let status = match (&round.void, round.passed) {
            (Some(_), _) => i18n::VOID.get(lang),
            (None, Some(true)) => i18n::PASSED.get(lang),
            _ => i18n::FAILED.get(lang),
        };
        lines.push(Line::raw(fit(
            &format!(
                "{n} {} {} {} / {}",
                label(&round.proposal.outcome),
                i18n::K_AGREE.get(lang),
                round.tally.agree,
                status
            ),
            w,
        )));
    }
    let inner_h = usize::from(area.height).saturating_sub(2);
    frame.render_widget(
        Paragraph::new(window(cx, lines, inner_h, 0))
            .block(cx.block(i18n::EARLIER.get(lang), false)),
        area,
    );
}
