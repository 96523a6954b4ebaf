//! OpenSSH signatures (SSHSIG) made through the signer's ssh-agent, and checked against a key.
//!
//! A sealed minutes file gets a detached, armored signature that stock OpenSSH checks:
//! `ssh-keygen -Y verify -f allowed_signers -I <principal> -n docket-minutes -s FILE.sig < FILE`.
//! The private key never passes through docket: the signer's agent ($SSH_AUTH_SOCK, possibly
//! forwarded) signs. The agent is treated as untrusted input: every reply is bounded in size
//! and in time, and the signature it returns is checked before it is handed out.
//!
//! Nothing here speaks to a person: errors are enums, worded elsewhere.
//!
//! The format and the keys live here; the agent client in [`agent`], the allowed_signers
//! file in [`allowed`].

mod agent;
mod allowed;

pub use agent::{Agent, AgentError};
pub use allowed::{AllowedError, AllowedSigner, allowed_signers_line, parse_allowed_signers};

use ssh_key::public::{EcdsaPublicKey, KeyData};
use ssh_key::{Algorithm, EcdsaCurve, HashAlg, SshSig};

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

#[cfg(test)]
mod tests {
    use super::*;

    // Generated once with ssh-keygen -t ed25519; only the public half is needed here.
    pub(super) const ED25519: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMf4CFwKL72AJowNqJo0V1KY8h3CqoeUe+Z3UGYH1osW alice@office";

    pub(super) fn ed25519() -> PublicKey {
        parse_public_key(ED25519).unwrap()
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
}
