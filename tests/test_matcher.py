"""The Matcher skips patterns that cannot match, and must find exactly what the whole alternation finds."""

from __future__ import annotations

import re

from conftest import EXAMPLES, FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from poa.files.paths import rubrics_dir
from poa.rubric import matcher as matcher_module
from poa.rubric.compiled import COMMON, infer_kind, load_rubric
from poa.rubric.matcher import Matcher, analyse
from poa.rubric.patterns import IGNORECASE, compile_pattern


def _matchers() -> list[Matcher]:
    found = []
    kinds = [None] + sorted(p.stem for p in rubrics_dir().glob("*.yaml") if p.stem != COMMON)
    for kind in kinds:
        for rule in load_rubric(kind).rules:
            for name in ("_regex", "_unless", "_when"):
                if getattr(rule, name, None) is not None:
                    found.append(getattr(rule, name))
    return found


def _strings(value) -> list[str]:  # noqa: ANN001
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.*"))]
    texts.append((EXAMPLES / "valid-tracking-rate.yaml").read_text(encoding="utf-8"))
    for kind in [None, "valid_tracking_rate"]:
        for rule in load_rubric(kind).rules:
            texts += _strings(rule.examples.fail) + _strings(rule.examples.pass_)
    return texts


MATCHERS = _matchers()
TEXTS = _texts()


def _same(matcher: Matcher, text: str) -> None:
    whole = matcher.regex
    for _ in range(2):  # a text's first search runs from its start; later ones in its windows
        assert [m.span() for m in matcher.finditer(text)] == [m.span() for m in whole.finditer(text)], \
            (matcher.patterns, text)
    got, want = matcher.search(text), whole.search(text)
    assert (got and got.span()) == (want and want.span()), (matcher.patterns, text)


def test_every_rubric_matcher_finds_what_its_whole_alternation_finds():
    assert len(MATCHERS) > 20 and len(TEXTS) > 50
    for matcher in MATCHERS:
        for text in TEXTS:
            _same(matcher, text)
            _same(matcher, text.upper())


WORDS = ["spam", "folder", "the buyer lied", "our supplier failed", "spam folder", "I will check", "Spam Folder", "I will", "we", "UPS", "ups", "tracking", "?", "!!", "Hi",
         "hello", "dear", "\u0130", "\u0131", "\u017f", "\u212a", "KELVIN", "ſpam", "İ will", "carrier",
         "e-mail", "2026", "\n", "\n\n", ". ", "not my fault", "pay attention", "supplier", "Buy Shipping"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=25).map(" ".join))
def test_matchers_agree_on_generated_text(text):
    for matcher in MATCHERS:
        _same(matcher, text)


def test_text_is_lowered_so_that_every_case_insensitive_match_of_an_ascii_word_is_found():
    """Characters outside ASCII that RE2's case folding matches to ASCII letters (the Kelvin sign,
    the long s)."""
    every = "".join(chr(i) for i in range(0x80, 0x110000) if not 0xD800 <= i < 0xE000)
    odd = {m.group() for m in compile_pattern(r"[\x00-\x7f]", IGNORECASE).finditer(every)}
    assert odd, "expected a few such characters"
    for char in odd:
        for ascii_char in map(chr, range(128)):
            if compile_pattern(re.escape(ascii_char), IGNORECASE).fullmatch(char):
                assert ascii_char.lower() in matcher_module.lowered(char), hex(ord(char))


def test_analyse_gives_words_only_when_it_is_sure():
    assert analyse(r"\bspam (?:folder|filter)", re.IGNORECASE) == (["filter", "folder"], False, 5)
    assert analyse(r"\bspam folder", re.IGNORECASE) == (["spam folder"], False, 0)
    assert analyse(r"\bI beg\b|\bbegging\b", re.IGNORECASE) == (["begging", "i beg"], False, 0)
    assert analyse(r"\b(?:the )?(?:buyer|customer)s? lied", re.IGNORECASE) == ([" lied"], False, 13)
    assert analyse(r"\w{2,5} spam", re.IGNORECASE) == ([" spam"], False, 5)
    assert analyse(r"[^\s.!?][^.!?\n]{2,}\?", 0) == (["?"], False, None)  # no limit before the '?'
    assert analyse(r"(?i:Foo)", 0) == (None, False, None)  # scoped flags: not read, always run
    assert analyse(r"(?i)foo", 0) == (None, False, None)
    assert analyse(r"\Qa.b\E", 0) == (None, False, None)
    assert analyse(r"\d+", 0) == (None, False, None)
    assert analyse(r"^\s*(?:hi|hello)", re.IGNORECASE) == (["hello", "hi"], True, None)
    assert analyse(r"\Ax", 0) == (["x"], True, 0)
    assert analyse(r"^x", re.MULTILINE) == (["x"], False, 0)
    assert analyse(r"UPS", 0) == (["UPS"], False, 0)
    assert analyse(r"\x{41}\.[sS]", re.IGNORECASE) == (["a.s"[:2]], False, 0)
    assert analyse(r"caf\xe9|CAFÉ", re.IGNORECASE) == (["caf"], False, 0)  # é has a case: not looked for
    assert analyse(r"caf\xe9|CAFÉ", 0) == (["CAFÉ", "café"], False, 0)


def test_a_common_word_is_the_last_choice_of_needed_word():
    # ' the ' is the longest word every match holds, but it is in nearly every sentence
    assert analyse(r"\babus(?:e|ed) the (?:report|claim)", re.IGNORECASE)[0] == ["claim", "report"]
    assert analyse(r"\babus(?:e|ed) the system", re.IGNORECASE)[0] == [" the system"]
    assert analyse(r"\b(?:between|from) \d", re.IGNORECASE)[0] == ["between", "from"]  # not ' '


def test_a_kind_is_still_inferred_from_its_words():
    text = (FIXTURES / "weak-vtr-letter.txt").read_text(encoding="utf-8")
    assert infer_kind(text)[0] == "valid_tracking_rate"


# --- windows: only where a match can start is searched ---------------------------------------

EDGY = [r"\bspam\b", r"\bwithin \d+ hours?\b", r"\b(?:the |a )?(?:valid |real )?tracking\b", r"spam\w*", r"\bsp\w+ f", r"spam folder", r"spam$", r"spam\z", r"^spam", r"\Aspam",
        r"\bspam(?: folder)?\b", r"sp(?:am|ammy) ?f", r"a{1,5}spam", r"spam\B", r"spam(?:[^\w]|$)",
        r"\b(?:the )?(?:buyer|customer)s? lied", r"lied(?: to (?:me|us))?\.", r"ed\b", r"(?P<w>spam)",
        r"[sS]pa[mM]", r"\x{73}pam", r"(?i:spam)", r"s.?p{1,2}am\b"]


def test_reach_is_the_longest_match_plus_what_it_reads_after():
    assert matcher_module.reach(r"\bspam\b", re.IGNORECASE) == 4 + 2
    assert matcher_module.reach(r"spam(?: folder)?", 0) == 11 + 2
    assert matcher_module.reach(r"\w+ spam", 0) == matcher_module.UNBOUNDED  # no longest match
    assert matcher_module.reach(r"x?", 0) is None  # a match can be empty
    assert matcher_module.reach(r"(?i)spam", 0) is None  # not read by poa


def test_windows_are_used_and_find_every_match_at_their_edges():
    matcher = Matcher([r"\bspam(?: folder)?\b", r"lied(?: to (?:me|us))?\."], re.IGNORECASE)
    text = ("spam " + "x" * 300 + " the spam folder, spammy, SPAM" + " y" * 200
            + " he lied to us. She lied." + " spam")
    assert matcher.plan(text)[2] is None, "a text's first search runs from its start"
    assert matcher.plan(text)[2] is not None, "expected this text to be searched in windows"
    _same(matcher, text)
    assert [m.group() for m in matcher.finditer(text)] == ["spam", "spam folder", "SPAM",
                                                           "lied to us.", "lied.", "spam"]


def test_a_pattern_with_no_longest_match_is_searched_from_its_first_word_not_in_windows():
    matcher = Matcher([r"\bwithin \d+ hours?\b", r"\bspam\b"], re.IGNORECASE)
    text = "x " * 100 + "within 24 hours, within 123456 hour; spam within no hours " + "y " * 100
    matcher.plan(text)
    regex, start, windows = matcher.plan(text)
    assert windows is None and start == text.index("within")
    _same(matcher, text)
    assert [m.group() for m in matcher.finditer(text)] == ["within 24 hours", "within 123456 hour",
                                                           "spam"]
    bounded = Matcher([r"\bspam\b"], re.IGNORECASE)
    bounded.plan(text)
    assert bounded.plan(text)[2] is not None, "the same text is searched in windows by a bounded pattern"


def test_too_many_places_for_windows_is_one_search():
    matcher = Matcher([r"\bspam\b"], re.IGNORECASE)
    text = "spam " * (matcher_module._MAX_WINDOWS + 1)
    matcher.plan(text)
    assert matcher.plan(text)[2] is None
    _same(matcher, text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(EDGY), min_size=1, max_size=3, unique=True),
       st.lists(st.sampled_from(["spam", "Spam", "folder", "no", "spammy", "the", "buyer", "lied",
                                 "to", "us", ".", "a", "aaaa", "\n", "ed", "customers", "within",
                                 "24", "1", "hours", "hour", "valid", "real", "tracking"])
                | st.text(alphabet="spam fodlerinu.\n", max_size=8), max_size=40),
       st.sampled_from([" ", "", "\n"]))
def test_windows_find_what_the_whole_alternation_finds(patterns, words, glue):
    for flags in (0, re.IGNORECASE, re.MULTILINE):
        _same(Matcher(patterns, flags), glue.join(words))


def test_a_match_in_ascii_text_reads_its_groups_as_a_match_in_the_text_does():
    matcher = Matcher([r"\bon (?P<value>\d{1,2}) (?P<month>nov\w*)?", r"\bspam\b"], re.IGNORECASE)
    for text in ("Done on 3 November and on 5 dec; spam.", "Fait le é on 3 November and on 5 dec; spam."):
        for _ in range(2):  # from the start, then in windows
            got = list(matcher.finditer(text))
            want = list(matcher.regex.finditer(text))
            assert [(m.span(), m.group(), m.groupdict(), m.start(1), m.end(2)) for m in got] \
                == [(m.span(), m.group(), m.groupdict(), m.start(1), m.end(2)) for m in want]
            assert all(isinstance(m.group(), str) for m in got)
            assert matcher.search(text).group() == "on 3 November"
