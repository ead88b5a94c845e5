"""Rubric patterns run on RE2, an engine whose time is linear in the text, whatever the pattern.

A rubric may come from a user (`--rubrics DIR`), and Python's `re`
backtracks: `\\bspam.*.*.*filter` took almost two minutes on a 1 KB letter.
RE2 (the `google-re2` package) never backtracks, so no pattern can make a
check slow, and it compiles a pattern in microseconds, so nothing compiled
needs to be kept between runs. Its syntax is Python's without lookaround and
back-references (an `unless` pattern, which excuses a whole sentence, does
what a lookahead did). `\\b`, `\\w`, `\\d` and `\\s` are ASCII; `\\pL` is a
letter of any script. `\\Z` is written `\\z`.
"""

from __future__ import annotations

import re2

IGNORECASE = 2
"""The flag values are those of Python's re (re.IGNORECASE, re.MULTILINE), as rubric caches keep them."""
MULTILINE = 8


class PatternError(ValueError):
    """A pattern RE2 cannot compile, with RE2's reason."""


def _options(ignorecase: bool) -> re2.Options:
    options = re2.Options()
    options.case_sensitive = not ignorecase
    options.log_errors = False  # RE2 would print the reason on stderr as well
    return options


_OPTIONS = {False: _options(False), True: _options(True)}


def compile_pattern(pattern: str, flags: int = 0):  # noqa: ANN201 - a re2 pattern
    """The pattern compiled by RE2; raises PatternError with RE2's reason."""
    if flags & MULTILINE:
        pattern = "(?m)" + pattern
    try:
        return re2.compile(pattern, _OPTIONS[bool(flags & IGNORECASE)])
    except re2.error as err:
        reason = err.args[0] if err.args else "invalid pattern"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(str(reason)) from None
