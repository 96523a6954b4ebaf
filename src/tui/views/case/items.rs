//! The situations (or grounds) part: each with its mark, claimed and found.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::case::Case;
use crate::domain::meeting::CaseRecord;
use crate::domain::rules::{ItemNoun, Kind};
use crate::i18n;
use crate::text::{pad, width, wrap};

use super::super::Ctx;
use super::{scroll_max, window};

pub(super) fn items(
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
