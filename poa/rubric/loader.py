"""Load rubric files: common.yaml for every kind, and one file per suspension kind that extends it.

A rubric file is data: the kind's title and summary, its metric and target,
the guiding questions for each section, an example answer for each field
(shown in the empty boxes of the drafting screen), the words that reveal the
kind in a letter, and its rules. Loading validates everything up front
(including each regular expression), and reports problems as
FILE:LINE:COL: rules.N.field: ...
Loaded rubrics are cached for the life of the process.

This is the careful, slow path (YAML with positions, pydantic). What the
checker runs, `load_rubric`, lives in compiled.py: it compiles each file once
through here and keeps the result in poa's cache folder.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from poa.errors import InputError, Problem
from poa.files import yamlfile
from poa.files.textfile import read_text
from poa.files.validation import problems_from
from poa.rubric.rules import Patterns, Rule


class Metric(BaseModel):
    """The metric a kind is about, and Amazon's target for it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    target: float
    direction: Literal["at_least", "below"]
    """'at_least' for rates that must reach the target (VTR), 'below' for rates that must stay under it."""


PLACEHOLDER_LENGTH = 120
"""Longest example placeholder: one line a seller reads at a glance in an empty answer box."""


def _check_placeholder(text: str) -> str:
    """One short line, without the 'e.g.' the screen adds; a rubric author's slip is a located error."""
    text = text.strip()
    if "\n" in text:
        raise ValueError("expected one line of text (a placeholder shows in an empty box)")
    if not text or len(text) > PLACEHOLDER_LENGTH:
        raise ValueError(f"expected 1 to {PLACEHOLDER_LENGTH} characters (got {len(text)})")
    if text.lower().startswith(("e.g.", "eg ", "for example")):
        raise ValueError("leave out 'e.g.': the screen puts it before the example")
    return text


Placeholder = Annotated[str, AfterValidator(_check_placeholder)]


class RootCausePlaceholders(BaseModel):
    """Example answers for the fields of a root cause."""

    model_config = ConfigDict(extra="forbid")

    what: Placeholder = ""
    why: Placeholder = ""
    not_caught: Placeholder = ""
    evidence: Placeholder = ""


class ActionPlaceholders(BaseModel):
    """Example answers for the fields of a corrective action (done in the past tense)."""

    model_config = ConfigDict(extra="forbid")

    what: Placeholder = ""
    evidence: Placeholder = ""


class MeasurePlaceholders(BaseModel):
    """Example answers for the fields of a preventive measure (a trigger, an owner, a tool)."""

    model_config = ConfigDict(extra="forbid")

    what: Placeholder = ""
    frequency: Placeholder = ""
    owner: Placeholder = ""
    tool: Placeholder = ""


class Placeholders(BaseModel):
    """Per section, an example answer for each text field; the screen shows it in an empty box."""

    model_config = ConfigDict(extra="forbid")

    root_cause: RootCausePlaceholders = RootCausePlaceholders()
    corrective_actions: ActionPlaceholders = ActionPlaceholders()
    preventive_measures: MeasurePlaceholders = MeasurePlaceholders()

    def by_section(self) -> dict[str, dict[str, str]]:
        """The examples given, as plain mappings: section -> field -> text."""
        return {section: {name: text for name, text in getattr(self, section).model_dump().items() if text}
                for section in type(self).model_fields}


class RubricFile(BaseModel):
    """One YAML file in rubrics/."""

    model_config = ConfigDict(extra="forbid")

    rubric: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    summary: str
    extends: str | None = None
    metric: Metric | None = None
    detect: Patterns = Field(default_factory=list)
    """Patterns that reveal this kind in a letter (used when --kind is not given)."""
    professional_help: str = ""
    """Said plainly to the seller when this kind is one where a professional should review the appeal."""
    questions: dict[Literal["context", "root_cause", "corrective_actions", "preventive_measures"],
                    list[str]] = Field(default_factory=dict)
    placeholders: Placeholders = Placeholders()
    """Example answers fitting this kind, shown in empty answer boxes (else the screen's generic ones)."""
    rules: list[Rule] = Field(default_factory=list)


def _parse(path: Path) -> RubricFile:
    text = read_text(path)
    loaded = yamlfile.load(text, str(path))
    if not isinstance(loaded.data, dict):
        raise InputError(Problem(str(path), "expected a rubric: 'rubric:', 'title:', 'rules:' ...", 1, 1))
    try:
        parsed = RubricFile.model_validate(loaded.data)
    except ValidationError as err:
        raise InputError(_with_rule_ids(problems_from(err, loaded, str(path), RubricFile),
                                        loaded.data)) from None
    if parsed.rubric != path.stem:
        line, col = loaded.where(("rubric",)) or (None, None)
        raise InputError(Problem(str(path), f"the rubric id '{parsed.rubric}' must match the file "
                                            f"name '{path.stem}'", line, col, "rubric"))
    seen: dict[str, int] = {}
    for index, rule in enumerate(parsed.rules):
        if rule.id in seen:
            line, col = loaded.where(("rules", index, "id")) or (None, None)
            raise InputError(Problem(str(path), f"rule id '{rule.id}' is used twice (also rule "
                                                f"{seen[rule.id]})", line, col, f"rules.{index}.id"))
        seen[rule.id] = index
    _check_references(parsed, loaded, path)
    return parsed


def _check_references(parsed: RubricFile, loaded, path: Path) -> None:  # noqa: ANN001 - a yamlfile.Loaded
    """Rule ids named by `yields_to` and by a together rule's `rules` exist (in this file or in
    common.yaml beside it), so a typo is a located error rather than a rule that never applies."""
    common = set() if path.stem == "common" else _common_ids(path.parent / "common.yaml")
    common_required = set() if path.stem == "common" else _common_ids(path.parent / "common.yaml", "required")
    known = {rule.id for rule in parsed.rules} | common
    required = {rule.id for rule in parsed.rules if rule.kind == "required"} | common_required
    for index, rule in enumerate(parsed.rules):
        for place, other in enumerate(rule.rules if rule.kind == "together" else ()):
            if other not in required:
                line, col = loaded.where(("rules", index, "rules", place)) or (None, None)
                raise InputError(Problem(str(path), f"in rule {rule.id}: rules names '{other}', which is "
                                                    "not a required rule of this rubric or common.yaml",
                                         line, col, f"rules.{index}.rules.{place}"))
        for place, other in enumerate(rule.yields_to):
            if other not in known or other == rule.id:
                line, col = loaded.where(("rules", index, "yields_to", place)) or (None, None)
                what = "itself" if other == rule.id else f"'{other}', which no rule of this rubric or common.yaml has"
                raise InputError(Problem(str(path), f"in rule {rule.id}: yields_to names {what}",
                                         line, col, f"rules.{index}.yields_to.{place}"))


def _common_ids(path: Path, kind: str | None = None) -> set[str]:
    """The rule ids (of one kind of rule) of common.yaml beside a kind's rubric (none when there is
    no such file)."""
    try:
        return {rule.id for rule in load_file(path).rules if kind is None or rule.kind == kind}
    except (InputError, OSError):
        return set()


def _with_rule_ids(problems: list[Problem], data: dict) -> list[Problem]:
    """Name the rule each problem is in (`rules.12` alone is hard to find in a long file)."""
    rules = data.get("rules") if isinstance(data.get("rules"), list) else []
    named = []
    for problem in problems:
        parts = problem.path.split(".")
        if len(parts) > 1 and parts[0] == "rules" and parts[1].isdigit() and int(parts[1]) < len(rules):
            rule = rules[int(parts[1])]
            rule_id = rule.get("id") if isinstance(rule, dict) else None
            if isinstance(rule_id, str):
                problem = Problem(problem.file, f"in rule {rule_id}: {problem.message}", problem.line,
                                  problem.column, problem.path)
        named.append(problem)
    return named


@lru_cache(maxsize=64)
def load_file(path: Path) -> RubricFile:
    """Parse and validate one rubric file (cached per process)."""
    return _parse(path)
