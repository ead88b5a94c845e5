"""Refuse, when a rubric is loaded, the regular expressions that can take forever on some texts.

Python's `re` backtracks: a pattern that can match the same text in many
ways takes exponential time on a text that almost matches. A rubric may
come from a user, and the drafting screen checks on every pause in typing,
so such a pattern must be refused up front, with its file, line and rule.

The check reads the pattern as `re` itself parses it (so `(\\w|\\d)+`, which
`re` turns into one character set, is not refused) and refuses:

- a repeat whose body can match one text in two ways: a repeat inside it
  whose characters can also come right after it, within the body or at the
  start of the next round (`(a+)+`, `(.*)*`, `(\\w+\\s?)+`, `(a*a)+`,
  `(\\s*,\\s*)+`), or two alternatives that can match the same text
  (`(a|a)*`, `(\\w+|\\d+)*`);
- two unbounded repeats over common characters with only optional parts
  between them, at a point a match can start from (`\\w+\\s*\\w+`, `.*.*`):
  the time then grows with a power of the length of the text.

Possessive repeats (`a++`) and atomic groups (`(?>...)`) never backtrack and
are accepted. The characters a part can match are tested on a sample
alphabet (ASCII and a few letters, digits and spaces from other scripts),
case-insensitively, which errs on the side of refusing. A pattern that
passes can still cost time proportional to the length of the text times
the length of a match; the engine bounds the text it runs on (see
poa/rubric/bounded.py).
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from re import _constants as C  # noqa: N812 - the names re's own parser uses
from re import _parser

_ALPHABET = "".join(sorted(set(string.printable) - {"\x0b", "\x0c"}
                           | set("éßЖж中٣\u00a0\u2009—’İıſK_")))
_CATEGORY = {
    C.CATEGORY_DIGIT: re.compile(r"\d"), C.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    C.CATEGORY_SPACE: re.compile(r"\s"), C.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    C.CATEGORY_WORD: re.compile(r"\w"), C.CATEGORY_NOT_WORD: re.compile(r"\W"),
}
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)

Items = list  # a parsed sequence: [(op, argument), ...]


def problem(pattern: str) -> str | None:
    """Why `pattern` can take forever, in words for the rubric's author, or None when it cannot."""
    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return None  # reported by the caller, who compiles it
    found: list[str] = []
    _visit(list(parsed.data), guarded=False, found=found)
    return found[0] if found else None


# --- what a part can match ------------------------------------------------------------


def _one_char(op, av, char: str) -> bool:  # noqa: ANN001
    if op is C.LITERAL:
        return ord(char) == av
    if op is C.NOT_LITERAL:
        return ord(char) != av
    if op is C.ANY:
        return char != "\n"
    if op is C.RANGE:
        return av[0] <= ord(char) <= av[1]
    if op is C.CATEGORY:
        regex = _CATEGORY.get(av)
        return True if regex is None else bool(regex.match(char))
    if op is C.IN:
        negate = bool(av) and av[0][0] is C.NEGATE
        hit = any(_one_char(o, a, char) for o, a in av if o is not C.NEGATE)
        return hit != negate
    return False


@lru_cache(maxsize=4096)
def _atom_chars(op, av) -> frozenset[str]:  # noqa: ANN001
    """Characters of the sample alphabet an atom matches, ignoring case."""
    return frozenset(c for c in _ALPHABET
                     if any(_one_char(op, av, v) for v in {c, c.lower(), c.upper()} if len(v) == 1))


def _atom(op, av) -> frozenset[str]:  # noqa: ANN001
    return _atom_chars(op, _freeze(av))


def _freeze(value):  # noqa: ANN001, ANN202
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _is_atom(op) -> bool:  # noqa: ANN001
    return op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN)


def _subitems(op, av) -> list[Items]:  # noqa: ANN001
    """The sequences directly inside a group-like part (what it matches with)."""
    if op is C.SUBPATTERN:
        return [list(av[3])]
    if op is C.ATOMIC_GROUP:
        return [list(av)]
    if op is C.BRANCH:
        return [list(alt) for alt in av[1]]
    if op is C.GROUPREF_EXISTS:
        return [list(av[1])] + ([list(av[2])] if av[2] is not None else [[]])
    return []


def _nullable(items: Items) -> bool:
    return all(_nullable_part(op, av) for op, av in items)


def _nullable_part(op, av) -> bool:  # noqa: ANN001
    if _is_atom(op):
        return False
    if op in _ZERO_WIDTH or op is C.GROUPREF:
        return True
    if op in _REPEATS or op is C.POSSESSIVE_REPEAT:
        return av[0] == 0 or _nullable(list(av[2]))
    if op is C.BRANCH or op is C.GROUPREF_EXISTS:
        return any(_nullable(s) for s in _subitems(op, av))
    return all(_nullable(s) for s in _subitems(op, av))


def _first(items: Items) -> frozenset[str]:
    """Characters a non-empty match of `items` can start with."""
    out: frozenset[str] = frozenset()
    for op, av in items:
        out |= _first_part(op, av)
        if not _nullable_part(op, av):
            break
    return out


def _first_part(op, av) -> frozenset[str]:  # noqa: ANN001
    if _is_atom(op):
        return _atom(op, av)
    if op in _ZERO_WIDTH:
        return frozenset()
    if op is C.GROUPREF:
        return frozenset(_ALPHABET)
    if op in _REPEATS or op is C.POSSESSIVE_REPEAT:
        return _first(list(av[2])) if av[1] > 0 else frozenset()
    out: frozenset[str] = frozenset()
    for sub in _subitems(op, av):
        out |= _first(sub)
    return out


def _last(items: Items) -> frozenset[str]:
    """Characters a non-empty match of `items` can end with."""
    out: frozenset[str] = frozenset()
    for op, av in reversed(items):
        if _is_atom(op):
            out |= _atom(op, av)
        elif op in _REPEATS or op is C.POSSESSIVE_REPEAT:
            out |= _last(list(av[2])) if av[1] > 0 else frozenset()
        elif op is C.GROUPREF:
            out |= frozenset(_ALPHABET)
        elif op not in _ZERO_WIDTH:
            for sub in _subitems(op, av):
                out |= _last(sub)
        if not _nullable_part(op, av):
            break
    return out


def _shiftable(op, av) -> frozenset[str]:  # noqa: ANN001
    """Characters a repeat's match could hand over to what follows it.

    A repeat of many rounds can give up any character it took; an optional
    part (at most one round) can only end earlier, at one of its last characters.
    """
    body = list(av[2])
    return _last(body) if av[1] == 1 else _chars(body)


def _chars(items: Items) -> frozenset[str]:
    """Every character `items` can consume, anywhere in a match."""
    out: frozenset[str] = frozenset()
    for op, av in items:
        if _is_atom(op):
            out |= _atom(op, av)
        elif op in _REPEATS or op is C.POSSESSIVE_REPEAT:
            out |= _chars(list(av[2]))
        elif op is C.GROUPREF:
            out |= frozenset(_ALPHABET)
        elif op not in _ZERO_WIDTH:
            for sub in _subitems(op, av):
                out |= _chars(sub)
    return out


def _literal_prefix(items: Items) -> str:
    prefix = []
    for op, av in items:
        if op is not C.LITERAL:
            break
        prefix.append(chr(av).lower())
    return "".join(prefix)


def _can_match_alike(a: Items, b: Items) -> bool:
    """Can two alternatives match the same text? (yes when unsure)"""
    if _nullable(a) and _nullable(b):
        return True
    pa, pb = _literal_prefix(a), _literal_prefix(b)
    if any(x != y for x, y in zip(pa, pb)):
        return False
    return bool(_first(a) & _first(b))


def _variable(op, av) -> bool:  # noqa: ANN001
    return op in _REPEATS and av[0] != av[1]


def _unbounded(op, av) -> bool:  # noqa: ANN001
    return op in _REPEATS and av[1] == C.MAXREPEAT


# --- the two refusals ---------------------------------------------------------------------


def _visit(items: Items, guarded: bool, found: list[str]) -> None:
    """Check every repeat and every sequence, outermost first."""
    for index, (op, av) in enumerate(items):
        here_guarded = guarded or not _nullable(items[:index])
        if op in _REPEATS and av[1] >= 2:
            body = list(av[2])
            why = _ambiguous_body(body)
            if why:
                found.append(why)
                return
        if _unbounded(op, av) and not here_guarded:
            why = _overlapping_neighbour(items, index)
            if why:
                found.append(why)
                return
        if op in _REPEATS or op is C.POSSESSIVE_REPEAT:
            if op is C.POSSESSIVE_REPEAT:
                continue
            _visit(list(av[2]), here_guarded, found)
        elif op is C.ATOMIC_GROUP:
            continue
        elif op in (C.ASSERT, C.ASSERT_NOT):
            _visit(list(av[1]), False, found)
        else:
            for sub in _subitems(op, av):
                _visit(sub, here_guarded, found)
        if found:
            return


def _ambiguous_body(body: Items) -> str | None:
    """Can one round of this repeat's body match the same text in two ways (exponential time)?"""
    for (op, av), follow in _parts_with_follow(body, _first(body)):
        if _variable(op, av) and _shiftable(op, av) & follow:
            return ("it repeats a group holding a repeat whose characters can also come right after "
                    "it, like (a+)+, (\\w+\\s?)+ or (a*a)+, which can take forever on some texts; "
                    "repeat the inner part only once, or end it with something it cannot match")
        if op is C.BRANCH:
            alternatives = [list(alt) for alt in av[1]]
            for i, first in enumerate(alternatives):
                for second in alternatives[i + 1:]:
                    if _can_match_alike(first, second):
                        return ("it repeats a choice whose alternatives can match the same text, like "
                                "(a|a)* or (\\w+|\\d+)*, which can take forever on some texts; make "
                                "the alternatives exclusive, or merge them into one character class")
    return None


def _parts_with_follow(items: Items, follow_after: frozenset[str]):  # noqa: ANN202
    """Every part inside `items` (not inside possessive or atomic parts), with the characters
    that can come right after it (`follow_after` is what can follow `items`)."""
    for index, (op, av) in enumerate(items):
        rest = items[index + 1:]
        follow = _first(rest) | (follow_after if _nullable(rest) else frozenset())
        yield (op, av), follow
        if op in _REPEATS:
            body = list(av[2])
            again = _first(body) if av[1] >= 2 else frozenset()
            yield from _parts_with_follow(body, follow | again)
        elif op in (C.SUBPATTERN, C.BRANCH, C.GROUPREF_EXISTS):
            for sub in _subitems(op, av):
                yield from _parts_with_follow(sub, follow)


def _overlapping_neighbour(items: Items, index: int) -> str | None:
    """An unbounded repeat followed, past optional parts only, by another over common characters."""
    mine = _chars(list(items[index][1][2]))
    for op, av in items[index + 1:]:
        for other in _leading_repeats(op, av):
            if _chars(list(other[1][2])) & mine:
                return ("it has two unbounded repeats over the same characters with only optional "
                        "parts between them, like \\w+\\s*\\w+ or .*.*, whose time grows with a power "
                        "of the text's length; start the pattern with a fixed word, or bound a repeat "
                        "like {0,40}")
        if not _nullable_part(op, av):
            return None
    return None


def _leading_repeats(op, av) -> list[tuple]:  # noqa: ANN001
    """Unbounded repeats a part can start with."""
    if _unbounded(op, av):
        return [(op, av)]
    out: list[tuple] = []
    if op in (C.SUBPATTERN, C.BRANCH):
        for sub in _subitems(op, av):
            for sub_op, sub_av in sub:
                out.extend(_leading_repeats(sub_op, sub_av))
                if not _nullable_part(sub_op, sub_av):
                    break
    return out
