//! OpenSSH's allowed_signers file: the lines docket writes for a panel's keys, and the lines
//! it reads back (from `verify --allowed-signers`), refusing what OpenSSH would read otherwise.

use super::*;
use ssh_key::Algorithm;

/// Why a line of an allowed_signers file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedError {
    /// Principals but no key after them.
    MissingKey,
    /// An empty principal (e.g. `alice,,bob`) or an unbalanced quote.
    BadPrincipals,
    /// The options field does not parse (unbalanced quotes, a value missing its quotes).
    BadOptions,
    /// An option OpenSSH does not know for allowed_signers (its name).
    UnknownOption(String),
    /// `cert-authority`: docket checks plain keys, not certificates.
    CertAuthority,
    /// `valid-after` or `valid-before` (its name): OpenSSH bounds a key in time and docket
    /// does not, so the two would disagree on the same file.
    ValidityUnsupported(String),
    /// A principal pattern (`*`, `?`, `!`): OpenSSH matches it, docket would not.
    PatternUnsupported(String),
    /// The key does not parse or is not supported.
    Key(KeyError),
    /// A principal that cannot be written as a plain token: empty, or with whitespace, a
    /// comma, a quote, a leading `#`, or a pattern character (`*`, `?`, `!`), which OpenSSH
    /// would read as a wildcard.
    BadPrincipal,
}

/// One entry of an allowed_signers file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedSigner {
    /// As written: OpenSSH reads them as patterns (`*`, `?`, `!`), docket does not expand them.
    pub principals: Vec<String>,
    /// The `namespaces="..."` option split at commas; `None` when absent (any namespace).
    pub namespaces: Option<Vec<String>>,
    pub key: PublicKey,
}
/// One line of OpenSSH's allowed_signers format, limited to docket's namespace:
/// `principal namespaces="docket-minutes" ssh-ed25519 AAAA...`. The principal must be a
/// plain token, or OpenSSH would read it as several principals or as a wildcard.
pub fn allowed_signers_line(principal: &str, key: &PublicKey) -> Result<String, AllowedError> {
    let plain = !principal.is_empty()
        && !principal.starts_with('#')
        && !principal
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || ",\"*?!".contains(c));
    if !plain {
        return Err(AllowedError::BadPrincipal);
    }
    Ok(format!(
        "{principal} namespaces=\"{NAMESPACE}\" {}",
        openssh(key)
    ))
}

/// Parses an allowed_signers file (see ssh-keygen(1), ALLOWED SIGNERS): per line, principals
/// separated by commas, optional options, a key, an optional comment; `#` lines and blank lines
/// are skipped. Errors carry the 1-based line number.
///
/// `valid-after`, `valid-before`, principal patterns and `cert-authority` are refused rather
/// than skipped or taken literally: docket would otherwise accept what `ssh-keygen -Y verify`
/// refuses (an expired key) or refuse what it accepts (a pattern), on the same file.
pub fn parse_allowed_signers(text: &str) -> Result<Vec<AllowedSigner>, (u32, AllowedError)> {
    let mut signers = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        match parse_allowed_line(line) {
            Ok(Some(signer)) => signers.push(signer),
            Ok(None) => {}
            Err(e) => return Err((number, e)),
        }
    }
    Ok(signers)
}

fn parse_allowed_line(line: &str) -> Result<Option<AllowedSigner>, AllowedError> {
    let line = line.trim_matches([' ', '\t', '\r', '\n']);
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let (principals, rest) = take_principals(line).ok_or(AllowedError::BadPrincipals)?;
    let principals: Vec<String> = principals.split(',').map(str::to_string).collect();
    if principals.iter().any(|p| p.is_empty() || p.contains('"')) {
        return Err(AllowedError::BadPrincipals);
    }
    if let Some(p) = principals.iter().find(|p| p.contains(['*', '?', '!'])) {
        return Err(AllowedError::PatternUnsupported(p.clone()));
    }
    let rest = rest.trim_start_matches([' ', '\t']);
    if rest.is_empty() {
        return Err(AllowedError::MissingKey);
    }
    // As OpenSSH does: what follows is a key if its first word names a key type, else options.
    let first = rest.split([' ', '\t']).next().unwrap_or_default();
    let (namespaces, key_text) = if first.parse::<Algorithm>().is_ok() {
        (None, rest)
    } else {
        let (options, key_text) = take_token(rest).ok_or(AllowedError::BadOptions)?;
        let key_text = key_text.trim_start_matches([' ', '\t']);
        if key_text.is_empty() {
            return Err(AllowedError::MissingKey);
        }
        (parse_options(options)?, key_text)
    };
    let key = parse_public_key(key_text).map_err(AllowedError::Key)?;
    Ok(Some(AllowedSigner {
        principals,
        namespaces,
        key,
    }))
}

/// Splits off the principals field. As OpenSSH reads it, a leading double quote runs to the
/// next one (the quotes dropped, whitespace inside kept); otherwise it ends at whitespace.
fn take_principals(line: &str) -> Option<(&str, &str)> {
    match line.strip_prefix('"') {
        Some(quoted) => quoted.split_once('"'),
        None => Some(line.split_once([' ', '\t']).unwrap_or((line, ""))),
    }
}

/// Splits off one whitespace-delimited token, where double quotes may enclose whitespace.
/// `None` when a quote is left open.
fn take_token(s: &str) -> Option<(&str, &str)> {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ' ' | '\t' if !quoted => return Some((&s[..i], &s[i..])),
            _ => {}
        }
    }
    (!quoted).then_some((s, ""))
}

/// Parses `opt,opt="value",...`; returns the namespaces option, if any.
fn parse_options(options: &str) -> Result<Option<Vec<String>>, AllowedError> {
    let mut namespaces = None;
    let mut rest = options;
    while !rest.is_empty() {
        let name_end = rest.find(['=', ',']).unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = &rest[name_end..];
        let value = if let Some(after) = rest.strip_prefix('=') {
            let body = after.strip_prefix('"').ok_or(AllowedError::BadOptions)?;
            let (value, len) = quoted_value(body).ok_or(AllowedError::BadOptions)?;
            rest = &body[len..];
            Some(value)
        } else {
            None
        };
        match rest.strip_prefix(',') {
            Some(after) if !after.is_empty() => rest = after,
            None if rest.is_empty() => {}
            _ => return Err(AllowedError::BadOptions),
        }
        match (name.to_ascii_lowercase().as_str(), value) {
            ("cert-authority", None) => return Err(AllowedError::CertAuthority),
            ("namespaces", Some(v)) => {
                namespaces = Some(v.split(',').map(str::to_string).collect());
            }
            ("valid-after" | "valid-before", Some(_)) => {
                return Err(AllowedError::ValidityUnsupported(name.to_string()));
            }
            ("namespaces" | "valid-after" | "valid-before", None) => {
                return Err(AllowedError::BadOptions);
            }
            _ => return Err(AllowedError::UnknownOption(name.to_string())),
        }
    }
    Ok(namespaces)
}

/// Reads a quoted value up to its closing quote (`\"` stands for a quote); returns the value
/// and the bytes consumed including the closing quote.
fn quoted_value(body: &str) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, i + 1)),
            '\\' => match chars.next() {
                Some((_, '"')) => value.push('"'),
                Some((_, other)) => {
                    value.push('\\');
                    value.push(other);
                }
                None => return None,
            },
            _ => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sshsig::tests::{ED25519, ed25519};

    #[test]
    fn writes_an_allowed_signers_line_that_parses_back() {
        let line = allowed_signers_line("alice", &ed25519()).unwrap();
        assert_eq!(
            line,
            format!(
                "alice namespaces=\"docket-minutes\" {}",
                openssh(&ed25519())
            )
        );
        let parsed = parse_allowed_signers(&line).unwrap();
        assert_eq!(parsed.len(), 1);
        assert_eq!(parsed[0].principals, ["alice"]);
        assert_eq!(
            parsed[0].namespaces,
            Some(vec!["docket-minutes".to_string()])
        );
        assert_eq!(parsed[0].key.key_data(), ed25519().key_data());
        for bad in ["", "a b", "a,b", "*", "al?ce", "!bob", "#x", "a\"b", "a\tb"] {
            assert_eq!(
                allowed_signers_line(bad, &ed25519()),
                Err(AllowedError::BadPrincipal),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn parses_an_allowed_signers_file() {
        let text = format!(
            "# the panel\n\n  alice@x,bob {ED25519}\n\
             carol namespaces=\"git,docket-minutes\" {ED25519}\n\
             \"dave smith,erin\" {ED25519}\n"
        );
        let parsed = parse_allowed_signers(&text).unwrap();
        assert_eq!(parsed.len(), 3);
        assert_eq!(parsed[0].principals, ["alice@x", "bob"]);
        assert_eq!(parsed[0].namespaces, None);
        assert_eq!(
            parsed[1].namespaces,
            Some(vec!["git".to_string(), "docket-minutes".to_string()])
        );
        assert_eq!(parsed[2].principals, ["dave smith", "erin"]);
        assert_eq!(parsed[2].namespaces, None);
    }

    #[test]
    fn locates_errors_in_an_allowed_signers_file() {
        let cases: [(String, AllowedError); 13] = [
            (
                format!("alice valid-before=\"20200101\" {ED25519}"),
                AllowedError::ValidityUnsupported("valid-before".into()),
            ),
            (
                format!("alice valid-after=\"20990101\" {ED25519}"),
                AllowedError::ValidityUnsupported("valid-after".into()),
            ),
            (
                format!("wang-* {ED25519}"),
                AllowedError::PatternUnsupported("wang-*".into()),
            ),
            (format!("al\"ice {ED25519}"), AllowedError::BadPrincipals),
            ("alice".into(), AllowedError::MissingKey),
            ("alice namespaces=\"x\"".into(), AllowedError::MissingKey),
            (format!("alice,,bob {ED25519}"), AllowedError::BadPrincipals),
            (
                "\"alice ssh-ed25519 AAAA".into(),
                AllowedError::BadPrincipals,
            ),
            (
                format!("alice cert-authority {ED25519}"),
                AllowedError::CertAuthority,
            ),
            (
                format!("alice no-touch-required {ED25519}"),
                AllowedError::UnknownOption("no-touch-required".into()),
            ),
            (
                format!("alice namespaces=x {ED25519}"),
                AllowedError::BadOptions,
            ),
            (
                format!("alice namespaces=\"x\",, {ED25519}"),
                AllowedError::BadOptions,
            ),
            (
                "alice ssh-ed25519 AAAA".into(),
                AllowedError::Key(KeyError::Malformed),
            ),
        ];
        for (line, error) in cases {
            let text = format!("# header\n\n{line}\n");
            assert_eq!(parse_allowed_signers(&text), Err((3, error)), "{line:?}");
        }
    }
}
