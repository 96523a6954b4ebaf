//! Escaping of untrusted text before it reaches a terminal, an error message or a title.
//!
//! Everything docket reads from a file may carry ESC sequences, C1 controls or bidi
//! overrides that would move the cursor, recolour the screen or reorder a line so that it
//! lies about what it says. They are shown as visible `\u{..}` escapes instead.

use std::borrow::Cow;

/// Whether `c` must never reach a terminal cell as itself.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // bidi embeddings, overrides and isolates, and the marks that steer them
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `c` is unsafe and not ordinary line structure (newline, tab) of a multi-line text.
pub fn is_suspicious(c: char) -> bool {
    is_unsafe(c) && c != '\n' && c != '\t'
}

/// The text with every unsafe character written as `\u{hex}`; borrowed when nothing changes.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The first suspicious character of `s`, if any, for warnings.
pub fn first_suspicious(s: &str) -> Option<char> {
    s.chars().find(|&c| is_suspicious(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escape("c1\u{9b}"), "c1\\u{9b}");
        assert_eq!(escape("line\nnext"), "line\\u{a}next");
    }

    #[test]
    fn leaves_chinese_alone_and_borrows() {
        let s = "王建国，同意。";
        assert!(matches!(escape(s), Cow::Borrowed(_)));
        assert_eq!(first_suspicious("a\nb\tc"), None);
        assert_eq!(first_suspicious("a\u{7}b"), Some('\u{7}'));
    }
}
