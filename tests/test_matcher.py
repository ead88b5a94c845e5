"""The Matcher skips patterns that cannot match, and must find exactly what the whole alternation finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, FIXTURES
from poa.paths import rubrics_dir
from poa.rubric import matcher as matcher_module
from poa.rubric.loader import COMMON, infer_kind, load_rubric
from poa.rubric.matcher import Matcher, analyse


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
    """Characters outside ASCII that re.IGNORECASE matches to ASCII letters (the Kelvin sign, the long s...)."""
    every = "".join(chr(i) for i in range(0x80, 0x110000) if not 0xD800 <= i < 0xE000)
    odd = set(re.findall(r"[\x00-\x7f]", every, re.IGNORECASE))
    assert odd, "expected a few such characters"
    for char in odd:
        for ascii_char in map(chr, range(128)):
            if re.fullmatch(re.escape(ascii_char), char, re.IGNORECASE):
                assert ascii_char.lower() in matcher_module.lowered(char), hex(ord(char))


def test_analyse_gives_words_only_when_it_is_sure():
    assert analyse(r"\bspam (?:folder|filter)", re.IGNORECASE) == (["spam f"], False, 0)
    assert analyse(r"\bI beg\b|\bbegging\b", re.IGNORECASE) == (["begging", "i beg"], False, 0)
    assert analyse(r"\b(?:the )?(?:buyer|customer)s? lied", re.IGNORECASE) == ([" lied"], False, 13)
    assert analyse(r"\w{2,5} spam", re.IGNORECASE) == ([" spam"], False, 5)
    assert analyse(r"[^\s.!?][^.!?\n]{2,}\?", 0) == (["?"], False, None)  # no limit before the '?'
    assert analyse(r"(a)\1", 0) == (None, False, None)  # back-reference
    assert analyse(r"(?i:Foo)", 0) == (None, False, None)  # scoped flags
    assert analyse(r"\d+", 0) == (None, False, None)
    assert analyse(r"^\s*(?:hi|hello)", re.IGNORECASE) == (["h"], True, None)
    assert analyse(r"^x", re.MULTILINE) == (["x"], False, 0)
    assert analyse(r"UPS", 0) == (["UPS"], False, 0)


def test_a_kind_is_still_inferred_from_its_words():
    text = (FIXTURES / "weak-vtr-letter.txt").read_text(encoding="utf-8")
    assert infer_kind(text)[0] == "valid_tracking_rate"
