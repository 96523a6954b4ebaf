//! A printable document as plain text on 80 columns, Chinese counted two columns wide.
//!
//! Every text goes through `crate::text` (wrap, pad), which escapes what came from a file,
//! and every line is laid out to at most [`WIDTH`] display columns. Only characters whose
//! width is not ambiguous are used for the layout itself (ASCII rules and boxes), so the
//! columns hold on a CJK terminal and in a CJK printer font too.

use crate::text::{fit, pad, width, wrap};

use super::doc::{Block, Doc, Field};

/// The widest line the text format ever writes.
pub const WIDTH: usize = 80;

/// Labels wider than this sit on a line of their own, so values keep a sensible column.
const MAX_LABEL: usize = 16;
/// The narrowest a table column may be squeezed to.
const MIN_COLUMN: usize = 4;
const GAP: &str = "  ";

pub fn render(doc: &Doc) -> String {
    let mut out = Out::default();
    // Content under a level-3 heading is indented by 2, under a level-4 heading by 4.
    let mut indent = 0;
    for b in &doc.blocks {
        match b {
            Block::Title { title, lines } => {
                for l in std::iter::once(title).chain(lines) {
                    for w in wrap(l, WIDTH) {
                        let left = (WIDTH - width(&w).min(WIDTH)) / 2;
                        out.line(format!("{}{w}", " ".repeat(left)));
                    }
                }
                out.blank();
            }
            Block::Mark(m) => {
                for w in wrap(m, WIDTH) {
                    out.line(format!("{}{w}", " ".repeat(WIDTH - width(&w).min(WIDTH))));
                }
            }
            Block::Notice(n) => {
                out.blank();
                let inner = WIDTH - 4;
                out.line("*".repeat(WIDTH));
                for w in wrap(n, inner) {
                    out.line(format!("* {} *", pad_plain(&w, inner)));
                }
                out.line("*".repeat(WIDTH));
                out.blank();
            }
            Block::Heading(level, t) => {
                out.blank();
                let (at, rule, next) = match level {
                    1 => (0, Some('='), 0),
                    2 => (0, Some('-'), 0),
                    3 => (0, None, 2),
                    _ => (2, None, 4),
                };
                for w in wrap(t, WIDTH - at) {
                    out.line(format!("{}{w}", " ".repeat(at)));
                }
                if let Some(c) = rule {
                    out.line(c.to_string().repeat(WIDTH));
                }
                indent = next;
            }
            Block::Fields(fields) => fields_block(&mut out, fields, indent),
            Block::Table { head, rows } => table(&mut out, head, rows, indent),
            Block::List(items) => {
                for item in items {
                    for (i, w) in wrap(item, WIDTH - indent - 2).into_iter().enumerate() {
                        let mark = if i == 0 { "- " } else { "  " };
                        out.line(format!("{}{mark}{w}", " ".repeat(indent)));
                    }
                }
            }
            Block::Para(p) => {
                for w in wrap(p, WIDTH - indent) {
                    out.line(format!("{}{w}", " ".repeat(indent)));
                }
            }
            Block::Signatures { sign, date, rows } => {
                let role_w = rows.iter().map(|(r, _)| width(r)).max().unwrap_or(0);
                let name_w = rows.iter().map(|(_, n)| width(n)).max().unwrap_or(0).max(8);
                for (role, name) in rows {
                    // Two blank lines above each: room for a handwritten signature.
                    out.blank();
                    out.room();
                    out.line(format!(
                        "{}{}{GAP}{}{GAP}{} {}{GAP}{} {}",
                        " ".repeat(indent),
                        pad(role, role_w.min(12)),
                        pad(name, name_w.min(16)),
                        fit(sign, 10),
                        "_".repeat(16),
                        fit(date, 10),
                        "_".repeat(12),
                    ));
                }
            }
        }
    }
    out.finish()
}

/// The lines written so far; none blank at the start or the end.
#[derive(Default)]
struct Out {
    lines: Vec<String>,
}

impl Out {
    fn line(&mut self, s: String) {
        self.lines.push(s.trim_end().to_string());
    }

    /// A blank line, unless the last line is blank already.
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    /// A blank line even after another.
    fn room(&mut self) {
        self.lines.push(String::new());
    }

    fn finish(mut self) -> String {
        while self.lines.last().is_some_and(String::is_empty) {
            self.lines.pop();
        }
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }
}

/// `s` (already escaped and wrapped) padded with spaces to `w` columns.
fn pad_plain(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// Labels in a column, values wrapped beside them.
fn fields_block(out: &mut Out, fields: &[Field], indent: usize) {
    let lw = fields
        .iter()
        .map(|f| width(&f.label))
        .filter(|w| *w <= MAX_LABEL)
        .max()
        .unwrap_or(0);
    let at = " ".repeat(indent);
    let hang = " ".repeat(indent + lw + GAP.len());
    let vw = WIDTH - indent - lw - GAP.len();
    for f in fields {
        // A digest is never broken: when it does not fit beside its label, it goes under it.
        let under = f.mono && width(&f.value) > vw;
        let lines = if under {
            wrap(&f.value, WIDTH - indent - GAP.len())
        } else {
            wrap(&f.value, vw)
        };
        let mut rest = lines.iter();
        if under {
            out.line(format!("{at}{}", pad(&f.label, WIDTH - indent)));
            for l in rest {
                out.line(format!("{at}{GAP}{l}"));
            }
            continue;
        }
        if width(&f.label) > lw {
            out.line(format!("{at}{}", pad(&f.label, WIDTH - indent)));
        } else {
            let first = rest.next().map_or("", String::as_str);
            out.line(format!("{at}{}{GAP}{first}", pad(&f.label, lw)));
        }
        for l in rest {
            out.line(format!("{hang}{l}"));
        }
    }
}

/// Columns as wide as their widest cell, the widest squeezed until the table fits.
fn table(out: &mut Out, head: &[String], rows: &[Vec<String>], indent: usize) {
    let n = rows
        .iter()
        .map(Vec::len)
        .chain([head.len()])
        .max()
        .unwrap_or(0);
    if n == 0 {
        return;
    }
    let avail = WIDTH - indent - GAP.len() * (n - 1);
    let mut widths = vec![0usize; n];
    for row in std::iter::once(head).chain(rows.iter().map(Vec::as_slice)) {
        for (w, cell) in widths.iter_mut().zip(row) {
            let natural = wrap(cell, WIDTH * 100).iter().map(|l| width(l)).max();
            *w = (*w).max(natural.unwrap_or(0));
        }
    }
    while widths.iter().sum::<usize>() > avail {
        let Some((i, w)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            break;
        };
        if *w <= MIN_COLUMN {
            break;
        }
        widths[i] -= 1;
    }
    let at = " ".repeat(indent);
    let row_lines = |row: &[String]| -> Vec<String> {
        let cells: Vec<Vec<String>> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| wrap(row.get(i).map_or("", String::as_str), *w))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0);
        (0..height)
            .map(|l| {
                let parts: Vec<String> = cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| pad_plain(c.get(l).map_or("", String::as_str), *w))
                    .collect();
                format!("{at}{}", parts.join(GAP))
            })
            .collect()
    };
    if !head.is_empty() {
        for l in row_lines(head) {
            out.line(l);
        }
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        out.line(format!("{at}{}", rule.join(GAP)));
    }
    for row in rows {
        for l in row_lines(row) {
            out.line(l);
        }
    }
}
