//! The one place that calls serde_yaml (for the files docket writes and the settings), so
//! that a maintained fork can replace it in one line.
//!
//! Kept whole: writing (the YAML 1.1 quoting) and reading (the depth bound) are both the
//! one serde_yaml seam; more than half of the file is the tests of that quoting.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_yaml::Value;
use yaml_rust2::parser::{Event, Parser};

use super::tree::MAX_DEPTH;

/// A YAML error with its place, when serde_yaml knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub line: u32,
    pub col: u32,
    pub why: YamlWhy,
}

/// Why YAML was refused: in serde_yaml's own words, or for a limit of docket's own, typed so
/// that it is worded in the reader's language above the store.
#[derive(Debug, Clone, PartialEq)]
pub enum YamlWhy {
    Parser(String),
    Limit(crate::diag::Msg),
}

impl YamlError {
    /// The parser's words, for a file docket writes itself: only serde_yaml can fail there,
    /// as no limit applies to writing.
    pub fn into_io(self) -> std::io::Error {
        match self.why {
            YamlWhy::Parser(m) => std::io::Error::other(m),
            YamlWhy::Limit(m) => std::io::Error::other(format!("{m:?}")),
        }
    }
}

/// `value` as YAML, every text that a YAML 1.1 reader (PyYAML, most scripts) would take for a
/// bool, null, number or a date written single-quoted; everything else exactly as serde_yaml
/// writes it.
///
/// serde_yaml follows YAML 1.2 and leaves `yes`, `on`, `1:20` or `1_000` plain. Which plain
/// scalars were texts is known only before emitting, so the value goes through
/// `serde_yaml::Value`: each such text is swapped for a marker that no text of the value
/// contains and that serde_yaml writes plain, and the marker is then replaced in the output
/// by the quoted text. Numbers and bools stay numbers and bools.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    let failed = |message: String| YamlError {
        line: 0,
        col: 0,
        why: YamlWhy::Parser(message),
    };
    let mut tree = serde_yaml::to_value(value).map_err(|e| failed(e.to_string()))?;
    let marker = marker_for(&tree);
    let mut quoted = Vec::new();
    mark(&mut tree, &marker, &mut quoted);
    let text = serde_yaml::to_string(&tree).map_err(|e| failed(e.to_string()))?;
    if quoted.is_empty() {
        return Ok(text);
    }
    unmark(&text, &marker, &quoted).ok_or_else(|| failed("a quoted text was lost".into()))
}

/// A prefix that occurs in no text, key or tag of `tree`. serde_yaml's escapes all start with
/// a backslash and its line breaks fall at white space, neither of which the prefix holds, so
/// in the output it can only stand where a marker was put.
fn marker_for(tree: &Value) -> String {
    fn occurs(v: &Value, m: &str) -> bool {
        match v {
            Value::String(s) => s.contains(m),
            Value::Sequence(items) => items.iter().any(|i| occurs(i, m)),
            Value::Mapping(map) => map.iter().any(|(k, v)| occurs(k, m) || occurs(v, m)),
            Value::Tagged(t) => t.tag.to_string().contains(m) || occurs(&t.value, m),
            Value::Null | Value::Bool(_) | Value::Number(_) => false,
        }
    }
    (0u64..)
        .map(|n| format!("docketyaml{n}q"))
        .find(|m| !occurs(tree, m))
        .unwrap_or_default()
}

/// Replaces each text of `v` (values and keys) that needs quoting by `{marker}{i}z`, its
/// index in `quoted`. The `z` ends the number, so no marker is the start of another.
fn mark(v: &mut Value, marker: &str, quoted: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            if read_as_other_in_yaml11(s) {
                let marker = format!("{marker}{}z", quoted.len());
                quoted.push(std::mem::replace(s, marker));
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|i| mark(i, marker, quoted)),
        Value::Mapping(map) => {
            for (mut k, mut v) in std::mem::take(map) {
                mark(&mut k, marker, quoted);
                mark(&mut v, marker, quoted);
                map.insert(k, v);
            }
        }
        Value::Tagged(t) => mark(&mut t.value, marker, quoted),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// `text` with every marker replaced by its text single-quoted; None unless each marker is
/// found exactly once, as a whole plain scalar.
fn unmark(text: &str, marker: &str, quoted: &[String]) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 2 * quoted.len());
    let mut seen = vec![false; quoted.len()];
    let mut rest = text;
    while let Some(at) = rest.find(marker) {
        out.push_str(&rest[..at]);
        let after = &rest[at + marker.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let i: usize = after[..digits].parse().ok()?;
        let after = after[digits..].strip_prefix('z')?;
        if std::mem::replace(seen.get_mut(i)?, true) || out.ends_with(['\'', '"']) {
            return None;
        }
        // The texts that need it are printable ASCII without a quote or line break (see
        // `read_as_other_in_yaml11`), so single quotes hold them as they are.
        out.push('\'');
        out.push_str(&quoted[i].replace('\'', "''"));
        out.push('\'');
        rest = after;
    }
    out.push_str(rest);
    seen.iter().all(|&s| s).then_some(out)
}

/// Whether a YAML 1.1 reader resolves the plain scalar `s` to something other than a text:
/// the union of the implicit types of the YAML 1.1 type repository (bool, null, int, float,
/// timestamp, merge, value) and of PyYAML's resolver, which differs from it in a few float
/// forms. Quoting a little more than needed only costs two bytes. docket's own times
/// (`2026-11-20T09:00:00+08:00`) are quoted too: seals are over the bytes in the file, so no
/// earlier seal depends on how a time is written.
pub fn read_as_other_in_yaml11(s: &str) -> bool {
    is_bool(s) || is_null(s) || s == "<<" || s == "=" || is_int(s) || is_float(s) || is_timestamp(s)
}

fn is_bool(s: &str) -> bool {
    matches!(
        s,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
            | "on"
            | "On"
            | "ON"
            | "off"
            | "Off"
            | "OFF"
    )
}

fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

fn all(b: &[u8], f: impl Fn(u8) -> bool) -> bool {
    b.iter().all(|&c| f(c))
}

fn digit_or_underscore(c: u8) -> bool {
    c.is_ascii_digit() || c == b'_'
}

fn unsigned(s: &str) -> &[u8] {
    s.strip_prefix(['-', '+']).unwrap_or(s).as_bytes()
}

/// `(:[0-5]?[0-9])+`, the whole of `b`.
fn sexagesimal_tail(b: &[u8]) -> bool {
    b.first() == Some(&b':')
        && b[1..].split(|&c| c == b':').all(|part| match part {
            [d] => d.is_ascii_digit(),
            [a, d] => (b'0'..=b'5').contains(a) && d.is_ascii_digit(),
            _ => false,
        })
}

/// `[-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ |
/// [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`
fn is_int(s: &str) -> bool {
    let b = unsigned(s);
    if let Some(r) = b.strip_prefix(b"0b") {
        return !r.is_empty() && all(r, |c| matches!(c, b'0' | b'1' | b'_'));
    }
    if let Some(r) = b.strip_prefix(b"0x") {
        return !r.is_empty() && all(r, |c| c.is_ascii_hexdigit() || c == b'_');
    }
    if let Some(r) = b.strip_prefix(b"0") {
        return all(r, |c| matches!(c, b'0'..=b'7' | b'_'));
    }
    if !b.first().is_some_and(|c| (b'1'..=b'9').contains(c)) {
        return false;
    }
    let colon = b.iter().position(|&c| c == b':').unwrap_or(b.len());
    all(&b[..colon], digit_or_underscore) && (colon == b.len() || sexagesimal_tail(&b[colon..]))
}

/// `[-+]?([0-9][0-9_]*)?\.[0-9._]*([eE][-+][0-9]+)?` (the spec's `[0-9.]*` and PyYAML's
/// `[0-9_]*` after the point, together) | `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*` |
/// `[-+]?\.(inf|Inf|INF)` | `\.(nan|NaN|NAN)`
fn is_float(s: &str) -> bool {
    if matches!(s, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let b = unsigned(s);
    if matches!(b, b".inf" | b".Inf" | b".INF") {
        return true;
    }
    let Some(point) = b.iter().position(|&c| c == b'.') else {
        return false;
    };
    let (whole, frac) = (&b[..point], &b[point + 1..]);
    let colon = whole.iter().position(|&c| c == b':');
    if let Some(colon) = colon {
        return whole[0].is_ascii_digit()
            && all(&whole[..colon], digit_or_underscore)
            && sexagesimal_tail(&whole[colon..])
            && all(frac, digit_or_underscore);
    }
    // `([0-9][0-9_]*)?` before the point.
    let whole_ok = match whole.first() {
        None => true,
        Some(c) => c.is_ascii_digit() && all(whole, digit_or_underscore),
    };
    if !whole_ok {
        return false;
    }
    let mantissa = frac
        .iter()
        .take_while(|&&c| c.is_ascii_digit() || c == b'.' || c == b'_')
        .count();
    match &frac[mantissa..] {
        [] => true,
        [b'e' | b'E', b'-' | b'+', exp @ ..] => !exp.is_empty() && all(exp, |c| c.is_ascii_digit()),
        _ => false,
    }
}

/// Up to `max` (at least `min`) ASCII digits at the start of `b`, and what follows.
fn digits(b: &[u8], min: usize, max: usize) -> Option<(&[u8], &[u8])> {
    let n = b
        .iter()
        .take(max)
        .take_while(|c| c.is_ascii_digit())
        .count();
    (n >= min).then(|| b.split_at(n))
}

/// `[0-9]{4}-[0-9]{2}-[0-9]{2}`, or `[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:
/// [0-9]{2}:[0-9]{2}(\.[0-9]*)?([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?`
fn is_timestamp(s: &str) -> bool {
    /// `[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}`, and what follows.
    fn date(b: &[u8]) -> Option<&[u8]> {
        let (_, b) = digits(b, 4, 4)?;
        let (_, b) = digits(b.strip_prefix(b"-")?, 1, 2)?;
        let (_, b) = digits(b.strip_prefix(b"-")?, 1, 2)?;
        Some(b)
    }
    let full = |b: &[u8]| -> Option<()> {
        let b = date(b)?;
        let blanks = |b: &[u8]| b.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
        let b = match b.first()? {
            b'T' | b't' => &b[1..],
            b' ' | b'\t' => &b[blanks(b)..],
            _ => return None,
        };
        let (_, b) = digits(b, 1, 2)?;
        let (_, b) = digits(b.strip_prefix(b":")?, 2, 2)?;
        let (_, mut b) = digits(b.strip_prefix(b":")?, 2, 2)?;
        if let Some(r) = b.strip_prefix(b".") {
            b = &r[r.iter().take_while(|c| c.is_ascii_digit()).count()..];
        }
        if b.is_empty() {
            return Some(());
        }
        let b = &b[blanks(b)..];
        match b.first()? {
            b'Z' => (b.len() == 1).then_some(()),
            b'-' | b'+' => {
                let (_, b) = digits(&b[1..], 1, 2)?;
                match b.strip_prefix(b":") {
                    None => b.is_empty().then_some(()),
                    Some(r) => digits(r, 2, 2).filter(|(_, r)| r.is_empty()).map(|_| ()),
                }
            }
            _ => None,
        }
    };
    let b = s.as_bytes();
    (b.len() == 10 && date(b).is_some_and(<[u8]>::is_empty)) || full(b).is_some()
}

/// `value` as schemas 1 and 2 wrote it (no quoting for YAML 1.1 readers): only to name which
/// record of such minutes changed, as their case digests hash that rendering.
pub fn to_string_as_before_3<T: Serialize>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(|e| YamlError {
        line: 0,
        col: 0,
        why: YamlWhy::Parser(e.to_string()),
    })
}

/// Where `text` first nests lists and mappings more than `MAX_DEPTH` deep (1-based line and
/// column), or the place and reason yaml-rust2 stops at. serde_yaml's parser takes time
/// quadratic in the nesting depth (100,000 `[` took 28 s), so every text goes through this
/// linear scan first, which stops at the first level too deep.
pub fn too_deep(text: &str) -> Result<(), (u32, u32, Option<String>)> {
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    let at = |line: usize, col: usize| {
        (
            u32::try_from(line).unwrap_or(u32::MAX).max(1),
            u32::try_from(col + 1).unwrap_or(u32::MAX),
        )
    };
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => return Ok(()),
            Ok((Event::SequenceStart(..) | Event::MappingStart(..), mark)) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let (line, col) = at(mark.line(), mark.col());
                    return Err((line, col, None));
                }
            }
            Ok((Event::SequenceEnd | Event::MappingEnd, _)) => depth = depth.saturating_sub(1),
            Ok(_) => {}
            Err(e) => {
                let (line, col) = at(e.marker().line(), e.marker().col());
                // The scanner looks ahead and meets its own nesting limit first.
                let why = (!e.info().contains("recursion limit")).then(|| e.info().to_string());
                return Err((line, col, why));
            }
        }
    }
}

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    // A syntax error is left to serde_yaml, whose place and words people already know; the
    // text up to it nests no deeper than the bound.
    if let Err((line, col, None)) = too_deep(text) {
        let why = YamlWhy::Limit(crate::diag::Msg::TooDeep(MAX_DEPTH));
        return Err(YamlError { line, col, why });
    }
    serde_yaml::from_str(text).map_err(|e| {
        let (line, col) = e.location().map_or((1, 1), |l| {
            (
                u32::try_from(l.line()).unwrap_or(u32::MAX),
                u32::try_from(l.column()).unwrap_or(u32::MAX),
            )
        });
        YamlError {
            line,
            col,
            why: YamlWhy::Parser(short_quotes(&e.to_string())),
        }
    })
}

/// serde_yaml quotes a field name or value it refused in backticks; each such quote is cut to
/// a short excerpt, so that a message never echoes a file's lines.
fn short_quotes(message: &str) -> String {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| match i % 2 {
            1 => crate::text::excerpt(part),
            _ => part.into(),
        })
        .collect::<Vec<_>>()
        .join("`")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// Texts a YAML 1.1 reader takes for something else, one or more of each kind.
    const SPECIAL: &[&str] = &[
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "",
        "~",
        "null",
        "Null",
        "NULL",
        "0",
        "-0",
        "+1",
        "017",
        "0_17",
        "0b101",
        "-0b1_0",
        "0x1F",
        "+0xff_FF",
        "1_000",
        "12",
        "1:20",
        "-190:20:30",
        "1:20.5",
        ".5",
        "1.",
        "-1.5e+3",
        "1.2.3",
        "._",
        ".",
        "+.inf",
        ".Inf",
        "-.INF",
        ".nan",
        ".NaN",
        "<<",
        "=",
        "2026-11-28",
        "2026-1-5 9:00:00",
        "2026-11-20t09:00:00Z",
        "2026-11-20 09:00:00.5 +8",
        "2026-02-30T09:00:00+08:00",
        "2026-11-20T09:00:00-00:00",
        "2026-11-20T24:00:00+08:00",
        "0000-01-01T00:00:00+00:00",
        // docket's own times: a YAML 1.1 reader would give a datetime.
        "2026-11-20T09:00:00+08:00",
        "2026-11-20T23:59:59-05:30",
    ];

    /// Texts a YAML 1.1 reader keeps as texts.
    const PLAIN: &[&str] = &[
        "0o17",
        "2026-005",
        "2026-11-20-1",
        "2/3",
        "1:60",
        "1__a",
        "yes!",
        "nope",
        "xinzhou-2017",
        "南河镇",
        "1.0.0-beta",
        "e5",
    ];

    #[test]
    fn every_yaml11_special_text_is_recognised_and_nothing_else() {
        for s in SPECIAL {
            assert!(read_as_other_in_yaml11(s), "{s:?}");
        }
        for s in PLAIN {
            assert!(!read_as_other_in_yaml11(s), "{s:?}");
        }
    }

    #[test]
    fn yaml11_special_texts_are_single_quoted_and_read_back() {
        for s in SPECIAL {
            let text = to_string(&BTreeMap::from([("k", s)])).expect("yaml");
            assert_eq!(text, format!("k: '{s}'\n"));
            let back: BTreeMap<String, String> = from_str(&text).expect("reads back");
            assert_eq!(back["k"], *s);
        }
    }

    #[test]
    fn keys_are_quoted_too() {
        let text = to_string(&BTreeMap::from([("no", "off"), ("x", "1:20")])).expect("yaml");
        assert_eq!(text, "'no': 'off'\nx: '1:20'\n");
    }

    #[test]
    fn numbers_and_bools_stay_plain() {
        #[derive(Serialize)]
        struct S {
            schema: u32,
            journal: u64,
            met: bool,
            passed: Option<bool>,
            void: Option<String>,
            ratio: f64,
            count: Vec<u32>,
            title: String,
        }
        let s = S {
            schema: 2,
            journal: 7,
            met: true,
            passed: Some(false),
            void: None,
            ratio: 0.5,
            count: vec![0, 12],
            title: "no".into(),
        };
        assert_eq!(
            to_string(&s).expect("yaml"),
            "schema: 2\njournal: 7\nmet: true\npassed: false\nvoid: null\nratio: 0.5\ncount:\n- 0\n- 12\ntitle: 'no'\n"
        );
    }

    /// Texts needing no quotes come out as serde_yaml writes them, byte for byte.
    #[test]
    fn the_rest_is_what_serde_yaml_writes() {
        let texts: Vec<String> = PLAIN
            .iter()
            .map(|s| s.to_string())
            .chain([
                "line one\nline two\n".into(),
                "  leading blanks".into(),
                "a: b # c".into(),
                "it's".into(),
                "x\u{1b}[2J".into(),
                "长".repeat(300),
                "word ".repeat(100),
                // A text holding what looks like a marker is left alone.
                "docketyaml0q0z".into(),
            ])
            .collect();
        let m: BTreeMap<&String, &String> = texts.iter().zip(&texts).collect();
        assert_eq!(
            to_string(&m).expect("yaml"),
            serde_yaml::to_string(&m).expect("yaml")
        );
        assert_eq!(
            to_string(&texts).expect("yaml"),
            serde_yaml::to_string(&texts).expect("yaml")
        );
    }

    #[test]
    fn a_marker_never_meets_a_text_that_holds_it() {
        let texts = vec!["docketyaml0q0z", "docketyaml1q", "yes"];
        let text = to_string(&texts).expect("yaml");
        assert_eq!(text, "- docketyaml0q0z\n- docketyaml1q\n- 'yes'\n");
    }

    /// Texts of the shapes YAML 1.1 gives meaning to, and any text at all.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            proptest::sample::select(SPECIAL).prop_map(String::from),
            "[-+]?[0-9_xXbBoO.:eE+-]{1,8}",
            "[-+]?\\.?(inf|Inf|INF|nan|NaN|NAN)",
            "[yYnNoOtTfF][a-zA-Z]{0,4}",
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]{1,2})[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,3})?[ \t]?(Z|[-+][0-9]{1,2}(:[0-9]{2})?)?",
            "[0-9]{4}-[0-9]{2}-[0-9]{2}",
            "(~|null|Null|NULL|<<|=)",
        ]
    }

    proptest! {
        #[test]
        fn every_text_reads_back_as_written(
            list in proptest::collection::vec(text(), 0..6),
            map in proptest::collection::btree_map(text(), text(), 0..6),
        ) {
            let text = to_string(&(&list, &map)).expect("yaml");
            let back: (Vec<String>, BTreeMap<String, String>) = from_str(&text).expect("reads back");
            prop_assert_eq!(back, (list, map));
        }
    }

    /// Compares what PyYAML's `safe_load` makes of a YAML text with the same value as JSON:
    /// every text must come back a text, except docket's own times, which come back as
    /// datetimes whose ISO form is the text.
    const PYYAML_CHECK: &str = r#"
import datetime, json, sys, yaml
# libyaml's parser, where there is one, only reads faster: the resolver is the same.
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if sys.argv[3:] else yaml.SafeLoader
loaded = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=loader)
expected = json.load(open(sys.argv[2], encoding="utf-8"))
bad = []
def same(a, b, path):
    if isinstance(b, dict):
        if not isinstance(a, dict) or sorted(a) != sorted(b):
            bad.append((path, repr(a)[:80]))
            return
        for k in b:
            same(a[k], b[k], path + "/" + k)
    elif isinstance(b, list):
        if not isinstance(a, list) or len(a) != len(b):
            bad.append((path, repr(a)[:80]))
            return
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, path + "/" + str(i))
    elif isinstance(b, str):
        if type(a) is not str or a != b:
            bad.append((path, repr(a)[:80], b[:80]))
    elif type(a) is not type(b) or a != b:
        bad.append((path, repr(a)[:80], repr(b)[:80]))
same(loaded, expected, "")
for b in bad[:20]:
    print(b)
sys.exit(1 if bad else 0)
"#;

    fn pyyaml() -> bool {
        let ok = std::process::Command::new("python3")
            .args(["-c", "import yaml"])
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            eprintln!("skipped: python3 with PyYAML is not installed");
        }
        ok
    }

    fn pyyaml_agrees<T: Serialize>(value: &T, fast: bool) {
        let dir = std::env::temp_dir().join(format!(
            "docket-pyyaml-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let (y, j, py) = (dir.join("v.yaml"), dir.join("v.json"), dir.join("check.py"));
        std::fs::write(&y, to_string(value).expect("yaml")).expect("write");
        std::fs::write(&j, serde_json::to_string(value).expect("json")).expect("write");
        std::fs::write(&py, PYYAML_CHECK).expect("write");
        let out = std::process::Command::new("python3")
            .arg(&py)
            .arg(&y)
            .arg(&j)
            .args(fast.then_some("fast"))
            .output()
            .expect("python3 runs");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            out.status.success(),
            "PyYAML reads otherwise:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    #[test]
    fn pyyaml_reads_every_text_of_the_minutes_as_text() {
        if !pyyaml() {
            return;
        }
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/schema2/2026-11-20-1.yaml"
        );
        let mut m = super::super::minutes::parse(&std::fs::read_to_string(path).expect("fixture"))
            .expect("minutes");
        m.panel.name = "yes".into();
        m.panel.unit = Some("1_000".into());
        m.panel.members[0].name = "NO".into();
        m.panel.members[1].name = "~".into();
        m.rules.version = "1.2.3".into();
        m.meeting.id = "2026-11-28".into();
        m.meeting.clerk = Some("null".into());
        let c = &mut m.cases[0];
        c.title = "no".into();
        c.subject.name = "On".into();
        c.subject.position = "yes".into();
        c.subject.unit = "1:20".into();
        c.case = "0x1F".into();
        c.kind = "017".into();
        c.rounds[0].proposal.basis = ".inf".into();
        c.determinations[0].rationale = "2026-1-5 9:00:00".into();
        c.determinations[0].decided_at = "2026-11-20T09:13:00+08:00".into();
        c.found = SPECIAL.iter().map(|s| s.to_string()).collect();
        let text = super::super::minutes::render(&m).expect("render");
        assert!(text.contains("position: 'yes'\n"), "{text}");
        assert!(
            text.contains("schema: 2\n") && text.contains("met: true\n"),
            "{text}"
        );
        pyyaml_agrees(&m, false);
    }

    /// Every short text over the characters YAML 1.1's types are made of, through PyYAML.
    #[test]
    fn pyyaml_reads_every_short_text_as_text() {
        if !pyyaml() {
            return;
        }
        let alphabet: Vec<char> = "0179_:.-+eExbZT nNyY~".chars().collect();
        let mut texts: Vec<String> = SPECIAL.iter().chain(PLAIN).map(|s| s.to_string()).collect();
        let mut word = vec![0usize];
        // Every text of up to four characters, some 200,000 of them.
        while word.len() <= 4 {
            texts.push(word.iter().map(|&i| alphabet[i]).collect());
            let mut i = 0;
            loop {
                if i == word.len() {
                    word.push(0);
                    break;
                }
                word[i] += 1;
                if word[i] < alphabet.len() {
                    break;
                }
                word[i] = 0;
                i += 1;
            }
        }
        texts.retain(|t| !t.starts_with(' ') && !t.ends_with(' '));
        pyyaml_agrees(&texts, true);
    }

    #[test]
    fn a_refused_field_is_quoted_in_a_short_excerpt() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct S {
            #[serde(default)]
            _a: u32,
        }
        let long = format!("root{}: 1\n", "x".repeat(200));
        let e = from_str::<S>(&long).expect_err("unknown field");
        let YamlWhy::Parser(message) = e.why else {
            panic!("the parser's words: {e:?}");
        };
        assert!(message.starts_with("unknown field `rootxxx"), "{message}");
        assert!(!message.contains(&"x".repeat(41)), "{message}");
    }

    #[test]
    fn nesting_past_the_bound_is_refused_with_its_place_before_serde_yaml_sees_it() {
        let text = format!("schema: 2\ncases: {}", "[".repeat(100_000));
        let e = from_str::<serde_yaml::Value>(&text).expect_err("refused");
        assert_eq!(e.line, 2);
        assert_eq!(e.why, YamlWhy::Limit(crate::diag::Msg::TooDeep(64)));
        let block = (0..70).map(|i| format!("{}k:\n", "  ".repeat(i)));
        let e = from_str::<serde_yaml::Value>(&block.collect::<String>()).expect_err("deep");
        assert_eq!(
            (e.line, e.why),
            (65, YamlWhy::Limit(crate::diag::Msg::TooDeep(64)))
        );
        let ok = format!("a: {}1{}\n", "[".repeat(63), "]".repeat(63));
        assert!(from_str::<serde_yaml::Value>(&ok).is_ok());
    }
}
