//! The report as Markdown tables.

use super::*;

/// Markdown: a heading, then one table per section.
pub fn markdown(r: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let h = heading(r, lang);
    for (i, line) in h.iter().enumerate() {
        if i == 0 {
            out.push_str(&format!("# {}\n\n", md_cell(line)));
        } else {
            out.push_str(&format!("{}\n\n", md_cell(line)));
        }
    }
    if r.cases == 0 {
        out.push_str(&format!("{}\n\n", md_cell(i18n::REPORT_NO_CASES.get(lang))));
    }
    for s in sections(r, lang) {
        out.push_str(&format!("## {}\n\n", md_cell(&s.title)));
        let mut head = vec![];
        let mut align = vec![];
        if s.show_key {
            head.push(md_cell(i18n::REPORT_COL_ID.get(lang)));
            align.push("---");
        }
        head.push(md_cell(s.label_head));
        align.push("---");
        head.push(md_cell(s.count_head));
        align.push("---:");
        if let Some(e) = s.extra_head {
            head.push(md_cell(e));
            align.push("---:");
        }
        out.push_str(&format!("| {} |\n", head.join(" | ")));
        out.push_str(&format!("| {} |\n", align.join(" | ")));
        for row in &s.rows {
            let mut cells = vec![];
            if s.show_key {
                cells.push(md_cell(&row.key));
            }
            cells.push(md_cell(&row.label));
            cells.push(row.count.to_string());
            if s.extra_head.is_some() {
                cells.push(row.extra.map(|e| e.to_string()).unwrap_or_default());
            }
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push('\n');
    }
    // One newline at the end, as a text file should have.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A text for a Markdown table cell: escaped for the terminal, then every character that
/// Markdown or HTML would act on backslash-escaped, so a unit name cannot add a link, a
/// column or markup to the document.
fn md_cell(s: &str) -> String {
    let s = escape(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\|<>*_`[]#!&~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cells_cannot_add_columns_or_markup() {
        assert_eq!(md_cell("a|b"), "a\\|b");
        assert_eq!(md_cell("[x](y)"), "\\[x\\](y)");
        assert_eq!(md_cell("<b>"), "\\<b\\>");
    }
}
