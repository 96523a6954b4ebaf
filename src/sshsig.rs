//! OpenSSH signatures (SSHSIG) made through the signer's ssh-agent, and checked against a key.
//!
//! A sealed minutes file gets a detached, armored signature that stock OpenSSH checks:
//! `ssh-keygen -Y verify -f allowed_signers -I <principal> -n docket-minutes -s FILE.sig < FILE`.
//! The private key never passes through docket: the signer's agent ($SSH_AUTH_SOCK, possibly
//! forwarded) signs. The agent is treated as untrusted input: every reply is bounded in size
//! and in time, and the signature it returns is checked before it is handed out.
//!
//! Nothing here speaks to a person: errors are enums, worded elsewhere.

use std::io::{self, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

use ssh_key::encoding::{Decode, Encode, Reader};
use ssh_key::public::{EcdsaPublicKey, KeyData};
use ssh_key::{Algorithm, EcdsaCurve, HashAlg, LineEnding, Signature, SshSig};

pub use ssh_key::PublicKey;

/// The SSHSIG namespace of sealed minutes: a signature made for anything else (git commits,
/// files signed for another purpose) is never taken for a docket seal.
pub const NAMESPACE: &str = "docket-minutes";

/// ssh-keygen hashes the message with sha512 by default; so do we, so signatures look alike.
const HASH: HashAlg = HashAlg::Sha512;

/// Why a public key line was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// Not `type base64 [comment]`, or the base64 or the key inside does not decode.
    Malformed,
    /// A key type docket does not sign or check with (the algorithm name as written).
    Unsupported(String),
    /// An RSA modulus outside 1024..=8192 bits (the size found): OpenSSH refuses smaller ones,
    /// and the RSA implementation larger ones.
    RsaSize(u32),
}

/// Why talking to the ssh-agent failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentError {
    /// SSH_AUTH_SOCK is unset or empty.
    NoAgent,
    /// The socket could not be reached.
    Connect(io::ErrorKind),
    /// Reading or writing the socket failed.
    Io(io::ErrorKind),
    /// The agent did not answer in time.
    Timeout,
    /// The agent closed the connection before a whole reply.
    Closed,
    /// The agent announced a reply larger than we accept (the announced length).
    TooLarge(u32),
    /// A reply that does not parse (truncated, trailing bytes, bad inner encoding).
    Malformed,
    /// A reply of a message type we did not ask for.
    Unexpected(u8),
    /// SSH_AGENT_FAILURE: the agent declined (locked, confirmation refused, no such key).
    Refused,
    /// The key asked for is not among the agent's identities.
    NotInAgent,
    /// The key is of a type docket does not sign with.
    Key(KeyError),
    /// The namespace is empty (SSHSIG forbids it).
    EmptyNamespace,
    /// The agent signed with another algorithm than asked (e.g. RSA with SHA-1); the name it used.
    WrongAlgorithm(String),
    /// The agent's signature does not verify with the key.
    BadSignature,
}

/// Why a signature was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigError {
    /// Not an armored SSH SIGNATURE, or its contents do not decode (including unknown versions).
    Malformed,
    /// The signing key is of a type docket does not check.
    Key(KeyError),
    /// Made for another namespace (the one in the signature).
    WrongNamespace(String),
    /// The signature does not match the message and key.
    Invalid,
}

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

/// Parses one public key as in authorized_keys or panel.yaml: `ssh-ed25519 AAAA... comment`.
pub fn parse_public_key(line: &str) -> Result<PublicKey, KeyError> {
    let line = line.trim();
    let key = PublicKey::from_openssh(line).map_err(|_| {
        // Tell an unknown type apart from garbage: the first word names the type.
        match line.split_whitespace().next() {
            Some(name) if name.parse::<Algorithm>().is_ok_and(|a| !supported(&a)) => {
                KeyError::Unsupported(name.to_string())
            }
            _ => KeyError::Malformed,
        }
    })?;
    check_key(key.key_data())?;
    Ok(key)
}

fn supported(algorithm: &Algorithm) -> bool {
    matches!(
        algorithm,
        Algorithm::Ed25519
            | Algorithm::Rsa { .. }
            | Algorithm::Ecdsa {
                curve: EcdsaCurve::NistP256
            }
    )
}

/// Accepts the key types docket signs and checks with: ed25519, ECDSA P-256, RSA.
fn check_key(key: &KeyData) -> Result<(), KeyError> {
    match key {
        KeyData::Ed25519(_) | KeyData::Ecdsa(EcdsaPublicKey::NistP256(_)) => Ok(()),
        KeyData::Rsa(rsa) => {
            let bits = rsa.key_size();
            if (1024..=8192).contains(&bits) {
                Ok(())
            } else {
                Err(KeyError::RsaSize(bits))
            }
        }
        other => Err(KeyError::Unsupported(
            other.algorithm().as_str().to_string(),
        )),
    }
}

/// The fingerprint as `ssh-keygen -l` prints it: `SHA256:` and unpadded base64.
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// The key as `type base64`, without its comment.
pub fn openssh(key: &PublicKey) -> String {
    let bare = PublicKey::from(key.key_data().clone());
    // Encoding a decoded key cannot fail; an empty string would be refused by any reader.
    bare.to_openssh().unwrap_or_default()
}

/// Checks an armored signature over `message` under `namespace`; on success, the signer's
/// public key as carried in the signature. Which keys are trusted, and for whom, is the
/// caller's question (see [`parse_allowed_signers`]).
pub fn verify(armored: &str, namespace: &str, message: &[u8]) -> Result<PublicKey, SigError> {
    let sig = SshSig::from_pem(armored.trim_start()).map_err(|_| SigError::Malformed)?;
    check_key(sig.public_key()).map_err(SigError::Key)?;
    if sig.namespace() != namespace {
        return Err(SigError::WrongNamespace(sig.namespace().to_string()));
    }
    let key = PublicKey::from(sig.public_key().clone());
    key.verify(namespace, message, &sig)
        .map_err(|_| SigError::Invalid)?;
    Ok(key)
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

// The ssh-agent protocol (draft-miller-ssh-agent), the client half docket needs.
const SSH_AGENT_FAILURE: u8 = 5;
/// Older agents' spellings of failure, which OpenSSH's client also accepts.
const SSH2_AGENT_FAILURE: u8 = 30;
const SSH_COM_AGENT2_FAILURE: u8 = 102;
const SSH_AGENTC_REQUEST_IDENTITIES: u8 = 11;
const SSH_AGENT_IDENTITIES_ANSWER: u8 = 12;
const SSH_AGENTC_SIGN_REQUEST: u8 = 13;
const SSH_AGENT_SIGN_RESPONSE: u8 = 14;
/// Asks for rsa-sha2-512 instead of SHA-1 `ssh-rsa`, as ssh-keygen does for SSHSIG.
const SSH_AGENT_RSA_SHA2_512: u32 = 4;

/// The largest reply accepted, as OpenSSH's own client (256 KiB): a hostile socket must not
/// make us allocate more.
const MAX_REPLY: u32 = 256 * 1024;
/// How long one request may take in all. Generous, since an agent may first ask the person
/// to confirm (ssh-add -c) or to touch a security key; bounded, since a socket may never answer.
const PATIENCE: Duration = Duration::from_secs(60);

/// A connection to an ssh-agent.
#[derive(Debug)]
pub struct Agent {
    stream: UnixStream,
    patience: Duration,
}

impl Agent {
    /// Connects to the agent named by SSH_AUTH_SOCK.
    pub fn from_env() -> Result<Agent, AgentError> {
        match std::env::var_os("SSH_AUTH_SOCK") {
            Some(path) if !path.is_empty() => Agent::connect(Path::new(&path)),
            _ => Err(AgentError::NoAgent),
        }
    }

    pub fn connect(path: &Path) -> Result<Agent, AgentError> {
        let stream = UnixStream::connect(path).map_err(|e| AgentError::Connect(e.kind()))?;
        Ok(Agent {
            stream,
            patience: PATIENCE,
        })
    }

    /// Changes how long one request may take in all (60 seconds unless changed).
    pub fn set_patience(&mut self, patience: Duration) {
        // A zero timeout is refused by the socket calls; the shortest wait stands for it.
        self.patience = patience.max(Duration::from_millis(1));
    }

    /// The agent's keys that docket can sign with, in the agent's order, with the agent's
    /// comments (usually the key file's path). Keys of other types, and certificates, are
    /// left out.
    pub fn identities(&mut self) -> Result<Vec<PublicKey>, AgentError> {
        let reply = self.request(&[SSH_AGENTC_REQUEST_IDENTITIES])?;
        parse_identities(&reply)
    }

    /// Signs `message` as SSHSIG under `namespace` with the agent's key `key`; returns the
    /// armored "-----BEGIN SSH SIGNATURE-----" text, in the same form ssh-keygen -Y sign writes
    /// (70-column base64, LF line ends, a final newline).
    pub fn sign(
        &mut self,
        key: &PublicKey,
        namespace: &str,
        message: &[u8],
    ) -> Result<String, AgentError> {
        check_key(key.key_data()).map_err(AgentError::Key)?;
        if namespace.is_empty() {
            return Err(AgentError::EmptyNamespace);
        }
        // Asked first so that a missing key is told apart from an agent that declines.
        if !self
            .identities()?
            .iter()
            .any(|k| k.key_data() == key.key_data())
        {
            return Err(AgentError::NotInAgent);
        }
        let signed =
            SshSig::signed_data(namespace, HASH, message).map_err(|_| AgentError::Malformed)?;
        let blob = key
            .key_data()
            .encode_vec()
            .map_err(|_| AgentError::Malformed)?;
        let reply = self.request(&sign_request(&blob, &signed, key.key_data()))?;
        let signature = parse_sign_response(&reply)?;
        seal(key, namespace, message, signature)
    }

    /// Sends one request and reads its reply, all within `patience`.
    fn request(&mut self, body: &[u8]) -> Result<Vec<u8>, AgentError> {
        let deadline = Instant::now() + self.patience;
        let mut framed = Vec::with_capacity(4 + body.len());
        put_string(&mut framed, body);
        self.stream
            .set_write_timeout(Some(self.patience))
            .map_err(|e| AgentError::Io(e.kind()))?;
        self.stream.write_all(&framed).map_err(io_error)?;
        read_frame(&mut Deadlined {
            stream: &mut self.stream,
            deadline,
        })
    }
}

/// A socket whose every read must finish by one deadline, so that an agent trickling bytes
/// cannot stretch a request past it.
struct Deadlined<'a> {
    stream: &'a mut UnixStream,
    deadline: Instant,
}

impl Read for Deadlined<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

fn io_error(e: io::Error) -> AgentError {
    match e.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => AgentError::Timeout,
        io::ErrorKind::UnexpectedEof => AgentError::Closed,
        kind => AgentError::Io(kind),
    }
}

/// Reads one length-prefixed message, refusing before allocating when it is too large.
fn read_frame(r: &mut impl Read) -> Result<Vec<u8>, AgentError> {
    let mut header = [0u8; 4];
    r.read_exact(&mut header).map_err(io_error)?;
    let len = u32::from_be_bytes(header);
    if len > MAX_REPLY {
        return Err(AgentError::TooLarge(len));
    }
    if len == 0 {
        return Err(AgentError::Malformed);
    }
    let mut body = vec![0u8; len as usize];
    r.read_exact(&mut body).map_err(io_error)?;
    Ok(body)
}

fn put_string(out: &mut Vec<u8>, bytes: &[u8]) {
    // Requests are docket's own and small (a key blob and a 64-byte hash); never near 4 GiB.
    out.extend_from_slice(&u32::try_from(bytes.len()).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(bytes);
}

fn sign_request(blob: &[u8], data: &[u8], key: &KeyData) -> Vec<u8> {
    let flags = if matches!(key, KeyData::Rsa(_)) {
        SSH_AGENT_RSA_SHA2_512
    } else {
        0
    };
    let mut out = vec![SSH_AGENTC_SIGN_REQUEST];
    put_string(&mut out, blob);
    put_string(&mut out, data);
    out.extend_from_slice(&flags.to_be_bytes());
    out
}

/// Reads an agent message's fields off a slice; each read fails on truncation.
struct Fields<'a>(&'a [u8]);

impl<'a> Fields<'a> {
    fn byte(&mut self) -> Result<u8, AgentError> {
        let (&b, rest) = self.0.split_first().ok_or(AgentError::Malformed)?;
        self.0 = rest;
        Ok(b)
    }

    fn u32(&mut self) -> Result<u32, AgentError> {
        let (head, rest) = self
            .0
            .split_first_chunk::<4>()
            .ok_or(AgentError::Malformed)?;
        self.0 = rest;
        Ok(u32::from_be_bytes(*head))
    }

    fn string(&mut self) -> Result<&'a [u8], AgentError> {
        let len = self.u32()? as usize;
        if len > self.0.len() {
            return Err(AgentError::Malformed);
        }
        let (s, rest) = self.0.split_at(len);
        self.0 = rest;
        Ok(s)
    }

    fn finish(&self) -> Result<(), AgentError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AgentError::Malformed)
        }
    }

    /// The message type, with the agent's refusal turned into an error.
    fn kind(&mut self, expected: u8) -> Result<(), AgentError> {
        match self.byte()? {
            k if k == expected => Ok(()),
            SSH_AGENT_FAILURE | SSH2_AGENT_FAILURE | SSH_COM_AGENT2_FAILURE => {
                Err(AgentError::Refused)
            }
            other => Err(AgentError::Unexpected(other)),
        }
    }
}

/// Decodes a whole SSH wire value, refusing trailing bytes.
fn decode_all<T: Decode>(mut bytes: &[u8]) -> Option<T> {
    let value = T::decode(&mut bytes).ok()?;
    bytes.is_finished().then_some(value)
}

fn parse_identities(reply: &[u8]) -> Result<Vec<PublicKey>, AgentError> {
    let mut f = Fields(reply);
    f.kind(SSH_AGENT_IDENTITIES_ANSWER)?;
    let count = f.u32()?;
    // No capacity from the count: it is the agent's word. Each key takes at least 8 bytes,
    // so the reply's own size bounds the loop.
    let mut keys = Vec::new();
    for _ in 0..count {
        let blob = f.string()?;
        let comment = f.string()?;
        if let Some(data) = decode_all::<KeyData>(blob)
            && check_key(&data).is_ok()
        {
            keys.push(PublicKey::new(data, comment.to_vec()));
        }
    }
    f.finish()?;
    Ok(keys)
}

fn parse_sign_response(reply: &[u8]) -> Result<Signature, AgentError> {
    let mut f = Fields(reply);
    f.kind(SSH_AGENT_SIGN_RESPONSE)?;
    let blob = f.string()?;
    f.finish()?;
    decode_all::<Signature>(blob).ok_or(AgentError::Malformed)
}

/// Wraps the agent's raw signature as SSHSIG, after checking it is what was asked for and
/// that it verifies: a faulty agent's output must not end up sealing minutes.
fn seal(
    key: &PublicKey,
    namespace: &str,
    message: &[u8],
    signature: Signature,
) -> Result<String, AgentError> {
    let expected = match key.key_data() {
        KeyData::Rsa(_) => Algorithm::Rsa {
            hash: Some(HashAlg::Sha512),
        },
        other => other.algorithm(),
    };
    if signature.algorithm() != expected {
        return Err(AgentError::WrongAlgorithm(
            signature.algorithm().as_str().to_string(),
        ));
    }
    let sig = SshSig::new(key.key_data().clone(), namespace, HASH, signature)
        .map_err(|_| AgentError::EmptyNamespace)?;
    let bare = PublicKey::from(key.key_data().clone());
    bare.verify(namespace, message, &sig)
        .map_err(|_| AgentError::BadSignature)?;
    sig.to_pem(LineEnding::LF)
        .map_err(|_| AgentError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Generated once with ssh-keygen -t ed25519; only the public half is needed here.
    const ED25519: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMf4CFwKL72AJowNqJo0V1KY8h3CqoeUe+Z3UGYH1osW alice@office";

    fn ed25519() -> PublicKey {
        parse_public_key(ED25519).unwrap()
    }

    fn string(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        put_string(&mut out, bytes);
        out
    }

    #[test]
    fn parses_a_key_line_and_prints_it_back_without_the_comment() {
        let key = ed25519();
        assert_eq!(key.comment().as_str_lossy(), "alice@office");
        assert_eq!(
            openssh(&key),
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMf4CFwKL72AJowNqJo0V1KY8h3CqoeUe+Z3UGYH1osW"
        );
        // As `ssh-keygen -lf` printed it for this key.
        assert_eq!(
            fingerprint(&key),
            "SHA256:K4KRW/i6w7qGwkLznx2H++FHAkzWb86NYwFooS38fPA"
        );
    }

    #[test]
    fn refuses_bad_key_lines() {
        for bad in [
            "",
            "ssh-ed25519",
            "ssh-ed25519 not-base64!",
            // Valid base64, but a truncated key.
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMf4CFwKL72A",
            // The blob says ed25519, the line says rsa.
            "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIMf4CFwKL72AJowNqJo0V1KY8h3CqoeUe+Z3UGYH1osW",
            "AAAAC3NzaC1lZDI1NTE5AAAAIMf4CFwKL72AJowNqJo0V1KY8h3CqoeUe+Z3UGYH1osW",
        ] {
            assert_eq!(parse_public_key(bad), Err(KeyError::Malformed), "{bad:?}");
        }
    }

    #[test]
    fn refuses_unsupported_key_types_by_name() {
        // A valid ECDSA P-384 key: parses, but docket does not sign with it.
        let p384 = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBJLDwNuhWZK22yKPT9EREo4oYRsyV5GpXOPMs6QCAB4cwMfMCwahfLmPKfb2gLVWFqtQWwZxrgQJtTHH5F8OGjZjJEJGGKqYhYBwXbuHMMLCfF0a5Q81I/RlCMBD+CzNIg==";
        assert_eq!(
            parse_public_key(p384),
            Err(KeyError::Unsupported("ecdsa-sha2-nistp384".into()))
        );
    }

    #[test]
    fn refuses_bad_armored_signatures() {
        let good_body = "U1NIU0lHAAAAAQ";
        for bad in [
            String::new(),
            "hello".to_string(),
            "-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n".to_string(),
            format!("-----BEGIN SSH SIGNATURE-----\n{good_body}\n-----END SSH SIGNATURE-----\n"),
            format!("-----BEGIN PGP SIGNATURE-----\n{good_body}\n-----END PGP SIGNATURE-----\n"),
            "-----BEGIN SSH SIGNATURE-----\n!!!!\n-----END SSH SIGNATURE-----\n".to_string(),
        ] {
            assert_eq!(
                verify(&bad, NAMESPACE, b"x"),
                Err(SigError::Malformed),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn reads_a_frame_and_refuses_truncated_or_huge_ones() {
        let mut whole: &[u8] = &[0, 0, 0, 2, 12, 0];
        assert_eq!(read_frame(&mut whole), Ok(vec![12, 0]));
        let mut short_header: &[u8] = &[0, 0];
        assert_eq!(read_frame(&mut short_header), Err(AgentError::Closed));
        let mut short_body: &[u8] = &[0, 0, 0, 9, 12, 0];
        assert_eq!(read_frame(&mut short_body), Err(AgentError::Closed));
        // Refused from the header alone: nothing of the announced size is allocated.
        let mut huge: &[u8] = &[0xff, 0xff, 0xff, 0xff];
        assert_eq!(read_frame(&mut huge), Err(AgentError::TooLarge(u32::MAX)));
        let mut just_over: &[u8] = &(MAX_REPLY + 1).to_be_bytes();
        assert_eq!(
            read_frame(&mut just_over),
            Err(AgentError::TooLarge(MAX_REPLY + 1))
        );
        let mut empty: &[u8] = &[0, 0, 0, 0];
        assert_eq!(read_frame(&mut empty), Err(AgentError::Malformed));
    }

    fn identities_reply(keys: &[(&[u8], &[u8])], count: u32) -> Vec<u8> {
        let mut reply = vec![SSH_AGENT_IDENTITIES_ANSWER];
        reply.extend_from_slice(&count.to_be_bytes());
        for (blob, comment) in keys {
            reply.extend(string(blob));
            reply.extend(string(comment));
        }
        reply
    }

    #[test]
    fn parses_identities_and_skips_keys_it_cannot_use() {
        let blob = ed25519().key_data().encode_vec().unwrap();
        let reply = identities_reply(&[(b"garbage", b"x"), (&blob, b"/home/alice/.ssh/id")], 2);
        let keys = parse_identities(&reply).unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].key_data(), ed25519().key_data());
        assert_eq!(keys[0].comment().as_str_lossy(), "/home/alice/.ssh/id");
    }

    #[test]
    fn refuses_truncated_or_lying_identity_replies() {
        let blob = ed25519().key_data().encode_vec().unwrap();
        let whole = identities_reply(&[(&blob, b"c")], 1);
        for cut in 0..whole.len() {
            assert_eq!(
                parse_identities(&whole[..cut]),
                Err(AgentError::Malformed),
                "cut at {cut}"
            );
        }
        // A count far beyond what the reply holds: fails on the bytes, allocates nothing big.
        let lying = identities_reply(&[(&blob, b"c")], u32::MAX);
        assert_eq!(parse_identities(&lying), Err(AgentError::Malformed));
        let mut trailing = whole.clone();
        trailing.push(0);
        assert_eq!(parse_identities(&trailing), Err(AgentError::Malformed));
        assert_eq!(
            parse_identities(&[SSH_AGENT_FAILURE]),
            Err(AgentError::Refused)
        );
        assert_eq!(parse_identities(&[99]), Err(AgentError::Unexpected(99)));
    }

    #[test]
    fn refuses_truncated_sign_responses() {
        let mut sig_blob = string(b"ssh-ed25519");
        sig_blob.extend(string(&[7u8; 64]));
        let mut whole = vec![SSH_AGENT_SIGN_RESPONSE];
        whole.extend(string(&sig_blob));
        let sig = parse_sign_response(&whole).unwrap();
        assert_eq!(sig.algorithm(), Algorithm::Ed25519);
        for cut in 0..whole.len() {
            assert_eq!(
                parse_sign_response(&whole[..cut]),
                Err(AgentError::Malformed),
                "cut at {cut}"
            );
        }
        assert_eq!(
            parse_sign_response(&[SSH_AGENT_FAILURE]),
            Err(AgentError::Refused)
        );
    }

    #[test]
    fn a_signature_from_the_agent_is_checked_before_it_is_sealed() {
        // Well-formed but not made by the key.
        let forged = Signature::new(Algorithm::Ed25519, vec![7u8; 64]).unwrap();
        assert_eq!(
            seal(&ed25519(), NAMESPACE, b"minutes", forged),
            Err(AgentError::BadSignature)
        );
        let rsa_sha1 = Signature::new(Algorithm::Rsa { hash: None }, vec![7u8; 256]).unwrap();
        assert_eq!(
            seal(&ed25519(), NAMESPACE, b"minutes", rsa_sha1),
            Err(AgentError::WrongAlgorithm("ssh-rsa".into()))
        );
    }

    #[test]
    fn asks_for_rsa_sha2_512_only_for_rsa_keys() {
        let request = sign_request(b"blob", b"data", ed25519().key_data());
        assert_eq!(request[0], SSH_AGENTC_SIGN_REQUEST);
        assert_eq!(request[request.len() - 4..], [0, 0, 0, 0]);
    }

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
