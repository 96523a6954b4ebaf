//! The report as CSV for Excel or WPS, every cell defused.

use super::*;

/// CSV (RFC 4180, CRLF line ends): a header, then `section,key,label,count,extra` per figure line.
pub fn csv(r: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let line = |out: &mut String, cells: &[&str]| {
        let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(
        &mut out,
        &[
            i18n::REPORT_CSV_SECTION.get(lang),
            i18n::REPORT_CSV_KEY.get(lang),
            i18n::REPORT_CSV_LABEL.get(lang),
            i18n::REPORT_CSV_COUNT.get(lang),
            i18n::REPORT_CSV_EXTRA.get(lang),
        ],
    );
    for s in sections(r, lang) {
        for row in &s.rows {
            let count = row.count.to_string();
            let extra = row.extra.map(|e| e.to_string()).unwrap_or_default();
            line(&mut out, &[&s.id, &row.key, &row.label, &count, &extra]);
        }
    }
    out
}

/// One CSV cell: escaped, a leading `'` before what a spreadsheet would run as a formula,
/// then quoted when it holds a comma, quote or line break.
///
/// A formula is a cell whose first character is `=`, `+`, `-`, `@` (or their full-width forms,
/// which some spreadsheets take as the same operators), tab or CR. Spreadsheets strip leading
/// blanks and invisible format characters before looking, so a cell that starts with one of
/// those is defused whatever follows: the mark costs nothing on text and it is the only way
/// to be sure. docket writes no negative numbers, so a count is never touched.
pub fn csv_cell(s: &str) -> String {
    let s = escape(s);
    let mut v = String::with_capacity(s.len() + 3);
    if s.starts_with(|c| is_formula_start(c) || is_invisible_lead(c)) {
        v.push('\'');
    }
    v.push_str(&s);
    if v.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// A character a spreadsheet reads as the start of a formula.
fn is_formula_start(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\t' | '\r' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}'
    )
}

/// A blank or invisible character that a spreadsheet strips before it looks for a formula:
/// any Unicode white space (space, NBSP, ideographic space...) and the zero-width and format
/// characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, Mongolian vowel separator).
fn is_invisible_lead(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' | '\u{180e}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("+86"), "'+86");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        // A tab or CR is escaped before it could start a formula or break a row.
        assert_eq!(csv_cell("\tx"), "\\u{9}x");
        assert_eq!(csv_cell("a\r\nb"), "a\\u{d}\\u{a}b");
        assert_eq!(csv_cell("南河镇"), "南河镇");
    }

    #[test]
    fn csv_cells_behind_blanks_are_defused() {
        // A spreadsheet strips these before looking for `=`.
        assert_eq!(csv_cell(" =1+1"), "' =1+1");
        assert_eq!(csv_cell("   -1"), "'   -1");
        assert_eq!(csv_cell("\u{a0}=1+1"), "'\u{a0}=1+1");
        assert_eq!(csv_cell("\u{3000}@x"), "'\u{3000}@x");
        // And a cell that starts blank is marked whatever follows: there is no telling what
        // a reader strips.
        assert_eq!(csv_cell(" text"), "' text");
        assert_eq!(csv_cell("\u{a0}text"), "'\u{a0}text");
    }

    #[test]
    fn csv_cells_behind_zero_width_characters_are_defused() {
        assert_eq!(csv_cell("\u{200b}=1+1"), "'\u{200b}=1+1");
        assert_eq!(csv_cell("\u{200b}text"), "'\u{200b}text");
        for c in [
            '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}', '\u{180e}',
        ] {
            let cell = format!("{c}=SUM(A1)");
            assert_eq!(csv_cell(&cell), format!("'{cell}"), "U+{:04X}", c as u32);
            // Through several of them too.
            let cell = format!("{c}\u{200b} {c}+1");
            assert_eq!(csv_cell(&cell), format!("'{cell}"), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn csv_cells_with_full_width_operators_are_defused() {
        for c in ['\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}'] {
            let cell = format!("{c}1+1");
            assert_eq!(csv_cell(&cell), format!("'{cell}"), "U+{:04X}", c as u32);
            let cell = format!(" {c}1+1");
            assert_eq!(csv_cell(&cell), format!("'{cell}"), "U+{:04X}", c as u32);
        }
        // Inside a text they are ordinary punctuation.
        assert_eq!(csv_cell("甲＝乙"), "甲＝乙");
    }

    #[test]
    fn csv_counts_and_plain_text_are_untouched() {
        for n in ["0", "5", "12", "1000"] {
            assert_eq!(csv_cell(n), n);
        }
        assert_eq!(csv_cell("南河镇"), "南河镇");
        assert_eq!(csv_cell("南河镇 东区"), "南河镇 东区");
        assert_eq!(csv_cell(""), "");
    }
}
