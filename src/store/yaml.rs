//! The one place that calls serde_yaml (for the files docket writes and the settings), so
//! that a maintained fork can replace it in one line.

use serde::Serialize;
use serde::de::DeserializeOwned;

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

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
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
            message: e.to_string(),
        }
    })
}
