"""The rule kinds. Rules themselves are data in rubrics/*.yaml; this module only says what each kind does.

- existence: words that must not be there (vague promises, blame, future tense...).
- required: something that must be there (a carrier, a date, an owner...), per item, section or letter.
- count: how much there must be (items, words, headings).
- field: a structured answer that must be filled in (the notice date, the metric value).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr

from poa.draft import Draft, TextPiece
from poa.rubric.finding import Finding
from poa.rubric.matcher import Matcher

Category = Literal["structure", "length", "vague", "blame", "specifics", "tense", "process",
                   "kind", "tone", "evidence", "scope", "repeat"]
Severity = Literal["error", "warning", "suggestion"]
Scope = Literal["root_cause", "corrective_actions", "preventive_measures", "context", "letter"]

MAX_PATTERN_LENGTH = 500


def compile_patterns(patterns: list[str], ignorecase: bool = True) -> Matcher | None:
    """One alternation for all patterns: one pass over the text per rule, however many words it lists.

    The Matcher runs it only on text that holds a word some pattern needs (see matcher.py).
    """
    if not patterns:
        return None
    return Matcher(patterns, re.IGNORECASE if ignorecase else 0).compile()


def _check_pattern(pattern: str) -> str:
    """Compile each user pattern up front, so a bad one is reported with its file, line and rule."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValueError(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    try:
        re.compile(pattern)
    except re.error as err:
        raise ValueError(f"invalid regular expression {pattern!r}: {err}") from None
    if _NESTED_REPEAT.search(pattern):
        raise ValueError(f"pattern {pattern!r} nests repeats like (a+)+, which can take "
                         "forever on some texts; rewrite it without the nested repeat")
    return pattern


_NESTED_REPEAT = re.compile(r"\((?:\?:)?[^()]*[+*}]\)[+*{]")
Pattern = Annotated[str, AfterValidator(_check_pattern)]


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
        return Finding(self.id, self.category, self.severity, section, item, message, self.why,
                       self.link, text, line, column, start, end, piece.field if piece else None)


Emit = Callable[[Finding], None]


class Existence(RuleBase):
    """Flags every occurrence of the patterns, unless its sentence also matches `unless`."""

    kind: Literal["existence"]
    patterns: list[Pattern] = Field(min_length=1)
    unless: list[Pattern] = Field(default_factory=list)
    fields: list[str] = Field(default_factory=list)
    """Only look in these item fields (all text fields when empty)."""
    ignorecase: bool = True

    _regex: Matcher | None = PrivateAttr(default=None)
    _unless: Matcher | None = PrivateAttr(default=None)

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
    patterns: list[Pattern] = Field(min_length=1)
    per: Literal["item", "section"] = "section"
    satisfied_by: list[str] = Field(default_factory=list)
    when: list[Pattern] = Field(default_factory=list)
    when_fields: list[str] = Field(default_factory=list)
    ignorecase: bool = True

    _regex: Matcher | None = PrivateAttr(default=None)
    _when: Matcher | None = PrivateAttr(default=None)

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


Rule = Annotated[Union[Existence, Required, Count, FieldFilled], Field(discriminator="kind")]
