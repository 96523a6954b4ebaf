//! The tally of a round against its pass rule, as one line.

use crate::domain::meeting::Round;
use crate::domain::text::Lang;
use crate::i18n;

/// `同意 4 / 应到会 6 / 需 4 / 通过`: the tally against the pass rule, live.
pub fn tally_line(
    lang: Lang,
    round: &Round,
    arithmetic: &crate::domain::meeting::Arithmetic,
    passed: bool,
) -> String {
    let open = round.is_open();
    // While the round is open the verdict is only what closing it now would give.
    let verdict = match (open, passed) {
        (false, true) => i18n::PASSED.get(lang),
        (false, false) => i18n::FAILED.get(lang),
        (true, true) => i18n::WOULD_PASS.get(lang),
        (true, false) => i18n::NOT_YET.get(lang),
    };
    tally_with(lang, round, arithmetic, verdict)
}

pub(super) fn tally_with(
    lang: Lang,
    round: &Round,
    arithmetic: &crate::domain::meeting::Arithmetic,
    verdict: &str,
) -> String {
    let base = crate::i18n::pass_base(arithmetic.rule, lang);

    format!(
        "{} {} / {base} {} / {} {} / {verdict}",
        i18n::K_AGREE.get(lang),
        round.tally.agree,
        arithmetic.base,
        i18n::NEEDED.get(lang),
        arithmetic.needed
    )
}

/// The tally line of a round every opinion of which is in, about to close: "would pass" or
/// "would fail", never "not yet".
pub fn closing_line(
    lang: Lang,
    round: &Round,
    arithmetic: &crate::domain::meeting::Arithmetic,
    passed: bool,
) -> String {
    let verdict = if passed {
        i18n::WOULD_PASS.get(lang)
    } else {
        i18n::WOULD_FAIL.get(lang)
    };
    tally_with(lang, round, arithmetic, verdict)
}
