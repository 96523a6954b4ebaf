//! A printable document as one self-contained HTML file: inline CSS for A4, a CJK serif
//! font stack, nothing fetched from anywhere, so a browser, WPS or Word prints it as it is.
//!
//! Every text is HTML-escaped (`& < > " '`) and its control characters written as visible
//! `\u{..}` escapes: a file's text can neither add markup nor hide inside the page.

use crate::domain::text::Lang;
use crate::sanitize::escape;

use super::doc::{Block, Doc};

const STYLE: &str = r#"@page { size: A4; margin: 20mm }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt; line-height: 1.6; color: #000; background: #fff; max-width: 170mm; margin: 0 auto; }
header { text-align: center; margin-bottom: 12pt; }
h1 { font-size: 18pt; margin: 0 0 4pt; }
header p { margin: 0; }
h2 { font-size: 14pt; border-bottom: 2px solid #000; margin: 18pt 0 6pt; page-break-after: avoid; }
h3 { font-size: 13pt; border-bottom: 1px solid #000; margin: 14pt 0 6pt; page-break-after: avoid; }
h4 { font-size: 11pt; margin: 10pt 0 4pt; page-break-after: avoid; }
h5 { font-size: 11pt; font-weight: normal; text-decoration: underline; margin: 8pt 0 4pt 12pt; page-break-after: avoid; }
p, ul, table { margin: 4pt 0; }
table { border-collapse: collapse; page-break-inside: avoid; }
table.grid th, table.grid td { border: 1px solid #000; padding: 2pt 6pt; text-align: left; vertical-align: top; }
table.grid th { background: #eee; }
table.fields th { text-align: left; vertical-align: top; font-weight: bold; white-space: nowrap; padding: 1pt 12pt 1pt 0; }
table.fields td { vertical-align: top; padding: 1pt 0; }
code { font-family: "Courier New", monospace; font-size: 9pt; word-break: break-all; }
.mark { text-align: right; font-weight: bold; margin: 0; }
.notice { border: 2px solid #000; padding: 6pt; font-weight: bold; text-align: center; }
table.sign { width: 100%; margin-top: 24pt; }
table.sign th, table.sign td { text-align: left; padding: 24pt 6pt 2pt 0; white-space: nowrap; }
table.sign td.line { border-bottom: 1px solid #000; width: 30%; }
"#;

pub fn render(doc: &Doc) -> String {
    let lang = match doc.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let mut body = String::new();
    for b in &doc.blocks {
        match b {
            Block::Title { title, lines } => {
                body.push_str(&format!("<header>\n<h1>{}</h1>\n", text(title)));
                for l in lines {
                    body.push_str(&format!("<p>{}</p>\n", text(l)));
                }
                body.push_str("</header>\n");
            }
            Block::Mark(m) => body.push_str(&format!("<p class=\"mark\">{}</p>\n", text(m))),
            Block::Notice(n) => body.push_str(&format!("<p class=\"notice\">{}</p>\n", text(n))),
            Block::Heading(level, t) => {
                let h = usize::from(*level).clamp(1, 4) + 1;
                body.push_str(&format!("<h{h}>{}</h{h}>\n", text(t)));
            }
            Block::Fields(fields) => {
                body.push_str("<table class=\"fields\">\n");
                for f in fields {
                    let v = if f.mono {
                        format!("<code>{}</code>", text(&f.value))
                    } else {
                        text(&f.value)
                    };
                    body.push_str(&format!(
                        "<tr><th>{}</th><td>{v}</td></tr>\n",
                        text(&f.label)
                    ));
                }
                body.push_str("</table>\n");
            }
            Block::Table { head, rows } => {
                body.push_str("<table class=\"grid\">\n<thead><tr>");
                for h in head {
                    body.push_str(&format!("<th>{}</th>", text(h)));
                }
                body.push_str("</tr></thead>\n<tbody>\n");
                for r in rows {
                    body.push_str("<tr>");
                    for c in r {
                        body.push_str(&format!("<td>{}</td>", text(c)));
                    }
                    body.push_str("</tr>\n");
                }
                body.push_str("</tbody>\n</table>\n");
            }
            Block::List(items) => {
                body.push_str("<ul>\n");
                for i in items {
                    body.push_str(&format!("<li>{}</li>\n", text(i)));
                }
                body.push_str("</ul>\n");
            }
            Block::Para(p) => body.push_str(&format!("<p>{}</p>\n", text(p))),
            Block::Signatures { sign, date, rows } => {
                body.push_str("<table class=\"sign\">\n");
                for (role, name) in rows {
                    body.push_str(&format!(
                        "<tr><th>{}</th><td>{}</td><th>{}</th><td class=\"line\"></td><th>{}</th><td class=\"line\"></td></tr>\n",
                        text(role),
                        text(name),
                        text(sign),
                        text(date)
                    ));
                }
                body.push_str("</table>\n");
            }
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        text(&doc.title)
    )
}

/// `s` as HTML text: control characters made visible, markup characters escaped, line
/// breaks kept as `<br>`.
pub fn text(s: &str) -> String {
    s.split('\n').map(line).collect::<Vec<_>>().join("<br>")
}

fn line(s: &str) -> String {
    let s = escape(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_are_escaped() {
        assert_eq!(
            text("<script>alert('x' & \"y\")</script>"),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
        );
        assert_eq!(text("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(text("a\nb"), "a<br>b");
    }
}
