"""What is still worth refusing in a rubric pattern, now that RE2 runs them in linear time.

Rubric patterns run on RE2 (poa/rubric/patterns.py), which never backtracks:
no pattern, whatever its shape, can make a check slow, so no heuristic about
nested repeats is needed. What remains is a pattern that can match the empty
string (`x*`, `(?:a|)`, `\\b`): it finds nothing to show the seller, and as
a required pattern it is met by any text, so the rule never fires. It is
refused with the rubric's FILE:LINE:COL.
"""

from __future__ import annotations

from poa.rubric import pattern_shape
from poa.rubric.patterns import compile_pattern

_PROBES = ("", " ", "a", "a a", "A.\n", "1")


def problem(pattern: str) -> str | None:
    """Why `pattern` is refused, in words for the rubric's author, or None when it is fine.

    The pattern has been compiled by RE2 already (an invalid one is reported by the caller).
    """
    try:
        shortest = pattern_shape.width(pattern_shape.parse(pattern))[0]
        empty = shortest == 0
    except (pattern_shape.Unknown, RecursionError):  # not read by poa: try it on a few texts
        regex = compile_pattern(pattern)
        empty = any(match.start() == match.end()
                    for probe in _PROBES for match in regex.finditer(probe))
    if empty:
        return ("it can match the empty string, so it finds nothing to show and is met by any "
                "text; make at least one character required")
    return None
