"""Rubrics as the checker runs them: compiled once, cached on disk, loaded without pydantic.

`load_rubric(kind)` gives the rules of common.yaml followed by those of the
kind's file. The first time a rubric file is used, loader.py parses and
validates it (YAML with positions, pydantic; a bad file is reported as
FILE:LINE:COL and never cached), and it is compiled: plain rules (checks.py)
and each rule's patterns with the words they need (matcher.py). The compiled
form is kept as JSON in poa's cache folder (poa/files/cache.py), keyed by the
file's path, size, time and checksum and by poa's own code, so that later
runs load it in a few milliseconds without importing pydantic or PyYAML. A
cache that cannot be read or written is ignored, and poa works as it would
without one. Loaded rubrics are also kept for the life of the process.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections import namedtuple
from functools import cached_property, lru_cache
from pathlib import Path

from poa import __version__
from poa.errors import InputError, Problem
from poa.files.cache import read_json, write_json
from poa.files.paths import rubrics_dir
from poa.files.textfile import read_text
from poa.letters.pieces import cut
from poa.rubric.checks import dump_matcher, load_matcher, runtime_rule
from poa.rubric.matcher import Matcher

TYPE_CHECKING = False  # not typing's: importing typing costs `poa check` several milliseconds
if TYPE_CHECKING:
    from poa.rubric.loader import RubricFile  # pydantic: loaded only to compile a file

COMMON = "common"
FORMAT = 7
"""Version of the cache's layout; a change makes every cached rubric stale."""


class Metric(namedtuple("Metric", "name target direction")):
    """The metric a kind is about and Amazon's target for it, as the rubric file states them;
    direction is 'at_least' (the rate must reach the target) or 'below' (it must stay under it).
    A named tuple, like Problem (see poa/errors.py)."""

    __slots__ = ()


class CompiledFile:
    """One rubric file, ready to run, with what the letter and the screens show of its kind."""

    def __init__(self, path: Path, rubric: str, title: str, summary: str, professional_help: str,
                 detect: Matcher | None, rules_source: tuple | list, metric: Metric | None = None,
                 questions: dict[str, list[str]] | None = None,
                 placeholders: dict[str, dict[str, str]] | None = None) -> None:
        self.path = path
        self.rubric = rubric
        """The kind's id (the file name without .yaml)."""
        self.title = title
        self.summary = summary
        self.professional_help = professional_help
        self.detect = detect
        """The words that reveal this kind in a letter."""
        self.rules_source = rules_source
        """The rules ready to run (a tuple), or as the cache keeps them (a list: built when first
        used, so that guessing the kind of a letter reads every kind's file but builds the rules
        of one)."""
        self.metric = metric
        self.questions = questions if questions is not None else {}
        """The guiding questions, by step (context and the three sections)."""
        self.placeholders = placeholders if placeholders is not None else {}
        """Example answers that fit this kind: section -> field -> text (only those given)."""

    @cached_property
    def rules(self) -> tuple:
        if isinstance(self.rules_source, tuple):
            return self.rules_source
        try:
            return tuple(runtime_rule(rule["fields"], {name: load_matcher(value)
                                                       for name, value in rule["matchers"].items()})
                         for rule in self.rules_source)
        except Exception:  # noqa: BLE001 - a damaged cache entry: compile the file again
            from poa.rubric.loader import load_file

            return _compile(load_file(self.path), self.path)[0].rules


class Rubric:
    """What applies to one draft: the kind's file (None: common rules alone), common.yaml, and the
    merged rules of common + kind.

    The two files are validated rubric files (loader.RubricFile) or, from
    load_rubric, compiled ones standing in for them. Both carry what checking,
    the letter and the screens need (rules, title, summary, metric, questions,
    placeholders), so `kind_info`, `questions` and `placeholder` never parse
    YAML; `kind` and `common`, the validated files with every field (detect
    patterns, rule models), are read only when something asks for them.
    """

    def __init__(self, kind_file: CompiledFile | RubricFile | None,
                 common_file: CompiledFile | RubricFile, rules: tuple) -> None:
        self.kind_file = kind_file
        self.common_file = common_file
        self.rules = rules

    @property
    def kind_id(self) -> str | None:
        return self.kind_file.rubric if self.kind_file else None

    @property
    def professional_help(self) -> str:
        return self.kind_file.professional_help if self.kind_file else ""

    @property
    def kind_info(self) -> CompiledFile | RubricFile | None:
        """The kind's id (`rubric`), title, summary, metric and questions; None for common rules alone."""
        return self.kind_file

    @property
    def kind(self) -> RubricFile | None:
        return _validated(self.kind_file) if self.kind_file else None

    @property
    def common(self) -> RubricFile:
        return _validated(self.common_file)

    @property
    def questions(self) -> dict[str, list[str]]:
        return (self.kind_file or self.common_file).questions

    def placeholder(self, section: str, field: str) -> str:
        """The kind's example answer for a field of a section; '' when its file gives none."""
        file = self.kind_file or self.common_file
        if isinstance(file, CompiledFile):
            return file.placeholders.get(section, {}).get(field, "")
        return file.placeholders.by_section().get(section, {}).get(field, "")

    @cached_property
    def reply_asks(self) -> dict[str, list[re.Pattern[str]]]:
        """The reply phrases of every reply rule, by the section they ask about."""
        asks: dict[str, list[re.Pattern[str]]] = {}
        for rule in self.rules:
            if rule.kind == "reply" and rule.asks:
                asks.setdefault(rule.scope, []).extend(rule.compiled_asks)
        return asks


def _validated(file: CompiledFile | RubricFile) -> RubricFile:
    if isinstance(file, CompiledFile):
        from poa.rubric.loader import load_file

        return load_file(file.path)
    return file


def kind_files(folder: Path | None = None) -> dict[str, Path]:
    """Every suspension kind poa knows: file stem -> path (common.yaml is not a kind)."""
    folder = folder or rubrics_dir()
    return {p.stem: p for p in sorted(folder.glob("*.yaml")) if p.stem != COMMON}


def known_kinds(folder: Path | None = None) -> list[CompiledFile]:
    """Every kind's rubric (id, title, summary, metric, questions), in file-name order."""
    return [compiled_file(path) for path in kind_files(folder).values()]


@lru_cache(maxsize=64)
def load_rubric(kind: str | None, folder: Path | None = None) -> Rubric:
    """The rules that apply to a draft of `kind` (common rules alone when kind is None, or 'common':
    what an answers file says when the kind of its letter was not recognised)."""
    folder = folder or rubrics_dir()
    common = compiled_file(folder / f"{COMMON}.yaml")
    if kind is None or kind == COMMON:
        return Rubric(None, common, common.rules)
    files = kind_files(folder)
    if kind not in files:
        raise UnknownKind(kind, sorted(files))
    kind_file = compiled_file(files[kind])
    clash = {rule.id for rule in kind_file.rules} & {rule.id for rule in common.rules}
    if clash:
        raise InputError(Problem(str(files[kind]), f"rule id(s) {', '.join(sorted(clash))} already "
                                                   "defined in common.yaml"))
    return Rubric(kind_file, common, common.rules + kind_file.rules)


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
    for path in kind_files(folder).values():
        rubric = compiled_file(path)
        if rubric.detect is None:
            continue
        hits: dict[str, int] = {}
        for _, piece in cut(text):  # bounded pieces, as the engine runs rules (see bounded.py)
            for match in rubric.detect.finditer(piece):
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


# --- compiling and the cache ----------------------------------------------------------------


@lru_cache(maxsize=64)
def compiled_file(path: Path) -> CompiledFile:
    """One rubric file ready to run: from the cache when it is current, else validated and compiled."""
    key = _key(path)
    if key is not None:
        cached = _read(path, key)
        if cached is not None:
            return cached
    from poa.rubric.loader import load_file

    compiled, kept = _compile(load_file(path), path)
    if key is not None and kept is not None:
        write_json(_cache_name(key), {"key": key, "file": kept})
    return compiled


def _compile(model: RubricFile, path: Path) -> tuple[CompiledFile, dict | None]:
    """The file ready to run, and what the cache keeps of it (None when it cannot be kept)."""
    from poa.rubric.checks import RUNTIME, compile_patterns

    detect = compile_patterns(model.detect)
    metric = Metric(**model.metric.model_dump()) if model.metric else None
    questions = {step: list(asked) for step, asked in model.questions.items()}
    placeholders = model.placeholders.by_section()
    if not all(rule.kind in RUNTIME for rule in model.rules):
        # a rule kind without a plain twin in checks.py: run the validated models, cache nothing
        return CompiledFile(path, model.rubric, model.title, model.summary, model.professional_help,
                            detect, tuple(model.rules), metric, questions, placeholders), None
    rules, kept_rules = [], []
    for rule in model.rules:
        fields = rule.model_dump(mode="json")
        matchers = {name: getattr(rule, name) for name in rule.matchers}
        rules.append(runtime_rule(fields, matchers))
        kept_rules.append({"fields": fields,
                           "matchers": {name: dump_matcher(m) for name, m in matchers.items()}})
    kept = {"rubric": model.rubric, "title": model.title, "summary": model.summary,
            "professional_help": model.professional_help, "detect": dump_matcher(detect),
            "metric": model.metric.model_dump() if model.metric else None, "questions": questions,
            "placeholders": placeholders, "rules": kept_rules}
    return CompiledFile(path, model.rubric, model.title, model.summary, model.professional_help,
                        detect, tuple(rules), metric, questions, placeholders), kept


@lru_cache(maxsize=1)
def _code_key() -> str:
    """Changes whenever the code that compiles or runs rules changes (a development checkout)."""
    here = Path(__file__).resolve().parent
    parts = [str(FORMAT), __version__, f"{sys.version_info[0]}.{sys.version_info[1]}"]
    for name in ("checks.py", "compiled.py", "finding.py", "loader.py", "matcher.py", "pattern_shape.py",
                 "patterns.py", "regex_safety.py", "rules.py"):
        try:
            stat = (here / name).stat()
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:-")
    return ";".join(parts)


def _key(path: Path) -> dict | None:
    try:
        raw = read_text(path).encode("utf-8")  # never blocks on a pipe planted among the rubrics
        stat = path.stat()
        return {"path": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                "crc": zlib.crc32(raw), "code": _code_key()}
    except (OSError, InputError):
        return None  # the slow path reports why the file cannot be read


def _cache_name(key: dict) -> str:
    return f"rubric-{Path(key['path']).stem}-{zlib.crc32(key['path'].encode('utf-8')):08x}.json"


def _read(path: Path, key: dict) -> CompiledFile | None:
    data = read_json(_cache_name(key))
    try:
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        entry = data["file"]
        rules = entry["rules"]
        if not isinstance(rules, list) or not all(_kept_rule(rule) for rule in rules):
            return None
        if not all(isinstance(entry[name], str) for name in ("rubric", "title", "summary",
                                                             "professional_help")):
            return None
        questions = entry["questions"]
        if not isinstance(questions, dict) or not all(
                isinstance(asked, list) and all(isinstance(q, str) for q in asked)
                for asked in questions.values()):
            return None
        placeholders = entry["placeholders"]
        if not isinstance(placeholders, dict) or not all(
                isinstance(fields, dict) and all(isinstance(text, str) for text in fields.values())
                for fields in placeholders.values()):
            return None
        metric = Metric(**entry["metric"]) if entry["metric"] else None
        return CompiledFile(path, entry["rubric"], entry["title"], entry["summary"],
                            entry["professional_help"], load_matcher(entry["detect"]), rules, metric,
                            {str(step): list(asked) for step, asked in questions.items()},
                            {str(section): dict(fields) for section, fields in placeholders.items()})
    except Exception:  # noqa: BLE001 - stale or damaged: compile again
        return None


def _kept_rule(rule: object) -> bool:
    """A rule as _compile keeps it: its fields (with a known kind and the text every finding
    shows) and its matchers (checked when the rule is built)."""
    from poa.rubric.checks import RUNTIME

    if not isinstance(rule, dict) or not isinstance(rule.get("matchers"), dict):
        return False
    fields = rule.get("fields")
    return (isinstance(fields, dict) and fields.get("kind") in RUNTIME
            and all(isinstance(fields.get(name), str)
                    for name in ("id", "category", "severity", "scope", "message", "why", "link",
                                 "inputs")))

