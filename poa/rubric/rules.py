"""The rule kinds. Rules themselves are data in rubrics/*.yaml; this module declares each kind's fields.

What each kind does to a draft is in checks.py (plain Python, which the models
here inherit, so the command line can run cached rules without pydantic).

- existence: words that must not be there (vague promises, blame, future tense...).
- required: something that must be there (a carrier, a date, an owner...), per item, section or letter.
- count: how much there must be (items, words, headings).
- field: a structured answer that must be filled in (the notice date, the metric value).
- reply: where Amazon's reply asked for greater detail, a stricter check of that section.
- chain: with several issues, each has its own cause, action and measure.
- repeat: a resubmission must not repeat sentences of a rejected letter.
- consistent: numbers the letter states must agree with the answer holding them (a report's rate).
- together: a section that says none of what several required rules ask (a promise, not a process).
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from poa.rubric import regex_safety
from poa.rubric.checks import (
    ChainLogic,
    ConsistentLogic,
    CountLogic,
    ExistenceLogic,
    FieldLogic,
    RepeatLogic,
    ReplyLogic,
    RequiredLogic,
    RuleLogic,
    TogetherLogic,
)
from poa.rubric.matcher import Matcher
from poa.rubric.patterns import PatternError, compile_pattern

Category = Literal["structure", "length", "vague", "blame", "specifics", "tense", "process",
                   "kind", "tone", "evidence", "scope", "repeat"]
Severity = Literal["error", "warning", "suggestion"]
Scope = Literal["root_cause", "corrective_actions", "preventive_measures", "context", "letter"]

MAX_PATTERN_LENGTH = 500


def _check_pattern(pattern: str) -> str:
    """Compile each user pattern up front with RE2, so a bad one is reported with its file, line
    and rule."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValueError(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    try:
        compile_pattern(pattern)
    except PatternError as err:
        hint = ""
        if "perl operator" in str(err) or "escape sequence: \\" in str(err):
            hint = ("; rubric patterns run on RE2, which has no lookaround and no back-references "
                    "(an `unless` pattern excuses a sentence instead)")
        raise ValueError(f"invalid regular expression {pattern!r}: {err}{hint}") from None
    why = regex_safety.problem(pattern)
    if why:
        raise ValueError(f"pattern {pattern!r} is refused: {why}")
    return pattern


Pattern = Annotated[str, AfterValidator(_check_pattern)]


def _check_combined(patterns: list[str]) -> list[str]:
    """A rule's patterns run as one alternation: refuse those that cannot be joined (inline flags
    such as (?i) inside, the same group name twice) here, where the error can point at them."""
    try:
        compile_pattern("|".join(f"(?:{p})" for p in patterns))
    except PatternError as err:
        raise ValueError(f"these patterns cannot be joined into one expression ({err}); "
                         "name each group once") from None
    return patterns


Patterns = Annotated[list[Pattern], AfterValidator(_check_combined)]
"""Patterns a rule joins into one alternation (see checks.compile_patterns)."""


class Examples(BaseModel):
    """Texts the rule must flag (fail) and must accept (pass); the test suite runs them."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    fail: list[str | dict] = Field(default_factory=list)
    pass_: list[str | dict] = Field(default_factory=list, alias="pass")


class RuleBase(RuleLogic, BaseModel):
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
    yields_to: list[str] = Field(default_factory=list)
    """Rule ids whose finding in the same section says the same thing more precisely: when one of
    them fires there, this rule's finding is dropped (one word target, not two)."""
    examples: Examples


class Existence(ExistenceLogic, RuleBase):
    """Flags every occurrence of the patterns, unless its sentence also matches `unless`.

    With `when`, only in a draft whose `when_scope` section says it: a check across
    sections ("tracking comes by e-mail" in the measures, while the actions say the
    process changed).
    """

    kind: Literal["existence"]
    patterns: Patterns = Field(min_length=1)
    unless: Patterns = Field(default_factory=list)
    when: Patterns = Field(default_factory=list)
    when_scope: Scope = "letter"
    except_when: Patterns = Field(default_factory=list)
    """Not at all in a draft whose `when_scope` section says this (a retraction attached, in a
    letter that says the rights owner sent it to Amazon)."""
    fields: list[str] = Field(default_factory=list)
    """Only look in these item fields (all text fields when empty)."""
    ignorecase: bool = True
    per: Literal["sentence", "letter"] = "sentence"
    """sentence: a finding for each sentence that says it; letter: one finding, at the first,
    counting the other places (blanks left in a template are one problem, not twenty)."""

    _regex: Matcher | None = PrivateAttr(default=None)
    _unless: Matcher | None = PrivateAttr(default=None)
    _when: Matcher | None = PrivateAttr(default=None)
    _except_when: Matcher | None = PrivateAttr(default=None)

    def model_post_init(self, _context: object) -> None:
        self.compile()


class Required(RequiredLogic, RuleBase):
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
    unless: Patterns = Field(default_factory=list)
    """Items (or, per section, pieces) these match are not asked for it: a policy commitment
    ('we never buy from unauthorised sellers') needs no frequency."""
    ignorecase: bool = True
    below_words: int | None = Field(default=None, ge=1)
    """Asked only of a section (or letter) shorter than this many words: a long, detailed
    section shows the thing in its own way ('a root cause that never says why')."""

    _regex: Matcher | None = PrivateAttr(default=None)
    _when: Matcher | None = PrivateAttr(default=None)
    _unless: Matcher | None = PrivateAttr(default=None)

    def model_post_init(self, _context: object) -> None:
        self.compile()


class Count(CountLogic, RuleBase):
    """How much there must be: items in a section, words in a section or letter, headings in a
    letter, or the words of a letter's own text outside its three sections."""

    kind: Literal["count"]
    of: Literal["items", "words", "headings", "words outside the sections"]
    min: int | None = None
    max: int | None = None


class FieldFilled(FieldLogic, RuleBase):
    """A structured answer that must be filled in (answers files only)."""

    kind: Literal["field"]
    path: str
    inputs: Literal["answers"] = "answers"


class Requirement(BaseModel):
    """Something a section must contain, with the words used to tell the seller it is missing."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pattern: Pattern
    label: str


class ReplyDetail(ReplyLogic, RuleBase):
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


class Chain(ChainLogic, RuleBase):
    """One chain per issue: each listed issue needs its own cause, action and measure (answers files)."""

    kind: Literal["chain"]
    require: Literal["complete", "tagged"]
    """complete: every issue has an item in each section; tagged: every item names its issue."""
    inputs: Literal["answers"] = "answers"


class Repeat(RepeatLogic, RuleBase):
    """A resubmission must not repeat sentences of a letter Amazon already rejected."""

    kind: Literal["repeat"]
    min_words: int = 8


def _check_value_groups(patterns: list[str]) -> list[str]:
    """A consistent rule reads the words its patterns capture in groups named value, value2..."""
    for pattern in patterns:
        if not any(name.startswith("value") for name in compile_pattern(pattern).groupindex):
            raise ValueError(f"pattern {pattern!r} needs a group (?P<value>...) around the number it reads")
    return patterns


class Consistent(ConsistentLogic, RuleBase):
    """Numbers the letter states must agree with the answer holding them, or with another section.

    Patterns capture the stated words in named groups `value`, `value2`...; they are
    read as `value` (number, count, date or year) and compared with the answer at `path`
    (with `until`: a date must lie from `path` to `until`). With `against` instead of a
    path, the same patterns read the values of that section (years: the actions' dates
    against the root cause's), in letters as in answers files. `{detail}` in the message
    is the value compared with.
    """

    kind: Literal["consistent"]
    path: str = ""
    until: str = ""
    against: Scope | None = None
    value: Literal["number", "count", "date", "year"]
    tolerance: float = Field(default=0.1, ge=0)
    patterns: Annotated[Patterns, AfterValidator(_check_value_groups)] = Field(min_length=1)
    ignorecase: bool = True
    inputs: Literal["any", "answers", "letter"] = "answers"

    @model_validator(mode="after")
    def _path_or_against(self) -> "Consistent":
        if bool(self.path) == bool(self.against):
            raise ValueError("a consistent rule compares with an answer (path) or with a section (against), one of them")
        if self.against and self.value != "year":
            raise ValueError("against compares years only (value: year)")
        return self

    _regex: Matcher | None = PrivateAttr(default=None)

    def model_post_init(self, _context: object) -> None:
        self.compile()


class Together(TogetherLogic, RuleBase):
    """One finding when the section says none of what the `required` rules named in `rules` ask
    for (each judged on the section as a whole); give those rules `yields_to` this one."""

    kind: Literal["together"]
    rules: list[str] = Field(min_length=2)


Rule = Annotated[Union[Existence, Required, Count, FieldFilled, ReplyDetail, Chain, Repeat, Consistent,
                       Together],
                 Field(discriminator="kind")]
