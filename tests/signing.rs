//! Signatures over sealed minutes, end to end with real ssh-agents: the clerk's key signs at
//! F, the chair signs with `docket sign` from another agent, `docket verify` names both,
//! stock `ssh-keygen -Y verify` accepts the same files, and forgeries that recompute every
//! digest and the whole ledger still fail on the signatures.
//!
//! One test (the second part is called from it): it sets SSH_AUTH_SOCK for the finalizing
//! App, which no other test may share.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::ssh::{Key, TestAgent, tool};
use docket::domain::rules::Opinion;
use docket::domain::text::Lang;
use docket::sshsig;
use docket::store::ledger::{self, Record};
use docket::store::minutes::{self, Sealer};
use docket::tui::app::{Action, App};

fn send(a: &mut App, actions: impl IntoIterator<Item = Action>) {
    for x in actions {
        a.update(x);
    }
}

fn docket(args: &[&str], agent: Option<&Path>) -> (i32, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_docket"));
    c.args(args)
        .args(["--lang", "en"])
        .env_remove("SSH_AUTH_SOCK");
    if let Some(a) = agent {
        c.env("SSH_AUTH_SOCK", a);
    }
    let o = c.output().expect("docket runs");
    (
        o.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

/// panel.yaml with `key` lines for the members given.
fn give_keys(dir: &Path, keys: &[(&str, &Key)]) {
    let path = dir.join("panel.yaml");
    let mut text = std::fs::read_to_string(&path).expect("panel.yaml");
    for (id, key) in keys {
        let line = format!("  - id: {id}\n");
        let at = text.find(&line).expect("member") + line.len();
        let pubkey = sshsig::openssh(&key.public);
        text.insert_str(at, &format!("    key: {pubkey}\n"));
    }
    std::fs::write(&path, text).expect("write panel.yaml");
}

fn ssh_keygen_accepts(allowed: &Path, principal: &str, sig: &Path, file: &Path) -> bool {
    tool("ssh-keygen")
        .args([
            "-Y",
            "verify",
            "-n",
            "docket-minutes",
            "-I",
            principal,
            "-f",
        ])
        .arg(allowed)
        .arg("-s")
        .arg(sig)
        .stdin(std::fs::File::open(file).expect("minutes"))
        .output()
        .expect("ssh-keygen runs")
        .status
        .success()
}

#[test]
fn minutes_signed_by_the_clerk_at_f_and_the_chair_later_verify_with_docket_and_openssh() {
    let clerk_agent = TestAgent::start();
    let clerk = clerk_agent.add_key("clerk", &["-t", "ed25519"]);
    let chair_agent = TestAgent::start();
    let chair = chair_agent.add_key("chair", &["-t", "ed25519"]);
    let dir: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("signing")
        .join("panel");
    let _ = std::fs::remove_dir_all(&dir);
    common::example_into(&dir);
    give_keys(&dir, &[("sun-li", &clerk), ("wang-jianguo", &chair)]);
    let (code, out) = docket(&["check", dir.to_str().unwrap()], None);
    assert_eq!(code, 0, "{out}");

    // The clerk's terminal reaches the clerk's agent.
    // SAFETY: the only test in this binary; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("SSH_AUTH_SOCK", &clerk_agent.socket) };
    let mut a = common::open_app(&dir, Lang::En, common::START);
    send(
        &mut a,
        [Action::Meeting, Action::Enter, Action::Enter, Action::Vote],
    );
    send(
        &mut a,
        std::iter::repeat_n(Action::Opinion(Opinion::Agree), 6),
    );
    send(&mut a, [Action::Enter, Action::Yes, Action::Determine]);
    common::run(&mut a, common::typed("符合第一种情形，予以容错。"));
    send(
        &mut a,
        [
            Action::Enter,
            Action::Yes,
            Action::Back,
            Action::Finalize,
            Action::Yes,
        ],
    );
    docket::tui::save(&mut a);
    let said = a.message.as_ref().map(|m| m.1.clone()).unwrap_or_default();
    assert!(said.contains("signed by"), "{said}");
    let meeting = a
        .session
        .final_minutes
        .as_ref()
        .expect("final")
        .meeting
        .id
        .clone();
    drop(a);
    let file = minutes::path_for(&dir, &meeting);
    let name = format!("{meeting}.yaml");
    let clerk_sig = dir.join(format!("signatures/{name}.sun-li.sig"));
    assert!(clerk_sig.exists());
    // As if docket stopped between the ledger entry and the clerk's signature: the next
    // opening, with the clerk's agent there, signs the newest record.
    let lp = ledger::path_for(&dir);
    let first_line = std::fs::read_to_string(&lp)
        .expect("ledger")
        .lines()
        .next()
        .map(|l| format!("{l}\n"))
        .expect("entry");
    std::fs::write(&lp, first_line).expect("cut the signature's entry");
    std::fs::remove_file(&clerk_sig).expect("remove");
    let a = common::open_app(&dir, Lang::En, common::START + 3600);
    assert!(
        a.session.notes.iter().any(|n| n.contains("signed by")),
        "{:?}",
        a.session.notes
    );
    drop(a);
    assert!(clerk_sig.exists());

    let d = dir.to_str().unwrap();
    let (code, out) = docket(&["verify", d], None);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("intact; signed by 孙丽 (sun-li) with key SHA256:"),
        "{out}"
    );
    assert!(out.contains("awaiting the signature of 王建国"), "{out}");

    // The chair signs from their own agent while the clerk's docket has the panel open: the
    // signature waits in signatures/, counted against panel.yaml's key, until the clerk's
    // docket next opens the panel and enters it, pinning the key.
    let lock = docket::store::disk::lock(&dir, docket::store::disk::Modes::PRIVATE, "clerk\n")
        .expect("the clerk's docket holds the panel");
    let (code, out) = docket(&["sign", d, &meeting], Some(&chair_agent.socket));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("signed by 王建国 (wang-jianguo) with key SHA256:"),
        "{out}"
    );
    assert!(out.contains("kept in signatures/"), "{out}");
    let (code, out) = docket(&["sign", d, &meeting], Some(&chair_agent.socket));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("signed it already"), "{out}");
    let (code, out) = docket(&["verify", d], None);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("not yet in the ledger"), "{out}");
    drop(lock);
    drop(common::open_app(&dir, Lang::En, common::START + 86_400));
    // An agent holding no member's key signs nothing.
    let stranger_agent = TestAgent::start();
    stranger_agent.add_key("stranger", &["-t", "ed25519"]);
    let (code, out) = docket(&["sign", d, &meeting], Some(&stranger_agent.socket));
    assert_eq!(code, 1, "{out}");
    let (code, out) = docket(&["verify", d], None);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("signed by 孙丽 (sun-li) with key SHA256:")
            && out.contains("王建国 (wang-jianguo) with key SHA256:"),
        "{out}"
    );
    assert!(!out.contains("awaiting"), "{out}");
    assert!(!out.contains("not yet in the ledger"), "{out}");
    let l = ledger::read(&dir).expect("ledger");
    let pinned: Vec<&str> = l
        .entries
        .iter()
        .filter_map(|e| match &e.record {
            Record::Signed { member, .. } => Some(member.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(pinned, ["sun-li", "wang-jianguo"]);

    // Stock OpenSSH agrees, on the very files docket checked.
    let (code, list) = docket(&["allowed-signers", d], None);
    assert_eq!(code, 0, "{list}");
    let allowed = clerk_agent.dir.path("allowed_signers");
    std::fs::write(&allowed, &list).expect("write");
    assert!(ssh_keygen_accepts(&allowed, "sun-li", &clerk_sig, &file));
    let chair_sig = dir.join(format!("signatures/{name}.wang-jianguo.sig"));
    assert!(ssh_keygen_accepts(
        &allowed,
        "wang-jianguo",
        &chair_sig,
        &file
    ));
    assert!(!ssh_keygen_accepts(
        &allowed,
        "wang-jianguo",
        &clerk_sig,
        &file
    ));
    let (code, out) = docket(
        &["verify", d, "--allowed-signers", allowed.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 0, "{out}");
    // A list without the clerk's key does not vouch for the clerk's signature.
    let only_chair: String = list
        .lines()
        .filter(|l| l.starts_with("wang-jianguo"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&allowed, only_chair).expect("write");
    let (code, out) = docket(
        &["verify", d, "--allowed-signers", allowed.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("which is not theirs"), "{out}");

    // The chair's key changes in panel.yaml. Replaced outright, the old signature no longer
    // counts (nothing but the ledger would say the old key was theirs); moved to
    // previous_keys, it counts, with a note.
    let original = std::fs::read_to_string(dir.join("panel.yaml")).expect("panel");
    let new_key = chair_agent.add_key("chair2", &["-t", "ed25519"]);
    let (old_line, new_line) = (
        sshsig::openssh(&chair.public),
        sshsig::openssh(&new_key.public),
    );
    std::fs::write(
        dir.join("panel.yaml"),
        original.replace(&old_line, &new_line),
    )
    .expect("write");
    let (code, out) = docket(&["verify", d], None);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("previous_keys"), "{out}");
    std::fs::write(
        dir.join("panel.yaml"),
        original.replace(
            &format!("    key: {old_line}\n"),
            &format!("    key: {new_line}\n    previous_keys:\n    - {old_line}\n"),
        ),
    )
    .expect("write");
    let (code, out) = docket(&["verify", d], None);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("signed with an earlier key of theirs"),
        "{out}"
    );
    let (_, list) = docket(&["allowed-signers", d], None);
    assert_eq!(list.matches("wang-jianguo namespaces").count(), 2, "{list}");
    std::fs::write(dir.join("panel.yaml"), &original).expect("write");

    // The forger's script: an opinion changed, the tally fixed, every digest and the whole
    // ledger recomputed. Only the signatures stand in the way, and they do.
    let sealed = std::fs::read_to_string(&file).expect("minutes");
    let ledger_text = std::fs::read_to_string(ledger::path_for(&dir)).expect("ledger");
    let (_, mut m) = minutes::read(&file).expect("read");
    let round = &mut m.cases[0].rounds[0];
    round.opinions[1].opinion = Opinion::Disagree;
    round.tally.agree -= 1;
    round.tally.disagree += 1;
    let f = m.finalization.clone().expect("sealed");
    let sealer = Sealer {
        by: &f.by,
        user: &f.user,
        uid: f.uid,
        at: &f.at,
        ledger: f.ledger.as_deref(),
    };
    minutes::seal(&mut m, &sealer).expect("seal");
    let forged = minutes::render(&m).expect("render");
    std::fs::write(&file, &forged).expect("write");
    common::rewrite_ledger(&dir, &sealed, &forged);
    let (code, out) = docket(&["verify", d], None);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the signature of sun-li does not verify"),
        "{out}"
    );
    assert!(!ssh_keygen_accepts(
        &allowed_all(&clerk_agent, &list),
        "sun-li",
        &clerk_sig,
        &file
    ));

    // The forger signs with a key of their own, put in panel.yaml: the ledger pinned the
    // chair's real key, so the signature is still not the chair's.
    std::fs::write(&file, &sealed).expect("restore");
    std::fs::write(ledger::path_for(&dir), &ledger_text).expect("restore");
    let forger = stranger_agent.add_key("forger", &["-t", "ed25519"]);
    let mut agent = sshsig::Agent::connect(&stranger_agent.socket).expect("agent");
    let sig = agent
        .sign(&forger.public, sshsig::NAMESPACE, sealed.as_bytes())
        .expect("sign");
    std::fs::write(&chair_sig, sig).expect("replace the chair's signature");
    std::fs::write(
        dir.join("panel.yaml"),
        original.replace(
            &sshsig::openssh(&chair.public),
            &sshsig::openssh(&forger.public),
        ),
    )
    .expect("write");
    let (code, out) = docket(&["verify", d], None);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("whose file is gone or changed"), "{out}");
    assert_eq!(
        out.matches("whose file is gone or changed").count(),
        1,
        "{out}"
    );
    std::fs::write(dir.join("panel.yaml"), &original).expect("restore");

    a_key_appended_to_the_ledger_or_shared_or_a_planted_file_vouches_for_nothing();
}

fn allowed_all(agent: &TestAgent, list: &str) -> PathBuf {
    let p = agent.dir.path("allowed_all");
    std::fs::write(&p, list).expect("write");
    p
}

/// A finalized meeting on a copy of the example panel whose clerk has no key (so F needs no
/// agent): the panel folder, the minutes file and its name.
fn sealed_unsigned(name: &str, keys: &[(&str, &Key)]) -> (PathBuf, PathBuf, String) {
    let dir: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("signing")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    common::example_into(&dir);
    give_keys(&dir, keys);
    let mut a = common::open_app(&dir, Lang::En, common::START);
    send(&mut a, [Action::Meeting, Action::Enter]);
    send(&mut a, [Action::Finalize, Action::Yes]);
    docket::tui::save(&mut a);
    let meeting = a
        .session
        .final_minutes
        .as_ref()
        .expect("final")
        .meeting
        .id
        .clone();
    let file = minutes::path_for(&dir, &meeting);
    (dir, file, meeting)
}

/// Appends `record` to the ledger, chained as docket chains it.
fn append(dir: &Path, record: &Record) {
    let l = ledger::read(dir).expect("ledger");
    let line = ledger::line(l.next(), l.head(), record);
    let mut text = std::fs::read_to_string(ledger::path_for(dir)).expect("ledger");
    text.push_str(&line);
    std::fs::write(ledger::path_for(dir), text).expect("write");
}

/// Called from the one test: no other test may run while that one sets SSH_AUTH_SOCK.
fn a_key_appended_to_the_ledger_or_shared_or_a_planted_file_vouches_for_nothing() {
    let chair_agent = TestAgent::start();
    let chair = chair_agent.add_key("chair", &["-t", "ed25519"]);
    let li_agent = TestAgent::start();
    let li = li_agent.add_key("li", &["-t", "ed25519"]);
    let evil_agent = TestAgent::start();
    let evil = evil_agent.add_key("evil", &["-t", "ed25519"]);
    let (dir, file, meeting) =
        sealed_unsigned("appended", &[("wang-jianguo", &chair), ("li-hong", &li)]);
    let d = dir.to_str().unwrap();
    let name = format!("{meeting}.yaml");
    let (code, out) = docket(&["sign", d, &meeting], Some(&chair_agent.socket));
    assert_eq!(code, 0, "{out}");

    // Someone who can write signatures/ plants a file where li-hong's signature would go,
    // even a real signature over the file with a key of their own: named, not a failure,
    // and li-hong still signs, under the next free name.
    let bytes = std::fs::read(&file).expect("minutes");
    let mut agent = sshsig::Agent::connect(&evil_agent.socket).expect("agent");
    let sig = agent
        .sign(&evil.public, sshsig::NAMESPACE, &bytes)
        .expect("sign");
    let planted = dir.join(format!("signatures/{name}.li-hong.sig"));
    std::fs::write(&planted, &sig).expect("plant");
    let (code, out) = docket(&["verify", d], None);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("li-hong.sig: not a signature over this file"),
        "{out}"
    );
    let (code, out) = docket(&["sign", d, &meeting], Some(&li_agent.socket));
    assert_eq!(code, 0, "{out}");
    assert!(
        dir.join(format!("signatures/{name}.li-hong.2.sig"))
            .exists()
    );
    let (code, out) = docket(&["verify", d], None);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("李红 (li-hong) with key"), "{out}");
    std::fs::remove_file(&planted).expect("remove");

    // Whoever can append to the ledger enters a "signature" of zhang-wei, who has no key
    // and never signed: the first key the ledger names for a member is no key of theirs.
    let zhang = format!("{name}.zhang-wei.sig");
    std::fs::write(dir.join("signatures").join(&zhang), &sig).expect("write");
    append(
        &dir,
        &Record::Signed {
            file: name.clone(),
            member: "zhang-wei".into(),
            key: sshsig::fingerprint(&evil.public),
            signature: zhang.clone(),
            digest: minutes::sha256_hex(sig.as_bytes()),
            at: "2026-11-20T10:00:00+08:00".into(),
        },
    );
    let (code, out) = docket(&["verify", d], None);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the signature of zhang-wei was made with key"),
        "{out}"
    );
    assert!(!out.contains("张伟 (zhang-wei) with key"), "{out}");
    // Then of the chair, with the same key of their own.
    let forged_name = format!("{name}.wang-jianguo.2.sig");
    std::fs::write(dir.join("signatures").join(&forged_name), &sig).expect("write");
    append(
        &dir,
        &Record::Signed {
            file: name.clone(),
            member: "wang-jianguo".into(),
            key: sshsig::fingerprint(&evil.public),
            signature: forged_name.clone(),
            digest: minutes::sha256_hex(sig.as_bytes()),
            at: "2026-11-20T10:00:00+08:00".into(),
        },
    );
    let (code, out) = docket(&["verify", d], None);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the signature of wang-jianguo was made with key"),
        "{out}"
    );
    let (_, list) = docket(&["allowed-signers", d], None);
    assert!(!list.contains(&sshsig::openssh(&evil.public)), "{list}");

    // The same with panel.yaml giving li-hong the chair's key and the chair's signature
    // copied as hers: one key signs for two members, and counts for neither.
    std::fs::remove_file(dir.join("signatures").join(&forged_name)).expect("remove");
    let panel = std::fs::read_to_string(dir.join("panel.yaml")).expect("panel");
    std::fs::write(
        dir.join("panel.yaml"),
        // The same key under another comment is the same key.
        panel.replace(
            &sshsig::openssh(&li.public),
            &format!("{} li@laptop", sshsig::openssh(&chair.public)),
        ),
    )
    .expect("write");
    let (code, out) = docket(&["check", d], None);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("same key as"), "{out}");
    std::fs::copy(
        dir.join(format!("signatures/{name}.wang-jianguo.sig")),
        dir.join(format!("signatures/{name}.li-hong.3.sig")),
    )
    .expect("copy");
    let (code, out) = docket(&["verify", d], None);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("signs for two members"), "{out}");
    std::fs::write(dir.join("panel.yaml"), panel).expect("restore");

    // A link where the ledger should be: its evidence would lie outside the panel.
    let elsewhere = dir.with_file_name("ledger-elsewhere");
    std::fs::rename(ledger::path_for(&dir), &elsewhere).expect("move");
    std::os::unix::fs::symlink(&elsewhere, ledger::path_for(&dir)).expect("link");
    let (code, out) = docket(&["verify", d], None);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("a symbolic link where the panel keeps its record"),
        "{out}"
    );
}
