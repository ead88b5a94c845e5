"""Fuzzing every reader of user input: the answer is always data or one clear InputError.

Hypothesis feeds the answers loader, the letter importer, the reply reader
and the rubric loader and engine with arbitrary unicode, broken YAML,
control characters, NUL bytes, tabs, right-to-left marks, huge and empty
texts, deep nesting and alias bombs. Any other exception fails the test;
a deadline and a hang guard fail what does not finish.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from conftest import EXAMPLES, FIXTURES
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from reliability_helpers import hang_guard

from poa.answers.file import LoadedAnswers, parse_answers, to_yaml
from poa.errors import InputError
from poa.files.paths import rubrics_dir
from poa.files.textfile import decode
from poa.letters.draft import draft_of
from poa.letters.letter_import import import_letter
from poa.letters.reply import ReplyReading, read_reply
from poa.render.letter import render_markdown
from poa.render.plaintext import markdown_to_text
from poa.rubric.compiled import Rubric, load_rubric
from poa.rubric.finding import Report
from poa.rubric.loader import _parse
from poa.workflow.check import check_draft

FUZZ = settings(max_examples=60, deadline=dt.timedelta(seconds=5),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
RUBRIC = load_rubric("valid_tracking_rate")
EXAMPLE_TEXT = (EXAMPLES / "valid-tracking-rate.yaml").read_text(encoding="utf-8")
LETTER_TEXT = (FIXTURES / "weak-vtr-letter.txt").read_text(encoding="utf-8")

# Characters that matter to YAML, to poa's parsers and to terminals.
TRICKY = st.sampled_from(list(":-&*!|>%@`'\"#[]{},?\t\n\r \x00\x1b\x7f\x85\u00a0\u2028\u202e\u200f\u061c"
                              "\ufeff\ufffe\U0001f600") + ["\\x00", "\\ud800", "&a ", "*a", "!!python/name:os.system ",
                                                          "<<: ", "---\n", "\n  ", "\t- ", " 2026-13-45",
                                                          " 9" + "9" * 5000, " !!bool x", " !!float x",
                                                          " 0b" + "1" * 200, "{{ 7*7 }}"])
ANY_TEXT = st.text(max_size=2000)
TEXTS = st.one_of(ANY_TEXT, st.lists(st.one_of(TRICKY, st.text(max_size=8)), max_size=300).map("".join))


def mutated(base: str):
    """`base` with a few random insertions, deletions and replacements of tricky characters."""
    def apply(edits: list[tuple[int, int, str]]) -> str:
        text = base
        for position, length, insert in edits:
            at = position % (len(text) + 1)
            text = text[:at] + insert + text[at + length:]
        return text
    return st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 5), st.one_of(TRICKY, st.text(max_size=5))),
                    min_size=1, max_size=6).map(apply)


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x]\n" + "".join(
    f"{k}: &{k} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, k in zip("abcdefgh", "bcdefghi")) + "kind: *i\n"


def _check_answers(text: str) -> None:
    """Load; if it loads, check, render, save and load again: all without any other exception."""
    with hang_guard(30):
        try:
            loaded = parse_answers(text, Path("fuzz.yaml"))
        except InputError as err:
            assert err.problems and all("\n" not in str(p) for p in err.problems)
            return
        assert isinstance(loaded, LoadedAnswers)
        report = check_draft(draft_of(loaded), RUBRIC, "fuzz.yaml")
        assert isinstance(report, Report)
        markdown = render_markdown(loaded.answers, RUBRIC.kind)
        markdown_to_text(markdown)
        again = parse_answers(to_yaml(loaded.answers, "fuzz.yaml"), Path("fuzz.yaml"))
        assert again.answers == loaded.answers  # a seller's words survive a save


@FUZZ
@given(TEXTS)
@example("")
@example("\x00")
@example(ALIAS_BOMB)
@example("kind: x\ncontext: " + "[" * 10_000 + "]" * 10_000)
@example("kind: x\n" + "a:\n" * 1 + "".join(" " * i + "b:\n" for i in range(1, 3000)))
@example("kind: x\ncontext:\n\tseller: tab\n")
@example("kind: valid_tracking_rate\nroot_cause:\n  - what: " + "x" * 100_000 + "\n")
@example("kind: valid_tracking_rate\nroot_cause:\n  - what: \"\u202eevil\u200f \\x1b[2J\"\n")
def test_answers_loader_on_any_text(text):
    _check_answers(text)


@settings(FUZZ, max_examples=50)
@given(mutated(EXAMPLE_TEXT))
def test_answers_loader_on_a_damaged_real_file(text):
    _check_answers(text)


_KEYS = st.sampled_from(["schema_version", "kind", "context", "shipping", "issues", "root_cause",
                         "corrective_actions", "preventive_measures", "documents", "history", "what", "why",
                         "issue", "id", "title", "date", "letter", "reply", "done_on", "owner", "carriers",
                         "name", "integrated", "metric_value", "notice_date", "asins", "amazon_reply"])
_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**40, 10**40), st.floats(allow_nan=True),
              st.dates(), st.text(max_size=40), st.just("valid_tracking_rate")),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=5)),
    max_leaves=25)


@settings(FUZZ, max_examples=40)
@given(st.dictionaries(_KEYS, _VALUES, max_size=10))
def test_answers_loader_on_any_structure(data):
    _check_answers(yaml.safe_dump(data, allow_unicode=True))


@FUZZ
@given(st.binary(max_size=3000))
@example(b"\xff\xfe\x00R\x00o")
@example("\ufeffRoot cause\n".encode("utf-8"))
def test_any_bytes_decode_to_text_or_a_clear_error(raw):
    try:
        text = decode(raw, "letter.txt")
    except InputError as err:
        assert len(err.problems) == 1 and "\n" not in str(err)
        return
    assert isinstance(text, str)


def _check_letter(text: str, reply: str = "") -> None:
    with hang_guard(30):
        draft = import_letter(text)
        draft.reply = reply
        report = check_draft(draft, RUBRIC, "fuzz.txt")
        assert isinstance(report, Report)
        for finding in report.findings:
            if finding.line is not None:
                assert finding.line >= 1 and finding.column >= 1


@FUZZ
@given(TEXTS)
@example("")
@example("Root cause\n" + "x" * 100_000)
@example("\u202eRoot cause\u202c\n\u05e9\u05dc\u05d5\u05dd\tspam folder\x00\n")
def test_letter_importer_and_engine_on_any_text(text):
    _check_letter(text)


@FUZZ
@given(mutated(LETTER_TEXT))
def test_letter_importer_and_engine_on_a_damaged_letter(text):
    _check_letter(text)


@FUZZ
@given(TEXTS)
@example("greater detail on the reasons for " * 3_000)
@example("– Greater detail on the root causes of \u202e\x00\t.")
def test_reply_reader_on_any_text(text):
    with hang_guard(30):
        reading = read_reply(text, RUBRIC.reply_asks)
        assert isinstance(reading, ReplyReading)
        _check_letter(LETTER_TEXT, reply=text)


COMMON_TEXT = (rubrics_dir() / "common.yaml").read_text(encoding="utf-8")


@settings(FUZZ, max_examples=15)
@given(mutated(COMMON_TEXT))
def test_rubric_loader_and_engine_on_a_damaged_rubric(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("rubrics")
    path = folder / "common.yaml"
    path.write_text(text, encoding="utf-8")
    with hang_guard(30):
        try:
            parsed = _parse(path)
        except InputError as err:
            assert err.problems and all("\n" not in str(p) for p in err.problems)
            return
        rubric = Rubric(None, parsed, tuple(parsed.rules))
        report = check_draft(import_letter(LETTER_TEXT), rubric, "letter.txt")
        assert isinstance(report, Report)


_REGEX_PIECES = st.lists(st.sampled_from(["a", "\\w", "\\s", ".", "+", "*", "?", "(", ")", "|", "[", "]",
                                          "{2,}", "(?:", "\\b", "^", "$", "\\", "(?i)", "(?P<x>", "(?=",
                                          "\u202e", "\x00", "'"]), max_size=14).map("".join)


@settings(FUZZ, max_examples=60)
@given(_REGEX_PIECES)
def test_a_rule_with_any_pattern_loads_or_is_refused_and_then_runs(tmp_path_factory, pattern):
    folder = tmp_path_factory.mktemp("rubrics")
    rule = {"id": "fuzz.rule", "kind": "existence", "category": "vague", "severity": "error",
            "scope": "letter", "patterns": [pattern], "message": "m", "why": "w",
            "link": "https://example.com", "examples": {"fail": ["x"], "pass": ["y"]}}
    data = {"rubric": "common", "title": "t", "summary": "s", "rules": [rule]}
    (folder / "common.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with hang_guard(30):
        try:
            parsed = _parse(folder / "common.yaml")
        except InputError as err:
            assert all("\n" not in str(p) for p in err.problems)
            return
        rubric = Rubric(None, parsed, tuple(parsed.rules))
        for text in ("a" * 3000 + "!", LETTER_TEXT, " a" * 1500):
            assert isinstance(check_draft(import_letter(text), rubric, "x.txt"), Report)
