//! The one place that calls serde_yaml (for the files docket writes and the settings), so
//! that a maintained fork can replace it in one line.

use serde::Serialize;
use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, Parser};

use super::tree::MAX_DEPTH;

/// A YAML error with its place, when serde_yaml knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(|e| YamlError {
        line: 0,
        col: 0,
        message: e.to_string(),
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
        let message = crate::i18n::msg(
            &crate::diag::Msg::TooDeep(MAX_DEPTH),
            crate::domain::text::Lang::En,
        );
        return Err(YamlError { line, col, message });
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
            message: short_quotes(&e.to_string()),
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
            1 => crate::i18n::excerpt(part),
            _ => part.into(),
        })
        .collect::<Vec<_>>()
        .join("`")
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(
            e.message.starts_with("unknown field `rootxxx"),
            "{}",
            e.message
        );
        assert!(!e.message.contains(&"x".repeat(41)), "{}", e.message);
    }

    #[test]
    fn nesting_past_the_bound_is_refused_with_its_place_before_serde_yaml_sees_it() {
        let text = format!("schema: 2\ncases: {}", "[".repeat(100_000));
        let e = from_str::<serde_yaml::Value>(&text).expect_err("refused");
        assert_eq!(e.line, 2);
        assert_eq!(e.message, "nested more than 64 levels deep");
        let block = (0..70).map(|i| format!("{}k:\n", "  ".repeat(i)));
        let e = from_str::<serde_yaml::Value>(&block.collect::<String>()).expect_err("deep");
        assert_eq!(
            (e.line, e.message.as_str()),
            (65, "nested more than 64 levels deep")
        );
        let ok = format!("a: {}1{}\n", "[".repeat(63), "]".repeat(63));
        assert!(from_str::<serde_yaml::Value>(&ok).is_ok());
    }
}
