"""The shape of a rubric pattern, read by poa itself: what every match contains, how long it can be.

The Matcher (matcher.py) skips patterns that cannot match a text and searches
only windows of it; for that it needs, per pattern, words every match
contains, how far before them a match can start, and the shortest and
longest match. This module reads the RE2 syntax rubric patterns are written
in (poa/rubric/patterns.py) into a small tree and answers those questions.
It reads only the common part of the syntax: literals and escapes, classes,
`.`, groups (plain, non-capturing, named), alternation, repeats and the
assertions `^ $ \\A \\z \\b \\B`. Anything else (inline flags, `\\Q...\\E`,
octal escapes, ...) raises Unknown, and the caller then treats the pattern
as one it knows nothing about: always run, from the start of the text. So a
pattern this module misreads can only be run more often, never skipped
wrongly, as long as the tree it builds is right for what it accepts (tested
against RE2 in tests/test_matcher.py).
"""

from __future__ import annotations

FAR = 10_000
"""A length above this counts as no limit."""


class Unknown(ValueError):
    """A construct this reader does not know: the pattern is run without reasoning about it."""


# A tree is a tuple: ("lit", char) | ("set", frozenset of chars or None for any other class)
# | ("at", "^" | "$" | "A" | "z" | "b" | "B") | ("alt", [sequence, ...]) | ("rep", node, min, max or None)
# where a sequence is a list of nodes.

_ESCAPED_CHARS = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_CLASS_ESCAPES = set("dDwWsSpP")
_ASSERTIONS = {"A": "A", "z": "z", "b": "b", "B": "B"}


def parse(pattern: str) -> tuple:
    """The pattern as ("alt", [sequence, ...]); raises Unknown."""
    reader = _Reader(pattern)
    tree = reader.alternation()
    if reader.at < len(pattern):
        raise Unknown(f"unexpected {pattern[reader.at]!r}")
    return tree


class _Reader:
    def __init__(self, text: str) -> None:
        self.text, self.at = text, 0

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def take(self) -> str:
        if self.at >= len(self.text):
            raise Unknown("unexpected end")
        char = self.text[self.at]
        self.at += 1
        return char

    def alternation(self) -> tuple:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.at += 1
            branches.append(self.sequence())
        return ("alt", branches)

    def sequence(self) -> list:
        items: list = []
        while self.peek() not in ("", "|", ")"):
            atom = self.atom()
            items.append(self.repeats(atom))
        return items

    def repeats(self, atom: tuple) -> tuple:
        while True:
            char = self.peek()
            if char in ("*", "+", "?"):
                self.at += 1
                low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[char]
            elif char == "{" and self._counted():
                low, high = self._counted()
                self.at = self.text.index("}", self.at) + 1
            else:
                return atom
            if atom[0] == "at" or atom[0] == "rep":
                raise Unknown("a repeat of an assertion or of a repeat")
            if self.peek() == "?":  # lazy: the same matches, in another order
                self.at += 1
            atom = ("rep", atom, low, high)

    def _counted(self) -> tuple[int, int | None] | None:
        end = self.text.find("}", self.at)
        if end == -1:
            return None
        body = self.text[self.at + 1:end]
        low, comma, high = body.partition(",")
        if not low.isdigit() or (high and not high.isdigit()):
            return None  # RE2 reads '{' literally then
        if not comma:
            return int(low), int(low)
        return int(low), (int(high) if high else None)

    def atom(self) -> tuple:
        char = self.take()
        if char == "(":
            return self.group()
        if char == "[":
            return self.char_class()
        if char == ".":
            return ("set", None)
        if char == "^":
            return ("at", "^")
        if char == "$":
            return ("at", "$")
        if char == "\\":
            return self.escape()
        if char in "*+?{)":
            if char == "{":
                return ("lit", "{")
            raise Unknown(f"unexpected {char!r}")
        return ("lit", char)

    def group(self) -> tuple:
        if self.peek() == "?":
            self.at += 1
            kind = self.take()
            if kind == ":":
                pass
            elif kind == "P" and self.peek() == "<" or kind == "<":
                if kind == "P":
                    self.at += 1
                end = self.text.find(">", self.at)
                if end == -1:
                    raise Unknown("unclosed group name")
                self.at = end + 1
            else:
                raise Unknown("inline flags or another group kind")
        inner = self.alternation()
        if self.take() != ")":
            raise Unknown("unclosed group")
        return inner

    def escape(self) -> tuple:
        char = self.take()
        if char in _ASSERTIONS:
            return ("at", _ASSERTIONS[char])
        if char in _CLASS_ESCAPES:
            if char in "pP":
                self._property()
            return ("set", None)
        return ("lit", self._escaped(char))

    def _escaped(self, char: str) -> str:
        if char in _ESCAPED_CHARS:
            return _ESCAPED_CHARS[char]
        if char == "x":
            if self.peek() == "{":
                end = self.text.find("}", self.at)
                digits = self.text[self.at + 1:end] if end != -1 else ""
                self.at = end + 1
            else:
                digits = self.text[self.at:self.at + 2]
                self.at += 2
            try:
                return chr(int(digits, 16))
            except ValueError:
                raise Unknown("bad hex escape") from None
        if char.isalnum():
            raise Unknown(f"escape \\{char}")
        return char  # escaped punctuation stands for itself

    def _property(self) -> None:
        if self.peek() == "{":
            end = self.text.find("}", self.at)
            if end == -1:
                raise Unknown("unclosed property")
            self.at = end + 1
        else:
            self.take()

    def char_class(self) -> tuple:
        """[...]: the set of its characters when it lists only single characters, else None."""
        chars: set[str] | None = set()
        if self.peek() == "^":
            self.at += 1
            chars = None
        first = True
        while True:
            char = self.take()
            if char == "]" and not first:
                break
            first = False
            if char == "[" and self.peek() == ":":
                end = self.text.find(":]", self.at)
                if end == -1:
                    raise Unknown("unclosed [:class:]")
                self.at = end + 2
                chars = None
                continue
            if char == "\\":
                escaped = self.take()
                if escaped in _CLASS_ESCAPES:
                    if escaped in "pP":
                        self._property()
                    chars = None
                    continue
                char = self._escaped(escaped)
            if self.peek() == "-" and self.text[self.at + 1:self.at + 2] not in ("]", ""):
                self.at += 1
                high = self.take()
                if high == "\\":
                    high = self._escaped(self.take())
                chars = None  # a range: not a small set of literals
                del high
                continue
            if chars is not None:
                chars.add(char)
        return ("set", frozenset(chars) if chars else None)


# --- widths ---------------------------------------------------------------------------------


def _add(a: int | None, b: int | None) -> int | None:
    if a is None or b is None or a + b > FAR:
        return None
    return a + b


def width(node: tuple) -> tuple[int, int | None]:
    """(shortest, longest or None) a node matches, in characters."""
    kind = node[0]
    if kind in ("lit", "set"):
        return 1, 1
    if kind == "at":
        return 0, 0
    if kind == "alt":
        widths = [sequence_width(branch) for branch in node[1]]
        longest = [w[1] for w in widths]
        return min(w[0] for w in widths), (None if None in longest else max(longest))
    low, high = width(node[1])
    count_high = node[3]
    shortest = min(low * node[2], FAR + 1)
    if count_high is None:
        return shortest, (0 if high == 0 else None)
    longest = None if high is None else high * count_high
    return shortest, (None if longest is not None and longest > FAR else longest)


def sequence_width(items: list) -> tuple[int, int | None]:
    shortest, longest = 0, 0
    for node in items:
        low, high = width(node)
        shortest = min(shortest + low, FAR + 1)
        longest = _add(longest, high)
    return shortest, longest


# --- what every match contains --------------------------------------------------------------


def _char(char: str, ignorecase: bool) -> str | None:
    """The character as it is looked for, or None when case folding makes that unsafe."""
    if not ignorecase:
        return char
    if char.isascii():
        return char.lower()
    if char.lower() == char and char.upper() == char:
        return char  # not a letter with a case: it only matches itself
    return None


Need = tuple  # (set of words, lead: int | None)


_COMMON = frozenset("the a an and or of to in on at by for from with that this it is are was were be "
                    "has have had not we i our my".split())
"""Words in nearly every sentence of a letter: as a pattern's needed word they select about as
little as two letters do (`abus` in `abus(?:e|ed) the` is chosen, not ` the `)."""


def _selective_length(word: str) -> int:
    return min(2, len(word)) if word.strip() in _COMMON else len(word)


def _better(a: Need | None, b: Need | None) -> Need | None:
    """The more selective of two conditions: longer shortest word (a common word counts as one
    letter), then fewer words, then a known lead."""
    if a is None:
        return b
    if b is None:
        return a
    key = lambda n: (min(map(_selective_length, n[0])), -len(n[0]), n[1] is not None)  # noqa: E731
    return a if key(a) >= key(b) else b


def _minimal(words: set[str]) -> set[str]:
    """Drop words that contain another word of the set (finding the shorter one is enough)."""
    return {w for w in words if not any(o != w and o in w for o in words)}


def need(node: tuple, ignorecase: bool) -> Need | None:
    """Words one of which every match of an alternation contains, and how far into the match the
    first of them can start (None when unknown)."""
    words: set[str] = set()
    lead: int | None = 0
    for branch in node[1]:
        inner = _need_sequence(branch, ignorecase)
        if inner is None:
            return None
        words |= inner[0]
        lead = None if lead is None or inner[1] is None else max(lead, inner[1])
    return (words, lead) if words else None


def _need_sequence(items: list, ignorecase: bool) -> Need | None:
    best: Need | None = None
    run, run_lead = "", 0
    before: int | None = 0  # the longest the elements so far can be
    for node in items:
        if node[0] == "lit":
            char = _char(node[1], ignorecase)
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
        if node[0] == "alt":
            found = need(node, ignorecase)
        elif node[0] == "rep" and node[2] >= 1:
            found = _need_sequence([node[1]], ignorecase)
        elif node[0] == "set" and node[1] is not None and len(node[1]) <= 4:
            chars = {_char(c, ignorecase) for c in node[1]}
            found = None if None in chars else (chars, 0)
        if found:
            words = _minimal(found[0])
            lead = found[1] if words == found[0] else _add(found[1], max(map(len, found[0])))
            best = _better(best, (words, _add(before, lead)))
        before = _add(before, width(node)[1])
    if run:
        best = _better(best, ({run}, run_lead))
    return best
