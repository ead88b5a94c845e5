"""What each rule kind does to a draft, in plain Python (no pydantic).

rules.py declares the rule kinds as pydantic models: the fields a rubric file
may use and how they are validated. This module holds what the kinds do, as
mix-ins those models inherit, and the same behaviour on plain objects
(`runtime_rule`), which is what the engine runs: a rubric compiled once is
kept in the rubric cache and turned back into plain rules without importing
pydantic, so `poa check` on a letter starts fast.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Callable

from poa.letters.draft import Draft, TextPiece
from poa.rubric.finding import Finding
from poa.rubric.matcher import Matcher
from poa.rubric.patterns import IGNORECASE, compile_pattern

Emit = Callable[[Finding], None]


def compile_patterns(patterns: list[str], ignorecase: bool = True) -> Matcher | None:
    """One alternation for all patterns: one pass over the text per rule, however many words it lists.

    The Matcher runs it only on text that holds a word some pattern needs (see matcher.py).
    """
    if not patterns:
        return None
    return Matcher(patterns, IGNORECASE if ignorecase else 0).compile()


class RuleLogic:
    """What every rule does, whatever its kind."""

    matchers: tuple[str, ...] = ()
    """Names of the attributes holding this kind's compiled patterns (kept in the rubric cache)."""

    def applies_to(self, draft: Draft) -> bool:
        return self.inputs == "any" or self.inputs == draft.origin

    def finding(self, section: str, item: int | None, piece: TextPiece | None = None,
                start: int | None = None, end: int | None = None, detail: str = "") -> Finding:
        text = piece.text[start:end] if piece is not None and start is not None else None
        line = column = None
        if piece is not None and start is not None:
            line, column = piece.position(start)
        message = self.message.replace("{match}", text or "")
        if detail:
            message = message.replace("{detail}", detail)
        if piece is not None and start is not None and piece.offset:  # a cut of a long answer
            start, end = start + piece.offset, (end if end is None else end + piece.offset)
        return Finding(self.id, self.category, self.severity, section, item, message, self.why,
                       self.link, text, line, column, start, end, piece.field if piece else None)

    def compile(self) -> None:
        """Compile the patterns (nothing to do for kinds without patterns)."""


class ExistenceLogic(RuleLogic):
    """Flags every occurrence of the patterns, unless its sentence also matches `unless`."""

    matchers = ("_regex", "_unless", "_when", "_except_when")

    def compile(self) -> None:
        self._regex = compile_patterns(self.patterns, self.ignorecase)
        self._unless = compile_patterns(self.unless, True)
        self._when = compile_patterns(getattr(self, "when", []), True)
        self._except_when = compile_patterns(getattr(self, "except_when", []), True)

    def check(self, draft: Draft, emit: Emit) -> None:
        regex, unless, fields = self._regex, self._unless, self.fields
        when = getattr(self, "_when", None)
        if when is not None and not any(when.search(p.text) for p in draft.in_section(self.when_scope)):
            return  # a check across sections: the other section does not say it
        excused = getattr(self, "_except_when", None)
        if excused is not None and any(excused.search(p.text) for p in draft.in_section(self.when_scope)):
            return  # ... or it says what makes the words harmless
        once = getattr(self, "per", "sentence") == "letter"
        first: Finding | None = None
        more = 0
        for piece in draft.in_section(self.scope):
            if fields and piece.field not in fields:
                continue
            flagged_until = -1  # one finding per sentence: the same word twice is one problem
            for match in regex.finditer(piece.text):
                start, end = match.span()  # read once: each read is a call into the re2 wrapper
                if end == start or (start < flagged_until and not once):
                    continue  # (once per letter, every place counts)
                left, right = _sentence_bounds(piece.text, start, end)
                if unless is not None and unless.search(piece.text[left:right]):
                    continue
                flagged_until = right
                finding = self.finding(piece.section, piece.item, piece, start, end)
                if not once:
                    emit(finding)
                elif first is None:
                    first = finding
                else:
                    more += 1
        if first is not None:
            if more:
                first = first._replace(message=f"{first.message} (and {more} more {'place' if more == 1 else 'places'})")
            emit(first)


_SENTENCE_MARKS = (". ", "! ", "? ", "\n\n", ".\n")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence around a match starts and ends (line breaks inside a paragraph do not end it)."""
    left = max(text.rfind(mark, 0, start) for mark in _SENTENCE_MARKS)
    rights = [i for i in (text.find(mark, end) for mark in _SENTENCE_MARKS) if i != -1]
    return left + 1, (min(rights) if rights else len(text))


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a match."""
    left, right = _sentence_bounds(text, start, end)
    return text[left:right]


class RequiredLogic(RuleLogic):
    """Something that must be said: a pattern must match in each item, in the section, or in the letter.

    Reviewers judge a section, not each paragraph: in a letter, a per-item requirement is met
    when the section as a whole says it (a measure often runs over several paragraphs). In an
    answers file each item is one measure with its own fields, so each is checked, but the
    items missing it make one finding, not one each. An item matching `unless` (a policy
    commitment such as 'we never buy from unauthorised sellers') is not asked for it.
    """

    matchers = ("_regex", "_when", "_unless")

    def compile(self) -> None:
        self._regex = compile_patterns(self.patterns, self.ignorecase)
        self._when = compile_patterns(self.when, True)
        self._unless = compile_patterns(getattr(self, "unless", []), True)

    def check(self, draft: Draft, emit: Emit) -> None:
        regex, when = self._regex, self._when
        if when is not None or self.when_fields:
            mentioned = when is not None and any(when.search(p.text) for p in draft.pieces)
            flagged = draft.answers is not None and any(
                _truthy(draft.answers, path) for path in self.when_fields)
            if not (mentioned or flagged):
                return
        pieces = draft.in_section(self.scope)
        below = getattr(self, "below_words", None)
        if below is not None and sum(len(p.text.split()) for p in pieces) >= below:
            return
        if self.per == "section" or draft.answers is None:
            if not pieces and self.scope != "letter":
                return  # an empty section is the count rule's finding, not ours
            if draft.answers is not None and any(_truthy(draft.answers, p) for p in self.satisfied_by):
                return
            if any(regex.search(p.text) for p in pieces):
                return
            asked = [p for p in pieces if not self._excused(p.text)]
            if not asked:
                return
            if self.per == "section":
                emit(self.finding(self.scope, None))
            else:
                emit(self._one_for_many(asked[0], len({p.item for p in asked}) - 1))
            return
        by_item: dict[int | None, list[TextPiece]] = {}
        for piece in pieces:
            by_item.setdefault(piece.item, []).append(piece)
        missing = []
        for item, item_pieces in by_item.items():
            if item is None:
                continue
            if self._item_satisfied(draft, item):
                continue
            if any(regex.search(p.text) for p in item_pieces):
                continue
            if all(self._excused(p.text) for p in item_pieces):
                continue
            missing.append(item_pieces[0])
        if missing:
            emit(self._one_for_many(missing[0], len(missing) - 1))

    def _excused(self, text: str) -> bool:
        return self._unless is not None and self._unless.search(text) is not None

    def said_in_section(self, draft: Draft) -> bool:
        """The section as a whole says it (or an item's structured answer does, or nothing in it
        needs it): what a `together` rule asks of each rule it names."""
        pieces = draft.in_section(self.scope)
        if any(self._regex.search(p.text) for p in pieces):
            return True
        if draft.answers is not None and self.scope in ("root_cause", "corrective_actions", "preventive_measures"):
            if any(self._item_satisfied(draft, item) for item in range(len(draft.answers.items(self.scope)))):
                return True
        return bool(pieces) and all(self._excused(p.text) for p in pieces)

    def _one_for_many(self, first: TextPiece, others: int) -> Finding:
        """One finding for every item that lacks it, placed on the first of them."""
        finding = self.finding(first.section, first.item, detail=_quote(first.text))
        if others:
            more = "1 other item" if others == 1 else f"{others} other items"
            finding = finding._replace(message=f"{finding.message} (and {more})")
        return finding

    def _item_satisfied(self, draft: Draft, item: int) -> bool:
        entry = draft.answers.items(self.scope)[item] if self.scope in (
            "root_cause", "corrective_actions", "preventive_measures") else None
        for path in self.satisfied_by:
            if entry is not None and "." not in path and getattr(entry, path, None):
                return True
            if "." in path and _truthy(draft.answers, path):
                return True
        return False


_LIST_MARK = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")


def _quote(text: str) -> str:
    """The start of an item, to show which one a per-item finding is about."""
    first = _LIST_MARK.sub("", " ".join(text.split()))
    return first if len(first) <= 50 else first[:47] + "..."


def _truthy(data: object, path: str) -> bool:
    """True when the answers value at a dotted path (with * over lists) is filled in."""
    values = [data]
    for part in path.split("."):
        next_values = []
        for value in values:
            if part == "*":
                next_values.extend(value if isinstance(value, list) else [])
            else:
                next_values.append(getattr(value, part, None) if not isinstance(value, dict)
                                   else value.get(part))
        values = next_values
    return any(v not in (None, "", [], False) for v in values)


class CountLogic(RuleLogic):
    """How much there must be: items in a section, words in a section or letter, headings in a letter."""

    def check(self, draft: Draft, emit: Emit) -> None:
        if self.of == "items":
            if self.scope in draft.item_counts:
                value = draft.item_counts[self.scope]
            else:
                value = len({p.item for p in draft.in_section(self.scope)})
        elif self.of == "headings":
            value = draft.headings
        elif self.of == "words outside the sections":  # opening, story, requests, sign-off
            value = sum(len(p.text.split()) for p in draft.pieces if p.section == "letter")
        else:
            pieces = draft.in_section(self.scope)
            if not pieces and self.scope != "letter" and self.min is not None:
                return  # an empty section is reported once, by the items count
            value = sum(len(p.text.split()) for p in pieces)
        if self.min is not None and value < self.min:
            emit(self.finding(self.scope, None, detail=str(value)))
        elif self.max is not None and value > self.max:
            emit(self.finding(self.scope, None, detail=str(value)))


class FieldLogic(RuleLogic):
    """A structured answer that must be filled in (answers files only)."""

    def check(self, draft: Draft, emit: Emit) -> None:
        if draft.answers is not None and not _truthy(draft.answers, self.path):
            emit(self.finding(self.scope, None))


class ReplyLogic(RuleLogic):
    """Where Amazon's reply asked for greater detail, hold that section to a stricter standard."""

    @property
    def compiled_asks(self) -> list:
        """The reply's phrases for this section, on RE2 (Rubric.reply_asks reads them when there is
        a reply)."""
        return [compile_pattern(pattern, IGNORECASE) for pattern in self.asks]

    def check(self, draft: Draft, emit: Emit) -> None:
        reading = draft.reply_reading
        if reading is None:
            return
        if self.trigger == "unrecognised":
            if not reading.recognised:
                emit(self.finding(self.scope, None))
            return
        if self.trigger == "general":
            sections = {"root_cause", "corrective_actions", "preventive_measures"}
            if self.scope in reading.asked and not sections & set(reading.asked):
                emit(self.finding(self.scope, None))
            return
        if self.scope not in reading.asked:
            return
        issues = "; ".join(i for i in reading.asked[self.scope] if i) or "this section"
        missing = self._missing(draft)
        finding = self.finding(self.scope, None, detail=issues)
        if missing:
            finding = finding._replace(message=finding.message.replace("{missing}", "; ".join(missing)))
        else:
            finding = finding._replace(severity="suggestion", message=(
                self.message_met or self.message).replace("{detail}", issues))
        emit(finding)

    def _missing(self, draft: Draft) -> list[str]:
        pieces = draft.in_section(self.scope)
        missing = []
        items = draft.item_counts.get(self.scope, len({p.item for p in pieces}))
        if self.min_items is not None and items < self.min_items:
            missing.append(f"at least {self.min_items} items (it has {items})")
        words = sum(len(p.text.split()) for p in pieces)
        if self.min_words is not None and words < self.min_words:
            missing.append(f"at least {self.min_words} words (it has {words})")
        for requirement in self.require:
            regex = compile_pattern(requirement.pattern, IGNORECASE)
            if not any(regex.search(p.text) for p in pieces):
                missing.append(requirement.label)
        return missing


class ChainLogic(RuleLogic):
    """One chain per issue: each listed issue needs its own cause, action and measure (answers files)."""

    def check(self, draft: Draft, emit: Emit) -> None:
        answers = draft.answers
        if answers is None or not answers.issues:
            return
        sections = ("root_cause", "corrective_actions", "preventive_measures")
        if self.require == "complete":
            for issue in answers.issues:
                for section in sections:
                    if not any(item.issue == issue.id and item.what.strip()
                               for item in answers.items(section)):
                        emit(self.finding(section, None, detail=issue.title))
            return
        for section in sections:
            for index, item in enumerate(answers.items(section)):
                if not item.issue and item.what.strip():
                    emit(self.finding(section, index, detail=_quote(item.what)))


_WORDS = re.compile(r"[^\w]+")
_SENTENCES = re.compile(r"(?:[^.!?]|[.!?](?=\S))+[.!?]*")
"""Sentences end at . ! ? followed by a space or the end (so 91.2% stays whole)."""


class TogetherLogic(RuleLogic):
    """One finding when a section says none of several things that other rules require (no
    owner, no frequency or trigger and no tool: a promise, not a process). The rules it names
    yield to it (`yields_to`), so the seller reads one finding instead of three."""

    def check(self, draft: Draft, emit: Emit) -> None:
        """Judged with the rules it names (the engine calls `judge`)."""

    def judge(self, draft: Draft, emit: Emit, rules_by_id: dict) -> None:
        members = [rules_by_id.get(rule_id) for rule_id in self.rules]
        if not draft.in_section(self.scope) or any(m is None for m in members):
            return
        if not any(member.said_in_section(draft) for member in members):
            emit(self.finding(self.scope, None))


def _normal(text: str) -> str:
    return " " + _WORDS.sub(" ", text.lower()).strip() + " "


class RepeatLogic(RuleLogic):
    """A resubmission must not repeat sentences of a letter Amazon already rejected."""

    def check(self, draft: Draft, emit: Emit) -> None:
        if not draft.earlier_letters:
            return
        earlier = [_normal(letter) for letter in draft.earlier_letters]
        for piece in draft.in_section(self.scope):
            for match in _SENTENCES.finditer(piece.text):
                sentence = match.group(0)
                if len(sentence.split()) < self.min_words:
                    continue
                normal = _normal(sentence)
                if any(normal in letter for letter in earlier):
                    start = match.start() + (len(sentence) - len(sentence.lstrip()))
                    end = match.start() + len(sentence.rstrip())
                    emit(self.finding(piece.section, piece.item, piece, start, end))


class ConsistentLogic(RuleLogic):
    """Numbers the letter states must agree with the answer that holds them (answers files).

    Each match's named groups `value`, `value2`... are read as the rule's `value`
    type and compared with the answer at `path`: a number within `tolerance`, a
    count exactly, a date on a day from `path` to `until` (a date written without
    its year, 20 October, is compared by day and month). A match whose group
    `exclude` took part is not read: RE2 has no lookahead, so `(?P<exclude> ?target)?`
    after the number stands for `(?! ?target)` (the 95% target is not the rate).
    """

    matchers = ("_regex",)

    def compile(self) -> None:
        self._regex = compile_patterns(self.patterns, self.ignorecase)

    def check(self, draft: Draft, emit: Emit) -> None:
        if getattr(self, "against", None):
            self._check_against(draft, emit)
            return
        if draft.answers is None:
            return
        expected = _answer(draft.answers, self.path)
        until = _answer(draft.answers, self.until) if self.until else expected
        if expected is None or until is None:
            return
        for piece in draft.in_section(self.scope):
            for match in self._regex.finditer(piece.text):
                groups = match.groupdict()
                if groups.get("exclude") is not None:
                    continue
                for name, raw in groups.items():
                    if raw is None or not name.startswith("value"):
                        continue
                    if not _agrees(raw, self.value, expected, until, self.tolerance):
                        shown = _shown_answer(expected, until)
                        group = match.re.groupindex[name]  # re2's start() takes numbers only
                        emit(self.finding(piece.section, piece.item, piece, match.start(group),
                                          match.end(group), detail=shown))

    def _check_against(self, draft: Draft, emit: Emit) -> None:
        """Years stated in this section against the years the `against` section states."""
        theirs = sorted({year for piece in draft.in_section(self.against)
                         for year in self._years(piece.text)})
        if not theirs:
            return
        shown = ", ".join(str(y) for y in theirs)
        for piece in draft.in_section(self.scope):
            for match in self._regex.finditer(piece.text):
                for name, raw in match.groupdict().items():
                    year = _year(raw) if raw and name.startswith("value") else None
                    if year is not None and min(abs(year - y) for y in theirs) > self.tolerance:
                        group = match.re.groupindex[name]  # re2's start() takes numbers only
                        emit(self.finding(piece.section, piece.item, piece, match.start(group),
                                          match.end(group), detail=shown))
                        break

    def _years(self, text: str) -> list[int]:
        return [year for match in self._regex.finditer(text) for name, raw in match.groupdict().items()
                if raw and name.startswith("value") and (year := _year(raw)) is not None]


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b", re.ASCII)
"""A year in a matched value: a fixed pattern on a few characters, so Python's `re` (ASCII
word boundaries and digits, as in RE2) reads it without the re2 wrapper's cost per call."""


def _year(raw: str) -> int | None:
    match = _YEAR.search(raw)
    return int(match.group(0)) if match else None


def _answer(data: object, path: str) -> object:
    for part in path.split("."):
        data = data.get(part) if isinstance(data, dict) else getattr(data, part, None)
        if data is None:
            return None
    return data if data != "" else None


def _shown_answer(expected: object, until: object) -> str:
    if hasattr(expected, "isoformat"):
        return expected.isoformat() if expected == until else f"{expected.isoformat()} to {until.isoformat()}"
    return f"{expected:g}" if isinstance(expected, float) else str(expected)


_MONTHS = {m: n for n, names in enumerate(
    [("jan",), ("feb",), ("mar",), ("apr",), ("may",), ("jun",), ("jul",), ("aug",), ("sep",), ("oct",),
     ("nov",), ("dec",)], start=1) for m in names}
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?(?:,?\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _agrees(raw: str, kind: str, expected: object, until: object, tolerance: float) -> bool:
    """True when the stated value agrees with the answer (or cannot be read: nothing to say)."""
    text = raw.strip().lower()
    if kind == "year":
        stated, wanted = _year(text), getattr(expected, "year", None)
        return stated is None or wanted is None or abs(stated - wanted) <= tolerance
    if kind in ("number", "count"):
        try:
            stated = float(text.replace(",", ".") if kind == "number" else text.replace(",", ""))
        except ValueError:
            return True
        try:
            wanted = float(expected)
        except (TypeError, ValueError):
            return True
        return abs(stated - wanted) <= (tolerance if kind == "number" else 0)
    if not hasattr(expected, "month") or not hasattr(until, "month"):
        return True
    year = month = day = None
    match = _ISO_DAY.match(text)
    if match:
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        match = _DAY_MONTH.match(text)
        if match and match[2] in _MONTHS:
            day, month, year = int(match[1]), _MONTHS[match[2]], match[3] and int(match[3])
        else:
            match = _MONTH_DAY.match(text)
            if not match or match[1] not in _MONTHS:
                return True
            month, day, year = _MONTHS[match[1]], int(match[2]), match[3] and int(match[3])
    if year:
        stated = (year, month, day)
        return (expected.year, expected.month, expected.day) <= stated <= (until.year, until.month, until.day)
    for candidate in range(expected.year, until.year + 1):  # no year: any year of the window
        if (expected.year, expected.month, expected.day) <= (candidate, month, day) \
                <= (until.year, until.month, until.day):
            return True
    return False


# --- plain rules, as the engine runs them ---------------------------------------------------


class Examples:
    """A rule's examples: texts it must flag (`fail`) and accept (`pass_`)."""

    __slots__ = ("fail", "pass_")

    def __init__(self, fail: list, pass_: list):
        self.fail, self.pass_ = fail, pass_


class _Plain:
    """A validated rule's fields as plain attributes.

    A rule kind added to rules.py needs its twin here (and in RUNTIME); until it
    has one, rubrics using it run on the validated models and are not cached.
    """

    def __init__(self, fields: dict):
        self.__dict__.update(fields)

    def __repr__(self) -> str:
        return f"<rule {self.id} ({self.kind})>"


class ExistenceRule(ExistenceLogic, _Plain):
    pass


class RequiredRule(RequiredLogic, _Plain):
    pass


class CountRule(CountLogic, _Plain):
    pass


class FieldRule(FieldLogic, _Plain):
    pass


Requirement = namedtuple("Requirement", "pattern label")
"""Something a section must contain (a reply rule's `require`), and the words for its absence.
(A named tuple: a dataclass costs `poa check` a millisecond to build at import.)"""


class ReplyRule(ReplyLogic, _Plain):
    """A reply rule; its `require` entries, dicts in the rubric cache, become Requirements."""

    def __init__(self, fields: dict):
        super().__init__(fields)
        self.require = [Requirement(r["pattern"], r["label"]) for r in self.require]


class ChainRule(ChainLogic, _Plain):
    pass


class RepeatRule(RepeatLogic, _Plain):
    pass


class ConsistentRule(ConsistentLogic, _Plain):
    pass


class TogetherRule(TogetherLogic, _Plain):
    pass


RUNTIME = {"existence": ExistenceRule, "required": RequiredRule, "count": CountRule,
           "field": FieldRule, "reply": ReplyRule, "chain": ChainRule, "repeat": RepeatRule,
           "consistent": ConsistentRule, "together": TogetherRule}


def dump_matcher(matcher: Matcher | None) -> dict | None:
    if matcher is None:
        return None
    return {"patterns": list(matcher.patterns), "flags": matcher.flags,
            "needles": [None if n is None else list(n) for n in matcher.needles],
            "anchored": list(matcher.anchored), "leads": list(matcher.leads),
            "reaches": list(matcher.reaches)}


def load_matcher(data: dict | None) -> Matcher | None:
    """A Matcher as dump_matcher kept it; ValueError when the data is not of that shape."""
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ValueError("not a kept matcher")
    patterns, flags = data.get("patterns"), data.get("flags")
    columns = [data.get(name) for name in ("needles", "anchored", "leads", "reaches")]
    if (not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns)
            or type(flags) is not int
            or not all(isinstance(c, list) and len(c) == len(patterns) for c in columns)):
        raise ValueError("not a kept matcher")
    needles, anchored, leads, reaches = columns
    if not all(n is None or (isinstance(n, list) and n and all(isinstance(w, str) and w for w in n))
               for n in needles) \
            or not all(type(a) is bool for a in anchored) \
            or not all(v is None or (type(v) is int and v >= -1) for v in (*leads, *reaches)):
        raise ValueError("not a kept matcher")
    return Matcher(patterns, flags, needles, anchored, leads, reaches)


def runtime_rule(fields: dict, matchers: dict[str, Matcher | None]) -> RuleLogic:
    """A plain rule from a validated rule's fields (model_dump) and its compiled patterns."""
    fields = dict(fields)
    examples = fields.get("examples") or {}
    fields["examples"] = Examples(list(examples.get("fail", [])), list(examples.get("pass_", [])))
    rule = RUNTIME[fields["kind"]](fields)
    for name in rule.matchers:
        setattr(rule, name, matchers.get(name))
    return rule
