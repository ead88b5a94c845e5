"""Rubric patterns run on RE2 (linear time): no pattern can freeze a check, whatever its shape.

A house rubric (`--rubrics DIR`) may hold any pattern. Python's `re` took 1 min 49 s on a 1 KB
letter with `\\bspam.*.*.*filter`; RE2 never backtracks. Patterns RE2 cannot run (lookaround,
back-references) and patterns that match the empty string are refused at load with
FILE:LINE:COL, the path in the file and the rule id.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_helpers import Hang, hang_guard, run_main

from poa.files.paths import rubrics_dir
from poa.rubric.compiled import load_rubric
from poa.rubric.patterns import IGNORECASE, compile_pattern
from poa.rubric.regex_safety import problem

BACKTRACKING = [
    r"(a+)+b", r"(a|a)*b", r"(.*)*x", r"(\w+\s?)+$", r"((ab)*)+c", r"(?:a+b?)+c", r"(\s*,\s*)+x",
    r"(?:\w+|\d+)*!", r"(foo|fo+)*!", r"(a{1,3})+b", r"(?:x(?:\w|\d+))*y", r"^(\w+\s?)+$",
    r"(?:(?:a|b)+)+c", r"([a-z]+\d?)+!", r"(\d+)*x", r"(.+)+$", r"\b(\w+\s*)+\.", r"(?:a?a?)*b",
    r"(?:a*a)+b", r"\w+\s*\w+x", r".*.*x", r"\s*\S*\s*\S*!", r"\bspam.*.*.*filter",
]
_SUBJECTS = ["a" * 40 + "!", "ab" * 20 + "!", " a" * 20 + "!", "a " * 20 + "!", "1" * 40 + "!",
             "spam " * 200]


@pytest.mark.parametrize("pattern", BACKTRACKING)
def test_patterns_that_made_re_backtrack_are_accepted_and_finish(pattern):
    """What the old heuristic refused is harmless on RE2: it loads, and finishes at once."""
    assert problem(pattern) is None, pattern
    regex = compile_pattern(pattern, IGNORECASE)
    with hang_guard(10):
        for subject in _SUBJECTS:
            regex.search(subject)


def test_the_texts_are_the_ones_that_make_re_backtrack():
    """The control: the same pattern and text on Python's re do not finish."""
    with pytest.raises(Hang), hang_guard(1):
        re.match(BACKTRACKING[0], "a" * 40)


@pytest.mark.parametrize("pattern", [r"x*", r"(?:a|)", r"\b", r"^", r"(?:spam)?", r"\s*"])
def test_a_pattern_that_can_match_nothing_is_refused(pattern):
    assert "empty string" in problem(pattern)


@pytest.mark.parametrize("pattern", [r"\bspam\b", r"(?:foo|bar)+", r"(?i:Amazon)'s", r"\Qa.b\E"])
def test_ordinary_patterns_are_accepted(pattern):
    assert problem(pattern) is None


def test_every_bundled_rubric_loads():
    assert load_rubric(None).rules
    for path in rubrics_dir().glob("*.yaml"):
        if path.stem != "common":
            assert load_rubric(path.stem).rules


_ATOMS = st.sampled_from(["a", "b", r"\w", r"\s", ".", "[ab]", " ", r"\d", "a?", r"\b"])
_PATTERNS = st.recursive(_ATOMS, lambda inner: st.one_of(
    st.tuples(inner, inner).map("".join),
    st.tuples(inner, inner).map(lambda t: f"(?:{t[0]}|{t[1]})"),
    inner.map(lambda c: f"(?:{c})*"),
    inner.map(lambda c: f"(?:{c})+"),
    inner.map(lambda c: f"(?:{c}){{1,3}}"),
), max_leaves=7)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(_PATTERNS)
def test_no_pattern_backtracks_without_end(pattern):
    """Random patterns (with re, '(?:.\\b(?:\\b)*)*' hung): every one finishes on texts built to make
    a backtracking engine hang."""
    regex = compile_pattern(pattern + "$", IGNORECASE)
    with hang_guard(5):
        for subject in _SUBJECTS:
            regex.search(subject)


# --- house rubrics (--rubrics DIR) ------------------------------------------------------------

HOUSE_RULE = """
  - id: house.spam-filter
    kind: existence
    category: blame
    severity: warning
    scope: letter
    patterns:
      - '{pattern}'
    message: "Our house style: do not blame the spam filter (\\"{{match}}\\")."
    why: "The agency's reviewers found that letters blaming e-mail filters are rejected."
    link: https://example.com/house-style
    examples:
      fail:
        - The spam went through the filter.
      pass:
        - Our process relied on an e-mail.
"""


def _house_rubrics(tmp_path, pattern: str):  # noqa: ANN202
    folder = tmp_path / "house"
    shutil.copytree(rubrics_dir(), folder)
    common = folder / "common.yaml"
    common.write_text(common.read_text(encoding="utf-8").rstrip("\n") + "\n"
                      + HOUSE_RULE.format(pattern=pattern), encoding="utf-8")
    return folder, common


def test_a_house_rule_with_a_backtracking_pattern_checks_a_letter_at_once(tmp_path, capsys):
    """The issue's case: '\\bspam.*.*.*filter' in a house rubric on a 1 KB letter (1 min 49 s with
    re). The guard is generous: it catches a hang, it does not time the check."""
    folder, _ = _house_rubrics(tmp_path, r"\bspam.*.*.*filter")
    letter = tmp_path / "letter.txt"
    text = ("Root cause: the filter let " + "the spam " * 110 + "\n\nCorrective actions: the spam went "
            "into the filter and I now read the tracking numbers in Seller Central every morning.\n")
    assert 1000 <= len(text.encode()) <= 1300  # 'filter' before the spams: re tries every split
    letter.write_text(text, encoding="utf-8")
    with hang_guard(30):
        result = run_main(capsys, "check", str(letter), "--kind", "valid_tracking_rate",
                          "--rubrics", str(folder), "--format", "json")
    assert result.returncode == 1, result.stderr
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "house.spam-filter"]
    assert [f["text"] for f in found] == ["spam went into the filter"]


def _refusal(result) -> tuple[str, int, int, str]:  # noqa: ANN001
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    file, line, column, rest = lines[0].removeprefix("poa: ").split(":", 3)
    return file, int(line), int(column), rest


@pytest.mark.parametrize("pattern, why", [
    (r"\bspam(?! folder)", "no lookaround"),
    (r"(?<=my )spam", "no lookaround"),
    (r"(\w+) \1", "no lookaround and no back-references"),
    (r"(?:spam)?", "empty string"),
])
def test_a_house_pattern_re2_cannot_run_names_file_line_column_and_rule(tmp_path, capsys, pattern, why):
    folder, common = _house_rubrics(tmp_path, pattern)
    file, line, column, rest = _refusal(run_main(capsys, "check", str(EXAMPLES / "valid-tracking-rate.yaml"),
                                                 "--rubrics", str(folder)))
    assert file == str(common)
    assert common.read_text(encoding="utf-8").split("\n")[line - 1][column - 1:] == f"'{pattern}'"
    assert "in rule house.spam-filter:" in rest and why in rest, rest


def test_patterns_that_cannot_be_joined_are_located_errors(tmp_path, capsys):
    """Each of these compiles; joined into the rule's one alternation they pass RE2's memory bound."""
    folder, common = _house_rubrics(tmp_path, r"\pL{1,300} spam")
    text = common.read_text(encoding="utf-8")
    common.write_text(text.replace("      - '\\pL{1,300} spam'\n",
                                   "      - '\\pL{1,300} spam'\n      - '\\pL{1,300} junk'\n"
                                   "      - '\\pL{1,300} box'\n"), encoding="utf-8")
    _, _, _, rest = _refusal(run_main(capsys, "check", str(EXAMPLES / "valid-tracking-rate.yaml"),
                                      "--rubrics", str(folder)))
    assert "in rule house.spam-filter: these patterns cannot be joined" in rest, rest


def test_the_house_rule_of_the_readme_works_as_shown(tmp_path, capsys):
    """README.md, "House rubrics": its example rule, appended to a copy of rubrics/, flags a letter."""
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("### House rubrics", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    folder = tmp_path / "house-rubrics"
    shutil.copytree(rubrics_dir(), folder)
    common = folder / "common.yaml"
    common.write_text(common.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + block, encoding="utf-8")
    letter = tmp_path / "letter.txt"
    letter.write_text("Root cause: the spam went through the filter.\n\nCorrective actions: none.\n",
                      encoding="utf-8")
    result = run_main(capsys, "check", str(letter), "--kind", "valid_tracking_rate", "--rubrics", str(folder),
                      "--format", "json")
    assert result.returncode == 1, result.stderr
    found = [f["text"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "house.spam-filter"]
    assert found == ["spam went through the filter"]
    assert "--rubrics DIR" in run_main(capsys, "check", "--help").stdout
