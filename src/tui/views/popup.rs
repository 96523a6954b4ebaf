//! Popups over the screen: help generated from the keymap, text fields, pick lists,
//! confirms and the forms of the proposal, the counts and the determination.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::i18n;
use crate::sanitize::escape;
use crate::text::{fit, pad, wrap};
use crate::tui::app::{Ask, Confirm, Form, FormField, Pick, Popup};
use crate::tui::input::TextInput;

use super::Ctx;

/// Clears a popup's area. A wide character just left of it would paint over its border, and
/// the second half of one cut by its right edge would leave a hole: both become spaces.
pub(super) fn clear(frame: &mut Frame, r: Rect) {
    use unicode_width::UnicodeWidthStr;
    frame.render_widget(Clear, r);
    let buf = frame.buffer_mut();
    let area = buf.area;
    for y in r.y..r.y.saturating_add(r.height).min(area.y + area.height) {
        if r.x > area.x && buf[(r.x - 1, y)].symbol().width() > 1 {
            buf[(r.x - 1, y)].set_symbol(" ");
        }
        let right = r.x.saturating_add(r.width);
        if right < area.x + area.width && buf[(right, y)].symbol().is_empty() {
            buf[(right, y)].set_symbol(" ");
        }
    }
}

pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2));
    let h = h.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub fn draw(frame: &mut Frame, cx: &Ctx, area: Rect) {
    let Some(popup) = &cx.app.popup else { return };
    match popup {
        Popup::Help => super::help::help(frame, cx, area),
        Popup::Report { scroll } => {
            // The whole screen but the hint bar: the report is read, not glanced at.
            let r = Rect {
                height: area.height.saturating_sub(1),
                ..area
            };
            clear(frame, r);
            let report = cx.app.session.report();
            let lines: Vec<Line> = crate::report::report_lines(
                &report,
                cx.lang,
                usize::from(r.width).saturating_sub(2),
            )
            .into_iter()
            .map(Line::raw)
            .collect();
            let max = lines
                .len()
                .saturating_sub(usize::from(r.height).saturating_sub(2))
                as u16;
            frame.render_widget(
                Paragraph::new(lines)
                    .block(cx.block(i18n::REPORT_TITLE_SCREEN.get(cx.lang), true))
                    .scroll(((*scroll).min(max), 0)),
                r,
            );
        }
        Popup::Input { ask, input } => {
            let title = ask_title(cx, ask);
            // At the bottom, so the row it belongs to (a distinction, a member) stays visible.
            let w = 70.min(area.width.saturating_sub(2));
            let r = Rect {
                x: area.x + (area.width - w) / 2,
                y: area.y + area.height.saturating_sub(4),
                width: w,
                height: 3.min(area.height),
            };
            field(frame, cx, r, &title, input, true);
        }
        Popup::Pick {
            pick,
            items,
            cursor,
        } => {
            let r = centered(area, 40, items.len() as u16 + 2);
            clear(frame, r);
            let label = |id: &str| match pick {
                Pick::RecusedMember => {
                    escape(i18n::member_name(&cx.app.session.panel, id)).into_owned()
                }
                Pick::Method => crate::domain::rules::Method::from_id(id).map_or_else(
                    || escape(id).into_owned(),
                    |m| i18n::method(m, cx.lang).to_string(),
                ),
            };
            let lines: Vec<Line> = items
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    let style = if i == *cursor {
                        cx.theme.selected()
                    } else {
                        Style::new()
                    };
                    Line::from(Span::styled(pad(&label(id), 36), style))
                })
                .collect();
            let title = match pick {
                Pick::RecusedMember => i18n::K_RECUSE.get(cx.lang),
                Pick::Method => i18n::PICK_METHOD.get(cx.lang),
            };
            frame.render_widget(Paragraph::new(lines).block(cx.block(title, true)), r);
        }
        Popup::Consent { members, cursor } => {
            let app = cx.app;
            let voting = app.session.panel.voting_members().count() as u32;
            let rule = i18n::reconsider_rule(voting, members.len() as u32, cx.lang);
            let w: u16 = 60;
            let inner = usize::from(w.min(area.width.saturating_sub(2))).saturating_sub(2);
            let mut lines: Vec<Line> = wrap(&rule, inner).into_iter().map(Line::raw).collect();
            let marked = members.iter().filter(|(_, on)| *on).count();
            lines.push(Line::raw(format!(
                "{} {marked}",
                i18n::AGREE_COUNT.get(cx.lang)
            )));
            for (i, (id, on)) in members.iter().enumerate() {
                let style = if i == *cursor {
                    cx.theme.selected()
                } else {
                    Style::new()
                };
                let mark = if *on { "[x] " } else { "[ ] " };
                let name = escape(i18n::member_name(&app.session.panel, id)).into_owned();
                lines.push(Line::from(Span::styled(
                    pad(&format!("{mark}{name}"), inner),
                    style,
                )));
            }
            let r = centered(area, w, lines.len() as u16 + 2);
            clear(frame, r);
            frame.render_widget(
                Paragraph::new(lines).block(cx.block(i18n::CONSENT_TITLE.get(cx.lang), true)),
                r,
            );
        }
        Popup::Confirm(c) => confirm(frame, cx, area, c),
        Popup::Determination { outcome, form } => {
            let label = cx
                .app
                .case()
                .and_then(|c| cx.app.session.kind_of(c))
                .and_then(|k| k.outcome(outcome))
                .map_or(outcome.as_str(), |o| o.label.get(cx.lang));
            let head = format!("{}: {label}", i18n::OUTCOME.get(cx.lang));
            form_popup(
                frame,
                cx,
                area,
                i18n::DETERMINATION.get(cx.lang),
                &[head],
                form,
            );
        }
        Popup::Proposal {
            outcomes,
            cursor,
            form,
        } => {
            let kind = cx.app.case().and_then(|c| cx.app.session.kind_of(c));
            let lines: Vec<String> = outcomes
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let label = kind
                        .and_then(|k| k.outcome(o))
                        .map_or(o.as_str(), |x| x.label.get(cx.lang));
                    format!("{} {label}", if i == *cursor { "(x)" } else { "( )" })
                })
                .collect();
            form_popup(frame, cx, area, i18n::PROPOSAL.get(cx.lang), &lines, form);
        }
        Popup::Addendum {
            meeting,
            case,
            form,
        } => {
            let mut head = format!("{} {}", i18n::MEETING.get(cx.lang), meeting);
            if let Some(c) = case {
                head.push_str(&format!("  {c}"));
            }
            form_popup(frame, cx, area, i18n::ADDENDUM.get(cx.lang), &[head], form);
        }
        Popup::Counts(form) => {
            let head = i18n::SECRET_COUNTS.get(cx.lang).to_string();
            form_popup(
                frame,
                cx,
                area,
                i18n::SECRET_BALLOT.get(cx.lang),
                &[head],
                form,
            );
        }
    }
}

fn ask_title(cx: &Ctx, ask: &Ask) -> String {
    let lang = cx.lang;
    match ask {
        Ask::Search => i18n::SEARCH.get(lang).into(),
        Ask::Basis(d) => format!("{} {d}", i18n::BASIS.get(lang)),
        Ask::AbsenceReason(m) => format!(
            "{} {}",
            i18n::member_name(&cx.app.session.panel, m),
            i18n::K_REASON.get(lang)
        ),
        Ask::Attendee => i18n::K_ATTENDEE.get(lang).into(),
        Ask::RecusalReason(m) => format!(
            "{} {}",
            i18n::member_name(&cx.app.session.panel, m),
            i18n::K_RECUSE.get(lang)
        ),
        Ask::Presenter => i18n::PRESENTER.get(lang).into(),
        Ask::VoidReason(n) => i18n::void_reason_title(*n, lang),
        Ask::ReconsiderAgree => {
            let app = cx.app;
            let voting = app.session.panel.voting_members().count() as u32;
            let present = app
                .session
                .meeting
                .as_ref()
                .map_or(0, |m| m.voting_present(&app.session.panel).len() as u32);
            i18n::reconsider_count_title(voting, present, lang)
        }
        Ask::HoldReason(c) => format!("{} {}", escape(c), i18n::HOLD_REASON.get(lang)),
        Ask::IncompleteNote(c) => format!("{} {}", escape(c), i18n::INCOMPLETE_NOTE.get(lang)),
    }
}

/// A bordered one-line field, with the terminal's cursor placed in it so that an input
/// method's candidate window follows.
fn field(frame: &mut Frame, cx: &Ctx, r: Rect, title: &str, input: &TextInput, focused: bool) {
    clear(frame, r);
    let inner_w = usize::from(r.width).saturating_sub(2);
    let (shown, col) = input.view(inner_w);
    frame.render_widget(
        Paragraph::new(Line::raw(shown)).block(cx.block(title, focused)),
        r,
    );
    if focused {
        frame.set_cursor_position(Position {
            x: r.x + 1 + col as u16,
            y: r.y + 1,
        });
    }
}

fn field_label(cx: &Ctx, f: FormField) -> &'static str {
    let lang = cx.lang;
    match f {
        FormField::Rationale => i18n::RATIONALE.get(lang),
        FormField::Dissent => i18n::DISSENT.get(lang),
        FormField::Override => i18n::OVERRIDE.get(lang),
        FormField::Basis => i18n::BASIS.get(lang),
        FormField::Agree => i18n::K_AGREE.get(lang),
        FormField::Disagree => i18n::K_DISAGREE.get(lang),
        FormField::Defer => i18n::K_DEFER.get(lang),
        FormField::Abstain => i18n::K_ABSTAIN.get(lang),
        FormField::Reason => i18n::REASON_LABEL.get(lang),
        FormField::Correction => i18n::CORRECTION_LABEL.get(lang),
    }
}

fn form_popup(frame: &mut Frame, cx: &Ctx, area: Rect, title: &str, head: &[String], form: &Form) {
    let h = head.len() as u16 + 3 * form.fields.len() as u16 + 2;
    let r = centered(area, 74, h);
    clear(frame, r);
    let inner_w = usize::from(r.width).saturating_sub(2);
    let lines: Vec<Line> = head.iter().map(|l| Line::raw(fit(l, inner_w))).collect();
    frame.render_widget(Paragraph::new(lines).block(cx.block(title, true)), r);
    let mut y = r.y + 1 + head.len() as u16;
    for (i, (f, input)) in form.fields.iter().enumerate() {
        let fr = Rect {
            x: r.x + 1,
            y,
            width: r.width.saturating_sub(2),
            height: 3,
        };
        if fr.y + fr.height > r.y + r.height {
            break;
        }
        field(frame, cx, fr, field_label(cx, *f), input, i == form.focus);
        y += 3;
    }
}

fn confirm(frame: &mut Frame, cx: &Ctx, area: Rect, c: &Confirm) {
    let lang = cx.lang;
    let app = cx.app;
    let mut lines: Vec<String> = Vec::new();
    match c {
        Confirm::CloseSecret(t) => {
            lines.push(i18n::K_CLOSE_ROUND.get(lang).into());
            // Only the opinions the method allows.
            let allowed = app
                .session
                .panel
                .rules
                .meeting
                .opinions_for(crate::domain::rules::Method::Secret)
                .unwrap_or(&[]);
            let parts: Vec<String> = allowed
                .iter()
                .map(|o| {
                    let n = match o {
                        crate::domain::rules::Opinion::Agree => t.agree,
                        crate::domain::rules::Opinion::Disagree => t.disagree,
                        crate::domain::rules::Opinion::Defer => t.defer,
                        crate::domain::rules::Opinion::Abstain => t.abstain,
                    };
                    format!("{} {n}", app.session.panel.rules.opinion_label(*o, lang))
                })
                .collect();
            lines.push(parts.join(" / "));
        }
        Confirm::CloseRound => {
            lines.push(i18n::K_CLOSE_ROUND.get(lang).into());
            if let (Some(case), Some(m)) = (app.case(), &app.session.meeting)
                && let Some((a, passed)) = m.preview(&app.session.panel, &case.id)
                && let Some(round) = m.record(&case.id).and_then(|r| r.open_round())
            {
                // Every opinion is in: what closing gives, not "not yet".
                lines.push(super::case::closing_line(lang, round, &a, passed));
            }
        }
        Confirm::Determine { text: t, outcome } => {
            let label = app
                .case()
                .and_then(|c| app.session.kind_of(c))
                .and_then(|k| k.outcome(outcome))
                .map_or(outcome.as_str(), |o| o.label.get(lang));
            lines.push(format!("{}: {label}", i18n::DETERMINATION.get(lang)));
            lines.push(format!("{}: {}", i18n::RATIONALE.get(lang), t.rationale));
            if !t.dissent.is_empty() {
                lines.push(format!("{}: {}", i18n::DISSENT.get(lang), t.dissent));
            }
            if !t.override_reason.is_empty() {
                lines.push(format!(
                    "{}: {}",
                    i18n::OVERRIDE.get(lang),
                    t.override_reason
                ));
            }
            if let (Some(case), Some(m)) = (app.case(), &app.session.meeting)
                && let Some(kind) = app.session.kind_of(case)
                && m.lenient_without_situation(kind, &case.id, outcome)
            {
                lines.push(i18n::LENIENT_NO_SITUATION.get(lang).into());
            }
        }
        Confirm::Addendum(a) => {
            lines.push(format!(
                "{} {} #{}",
                i18n::ADDENDUM.get(lang),
                a.minutes,
                a.number
            ));
            lines.push(format!("{}: {}", i18n::REASON_LABEL.get(lang), a.reason));
            for c in &a.corrections {
                lines.push(c.text.clone());
            }
        }
        Confirm::Reconsider(c) => {
            let kind = app.case().and_then(|x| app.session.kind_of(x));
            lines.extend(i18n::reconsider_confirm(c, &app.session.panel, kind, lang));
        }
        Confirm::Departures(members) => {
            let names: Vec<&str> = members
                .iter()
                .map(|m| i18n::member_name(&app.session.panel, m))
                .collect();
            lines.push(format!(
                "{} {}",
                i18n::LEAVING.get(lang),
                escape(&i18n::pr_join(&names, lang))
            ));
            lines.push(i18n::DEPARTURE_WITHDRAWS.get(lang).into());
        }
        Confirm::Void { round, reason } => {
            lines.push(format!("{} {round}", i18n::K_VOID.get(lang)));
            lines.push(escape(reason).into_owned());
            if let (Some(case), Some(m)) = (app.case(), &app.session.meeting)
                && m.withdrawn_by_void(&case.id, *round).is_some()
            {
                lines.push(i18n::VOID_WITHDRAWS.get(lang).into());
            }
        }
        Confirm::Quit => lines.push(i18n::QUIT_IN_MEETING.get(lang).into()),
        Confirm::Discard(_) => lines.push(i18n::DISCARD_TYPED.get(lang).into()),
        Confirm::EditDecided(i) => {
            if let Some(c) = app.session.cases.get(*i) {
                lines.push(format!(
                    "{} {}",
                    i18n::K_EDIT_CASE.get(lang),
                    escape(&c.case.id)
                ));
            }
            lines.push(i18n::CASE_DECIDED_EDIT.get(lang).into());
        }
        Confirm::Finalize => {
            lines.push(i18n::K_FINALIZE.get(lang).into());
            if let Some(m) = &app.session.meeting {
                let determined = m
                    .cases
                    .iter()
                    .filter(|c| c.determination().is_some())
                    .count();
                lines.push(i18n::finalize_summary(m.cases.len(), determined, lang));
                let undecided: Vec<String> = m
                    .cases
                    .iter()
                    .filter(|c| c.determination().is_none())
                    .map(|c| escape(&format!("{} {}", c.case, c.title)).into_owned())
                    .collect();
                if !undecided.is_empty() {
                    lines.push(i18n::FINALIZE_UNDECIDED.get(lang).into());
                    lines.extend(undecided);
                }
            }
            lines.push(i18n::IRREVERSIBLE.get(lang).into());
        }
    }
    lines.push(String::new());
    lines.push(i18n::CONFIRM_HINT.get(lang).into());
    // Wrapped, not cut: what is confirmed (a rationale, "nothing can be changed after") must
    // be read whole before the y.
    let inner_w = usize::from(64.min(area.width.saturating_sub(2))).saturating_sub(2);
    let mut wrapped: Vec<Vec<String>> = lines.iter().map(|l| wrap(l, inner_w)).collect();
    // Too tall for the screen: shorten the longest entry (a long rationale), so that the
    // notes after it and the y hint always show.
    let room = usize::from(area.height.saturating_sub(4)).max(1);
    while wrapped.iter().map(Vec::len).sum::<usize>() > room {
        let Some(longest) = wrapped
            .iter_mut()
            .filter(|w| w.len() > 1)
            .max_by_key(|w| w.len())
        else {
            break;
        };
        longest.pop();
        if let Some(last) = longest.last_mut() {
            *last = format!("{}..", fit(last, inner_w.saturating_sub(2)));
        }
    }
    let lines: Vec<String> = wrapped.into_iter().flatten().collect();
    let r = centered(
        area,
        64,
        u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2),
    );
    clear(frame, r);
    let text: Vec<Line> = lines.into_iter().map(Line::raw).collect();
    frame.render_widget(
        Paragraph::new(text).block(cx.block(i18n::CONFIRM.get(lang), true)),
        r,
    );
}
