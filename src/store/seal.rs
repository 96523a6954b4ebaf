//! Entering a sealed record: its ledger entry, and signatures over its exact bytes with the
//! members' own SSH keys (through their ssh-agent), kept in the panel's `signatures/` folder.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::domain::panel::{Member, Panel};
use crate::sshsig;

use super::disk::{Disk, Modes};
use super::ledger::{Ledger, Record};
use super::minutes::sha256_hex;

pub const SIGNATURES_DIR: &str = "signatures";

/// The most bytes a signature file may be: an RSA-8192 signature is under 3 KiB.
pub const MAX_SIGNATURE: u64 = 64 * 1024;

/// `signatures/<record file>.<member id>.sig`: beside each other, one per signer, so that
/// `ssh-keygen -Y verify -s` takes the very file docket checks.
pub fn signature_name(file: &str, member: &str) -> String {
    format!("{file}.{member}.sig")
}

pub fn signature_path(dir: &Path, file: &str, member: &str) -> PathBuf {
    dir.join(SIGNATURES_DIR).join(signature_name(file, member))
}

/// A name for a new signature of `member` over `file`: `<file>.<member>.sig`, or, when
/// something already lies there (anyone who can write the folder may have put it there, and
/// the sticky bit keeps the member from removing it), `<file>.<member>.<n>.sig`.
pub fn free_signature_name(dir: &Path, file: &str, member: &str) -> String {
    let taken = |n: &str| fs::symlink_metadata(dir.join(SIGNATURES_DIR).join(n)).is_ok();
    let first = signature_name(file, member);
    if !taken(&first) {
        return first;
    }
    (2u32..)
        .map(|n| format!("{file}.{member}.{n}.sig"))
        .find(|n| !taken(n))
        .unwrap_or(first)
}

/// How a record came to be signed, or why it was not.
#[derive(Debug)]
pub enum Signing {
    Signed {
        member: String,
        fingerprint: String,
    },
    /// The panel has no clerk to sign.
    NoClerk,
    /// panel.yaml gives the member no key.
    NoKey(String),
    /// No agent to ask: `SSH_AUTH_SOCK` unset or not answering.
    NoAgent,
    /// The agent does not hold the member's key.
    NotInAgent(String),
    /// The agent would not sign, or failed.
    Agent(sshsig::AgentError),
    /// Writing the signature failed.
    Failed(String),
}

/// The member's key from panel.yaml, parsed.
pub fn member_key(m: &Member) -> Option<sshsig::PublicKey> {
    m.key
        .as_deref()
        .and_then(|k| sshsig::parse_public_key(k).ok())
}

/// The fingerprints of every key panel.yaml gives `m`: the current one first, then the keys
/// they signed with before.
pub fn member_fingerprints(m: &Member) -> Vec<String> {
    m.key
        .iter()
        .chain(&m.previous_keys)
        .filter_map(|k| sshsig::parse_public_key(k).ok())
        .map(|k| sshsig::fingerprint(&k))
        .collect()
}

/// Signs `bytes` with `member`'s key through the ssh-agent: the armored signature and the
/// key's fingerprint.
pub fn sign(member: &Member, bytes: &[u8]) -> Result<(String, String), Signing> {
    let Some(key) = member_key(member) else {
        return Err(Signing::NoKey(member.id.clone()));
    };
    let mut agent = sshsig::Agent::from_env().map_err(|_| Signing::NoAgent)?;
    let held = agent.identities().map_err(|_| Signing::NoAgent)?;
    let fp = sshsig::fingerprint(&key);
    if !held.iter().any(|k| sshsig::fingerprint(k) == fp) {
        return Err(Signing::NotInAgent(member.id.clone()));
    }
    let armored = agent
        .sign(&key, sshsig::NAMESPACE, bytes)
        .map_err(Signing::Agent)?;
    Ok((armored, fp))
}

/// Makes `signatures/` if missing: writable by the panel's group, with the sticky bit (no
/// member removes another's signature) and the group inherited by what is made in it.
pub fn ensure_signatures_dir(dir: &Path, modes: Modes) -> io::Result<()> {
    let path = dir.join(SIGNATURES_DIR);
    match fs::symlink_metadata(&path) {
        Ok(m) if m.is_dir() => return Ok(()),
        Ok(_) => {
            return Err(io::Error::other(super::disk::Refusal::Link(path)));
        }
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        Err(_) => {}
    }
    fs::create_dir(&path)?;
    let mode = if modes.gid.is_some() { 0o3770 } else { 0o700 };
    if let Some(g) = modes.gid {
        rustix::fs::chown(&path, None, Some(rustix::fs::Gid::from_raw(g)))?;
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(mode))
}

/// Writes a new signature file, never over another and never through a link; readable by
/// the panel's group.
pub fn write_signature(dir: &Path, name: &str, armored: &str) -> io::Result<PathBuf> {
    let folder = dir.join(SIGNATURES_DIR);
    if fs::symlink_metadata(&folder).is_ok_and(|m| !m.is_dir()) {
        return Err(io::Error::other(super::disk::Refusal::Link(folder)));
    }
    let path = folder.join(name);
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o640)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&path)?;
    f.write_all(armored.as_bytes())?;
    f.sync_all()?;
    fs::File::open(&folder)?.sync_all()?;
    Ok(path)
}

/// Enters the sealed record `file` (its exact `bytes`) in the ledger, then signs it with
/// `signer`'s key and enters the signature. A record that cannot be signed stays sealed
/// and entered, unsigned; the ledger entry failing is the error.
#[allow(clippy::too_many_arguments)]
pub fn enter(
    disk: &mut dyn Disk,
    dir: &Path,
    ledger: &mut Ledger,
    modes: Modes,
    file: &str,
    meeting: &str,
    addendum: Option<u32>,
    bytes: &[u8],
    signer: Option<&Member>,
    at: &str,
) -> io::Result<Signing> {
    if ledger.sealed(file).is_none() {
        let record = Record::Sealed {
            file: file.to_string(),
            meeting: meeting.to_string(),
            addendum,
            digest: sha256_hex(bytes),
            at: at.to_string(),
        };
        super::ledger::append(disk, dir, ledger, record)?;
    }
    let Some(member) = signer else {
        return Ok(Signing::NoClerk);
    };
    let (armored, fingerprint) = match sign(member, bytes) {
        Ok(s) => s,
        Err(why) => return Ok(why),
    };
    let written = ensure_signatures_dir(dir, modes).and_then(|()| {
        let name = free_signature_name(dir, file, &member.id);
        write_signature(dir, &name, &armored).map(|_| name)
    });
    let name = match written {
        Ok(name) => name,
        Err(e) => return Ok(Signing::Failed(e.to_string())),
    };
    let record = Record::Signed {
        file: file.to_string(),
        member: member.id.clone(),
        key: fingerprint.clone(),
        signature: name,
        digest: sha256_hex(armored.as_bytes()),
        at: at.to_string(),
    };
    super::ledger::append(disk, dir, ledger, record)?;
    Ok(Signing::Signed {
        member: member.id.clone(),
        fingerprint,
    })
}

/// A signature file found in `signatures/`: which record, which member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub name: String,
    pub file: String,
    pub member: String,
}

/// The signature files over `file` in the panel's `signatures/` folder.
pub fn found_for(dir: &Path, file: &str) -> Vec<Found> {
    let prefix = format!("{file}.");
    let mut out: Vec<Found> = fs::read_dir(dir.join(SIGNATURES_DIR))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| {
                    let name = e.file_name().to_str()?.to_string();
                    let rest = name.strip_prefix(&prefix)?.strip_suffix(".sig")?;
                    // `<member>` or `<member>.<n>` (see `free_signature_name`).
                    let member = match rest.split_once('.') {
                        None => rest,
                        Some((m, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => m,
                        Some(_) => return None,
                    };
                    (!member.is_empty()).then(|| Found {
                        file: file.to_string(),
                        member: member.to_string(),
                        name: name.clone(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Reads a signature file, capped; never through a link (the record's evidence must be in
/// the panel folder, not wherever a link points).
pub fn read_signature(dir: &Path, name: &str) -> io::Result<String> {
    let folder = dir.join(SIGNATURES_DIR);
    let path = folder.join(name);
    for p in [&folder, &path] {
        if fs::symlink_metadata(p)?.file_type().is_symlink() {
            return Err(io::Error::other(super::disk::Refusal::Link(p.clone())));
        }
    }
    super::read::read_text_capped(&path, MAX_SIGNATURE)
        .map_err(|e| io::Error::other(format!("{}:{}", e.line, e.col)))
}

/// Enters in the ledger the signatures members made with `docket sign` since the writer last
/// looked: each only if it verifies over its record's bytes and was made with the key
/// panel.yaml gives its member (the ledger then pins that key). What was entered.
pub fn enter_pending(
    disk: &mut dyn Disk,
    dir: &Path,
    ledger: &mut Ledger,
    panel: &Panel,
    at: &str,
) -> io::Result<Vec<Found>> {
    let files: Vec<String> = ledger
        .entries
        .iter()
        .filter_map(|e| match &e.record {
            Record::Sealed { file, .. } => Some(file.clone()),
            _ => None,
        })
        .collect();
    let mut entered = Vec::new();
    for file in files {
        for f in found_for(dir, &file) {
            if ledger.signatures(&file).any(
                |e| matches!(&e.record, Record::Signed { signature, .. } if *signature == f.name),
            ) {
                continue;
            }
            let Some(key) = panel.member(&f.member).and_then(member_key) else {
                continue;
            };
            let Ok(armored) = read_signature(dir, &f.name) else {
                continue;
            };
            let Ok(text) = super::read::read_text_capped(
                &dir.join(super::minutes::MINUTES_DIR).join(&file),
                super::minutes::READ_MINUTES,
            ) else {
                continue;
            };
            let fp = sshsig::fingerprint(&key);
            let ok = sshsig::verify(&armored, sshsig::NAMESPACE, text.as_bytes())
                .is_ok_and(|k| sshsig::fingerprint(&k) == fp);
            if !ok {
                continue;
            }
            let record = Record::Signed {
                file: file.clone(),
                member: f.member.clone(),
                key: fp,
                signature: f.name.clone(),
                digest: sha256_hex(armored.as_bytes()),
                at: at.to_string(),
            };
            super::ledger::append(disk, dir, ledger, record)?;
            entered.push(f);
        }
    }
    Ok(entered)
}

/// Signs the newest sealed record with `clerk`'s key when the ledger enters no signature of
/// theirs over it (docket stopped between the entry and the signature at F), its bytes are
/// still those entered, and the clerk's agent holds the key. What happened, if anything.
pub fn sign_newest(
    disk: &mut dyn Disk,
    dir: &Path,
    ledger: &mut Ledger,
    modes: Modes,
    clerk: &Member,
    at: &str,
) -> io::Result<Option<Signing>> {
    let Some((file, meeting, addendum, digest)) =
        ledger.entries.iter().rev().find_map(|e| match &e.record {
            Record::Sealed {
                file,
                meeting,
                addendum,
                digest,
                ..
            } => Some((file.clone(), meeting.clone(), *addendum, digest.clone())),
            _ => None,
        })
    else {
        return Ok(None);
    };
    let signed = ledger
        .signatures(&file)
        .any(|e| matches!(&e.record, Record::Signed { member, .. } if *member == clerk.id));
    if signed || !found_for(dir, &file).iter().all(|f| f.member != clerk.id) {
        return Ok(None);
    }
    let path = dir.join(super::minutes::MINUTES_DIR).join(&file);
    let Ok(text) = super::read::read_text_capped(&path, super::minutes::READ_MINUTES) else {
        return Ok(None);
    };
    if sha256_hex(text.as_bytes()) != digest {
        return Ok(None);
    }
    match enter(
        disk,
        dir,
        ledger,
        modes,
        &file,
        &meeting,
        addendum,
        text.as_bytes(),
        Some(clerk),
        at,
    )? {
        s @ Signing::Signed { .. } => Ok(Some(s)),
        // No agent now, or no key in it: left as it is, said by verify ("awaiting").
        _ => Ok(None),
    }
}
