//! The help: every key that acts in the context under it, with the action's name (the one
//! the settings rebind) and what it does.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n;
use crate::sanitize::escape;
use crate::text::{pad, width};
use crate::tui::keymap::Binding;

use super::Ctx;
use super::popup::{centered, clear};

/// The widths of one column of the help: keys, action name, description.
#[derive(Clone, Copy)]
struct Widths {
    keys: usize,
    name: usize,
    help: usize,
}

impl Widths {
    fn of(bindings: &[Binding], lang: crate::domain::text::Lang) -> Widths {
        let max = |f: &dyn Fn(&Binding) -> usize| bindings.iter().map(f).max().unwrap_or(0);
        Widths {
            keys: max(&|b| width(&keys_text(b, lang))).min(16),
            name: max(&|b| width(b.name)),
            help: max(&|b| width(b.help.get(lang))).min(40),
        }
    }

    fn total(self) -> usize {
        self.keys + 1 + self.name + 1 + self.help
    }
}

/// Help for what lies under it, generated from the keymap; in two columns when one would not
/// fit the screen, so that every key shows at 80x24. Keys and names are never cut: the
/// descriptions give way when the columns are too wide (the longest first).
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
    let room = usize::from(area.height).saturating_sub(4).max(1);
    let columns = if bindings.len() > room { 2 } else { 1 };
    let rows = bindings.len().div_ceil(columns).max(1);
    let chunks: Vec<&[Binding]> = bindings.chunks(rows).collect();
    let mut widths: Vec<Widths> = chunks.iter().map(|c| Widths::of(c, cx.lang)).collect();
    // Inside the border of a popup at most two columns narrower than the screen.
    let inner = usize::from(area.width).saturating_sub(4);
    let gaps = 2 * (widths.len().saturating_sub(1));
    while widths.iter().map(|w| w.total()).sum::<usize>() + gaps > inner {
        let Some(widest) = widths
            .iter_mut()
            .filter(|w| w.help > 6)
            .max_by_key(|w| w.help)
        else {
            break;
        };
        widest.help -= 1;
    }
    let cell = |b: &Binding, w: Widths| {
        vec![
            Span::styled(pad(&keys_text(b, cx.lang), w.keys), cx.theme.key()),
            Span::raw(" "),
            Span::styled(pad(b.name, w.name), cx.theme.dim()),
            Span::raw(" "),
            Span::raw(pad(b.help.get(cx.lang), w.help)),
        ]
    };
    let lines: Vec<Line> = (0..rows)
        .map(|r| {
            let mut spans = Vec::new();
            for (c, (chunk, w)) in chunks.iter().zip(&widths).enumerate() {
                if let Some(b) = chunk.get(r) {
                    if c > 0 {
                        spans.push(Span::raw("  "));
                    }
                    spans.extend(cell(b, *w));
                }
            }
            Line::from(spans)
        })
        .collect();
    let w = widths.iter().map(|w| w.total()).sum::<usize>() + gaps + 2;
    let r = centered(area, w as u16, rows as u16 + 2);
    clear(frame, r);
    frame.render_widget(
        Paragraph::new(lines).block(cx.block(i18n::HELP.get(cx.lang), true)),
        r,
    );
}

/// A binding's keys as the settings write them; a key from the settings file is escaped
/// like any text from a file.
fn keys_text(b: &Binding, lang: crate::domain::text::Lang) -> String {
    b.keys
        .iter()
        .map(|k| escape(i18n::key_label(k, lang)).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
