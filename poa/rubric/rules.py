"""The rule kinds. Rules themselves are data in rubrics/*.yaml; this module only says what each kind does.

- existence: words that must not be there (vague promises, blame, future tense...).
- required: something that must be there (a carrier, a date, an owner...), per item, section or letter.
- count: how much there must be (items, words, headings).
- field: a structured answer that must be filled in (the notice date, the metric value).
- reply: where Amazon's reply asked for greater detail, a stricter check of that section.
- chain: with several issues, each has its own cause, action and measure.
- repeat: a resubmission must not repeat sentences of a rejected letter.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr

from poa.draft import Draft, TextPiece
from poa.rubric import regex_safety
from poa.rubric.finding import Finding

Category = Literal["structure", "length", "vague", "blame", "specifics", "tense", "process",
                   "kind", "tone", "evidence", "scope", "repeat"]
Severity = Literal["error", "warning", "suggestion"]
Scope = Literal["root_cause", "corrective_actions", "preventive_measures", "context", "letter"]

MAX_PATTERN_LENGTH = 500


def compile_patterns(patterns: list[str], ignorecase: bool = True) -> re.Pattern[str] | None:
    """One alternation for all patterns: one pass over the text per rule, however many words it lists."""
    if not patterns:
        return None
    flags = re.IGNORECASE if ignorecase else 0
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def _check_pattern(pattern: str) -> str:
    """Compile each user pattern up front, so a bad one is reported with its file, line and rule."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValueError(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. '[[' which a later Python will read differently
            re.compile(pattern)
            why = regex_safety.problem(pattern)
    except re.error as err:
        raise ValueError(f"invalid regular expression {pattern!r}: {err}") from None
    except Warning as warning:
        raise ValueError(f"pattern {pattern!r} is ambiguous ({warning}); escape the bracket or "
                         "character it points at") from None
    if why:
        raise ValueError(f"pattern {pattern!r} is refused: {why}")
    return pattern


Pattern = Annotated[str, AfterValidator(_check_pattern)]


def _check_combined(patterns: list[str]) -> list[str]:
    """A rule's patterns run as one alternation: refuse those that cannot be joined (inline flags
    such as (?i) inside, the same group name twice) here, where the error can point at them."""
    try:
        re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error as err:
        raise ValueError(f"these patterns cannot be joined into one expression ({err}); the rule "
                         "sets case-insensitivity itself, so leave out (?i), and name each group once") from None
    return patterns


Patterns = Annotated[list[Pattern], AfterValidator(_check_combined)]
"""Patterns a rule joins into one alternation (see compile_patterns)."""


class Examples(BaseModel):
    """Texts the rule must flag (fail) and must accept (pass); the test suite runs them."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    fail: list[str | dict] = Field(default_factory=list)
    pass_: list[str | dict] = Field(default_factory=list, alias="pass")


class RuleBase(BaseModel):
    """Fields every rule has, whatever its kind."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_-]+)+$")
    category: Category
    severity: Severity
    scope: Scope
    message: str = Field(min_length=1)
    """What to write instead; '{match}' is replaced by the flagged words."""
    why: str = Field(min_length=1)
    link: str = Field(pattern=r"^https?://")
    inputs: Literal["any", "answers", "letter"] = "any"
    """Which kind of draft the rule applies to (some facts only exist in an answers file)."""
    examples: Examples

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
        if piece is not None and start is not None and piece.offset:
            start, end = start + piece.offset, (end if end is None else end + piece.offset)
        return Finding(self.id, self.category, self.severity, section, item, message, self.why,
                       self.link, text, line, column, start, end, piece.field if piece else None)


Emit = Callable[[Finding], None]


class Existence(RuleBase):
    """Flags every occurrence of the patterns, unless its sentence also matches `unless`."""

    kind: Literal["existence"]
    patterns: Patterns = Field(min_length=1)
    unless: Patterns = Field(default_factory=list)
    fields: list[str] = Field(default_factory=list)
    """Only look in these item fields (all text fields when empty)."""
    ignorecase: bool = True

    _regex: re.Pattern[str] | None = PrivateAttr(default=None)
    _unless: re.Pattern[str] | None = PrivateAttr(default=None)

    def model_post_init(self, _context: object) -> None:
        self._regex = compile_patterns(self.patterns, self.ignorecase)
        self._unless = compile_patterns(self.unless, True)

    def check(self, draft: Draft, emit: Emit) -> None:
        regex, unless = self._regex, self._unless
        for piece in draft.in_section(self.scope):
            if self.fields and piece.field not in self.fields:
                continue
            for match in regex.finditer(piece.text):
                if match.end() == match.start():
                    continue
                if unless is not None and unless.search(_sentence(piece.text, match.start(), match.end())):
                    continue
                emit(self.finding(piece.section, piece.item, piece, match.start(), match.end()))


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a match (line breaks inside a paragraph do not end it)."""
    left = max(text.rfind(mark, 0, start) for mark in (". ", "! ", "? ", "\n\n", ".\n"))
    rights = [i for i in (text.find(mark, end) for mark in (". ", "! ", "? ", "\n\n", ".\n"))
              if i != -1]
    return text[left + 1:min(rights) if rights else len(text)]


class Required(RuleBase):
    """Something that must be said: a pattern must match in each item, in the section, or in the letter.

    `satisfied_by` names structured answers that count as saying it (an item
    field such as `owner`, or an answers path such as `shipping.carriers` or
    `shipping.carriers.*.integrated`). `when` limits the rule to drafts that
    mention something (for example a drop-ship supplier).
    """

    kind: Literal["required"]
    patterns: Patterns = Field(min_length=1)
    per: Literal["item", "section"] = "section"
    satisfied_by: list[str] = Field(default_factory=list)
    when: Patterns = Field(default_factory=list)
    when_fields: list[str] = Field(default_factory=list)
    ignorecase: bool = True

    _regex: re.Pattern[str] | None = PrivateAttr(default=None)
    _when: re.Pattern[str] | None = PrivateAttr(default=None)

    def model_post_init(self, _context: object) -> None:
        self._regex = compile_patterns(self.patterns, self.ignorecase)
        self._when = compile_patterns(self.when, True)

    def check(self, draft: Draft, emit: Emit) -> None:
        if self._when is not None or self.when_fields:
            mentioned = self._when is not None and any(
                self._when.search(p.text) for p in draft.pieces)
            flagged = draft.answers is not None and any(
                _truthy(draft.answers, path) for path in self.when_fields)
            if not (mentioned or flagged):
                return
        pieces = draft.in_section(self.scope)
        if self.per == "section":
            if not pieces and self.scope != "letter":
                return  # an empty section is the count rule's finding, not ours
            if draft.answers is not None and any(_truthy(draft.answers, p) for p in self.satisfied_by):
                return
            if not any(self._regex.search(p.text) for p in pieces):
                emit(self.finding(self.scope, None))
            return
        by_item: dict[int | None, list[TextPiece]] = {}
        for piece in pieces:
            by_item.setdefault(piece.item, []).append(piece)
        for item, item_pieces in by_item.items():
            if item is None:
                continue
            if draft.answers is not None and self._item_satisfied(draft, item):
                continue
            if not any(self._regex.search(p.text) for p in item_pieces):
                first = item_pieces[0]
                emit(self.finding(first.section, item, detail=_quote(first.text)))

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


class Count(RuleBase):
    """How much there must be: items in a section, words in a section or letter, headings in a letter."""

    kind: Literal["count"]
    of: Literal["items", "words", "headings"]
    min: int | None = None
    max: int | None = None

    def check(self, draft: Draft, emit: Emit) -> None:
        if self.of == "items":
            if self.scope in draft.item_counts:
                value = draft.item_counts[self.scope]
            else:
                value = len({p.item for p in draft.in_section(self.scope)})
        elif self.of == "headings":
            value = draft.headings
        else:
            pieces = draft.in_section(self.scope)
            if not pieces and self.scope != "letter" and self.min is not None:
                return  # an empty section is reported once, by the items count
            value = sum(len(p.text.split()) for p in pieces)
        if self.min is not None and value < self.min:
            emit(self.finding(self.scope, None, detail=str(value)))
        elif self.max is not None and value > self.max:
            emit(self.finding(self.scope, None, detail=str(value)))


class FieldFilled(RuleBase):
    """A structured answer that must be filled in (answers files only)."""

    kind: Literal["field"]
    path: str
    inputs: Literal["answers"] = "answers"

    def check(self, draft: Draft, emit: Emit) -> None:
        if draft.answers is not None and not _truthy(draft.answers, self.path):
            emit(self.finding(self.scope, None))


class Requirement(BaseModel):
    """Something a section must contain, with the words used to tell the seller it is missing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pattern: Pattern
    label: str


class ReplyDetail(RuleBase):
    """Where Amazon's reply asked for greater detail, hold that section to a stricter standard.

    `asks` are the reply's phrases for this section (a named group `issue`
    captures what it is about). One finding per section the reply names: the
    rule's severity when the stricter thresholds are not met, a suggestion
    (`message_met`) when they are. `trigger: unrecognised` reports a reply no reply
    rule recognised; `trigger: general` a reply that asks for more without naming
    a section.
    """

    kind: Literal["reply"]
    trigger: Literal["asked", "general", "unrecognised"] = "asked"
    asks: list[Pattern] = Field(default_factory=list)
    min_items: int | None = None
    min_words: int | None = None
    require: list[Requirement] = Field(default_factory=list)
    message_met: str = ""
    _asks: list[re.Pattern[str]] = PrivateAttr(default_factory=list)

    def model_post_init(self, _context: object) -> None:
        self._asks = [re.compile(p, re.IGNORECASE) for p in self.asks]

    @property
    def compiled_asks(self) -> list[re.Pattern[str]]:
        return self._asks

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
        if missing:
            finding = self.finding(self.scope, None, detail=issues)
            finding.message = finding.message.replace("{missing}", "; ".join(missing))
        else:
            finding = self.finding(self.scope, None, detail=issues)
            finding.severity = "suggestion"
            finding.message = (self.message_met or self.message).replace("{detail}", issues)
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
            regex = re.compile(requirement.pattern, re.IGNORECASE)
            if not any(regex.search(p.text) for p in pieces):
                missing.append(requirement.label)
        return missing


class Chain(RuleBase):
    """One chain per issue: each listed issue needs its own cause, action and measure (answers files)."""

    kind: Literal["chain"]
    require: Literal["complete", "tagged"]
    """complete: every issue has an item in each section; tagged: every item names its issue."""
    inputs: Literal["answers"] = "answers"

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


def _normal(text: str) -> str:
    return " " + _WORDS.sub(" ", text.lower()).strip() + " "


class Repeat(RuleBase):
    """A resubmission must not repeat sentences of a letter Amazon already rejected."""

    kind: Literal["repeat"]
    min_words: int = 8

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


Rule = Annotated[Union[Existence, Required, Count, FieldFilled, ReplyDetail, Chain, Repeat],
                 Field(discriminator="kind")]
