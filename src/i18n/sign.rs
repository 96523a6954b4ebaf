//! Signatures: what `docket sign` says, why a record was left unsigned, the ssh-agent.
//!
//! Also why a line of an allowed-signers file cannot be used.

use std::path::Path;

use super::{io_error, msg, q, verify_problem};
use crate::diag::Msg;
use crate::domain::text::Lang;
use crate::sanitize::escape;

/// Why a line of an allowed-signers file cannot be used.
pub fn allowed_signers_error(e: &crate::sshsig::AllowedError, lang: Lang) -> String {
    use crate::sshsig::AllowedError as A;
    match (e, lang) {
        (A::CertAuthority, Lang::En) => {
            "cert-authority: docket checks members' own keys, not certificates".into()
        }
        (A::CertAuthority, Lang::Zh) => {
            "cert-authority：docket 只核对成员本人的密钥，不核对证书".into()
        }
        (A::ValidityUnsupported(o), Lang::En) => format!(
            "{}: docket does not bound keys in time, so it would accept what ssh-keygen refuses; remove the option",
            q(o)
        ),
        (A::ValidityUnsupported(o), Lang::Zh) => format!(
            "{}：docket 不按时间限定密钥，会接受 ssh-keygen 拒绝的签名；请删去该选项",
            q(o)
        ),
        (A::PatternUnsupported(p), Lang::En) => format!(
            "{}: name each member by id; docket does not match patterns",
            q(p)
        ),
        (A::PatternUnsupported(p), Lang::Zh) => {
            format!("{}：请逐一写出成员编号；docket 不匹配通配符", q(p))
        }
        (_, Lang::En) => {
            "not an allowed-signers line (principals, options, then a public key)".into()
        }
        (_, Lang::Zh) => "不是 allowed-signers 格式的行（签名人、选项、公钥）".into(),
    }
}

s!(
    SIGN_NO_MINUTES,
    "no such minutes: give the meeting's id, as in its file name (e.g. 2026-11-20-1)",
    "没有该会议记录：请给出会议编号，即文件名（如 2026-11-20-1）"
);
s!(
    SIGN_NOT_SEALED,
    "not finalized yet: only sealed minutes are signed",
    "尚未定稿：只有已封存的记录才能签名"
);
s!(SIGN_WILL_NOT, "not signed", "未签名");
s!(SIGN_ALREADY, "you have signed it already", "您已签过名");
s!(
    SIGN_PENDING_CLERK,
    "your signature is kept in signatures/; the clerk's docket enters it in the ledger when it next opens the panel",
    "您的签名已存于 signatures/，书记员的 docket 下次打开本委员会时将其登记入台账"
);
s!(
    SIGN_PENDING,
    "the panel is open in another docket: your signature is kept in signatures/ and the clerk's docket enters it in the ledger when it next opens the panel",
    "本委员会正由另一 docket 打开：您的签名已存于 signatures/，书记员的 docket 下次打开本委员会时将其登记入台账"
);

/// Why `docket sign` cannot tell who is signing.
#[derive(Debug)]
pub enum SignAs {
    NoSuchMember(String),
    NoKey(String),
    NoAgent,
    NoMemberKey,
    Several(Vec<String>),
}

pub fn sign_refused(why: &SignAs, lang: Lang) -> String {
    use Lang::{En, Zh};
    match (why, lang) {
        (SignAs::NoSuchMember(m), En) => format!("no member {} in panel.yaml", q(m)),
        (SignAs::NoSuchMember(m), Zh) => format!("panel.yaml 中没有成员 {}", q(m)),
        (SignAs::NoKey(m), En) => format!("panel.yaml gives member {} no key", q(m)),
        (SignAs::NoKey(m), Zh) => format!("panel.yaml 未给出成员 {} 的公钥", q(m)),
        (SignAs::NoAgent, En) => {
            "no ssh-agent: start one (eval $(ssh-agent); ssh-add) or log in with agent forwarding (ssh -A)".into()
        }
        (SignAs::NoAgent, Zh) => {
            "没有 ssh-agent：请启动（eval $(ssh-agent); ssh-add），或以代理转发方式登录（ssh -A）".into()
        }
        (SignAs::NoMemberKey, En) => {
            "your ssh-agent holds no key that panel.yaml gives a member".into()
        }
        (SignAs::NoMemberKey, Zh) => "您的 ssh-agent 中没有 panel.yaml 所列任何成员的密钥".into(),
        (SignAs::Several(ids), En) => format!(
            "your agent holds the keys of several members ({}): name one with --member",
            ids.iter().map(|i| q(i)).collect::<Vec<_>>().join(", ")
        ),
        (SignAs::Several(ids), Zh) => format!(
            "您的 ssh-agent 中有多名成员（{}）的密钥：请用 --member 指定",
            ids.iter().map(|i| q(i)).collect::<Vec<_>>().join("、")
        ),
    }
}

/// Why a record was left unsigned.
pub fn signing(s: &crate::store::seal::Signing, lang: Lang) -> String {
    use crate::store::seal::Signing as S;
    use Lang::{En, Zh};
    match (s, lang) {
        (
            S::Signed {
                member,
                fingerprint,
            },
            En,
        ) => {
            format!("signed by {} ({})", q(member), escape(fingerprint))
        }
        (
            S::Signed {
                member,
                fingerprint,
            },
            Zh,
        ) => {
            format!("已由 {} 签名（{}）", q(member), escape(fingerprint))
        }
        (S::NoClerk, En) => "sealed, unsigned: the panel has no clerk".into(),
        (S::NoClerk, Zh) => "已封存，未签名：本委员会没有书记员".into(),
        (S::NoKey(m), En) => format!("sealed, unsigned: panel.yaml gives {} no key", q(m)),
        (S::NoKey(m), Zh) => format!("已封存，未签名：panel.yaml 未给出 {} 的公钥", q(m)),
        (S::NoAgent, En) => "sealed, unsigned: no ssh-agent reachable (SSH_AUTH_SOCK)".into(),
        (S::NoAgent, Zh) => "已封存，未签名：连接不到 ssh-agent（SSH_AUTH_SOCK）".into(),
        (S::NotInAgent(m), En) => {
            format!(
                "sealed, unsigned: the ssh-agent does not hold {}'s key",
                q(m)
            )
        }
        (S::NotInAgent(m), Zh) => format!("已封存，未签名：ssh-agent 中没有 {} 的密钥", q(m)),
        (S::Agent(e), En) => format!("sealed, unsigned: {}", agent_error(e, En)),
        (S::Agent(e), Zh) => format!("已封存，未签名：{}", agent_error(e, Zh)),
        (S::Failed(why), En) => format!("sealed, unsigned: signing failed: {}", escape(why)),
        (S::Failed(why), Zh) => format!("已封存，未签名：签名失败：{}", escape(why)),
    }
}

/// What `docket sign` says once signed.
pub fn signed_by(name: &str, id: &str, fingerprint: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "signed by {} ({}) with key {}",
            escape(name),
            escape(id),
            escape(fingerprint)
        ),
        Lang::Zh => format!(
            "已由 {}（{}）以密钥 {} 签名",
            escape(name),
            escape(id),
            escape(fingerprint)
        ),
    }
}

/// What went wrong talking to the ssh-agent.
pub fn agent_error(e: &crate::sshsig::AgentError, lang: Lang) -> String {
    use crate::sshsig::AgentError as A;
    let zh = lang == Lang::Zh;
    match e {
        A::NoAgent | A::Connect(_) => if zh {
            "连接不到 ssh-agent"
        } else {
            "no ssh-agent answers"
        }
        .into(),
        A::Timeout => if zh {
            "ssh-agent 未及时应答（是否在等待确认？）"
        } else {
            "the ssh-agent did not answer in time (is it waiting for a confirmation?)"
        }
        .into(),
        A::Refused => if zh {
            "ssh-agent 拒绝签名"
        } else {
            "the ssh-agent refused to sign"
        }
        .into(),
        A::NotInAgent => if zh {
            "ssh-agent 中没有该密钥"
        } else {
            "the ssh-agent does not hold the key"
        }
        .into(),
        A::Io(_) | A::Closed => if zh {
            "与 ssh-agent 的连接中断"
        } else {
            "the connection to the ssh-agent broke"
        }
        .into(),
        A::TooLarge(_) | A::Malformed | A::Unexpected(_) | A::EmptyNamespace => if zh {
            "ssh-agent 的应答无法理解"
        } else {
            "the ssh-agent's answer makes no sense"
        }
        .into(),
        A::Key(_) => if zh {
            "ssh-agent 给出的密钥无法使用"
        } else {
            "the ssh-agent gave a key docket cannot use"
        }
        .into(),
        A::WrongAlgorithm(a) => {
            if zh {
                format!("ssh-agent 使用了错误的签名算法 {}", q(a))
            } else {
                format!("the ssh-agent signed with the wrong algorithm {}", q(a))
            }
        }
        A::BadSignature => if zh {
            "ssh-agent 给出的签名不成立"
        } else {
            "the ssh-agent's signature does not verify"
        }
        .into(),
    }
}

/// What `docket sign` says of one record it was asked to sign.
#[derive(Debug)]
pub enum SignOutcome<'a> {
    /// No minutes of the meeting named.
    NoMinutes,
    NotSealed,
    /// Not signed: the record does not verify.
    WillNot(&'a crate::verify::Problem),
    Already,
    Signed {
        name: &'a str,
        id: &'a str,
        fingerprint: &'a str,
    },
    /// The signature could not be written where `path` names.
    Unwritten(&'a std::io::Error),
}

/// `PATH: what` for a record `docket sign` was asked to sign (or, for `Unwritten`, for the
/// signature file it could not write).
pub fn sign_outcome(path: &Path, what: &SignOutcome, lang: Lang) -> String {
    let shown = escape(&path.display().to_string()).into_owned();
    let said = match what {
        SignOutcome::NoMinutes => SIGN_NO_MINUTES.get(lang).to_string(),
        SignOutcome::NotSealed => SIGN_NOT_SEALED.get(lang).to_string(),
        SignOutcome::WillNot(p) => {
            format!("{}: {}", SIGN_WILL_NOT.get(lang), verify_problem(p, lang))
        }
        SignOutcome::Already => SIGN_ALREADY.get(lang).to_string(),
        SignOutcome::Signed {
            name,
            id,
            fingerprint,
        } => signed_by(name, id, fingerprint, lang),
        SignOutcome::Unwritten(e) => io_error(e, lang),
    };
    format!("{shown}: {said}")
}

/// An allowed-signers file that could not be read as text: `PATH:line:col: why`.
pub fn allowed_signers_unread(path: &Path, line: u32, col: u32, why: &Msg, lang: Lang) -> String {
    let shown = escape(&path.display().to_string()).into_owned();
    format!("{shown}:{line}:{col}: {}", msg(why, lang))
}

/// A line of an allowed-signers file that cannot be used: `PATH:line: why`.
pub fn allowed_signers_bad_line(
    path: &Path,
    line: u32,
    e: &crate::sshsig::AllowedError,
    lang: Lang,
) -> String {
    let shown = escape(&path.display().to_string()).into_owned();
    format!("{shown}:{line}: {}", allowed_signers_error(e, lang))
}
