//! Corrections after finalizing: finalized minutes are never edited; a correction is an
//! addendum beside them, naming the digest of the minutes it corrects, sealed with its own.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::disk::Disk;
use super::minutes::{MINUTES_DIR, sha256_hex};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Addendum {
    pub schema: u32,
    /// The meeting whose minutes it corrects, and their finalization digest.
    pub minutes: String,
    pub minutes_digest: String,
    /// 1 for the first addendum to these minutes, and so on.
    pub number: u32,
    pub made_at: String,
    /// The clerk's member id, and the system user.
    pub by: String,
    pub user: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<u32>,
    /// The ledger's head before this addendum, as in the minutes' finalization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ledger: Option<String>,
    pub reason: String,
    pub corrections: Vec<Correction>,
    /// SHA-256 of the text before the `digest:` line; empty until sealed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub digest: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The case record corrected, if the correction is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    pub text: String,
}

pub fn path_for(dir: &Path, meeting: &str, number: u32) -> PathBuf {
    dir.join(MINUTES_DIR)
        .join(format!("{meeting}.addendum-{number}.yaml"))
}

/// The addenda of one meeting's minutes, in order.
pub fn list(dir: &Path, meeting: &str) -> Vec<PathBuf> {
    of(&all(dir), meeting)
}

/// Every addendum file of the panel in `dir` as (meeting, number, path): the folder listed
/// once, for readers that go through every meeting.
pub fn all(dir: &Path) -> Vec<(String, u32, PathBuf)> {
    std::fs::read_dir(dir.join(MINUTES_DIR))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter_map(|p| {
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    let (meeting, rest) = name.rsplit_once(".addendum-")?;
                    let n = rest.strip_suffix(".yaml")?.parse().ok()?;
                    Some((meeting.to_string(), n, p))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The addenda of `meeting` among `all` (see [`all`]), in their order.
pub fn of(all: &[(String, u32, PathBuf)], meeting: &str) -> Vec<PathBuf> {
    let mut found: Vec<(u32, &PathBuf)> = all
        .iter()
        .filter(|(m, _, _)| m == meeting)
        .map(|(_, n, p)| (*n, p))
        .collect();
    found.sort();
    found.into_iter().map(|(_, p)| p.clone()).collect()
}

/// The addendum's text, sealed: everything, then `digest:` over the bytes before it.
pub fn render(a: &Addendum) -> Result<String, super::yaml::YamlError> {
    let mut body = a.clone();
    body.digest = String::new();
    let text = super::yaml::to_string(&body)?;
    let digest = sha256_hex(text.as_bytes());
    Ok(format!("{text}digest: {digest}\n"))
}

/// Whether an addendum's text is as it was sealed, and names the minutes digest it should.
pub fn verify(text: &str, a: &Addendum, minutes_digest: &str) -> bool {
    let body = text.rfind("\ndigest:").map_or(text, |i| &text[..=i]);
    sha256_hex(body.as_bytes()) == a.digest && a.minutes_digest == minutes_digest
}

pub fn parse(text: &str) -> Result<Addendum, super::yaml::YamlError> {
    super::yaml::from_str(text)
}

/// Writes the next addendum of `meeting` through `disk`; returns its path and the exact text
/// written (what the ledger enters and the clerk signs).
pub fn write(disk: &mut dyn Disk, dir: &Path, a: &Addendum) -> std::io::Result<(PathBuf, String)> {
    let path = path_for(dir, &a.minutes, a.number);
    if path.exists() {
        return Err(std::io::Error::other("an addendum with this number exists"));
    }
    let text = render(a).map_err(super::yaml::YamlError::into_io)?;
    disk.replace(&path, text.as_bytes())?;
    Ok((path, text))
}

/// Reads the addenda of a meeting, with whether each is intact.
pub fn read_all(dir: &Path, meeting: &str, minutes_digest: &str) -> Vec<(Addendum, bool)> {
    read_listed(&all(dir), meeting, minutes_digest)
}

/// [`read_all`] among addenda already listed (see [`all`]).
pub fn read_listed(
    all: &[(String, u32, PathBuf)],
    meeting: &str,
    minutes_digest: &str,
) -> Vec<(Addendum, bool)> {
    of(all, meeting)
        .into_iter()
        .filter_map(|p| {
            let text = super::read::read_text(&p).ok()?;
            let a = parse(&text).ok()?;
            let ok = verify(&text, &a, minutes_digest);
            Some((a, ok))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Addendum {
        Addendum {
            schema: 1,
            minutes: "2026-11-20-1".into(),
            minutes_digest: "abc".into(),
            number: 1,
            made_at: "2026-11-21T09:00:00+08:00".into(),
            by: "sun-li".into(),
            user: "clerk".into(),
            uid: Some(1000),
            ledger: Some("00".repeat(32)),
            reason: "笔误更正".into(),
            corrections: vec![Correction {
                case: Some("2026-007".into()),
                text: "理由中“第五种情形”无误，决定日期应为11月20日。".into(),
            }],
            digest: String::new(),
        }
    }

    #[test]
    fn an_addendum_seals_and_verifies_and_notices_a_change() {
        let text = render(&sample()).expect("render");
        let a = parse(&text).expect("parse");
        assert!(verify(&text, &a, "abc"));
        assert!(!verify(&text, &a, "other minutes"));
        let changed = text.replace("笔误更正", "实质更正");
        let b = parse(&changed).expect("parse");
        assert!(!verify(&changed, &b, "abc"));
    }
}
