//! A real ssh-agent and keys made by ssh-keygen, for the tests of signatures: in a short
//! folder under /tmp (a UNIX socket path must fit in 108 bytes), killed and removed on drop.

use std::fs;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::Duration;

use docket::sshsig::{Agent, PublicKey, parse_public_key};

/// A fresh folder directly under /tmp: a UNIX socket path must fit in 108 bytes, which a
/// path under target/ may not.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        for _ in 0..100 {
            let n = COUNT.fetch_add(1, Ordering::Relaxed);
            let path = PathBuf::from(format!("/tmp/dk-sig-{}-{n}", std::process::id()));
            // create_dir fails on an existing path, so a leftover is never reused.
            if fs::create_dir(&path).is_ok() {
                return TempDir(path);
            }
        }
        panic!("could not create a temporary folder under /tmp");
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The OpenSSH tool `name`, or a failure saying what to install.
pub fn tool(name: &str) -> Command {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "{name} not found on PATH: these tests need OpenSSH's client tools \
         (Debian/Ubuntu: apt-get install openssh-client)"
    );
    let mut command = Command::new(name);
    // Each test names its own agent; one inherited from the caller must not interfere.
    command.env_remove("SSH_AUTH_SOCK").stdin(Stdio::null());
    command
}

pub fn run(command: &mut Command) -> Output {
    let output = command.output().expect("the tool runs");
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// An ssh-agent of our own on a socket in a temporary folder, killed on drop.
pub struct TestAgent {
    child: Child,
    pub socket: PathBuf,
    pub dir: TempDir,
}

impl TestAgent {
    pub fn start() -> TestAgent {
        let dir = TempDir::new();
        let socket = dir.path("agent.sock");
        let mut child = tool("ssh-agent")
            .arg("-D")
            .arg("-a")
            .arg(&socket)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("ssh-agent starts");
        // Poll for the socket, a bounded number of times, watching that the agent is alive.
        for _ in 0..500 {
            if socket.exists() {
                return TestAgent { child, socket, dir };
            }
            if let Some(status) = child.try_wait().expect("ssh-agent's status") {
                panic!("ssh-agent exited early: {status}");
            }
            thread::sleep(Duration::from_millis(10));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("ssh-agent's socket {} never appeared", socket.display());
    }

    /// Generates a key of `kind` (ssh-keygen -t ... -N '') and loads it into the agent.
    pub fn add_key(&self, name: &str, kind: &[&str]) -> Key {
        let file = self.dir.path(name);
        run(tool("ssh-keygen")
            .args(kind)
            .args(["-q", "-N", "", "-C", name, "-f"])
            .arg(&file));
        run(tool("ssh-add")
            .arg("-q")
            .arg(&file)
            .env("SSH_AUTH_SOCK", &self.socket));
        Key::read(file)
    }

    pub fn connect(&self) -> Agent {
        Agent::connect(&self.socket).expect("docket connects to the agent")
    }
}

impl Drop for TestAgent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Key {
    pub file: PathBuf,
    pub public: PublicKey,
}

impl Key {
    pub fn read(file: PathBuf) -> Key {
        let line = fs::read_to_string(file.with_extension("pub")).expect("the .pub file");
        let public = parse_public_key(&line).expect("docket reads ssh-keygen's public key");
        Key { file, public }
    }
}
