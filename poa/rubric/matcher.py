"""Run a rule's patterns only where they can match.

A rule's patterns are one alternation (one pass over the text, however many
patterns it lists). Python's `re` still pays for every position of the text
and every alternative, so a rule with a dozen patterns costs a dozen tries
per character even on a paragraph that cannot match. Most patterns contain
a word that every match must contain ("spam" in `\\bspam (?:folder|filter)`).
A Matcher knows these words, looks for them first (a plain substring search,
which is fast), and runs the alternation of only the patterns whose words are
in the text. Leaving out a pattern that cannot match anywhere in the text
changes no match: the results are exactly those of the whole alternation.

The search also looks only where a match can be: each pattern knows how far
before its word a match can begin (its lead) and how far past its start the
engine can read while matching (its reach: the longest match plus what
lookaheads, `\\b` and `$` read after it). So every match starts in a window
just before one of its words, and a search of that window with `endpos` set
that reach past it finds exactly what a search of the whole text finds there
(RE2 reads no further; before `pos` it still sees the text, for `\\b`). Each search call costs a few microseconds in the re2 wrapper
(ASCII text is searched as bytes, which saves most of it: AsciiMatch), so most rules never search at all, and a text with
a rule's word once is searched over a few dozen characters. When a window cannot be bounded (an
unbounded repeat, a pattern with no word, a match that may be empty), the
search runs from the first word's place minus the lead, or from the start:
trying each start of such a window on its own costs a call per start, more
than one search of a piece (at most 1,000 characters, bounded.py).
The plan for a text (which patterns, which windows) is kept, so answers not
edited since the last check are not planned again.

The words are found once, when the rubric is loaded (and kept in the rubric
cache), by poa's own reading of the pattern (pattern_shape.py); a pattern it
cannot reason about is simply always run. Patterns run on RE2 (patterns.py).
"""

from __future__ import annotations

import re

from poa.rubric import pattern_shape
from poa.rubric.patterns import IGNORECASE, MULTILINE, compile_pattern

# Characters outside ASCII that RE2's case folding matches to an ASCII letter although
# str.lower() does not turn them into it (checked by tests/test_matcher.py).
_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_NEEDS_FOLD = re.compile("[\u0130\u0131\u017f]")

_LOWERED: dict[str, str] = {}


def lowered(text: str) -> str:
    """The text as the needles of a case-insensitive pattern are looked for in it."""
    low = _LOWERED.get(text)
    if low is None:
        low = text.lower()
        if _NEEDS_FOLD.search(text):
            low = text.translate(_FOLDS).lower() + "\n" + low
        if len(_LOWERED) > 4096:
            _LOWERED.clear()
        _LOWERED[text] = low
    return low


MEMO = 4096
"""Texts whose plan each Matcher remembers (a 50,000-word draft has some 900 answers; a plan
is searched in windows from its second use, so a memo that overflows would lose them)."""


class Matcher:
    """The alternation of some patterns, with `finditer` and `search` like a compiled pattern."""

    __slots__ = ("patterns", "flags", "needles", "anchored", "leads", "reaches", "_ignorecase",
                 "_words", "_always", "_full", "_parts", "_subsets", "_seen")

    def __init__(self, patterns: list[str] | tuple[str, ...], flags: int,
                 needles: list | None = None, anchored: list | None = None,
                 leads: list | None = None, reaches: list | None = None):
        self.patterns = tuple(patterns)
        self.flags = int(flags)
        if needles is None or anchored is None or leads is None:
            found = [analyse(p, flags) for p in self.patterns]
            needles = [n for n, _, _ in found]
            anchored = [a for _, a, _ in found]
            leads = [lead for _, _, lead in found]
        if reaches is None:
            reaches = [reach(p, flags) for p in self.patterns]
        self.needles = tuple(None if n is None else tuple(n) for n in needles)
        """Per pattern: words one of which every match contains (lowercase when ignoring case), or None."""
        self.anchored = tuple(bool(a) for a in anchored)
        """Per pattern: it can match only at the start of the text (it starts with ^ or \\A)."""
        self.leads = tuple(None if lead is None else int(lead) for lead in leads)
        """Per pattern: how far before its word a match can start at most (None: no limit known)."""
        self.reaches = tuple(None if r is None else int(r) for r in reaches)
        """Per pattern: how far past a match's start matching it can read (None: no limit known)."""
        self._ignorecase = bool(self.flags & IGNORECASE)
        words: dict[str, list[int]] = {}
        for index, needed in enumerate(self.needles):
            for word in needed or ():
                words.setdefault(word, []).append(index)
        self._words = tuple((word, tuple(indexes)) for word, indexes in words.items())
        """Each word any pattern needs, with the patterns that need it."""
        self._always = tuple(i for i, needed in enumerate(self.needles) if needed is None)
        """The patterns run whatever the text (no word known that every match contains)."""
        self._full = None  # the compiled alternations (re2 patterns)
        self._parts: dict[int, object] = {}
        self._subsets: dict[tuple[int, ...], object] = {}
        self._seen: dict[str, Plan] = {}

    @property
    def regex(self):  # noqa: ANN201 - a re2 pattern
        """The whole alternation."""
        if self._full is None:
            self._full = compile_pattern(_join(self.patterns), self.flags)
        return self._full

    def compile(self) -> "Matcher":
        """Compile the whole alternation now (raises PatternError for a bad pattern)."""
        self.regex  # noqa: B018 - compiled for its error
        return self

    def plan(self, text: str) -> Plan:
        """The alternation of the patterns that can match in `text` (None: none can), where to
        start, and the windows to search (None: from that start to the end).

        No match of the whole alternation starts outside the windows, or before the start,
        so searching there finds the same matches. Plans are remembered per text: while a
        seller types, the answers not being edited are planned only once. The windows are
        made when a text is searched a second time: the first search of a text (a draft
        never seen, the answer being typed) is cheaper from the start than finding every
        place of every word first.
        """
        seen = self._seen.get(text)
        if seen is None:
            seen = self._make_plan(text)
            if len(self._seen) >= MEMO:
                self._seen.clear()
            self._seen[text] = seen
            return seen[0], seen[1], None
        if type(seen[2]) is _Later:
            seen = self._seen[text] = seen[0], seen[1], self._windows(*seen[2].parts)
        return seen

    def _make_plan(self, text: str) -> Plan:
        hay = lowered(text) if self._ignorecase else text
        found = [(word, indexes) for word, indexes in self._words if word in hay]
        if not found and not self._always:
            return _NOTHING  # the usual case: no word any pattern needs is in the text
        exact = len(hay) == len(text)  # positions in `hay` are positions in `text`
        first: dict[int, int] = {}  # pattern -> first place one of its words is at
        for word, indexes in found:
            at = hay.find(word)
            for index in indexes:
                if first.get(index, at) >= at:
                    first[index] = at
        keep = []
        start = 0 if self._always else len(text)
        for index in sorted((*first, *self._always)):
            if index in first:
                if self.anchored[index]:
                    if self._part(index).match(text) is None:
                        continue
                    start = 0
                elif self.leads[index] is None or not exact:
                    start = 0
                elif start:
                    start = min(start, max(0, first[index] - self.leads[index]))
            keep.append(index)
        if not keep:
            return _NOTHING
        windows = _Later(hay, found, keep) if exact and not self._always else None
        if len(keep) == len(self.patterns):
            return self._full or self.regex, start, windows
        key = tuple(keep)
        regex = self._subsets.get(key)
        if regex is None:
            regex = self._subsets[key] = compile_pattern(_join([self.patterns[i] for i in keep]),
                                                         self.flags)
        return regex, start, windows

    def _windows(self, hay: str, found: list, keep: list[int]) -> tuple | None:
        """(first start, last start, end to read to) of each stretch where a match can start:
        up to its lead before a place one of its pattern's words is at. None when some kept
        pattern has no bound (no lead, or no longest match), or the words are so frequent
        that one search is cheaper."""
        kept = set(keep)
        if any(self.anchored[i] or self.leads[i] is None or self.reaches[i] in (None, UNBOUNDED)
               for i in kept):
            return None
        far = max(self.reaches[i] for i in kept)  # every kept pattern is tried at each start
        spans = []
        for word, indexes in found:
            lead = max((self.leads[i] for i in indexes if i in kept), default=None)
            if lead is None:
                continue
            at = hay.find(word)
            while at != -1:
                spans.append((max(0, at - lead), at))
                if len(spans) > _MAX_WINDOWS:
                    return None
                at = hay.find(word, at + 1)
        spans.sort()
        windows = []
        low, high = spans[0]
        for a, b in spans[1:]:
            if a > high + 1:
                windows.append((low, high, high + far))
                low = a
            high = max(high, b)
        windows.append((low, high, high + far))
        return tuple(windows)

    def _part(self, index: int):  # noqa: ANN202 - a re2 pattern
        regex = self._parts.get(index)
        if regex is None:
            regex = self._parts[index] = compile_pattern(self.patterns[index], self.flags)
        return regex

    def finditer(self, text: str):  # noqa: ANN201 - an iterator of matches
        regex, start, windows = self.plan(text)
        if regex is None:
            return iter(())
        if not text.isascii():
            return regex.finditer(text, start) if windows is None else _in_windows(regex, text, windows)
        data = text.encode("ascii")
        found = regex.finditer(data, start) if windows is None else _in_windows(regex, data, windows)
        return (AsciiMatch(match, text) for match in found)

    def search(self, text: str):  # noqa: ANN201 - a match or None
        return next(self.finditer(text), None)


Plan = tuple  # (the alternation to run or None, where to start, the windows or None)


class AsciiMatch:
    """A match in an ASCII text, found in the text's bytes: the part of a match the rule kinds read.

    For a str the re2 wrapper encodes the text and converts every offset back at each call,
    about two thirds of a short search's cost. In ASCII text bytes and characters have the
    same offsets (and RE2 reads the same bytes), so the Matcher searches the bytes and this
    reads the groups from the text.
    """

    __slots__ = ("_match", "_text")

    def __init__(self, match, text: str) -> None:  # noqa: ANN001 - a re2 match on bytes
        self._match, self._text = match, text

    @property
    def re(self):  # noqa: ANN201 - the re2 pattern
        return self._match.re

    def span(self, group: int = 0) -> tuple[int, int]:
        return self._match.span(group)

    def start(self, group: int = 0) -> int:
        return self._match.start(group)

    def end(self, group: int = 0) -> int:
        return self._match.end(group)

    def group(self, group: int = 0) -> str | None:
        start, end = self._match.span(group)
        return None if start == -1 else self._text[start:end]

    def groupdict(self) -> dict[str, str | None]:
        return {name: self.group(index) for name, index in self._match.re.groupindex.items()}


class _Later:
    """What a text's windows are made from, once it is searched a second time."""

    __slots__ = ("parts",)

    def __init__(self, *parts: object) -> None:
        self.parts = parts


_NOTHING: Plan = (None, 0, None)
_MAX_WINDOWS = 64
"""More places than this where a match can start: one search from the first is cheaper."""
UNBOUNDED = -1
r"""The reach of a pattern with no longest match (`\d+`): no `endpos` is safe, so it is not
searched in windows."""


def _in_windows(regex, text: str, windows: tuple):  # noqa: ANN001, ANN202
    """What `regex.finditer(text)` yields, searching only the windows.

    In a window (a, b, end), a search with `endpos=end` decides every start up to b as a
    search of the whole text does (matching from b reads no further than `end`); a match it
    finds starting after b is not trusted, and the next window is searched instead.
    Matches are never empty (windows are used only for patterns whose matches cannot be).
    """
    pos = 0
    for low, high, end in windows:
        at = max(low, pos)
        while at <= high:
            match = regex.search(text, at, end)
            if match is None:
                break
            found, after = match.span()  # one call into the re2 wrapper, not two
            if found > high:
                break
            yield match
            at = pos = after


def _join(patterns: list[str] | tuple[str, ...]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


# --- what every match of a pattern must contain -------------------------------------------


def analyse(pattern: str, flags: int) -> tuple[list[str] | None, bool, int | None]:
    """(words one of which every match contains, or None; whether it matches only at the start;
    how far before the first of those words a match can start, or None)."""
    try:
        tree = pattern_shape.parse(pattern)
    except (pattern_shape.Unknown, RecursionError):
        return None, False, None  # not understood: the pattern is simply always run
    first = tree[1][0] if len(tree[1]) == 1 and tree[1][0] else None
    anchored = bool(first) and (first[0] == ("at", "A")
                                or (first[0] == ("at", "^") and not flags & MULTILINE))
    found = pattern_shape.need(tree, bool(flags & IGNORECASE))
    if not found:
        return None, anchored, None
    return sorted(found[0]), anchored, found[1]


def reach(pattern: str, flags: int) -> int | None:
    """How far past the start of a match matching can read: the longest match plus 2 (`\\b`
    reads the next character, `$` under MULTILINE the one after). UNBOUNDED when there is no
    longest match; None when a match can be empty or the pattern is not understood (it is then
    never searched in windows)."""
    del flags  # the widths do not depend on case or lines
    try:
        shortest, longest = pattern_shape.width(pattern_shape.parse(pattern))
    except (pattern_shape.Unknown, RecursionError):
        return None
    if shortest == 0:
        return None
    if longest is None:
        return UNBOUNDED
    return longest + 2
