//! The earlier decision a review case looks back on: its findings, rounds and determination.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::meeting::{CaseRecord, Side};
use crate::i18n;
use crate::text::{fit, wrap};

use super::super::Ctx;
use super::window;

pub(super) fn earlier_pane(frame: &mut Frame, cx: &Ctx, meeting: &str, r: &CaseRecord, area: Rect) {
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
        let n = i18n::round_title(round.number, lang);
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
