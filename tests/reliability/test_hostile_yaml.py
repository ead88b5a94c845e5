"""Hand-picked hostile and broken answers files: each is refused with one located line, never a crash.

The fuzz tests (test_fuzz_inputs.py) try random inputs; these are the known
attacks and the values that used to escape as Python exceptions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_helpers import hang_guard

from poa.answers.file import parse_answers
from poa.errors import InputError

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)) + "kind: *j\n"

CASES = {
    "alias bomb": (BILLION_LAUGHS, ":1:4:", "anchors and aliases"),
    "deep flow nesting": ("kind: x\ncontext: " + "[" * 10_000 + "]" * 10_000 + "\n", ":2:", "nested deeper than 40"),
    "deep block nesting": ("a:\n" + "".join(" " * i + "b:\n" for i in range(1, 10_000)), ":", "nested deeper"),
    "deep list nesting": ("- " * 10_000 + "x\n", ":1:", "nested deeper"),
    "python object tag": ("kind: !!python/object/apply:os.system ['echo hi']\n", ":1:7:", "unsupported tag"),
    "python name tag": ("kind: !!python/name:os.system\n", ":1:7:", "unsupported tag"),
    "impossible date": ("kind: x\ncontext:\n  notice_date: 2026-13-45\n", ":3:16: context.notice_date:",
                        "expected a date like 2026-03-12 (got '2026-13-45')"),
    "impossible day": ("kind: x\ncontext:\n  notice_date: 2026-02-30\n", ":3:16: context.notice_date:",
                       "expected a date"),
    "huge number": ("kind: x\ncontext:\n  affected_orders: " + "9" * 5000 + "\n", ":3:20:", "too large"),
    "huge binary number": ("kind: x\ncontext:\n  affected_orders: 0b" + "1" * 20_000 + "\n", ":3:20:", "too large"),
    "huge sexagesimal float": ("kind: x\ncontext:\n  metric_value: " + "1:" * 3000 + "1.5\n", ":3:17:",
                               "expected a number"),
    "bad bool tag": ("kind: !!bool maybe\n", ":1:7:", "'maybe' is not true or false"),
    "bad float tag": ("kind: !!float x\n", ":1:7:", "is not a number"),
    "bad timestamp tag": ("kind: !!timestamp x\n", ":1:7:", "is not a date"),
    "C1 control character": ("kind: x\nroot_cause:\n  - what: a\u0080b\n", ":3:12:", "control character U+0080"),
    "NUL byte": ("kind: x\nroot_cause:\n  - what: a\x00b\n", ":3:12:", "control character U+0000"),
    "lone surrogate escape": ('kind: x\nroot_cause:\n  - what: "a\\ud800b"\n', ":3:11:", "half a character"),
    "escape character": ("kind: x\x1b[2J\n", ":1:8:", "control character U+001B"),
    "tab indentation": ("kind: x\ncontext:\n\tseller: a\n", ":3:1:", "invalid YAML"),
    "two documents": ("kind: x\n---\nkind: y\n", ":2:1:", "invalid YAML"),
    "complex key": ("kind: x\n? [a]\n: 1\n", ":2:3:", "keys must be plain names"),
    "merge of a scalar": ("kind: x\n<<: [1]\n", ":2:1:", "merge keys (<<) are not allowed"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_answers_text_gives_one_located_line(name):
    text, where, words = CASES[name]
    with hang_guard(20), pytest.raises(InputError) as caught:
        parse_answers(text, Path("hostile.yaml"))
    lines = [str(p) for p in caught.value.problems]
    assert lines and all("\n" not in line for line in lines), lines
    assert any(line.startswith("hostile.yaml" + where) and words in line for line in lines), lines


def test_right_to_left_and_unusual_text_loads_as_typed():
    text = "kind: valid_tracking_rate\nroot_cause:\n  - what: \"\u202eאחריות \u200f\u061c ok\\ttab\"\n"
    loaded = parse_answers(text, Path("rtl.yaml"))
    assert loaded.answers.root_cause[0].what == "\u202eאחריות \u200f\u061c ok\ttab"
