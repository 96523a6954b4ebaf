//! SSHSIG through a real ssh-agent, checked both ways against stock OpenSSH's ssh-keygen.
//!
//! Needs ssh-agent, ssh-add and ssh-keygen (Debian: openssh-client); without them these tests
//! fail rather than pass silently, since they are the only proof that OpenSSH accepts docket's
//! signatures.

// A test crate may stop anywhere with the reason: clippy.toml's allowance for tests covers
// #[test] functions only, not the helpers beside them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::io::{Read, Write};
use std::os::unix::net::UnixListener;
use std::process::Stdio;
use std::thread;
use std::time::Duration;

mod common;

use common::ssh::{Key, TempDir, TestAgent, run, tool};
use docket::sshsig::{
    self, Agent, AgentError, NAMESPACE, PublicKey, SigError, allowed_signers_line,
};

fn same_key(a: &PublicKey, b: &PublicKey) -> bool {
    a.key_data() == b.key_data()
}

/// `ssh-keygen -Y verify` on a signature and message, as someone checking sealed minutes
/// without docket would run it; true when it accepts.
fn openssh_accepts(dir: &TempDir, key: &PublicKey, signature: &str, message: &[u8]) -> bool {
    let allowed = dir.path("allowed_signers");
    let line = allowed_signers_line("someone@office", key).expect("a plain principal");
    fs::write(&allowed, format!("{line}\n")).unwrap();
    let sig_file = dir.path("checked.sig");
    fs::write(&sig_file, signature).unwrap();
    let mut child = tool("ssh-keygen")
        .args(["-Y", "verify", "-f"])
        .arg(&allowed)
        .args(["-I", "someone@office", "-n", NAMESPACE, "-s"])
        .arg(&sig_file)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("ssh-keygen runs");
    child.stdin.take().unwrap().write_all(message).unwrap();
    child.wait().unwrap().success()
}

/// The whole round for one key type: docket signs through the agent, docket and OpenSSH
/// check it, and docket checks what OpenSSH signed. For deterministic signature schemes
/// (ed25519, RSA PKCS#1 v1.5) the two signatures must be the same bytes.
fn round_trip(kind: &[&str], deterministic: bool) {
    let agent = TestAgent::start();
    let key = agent.add_key("member", kind);
    let mut docket = agent.connect();

    let identities = docket.identities().expect("the agent lists its keys");
    assert!(
        identities.iter().any(|k| same_key(k, &key.public)),
        "the agent lists the key it was given"
    );

    let message = b"case: 2024-017\ndetermination: granted\n".to_vec();
    let signature = docket
        .sign(&key.public, NAMESPACE, &message)
        .expect("the agent signs");
    assert!(signature.starts_with("-----BEGIN SSH SIGNATURE-----\n"));
    assert!(signature.ends_with("-----END SSH SIGNATURE-----\n"));

    let signer = sshsig::verify(&signature, NAMESPACE, &message).expect("docket accepts it");
    assert!(same_key(&signer, &key.public));

    let mut changed = message.clone();
    changed[0] ^= 1;
    assert_eq!(
        sshsig::verify(&signature, NAMESPACE, &changed),
        Err(SigError::Invalid)
    );
    assert_eq!(
        sshsig::verify(&signature, "git", &message),
        Err(SigError::WrongNamespace(NAMESPACE.into()))
    );

    assert!(
        openssh_accepts(&agent.dir, &key.public, &signature, &message),
        "ssh-keygen -Y verify accepts docket's signature"
    );
    assert!(
        !openssh_accepts(&agent.dir, &key.public, &signature, &changed),
        "ssh-keygen -Y verify refuses it on a changed message"
    );

    // Conversely: signed by ssh-keygen from the key file, checked by docket.
    let msg_file = agent.dir.path("minutes.yaml");
    fs::write(&msg_file, &message).unwrap();
    run(tool("ssh-keygen")
        .args(["-q", "-Y", "sign", "-n", NAMESPACE, "-f"])
        .arg(&key.file)
        .arg(&msg_file));
    let theirs = fs::read_to_string(msg_file.with_extension("yaml.sig")).unwrap();
    let signer = sshsig::verify(&theirs, NAMESPACE, &message).expect("docket accepts OpenSSH's");
    assert!(same_key(&signer, &key.public));
    assert_eq!(
        sshsig::verify(&theirs, NAMESPACE, &changed),
        Err(SigError::Invalid)
    );
    if deterministic {
        assert_eq!(signature, theirs, "the same bytes as ssh-keygen -Y sign");
    }

    // The fingerprint as ssh-keygen -l prints it (its second field).
    let listed = run(tool("ssh-keygen")
        .arg("-lf")
        .arg(key.file.with_extension("pub")));
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert_eq!(
        Some(sshsig::fingerprint(&key.public).as_str()),
        listed.split_whitespace().nth(1)
    );
}

#[test]
fn ed25519_through_the_agent_and_back() {
    round_trip(&["-t", "ed25519"], true);
}

#[test]
fn rsa_through_the_agent_and_back() {
    round_trip(&["-t", "rsa", "-b", "2048"], true);
}

#[test]
fn ecdsa_p256_through_the_agent_and_back() {
    round_trip(&["-t", "ecdsa", "-b", "256"], false);
}

#[test]
fn a_key_the_agent_does_not_hold_is_named_as_such() {
    let agent = TestAgent::start();
    agent.add_key("held", &["-t", "ed25519"]);
    // Generated but never added.
    let other = agent.dir.path("other");
    run(tool("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&other));
    let other = Key::read(other);
    let mut docket = agent.connect();
    assert_eq!(
        docket.sign(&other.public, NAMESPACE, b"x"),
        Err(AgentError::NotInAgent)
    );
}

/// A socket that accepts one connection and hands it to `serve`.
fn hostile_agent(serve: impl FnOnce(std::os::unix::net::UnixStream) + Send + 'static) -> TempDir {
    let dir = TempDir::new();
    let listener = UnixListener::bind(dir.path("s")).unwrap();
    thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            serve(stream);
        }
    });
    dir
}

/// Reads the client's request so that the reply is not sent before it.
fn read_request(stream: &mut std::os::unix::net::UnixStream) {
    let mut len = [0u8; 4];
    stream.read_exact(&mut len).unwrap();
    let mut body = vec![0u8; u32::from_be_bytes(len) as usize];
    stream.read_exact(&mut body).unwrap();
}

#[test]
fn a_silent_agent_times_out() {
    let dir = hostile_agent(|mut stream| {
        read_request(&mut stream);
        // Hold the connection open without answering, until the client gives up.
        let _ = stream.read(&mut [0u8; 1]);
    });
    let mut agent = Agent::connect(&dir.path("s")).unwrap();
    agent.set_patience(Duration::from_millis(200));
    assert_eq!(agent.identities(), Err(AgentError::Timeout));
}

#[test]
fn a_trickling_agent_times_out_too() {
    let dir = hostile_agent(|mut stream| {
        read_request(&mut stream);
        // A plausible header, then one byte every 50 ms: each read succeeds in time, the
        // whole reply never does.
        if stream.write_all(&[0, 0, 0, 200]).is_err() {
            return;
        }
        for _ in 0..200 {
            thread::sleep(Duration::from_millis(50));
            if stream.write_all(&[0]).is_err() {
                return;
            }
        }
    });
    let mut agent = Agent::connect(&dir.path("s")).unwrap();
    agent.set_patience(Duration::from_millis(500));
    assert_eq!(agent.identities(), Err(AgentError::Timeout));
}

#[test]
fn an_agent_announcing_a_huge_reply_is_refused() {
    let dir = hostile_agent(|mut stream| {
        read_request(&mut stream);
        let _ = stream.write_all(&[0x7f, 0xff, 0xff, 0xff]);
    });
    let mut agent = Agent::connect(&dir.path("s")).unwrap();
    assert_eq!(agent.identities(), Err(AgentError::TooLarge(0x7fff_ffff)));
}

#[test]
fn no_socket_is_a_connect_error() {
    let dir = TempDir::new();
    assert!(matches!(
        Agent::connect(&dir.path("absent")),
        Err(AgentError::Connect(_))
    ));
}
