//! The roll call: who is present, why others are not, who attends without a vote, which
//! voting method, and the quorum as it would stand.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::panel::Role;
use crate::domain::quorum::meeting_quorum;
use crate::i18n;
use crate::text::{fit, pad};

use super::{Ctx, quorum_text};

pub fn draw(frame: &mut Frame, cx: &Ctx, area: Rect) {
    let app = cx.app;
    let lang = cx.lang;
    let Some(roll) = &app.roll else { return };
    let w = usize::from(area.width).saturating_sub(2);
    let panel = &app.session.panel;
    let voting = panel.voting_members().count() as u32;
    let present = panel
        .members
        .iter()
        .zip(&roll.present)
        .filter(|(m, p)| **p && m.role.votes())
        .count() as u32;
    let q = meeting_quorum(voting, present, panel.rules.meeting.quorum);
    let method = app.session.meeting.as_ref().map(|m| m.method).or_else(|| {
        panel
            .rules
            .meeting
            .methods
            .get(roll.method)
            .map(|(m, _)| *m)
    });
    let sat_before = app.session.sat_before();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{}: ", i18n::METHOD.get(lang)), cx.theme.title()),
            Span::raw(format!(
                "< {} >",
                method.map_or("-", |m| i18n::method(m, lang))
            )),
            Span::raw("   "),
            Span::styled(
                quorum_text(&q, lang),
                if q.met {
                    cx.theme.ok()
                } else {
                    cx.theme.warn()
                },
            ),
        ]),
        Line::raw(""),
    ];
    for (i, m) in panel.members.iter().enumerate() {
        let here = roll.present.get(i).copied().unwrap_or(false);
        let mut text = format!(
            "{} {} {}",
            if here { "[x]" } else { "[ ]" },
            pad(&m.name, 10),
            pad(i18n::role(m.role, lang), 8)
        );
        if roll.acting_chair.as_deref() == Some(m.id.as_str()) {
            text.push_str(&format!(" ({})", i18n::ACTING_CHAIR.get(lang)));
        }
        // Sat on a decision a case on the agenda reviews: recused when the rules say so.
        let sat: Vec<&str> = sat_before
            .iter()
            .filter(|(who, _)| *who == m.id)
            .map(|(_, case)| case.as_str())
            .collect();
        if !sat.is_empty() {
            text.push_str(&format!(" [{} {}]", i18n::SAT_ON.get(lang), sat.join(",")));
        }
        if !here {
            let reason = roll.reasons.get(i).map(String::as_str).unwrap_or("");
            text.push_str(&format!(" {}", i18n::ABSENT.get(lang)));
            if !reason.is_empty() {
                text.push_str(&format!(": {reason}"));
            }
        }
        let style = if i == roll.cursor {
            cx.theme.selected()
        } else if m.role == Role::Clerk {
            cx.theme.dim()
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(fit(&text, w), style)));
    }
    lines.push(Line::raw(""));
    let attendees = if roll.attendees.is_empty() {
        i18n::NONE.get(lang).to_string()
    } else {
        roll.attendees.join(", ")
    };
    lines.push(Line::raw(fit(
        &format!("{}: {attendees}", i18n::ATTENDEES.get(lang)),
        w,
    )));
    frame.render_widget(
        Paragraph::new(lines).block(cx.block(i18n::ROLL.get(lang), true)),
        area,
    );
}
