//! The signatures over one record against the members' keys and the ledger's entries.

use std::path::Path;

use crate::domain::panel::Panel;
use crate::sshsig;
use crate::store::ledger::{self, Ledger, Record};
use crate::store::minutes::sha256_hex;
use crate::store::seal;

use super::{Note, Options, Problem, RecordReport, Signature};

/// The signatures over one record: those the ledger entered and those found beside it.
///
/// A signature counts for a member only when made with a key that is theirs: one
/// `--allowed-signers` lists for them, else one panel.yaml gives them (`key`, or
/// `previous_keys` after a change). The ledger binds each signature it entered to its key, so
/// a key swapped in panel.yaml later does not make a new signature over an old record count;
/// a key named only in the ledger vouches for nothing, as anyone who can append a line could
/// have put it there.
pub(super) fn signatures(
    r: &mut RecordReport,
    dir: &Path,
    panel: Option<&Panel>,
    ledger: Option<&Ledger>,
    file: &str,
    bytes: &[u8],
    opts: &Options,
) {
    let found = seal::found_for(dir, file);
    let entered: Vec<&ledger::Entry> = ledger
        .map(|l| l.signatures(file).collect())
        .unwrap_or_default();
    // A signature the ledger entered whose file is gone or was replaced.
    for e in &entered {
        if let Record::Signed {
            member,
            signature,
            digest,
            ..
        } = &e.record
        {
            let same = seal::read_signature(dir, signature)
                .is_ok_and(|s| sha256_hex(s.as_bytes()) == *digest);
            if !same {
                r.problems.push(Problem::SignatureMissing {
                    member: member.clone(),
                });
            }
        }
    }
    for f in &found {
        let entry = entered.iter().find_map(|e| match &e.record {
            Record::Signed {
                member,
                key,
                digest,
                signature,
                ..
            } if *member == f.member && *signature == f.name => Some((key.clone(), digest.clone())),
            _ => None,
        });
        let verified = seal::read_signature(dir, &f.name).ok().and_then(|armored| {
            let key = sshsig::verify(&armored, sshsig::NAMESPACE, bytes).ok()?;
            Some((sha256_hex(armored.as_bytes()), sshsig::fingerprint(&key)))
        });
        let Some((digest, fp)) = verified else {
            // A file no one entered may have been put there by anyone who can write the
            // folder: it is named, but it does not make the record changed.
            if entry.is_some() {
                r.problems.push(Problem::SignatureInvalid {
                    member: f.member.clone(),
                });
            } else {
                r.notes.push(Note::Stray {
                    name: f.name.clone(),
                });
            }
            continue;
        };
        // Not the file the ledger entered: named once, by the loop above.
        if let Some((key, d)) = &entry
            && (*key != fp || *d != digest)
        {
            continue;
        }
        // The member's keys as panel.yaml gives them: the current one first.
        let theirs = panel
            .and_then(|p| p.member(&f.member))
            .map(seal::member_fingerprints)
            .unwrap_or_default();
        let trusted = match &opts.allowed_signers {
            Some(list) => list.iter().any(|s| {
                s.principals.contains(&f.member)
                    && s.namespaces
                        .as_ref()
                        .is_none_or(|n| n.iter().any(|n| n == sshsig::NAMESPACE))
                    && sshsig::fingerprint(&s.key) == fp
            }),
            None => theirs.contains(&fp),
        };
        if !trusted {
            // Entered, the ledger's keeper vouched for it: a failure. Not entered, anyone who
            // can write the folder may have made it with a key of their own: named, ignored.
            if entry.is_some() {
                r.problems.push(Problem::SignatureWrongKey {
                    member: f.member.clone(),
                    key: fp,
                });
            } else {
                r.notes.push(Note::Stray {
                    name: f.name.clone(),
                });
            }
            continue;
        }
        if opts.allowed_signers.is_none() && theirs.first() != Some(&fp) {
            r.notes.push(Note::EarlierKey {
                member: f.member.clone(),
            });
        }
        // One key is one person: the same key signing for two members signs for neither.
        if r.signatures
            .iter()
            .any(|s| s.fingerprint == fp && s.member == f.member)
        {
            continue;
        }
        if let Some(other) = r.signatures.iter().find(|s| s.fingerprint == fp) {
            r.problems.push(Problem::SharedKey {
                members: (other.member.clone(), f.member.clone()),
                key: fp.clone(),
            });
            r.signatures.retain(|s| s.fingerprint != fp);
            continue;
        }
        r.signatures.push(Signature {
            member: f.member.clone(),
            fingerprint: fp,
            entered: entry.is_some(),
        });
    }
    if let Some(p) = panel {
        // Only members with a key can sign; a panel that gives none does not use signatures.
        for m in p.required_signers().filter(|m| m.key.is_some()) {
            if !r.signatures.iter().any(|s| s.member == m.id) {
                r.notes.push(Note::Awaiting {
                    member: m.id.clone(),
                });
            }
        }
    }
}
