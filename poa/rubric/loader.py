"""Load rubric files: common.yaml for every kind, and one file per suspension kind that extends it.

A rubric file is data: the kind's title and summary, its metric and target,
the guiding questions for each section, the words that reveal the kind in a
letter, and its rules. Loading validates everything up front (including each
regular expression), and reports problems as FILE:LINE:COL: rules.N.field: ...
Loaded rubrics are cached for the life of the process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from poa import yamlfile
from poa.errors import InputError, Problem
from poa.paths import rubrics_dir
from poa.rubric.bounded import cut
from poa.rubric.rules import Patterns, Rule, compile_patterns
from poa.textfile import read_text
from poa.validation import problems_from

COMMON = "common"


class Metric(BaseModel):
    """The metric a kind is about, and Amazon's target for it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    target: float
    direction: Literal["at_least", "below"]
    """'at_least' for rates that must reach the target (VTR), 'below' for rates that must stay under it."""


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
    rules: list[Rule] = Field(default_factory=list)


@dataclass(frozen=True)
class Rubric:
    """What applies to one draft: the kind (if any) and the merged rules of common + kind."""

    kind: RubricFile | None
    common: RubricFile
    rules: tuple

    @property
    def kind_id(self) -> str | None:
        return self.kind.rubric if self.kind else None

    @cached_property
    def reply_asks(self) -> dict[str, list]:
        """The reply phrases of every reply rule, by the section they ask about."""
        asks: dict[str, list] = {}
        for rule in self.rules:
            if getattr(rule, "kind", None) == "reply" and rule.compiled_asks:
                asks.setdefault(rule.scope, []).extend(rule.compiled_asks)
        return asks

    @property
    def questions(self) -> dict[str, list[str]]:
        return self.kind.questions if self.kind else self.common.questions




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
    return parsed


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


def kind_files(folder: Path | None = None) -> dict[str, Path]:
    """Every suspension kind poa knows: file stem -> path (common.yaml is not a kind)."""
    folder = folder or rubrics_dir()
    return {p.stem: p for p in sorted(folder.glob("*.yaml")) if p.stem != COMMON}


def known_kinds(folder: Path | None = None) -> list[RubricFile]:
    """The loaded rubric of every kind, in file-name order."""
    return [load_file(path) for path in kind_files(folder).values()]


@lru_cache(maxsize=64)
def load_rubric(kind: str | None, folder: Path | None = None) -> Rubric:
    """The rules that apply to a draft of `kind` (common rules alone when kind is None)."""
    folder = folder or rubrics_dir()
    common = load_file(folder / f"{COMMON}.yaml")
    if kind is None:
        return Rubric(None, common, tuple(common.rules))
    files = kind_files(folder)
    if kind not in files:
        raise UnknownKind(kind, sorted(files))
    kind_file = load_file(files[kind])
    ids = {rule.id for rule in kind_file.rules}
    clash = ids & {rule.id for rule in common.rules}
    if clash:
        raise InputError(Problem(str(files[kind]), f"rule id(s) {', '.join(sorted(clash))} already "
                                                   "defined in common.yaml"))
    return Rubric(kind_file, common, tuple(common.rules) + tuple(kind_file.rules))


class UnknownKind(InputError):
    """A kind that has no rubric file."""

    def __init__(self, kind: str, known: list[str]):
        import difflib

        hint = difflib.get_close_matches(kind, known, n=1)
        tip = f"; did you mean '{hint[0]}'?" if hint else ""
        super().__init__(Problem("--kind", f"unknown suspension kind '{kind}'{tip} "
                                           f"(known: {', '.join(known)}; see: poa kinds)"))


def infer_kind(text: str, folder: Path | None = None) -> tuple[str, str] | None:
    """Guess the kind of a letter from its words; returns (kind, why) or None when unsure."""
    best: tuple[int, str, list[str]] | None = None
    for rubric in known_kinds(folder):
        regex = compile_patterns(rubric.detect)
        if regex is None:
            continue
        hits: dict[str, int] = {}
        for _, piece in cut(text):  # bounded pieces, as the engine runs rules (see bounded.py)
            for match in regex.finditer(piece):
                word = match.group(0).lower()
                hits[word] = hits.get(word, 0) + 1
        score = sum(hits.values())
        if score and (best is None or score > best[0]):
            shown = [f"'{w}' x{n}" if n > 1 else f"'{w}'" for w, n in
                     sorted(hits.items(), key=lambda kv: -kv[1])[:3]]
            best = (score, rubric.rubric, shown)
    if best is None or best[0] < 2:
        return None
    return best[1], "the letter mentions " + ", ".join(best[2])
