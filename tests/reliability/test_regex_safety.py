"""Rubric patterns that can take forever are refused at load, with their file, line, column and rule."""

from __future__ import annotations

import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poa.files.paths import rubrics_dir
from poa.rubric.compiled import load_rubric
from poa.rubric.regex_safety import problem
from conftest import EXAMPLES
from reliability_helpers import Hang, hang_guard, run_main

CATASTROPHIC = [
    r"(a+)+b", r"(a|a)*b", r"(.*)*x", r"(\w+\s?)+$", r"(a*)*", r"((ab)*)+", r"(?:a+b?)+", r"(\s*,\s*)+x",
    r"(?:\w+|\d+)*!", r"(foo|fo+)*", r"(a{1,3})+b", r"(?:x(?:\w|\d+))*y", r"^(\w+\s?)*$", r"(?:(?:a|b)+)+c",
    r"([a-z]+\d?)+!", r"(\d+)*x", r"(?=(a+)+b)", r"(.+)+$", r"\b(\w+\s*)+\.", r"(|)*", r"(?:a?a?)*b",
    r"(?:a*a)+b",
]
POLYNOMIAL = [r"\w+\s*\w+x", r".*.*x", r"\s*\S*\s*\S*!"]
ACCEPTED = [
    r"(\w|\d)+", r"(?:\w+ )*\.", r"(?:foo|bar)+", r"\bcase (?:id|no)\s*:?\s*\d+", r"(?>a+)+", r"(?:a++)+",
    r"a+b+", r"\w+ly\b", r"(?:small |family(?:[- ]owned)? |new )*(?:business)", r"[^.!?\n]{3,}\?",
    r"(?:ab|ac)*", r"(\d{1,2}[./]){2}\d{4}", r".*foo", r"\bevery (?:\w+ )?day\b",
]


@pytest.mark.parametrize("pattern", CATASTROPHIC + POLYNOMIAL)
def test_dangerous_patterns_are_refused(pattern):
    assert problem(pattern), pattern


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_ordinary_patterns_are_accepted(pattern):
    assert problem(pattern) is None


def test_every_bundled_rubric_loads():
    assert load_rubric(None).rules
    for path in rubrics_dir().glob("*.yaml"):
        if path.stem != "common":
            assert load_rubric(path.stem).rules


def test_a_refused_pattern_really_is_slow():
    """The first refused pattern, run anyway: it hangs, which is why it is refused."""
    with pytest.raises(Hang), hang_guard(1):
        re.match(CATASTROPHIC[0], "a" * 40)


_ATOMS = st.sampled_from(["a", "b", r"\w", r"\s", ".", "[ab]", " ", r"\d", "a?", r"\b"])
_PATTERNS = st.recursive(_ATOMS, lambda inner: st.one_of(
    st.tuples(inner, inner).map("".join),
    st.tuples(inner, inner).map(lambda t: f"(?:{t[0]}|{t[1]})"),
    inner.map(lambda c: f"(?:{c})*"),
    inner.map(lambda c: f"(?:{c})+"),
    inner.map(lambda c: f"(?:{c}){{1,3}}"),
), max_leaves=7)
_SUBJECTS = ["a" * 26 + "!", "ab" * 13 + "!", " a" * 13 + "!", "a " * 13 + "!", "1" * 26 + "!"]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(_PATTERNS)
def test_no_accepted_pattern_backtracks_without_end(pattern):
    """Random patterns: whatever the check accepts finishes on texts built to make it backtrack."""
    if problem(pattern):
        return
    regex = re.compile(pattern + "$")
    with hang_guard(5):
        for subject in _SUBJECTS:
            regex.search(subject)


def _user_rubrics(tmp_path, old: str, new: str):
    folder = tmp_path / "rubrics"
    shutil.copytree(rubrics_dir(), folder)
    common = folder / "common.yaml"
    text = common.read_text(encoding="utf-8")
    assert old in text
    common.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder, common


def _refusal(result) -> tuple[str, int, int, str]:
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    file, line, column, rest = lines[0].removeprefix("poa: ").split(":", 3)
    return file, int(line), int(column), rest


def test_a_user_rubric_with_a_catastrophic_pattern_names_file_line_column_and_rule(tmp_path, capsys):
    folder, common = _user_rubrics(tmp_path, "'\\bsomehow\\b'", "'(\\w+\\s?)+somehow'")
    file, line, column, rest = _refusal(run_main(capsys, "check", str(EXAMPLES / "valid-tracking-rate.yaml"),
                                                 "--rubrics", str(folder)))
    assert file == str(common)
    assert common.read_text(encoding="utf-8").split("\n")[line - 1][column - 1:].startswith("'(\\w+\\s?)+somehow'")
    assert "in rule vague.unknown-cause:" in rest and "can take forever" in rest


def test_patterns_that_cannot_be_joined_are_located_errors(tmp_path, capsys):
    folder, _ = _user_rubrics(tmp_path, "'\\bsomehow\\b'", "'(?i)\\bsomehow\\b'")
    _, _, _, rest = _refusal(run_main(capsys, "check", str(EXAMPLES / "valid-tracking-rate.yaml"),
                                      "--rubrics", str(folder)))
    assert "in rule vague.unknown-cause: these patterns cannot be joined" in rest
