//! A printable document as GitHub-flavoured Markdown.
//!
//! Markdown would read a file's `<`, `*`, `|` or a leading `-` as markup (and GitHub passes
//! some raw HTML through), so every text from a file has its markup characters
//! backslash-escaped, and control characters written as visible `\u{..}` escapes.

use crate::domain::text::Lang;
use crate::sanitize::escape;

use super::doc::{Block, Doc, Field};

pub fn render(doc: &Doc) -> String {
    let mut parts: Vec<String> = Vec::new();
    for b in &doc.blocks {
        parts.push(match b {
            Block::Title { title, lines } => {
                let mut s = format!("# {}", inline(title, "<br>"));
                if !lines.is_empty() {
                    let lines: Vec<String> = lines.iter().map(|l| inline(l, "<br>")).collect();
                    s.push_str("\n\n");
                    s.push_str(&lines.join("\\\n"));
                }
                s
            }
            Block::Mark(m) => format!("**{}**", inline(m, "<br>")),
            Block::Notice(n) => format!("> **{}**", inline(n, "<br>")),
            Block::Heading(level, t) => {
                let hashes = "#".repeat(usize::from(*level).clamp(1, 5) + 1);
                format!("{hashes} {}", inline(t, "<br>"))
            }
            Block::Fields(fields) => fields
                .iter()
                .map(|f| field(f, doc.lang))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Table { head, rows } => table(head, rows),
            Block::List(items) => items
                .iter()
                .map(|i| format!("- {}", inline(i, "\\\n  ")))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Para(p) => inline(p, "\\\n"),
            Block::Signatures { sign, date, rows } => {
                let head = vec![String::new(), String::new(), sign.clone(), date.clone()];
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|(r, n)| vec![r.clone(), n.clone(), String::new(), String::new()])
                    .collect();
                table(&head, &rows)
            }
        });
    }
    let mut s = parts.join("\n\n");
    s.push('\n');
    s
}

fn field(f: &Field, lang: Lang) -> String {
    let value = if f.mono && is_code_safe(&f.value) {
        format!("`{}`", f.value)
    } else {
        inline(&f.value, "\\\n  ")
    };
    let label = inline(&f.label, " ");
    match lang {
        Lang::Zh => format!("- **{label}**：{value}"),
        Lang::En => format!("- **{label}:** {value}"),
    }
}

/// Whether `s` can stand in a code span as it is: digests and other plain ASCII.
fn is_code_safe(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_graphic() && c != '`')
}

fn table(head: &[String], rows: &[Vec<String>]) -> String {
    let n = rows
        .iter()
        .map(Vec::len)
        .chain([head.len()])
        .max()
        .unwrap_or(0);
    let row = |cells: &[String]| -> String {
        let cells: Vec<String> = (0..n)
            .map(|i| inline(cells.get(i).map_or("", String::as_str), "<br>"))
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut lines = vec![row(head), format!("|{}", " --- |".repeat(n))];
    lines.extend(rows.iter().map(|r| row(r)));
    lines.join("\n")
}

/// `s` as Markdown text that shows exactly `s`: markup escaped, control characters made
/// visible, and each line break written as `brk` (a hard break, or `<br>` in a table).
pub fn inline(s: &str, brk: &str) -> String {
    s.split('\n').map(line).collect::<Vec<_>>().join(brk)
}

fn line(s: &str) -> String {
    // Leading spaces would make a code block; they carry no meaning in a printed text.
    let s = s.trim_start();
    let mut out = String::with_capacity(s.len() + 8);
    // Only at the start of a line do `-`, `+`, `=` and `1.` make lists or headings.
    if s.starts_with(['-', '+', '=']) {
        out.push('\\');
    }
    let mut leading_digits = true;
    for c in s.chars() {
        let list_number = leading_digits && (c == '.' || c == ')') && !out.is_empty();
        if list_number || "\\`*_[]<>|~&#".contains(c) {
            out.push('\\');
        }
        leading_digits = leading_digits && c.is_ascii_digit();
        out.push(c);
    }
    // Control characters become visible `\u{..}`: after the markup escapes, so the
    // backslash they start with is shown as it is (`\u` is no Markdown escape).
    escape(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_from_a_file_is_shown_not_obeyed() {
        assert_eq!(inline("<script>", " "), "\\<script\\>");
        assert_eq!(inline("a|b", " "), "a\\|b");
        assert_eq!(inline("- item", " "), "\\- item");
        assert_eq!(inline("1. one", " "), "1\\. one");
        assert_eq!(inline("2026-001", " "), "2026-001");
        assert_eq!(inline("x\u{1b}[2J", " "), "x\\u{1b}\\[2J");
        assert_eq!(inline("a\nb", "<br>"), "a<br>b");
    }
}
