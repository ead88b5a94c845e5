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
(`re` reads no further; before `pos` it still sees the text, for `\\b` and
lookbehinds). A case-insensitive alternation costs 70 to 80 ns per character
it passes, so a 6,000-character answer with the word once is searched over
some 60 characters instead of all of it. When a window cannot be bounded (an
unbounded repeat, a pattern with no word, a match that may be empty), the
search runs from the first word's place minus the lead, or from the start.
The plan for a text (which patterns, which windows) is kept, so answers not
edited since the last check are not planned again.

The words are found once, when the rubric is loaded (and kept in the rubric
cache); finding them uses the regular-expression parser of the standard
library, and a pattern it cannot reason about is simply always run.
"""

from __future__ import annotations

import re

from poa.files.cache import compile_regex

# Characters outside ASCII that `re.IGNORECASE` matches to an ASCII letter although
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
        self._ignorecase = bool(self.flags & re.IGNORECASE)
        words: dict[str, list[int]] = {}
        for index, needed in enumerate(self.needles):
            for word in needed or ():
                words.setdefault(word, []).append(index)
        self._words = tuple((word, tuple(indexes)) for word, indexes in words.items())
        """Each word any pattern needs, with the patterns that need it."""
        self._always = tuple(i for i, needed in enumerate(self.needles) if needed is None)
        """The patterns run whatever the text (no word known that every match contains)."""
        self._full: re.Pattern[str] | None = None
        self._parts: dict[int, re.Pattern[str]] = {}
        self._subsets: dict[tuple[int, ...], re.Pattern[str] | None] = {}
        self._seen: dict[str, Plan] = {}

    @property
    def regex(self) -> re.Pattern[str]:
        """The whole alternation."""
        if self._full is None:
            self._full = compile_regex(_join(self.patterns), self.flags)
        return self._full

    def compile(self) -> "Matcher":
        """Compile the whole alternation now (raises re.error for a bad pattern).

        This is the check made when a rubric is validated; plain re.compile, so the
        regex cache keeps only what checking drafts uses.
        """
        if self._full is None:
            self._full = re.compile(_join(self.patterns), self.flags)
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
            regex = self._subsets[key] = compile_regex(_join([self.patterns[i] for i in keep]),
                                                       self.flags)
        return regex, start, windows

    def _windows(self, hay: str, found: list, keep: list[int]) -> tuple | None:
        """(first start, last start, end to read to) of each stretch where a match can start:
        up to its lead before a place one of its pattern's words is at. None when some kept
        pattern has no bound, or the words are so frequent that one search is cheaper."""
        kept = set(keep)
        if any(self.anchored[i] or self.leads[i] is None or self.reaches[i] is None for i in kept):
            return None
        reaches = [self.reaches[i] for i in kept]  # every kept pattern is tried at each start
        far = None if UNBOUNDED in reaches else max(reaches)
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
                windows.append((low, high, -1 if far is None else high + far))
                low = a
            high = max(high, b)
        windows.append((low, high, -1 if far is None else high + far))
        if far is None and sum(high - low + 1 for low, high, _ in windows) > _MAX_STARTS:
            return None
        return tuple(windows)

    def _part(self, index: int) -> re.Pattern[str]:
        regex = self._parts.get(index)
        if regex is None:
            regex = self._parts[index] = compile_regex(self.patterns[index], self.flags)
        return regex

    def finditer(self, text: str):  # noqa: ANN201 - an iterator of re.Match
        regex, start, windows = self.plan(text)
        if regex is None:
            return iter(())
        if windows is None:
            return regex.finditer(text, start)
        return _in_windows(regex, text, windows)

    def search(self, text: str) -> re.Match[str] | None:
        regex, start, windows = self.plan(text)
        if regex is None:
            return None
        if windows is None:
            return regex.search(text, start)
        return next(_in_windows(regex, text, windows), None)


Plan = tuple  # (the alternation to run or None, where to start, the windows or None)


class _Later:
    """What a text's windows are made from, once it is searched a second time."""

    __slots__ = ("parts",)

    def __init__(self, *parts: object) -> None:
        self.parts = parts


_NOTHING: Plan = (None, 0, None)
_MAX_WINDOWS = 64
"""More places than this where a match can start: one search from the first is cheaper."""
_MAX_STARTS = 64
"""More starts than this to try one by one (a pattern with no longest match): one search instead."""
_NARROW = 8
"""Windows of fewer starts than this have each start tried on its own (see _in_windows)."""
UNBOUNDED = -1
r"""The reach of a pattern with no longest match (`\d+`): its starts are tried one by one."""


def _in_windows(regex: re.Pattern[str], text: str, windows: tuple):  # noqa: ANN202
    """What `regex.finditer(text)` yields, searching only the windows.

    In a window (a, b, end), a search with `endpos=end` decides every start up to b as a
    search of the whole text does (matching from b reads no further than `end`); a match it
    finds starting after b is not trusted, and the next window is searched instead. With
    `end` -1 (a pattern with no longest match, so no `endpos` is safe), a narrow window has
    each of its starts tried with `match` (what a search does at each place), and a wide one
    is searched to the end of the text: the match found is then the next one wherever it is.
    Matches are never empty (windows are used only for patterns whose matches cannot be).
    """
    pos = 0
    for low, high, end in windows:
        at = max(low, pos)
        while at <= high:
            if end >= 0:
                match = regex.search(text, at, end)
                if match is None or match.start() > high:
                    break
            elif high - at < _NARROW:
                match = regex.match(text, at)
                if match is None:
                    at += 1
                    continue
            else:
                match = regex.search(text, at)
                if match is None:
                    return
            yield match
            at = pos = match.end()


def _join(patterns: list[str] | tuple[str, ...]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


# --- what every match of a pattern must contain -------------------------------------------

_FAR = 10_000
"""A lead longer than this counts as no limit."""


def analyse(pattern: str, flags: int) -> tuple[list[str] | None, bool, int | None]:
    """(words one of which every match contains, or None; whether it matches only at the start;
    how far before the first of those words a match can start, or None)."""
    try:
        from re import _constants as c, _parser  # the standard library's own parser

        parsed = _parser.parse(pattern, flags)
        all_flags = parsed.state.flags
        if _unsafe(parsed.data, c):
            return None, False, None  # back-references and scoped flags: do not reason, run it
        ignorecase = bool(all_flags & re.IGNORECASE)
        found = _need(parsed.data, ignorecase, c, parsed.state, _parser)
        anchored = (bool(parsed.data) and parsed.data[0][0] is c.AT
                    and (parsed.data[0][1] is c.AT_BEGINNING_STRING
                         or (parsed.data[0][1] is c.AT_BEGINNING and not all_flags & re.MULTILINE)))
        if not found:
            return None, anchored, None
        return sorted(found[0]), anchored, found[1]
    except Exception:  # noqa: BLE001 - any surprise: the pattern is simply always run
        return None, False, None


def reach(pattern: str, flags: int) -> int | None:
    """How far past the start of a match matching can read: the longest match, plus what a
    lookahead reads past it, plus 2 (`\\b` reads the next character, `$` the one after a final
    newline). UNBOUNDED when there is no longest match; None when a match can be empty or the
    pattern is not understood (it is then never searched in windows)."""
    try:
        from re import _constants as c, _parser

        parsed = _parser.parse(pattern, flags)
        shortest, longest = parsed.getwidth()
        if shortest == 0 or _unsafe(parsed.data, c):
            return None
        ahead = _ahead(parsed.data, c)
        if longest >= c.MAXREPEAT or ahead is None or longest + ahead >= _FAR:
            return UNBOUNDED
        return longest + ahead + 2
    except Exception:  # noqa: BLE001 - any surprise: no windows for this pattern
        return None


def _ahead(data: list, c) -> int | None:  # noqa: ANN001
    """How far past its own place the longest lookahead in this sequence reads (None: no limit)."""
    most = 0
    for op, av in data:
        inner = []
        if op in (c.ASSERT, c.ASSERT_NOT):
            width = av[1].getwidth()[1] if av[0] == 1 else 0  # a lookbehind reads what is before
            if width >= c.MAXREPEAT:
                return None
            deeper = _ahead(av[1].data, c)
            if deeper is None:
                return None
            most = max(most, width + deeper)
            continue
        if op is c.SUBPATTERN:
            inner = [av[3]]
        elif op is c.BRANCH:
            inner = list(av[1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            inner = [av[2]]
        elif op is getattr(c, "ATOMIC_GROUP", None):
            inner = [av]
        for sub in inner:
            found = _ahead(sub.data, c)
            if found is None:
                return None
            most = max(most, found)
    return most


def _unsafe(data: list, c) -> bool:  # noqa: ANN001
    """Back-references and scoped flags: leaving out other patterns could change what they do."""
    for op, av in data:
        if op in (c.GROUPREF, c.GROUPREF_EXISTS):
            return True
        if op is c.SUBPATTERN:
            if av[1] or av[2]:
                return True
            if _unsafe(av[3].data, c):
                return True
        elif op is c.BRANCH:
            if any(_unsafe(branch.data, c) for branch in av[1]):
                return True
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            if _unsafe(av[2].data, c):
                return True
        elif op in (c.ASSERT, c.ASSERT_NOT, getattr(c, "ATOMIC_GROUP", None)):
            inner = av[1] if op in (c.ASSERT, c.ASSERT_NOT) else av
            if _unsafe(inner.data, c):
                return True
    return False


def _char(code: int, ignorecase: bool) -> str | None:
    """The character as it is looked for, or None when case folding makes that unsafe."""
    char = chr(code)
    if not ignorecase:
        return char
    if char.isascii():
        return char.lower()
    if char.lower() == char and char.upper() == char:
        return char  # not a letter with a case: it only matches itself
    return None


def _add(a: int | None, b: int | None) -> int | None:
    if a is None or b is None or a + b > _FAR:
        return None
    return a + b


Need = tuple  # (set of words, lead: int | None)


def _better(a: Need | None, b: Need | None) -> Need | None:
    """The more selective of two conditions: longer shortest word, then fewer words, then a known lead."""
    if a is None:
        return b
    if b is None:
        return a
    key = lambda n: (min(len(w) for w in n[0]), -len(n[0]), n[1] is not None)  # noqa: E731
    return a if key(a) >= key(b) else b


def _need(data: list, ignorecase: bool, c, state, parser) -> Need | None:  # noqa: ANN001
    """Words one of which every match of this sequence contains, and how far into the match the
    first of them can start (None when unknown)."""
    best: Need | None = None
    run, run_lead = "", 0
    before: int | None = 0  # the longest the elements so far can be
    for op, av in data:
        if op is c.LITERAL:
            char = _char(av, ignorecase)
            if char is not None:
                if not run:
                    run_lead = before
                run += char
                before = _add(before, 1)
                continue
        if run:
            best = _better(best, ({run}, run_lead))
            run = ""
        found: Need | None = None
        if op is c.SUBPATTERN:
            found = _need(av[3].data, ignorecase, c, state, parser)
        elif op is c.BRANCH:
            words: set[str] = set()
            lead: int | None = 0
            for branch in av[1]:
                inner = _need(branch.data, ignorecase, c, state, parser)
                if inner is None:
                    words = set()
                    break
                words |= inner[0]
                lead = None if lead is None or inner[1] is None else max(lead, inner[1])
            found = (words, lead) if words else None
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            if av[0] >= 1:
                found = _need(av[2].data, ignorecase, c, state, parser)
        elif op is c.IN and len(av) <= 4 and all(o is c.LITERAL for o, _ in av):
            chars = {_char(code, ignorecase) for _, code in av}
            found = None if None in chars else (chars, 0)
        if found:
            words = _minimal(found[0])
            lead = found[1] if words == found[0] else _add(found[1], max(map(len, found[0])))
            best = _better(best, (words, _add(before, lead)))
        hi = parser.SubPattern(state, [(op, av)]).getwidth()[1]
        before = _add(before, hi if hi < c.MAXREPEAT else None)
    if run:
        best = _better(best, ({run}, run_lead))
    return best


def _minimal(words: set[str]) -> set[str]:
    """Drop words that contain another word of the set (finding the shorter one is enough)."""
    return {w for w in words if not any(o != w and o in w for o in words)}
