//! The help: every key that acts in the context under it, with what it does.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n;
use crate::text::{pad, width};

use super::Ctx;
use super::popup::{centered, clear};

/// Help for what lies under it, generated from the keymap; in two columns when one would not
/// fit the screen, so that every key shows at 80x24.
pub(super) fn help(frame: &mut Frame, cx: &Ctx, area: Rect) {
    let app = cx.app;
    let ctx = app.context_under_popup();
    // Exactly the keys that act here now.
    let bindings: Vec<_> = cx
        .keymap
        .bindings(ctx)
        .into_iter()
        .filter(|b| app.acts(ctx, &b.action))
        .collect();
    let key_w = bindings
        .iter()
        .map(|b| width(&keys_text(b, cx.lang)))
        .max()
        .unwrap_or(6)
        .min(16);
    let help_w = bindings
        .iter()
        .map(|b| width(b.help.get(cx.lang)))
        .max()
        .unwrap_or(10)
        .min(28);
    let cell = |b: &crate::tui::keymap::Binding| {
        vec![
            Span::styled(pad(&keys_text(b, cx.lang), key_w), cx.theme.key()),
            Span::raw(" "),
            Span::raw(pad(b.help.get(cx.lang), help_w)),
        ]
    };
    let room = usize::from(area.height).saturating_sub(4);
    let columns = if bindings.len() > room { 2 } else { 1 };
    let rows = bindings.len().div_ceil(columns);
    let lines: Vec<Line> = (0..rows)
        .map(|r| {
            let mut spans = Vec::new();
            for c in 0..columns {
                if let Some(b) = bindings.get(c * rows + r) {
                    if c > 0 {
                        spans.push(Span::raw("  "));
                    }
                    spans.extend(cell(b));
                }
            }
            Line::from(spans)
        })
        .collect();
    let w = columns * (key_w + 1 + help_w) + (columns - 1) * 2 + 2;
    let r = centered(area, w as u16, rows as u16 + 2);
    clear(frame, r);
    frame.render_widget(
        Paragraph::new(lines).block(cx.block(i18n::HELP.get(cx.lang), true)),
        r,
    );
}

fn keys_text(b: &crate::tui::keymap::Binding, lang: crate::domain::text::Lang) -> String {
    b.keys
        .iter()
        .map(|k| i18n::key_label(k, lang))
        .collect::<Vec<_>>()
        .join(" ")
}
