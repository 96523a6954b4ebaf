//! The account docket records is the process's own, from the account database, whatever the environment says.

// One test in its own binary, so that no other test sees the forged variables.

use std::process::Command;

use docket::store::{current_account, system_user};

const CHILD: &str = "DOCKET_ACCOUNTS_CHILD";
const FORGED: &str = "forged-user";

/// An uid that no account has, for the child.
const NOBODY_KNOWS: u32 = 54_321;

fn id_un() -> Option<String> {
    let out = Command::new("id").arg("-run").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[test]
fn the_user_is_never_taken_from_the_environment() {
    if std::env::var_os(CHILD).is_some() {
        // Run again by the test below as an account-less uid: say who docket thinks it is.
        println!("system_user={}", system_user());
        return;
    }
    // SAFETY: this binary holds this one test, and nothing else runs in it while the
    // variables change.
    unsafe {
        std::env::set_var("USER", FORGED);
        std::env::set_var("LOGNAME", FORGED);
        std::env::set_var("HOME", "/nonexistent-forged");
    }
    let user = system_user();
    assert_ne!(user, FORGED);
    if let Some(name) = id_un() {
        assert_eq!(user, name);
    }
    assert_ne!(current_account().name.as_deref(), Some(FORGED));

    // An account the database does not know is its uid, not whatever $USER says. Only root can
    // run a process as such a uid.
    if current_account().uid != 0 {
        eprintln!("skipped the account-less part: not running as root");
        return;
    }
    assert_eq!(docket::store::account_name(NOBODY_KNOWS), None);
    let exe = std::env::current_exe().expect("the test binary");
    let out = std::os::unix::process::CommandExt::uid(
        Command::new(exe)
            .args([
                "--exact",
                "the_user_is_never_taken_from_the_environment",
                "--nocapture",
            ])
            .env(CHILD, "1")
            .env("USER", FORGED)
            .env("LOGNAME", FORGED)
            .current_dir("/"),
        NOBODY_KNOWS,
    )
    .output()
    .expect("the test binary runs as another uid");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout
            .lines()
            .any(|l| l == format!("system_user=uid {NOBODY_KNOWS}")),
        "{stdout}"
    );
}
