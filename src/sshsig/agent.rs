//! The ssh-agent's client half: asking it for its keys and for a signature, every reply
//! bounded in size and time and checked before it is used.

use std::io::{self, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::{Duration, Instant};

use super::*;
use ssh_key::encoding::{Decode, Encode, Reader};
use ssh_key::public::KeyData;
use ssh_key::{Algorithm, HashAlg, LineEnding, Signature, SshSig};

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
    use crate::sshsig::tests::ed25519;

    fn string(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        put_string(&mut out, bytes);
        out
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
}
